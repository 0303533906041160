namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Lorentz–polarisation factors of powder reflections, by the conventions of GSAS and GSAS-II.
/// Angles in degrees.
/// </summary>
/// <remarks>
/// <para>Constant wavelength: the powder Lorentz factor 1/(sin² θ cos θ) (1/sin 2θ for the time a
/// reciprocal-lattice point spends in the sphere, 1/sin θ for the fraction of the Debye–Scherrer cone
/// the detector crosses, up to a constant factor; International Tables Vol. C §6.2.5), times, for
/// X-rays, the polarisation factor P + (1 − P) cos² 2θ of <see cref="Polarisation"/>. For an
/// unpolarised tube (P = ½) this is (1 + cos² 2θ)/(2 sin² θ cos θ): half the textbook
/// (1 + cos² 2θ)/(sin² θ cos θ), a constant that the scale absorbs. With a monochromator,
/// P = 1/(1 + K cos² 2θₘ) gives (1 + K cos² 2θₘ cos² 2θ)/((1 + K cos² 2θₘ) sin² θ cos θ).</para>
/// <para>Time of flight: d⁴ sin θ with θ half the bank angle (GSAS, Larson &amp; Von Dreele, GSAS
/// manual LAUR 86-748, the TOF intensity; GSAS-II GSASIIstrMath.getPowderProfile:
/// <c>Lorenz = sind(parmDict[hfx+'2-theta']/2)*refl[4]**4</c>). The incident spectrum is not part of it.</para>
/// </remarks>
public static class LorentzPolarisation
{
    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>The powder Lorentz factor 1/(sin² θ cos θ).</summary>
    /// <param name="twoTheta">2θ in degrees, in (0°, 180°).</param>
    public static double Lorentz(double twoTheta)
    {
        double theta = twoTheta * DegreesToRadians / 2;
        double s = Math.Sin(theta);
        return 1 / (s * s * Math.Cos(theta));
    }

    /// <summary>(P + (1 − P) cos² 2θ)/(sin² θ cos θ): laboratory X-rays (with or without monochromator) and synchrotron X-rays.</summary>
    /// <param name="twoTheta">2θ in degrees.</param>
    /// <param name="polarisation">The incident-beam polarisation.</param>
    public static double XRay(double twoTheta, Polarisation polarisation) => polarisation.Factor(twoTheta) * Lorentz(twoTheta);

    /// <summary>
    /// The lab formula with a monochromator written out:
    /// (1 + K cos² 2θₘ cos² 2θ)/((1 + K cos² 2θₘ) sin² θ cos θ).
    /// </summary>
    /// <param name="twoTheta">2θ in degrees.</param>
    /// <param name="monochromatorTwoTheta">2θₘ in degrees (0 without a monochromator).</param>
    /// <param name="k">K, 1 for a mosaic monochromator crystal.</param>
    public static double LaboratoryXRay(double twoTheta, double monochromatorTwoTheta = 0, double k = 1)
    {
        double cm = Math.Cos(monochromatorTwoTheta * DegreesToRadians);
        double c = Math.Cos(twoTheta * DegreesToRadians);
        double kc = k * cm * cm;
        return (1 + kc * c * c) / (1 + kc) * Lorentz(twoTheta);
    }

    /// <summary>Constant-wavelength neutrons: 1/(sin² θ cos θ).</summary>
    /// <param name="twoTheta">2θ in degrees.</param>
    public static double ConstantWavelengthNeutron(double twoTheta) => Lorentz(twoTheta);

    /// <summary>Time-of-flight neutrons: d⁴ sin θ (GSAS convention).</summary>
    /// <param name="dSpacing">d in Å.</param>
    /// <param name="bankTwoTheta">The bank's 2θ in degrees.</param>
    public static double TimeOfFlight(double dSpacing, double bankTwoTheta)
    {
        double d2 = dSpacing * dSpacing;
        return d2 * d2 * Math.Sin(bankTwoTheta * DegreesToRadians / 2);
    }
}
