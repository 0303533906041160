using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// X-rays from a sealed tube: the Kα1/Kα2 doublet, the Kα2 : Kα1 intensity ratio and the
/// polarisation left by a monochromator (or none). Immutable.
/// </summary>
/// <remarks>
/// The preset wavelengths: Cu and Co Kα1, Kα2 from Hölzer et al., Phys. Rev. A 56 (1997) 4554
/// (Cu 1.540593 / 1.544427 Å, Co 1.788996 / 1.792835 Å), as International Tables Vol. C (3rd ed.,
/// 2004) Table 4.2.2.1 lists them; Mo and Ag from the same table (Mo 0.709317 / 0.713607 Å,
/// Ag 0.559421 / 0.563813 Å). The ratio is 0.5 by default (the ratio of the 2p3/2 and 2p1/2
/// populations; measured values lie between 0.48 and 0.52).
/// </remarks>
public sealed record LaboratoryXRays : ConstantWavelengthRadiation
{
    /// <summary>Creates a doublet.</summary>
    /// <param name="kAlpha1">Kα1 wavelength in Å.</param>
    /// <param name="kAlpha2">Kα2 wavelength in Å (longer than Kα1).</param>
    /// <param name="kAlpha2Ratio">I(Kα2)/I(Kα1), in [0, 1]; 0 for a Kα1-only (Johansson monochromated) beam.</param>
    /// <param name="polarisation">The incident-beam polarisation; unpolarised when null.</param>
    /// <param name="anode">The anode, when the wavelengths are one of the presets; null otherwise.</param>
    /// <exception cref="ArgumentOutOfRangeException">A wavelength not positive, Kα2 shorter than Kα1, or the ratio or the polarisation fraction outside [0, 1].</exception>
    public LaboratoryXRays(double kAlpha1, double kAlpha2, double kAlpha2Ratio = 0.5, Polarisation? polarisation = null, Diffraction.Anode? anode = null)
    {
        KAlpha1 = CheckPositive(kAlpha1, nameof(kAlpha1), "Å");
        KAlpha2 = CheckPositive(kAlpha2, nameof(kAlpha2), "Å");
        if (kAlpha2 < kAlpha1)
            throw new ArgumentOutOfRangeException(nameof(kAlpha2), kAlpha2, $"Kα2 ({kAlpha2} Å) must not be shorter than Kα1 ({kAlpha1} Å).");
        if (!(kAlpha2Ratio is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(kAlpha2Ratio), kAlpha2Ratio, "The Kα2/Kα1 ratio must lie between 0 and 1.");
        KAlpha2Ratio = kAlpha2Ratio;
        Polarisation = (polarisation ?? Polarisation.Unpolarised).Checked(nameof(polarisation));
        Anode = anode;
    }

    /// <summary>Cu Kα: 1.540593 / 1.544427 Å, ratio 0.5, unpolarised.</summary>
    public static LaboratoryXRays Copper => FromAnode(Diffraction.Anode.Copper);

    /// <summary>Co Kα: 1.788996 / 1.792835 Å, ratio 0.5, unpolarised.</summary>
    public static LaboratoryXRays Cobalt => FromAnode(Diffraction.Anode.Cobalt);

    /// <summary>Mo Kα: 0.709317 / 0.713607 Å, ratio 0.5, unpolarised.</summary>
    public static LaboratoryXRays Molybdenum => FromAnode(Diffraction.Anode.Molybdenum);

    /// <summary>Ag Kα: 0.559421 / 0.563813 Å, ratio 0.5, unpolarised.</summary>
    public static LaboratoryXRays Silver => FromAnode(Diffraction.Anode.Silver);

    /// <summary>The preset doublet of an anode, ratio 0.5, unpolarised.</summary>
    /// <param name="anode">The anode.</param>
    public static LaboratoryXRays FromAnode(Diffraction.Anode anode) => new(KAlpha1Of(anode), KAlpha2Of(anode), 0.5, null, anode);

    /// <summary>The Kα1 wavelength of an anode in Å (the wavelength the tabulated f′, f″ belong to).</summary>
    /// <param name="anode">The anode.</param>
    public static double KAlpha1Of(Diffraction.Anode anode) => anode switch
    {
        Diffraction.Anode.Copper => 1.540593,
        Diffraction.Anode.Cobalt => 1.788996,
        Diffraction.Anode.Molybdenum => 0.709317,
        Diffraction.Anode.Silver => 0.559421,
        _ => throw new ArgumentOutOfRangeException(nameof(anode), anode, "Unknown anode."),
    };

    /// <summary>The Kα2 wavelength of an anode in Å.</summary>
    /// <param name="anode">The anode.</param>
    public static double KAlpha2Of(Diffraction.Anode anode) => anode switch
    {
        Diffraction.Anode.Copper => 1.544427,
        Diffraction.Anode.Cobalt => 1.792835,
        Diffraction.Anode.Molybdenum => 0.713607,
        Diffraction.Anode.Silver => 0.563813,
        _ => throw new ArgumentOutOfRangeException(nameof(anode), anode, "Unknown anode."),
    };

    /// <summary>The anode of a preset, or null for wavelengths set by hand.</summary>
    public Diffraction.Anode? Anode { get; }

    /// <summary>Kα1 wavelength in Å.</summary>
    public double KAlpha1 { get; }

    /// <summary>Kα2 wavelength in Å.</summary>
    public double KAlpha2 { get; }

    /// <summary>I(Kα2)/I(Kα1).</summary>
    public double KAlpha2Ratio { get; }

    /// <summary>The incident-beam polarisation (from the monochromator, if any).</summary>
    public Polarisation Polarisation { get; }

    /// <inheritdoc />
    public override RadiationProbe Probe => RadiationProbe.XRay;

    /// <summary>The principal wavelength: Kα1.</summary>
    public override double Wavelength => KAlpha1;

    /// <inheritdoc />
    public override double LongestWavelength => KAlpha2Ratio > 0 ? KAlpha2 : KAlpha1;

    /// <summary>A copy with other wavelengths (the anode label is dropped unless they are the anode's).</summary>
    /// <param name="kAlpha1">Kα1 in Å.</param>
    /// <param name="kAlpha2">Kα2 in Å.</param>
    public LaboratoryXRays WithWavelengths(double kAlpha1, double kAlpha2) =>
        new(kAlpha1, kAlpha2, KAlpha2Ratio, Polarisation,
            Anode is { } a && kAlpha1 == KAlpha1Of(a) && kAlpha2 == KAlpha2Of(a) ? a : null);

    /// <summary>A copy with another Kα2 : Kα1 ratio.</summary>
    /// <param name="ratio">I(Kα2)/I(Kα1) in [0, 1].</param>
    public LaboratoryXRays WithKAlpha2Ratio(double ratio) => new(KAlpha1, KAlpha2, ratio, Polarisation, Anode);

    /// <summary>A copy with another polarisation.</summary>
    /// <param name="polarisation">The polarisation.</param>
    public LaboratoryXRays WithPolarisation(Polarisation polarisation) => new(KAlpha1, KAlpha2, KAlpha2Ratio, polarisation, Anode);

    /// <summary>A copy with an incident-beam monochromator (<see cref="Polarisation.FromMonochromator"/>).</summary>
    /// <param name="monochromatorTwoTheta">2θₘ in degrees.</param>
    /// <param name="k">K, 1 for a mosaic crystal.</param>
    public LaboratoryXRays WithMonochromator(double monochromatorTwoTheta, double k = 1) =>
        WithPolarisation(Polarisation.FromMonochromator(monochromatorTwoTheta, k));

    /// <summary>LP = (P + (1 − P) cos² 2θ)/(sin² θ cos θ) at the Kα1 position.</summary>
    /// <param name="dSpacing">d in Å.</param>
    public override double LorentzPolarisationFactor(double dSpacing) =>
        LorentzPolarisation.XRay(TwoTheta(dSpacing), Polarisation);

    /// <summary>"Cu Kα 1.540593/1.544427 Å (ratio 0.5), P = 0.5".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Anode is { } a ? Symbol(a) + " " : "")}Kα {KAlpha1}/{KAlpha2} Å (ratio {KAlpha2Ratio}), {Polarisation}");

    private static string Symbol(Diffraction.Anode anode) => anode switch
    {
        Diffraction.Anode.Copper => "Cu",
        Diffraction.Anode.Cobalt => "Co",
        Diffraction.Anode.Molybdenum => "Mo",
        _ => "Ag",
    };
}
