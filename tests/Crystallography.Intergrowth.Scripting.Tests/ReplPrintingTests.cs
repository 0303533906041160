using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Scripting.Tests;

/// <summary>
/// What a REPL (C# Interactive, dotnet-script, a notebook) shows for the objects a crystallographer handles: the
/// ToString() of phases, sites, backgrounds, simulators, builders, catalogs, results and their parts. The checks are on
/// content (the numbers and names a reader needs), not on the whole text.
/// </summary>
public sealed class ReplPrintingTests(ITestOutputHelper output)
{
    private static Phase Layered(double a = 2.94194) => StructurePrototypes.Layered("layered", a, 14.40729, [SiteOccupant.Of("Li+")],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.25716,
        lithiumLayerUiso: 0.0341, metalLayerUiso: 0.0035, oxygenUiso: 0.0078).PerFormulaUnit("O2");

    private static Phase Rocksalt(double a = 4.15874) => StructurePrototypes.Rocksalt("rocksalt", a,
        [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.0034, anionUiso: 0.0091).PerFormulaUnit("O2");

    // A small noise-free 70:30 synchrotron pattern refined from a cell off the truth: enough to have every part of a result.
    private static readonly Lazy<(RefinementBuilder Builder, RefinementResult Result)> Fit = new(() =>
    {
        var instrument = Instrument.Synchrotron(0.4137);
        var range = PatternRange.Uniform(3, 0.01, 15);
        var random = new Random(5);   // counting noise on a strongest point of 20 000 counts, so that the s.u. are realistic
        var simulator = new PatternSimulator(instrument);
        double scale = 20000 / simulator.Simulate(SimulatedPhase.FromMoleFractions([(Layered(), 0.7), (Rocksalt(), 0.3)]), range).Y.Max();
        double[] y = [.. simulator.Simulate(SimulatedPhase.FromMoleFractions([(Layered(), 0.7), (Rocksalt(), 0.3)], scale), range).Y
            .Select(v => v + 100).Select(v => Math.Round(v + Math.Sqrt(v) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
        var pattern = RefinementPattern.WithCountingWeights("sxrd", range.X, y, instrument, new ChebyshevBackground(range.X[0], range.X[^1], [0, 0]));
        var builder = Refinement.Refinement.Of(Layered(2.9410), Rocksalt(4.1580)).Against(pattern)
            .WithFractions(("layered", 0.6), ("rocksalt", 0.4)).StartingAt("hist:sxrd/scale", scale)
            .Refine("layered/fraction", "rocksalt/fraction", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "hist:sxrd/zero")
            .RefineWhere(id => id.Name == "bkg")
            .Constrain("layered/fraction + rocksalt/fraction = 1")
            .WithMaximumCycles(20);
        return (builder, builder.Run());
    });

    private static string[] Lines(object value) => value.ToString()!.Split('\n');

    [Fact]
    public void APhasePrintsItsSpaceGroupCellFormulaAndOneLinePerSite()
    {
        var lines = Lines(Layered());
        output.WriteLine(string.Join('\n', lines));
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("layered: R -3 m :H (166), a = 2.94194 Å", lines[0], StringComparison.Ordinal);
        Assert.Contains("c = 14.40729 Å", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Li1.2Ni0.4Ru0.4O2, Z = 3", lines[0], StringComparison.Ordinal);   // three LiMO2 = three O2 per hexagonal cell
        Assert.Equal("  Li1 3b (0, 0, 0.5) Li+ 1; Uiso = 0.0341 Å²", lines[1]);
        Assert.Equal("  M1 3a (0, 0, 0) Li+ 0.2, Ni2+ 0.4, Ru5+ 0.4; Uiso = 0.0035 Å²", lines[2]);
        Assert.Equal("  O1 6c (0, 0, 0.25716) O2- 1; Uiso = 0.0078 Å²", lines[3]);
    }

    [Fact]
    public void ARefinedPhasePrintsItsCellAndCoordinatesWithStandardUncertainties()
    {
        var (_, result) = Fit.Value;
        var layered = result.Phases.Single(p => p.Name == "layered");
        var lines = Lines(layered);
        output.WriteLine(string.Join('\n', lines));
        Assert.Contains($"a = {result["layered/cell/a"]} Å", lines[0], StringComparison.Ordinal);
        Assert.Contains($"c = {result["layered/cell/c"]} Å", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"a = 2\.9419\d*\(\d+\) Å", lines[0]);
        Assert.Contains("γ = 120°", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AResultPrintsStatusRefinedValuesFractionsAndAgreementPerPattern()
    {
        var (_, result) = Fit.Value;
        var lines = Lines(result);
        output.WriteLine(string.Join('\n', lines));
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.StartsWith($"Converged after {result.LeastSquares.Cycles} cycles: Rwp ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"{result.Refined.Length} parameters", lines[0], StringComparison.Ordinal);
        // One line per refined parameter, with the value in parenthesis notation.
        foreach (var id in result.Refined)
            Assert.True(lines.Count(l => l.StartsWith("  " + id + " ", StringComparison.Ordinal) && l.EndsWith(" " + result[id.ToString()], StringComparison.Ordinal)) == 1,
                $"one line for {id} = {result[id.ToString()]}");
        Assert.Contains(lines, l => l.StartsWith("  layered/cell/a ", StringComparison.Ordinal) && l.Contains("2.9419", StringComparison.Ordinal) && l.EndsWith(')'));
        // The fractions in mol % and wt % (70:30 by moles; the s.u. in parentheses).
        string layeredLine = Assert.Single(lines, l => l.StartsWith("  layered: ", StringComparison.Ordinal));
        Assert.Matches(@"^  layered: (69|70)\.\d+\(\d+\) mol %, (69|70)\.\d+\(\d+\) wt %$", layeredLine);
        Assert.Single(lines, l => l.StartsWith("  rocksalt: 30.", StringComparison.Ordinal) || l.StartsWith("  rocksalt: 29.", StringComparison.Ordinal));
        // The pattern's agreement, and R_Bragg per phase.
        string fit = Assert.Single(lines, l => l.StartsWith("  sxrd: ", StringComparison.Ordinal));
        Assert.Equal("  " + result.Patterns[0], fit);
        Assert.Contains($"{result.Patterns[0].Agreement.Points} points", fit, StringComparison.Ordinal);
        Assert.Contains("R_Bragg layered ", fit, StringComparison.Ordinal);
        Assert.Contains("rocksalt ", fit, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRefinementsPartsPrintReadably()
    {
        var (builder, result) = Fit.Value;
        var fit = result.Patterns[0];
        string progress = result.History[0].ToString();
        Assert.StartsWith("cycle 1: χ² ", progress, StringComparison.Ordinal);
        Assert.Contains("Rwp ", progress, StringComparison.Ordinal);
        Assert.Contains("largest shift/s.u. ", progress, StringComparison.Ordinal);

        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"R_Bragg {100 * fit.Bragg["layered"].RBragg:F2} %, R_F {100 * fit.Bragg["layered"].RF:F2} %"),
            fit.Bragg["layered"].ToString());
        var tick = fit.Ticks["layered"][0];
        Assert.Equal($"{tick.Index} at {tick.Position.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}", tick.ToString());
        Assert.Equal("(0 0 3) at 4.9372", tick.ToString());   // 2θ of (003): 2·asin(0.4137/(2·14.40729/3)) = 4.9372°
        if (!result.StrongestCorrelations.IsEmpty)
            Assert.Matches(@"^\S+ ~ \S+: ρ = -?\d\.\d\d$", result.StrongestCorrelations[0].ToString());
        Assert.Equal("layered/fraction ~ rocksalt/fraction: ρ = -1.00",
            new ParameterCorrelation(ParameterId.Parse("layered/fraction"), ParameterId.Parse("rocksalt/fraction"), -0.99999).ToString());

        string description = builder.ToString();
        output.WriteLine(description);
        Assert.StartsWith("Refinement of layered, rocksalt against sxrd (mole fractions); refine 6 named parameter(s) and 1 predicate(s)", description, StringComparison.Ordinal);
        Assert.Contains("1 constraint(s)", description, StringComparison.Ordinal);
        Assert.EndsWith("at most 20 cycles", description, StringComparison.Ordinal);
    }

    [Fact]
    public void ACatalogListsEveryIndependentParameterWithItsValue()
    {
        var catalog = Fit.Value.Builder.Catalog();
        var lines = Lines(catalog);
        output.WriteLine(string.Join('\n', lines.Take(12)));
        Assert.Equal(catalog.Parameters.Length + 1, lines.Length);
        Assert.Equal($"{catalog.Parameters.Length} independent parameters of layered, rocksalt ({catalog.DependentParameters.Length} more tied by symmetry)", lines[0]);
        Assert.Matches(@"^  layered/cell/a +\= 2\.941$", lines[1]);           // the start, 2.9410 Å
        Assert.Contains(lines, l => l.TrimStart().StartsWith("layered/O1/z ", StringComparison.Ordinal) && l.EndsWith("= 0.25716", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("rocksalt/fraction ", StringComparison.Ordinal) && l.EndsWith("= 0.4", StringComparison.Ordinal));
    }

    [Fact]
    public void SimulationInputsPrintReadably()
    {
        Assert.Equal("Chebyshev background over 3 … 15, 3 terms: 200, -40, 15", new ChebyshevBackground(3, 15, [200, -40, 15]).ToString());
        Assert.Equal("Interpolated background, 2 points: (5, 120), (20, 95.5)", new InterpolatedBackground([5, 20], [120, 95.5]).ToString());
        var simulator = new PatternSimulator(Instrument.Synchrotron(0.4137));
        Assert.StartsWith("PatternSimulator for ", simulator.ToString(), StringComparison.Ordinal);
        Assert.Contains("0.4137 Å", simulator.ToString(), StringComparison.Ordinal);
        Assert.Equal("layered (R -3 m :H (166), Li1.2Ni0.4Ru0.4O2) × 0.25", new SimulatedPhase(Layered(), 0.25).ToString());
        var phases = SimulatedPhase.FromMoleFractions([(Layered(), 0.7), (Rocksalt(), 0.3)]);
        Assert.StartsWith("rocksalt (F m -3 m (225), Li1.2Ni0.4Ru0.4O2) × ", phases[1].ToString(), StringComparison.Ordinal);
    }
}
