using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Monochromatic synchrotron X-rays: one wavelength and the beam's polarisation fraction
/// (GSAS-II's "Polariz.", 0.99 by default: a beam polarised in the storage-ring plane, diffracted
/// in the vertical plane). Immutable.
/// </summary>
public sealed record SynchrotronXRays : ConstantWavelengthRadiation
{
    /// <summary>hc in keV·Å (CODATA 2018: 12.398419843320026).</summary>
    public const double PlanckTimesSpeedOfLight = 12.398419843320026;

    /// <summary>Creates the description.</summary>
    /// <param name="wavelength">λ in Å (0.4137 Å at 11-BM, for instance).</param>
    /// <param name="polarisationFraction">P in [0, 1]: the fraction polarised perpendicular to the diffraction plane.</param>
    public SynchrotronXRays(double wavelength, double polarisationFraction = 0.99)
    {
        Wavelength = CheckPositive(wavelength, nameof(wavelength), "Å");
        Polarisation = new Polarisation(polarisationFraction).Checked(nameof(polarisationFraction));
    }

    /// <summary>The description from a photon energy in keV (λ = hc/E).</summary>
    /// <param name="energy">E in keV.</param>
    /// <param name="polarisationFraction">P in [0, 1].</param>
    public static SynchrotronXRays FromEnergy(double energy, double polarisationFraction = 0.99) =>
        new(PlanckTimesSpeedOfLight / CheckPositive(energy, nameof(energy), "keV"), polarisationFraction);

    /// <inheritdoc />
    public override double Wavelength { get; }

    /// <summary>The photon energy hc/λ in keV.</summary>
    public double Energy => PlanckTimesSpeedOfLight / Wavelength;

    /// <summary>The beam's polarisation.</summary>
    public Polarisation Polarisation { get; }

    /// <inheritdoc />
    public override RadiationProbe Probe => RadiationProbe.XRay;

    /// <summary>A copy with another wavelength.</summary>
    /// <param name="wavelength">λ in Å.</param>
    public SynchrotronXRays WithWavelength(double wavelength) => new(wavelength, Polarisation.Fraction);

    /// <summary>A copy with another polarisation fraction.</summary>
    /// <param name="fraction">P in [0, 1].</param>
    public SynchrotronXRays WithPolarisationFraction(double fraction) => new(Wavelength, fraction);

    /// <summary>LP = (P + (1 − P) cos² 2θ)/(sin² θ cos θ).</summary>
    /// <param name="dSpacing">d in Å.</param>
    public override double LorentzPolarisationFactor(double dSpacing) =>
        LorentzPolarisation.XRay(TwoTheta(dSpacing), Polarisation);

    /// <summary>"synchrotron X-rays 0.4137 Å (29.970 keV), P = 0.99".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"synchrotron X-rays {Wavelength} Å ({Energy:0.000} keV), {Polarisation}");
}
