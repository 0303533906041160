namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Sample absorption: the transmission factor A(2θ) by which a reflection's intensity is multiplied,
/// normalised to 1 for a non-absorbing sample where a normalisation exists. Angles in degrees.
/// </summary>
public static class Absorption
{
    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>
    /// A cylinder bathed in the beam (Debye–Scherrer capillary), by the interpolation formula of
    /// Lobanov &amp; Alte da Veiga (6th European Powder Diffraction Conference, 1998, abstract P12-16),
    /// as GSAS-II's GSASIIpwd.Absorb('Cylinder', …) codes it: one expression for μR ≤ 3, another for
    /// μR &gt; 3. Against direct integration over the cross-section it is within 1.5 % for μR ≤ 10 and
    /// 5° ≤ 2θ ≤ 175° (the test says so).
    /// </summary>
    /// <param name="muR">μR: linear absorption coefficient times cylinder radius, ≥ 0.</param>
    /// <param name="twoTheta">2θ in degrees.</param>
    /// <returns>The transmission A, 1 at μR = 0.</returns>
    public static double Cylinder(double muR, double twoTheta)
    {
        if (!(muR >= 0) || !double.IsFinite(muR))
            throw new ArgumentOutOfRangeException(nameof(muR), muR, "μR must be a finite, non-negative number.");
        double sinTheta = Math.Sin(twoTheta * DegreesToRadians / 2);
        double s2 = sinTheta * sinTheta;
        if (muR <= 3)
        {
            double t0 = 16.0 / (3 * Math.PI);
            double t1 = (25.99978 - 0.01911 * Math.Pow(s2, 0.25)) * Math.Exp(-0.024551 * s2) + 0.109561 * Math.Sqrt(s2) - 26.04556;
            double t2 = -0.02489 - 0.39499 * s2 + 1.219077 * Math.Pow(s2, 1.5) - 1.31268 * s2 * s2
                        + 0.871081 * Math.Pow(s2, 2.5) - 0.2327 * s2 * s2 * s2;
            double t3 = 0.003045 + 0.018167 * s2 - 0.03305 * s2 * s2;
            double mu2 = muR * muR;
            return Math.Exp(-t0 * muR - t1 * mu2 - t2 * mu2 * muR - t3 * mu2 * mu2);
        }
        else
        {
            double t1 = 1.433902 + 11.07504 * s2 - 8.77629 * s2 * s2 + 10.02088 * s2 * s2 * s2 - 3.36778 * s2 * s2 * s2 * s2;
            double t2 = (0.013869 - 0.01249 * s2) * Math.Exp(3.27094 * s2)
                        + (0.337894 + 13.77317 * s2) / Math.Pow(1 + 11.53544 * s2, 1.555039);
            double t3 = 1.933433 / Math.Pow(1 + 23.12967 * s2, 1.686715) - 0.13576 * Math.Sqrt(s2) + 1.163198;
            double t4 = 0.044365 - 0.04259 / Math.Pow(1 + 0.41051 * s2, 148.4202);
            // The fit is of the transmission in per cent.
            return ((t1 - t4) / Math.Pow(1 + t2 * (muR - 3), t3) + t4) / 100;
        }
    }

    /// <summary>
    /// A flat plate in symmetric reflection (Bragg–Brentano) of thickness t, relative to an
    /// infinitely thick one: 1 − exp(−2μt / sin θ). The infinitely thick plate's absolute factor
    /// 1/(2μ) is the same for every reflection and belongs to the scale, so a thick plate returns 1
    /// (International Tables Vol. C §6.3.3.4; no surface roughness).
    /// </summary>
    /// <param name="muT">μt: linear absorption coefficient times plate thickness, &gt; 0; +∞ for a thick plate.</param>
    /// <param name="twoTheta">2θ in degrees, in (0°, 180°).</param>
    public static double FlatPlateReflection(double muT, double twoTheta)
    {
        if (!(muT > 0))
            throw new ArgumentOutOfRangeException(nameof(muT), muT, "μt must be positive (+∞ for an infinitely thick plate).");
        if (double.IsPositiveInfinity(muT)) return 1;
        return OneMinusExpMinus(2 * muT / Math.Sin(twoTheta * DegreesToRadians / 2));
    }

    /// <summary>
    /// A flat plate in transmission, normal to the incident beam (GSAS-II's 'Fixed flat plate'):
    /// A = [exp(−μt / cos 2θ) − exp(−μt)] / [μt (1 − 1/cos 2θ)], exp(−μt) at 2θ = 0; defined for 2θ &lt; 90°
    /// (International Tables Vol. C §6.3.3.3).
    /// </summary>
    /// <param name="muT">μt, ≥ 0.</param>
    /// <param name="twoTheta">2θ in degrees, in [0°, 90°).</param>
    public static double FlatPlateTransmission(double muT, double twoTheta)
    {
        if (!(muT >= 0) || !double.IsFinite(muT))
            throw new ArgumentOutOfRangeException(nameof(muT), muT, "μt must be a finite, non-negative number.");
        if (!(twoTheta >= 0 && twoTheta < 90))
            throw new ArgumentOutOfRangeException(nameof(twoTheta), twoTheta, "A flat plate normal to the beam transmits only for 2θ < 90°.");
        double secant = 1 / Math.Cos(twoTheta * DegreesToRadians);
        double x = muT * (secant - 1); // ≥ 0
        // [e^{−μt·sec} − e^{−μt}]/(μt(1 − sec)) = e^{−μt}·(1 − e^{−x})/x, with (1 − e^{−x})/x → 1 as x → 0.
        double ratio = x < 1e-12 ? 1 - x / 2 : OneMinusExpMinus(x) / x;
        return Math.Exp(-muT) * ratio;
    }

    // 1 − e^{−y} without the cancellation of 1 − Math.Exp(−y) for small y.
    private static double OneMinusExpMinus(double y) => y < 1e-5 ? y * (1 - y / 2 * (1 - y / 3)) : 1 - Math.Exp(-y);
}
