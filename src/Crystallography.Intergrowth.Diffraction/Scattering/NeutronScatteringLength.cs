using System.Globalization;
using System.Numerics;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// A bound coherent neutron scattering length b = b′ − i b″ in femtometres (1 fm = 10⁻¹⁵ m), as
/// Sears, Neutron News 3 (1992) 26 tabulates it for the natural isotopic mixture. Negative for Li
/// (−1.90 fm), H, Ti, Mn; the imaginary part is non-zero only for strong absorbers (B, Cd, Sm, Eu, Gd, Dy, In).
/// </summary>
/// <param name="Real">The real part b′ in fm.</param>
/// <param name="Imaginary">The imaginary part in fm, as Sears gives it (negative for absorbers).</param>
public readonly record struct NeutronScatteringLength(double Real, double Imaginary = 0)
{
    /// <summary>The complex length in fm.</summary>
    public Complex Value => new(Real, Imaginary);

    /// <summary>"−1.90 fm" or "5.30 − 0.213i fm".</summary>
    public override string ToString() => Imaginary == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Real:0.0###} fm")
        : string.Create(CultureInfo.InvariantCulture, $"{Real:0.0###} {(Imaginary < 0 ? '−' : '+')} {Math.Abs(Imaginary):0.0###}i fm");
}
