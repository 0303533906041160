using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>Monochromatic (constant-wavelength) neutrons. Immutable.</summary>
public sealed record ConstantWavelengthNeutrons : ConstantWavelengthRadiation
{
    /// <summary>Creates the description.</summary>
    /// <param name="wavelength">λ in Å (1.5403 Å at ECHIDNA, 1.594 Å at D2B, for instance).</param>
    public ConstantWavelengthNeutrons(double wavelength) => Wavelength = CheckPositive(wavelength, nameof(wavelength), "Å");

    /// <inheritdoc />
    public override double Wavelength { get; }

    /// <inheritdoc />
    public override RadiationProbe Probe => RadiationProbe.Neutron;

    /// <summary>A copy with another wavelength.</summary>
    /// <param name="wavelength">λ in Å.</param>
    public ConstantWavelengthNeutrons WithWavelength(double wavelength) => new(wavelength);

    /// <summary>The Lorentz factor 1/(sin² θ cos θ); neutrons need no polarisation factor.</summary>
    /// <param name="dSpacing">d in Å.</param>
    public override double LorentzPolarisationFactor(double dSpacing) =>
        LorentzPolarisation.ConstantWavelengthNeutron(TwoTheta(dSpacing));

    /// <summary>"CW neutrons 1.5403 Å".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CW neutrons {Wavelength} Å");
}
