namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// The settings of a Levenberg–Marquardt minimisation. Immutable; <c>with</c> makes a changed copy.
/// </summary>
/// <remarks>
/// Convergence needs both criteria at once: the relative χ² decrease (χ²_old − χ²_new)/χ²_new of an
/// accepted step at most <see cref="RelativeChiSquaredTolerance"/>, and max |δⱼ|/s.u.ⱼ at most
/// <see cref="ShiftOverUncertaintyTolerance"/> (s.u. from the undamped normal matrix scaled by the
/// reduced χ², as crystallographic programs report "max shift/esd").
/// </remarks>
public sealed record LevenbergMarquardtOptions
{
    /// <summary>The defaults: 100 cycles, relative χ² tolerance 1e-10, shift/s.u. tolerance 1e-4,
    /// λ₀ = 1e-3, ×10 up, ÷10 down, Marquardt scaling on.</summary>
    public static LevenbergMarquardtOptions Default { get; } = new();

    /// <summary>The largest number of cycles (normal-matrix builds); at least 1.</summary>
    public int MaximumCycles { get; init; } = 100;

    /// <summary>Convergence threshold on the relative χ² decrease of an accepted step; ≥ 0.</summary>
    public double RelativeChiSquaredTolerance { get; init; } = 1e-10;

    /// <summary>Convergence threshold on the largest |shift| / s.u. of an accepted step; ≥ 0.</summary>
    public double ShiftOverUncertaintyTolerance { get; init; } = 1e-4;

    /// <summary>The damping λ of the first trial; &gt; 0.</summary>
    public double InitialLambda { get; init; } = 1e-3;

    /// <summary>λ is multiplied by this after a rejected trial; &gt; 1.</summary>
    public double LambdaIncreaseFactor { get; init; } = 10.0;

    /// <summary>λ is divided by this after an accepted step; &gt; 1.</summary>
    public double LambdaDecreaseFactor { get; init; } = 10.0;

    /// <summary>A cycle that needs λ above this to find an acceptable step gives up (see <see cref="LeastSquaresStatus"/>).</summary>
    public double MaximumLambda { get; init; } = 1e16;

    /// <summary>λ never falls below this, so the damped matrix keeps a trace of damping.</summary>
    public double MinimumLambda { get; init; } = 1e-15;

    /// <summary>
    /// Damp with λ·diag(JᵀJ) (Marquardt 1963) rather than λ·I, which makes the step invariant to the
    /// units of the parameters. The diagonal used is the running maximum over cycles (Moré 1978,
    /// MINPACK lmder), so a column that momentarily vanishes does not remove its own damping.
    /// </summary>
    public bool MarquardtScaling { get; init; } = true;

    /// <summary>
    /// The normal matrix, scaled to unit diagonal, is declared rank-deficient when its smallest
    /// singular value is below this fraction of its largest. 1e-14 sits a little above the rounding
    /// level of double precision (≈ p·2.2e-16) so that an exactly dependent pair of columns is caught,
    /// while ill-conditioned but determined problems (NIST Lanczos3, whose scaled condition number is
    /// far below 1e14) are not.
    /// </summary>
    public double SingularityTolerance { get; init; } = 1e-14;

    /// <summary>Checks every setting and throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public void Validate()
    {
        if (MaximumCycles < 1) throw new ArgumentOutOfRangeException(nameof(MaximumCycles), MaximumCycles, "At least one cycle is needed.");
        if (!(RelativeChiSquaredTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(RelativeChiSquaredTolerance), RelativeChiSquaredTolerance, "Must be a non-negative number.");
        if (!(ShiftOverUncertaintyTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(ShiftOverUncertaintyTolerance), ShiftOverUncertaintyTolerance, "Must be a non-negative number.");
        if (!(InitialLambda > 0) || double.IsInfinity(InitialLambda)) throw new ArgumentOutOfRangeException(nameof(InitialLambda), InitialLambda, "Must be positive and finite.");
        if (!(LambdaIncreaseFactor > 1) || double.IsInfinity(LambdaIncreaseFactor)) throw new ArgumentOutOfRangeException(nameof(LambdaIncreaseFactor), LambdaIncreaseFactor, "Must exceed 1 and be finite.");
        if (!(LambdaDecreaseFactor > 1) || double.IsInfinity(LambdaDecreaseFactor)) throw new ArgumentOutOfRangeException(nameof(LambdaDecreaseFactor), LambdaDecreaseFactor, "Must exceed 1 and be finite.");
        if (!(MinimumLambda > 0) || !(MaximumLambda > MinimumLambda) || double.IsInfinity(MaximumLambda)) throw new ArgumentOutOfRangeException(nameof(MaximumLambda), MaximumLambda, "Need 0 < MinimumLambda < MaximumLambda < ∞.");
        if (!(SingularityTolerance > 0 && SingularityTolerance < 1)) throw new ArgumentOutOfRangeException(nameof(SingularityTolerance), SingularityTolerance, "Must lie in (0, 1).");
    }
}
