using System.Globalization;
using System.Numerics;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The anomalous-dispersion corrections f′ and f″ (electrons) of an element at one wavelength:
/// the atom scatters f₀(s) + f′ + i f″. Tabulated values at the Kα1 lines of the laboratory anodes
/// come from <see cref="ScatteringFactors.Anomalous"/>; near an absorption edge, or at a synchrotron
/// energy, give measured or calculated values yourself.
/// </summary>
/// <param name="FPrime">f′ in electrons (negative below and near an edge).</param>
/// <param name="FDoublePrime">f″ in electrons (positive).</param>
public readonly record struct AnomalousDispersion(double FPrime, double FDoublePrime)
{
    /// <summary>No anomalous scattering: f′ = f″ = 0.</summary>
    public static AnomalousDispersion None => default;

    /// <summary>f′ + i f″.</summary>
    public Complex Value => new(FPrime, FDoublePrime);

    /// <summary>"f′ = −3.057, f″ = 0.509".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"f′ = {FPrime:0.0###}, f″ = {FDoublePrime:0.0###}");
}
