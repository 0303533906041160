namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The symmetric pseudo-Voigt peak pV(Δ; H, η) = η·L(Δ; H) + (1 − η)·G(Δ; H): a Lorentzian and a
/// Gaussian of the same full width at half maximum H, each of unit area, mixed by η. The kernel
/// under the Thompson–Cox–Hastings shape and under each quadrature node of the Finger–Cox–Jephcoat
/// asymmetry.
/// </summary>
/// <remarks>
/// <para>
/// G(Δ; H) = (2/H)·√(ln 2/π)·exp(−4 ln 2·Δ²/H²) and L(Δ; H) = (2/(πH))/(1 + 4Δ²/H²), Δ = x − position.
/// Units are those of x: 2θ degrees for constant-wavelength data (the value is then per degree).
/// </para>
/// <para>
/// Kernel conventions (../shared/PERFORMANCE.md): static, spans in, destination last, arguments
/// checked once at entry, no allocation, one fused pass for the value and its derivatives; the
/// loop body is branch-free so that a Vector512 kernel can replace it. The slow, obvious scalar
/// twin lives in the tests.
/// </para>
/// </remarks>
public static class PseudoVoigt
{
    /// <summary>4 ln 2.</summary>
    internal const double FourLn2 = 2.7725887222397812376689284858327;

    /// <summary>2·√(ln 2/π): the Gaussian's peak height times its FWHM.</summary>
    internal const double GaussianHeight = 0.93943727869965133377234032841018;

    /// <summary>2/π: the Lorentzian's peak height times its FWHM.</summary>
    internal const double LorentzianHeight = 0.63661977236758134307553505349006;

    /// <summary>Values of the normalised pseudo-Voigt at the points <paramref name="x"/>.</summary>
    /// <param name="x">Abscissae, same unit as <paramref name="position"/>.</param>
    /// <param name="position">Peak centre.</param>
    /// <param name="fwhm">Full width at half maximum H, positive and finite.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width or mixing out of range, or a non-finite position.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void Evaluate(ReadOnlySpan<double> x, double position, double fwhm, double eta, Span<double> value)
    {
        CheckShape(position, fwhm, eta);
        PeakArguments.CheckLength(x, value, nameof(value));
        double inverseH = 1 / fwhm;
        double gaussianScale = (1 - eta) * GaussianHeight * inverseH;
        double lorentzianScale = eta * LorentzianHeight * inverseH;
        for (int i = 0; i < x.Length; i++)
        {
            double t = (x[i] - position) * inverseH;
            double t2 = t * t;
            value[i] = gaussianScale * Math.Exp(-FourLn2 * t2) + lorentzianScale / (1 + 4 * t2);
        }
    }

    /// <summary>
    /// Values and analytic derivatives of the normalised pseudo-Voigt with respect to its position,
    /// its FWHM and its mixing, in one pass.
    /// </summary>
    /// <param name="x">Abscissae, same unit as <paramref name="position"/>.</param>
    /// <param name="position">Peak centre.</param>
    /// <param name="fwhm">Full width at half maximum H, positive and finite.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="value">Destination for pV.</param>
    /// <param name="dPosition">Destination for ∂pV/∂position (= −∂pV/∂x).</param>
    /// <param name="dWidth">Destination for ∂pV/∂H.</param>
    /// <param name="dMixing">Destination for ∂pV/∂η = L − G.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width or mixing out of range, or a non-finite position.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void EvaluateWithDerivatives(
        ReadOnlySpan<double> x, double position, double fwhm, double eta,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
    {
        CheckShape(position, fwhm, eta);
        PeakArguments.CheckLength(x, value, nameof(value));
        PeakArguments.CheckLength(x, dPosition, nameof(dPosition));
        PeakArguments.CheckLength(x, dWidth, nameof(dWidth));
        PeakArguments.CheckLength(x, dMixing, nameof(dMixing));
        for (int i = 0; i < x.Length; i++)
        {
            Point(x[i] - position, fwhm, eta, out value[i], out dPosition[i], out dWidth[i], out dMixing[i]);
        }
    }

    /// <summary>
    /// One point of the pseudo-Voigt and its derivatives; the loop body shared with the asymmetric
    /// shapes. No argument checks.
    /// </summary>
    /// <remarks>
    /// With t = Δ/H: ∂G/∂Δ = −8 ln 2·t/H·G, ∂G/∂H = G/H·(8 ln 2·t² − 1);
    /// ∂L/∂Δ = −8t/(H(1 + 4t²))·L, ∂L/∂H = L/H·(4t² − 1)/(1 + 4t²).
    /// </remarks>
    internal static void Point(double delta, double fwhm, double eta,
        out double value, out double dPosition, out double dWidth, out double dMixing)
    {
        double inverseH = 1 / fwhm;
        double t = delta * inverseH;
        double t2 = t * t;
        double g = GaussianHeight * inverseH * Math.Exp(-FourLn2 * t2);
        double inverseDenominator = 1 / (1 + 4 * t2);
        double l = LorentzianHeight * inverseH * inverseDenominator;
        double gaussianPerDelta = -2 * FourLn2 * t * inverseH * g;
        double gaussianPerWidth = g * inverseH * (2 * FourLn2 * t2 - 1);
        double lorentzianPerDelta = -8 * t * inverseH * inverseDenominator * l;
        double lorentzianPerWidth = l * inverseH * (4 * t2 - 1) * inverseDenominator;
        double gaussianFraction = 1 - eta;
        value = eta * l + gaussianFraction * g;
        dPosition = -(eta * lorentzianPerDelta + gaussianFraction * gaussianPerDelta);
        dWidth = eta * lorentzianPerWidth + gaussianFraction * gaussianPerWidth;
        dMixing = l - g;
    }

    /// <summary>One value of the pseudo-Voigt; no argument checks.</summary>
    internal static double Value(double delta, double fwhm, double eta)
    {
        double inverseH = 1 / fwhm;
        double t = delta * inverseH;
        double t2 = t * t;
        return inverseH * ((1 - eta) * GaussianHeight * Math.Exp(-FourLn2 * t2) + eta * LorentzianHeight / (1 + 4 * t2));
    }

    internal static void CheckShape(double position, double fwhm, double eta)
    {
        PeakArguments.CheckFinite(position, nameof(position));
        PeakArguments.CheckPositive(fwhm, "fwhm");
        PeakArguments.CheckMixing(eta, nameof(eta));
    }
}
