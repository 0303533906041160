namespace Crystallography.Intergrowth.Diffraction;

/// <summary>What the radiation scatters from: electrons (X-rays) or nuclei (neutrons).</summary>
public enum RadiationProbe
{
    /// <summary>X-rays: form factors, anomalous dispersion, polarisation.</summary>
    XRay,

    /// <summary>Neutrons: coherent scattering lengths, no polarisation factor.</summary>
    Neutron,
}

/// <summary>
/// A description of the radiation a powder pattern is recorded with: laboratory X-rays with a Kα
/// doublet, synchrotron X-rays, constant-wavelength neutrons or time-of-flight neutrons.
/// Immutable records; <c>With…</c> methods return checked copies. Lengths in Å, angles in degrees,
/// times of flight in µs.
/// </summary>
public abstract record Radiation
{
    private protected Radiation()
    {
    }

    /// <summary>X-rays or neutrons.</summary>
    public abstract RadiationProbe Probe { get; }

    /// <summary>
    /// The d-spacings (Å) a range of the pattern's axis covers: 2θ in degrees for constant
    /// wavelength (every wavelength of a doublet included), time of flight in µs.
    /// </summary>
    /// <param name="from">The lower end of the range.</param>
    /// <param name="to">The upper end of the range.</param>
    /// <returns>(dMin, dMax) in Å; dMax is +∞ when the range reaches 2θ = 0.</returns>
    public abstract (double DMin, double DMax) DSpacingRange(double from, double to);

    /// <summary>
    /// The position on the pattern's axis of a reflection with spacing d: 2θ (degrees) of the
    /// principal wavelength, or the time of flight (µs). NaN when the reflection cannot diffract
    /// (λ &gt; 2d).
    /// </summary>
    /// <param name="dSpacing">d in Å.</param>
    public abstract double Position(double dSpacing);

    /// <summary>
    /// The Lorentz–polarisation factor of a reflection with spacing d, in the convention of
    /// <see cref="LorentzPolarisation"/>. NaN when the reflection cannot diffract.
    /// </summary>
    /// <param name="dSpacing">d in Å.</param>
    public abstract double LorentzPolarisationFactor(double dSpacing);

    internal static double CheckPositive(double value, string name, string unit) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive, finite number of {unit}.");
}

/// <summary>Radiation of fixed wavelength(s), recorded against 2θ.</summary>
public abstract record ConstantWavelengthRadiation : Radiation
{
    private protected ConstantWavelengthRadiation()
    {
    }

    /// <summary>The principal wavelength λ in Å (Kα1 for a laboratory tube).</summary>
    public abstract double Wavelength { get; }

    /// <summary>The shortest wavelength the pattern holds, in Å (sets the smallest d in a 2θ range).</summary>
    public virtual double ShortestWavelength => Wavelength;

    /// <summary>The longest wavelength the pattern holds, in Å (sets the largest d in a 2θ range).</summary>
    public virtual double LongestWavelength => Wavelength;

    /// <summary>2θ in degrees of a reflection with spacing d at the principal wavelength (Bragg: λ = 2d sin θ); NaN when λ &gt; 2d.</summary>
    /// <param name="dSpacing">d in Å.</param>
    public double TwoTheta(double dSpacing) => TwoTheta(dSpacing, Wavelength);

    /// <summary>The spacing d in Å diffracting at 2θ (degrees) at the principal wavelength.</summary>
    /// <param name="twoTheta">2θ in degrees, in (0°, 180°].</param>
    public double DSpacing(double twoTheta) => DSpacing(twoTheta, Wavelength);

    /// <summary>2θ in degrees for spacing d and wavelength λ; NaN when λ &gt; 2d.</summary>
    /// <param name="dSpacing">d in Å.</param>
    /// <param name="wavelength">λ in Å.</param>
    public static double TwoTheta(double dSpacing, double wavelength)
    {
        double sinTheta = wavelength / (2 * dSpacing);
        return sinTheta is >= 0 and <= 1 ? 2 * Math.Asin(sinTheta) * 180 / Math.PI : double.NaN;
    }

    /// <summary>The spacing d = λ/(2 sin θ) in Å.</summary>
    /// <param name="twoTheta">2θ in degrees.</param>
    /// <param name="wavelength">λ in Å.</param>
    public static double DSpacing(double twoTheta, double wavelength) =>
        wavelength / (2 * Math.Sin(twoTheta * Math.PI / 360));

    /// <inheritdoc />
    public override double Position(double dSpacing) => TwoTheta(dSpacing);

    /// <inheritdoc />
    public override (double DMin, double DMax) DSpacingRange(double from, double to)
    {
        if (!(from >= 0 && to > from && to <= 180))
            throw new ArgumentOutOfRangeException(nameof(to), (from, to), "A 2θ range runs from 0° ≤ from < to ≤ 180°.");
        double dMin = DSpacing(to, ShortestWavelength);
        double dMax = from == 0 ? double.PositiveInfinity : DSpacing(from, LongestWavelength);
        return (dMin, dMax);
    }
}
