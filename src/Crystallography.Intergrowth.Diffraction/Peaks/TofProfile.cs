namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The d-dependence of the GSAS time-of-flight peak-shape parameters (GSAS-II's TOF instrument
/// and sample profile terms). Immutable; <c>with</c> expressions make changed copies.
/// </summary>
/// <remarks>
/// <code>
/// α  = α₀ + α₁/d                                   µs⁻¹
/// β  = β₀ + β₁/d⁴ + β_q/d²                         µs⁻¹
/// σ² = σ₀² + σ₁²·d² + σ₂²·d⁴ + σ_q²·d + [(1 − m_s)F_size]²/(8 ln 2) + [(1 − m_ε)F_strain]²/(8 ln 2)   µs²
/// γ  = γ₀ + γ₁·d + γ₂·d² + m_s·F_size + m_ε·F_strain   µs
/// F_size = 10⁻⁴·DIFC·d²/D   (D in µm)      F_strain = 10⁻⁶·DIFC·d·μ   (μ in 10⁻⁶)
/// </code>
/// <para>
/// GSAS-II names: alpha, beta-0, beta-1, beta-q, sig-0, sig-1, sig-2, sig-q, Z, X, Y (γ₀ = Z,
/// γ₁ = X, γ₂ = Y), Size;i, Size;mx, Mustrain;i, Mustrain;mx. GSAS-II's instrument "alpha" is α₁
/// here (it has no α₀); sample-dependent α₀ is offered for completeness. A σ² that comes out
/// negative is floored at <see cref="MinimumSigmaSquared"/> with zero derivatives.
/// </para>
/// </remarks>
public sealed record TofProfile
{
    /// <summary>The floor of σ² in µs².</summary>
    public const double MinimumSigmaSquared = 1e-10;

    private const double EightLn2 = 5.5451774444795624753378569716654;

    /// <summary>α₀, µs⁻¹.</summary>
    public double Alpha0 { get; init => field = PeakArguments.Finite(value, nameof(Alpha0)); }

    /// <summary>α₁, µs⁻¹·Å (GSAS-II "alpha").</summary>
    public double Alpha1 { get; init => field = PeakArguments.Finite(value, nameof(Alpha1)); }

    /// <summary>β₀, µs⁻¹ (GSAS-II "beta-0").</summary>
    public double Beta0 { get; init => field = PeakArguments.Finite(value, nameof(Beta0)); }

    /// <summary>β₁, µs⁻¹·Å⁴ (GSAS-II "beta-1").</summary>
    public double Beta1 { get; init => field = PeakArguments.Finite(value, nameof(Beta1)); }

    /// <summary>β_q, µs⁻¹·Å² (GSAS-II "beta-q").</summary>
    public double BetaQ { get; init => field = PeakArguments.Finite(value, nameof(BetaQ)); }

    /// <summary>σ₀², µs² (GSAS-II "sig-0").</summary>
    public double Sigma0Squared { get; init => field = PeakArguments.Finite(value, nameof(Sigma0Squared)); }

    /// <summary>σ₁², µs²/Å² (GSAS-II "sig-1").</summary>
    public double Sigma1Squared { get; init => field = PeakArguments.Finite(value, nameof(Sigma1Squared)); }

    /// <summary>σ₂², µs²/Å⁴ (GSAS-II "sig-2").</summary>
    public double Sigma2Squared { get; init => field = PeakArguments.Finite(value, nameof(Sigma2Squared)); }

    /// <summary>σ_q², µs²/Å (GSAS-II "sig-q").</summary>
    public double SigmaQSquared { get; init => field = PeakArguments.Finite(value, nameof(SigmaQSquared)); }

    /// <summary>γ₀, µs (GSAS-II "Z").</summary>
    public double Gamma0 { get; init => field = PeakArguments.Finite(value, nameof(Gamma0)); }

    /// <summary>γ₁, µs/Å (GSAS-II "X").</summary>
    public double Gamma1 { get; init => field = PeakArguments.Finite(value, nameof(Gamma1)); }

    /// <summary>γ₂, µs/Å² (GSAS-II "Y").</summary>
    public double Gamma2 { get; init => field = PeakArguments.Finite(value, nameof(Gamma2)); }

    /// <summary>Isotropic crystallite size D in µm; +∞ (the default) for none.</summary>
    public double CrystalliteSize { get; init => field = PeakArguments.CrystalliteSize(value, nameof(CrystalliteSize)); } = double.PositiveInfinity;

    /// <summary>Lorentzian fraction of the size broadening, in [0, 1]; 1 by default.</summary>
    public double SizeLorentzianFraction { get; init => field = PeakArguments.Fraction(value, nameof(SizeLorentzianFraction)); } = 1;

    /// <summary>Isotropic microstrain μ in 10⁻⁶, zero or positive.</summary>
    public double Microstrain { get; init => field = PeakArguments.Microstrain(value, nameof(Microstrain)); }

    /// <summary>Lorentzian fraction of the strain broadening, in [0, 1]; 1 by default.</summary>
    public double StrainLorentzianFraction { get; init => field = PeakArguments.Fraction(value, nameof(StrainLorentzianFraction)); } = 1;

    /// <summary>α, β, σ², γ of the peak at d-spacing <paramref name="d"/>, with their derivatives.</summary>
    /// <param name="d">d-spacing in Å, positive.</param>
    /// <param name="difC">DIFC in µs/Å (used by the size and strain terms), positive.</param>
    /// <returns>The shape parameters at that d.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A d or DIFC not positive.</exception>
    public TofPeakParameters ParametersAt(double d, double difC) => Coefficients.ParametersAt(d, difC);

    /// <summary>The sixteen coefficients as a value (what a refinement rebuilds at every evaluation without allocating).</summary>
    public TofCoefficients Coefficients => new(Alpha0, Alpha1, Beta0, Beta1, BetaQ, Sigma0Squared, Sigma1Squared, Sigma2Squared, SigmaQSquared,
                                               Gamma0, Gamma1, Gamma2, CrystalliteSize, SizeLorentzianFraction, Microstrain, StrainLorentzianFraction);
}

/// <summary>
/// The coefficients of a <see cref="TofProfile"/> as a value, with the shape-parameter computation itself: a refinement
/// that moves them at every evaluation builds this struct instead of a new profile object.
/// </summary>
/// <param name="Alpha0">α₀.</param>
/// <param name="Alpha1">α₁.</param>
/// <param name="Beta0">β₀.</param>
/// <param name="Beta1">β₁.</param>
/// <param name="BetaQ">β_q.</param>
/// <param name="Sigma0Squared">σ₀².</param>
/// <param name="Sigma1Squared">σ₁².</param>
/// <param name="Sigma2Squared">σ₂².</param>
/// <param name="SigmaQSquared">σ_q².</param>
/// <param name="Gamma0">γ₀.</param>
/// <param name="Gamma1">γ₁.</param>
/// <param name="Gamma2">γ₂.</param>
/// <param name="CrystalliteSize">D in µm (+∞ for none).</param>
/// <param name="SizeLorentzianFraction">m_s in [0, 1].</param>
/// <param name="Microstrain">μ in 10⁻⁶, ≥ 0.</param>
/// <param name="StrainLorentzianFraction">m_ε in [0, 1].</param>
public readonly record struct TofCoefficients(double Alpha0, double Alpha1, double Beta0, double Beta1, double BetaQ,
    double Sigma0Squared, double Sigma1Squared, double Sigma2Squared, double SigmaQSquared, double Gamma0, double Gamma1, double Gamma2,
    double CrystalliteSize, double SizeLorentzianFraction, double Microstrain, double StrainLorentzianFraction)
{
    private const double EightLn2 = 5.5451774444795624753378569716654;
    private const double MinimumSigmaSquared = TofProfile.MinimumSigmaSquared;

    /// <summary>Whether every coefficient is in the range <see cref="TofProfile"/> accepts.</summary>
    public bool IsValid =>
        double.IsFinite(Alpha0) && double.IsFinite(Alpha1) && double.IsFinite(Beta0) && double.IsFinite(Beta1) && double.IsFinite(BetaQ)
        && double.IsFinite(Sigma0Squared) && double.IsFinite(Sigma1Squared) && double.IsFinite(Sigma2Squared) && double.IsFinite(SigmaQSquared)
        && double.IsFinite(Gamma0) && double.IsFinite(Gamma1) && double.IsFinite(Gamma2)
        && PeakArguments.IsBroadeningValid(CrystalliteSize, SizeLorentzianFraction, Microstrain, StrainLorentzianFraction);

    /// <summary>α, β, σ², γ at one d (see <see cref="TofProfile.ParametersAt"/>). Allocates nothing.</summary>
    /// <param name="d">d-spacing in Å, positive.</param>
    /// <param name="difC">DIFC in µs/Å, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A d or DIFC not positive.</exception>
    public TofPeakParameters ParametersAt(double d, double difC)
    {
        PeakArguments.CheckPositive(d, nameof(d));
        PeakArguments.CheckPositive(difC, nameof(difC));
        double d2 = d * d;
        double sizeWidth = 1e-4 * difC * d2 / CrystalliteSize;
        double strainWidth = 1e-6 * difC * d * Microstrain;
        double sizeGauss = (1 - SizeLorentzianFraction) * sizeWidth;
        double strainGauss = (1 - StrainLorentzianFraction) * strainWidth;
        double alpha = Alpha0 + Alpha1 / d;
        double beta = Beta0 + Beta1 / (d2 * d2) + BetaQ / d2;
        double sigmaSquared = Sigma0Squared + Sigma1Squared * d2 + Sigma2Squared * d2 * d2 + SigmaQSquared * d
            + (sizeGauss * sizeGauss + strainGauss * strainGauss) / EightLn2;
        double gamma = Gamma0 + Gamma1 * d + Gamma2 * d2
            + SizeLorentzianFraction * sizeWidth + StrainLorentzianFraction * strainWidth;
        bool floored = sigmaSquared < MinimumSigmaSquared;
        return new TofPeakParameters(this, d, difC, sizeWidth, strainWidth,
            alpha, beta, floored ? MinimumSigmaSquared : sigmaSquared, gamma, floored);
    }
}

/// <summary>A refinable parameter of <see cref="TofProfile"/>.</summary>
public enum TofParameter
{
    /// <summary>α₀.</summary>
    Alpha0,
    /// <summary>α₁.</summary>
    Alpha1,
    /// <summary>β₀.</summary>
    Beta0,
    /// <summary>β₁.</summary>
    Beta1,
    /// <summary>β_q.</summary>
    BetaQ,
    /// <summary>σ₀².</summary>
    Sigma0Squared,
    /// <summary>σ₁².</summary>
    Sigma1Squared,
    /// <summary>σ₂².</summary>
    Sigma2Squared,
    /// <summary>σ_q².</summary>
    SigmaQSquared,
    /// <summary>γ₀.</summary>
    Gamma0,
    /// <summary>γ₁.</summary>
    Gamma1,
    /// <summary>γ₂.</summary>
    Gamma2,
    /// <summary>Crystallite size D (µm).</summary>
    CrystalliteSize,
    /// <summary>Lorentzian fraction of the size broadening.</summary>
    SizeLorentzianFraction,
    /// <summary>Microstrain μ (10⁻⁶).</summary>
    Microstrain,
    /// <summary>Lorentzian fraction of the strain broadening.</summary>
    StrainLorentzianFraction,
}

/// <summary>The time-of-flight shape parameters α, β, σ², γ of one peak, with ∂/∂p for every <see cref="TofParameter"/>.</summary>
public readonly struct TofPeakParameters
{
    private const double EightLn2 = 5.5451774444795624753378569716654;
    private readonly TofCoefficients _profile;
    private readonly double _d, _difC, _sizeWidth, _strainWidth;
    private readonly bool _sigmaFloored;

    internal TofPeakParameters(TofCoefficients profile, double d, double difC, double sizeWidth, double strainWidth,
        double alpha, double beta, double sigmaSquared, double gamma, bool sigmaFloored)
    {
        _profile = profile;
        _d = d;
        _difC = difC;
        _sizeWidth = sizeWidth;
        _strainWidth = strainWidth;
        Alpha = alpha;
        Beta = beta;
        SigmaSquared = sigmaSquared;
        Gamma = gamma;
        _sigmaFloored = sigmaFloored;
    }

    /// <summary>Rise constant α, µs⁻¹.</summary>
    public double Alpha { get; }

    /// <summary>Decay constant β, µs⁻¹.</summary>
    public double Beta { get; }

    /// <summary>Gaussian variance σ², µs².</summary>
    public double SigmaSquared { get; }

    /// <summary>Lorentzian FWHM γ, µs.</summary>
    public double Gamma { get; }

    /// <summary>∂α/∂p, ∂β/∂p, ∂σ²/∂p, ∂γ/∂p for one profile parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The four partial derivatives.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An undefined enum value.</exception>
    public (double Alpha, double Beta, double SigmaSquared, double Gamma) Derivative(TofParameter parameter)
    {
        double d = _d, d2 = d * d;
        TofCoefficients p = _profile;
        double ms = p.SizeLorentzianFraction, me = p.StrainLorentzianFraction;
        (double a, double b, double s, double g) = parameter switch
        {
            TofParameter.Alpha0 => (1.0, 0.0, 0.0, 0.0),
            TofParameter.Alpha1 => (1 / d, 0, 0, 0),
            TofParameter.Beta0 => (0, 1, 0, 0),
            TofParameter.Beta1 => (0, 1 / (d2 * d2), 0, 0),
            TofParameter.BetaQ => (0, 1 / d2, 0, 0),
            TofParameter.Sigma0Squared => (0, 0, 1, 0),
            TofParameter.Sigma1Squared => (0, 0, d2, 0),
            TofParameter.Sigma2Squared => (0, 0, d2 * d2, 0),
            TofParameter.SigmaQSquared => (0, 0, d, 0),
            TofParameter.Gamma0 => (0, 0, 0, 1),
            TofParameter.Gamma1 => (0, 0, 0, d),
            TofParameter.Gamma2 => (0, 0, 0, d2),
            TofParameter.CrystalliteSize => SizeTerms(-_sizeWidth / p.CrystalliteSize, ms),
            TofParameter.SizeLorentzianFraction =>
                (0, 0, -2 * (1 - ms) * _sizeWidth * _sizeWidth / EightLn2, _sizeWidth),
            TofParameter.Microstrain => StrainTerms(1e-6 * _difC * d, me),
            TofParameter.StrainLorentzianFraction =>
                (0, 0, -2 * (1 - me) * _strainWidth * _strainWidth / EightLn2, _strainWidth),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a TOF profile parameter."),
        };
        return (a, b, _sigmaFloored ? 0 : s, g);
    }

    private (double, double, double, double) SizeTerms(double widthPerSize, double ms) =>
        (0, 0, 2 * (1 - ms) * (1 - ms) * _sizeWidth * widthPerSize / EightLn2, ms * widthPerSize);

    private (double, double, double, double) StrainTerms(double widthPerStrain, double me) =>
        (0, 0, 2 * (1 - me) * (1 - me) * _strainWidth * widthPerStrain / EightLn2, me * widthPerStrain);
}
