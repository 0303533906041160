using System.Globalization;
using System.Text;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Cli.Demo;

/// <summary>One simulated pattern of the demo: how it was measured (in the simulation) and how it is named and written.</summary>
/// <param name="Name">The histogram name in parameter ids (<c>sxrd</c>, <c>cwn</c>).</param>
/// <param name="Resource">The embedded file's name.</param>
/// <param name="Description">One line saying what kind of measurement it imitates.</param>
/// <param name="Instrument">The instrument as simulated: radiation, TCH profile, zero shift (the true values).</param>
/// <param name="Range">The points, 2θ in degrees.</param>
/// <param name="Background">The true Chebyshev coefficients of the background, over the pattern's range.</param>
/// <param name="StrongestPeakCounts">The expected counts of the strongest point above background, which fixes the overall scale.</param>
/// <param name="Seed">The seed of the Poisson noise.</param>
internal sealed record DemoPattern(string Name, string Resource, string Description, Instrument Instrument, PatternRange Range,
                                   double[] Background, double StrongestPeakCounts, int Seed);

/// <summary>
/// The model behind <c>intergrowth demo</c>: the reference study's Li1.2Ni0.4Ru0.4O2 as the two phases of its Supplementary
/// Table S1 (layered R-3m and rocksalt Fm-3m, 70:30 by moles of O2 formula units), and the two measurements simulated
/// from them — synchrotron X-rays and constant-wavelength neutrons. The embedded data files (Data/demo) were written by
/// <see cref="WriteDataFile"/> from this model; a test regenerates them and compares byte for byte.
/// </summary>
internal static class StudyDemoModel
{
    /// <summary>The layered mole fraction of the truth (per O2; the study's 70:30).</summary>
    public const double LayeredFraction = 0.7;

    // Table S1 (the embedded layered_S1.cif and rocksalt_S1.cif, which a test compares with these numbers).
    public const double LayeredA = 2.94194, LayeredC = 14.40729, OxygenZ = 0.25716;
    public const double LayeredLiUiso = 0.0341, LayeredMetalUiso = 0.0035, LayeredOxygenUiso = 0.0078;
    public const double RocksaltA = 4.15874, RocksaltCationUiso = 0.0034, RocksaltAnionUiso = 0.0091;

    /// <summary>The Li/Ni antisite fraction of the truth: Table S1 has no Ni on the Li layer.</summary>
    public const double TrueAntisite = 0;

    /// <summary>The layered phase of Table S1 per O2, optionally with a Li/Ni antisite fraction z (Ni z on 3b, Li 0.2 + z and Ni 0.4 − z on 3a).</summary>
    public static Phase Layered(double a = LayeredA, double c = LayeredC, double oxygenZ = OxygenZ, double metalUiso = LayeredMetalUiso,
                                double oxygenUiso = LayeredOxygenUiso, double antisite = TrueAntisite) =>
        StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+", 1 - antisite), SiteOccupant.Of("Ni2+", antisite)],
            [SiteOccupant.Of("Li+", 0.2 + antisite), SiteOccupant.Of("Ni2+", 0.4 - antisite), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ,
            lithiumLayerUiso: LayeredLiUiso, metalLayerUiso: metalUiso, oxygenUiso: oxygenUiso).PerFormulaUnit("O2");

    /// <summary>The rocksalt phase of Table S1 per O2.</summary>
    public static Phase Rocksalt(double a = RocksaltA, double cationUiso = RocksaltCationUiso, double anionUiso = RocksaltAnionUiso) =>
        StructurePrototypes.Rocksalt("rocksalt", a, [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
            cationUiso: cationUiso, anionUiso: anionUiso).PerFormulaUnit("O2");

    /// <summary>The synchrotron pattern: λ = 0.4137 Å (an 11-BM-like beamline), 3–20° 2θ in 0.005° steps.</summary>
    public static DemoPattern Synchrotron { get; } = new("sxrd", "li12nro-sxrd-simulated.xye",
        "synchrotron X-rays, 0.4137 A, 3-20 deg 2theta in 0.005 deg steps",
        Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99),
            new TchProfile { U = 0.004, V = -0.0008, W = 0.0003, X = 0.004, Y = 0.006 }, zeroShift: 0.003),
        PatternRange.Uniform(3, 0.005, 20), [200, -40, 15], 20000, 20251126);

    /// <summary>The neutron pattern: λ = 1.622 Å (a D2B/HRPT-like diffractometer), 15–125° 2θ in 0.05° steps.</summary>
    public static DemoPattern Neutrons { get; } = new("cwn", "li12nro-cwn-simulated.xye",
        "constant-wavelength neutrons, 1.622 A, 15-125 deg 2theta in 0.05 deg steps",
        Instrument.ConstantWavelength(new ConstantWavelengthNeutrons(1.622),
            new TchProfile { U = 0.06, V = -0.12, W = 0.1, X = 0.01, Y = 0.02 }, zeroShift: 0.02),
        PatternRange.Uniform(15, 0.05, 125), [300, 30, -20], 6000, 20251127);

    /// <summary>Both patterns, X-rays first.</summary>
    public static IReadOnlyList<DemoPattern> Patterns { get; } = [Synchrotron, Neutrons];

    /// <summary>The true mixture: Table S1 at 70:30 per O2.</summary>
    public static (Phase Phase, double MoleFraction)[] TrueMixture() => [(Layered(), LayeredFraction), (Rocksalt(), 1 - LayeredFraction)];

    /// <summary>
    /// The overall scale that makes the strongest point of the peaks alone (no background) <see cref="DemoPattern.StrongestPeakCounts"/>;
    /// with mole fractions this is the true value of <c>hist:NAME/scale</c>.
    /// </summary>
    public static double OverallScale(DemoPattern pattern) =>
        pattern.StrongestPeakCounts / new PatternSimulator(pattern.Instrument).Simulate(SimulatedPhase.FromMoleFractions(TrueMixture()), pattern.Range).Y.Max();

    /// <summary>The expected counts at every point: background + both phases, before noise.</summary>
    public static double[] ExpectedCounts(DemoPattern pattern)
    {
        var range = pattern.Range;
        var background = PatternBackground.FromChebyshev(new ChebyshevBackground(range.X[0], range.X[^1], pattern.Background));
        return [.. new PatternSimulator(pattern.Instrument.WithBackground(background))
            .Simulate(SimulatedPhase.FromMoleFractions(TrueMixture(), OverallScale(pattern)), range).Y];
    }

    /// <summary>The text of the embedded file: a header that says the data are simulated and how, then x, counts, σ = √max(counts, 1).</summary>
    public static string WriteDataFile(DemoPattern pattern)
    {
        var expected = ExpectedCounts(pattern);
        var noise = new PoissonCounts(pattern.Seed);
        var text = new StringBuilder();
        string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var tch = pattern.Instrument.ConstantWavelengthProfile!;
        text.Append("# SIMULATED DATA - not a measurement.\n");
        text.Append("# Li1.2Ni0.4Ru0.4O2, the reference study's Supplementary Table S1 two-phase model: layered R-3m\n");
        text.Append("# (a 2.94194, c 14.40729 A; Li 3b; Li0.2Ni0.4Ru0.4 3a; O 6c z 0.25716) and rocksalt Fm-3m (a 4.15874 A;\n");
        text.Append("# Li0.6Ni0.2Ru0.2 4a; O 4b), 70:30 by moles of O2 formula units, Uiso as Table S1.\n");
        text.Append(Line($"# Imitates: {pattern.Description}.\n"));
        text.Append(Line($"# Simulated by Crystallography.Intergrowth's PatternSimulator: TCH pseudo-Voigt U {tch.U} V {tch.V} W {tch.W} (deg^2) X {tch.X} Y {tch.Y} (deg),\n"));
        text.Append(Line($"# zero shift {pattern.Instrument.ZeroShift} deg, Chebyshev background [{string.Join(", ", pattern.Background.Select(b => b.ToString(CultureInfo.InvariantCulture)))}],\n"));
        text.Append(Line($"# strongest peak {pattern.StrongestPeakCounts} counts above background; Poisson counting noise, seed {pattern.Seed}.\n"));
        text.Append("# Generator: src/Crystallography.Intergrowth.Cli/Demo/StudyDemoModel.cs (WriteDataFile); see Data/demo/README.md.\n");
        text.Append("# columns: 2theta(deg) counts sigma\n");
        for (int i = 0; i < expected.Length; i++)
        {
            int counts = noise.Next(expected[i]);
            text.Append(Line($"{pattern.Range.X[i]:F3} {counts} {Math.Sqrt(Math.Max(counts, 1)):F3}\n"));
        }
        return text.ToString();
    }
}
