using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The polarisation of the beam incident on the sample, as GSAS-II's instrument parameter
/// "Polariz." describes it: the fraction P of the intensity polarised perpendicular to the
/// diffraction plane. The polarisation factor of a reflection at 2θ is
/// P + (1 − P) cos² 2θ (GSAS-II, GSASIIpwd.Polarization at azimuth 0): 0.5 (1 + cos² 2θ) for an
/// unpolarised tube, close to 1 for a synchrotron beam diffracted in the vertical plane.
/// </summary>
/// <param name="Fraction">P, between 0 and 1.</param>
public readonly record struct Polarisation(double Fraction)
{
    /// <summary>An unpolarised beam: P = 0.5, factor (1 + cos² 2θ)/2.</summary>
    public static Polarisation Unpolarised => new(0.5);

    /// <summary>A beam fully polarised perpendicular to the diffraction plane: P = 1, factor 1.</summary>
    public static Polarisation Perpendicular => new(1);

    /// <summary>
    /// An unpolarised tube beam after a crystal monochromator whose diffraction plane is that of the
    /// sample (the usual incident-beam monochromator): the factor
    /// (1 + K cos² 2θₘ cos² 2θ)/(1 + K cos² 2θₘ) is P + (1 − P) cos² 2θ with
    /// P = 1/(1 + K cos² 2θₘ). K = 1 for an ideally mosaic crystal (graphite, most Ge);
    /// for an ideally perfect crystal |cos 2θₘ| replaces cos² 2θₘ, i.e. K = 1/|cos 2θₘ|
    /// (Azároff, Acta Cryst. 8 (1955) 701; International Tables Vol. C §6.2.2).
    /// </summary>
    /// <param name="monochromatorTwoTheta">2θₘ of the monochromator reflection in degrees (26.6° for graphite 002 with Cu Kα, 27.3° for Ge 111).</param>
    /// <param name="k">The factor K, 1 for a mosaic crystal.</param>
    /// <exception cref="ArgumentOutOfRangeException">2θₘ outside [0°, 180°) or K negative.</exception>
    public static Polarisation FromMonochromator(double monochromatorTwoTheta, double k = 1)
    {
        if (!(monochromatorTwoTheta >= 0 && monochromatorTwoTheta < 180))
            throw new ArgumentOutOfRangeException(nameof(monochromatorTwoTheta), monochromatorTwoTheta, "2θ of the monochromator must lie in [0°, 180°).");
        if (!(k >= 0) || !double.IsFinite(k))
            throw new ArgumentOutOfRangeException(nameof(k), k, "K must be a finite, non-negative number.");
        double c = Math.Cos(monochromatorTwoTheta * Math.PI / 180);
        return new Polarisation(1 / (1 + k * c * c));
    }

    /// <summary>The polarisation factor P + (1 − P) cos² 2θ at a scattering angle 2θ in degrees.</summary>
    /// <param name="twoTheta">2θ in degrees.</param>
    public double Factor(double twoTheta)
    {
        double c = Math.Cos(twoTheta * Math.PI / 180);
        return Fraction + (1 - Fraction) * c * c;
    }

    /// <summary>Checks the fraction lies in [0, 1]; for the constructors of the radiation types.</summary>
    internal Polarisation Checked(string parameterName) =>
        Fraction is >= 0 and <= 1
            ? this
            : throw new ArgumentOutOfRangeException(parameterName, Fraction, "The polarisation fraction must lie between 0 and 1.");

    /// <summary>"P = 0.5".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"P = {Fraction:0.####}");
}
