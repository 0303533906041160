namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The Thompson–Cox–Hastings approximation of a Voigt function by a pseudo-Voigt: from the FWHM of
/// the Gaussian component H_G and of the Lorentzian component H_L, the pseudo-Voigt's common FWHM H
/// and its Lorentzian fraction η, with their partial derivatives.
/// </summary>
/// <remarks>
/// P. Thompson, D. E. Cox &amp; J. B. Hastings, J. Appl. Cryst. 20 (1987) 79–83, eqs. 2–4:
/// H⁵ = H_G⁵ + 2.69269 H_G⁴H_L + 2.42843 H_G³H_L² + 4.47163 H_G²H_L³ + 0.07842 H_G H_L⁴ + H_L⁵ and
/// η = 1.36603 q − 0.47719 q² + 0.11116 q³ with q = H_L/H. The same formulas serve the
/// constant-wavelength (H in degrees) and time-of-flight (H in µs) shapes.
/// </remarks>
public static class ThompsonCoxHastings
{
    private const double C1 = 2.69269, C2 = 2.42843, C3 = 4.47163, C4 = 0.07842;
    private const double E1 = 1.36603, E2 = -0.47719, E3 = 0.11116;

    /// <summary>Combines a Gaussian and a Lorentzian FWHM into the pseudo-Voigt's FWHM and mixing.</summary>
    /// <param name="gaussianFwhm">H_G ≥ 0.</param>
    /// <param name="lorentzianFwhm">H_L ≥ 0; H_G and H_L must not both be zero.</param>
    /// <returns>H, η and ∂H/∂H_G, ∂H/∂H_L, ∂η/∂H_G, ∂η/∂H_L.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite width, or both zero.</exception>
    public static TchCombination Combine(double gaussianFwhm, double lorentzianFwhm)
    {
        PeakArguments.CheckNonNegative(gaussianFwhm, nameof(gaussianFwhm));
        PeakArguments.CheckNonNegative(lorentzianFwhm, nameof(lorentzianFwhm));
        if (gaussianFwhm == 0 && lorentzianFwhm == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gaussianFwhm), gaussianFwhm,
                "The Gaussian and Lorentzian widths are both zero: a peak needs a positive width.");
        }
        return CombineUnchecked(gaussianFwhm, lorentzianFwhm);
    }

    internal static TchCombination CombineUnchecked(double g, double l)
    {
        double g2 = g * g, g3 = g2 * g, g4 = g3 * g;
        double l2 = l * l, l3 = l2 * l, l4 = l3 * l;
        double h5 = g4 * g + C1 * g4 * l + C2 * g3 * l2 + C3 * g2 * l3 + C4 * g * l4 + l4 * l;
        double h = Math.Pow(h5, 0.2);
        // ∂(H⁵)/∂H_G and ∂(H⁵)/∂H_L, then ∂H/∂· = ∂(H⁵)/∂· / (5H⁴).
        double dh5dg = 5 * g4 + 4 * C1 * g3 * l + 3 * C2 * g2 * l2 + 2 * C3 * g * l3 + C4 * l4;
        double dh5dl = C1 * g4 + 2 * C2 * g3 * l + 3 * C3 * g2 * l2 + 4 * C4 * g * l3 + 5 * l4;
        double inverse5h4 = h / (5 * h5);
        double dhdg = dh5dg * inverse5h4;
        double dhdl = dh5dl * inverse5h4;
        double q = l / h;
        double eta = ((E3 * q + E2) * q + E1) * q;
        double detadq = (3 * E3 * q + 2 * E2) * q + E1;
        // q = H_L/H: ∂q/∂H_G = −q/H·∂H/∂H_G, ∂q/∂H_L = (1 − q·∂H/∂H_L)/H.
        double detadg = detadq * (-q / h * dhdg);
        double detadl = detadq * (1 - q * dhdl) / h;
        return new TchCombination(h, eta, dhdg, dhdl, detadg, detadl);
    }
}

/// <summary>The pseudo-Voigt FWHM and mixing of the Thompson–Cox–Hastings approximation, with partial derivatives.</summary>
/// <param name="Fwhm">The common FWHM H of the pseudo-Voigt.</param>
/// <param name="Mixing">The Lorentzian fraction η.</param>
/// <param name="FwhmPerGaussianFwhm">∂H/∂H_G.</param>
/// <param name="FwhmPerLorentzianFwhm">∂H/∂H_L.</param>
/// <param name="MixingPerGaussianFwhm">∂η/∂H_G.</param>
/// <param name="MixingPerLorentzianFwhm">∂η/∂H_L.</param>
public readonly record struct TchCombination(
    double Fwhm, double Mixing,
    double FwhmPerGaussianFwhm, double FwhmPerLorentzianFwhm,
    double MixingPerGaussianFwhm, double MixingPerLorentzianFwhm);
