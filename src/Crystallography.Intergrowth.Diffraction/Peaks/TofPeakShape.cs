using System.Numerics;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The GSAS time-of-flight peak shape: back-to-back exponentials (rise α, decay β) convolved with
/// a pseudo-Voigt, normalised to unit area over time of flight in µs, with analytic derivatives.
/// </summary>
/// <remarks>
/// <para>
/// R. B. Von Dreele, J. D. Jorgensen &amp; C. G. Windsor, J. Appl. Cryst. 15 (1982) 581–589; GSAS manual
/// (Larson &amp; Von Dreele, LAUR 86-748) TOF profile function 3; the same form as GSAS-II
/// (<c>epsvoigt</c>). With Δ = t − position and N = αβ/(2(α + β)):
/// </para>
/// <code>
/// Ω(Δ) = η·Ω_L(Δ) + (1 − η)·Ω_G(Δ)
/// Ω_G  = N·[e^u erfc(y) + e^v erfc(z)]       u = α(ασ'²/2 + Δ),  y = (ασ'² + Δ)/√(2σ'²)
///                                             v = β(βσ'²/2 − Δ),  z = (βσ'² − Δ)/√(2σ'²)
/// Ω_L  = −(2N/π)·Im[f(p) + f(q)]             f(w) = e^w E₁(w),  p = α(Δ + iH/2),  q = β(−Δ + iH/2)
/// </code>
/// <para>
/// where H and η are the Thompson–Cox–Hastings FWHM and mixing of a Gaussian of variance σ² (FWHM
/// √(8 ln 2·σ²)) and a Lorentzian of FWHM γ, and both components use that common H:
/// σ'² = H²/(8 ln 2). e^u erfc(y) is evaluated as exp(−Δ²/(2σ'²))·erfcx(y) (u = y² − Δ²/(2σ'²)), so
/// nothing overflows. Ω_L follows from ∫₀^∞ e^(−βt)/(t + c) dt = e^(βc) E₁(βc) applied to each
/// exponential side of the Lorentzian convolution.
/// </para>
/// <para>
/// Derivatives: f′(w) = f(w) − 1/w; d erfc(y)/dy = −(2/√π)e^(−y²), and e^u·e^(−y²) = exp(−Δ²/(2σ'²)).
/// As α, β → ∞ the shape tends to the pseudo-Voigt of FWHM H and mixing η.
/// </para>
/// <para>
/// GSAS-II's Fortran <c>EPSVOIGT</c> (sources/powsubs/epsvoigt.for, called through <c>pyepsvoigt</c> for every
/// TOF peak) evaluates the rise term of Ω_L at α(−Δ + iH/2) (<c>RXA = -ALP*DT</c>) instead of α(Δ + iH/2):
/// its Lorentzian part puts the α exponential on the decay side of the peak, while its Gaussian part keeps it on
/// the rise side. <see cref="TofLorentzianConvention.GsasII"/> reproduces that, for comparisons with GSAS-II's
/// numbers; the default <see cref="TofLorentzianConvention.Convolution"/> is the convolution written above.
/// </para>
/// </remarks>
public static class TofPeakShape
{
    private const double EightLn2 = 5.5451774444795624753378569716654;
    private const double TwoOverSqrtPi = 1.1283791670955125738961589031215;

    /// <summary>Values of the shape from the GSAS parameters α, β, σ², γ.</summary>
    /// <param name="x">Times of flight, µs.</param>
    /// <param name="position">Peak position (µs).</param>
    /// <param name="alpha">Rise constant α, µs⁻¹, positive.</param>
    /// <param name="beta">Decay constant β, µs⁻¹, positive.</param>
    /// <param name="sigmaSquared">Gaussian variance σ², µs², zero or positive.</param>
    /// <param name="gamma">Lorentzian FWHM γ, µs, zero or positive (not both zero with σ²).</param>
    /// <param name="value">Destination, per µs.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    /// <param name="convention">How the Lorentzian part is formed (<see cref="TofLorentzianConvention.Convolution"/> unless reproducing GSAS-II).</param>
    public static void Evaluate(ReadOnlySpan<double> x, double position, double alpha, double beta,
        double sigmaSquared, double gamma, Span<double> value, TofLorentzianConvention convention = TofLorentzianConvention.Convolution)
    {
        TchCombination widths = CheckAndCombine(position, alpha, beta, sigmaSquared, gamma);
        PeakArguments.CheckLength(x, value, nameof(value));
        EvaluateMixed(x, position, alpha, beta, widths.Fwhm, widths.Mixing, value, convention);
    }

    /// <summary>Values of the shape from α, β and the pseudo-Voigt's FWHM and mixing directly.</summary>
    /// <param name="x">Times of flight, µs.</param>
    /// <param name="position">Peak position (µs).</param>
    /// <param name="alpha">Rise constant α, µs⁻¹, positive.</param>
    /// <param name="beta">Decay constant β, µs⁻¹, positive.</param>
    /// <param name="fwhm">FWHM H of the pseudo-Voigt, µs, positive.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="value">Destination, per µs.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    /// <param name="convention">How the Lorentzian part is formed (<see cref="TofLorentzianConvention.Convolution"/> unless reproducing GSAS-II).</param>
    public static void EvaluateMixed(ReadOnlySpan<double> x, double position, double alpha, double beta,
        double fwhm, double eta, Span<double> value, TofLorentzianConvention convention = TofLorentzianConvention.Convolution)
    {
        CheckMixedArguments(position, alpha, beta, fwhm, eta);
        PeakArguments.CheckLength(x, value, nameof(value));
        double riseSign = RiseSign(convention);
        for (int i = 0; i < x.Length; i++)
        {
            value[i] = Point(x[i] - position, alpha, beta, fwhm, eta, false,
                out _, out _, out _, out _, out _, riseSign);
        }
    }

    /// <summary>
    /// Values and analytic derivatives with respect to position, α, β, σ² and γ (the last two by the
    /// chain through the Thompson–Cox–Hastings H and η), in one pass.
    /// </summary>
    /// <param name="x">Times of flight, µs.</param>
    /// <param name="position">Peak position (µs).</param>
    /// <param name="alpha">Rise constant α, µs⁻¹, positive.</param>
    /// <param name="beta">Decay constant β, µs⁻¹, positive.</param>
    /// <param name="sigmaSquared">Gaussian variance σ², µs², positive (∂/∂σ² is infinite at σ² = 0, so zero is refused here).</param>
    /// <param name="gamma">Lorentzian FWHM γ, µs, zero or positive.</param>
    /// <param name="value">Destination for Ω.</param>
    /// <param name="dPosition">Destination for ∂Ω/∂position.</param>
    /// <param name="dAlpha">Destination for ∂Ω/∂α.</param>
    /// <param name="dBeta">Destination for ∂Ω/∂β.</param>
    /// <param name="dSigmaSquared">Destination for ∂Ω/∂σ².</param>
    /// <param name="dGamma">Destination for ∂Ω/∂γ.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <param name="convention">How the Lorentzian part is formed (<see cref="TofLorentzianConvention.Convolution"/> unless reproducing GSAS-II).</param>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void EvaluateWithDerivatives(ReadOnlySpan<double> x, double position, double alpha, double beta,
        double sigmaSquared, double gamma,
        Span<double> value, Span<double> dPosition, Span<double> dAlpha, Span<double> dBeta,
        Span<double> dSigmaSquared, Span<double> dGamma, TofLorentzianConvention convention = TofLorentzianConvention.Convolution)
    {
        PeakArguments.CheckPositive(sigmaSquared, nameof(sigmaSquared));
        TchCombination widths = CheckAndCombine(position, alpha, beta, sigmaSquared, gamma);
        CheckDestinations(x, value, dPosition, dAlpha, dBeta, dSigmaSquared, dGamma);
        double gaussianFwhm = Math.Sqrt(EightLn2 * sigmaSquared);
        // ∂H_G/∂σ² = 8 ln 2/(2 H_G); ∂H_L/∂γ = 1.
        double gaussianPerVariance = EightLn2 / (2 * gaussianFwhm);
        double fwhmPerVariance = widths.FwhmPerGaussianFwhm * gaussianPerVariance;
        double mixingPerVariance = widths.MixingPerGaussianFwhm * gaussianPerVariance;
        double riseSign = RiseSign(convention);
        for (int i = 0; i < x.Length; i++)
        {
            value[i] = Point(x[i] - position, alpha, beta, widths.Fwhm, widths.Mixing, true,
                out dPosition[i], out dAlpha[i], out dBeta[i], out double perFwhm, out double perMixing, riseSign);
            dSigmaSquared[i] = perFwhm * fwhmPerVariance + perMixing * mixingPerVariance;
            dGamma[i] = perFwhm * widths.FwhmPerLorentzianFwhm + perMixing * widths.MixingPerLorentzianFwhm;
        }
    }

    /// <summary>
    /// Values and analytic derivatives with respect to position, α, β, the pseudo-Voigt FWHM H and
    /// mixing η, in one pass: the four kernel outputs (plus α, β) from which every refined
    /// parameter's column follows by the chain rule.
    /// </summary>
    /// <param name="x">Times of flight, µs.</param>
    /// <param name="position">Peak position (µs).</param>
    /// <param name="alpha">Rise constant α, µs⁻¹, positive.</param>
    /// <param name="beta">Decay constant β, µs⁻¹, positive.</param>
    /// <param name="fwhm">FWHM H of the pseudo-Voigt, µs, positive.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="value">Destination for Ω.</param>
    /// <param name="dPosition">Destination for ∂Ω/∂position.</param>
    /// <param name="dAlpha">Destination for ∂Ω/∂α.</param>
    /// <param name="dBeta">Destination for ∂Ω/∂β.</param>
    /// <param name="dWidth">Destination for ∂Ω/∂H.</param>
    /// <param name="dMixing">Destination for ∂Ω/∂η.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <param name="convention">How the Lorentzian part is formed (<see cref="TofLorentzianConvention.Convolution"/> unless reproducing GSAS-II).</param>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void EvaluateMixedWithDerivatives(ReadOnlySpan<double> x, double position, double alpha, double beta,
        double fwhm, double eta,
        Span<double> value, Span<double> dPosition, Span<double> dAlpha, Span<double> dBeta,
        Span<double> dWidth, Span<double> dMixing, TofLorentzianConvention convention = TofLorentzianConvention.Convolution)
    {
        CheckMixedArguments(position, alpha, beta, fwhm, eta);
        CheckDestinations(x, value, dPosition, dAlpha, dBeta, dWidth, dMixing);
        double riseSign = RiseSign(convention);
        for (int i = 0; i < x.Length; i++)
        {
            value[i] = Point(x[i] - position, alpha, beta, fwhm, eta, true,
                out dPosition[i], out dAlpha[i], out dBeta[i], out dWidth[i], out dMixing[i], riseSign);
        }
    }

    private static double RiseSign(TofLorentzianConvention convention) => convention switch
    {
        TofLorentzianConvention.Convolution => 1,
        TofLorentzianConvention.GsasII => -1,
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "Not a TOF Lorentzian convention."),
    };

    /// <summary>The pseudo-Voigt FWHM and mixing the shape uses for given σ² and γ (Thompson–Cox–Hastings).</summary>
    /// <param name="sigmaSquared">Gaussian variance σ², µs².</param>
    /// <param name="gamma">Lorentzian FWHM γ, µs.</param>
    /// <returns>H, η and their partials with respect to H_G = √(8 ln 2·σ²) and H_L = γ.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative width, or both zero.</exception>
    public static TchCombination Widths(double sigmaSquared, double gamma)
    {
        PeakArguments.CheckNonNegative(sigmaSquared, nameof(sigmaSquared));
        return ThompsonCoxHastings.Combine(Math.Sqrt(EightLn2 * sigmaSquared), gamma);
    }

    private static TchCombination CheckAndCombine(double position, double alpha, double beta, double sigmaSquared, double gamma)
    {
        PeakArguments.CheckFinite(position, nameof(position));
        PeakArguments.CheckPositive(alpha, nameof(alpha));
        PeakArguments.CheckPositive(beta, nameof(beta));
        return Widths(sigmaSquared, gamma);
    }

    private static void CheckMixedArguments(double position, double alpha, double beta, double fwhm, double eta)
    {
        PeakArguments.CheckFinite(position, nameof(position));
        PeakArguments.CheckPositive(alpha, nameof(alpha));
        PeakArguments.CheckPositive(beta, nameof(beta));
        PeakArguments.CheckPositive(fwhm, nameof(fwhm));
        PeakArguments.CheckMixing(eta, nameof(eta));
    }

    private static void CheckDestinations(ReadOnlySpan<double> x, Span<double> a, Span<double> b, Span<double> c,
        Span<double> d, Span<double> e, Span<double> f)
    {
        PeakArguments.CheckLength(x, a, "value");
        PeakArguments.CheckLength(x, b, "dPosition");
        PeakArguments.CheckLength(x, c, "dAlpha");
        PeakArguments.CheckLength(x, d, "dBeta");
        PeakArguments.CheckLength(x, e, "dWidth");
        PeakArguments.CheckLength(x, f, "dMixing");
    }

    /// <summary>
    /// One point of the shape; derivatives only when asked. No argument checks. <paramref name="riseSign"/> is +1 for the
    /// convolution and −1 for GSAS-II's EPSVOIGT (rise term of the Lorentzian part at α(−Δ + iH/2)).
    /// </summary>
    internal static double Point(double delta, double alpha, double beta, double fwhm, double eta, bool derivatives,
        out double dPosition, out double dAlpha, out double dBeta, out double dWidth, out double dMixing, double riseSign = 1)
    {
        double sum = alpha + beta;
        double n = alpha * beta / (2 * sum);
        // ∂N/∂α = β²/(2(α+β)²), ∂N/∂β = α²/(2(α+β)²).
        double nPerAlpha = beta * beta / (2 * sum * sum);
        double nPerBeta = alpha * alpha / (2 * sum * sum);

        // Gaussian part with variance s2 = H²/(8 ln 2).
        double s2 = fwhm * fwhm / EightLn2;
        double root2s2 = Math.Sqrt(2 * s2);
        double gauss = Math.Exp(-delta * delta / (2 * s2)); // e^u·e^(−y²) = e^v·e^(−z²)
        double y = (alpha * s2 + delta) / root2s2;
        double z = (beta * s2 - delta) / root2s2;
        double a = ScaledErfcProduct(y, alpha * (alpha * s2 / 2 + delta), gauss);
        double b = ScaledErfcProduct(z, beta * (beta * s2 / 2 - delta), gauss);
        double gaussianPart = n * (a + b);

        double lorentzianPart = 0;
        Complex fp = Complex.Zero, fq = Complex.Zero, dfp = Complex.Zero, dfq = Complex.Zero;
        Complex p = Complex.Zero, q = Complex.Zero;
        if (eta > 0 || derivatives)
        {
            p = new Complex(riseSign * alpha * delta, alpha * fwhm / 2);
            q = new Complex(-beta * delta, beta * fwhm / 2);
            fp = ExponentialIntegral.ScaledE1(p);
            fq = ExponentialIntegral.ScaledE1(q);
            lorentzianPart = -2 * n / Math.PI * (fp.Imaginary + fq.Imaginary);
        }

        double total = eta * lorentzianPart + (1 - eta) * gaussianPart;
        if (!derivatives)
        {
            dPosition = dAlpha = dBeta = dWidth = dMixing = 0;
            return total;
        }

        // ∂(e^u erfc y) = (∂u)·A − (2/√π)·gauss·∂y, and likewise for B with v, z.
        double gaussOverRoot = TwoOverSqrtPi * gauss;
        double aPerDelta = alpha * a - gaussOverRoot / root2s2;
        double bPerDelta = -beta * b + gaussOverRoot / root2s2;
        double halfRoot = Math.Sqrt(s2 / 2);
        double aPerAlpha = (alpha * s2 + delta) * a - gaussOverRoot * halfRoot;
        double bPerBeta = (beta * s2 - delta) * b - gaussOverRoot * halfRoot;
        // y = (α s2 + Δ)(2 s2)^(−1/2): ∂y/∂s2 = α/√(2s2) − (α s2 + Δ)/(2s2)^(3/2).
        double root2s2Cubed = 2 * s2 * root2s2;
        double yPerS2 = alpha / root2s2 - (alpha * s2 + delta) / root2s2Cubed;
        double zPerS2 = beta / root2s2 - (beta * s2 - delta) / root2s2Cubed;
        double aPerS2 = alpha * alpha / 2 * a - gaussOverRoot * yPerS2;
        double bPerS2 = beta * beta / 2 * b - gaussOverRoot * zPerS2;
        double gaussianPerDelta = n * (aPerDelta + bPerDelta);
        double gaussianPerAlpha = nPerAlpha * (a + b) + n * aPerAlpha;
        double gaussianPerBeta = nPerBeta * (a + b) + n * bPerBeta;
        double gaussianPerFwhm = n * (aPerS2 + bPerS2) * 2 * fwhm / EightLn2;

        double lorentzianPerDelta, lorentzianPerAlpha, lorentzianPerBeta, lorentzianPerFwhm;
        {
            dfp = fp - Complex.Reciprocal(p);
            dfq = fq - Complex.Reciprocal(q);
            double scale = -2 * n / Math.PI;
            // ∂p/∂Δ = ±α (the rise sign), ∂q/∂Δ = −β; ∂p/∂H = iα/2, ∂q/∂H = iβ/2; ∂p/∂α = p/α, ∂q/∂β = q/β.
            lorentzianPerDelta = scale * (riseSign * alpha * dfp.Imaginary - beta * dfq.Imaginary);
            lorentzianPerFwhm = scale * (alpha * dfp.Real + beta * dfq.Real) / 2;
            lorentzianPerAlpha = nPerAlpha / n * lorentzianPart + scale * (dfp * p).Imaginary / alpha;
            lorentzianPerBeta = nPerBeta / n * lorentzianPart + scale * (dfq * q).Imaginary / beta;
        }

        double g = 1 - eta;
        dPosition = -(eta * lorentzianPerDelta + g * gaussianPerDelta);
        dAlpha = eta * lorentzianPerAlpha + g * gaussianPerAlpha;
        dBeta = eta * lorentzianPerBeta + g * gaussianPerBeta;
        dWidth = eta * lorentzianPerFwhm + g * gaussianPerFwhm;
        dMixing = lorentzianPart - gaussianPart;
        return total;
    }

    /// <summary>
    /// e^u·erfc(y) given u = y² − Δ²/(2s²) and gauss = exp(−Δ²/(2s²)): gauss·erfcx(y) for y ≥ 0, and
    /// 2e^u − gauss·erfcx(−y) for y &lt; 0 (where u &lt; 0, so e^u cannot overflow).
    /// </summary>
    private static double ScaledErfcProduct(double y, double u, double gauss) =>
        y >= 0 ? gauss * ErrorFunction.Erfcx(y) : 2 * Math.Exp(u) - gauss * ErrorFunction.Erfcx(-y);
}

/// <summary>How <see cref="TofPeakShape"/> forms the Lorentzian part of the back-to-back-exponential pseudo-Voigt.</summary>
public enum TofLorentzianConvention
{
    /// <summary>The convolution of the back-to-back exponentials with the Lorentzian: rise term at α(Δ + iH/2) (the default).</summary>
    Convolution,

    /// <summary>
    /// GSAS-II's Fortran EPSVOIGT: rise term at α(−Δ + iH/2), so the Lorentzian part's α exponential lies on the decay side.
    /// Only for reproducing GSAS-II's numbers; the peak's area (1) is unchanged.
    /// </summary>
    GsasII,
}
