using System.Collections.Immutable;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.TestKit;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// A sequential refinement over a simulated in-situ series whose layered cell drifts (a up 0.05 % and c down 0.03 % per
/// pattern, as on delithiation): every step recovers its true cell, the steps equal refinements built one by one from
/// the previous result, and bad series are refused.
/// </summary>
public class SequentialRefinementTests
{
    private const int Steps = 6;

    private static Phase Layered(double a, double c) => StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+")],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
        lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008).PerFormulaUnit("O2");

    private static double TrueA(int step) => 2.94 * (1 + 5e-4 * step);

    private static double TrueC(int step) => 14.41 * (1 - 3e-4 * step);

    private static Instrument Synchrotron() => Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99),
        new TchProfile { U = 0.0004, V = -0.0001, W = 0.0001, Y = 0.002 }, zeroShift: 0.001);

    private static RefinementPattern[] Series()
    {
        var range = PatternRange.Uniform(5, 0.004, 25);
        var random = new Random(11);
        return [.. Enumerable.Range(0, Steps).Select(step =>
        {
            var y = new PatternSimulator(Synchrotron()).Simulate([new SimulatedPhase(Layered(TrueA(step), TrueC(step)), 300)], range).Y;
            var counts = y.Select(v => v + 50).Select(v => Math.Max(0, Math.Round(v + Math.Sqrt(v) *
                Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))).ToArray();
            return RefinementPattern.WithCountingWeights("insitu", range.X, counts, Synchrotron(), new ChebyshevBackground(range.X[0], range.X[^1], [50, 0, 0]));
        })];
    }

    private static RefinementBuilder Template() => Refinement.Of(Layered(2.939, 14.412))
        .WithScales(("layered", 280))
        .Refine("layered/scale", "layered/cell/a", "layered/cell/c", "hist:insitu/bkg[0]", "hist:insitu/bkg[1]", "hist:insitu/bkg[2]")
        .WithMaximumCycles(20);

    /// <summary>Each step's cell within 3 s.u. of the truth, the series in step order, and a readable summary.</summary>
    [Fact]
    public void EveryStepRecoversItsDriftedCell()
    {
        var steps = new List<int>();
        var result = Template().RunSequential(Series(), new SynchronousProgress<SequentialRefinementProgress>(p => steps.Add(p.Step)));
        Assert.Equal(Steps, result.Count);
        Assert.Equal(Enumerable.Range(0, Steps), steps);
        var a = result.Series("layered/cell/a");
        var c = result.Series("layered/cell/c");
        for (int i = 0; i < Steps; i++)
        {
            Assert.True(Math.Abs(a[i].Value - TrueA(i)) <= 3 * a[i].StandardUncertainty, $"step {i}: a {a[i]} against {TrueA(i)}");
            Assert.True(Math.Abs(c[i].Value - TrueC(i)) <= 3 * c[i].StandardUncertainty, $"step {i}: c {c[i]} against {TrueC(i)}");
            Assert.True(result.Steps[i].Overall.GoodnessOfFit < 1.2, $"step {i}: GoF {result.Steps[i].Overall.GoodnessOfFit}");
        }
        Assert.Contains("Sequential refinement of 6 patterns", result.ToString());
        Assert.Equal(Steps, result.Rwp.Length);
    }

    /// <summary>The pipelined series equals building each step with StartingFrom(previous) and refining it.</summary>
    [Fact]
    public void StepsEqualRefinementsBuiltOneByOne()
    {
        var series = Series()[..3];
        var sequential = Template().RunSequential(series);
        RefinementResult? previous = null;
        for (int i = 0; i < series.Length; i++)
        {
            var builder = Template().Against(series[i]);
            if (previous is not null) builder.StartingFrom(previous);
            var alone = builder.Run();
            foreach (string id in new[] { "layered/cell/a", "layered/cell/c", "layered/scale" })
            {
                double x = sequential.Steps[i].Values[Constraints.ParameterId.Parse(id)].Value, y = alone.Values[Constraints.ParameterId.Parse(id)].Value;
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Abs(y), $"step {i}, {id}: {x:R} sequential against {y:R} one by one");
            }
            previous = alone;
        }
    }

    /// <summary>docs/refinement.md's sequential example, line for line (the block after "## Sequential refinement").</summary>
    [Fact]
    public void TheDocumentationExampleRuns()
    {
        var layered = Layered(2.939, 14.412);
        var patterns = Series()[..3];
        var progress = new SynchronousProgress<SequentialRefinementProgress>(_ => { });
        var series = Refinement.Of(layered)
            .WithScales(("layered", 280))
            .Refine("layered/scale", "layered/cell/a", "layered/cell/c", "hist:insitu/bkg[0]", "hist:insitu/bkg[1]")
            .RunSequential(patterns, progress);                  // one RefinementResult per pattern
        ImmutableArray<MeasuredValue> a = series.Series("layered/cell/a");   // a ± s.u. through the series
        string summary = series.ToString();                      // status, cycles and Rwp per step
        Assert.Equal(3, a.Length);
        Assert.True(a[2].Value > a[0].Value, "a grows through the series");
        Assert.Contains("Rwp", summary);

        string doc = File.ReadAllText(RepositoryLayout.PathOf("docs", "refinement.md"));
        int section = doc.IndexOf("## Sequential refinement", StringComparison.Ordinal);
        int start = doc.IndexOf("```csharp", section, StringComparison.Ordinal) + 9;
        var test = File.ReadAllLines(RepositoryLayout.PathOf("tests", "Crystallography.Intergrowth.Refinement.Tests", "SequentialRefinementTests.cs"))
            .Select(Code).ToHashSet();
        foreach (string line in doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)].Split('\n').Select(Code).Where(l => l.Length > 0))
            Assert.True(test.Contains(line), $"docs/refinement.md's sequential example has a line this test does not run: {line}");
    }

    private static string Code(string line) => (line.Contains("//", StringComparison.Ordinal) ? line[..line.IndexOf("//", StringComparison.Ordinal)] : line).Trim();

    /// <summary>A builder with its own pattern, an empty series, or patterns of different names are refused.</summary>
    [Fact]
    public void BadSeriesAreRefused()
    {
        var series = Series();
        Assert.Throws<InvalidOperationException>(() => Template().Against(series[0]).RunSequential(series));
        Assert.Throws<ArgumentException>(() => Template().RunSequential([]));
        var renamed = new RefinementPattern("other", series[1].X, series[1].Observed, series[1].Weights, series[1].Instrument, series[1].Background);
        var e = Assert.Throws<ArgumentException>(() => Template().RunSequential([series[0], renamed]));
        Assert.Contains("'other'", e.Message);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>A problem prints its phases, patterns and sizes in a REPL.</summary>
public class RefinementProblemPrintingTests
{
    [Fact]
    public void ToStringSummarisesTheProblem()
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
            lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008).PerFormulaUnit("O2");
        var instrument = Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99), new TchProfile { U = 0.0004, W = 0.0001 });
        var range = PatternRange.Uniform(5, 0.01, 15);
        var y = new PatternSimulator(instrument).Simulate([new SimulatedPhase(layered, 100)], range).Y;
        var pattern = RefinementPattern.WithCountingWeights("sxrd", range.X, [.. y.Select(v => v + 10)], instrument, new ChebyshevBackground(5, 15, [10]));
        var problem = Refinement.Of(layered).Against(pattern).Refine("layered/scale", "layered/cell/a").BuildProblem();
        string text = problem.ToString();
        Assert.StartsWith("RefinementProblem: 1 phase(s) [layered] against sxrd (1001 points, ", text);
        Assert.Contains("2 refined parameters, 2 independent variables, 1001 observations", text);
    }
}
