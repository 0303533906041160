using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// The outcome of a least-squares minimisation: the best parameters found, their uncertainties,
/// χ² and the history. Immutable. Every value is finite except the s.u. of parameters that the data
/// do not determine (status <see cref="LeastSquaresStatus.Singular"/>), which are +∞.
/// </summary>
/// <remarks>
/// <para><b>Uncertainties.</b> With A = JᵀJ at the best state (weighted Jacobian),
/// the unscaled covariance is A⁻¹ and the (default, scaled) covariance is s²·A⁻¹ with
/// s² = χ²/(n − p), the reduced χ². The scaled standard uncertainties sqrt(s²·(A⁻¹)ⱼⱼ) are what
/// crystallographic programs report and what NIST StRD certifies as "standard deviation of the
/// estimate". The unscaled ones are right when the weights are exact inverse variances and the
/// model is believed (they equal the scaled ones times 1/s).</para>
/// <para>When A is rank-deficient the covariance is the Moore–Penrose pseudo-inverse of the
/// unit-diagonal-scaled A, i.e. the covariance of the combinations the data determine.</para>
/// </remarks>
public sealed class LeastSquaresResult
{
    private readonly double[] _unscaledCovariance;
    private readonly double[] _correlation;

    internal LeastSquaresResult(
        LeastSquaresStatus status, double[] parameters, double[] standardUncertainties, double[] unscaledStandardUncertainties,
        double[] unscaledCovariance, double[] correlation, double chiSquared, int observationCount, int parameterCount,
        int cycles, LeastSquaresTrial[] history, int[] nullSpaceParameters, string[] nullSpaceParameterNames,
        string[]? parameterNames, double reciprocalConditionNumber)
    {
        Status = status;
        Parameters = ImmutableArray.Create(parameters);
        StandardUncertainties = ImmutableArray.Create(standardUncertainties);
        UnscaledStandardUncertainties = ImmutableArray.Create(unscaledStandardUncertainties);
        _unscaledCovariance = unscaledCovariance;
        _correlation = correlation;
        ChiSquared = chiSquared;
        ObservationCount = observationCount;
        ParameterCount = parameterCount;
        Cycles = cycles;
        History = ImmutableArray.Create(history);
        NullSpaceParameters = ImmutableArray.Create(nullSpaceParameters);
        NullSpaceParameterNames = ImmutableArray.Create(nullSpaceParameterNames);
        ParameterNames = parameterNames is null ? [] : ImmutableArray.Create(parameterNames);
        ReciprocalConditionNumber = reciprocalConditionNumber;
    }

    /// <summary>How the minimisation ended.</summary>
    public LeastSquaresStatus Status { get; }

    /// <summary>The best parameters found (the state with the lowest χ²).</summary>
    public ImmutableArray<double> Parameters { get; }

    /// <summary>The parameter names the caller gave, or empty.</summary>
    public ImmutableArray<string> ParameterNames { get; }

    /// <summary>s.u.ⱼ = sqrt(s²·(A⁻¹)ⱼⱼ), s² the reduced χ² — the convention of crystallography and of NIST StRD.</summary>
    public ImmutableArray<double> StandardUncertainties { get; }

    /// <summary>sqrt((A⁻¹)ⱼⱼ), not scaled by the reduced χ².</summary>
    public ImmutableArray<double> UnscaledStandardUncertainties { get; }

    /// <summary>χ² = Σ rᵢ² = Σ wᵢ (y_obs − y_calc)² at the best state (for unit weights, the residual sum of squares).</summary>
    public double ChiSquared { get; }

    /// <summary>The reduced χ², s² = χ² / (n − p).</summary>
    public double ReducedChiSquared => ChiSquared / DegreesOfFreedom;

    /// <summary>n − p.</summary>
    public int DegreesOfFreedom => ObservationCount - ParameterCount;

    /// <summary>n.</summary>
    public int ObservationCount { get; }

    /// <summary>p.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of cycles run (normal-matrix builds).</summary>
    public int Cycles { get; }

    /// <summary>Every trial step, in order: cycle, χ², λ, accepted.</summary>
    public ImmutableArray<LeastSquaresTrial> History { get; }

    /// <summary>Indices of the parameters in the null direction(s) of the normal matrix (empty unless rank-deficient).</summary>
    public ImmutableArray<int> NullSpaceParameters { get; }

    /// <summary>The names of <see cref="NullSpaceParameters"/>, when names were given; otherwise empty.</summary>
    public ImmutableArray<string> NullSpaceParameterNames { get; }

    /// <summary>Smallest / largest singular value of the unit-diagonal-scaled normal matrix at the best state.</summary>
    public double ReciprocalConditionNumber { get; }

    /// <summary>The scaled covariance s²·(A⁻¹)ᵢⱼ.</summary>
    /// <param name="i">Row parameter index.</param>
    /// <param name="j">Column parameter index.</param>
    /// <returns>The covariance of parameters i and j.</returns>
    public double Covariance(int i, int j) => UnscaledCovariance(i, j) * ReducedChiSquared;

    /// <summary>The unscaled covariance (A⁻¹)ᵢⱼ.</summary>
    /// <param name="i">Row parameter index.</param>
    /// <param name="j">Column parameter index.</param>
    /// <returns>The unscaled covariance of parameters i and j.</returns>
    public double UnscaledCovariance(int i, int j) => _unscaledCovariance[Index(i, j)];

    /// <summary>The correlation coefficient of parameters i and j (1 on the diagonal).</summary>
    /// <param name="i">Row parameter index.</param>
    /// <param name="j">Column parameter index.</param>
    /// <returns>A value in [−1, 1].</returns>
    public double Correlation(int i, int j) => _correlation[Index(i, j)];

    /// <summary>A new p × p array of the scaled covariance.</summary>
    /// <returns>A copy the caller owns.</returns>
    public double[,] CovarianceMatrix() => ToMatrix(_unscaledCovariance, ReducedChiSquared);

    /// <summary>A new p × p array of the correlation matrix.</summary>
    /// <returns>A copy the caller owns.</returns>
    public double[,] CorrelationMatrix() => ToMatrix(_correlation, 1.0);

    /// <summary>A one-line summary: status, χ², reduced χ², cycles.</summary>
    /// <returns>The summary text.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"{Status}: χ² = {ChiSquared:G10}, reduced χ² = {ReducedChiSquared:G6}, {Cycles} cycles");

    private int Index(int i, int j)
    {
        if ((uint)i >= (uint)ParameterCount) throw new ArgumentOutOfRangeException(nameof(i), i, $"Must lie in [0, {ParameterCount}).");
        if ((uint)j >= (uint)ParameterCount) throw new ArgumentOutOfRangeException(nameof(j), j, $"Must lie in [0, {ParameterCount}).");
        return i * ParameterCount + j;
    }

    private double[,] ToMatrix(double[] source, double factor)
    {
        int p = ParameterCount;
        var m = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                m[i, j] = source[i * p + j] * factor;
        return m;
    }
}
