using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// One detector bank of a time-of-flight neutron diffractometer: the d-to-TOF calibration
/// TOF = ZERO + DIFC·d + DIFA·d² (µs, d in Å; GSAS and GSAS-II's Zero, difC, difA) and the bank's
/// scattering angle 2θ. Immutable.
/// </summary>
public sealed record TimeOfFlightNeutrons : Radiation
{
    /// <summary>Creates the description.</summary>
    /// <param name="difc">DIFC in µs/Å, positive.</param>
    /// <param name="bankTwoTheta">The bank's 2θ in degrees, in (0°, 180°).</param>
    /// <param name="difa">DIFA in µs/Å².</param>
    /// <param name="zero">ZERO in µs.</param>
    public TimeOfFlightNeutrons(double difc, double bankTwoTheta, double difa = 0, double zero = 0)
    {
        Difc = CheckPositive(difc, nameof(difc), "µs/Å");
        if (!(bankTwoTheta > 0 && bankTwoTheta < 180))
            throw new ArgumentOutOfRangeException(nameof(bankTwoTheta), bankTwoTheta, "The bank's 2θ must lie between 0° and 180°.");
        if (!double.IsFinite(difa)) throw new ArgumentOutOfRangeException(nameof(difa), difa, "DIFA must be finite.");
        if (!double.IsFinite(zero)) throw new ArgumentOutOfRangeException(nameof(zero), zero, "ZERO must be finite.");
        BankTwoTheta = bankTwoTheta;
        Difa = difa;
        Zero = zero;
    }

    /// <summary>DIFC in µs/Å.</summary>
    public double Difc { get; }

    /// <summary>DIFA in µs/Å².</summary>
    public double Difa { get; }

    /// <summary>ZERO in µs.</summary>
    public double Zero { get; }

    /// <summary>The bank's scattering angle 2θ in degrees.</summary>
    public double BankTwoTheta { get; }

    /// <inheritdoc />
    public override RadiationProbe Probe => RadiationProbe.Neutron;

    /// <summary>TOF = ZERO + DIFC·d + DIFA·d² in µs.</summary>
    /// <param name="dSpacing">d in Å.</param>
    public double TimeOfFlight(double dSpacing) => Zero + dSpacing * (Difc + Difa * dSpacing);

    /// <summary>
    /// The spacing d (Å) at a time of flight: the positive root of DIFA·d² + DIFC·d + (ZERO − TOF) = 0,
    /// written as d = 2(TOF − ZERO)/(DIFC + sqrt(DIFC² + 4·DIFA·(TOF − ZERO))), which stays exact
    /// as DIFA → 0. NaN when no real root exists.
    /// </summary>
    /// <param name="timeOfFlight">TOF in µs.</param>
    public double DSpacing(double timeOfFlight)
    {
        double t = timeOfFlight - Zero;
        double discriminant = Difc * Difc + 4 * Difa * t;
        return discriminant < 0 ? double.NaN : 2 * t / (Difc + Math.Sqrt(discriminant));
    }

    /// <summary>A copy with another calibration.</summary>
    /// <param name="difc">DIFC in µs/Å.</param>
    /// <param name="difa">DIFA in µs/Å².</param>
    /// <param name="zero">ZERO in µs.</param>
    public TimeOfFlightNeutrons WithCalibration(double difc, double difa, double zero) => new(difc, BankTwoTheta, difa, zero);

    /// <inheritdoc />
    public override double Position(double dSpacing) => TimeOfFlight(dSpacing);

    /// <inheritdoc />
    public override (double DMin, double DMax) DSpacingRange(double from, double to)
    {
        if (!(to > from))
            throw new ArgumentOutOfRangeException(nameof(to), (from, to), "A TOF range runs from a smaller to a larger time.");
        double dMin = Math.Max(DSpacing(from), 0);
        double dMax = DSpacing(to);
        if (!(dMax > 0) || double.IsNaN(dMin))
            throw new ArgumentOutOfRangeException(nameof(to), (from, to), "The TOF range maps to no positive d-spacings with this calibration.");
        return (dMin, dMax);
    }

    /// <summary>The GSAS time-of-flight Lorentz factor d⁴ sin θ (<see cref="LorentzPolarisation.TimeOfFlight"/>).</summary>
    /// <param name="dSpacing">d in Å.</param>
    public override double LorentzPolarisationFactor(double dSpacing) => LorentzPolarisation.TimeOfFlight(dSpacing, BankTwoTheta);

    /// <summary>"TOF neutrons, bank 2θ = 90°, DIFC = 7476.9, DIFA = −1.5, ZERO = 2.1".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"TOF neutrons, bank 2θ = {BankTwoTheta}°, DIFC = {Difc}, DIFA = {Difa}, ZERO = {Zero}");
}
