using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// Issue 7's benchmark 4: a sequential refinement of 200 simulated synchrotron patterns (0.4137 Å, 5–25° in 0.004°:
/// 5,001 points each) of the study's two phases (layered + rocksalt, 70:30 per O2) whose cells drift through the
/// series (layered a +0.005 % and c −0.003 % per pattern, rocksalt a −0.002 %), with counting noise; 9 refined
/// parameters per step (fractions, cells, scale, background). <see cref="RunSequential"/> is the library's sequential
/// refinement (the next step's problem built on the second core while the current one refines);
/// <see cref="OneByOne"/> builds and refines each step in turn on the calling thread.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SequentialBenchmarks
{
    private const int Patterns = 200;
    private RefinementPattern[] _series = null!;

    private static Phase Layered(double a, double c) => StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+")],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
        lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008).PerFormulaUnit("O2");

    private static Phase Rocksalt(double a) => StructurePrototypes.Rocksalt("rocksalt", a,
        [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.007, anionUiso: 0.009)
        .PerFormulaUnit("O2");

    private static Instrument Synchrotron() => Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99),
        new TchProfile { U = 0.0004, V = -0.0001, W = 0.0001, Y = 0.002 }, zeroShift: 0.001);

    /// <summary>Simulates the series once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var range = PatternRange.Uniform(5, 0.004, 25);
        var random = new Random(5);
        _series = [.. Enumerable.Range(0, Patterns).Select(step =>
        {
            var mixture = SimulatedPhase.FromMoleFractions(
                [(Layered(2.94 * (1 + 5e-5 * step), 14.41 * (1 - 3e-5 * step)), 0.7), (Rocksalt(4.16 * (1 - 2e-5 * step)), 0.3)], 200);
            var y = new PatternSimulator(Synchrotron()).Simulate(mixture, range).Y;
            var counts = y.Select(v => v + 50).Select(v => Math.Max(0, Math.Round(v + Math.Sqrt(v) *
                Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))).ToArray();
            return RefinementPattern.WithCountingWeights("insitu", range.X, counts, Synchrotron(), new ChebyshevBackground(range.X[0], range.X[^1], [50, 0, 0]));
        })];
    }

    private static RefinementBuilder Template() => Refinement.Refinement.Of(Layered(2.9395, 14.412), Rocksalt(4.1605))
        .WithFractions(("layered", 0.65), ("rocksalt", 0.35))
        .WithScales(("layered", 190), ("rocksalt", 190))
        .Refine("layered/fraction", "rocksalt/fraction", "layered/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a",
                "hist:insitu/bkg[0]", "hist:insitu/bkg[1]", "hist:insitu/bkg[2]")
        .Constrain("layered/fraction + rocksalt/fraction = 1")
        .Constrain("rocksalt/scale = layered/scale")
        .WithMaximumCycles(20);

    /// <summary>The library's sequential refinement of the 200 patterns.</summary>
    [Benchmark]
    public double RunSequential() => Template().RunSequential(_series).Steps[^1].Overall.Rwp;

    /// <summary>The same 200 steps built and refined one after the other on one thread.</summary>
    [Benchmark(Baseline = true)]
    public double OneByOne()
    {
        RefinementResult? previous = null;
        foreach (var pattern in _series)
        {
            var builder = Template().Against(pattern);
            if (previous is not null) builder.StartingFrom(previous);
            previous = builder.Run();
        }
        return previous!.Overall.Rwp;
    }
}
