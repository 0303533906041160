namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The Thompson–Cox–Hastings pseudo-Voigt profile of constant-wavelength data: Caglioti Gaussian
/// widths U, V, W (and P), Lorentzian widths X, Y, and isotropic crystallite-size and microstrain
/// broadening. Immutable; <c>with</c> expressions make changed copies.
/// </summary>
/// <remarks>
/// <para>
/// At a Bragg angle θ (2θ the peak position), with widths in degrees 2θ:
/// </para>
/// <code>
/// H_G² = U tan²θ + V tanθ + W + P/cos²θ + [(1 − m_s)·F_size]² + [(1 − m_ε)·F_strain]²
/// H_L  = X/cosθ + Y tanθ + m_s·F_size + m_ε·F_strain
/// F_size   = (180/π)·λ/(10⁴·D·cosθ)     D in µm, λ in Å (Scherrer, K = 1)
/// F_strain = (180/π)·10⁻⁶·μ·tanθ         μ in microstrain (10⁻⁶)
/// </code>
/// <para>
/// then H and η from <see cref="ThompsonCoxHastings"/>. U, V, W, P are in deg² and describe the
/// Gaussian FWHM squared (not the variance); X, Y are in degrees. X is the 1/cosθ (size-like)
/// coefficient and Y the tanθ (strain-like) one, as in GSAS-II; FullProf names them the other way
/// round. The size and strain terms are those of GSAS-II's isotropic models with their
/// Lorentzian fractions <see cref="SizeLorentzianFraction"/> (GSAS-II "Size;mx") and
/// <see cref="StrainLorentzianFraction"/> ("Mustrain;mx"). docs/diffraction-peaks.md has the
/// conversion table.
/// </para>
/// <para>
/// A negative H_G² (possible with a negative V during a refinement) is floored at
/// <see cref="MinimumGaussianFwhmSquared"/> and a negative H_L at 0; the derivatives of a floored
/// width are then zero.
/// </para>
/// </remarks>
public sealed record TchProfile
{
    /// <summary>The floor of H_G² in deg², (10⁻⁵ °)².</summary>
    public const double MinimumGaussianFwhmSquared = 1e-10;

    private const double DegreesPerRadian = 180 / Math.PI;

    /// <summary>Caglioti U in deg² (coefficient of tan²θ in H_G²).</summary>
    public double U { get; init => field = PeakArguments.Finite(value, nameof(U)); }

    /// <summary>Caglioti V in deg² (coefficient of tanθ in H_G²).</summary>
    public double V { get; init => field = PeakArguments.Finite(value, nameof(V)); }

    /// <summary>Caglioti W in deg² (constant term of H_G²).</summary>
    public double W { get; init => field = PeakArguments.Finite(value, nameof(W)); }

    /// <summary>P in deg² (coefficient of 1/cos²θ in H_G², Gaussian size broadening).</summary>
    public double P { get; init => field = PeakArguments.Finite(value, nameof(P)); }

    /// <summary>X in degrees (coefficient of 1/cosθ in H_L).</summary>
    public double X { get; init => field = PeakArguments.Finite(value, nameof(X)); }

    /// <summary>Y in degrees (coefficient of tanθ in H_L).</summary>
    public double Y { get; init => field = PeakArguments.Finite(value, nameof(Y)); }

    /// <summary>Isotropic crystallite size D in µm; +∞ (the default) for no size broadening.</summary>
    public double CrystalliteSize { get; init => field = PeakArguments.CrystalliteSize(value, nameof(CrystalliteSize)); } = double.PositiveInfinity;

    /// <summary>Lorentzian fraction m_s of the size broadening, in [0, 1]; 1 by default (GSAS-II "Size;mx").</summary>
    public double SizeLorentzianFraction { get; init => field = PeakArguments.Fraction(value, nameof(SizeLorentzianFraction)); } = 1;

    /// <summary>Isotropic microstrain μ in units of 10⁻⁶ (GSAS-II "Mustrain;i"), zero or positive; 0 by default.</summary>
    public double Microstrain { get; init => field = PeakArguments.Microstrain(value, nameof(Microstrain)); }

    /// <summary>Lorentzian fraction m_ε of the strain broadening, in [0, 1]; 1 by default (GSAS-II "Mustrain;mx").</summary>
    public double StrainLorentzianFraction { get; init => field = PeakArguments.Fraction(value, nameof(StrainLorentzianFraction)); } = 1;

    /// <summary>The Gaussian and Lorentzian widths, the pseudo-Voigt FWHM and mixing at one peak, with their derivatives.</summary>
    /// <param name="twoTheta">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="wavelength">Wavelength λ in Å (used by the size term only), positive.</param>
    /// <returns>The widths at that angle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An angle outside (0°, 180°) or a wavelength not positive.</exception>
    public TchPeakWidths WidthsAt(double twoTheta, double wavelength) => Coefficients.WidthsAt(twoTheta, wavelength);

    /// <summary>The ten coefficients as a value (what a refinement rebuilds at every evaluation without allocating).</summary>
    public TchCoefficients Coefficients =>
        new(U, V, W, P, X, Y, CrystalliteSize, SizeLorentzianFraction, Microstrain, StrainLorentzianFraction);
}

/// <summary>
/// The coefficients of a <see cref="TchProfile"/> as a value, with the width computation itself: a refinement
/// that moves them at every evaluation builds this struct instead of a new profile object.
/// </summary>
/// <param name="U">U in deg².</param>
/// <param name="V">V in deg².</param>
/// <param name="W">W in deg².</param>
/// <param name="P">P in deg².</param>
/// <param name="X">X in degrees.</param>
/// <param name="Y">Y in degrees.</param>
/// <param name="CrystalliteSize">D in µm (+∞ for none).</param>
/// <param name="SizeLorentzianFraction">m_s in [0, 1].</param>
/// <param name="Microstrain">μ in 10⁻⁶, ≥ 0.</param>
/// <param name="StrainLorentzianFraction">m_ε in [0, 1].</param>
public readonly record struct TchCoefficients(double U, double V, double W, double P, double X, double Y, double CrystalliteSize,
                                             double SizeLorentzianFraction, double Microstrain, double StrainLorentzianFraction)
{
    private const double DegreesPerRadian = 180 / Math.PI;
    private const double MinimumGaussianFwhmSquared = TchProfile.MinimumGaussianFwhmSquared;

    /// <summary>Whether every coefficient is in the range <see cref="TchProfile"/> accepts.</summary>
    public bool IsValid =>
        double.IsFinite(U) && double.IsFinite(V) && double.IsFinite(W) && double.IsFinite(P) && double.IsFinite(X) && double.IsFinite(Y)
        && PeakArguments.IsBroadeningValid(CrystalliteSize, SizeLorentzianFraction, Microstrain, StrainLorentzianFraction);

    /// <summary>The widths at one peak (see <see cref="TchProfile.WidthsAt"/>). Allocates nothing.</summary>
    /// <param name="twoTheta">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="wavelength">Wavelength λ in Å, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An angle outside (0°, 180°) or a wavelength not positive.</exception>
    public TchPeakWidths WidthsAt(double twoTheta, double wavelength)
    {
        if (!(twoTheta > 0 && twoTheta < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(twoTheta), twoTheta, "2θ must lie in (0°, 180°).");
        }
        PeakArguments.CheckPositive(wavelength, nameof(wavelength));
        double theta = twoTheta / 2 / DegreesPerRadian;
        double cos = Math.Cos(theta);
        double tan = Math.Tan(theta);
        double sizeWidth = DegreesPerRadian * wavelength / (1e4 * CrystalliteSize * cos);
        double strainWidth = DegreesPerRadian * 1e-6 * Microstrain * tan;
        double sizeGauss = (1 - SizeLorentzianFraction) * sizeWidth;
        double strainGauss = (1 - StrainLorentzianFraction) * strainWidth;
        double gaussianSquared = U * tan * tan + V * tan + W + P / (cos * cos)
            + sizeGauss * sizeGauss + strainGauss * strainGauss;
        double lorentzian = X / cos + Y * tan + SizeLorentzianFraction * sizeWidth + StrainLorentzianFraction * strainWidth;
        bool gaussianFloored = gaussianSquared < MinimumGaussianFwhmSquared;
        bool lorentzianFloored = lorentzian < 0;
        if (gaussianFloored)
        {
            gaussianSquared = MinimumGaussianFwhmSquared;
        }
        if (lorentzianFloored)
        {
            lorentzian = 0;
        }
        double gaussian = Math.Sqrt(gaussianSquared);
        TchCombination combination = ThompsonCoxHastings.CombineUnchecked(gaussian, lorentzian);
        return new TchPeakWidths(this, cos, tan, sizeWidth, strainWidth, gaussian, lorentzian,
            combination, gaussianFloored, lorentzianFloored);
    }
}

/// <summary>A refinable parameter of <see cref="TchProfile"/>.</summary>
public enum TchParameter
{
    /// <summary>Caglioti U (deg²).</summary>
    U,
    /// <summary>Caglioti V (deg²).</summary>
    V,
    /// <summary>Caglioti W (deg²).</summary>
    W,
    /// <summary>Gaussian 1/cos²θ coefficient P (deg²).</summary>
    P,
    /// <summary>Lorentzian 1/cosθ coefficient X (deg).</summary>
    X,
    /// <summary>Lorentzian tanθ coefficient Y (deg).</summary>
    Y,
    /// <summary>Crystallite size D (µm).</summary>
    CrystalliteSize,
    /// <summary>Lorentzian fraction of the size broadening.</summary>
    SizeLorentzianFraction,
    /// <summary>Microstrain μ (10⁻⁶).</summary>
    Microstrain,
    /// <summary>Lorentzian fraction of the strain broadening.</summary>
    StrainLorentzianFraction,
}

/// <summary>
/// The widths of one Thompson–Cox–Hastings peak: Gaussian and Lorentzian components, the
/// pseudo-Voigt FWHM H and mixing η, and ∂H/∂p, ∂η/∂p for every <see cref="TchParameter"/> p.
/// </summary>
public readonly struct TchPeakWidths
{
    private const double DegreesPerRadian = 180 / Math.PI;
    private readonly TchCoefficients _profile;
    private readonly double _cos, _tan, _sizeWidth, _strainWidth;
    private readonly bool _gaussianFloored, _lorentzianFloored;
    private readonly TchCombination _combination;

    internal TchPeakWidths(TchCoefficients profile, double cos, double tan, double sizeWidth, double strainWidth,
        double gaussianFwhm, double lorentzianFwhm, TchCombination combination, bool gaussianFloored, bool lorentzianFloored)
    {
        _profile = profile;
        _cos = cos;
        _tan = tan;
        _sizeWidth = sizeWidth;
        _strainWidth = strainWidth;
        GaussianFwhm = gaussianFwhm;
        LorentzianFwhm = lorentzianFwhm;
        _combination = combination;
        _gaussianFloored = gaussianFloored;
        _lorentzianFloored = lorentzianFloored;
    }

    /// <summary>FWHM H_G of the Gaussian component, degrees.</summary>
    public double GaussianFwhm { get; }

    /// <summary>FWHM H_L of the Lorentzian component, degrees.</summary>
    public double LorentzianFwhm { get; }

    /// <summary>FWHM H of the pseudo-Voigt, degrees.</summary>
    public double Fwhm => _combination.Fwhm;

    /// <summary>Lorentzian fraction η of the pseudo-Voigt.</summary>
    public double Mixing => _combination.Mixing;

    /// <summary>The TCH combination with ∂H/∂H_G, ∂H/∂H_L, ∂η/∂H_G, ∂η/∂H_L.</summary>
    public TchCombination Combination => _combination;

    /// <summary>∂H/∂p and ∂η/∂p for one profile parameter, by the chain through H_G² and H_L.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>(∂H/∂p, ∂η/∂p) in the parameter's units (deg per deg², per µm, per 10⁻⁶ …).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An undefined enum value.</exception>
    public (double Fwhm, double Mixing) Derivative(TchParameter parameter)
    {
        (double gaussianSquared, double lorentzian) = ComponentDerivatives(parameter);
        if (_gaussianFloored)
        {
            gaussianSquared = 0;
        }
        if (_lorentzianFloored)
        {
            lorentzian = 0;
        }
        // ∂H_G/∂p = ∂(H_G²)/∂p / (2 H_G).
        double gaussian = gaussianSquared / (2 * GaussianFwhm);
        return (
            _combination.FwhmPerGaussianFwhm * gaussian + _combination.FwhmPerLorentzianFwhm * lorentzian,
            _combination.MixingPerGaussianFwhm * gaussian + _combination.MixingPerLorentzianFwhm * lorentzian);
    }

    /// <summary>
    /// ∂H/∂2θ and ∂η/∂2θ at a fixed profile, per degree of 2θ: how the widths move with the peak
    /// (a refinement needs them when the cell or the wavelength moves a peak).
    /// </summary>
    public (double Fwhm, double Mixing) DerivativeWithTwoTheta()
    {
        TchCoefficients p = _profile;
        double sin = _tan * _cos, sec2 = 1 / (_cos * _cos);
        double sizeGauss = (1 - p.SizeLorentzianFraction) * _sizeWidth;
        double strainGauss = (1 - p.StrainLorentzianFraction) * _strainWidth;
        // d/dθ of each term: tan → sec², 1/cos → tan/cos, 1/cos² → 2 tan/cos², size ∝ 1/cos → size·tan,
        // strain ∝ tan → strain/(sin cos).
        double gaussianSquared = _gaussianFloored ? 0 :
            2 * p.U * _tan * sec2 + p.V * sec2 + 2 * p.P * _tan * sec2
            + 2 * sizeGauss * sizeGauss * _tan + 2 * strainGauss * strainGauss / (sin * _cos);
        double lorentzian = _lorentzianFloored ? 0 :
            p.X * _tan / _cos + p.Y * sec2 + p.SizeLorentzianFraction * _sizeWidth * _tan
            + p.StrainLorentzianFraction * _strainWidth / (sin * _cos);
        double gaussian = gaussianSquared / (2 * GaussianFwhm);
        const double perDegreeTwoTheta = 0.5 / DegreesPerRadian; // dθ/d(2θ) in radians per degree
        return (
            (_combination.FwhmPerGaussianFwhm * gaussian + _combination.FwhmPerLorentzianFwhm * lorentzian) * perDegreeTwoTheta,
            (_combination.MixingPerGaussianFwhm * gaussian + _combination.MixingPerLorentzianFwhm * lorentzian) * perDegreeTwoTheta);
    }

    private (double GaussianSquared, double Lorentzian) ComponentDerivatives(TchParameter parameter)
    {
        TchCoefficients p = _profile;
        double ms = p.SizeLorentzianFraction, me = p.StrainLorentzianFraction;
        switch (parameter)
        {
            case TchParameter.U: return (_tan * _tan, 0);
            case TchParameter.V: return (_tan, 0);
            case TchParameter.W: return (1, 0);
            case TchParameter.P: return (1 / (_cos * _cos), 0);
            case TchParameter.X: return (0, 1 / _cos);
            case TchParameter.Y: return (0, _tan);
            case TchParameter.CrystalliteSize:
            {
                double perSize = -_sizeWidth / p.CrystalliteSize; // ∂F_size/∂D
                return (2 * (1 - ms) * (1 - ms) * _sizeWidth * perSize, ms * perSize);
            }
            case TchParameter.SizeLorentzianFraction:
                return (-2 * (1 - ms) * _sizeWidth * _sizeWidth, _sizeWidth);
            case TchParameter.Microstrain:
            {
                double perStrain = DegreesPerRadian * 1e-6 * _tan; // ∂F_strain/∂μ
                return (2 * (1 - me) * (1 - me) * _strainWidth * perStrain, me * perStrain);
            }
            case TchParameter.StrainLorentzianFraction:
                return (-2 * (1 - me) * _strainWidth * _strainWidth, _strainWidth);
            default:
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a TCH profile parameter.");
        }
    }
}
