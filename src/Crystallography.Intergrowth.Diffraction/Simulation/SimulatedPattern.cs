using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// One peak of a simulated pattern: the reflection family, which phase it belongs to, which line of
/// the beam made it (0 the principal wavelength, 1 the Kα2 line of a laboratory tube), its
/// position, integrated intensity (the area it adds to the pattern) and its width.
/// </summary>
/// <param name="PhaseIndex">The phase, as indexed in the simulation's input.</param>
/// <param name="Index">The representative hkl.</param>
/// <param name="DSpacing">d in Å.</param>
/// <param name="Multiplicity">The powder multiplicity.</param>
/// <param name="SquaredStructureFactor">|F|² per unit cell.</param>
/// <param name="Position">2θ in degrees or TOF in µs, zero shift included.</param>
/// <param name="Intensity">The integrated intensity: scale · m · |F|² · LP · PO (× I(Kα2)/I(Kα1) for line 1).</param>
/// <param name="Fwhm">The FWHM of the peak's pseudo-Voigt part, in the axis unit.</param>
/// <param name="Mixing">Its Lorentzian fraction η.</param>
/// <param name="Line">0 for the principal wavelength, 1 for Kα2.</param>
public readonly record struct SimulatedReflection(int PhaseIndex, MillerIndex Index, double DSpacing, int Multiplicity,
                                                  double SquaredStructureFactor, double Position, double Intensity,
                                                  double Fwhm, double Mixing, int Line)
{
    /// <summary>"phase 0 (1 0 4) 2θ = 18.61, I = 1234.5".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"phase {PhaseIndex} {Index}{(Line == 1 ? " Kα2" : "")} at {Position:0.####}, d = {DSpacing:0.#####} Å, I = {Intensity:G6}, FWHM {Fwhm:G4}");
}

/// <summary>
/// A calculated powder pattern: y on the grid (background plus every phase's peaks), the background,
/// each phase's contribution, and the peak list for tick marks. Immutable.
/// </summary>
public sealed class SimulatedPattern
{
    internal SimulatedPattern(Instrument instrument, AxisKind axis, ImmutableArray<double> x, ImmutableArray<double> y,
                              ImmutableArray<double> background, ImmutableArray<ImmutableArray<double>> phaseContributions,
                              ImmutableArray<SimulatedReflection> reflections, ImmutableArray<ReflectionList> reflectionLists)
    {
        Instrument = instrument;
        Axis = axis;
        X = x;
        Y = y;
        Background = background;
        PhaseContributions = phaseContributions;
        Reflections = reflections;
        ReflectionLists = reflectionLists;
    }

    /// <summary>The instrument simulated.</summary>
    public Instrument Instrument { get; }

    /// <summary>What x measures.</summary>
    public AxisKind Axis { get; }

    /// <summary>The abscissae.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>The calculated intensity: background + Σ phases.</summary>
    public ImmutableArray<double> Y { get; }

    /// <summary>The background at each point.</summary>
    public ImmutableArray<double> Background { get; }

    /// <summary>Each phase's peaks at each point (no background), in the order of the input.</summary>
    public ImmutableArray<ImmutableArray<double>> PhaseContributions { get; }

    /// <summary>Every peak inside or near the range, sorted by position (Kα2 lines included, <see cref="SimulatedReflection.Line"/> = 1).</summary>
    public ImmutableArray<SimulatedReflection> Reflections { get; }

    /// <summary>The reflections of the principal wavelength only: the tick marks of a Rietveld plot.</summary>
    public IEnumerable<SimulatedReflection> TickMarks => Reflections.Where(r => r.Line == 0);

    /// <summary>Each phase's reflection list with |F|², positions and integrated intensities (principal wavelength).</summary>
    public ImmutableArray<ReflectionList> ReflectionLists { get; }

    /// <summary>The number of points.</summary>
    public int Count => X.Length;

    /// <summary>The pattern as a <see cref="PowderPattern"/> (σ from counting statistics), to write with <see cref="XyFile.Write(PowderPattern, string)"/>.</summary>
    public PowderPattern ToPowderPattern()
    {
        var pattern = new PowderPattern(Axis, X, Y).WithTitle($"simulated: {Instrument}").WithFormat("simulated");
        return Instrument.Radiation switch
        {
            LaboratoryXRays lab => pattern.WithWavelengths(lab.KAlpha1, lab.KAlpha2).WithWavelengthIntensityRatio(lab.KAlpha2Ratio),
            ConstantWavelengthRadiation cw => pattern.WithWavelengths(cw.Wavelength),
            _ => pattern,
        };
    }

    /// <summary>"SimulatedPattern TwoThetaDegrees, 5501 points, 2 phases, 212 peaks".</summary>
    public override string ToString() =>
        $"SimulatedPattern {Axis}, {Count} points, {PhaseContributions.Length} phase(s), {Reflections.Length} peaks";
}
