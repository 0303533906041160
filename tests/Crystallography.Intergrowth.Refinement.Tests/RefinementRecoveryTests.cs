using System.Diagnostics;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// Recovery: simulate the study's two phases (70:30), add seeded Poisson-like noise, start every refined
/// parameter off its true value and refine; every parameter must come back within 3 s.u.
/// </summary>
public sealed class RefinementRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoPhaseSynchrotronPatternIsRecoveredWithinThreeStandardUncertainties()
    {
        var watch = Stopwatch.StartNew();
        var layered = RietveldTestModels.Layered();
        var rocksalt = RietveldTestModels.Rocksalt();
        var truthBackground = new ChebyshevBackground(3, 15, [200, -40, 15]);
        var instrument = RietveldTestModels.Synchrotron(background: PatternBackground.FromChebyshev(truthBackground));
        var range = PatternRange.Uniform(3, 0.004, 15);                                    // 3001 points
        var probe = new PatternSimulator(instrument.WithBackground(PatternBackground.None))
            .Simulate(SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)]), range);
        double overall = 30000 / probe.Y.Max();                                            // strongest peak ≈ 30 000 counts
        var phases = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], overall);
        double[] observed = RietveldTestModels.AddNoise(new PatternSimulator(instrument).Simulate(phases, range).Y, seed: 20251125);

        var truth = new Dictionary<string, double>
        {
            ["layered/scale"] = phases[0].Scale, ["rocksalt/scale"] = phases[1].Scale,
            ["layered/cell/a"] = 2.94, ["layered/cell/c"] = 14.41, ["rocksalt/cell/a"] = 4.16,
            ["hist:sxrd/zero"] = 0.003, ["hist:sxrd/U"] = 0.004, ["hist:sxrd/V"] = -0.0008, ["hist:sxrd/W"] = 0.0003,
            ["hist:sxrd/X"] = 0.004, ["hist:sxrd/Y"] = 0.006,
            ["hist:sxrd/bkg[0]"] = 200, ["hist:sxrd/bkg[1]"] = -40, ["hist:sxrd/bkg[2]"] = 15,
        };

        // Perturbed start: cells, zero, scales, background and profile all off.
        var startInstrument = RietveldTestModels.Synchrotron(zero: 0, u: 0.005, v: -0.0005, w: 0.0004, x: 0.003, y: 0.007);
        var pattern = RefinementPattern.WithCountingWeights("sxrd", range.X, observed, startInstrument, new ChebyshevBackground(3, 15, [180, 0, 0]));
        var result = Refinement.Of(RietveldTestModels.Layered(2.9415, 14.402), RietveldTestModels.Rocksalt(4.1588))
            .Against(pattern)
            .WithScales(("layered", 1.2 * phases[0].Scale), ("rocksalt", 0.8 * phases[1].Scale))
            .Refine(truth.Keys)
            .WithMaximumCycles(60)
            .Run();
        output.WriteLine($"{result}, {watch.ElapsedMilliseconds} ms");
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        AssertRecovered(result, truth);
        Assert.True(result.Patterns[0].Agreement.GoodnessOfFit < 1.2, $"GoF {result.Patterns[0].Agreement.GoodnessOfFit}");
    }

    [Fact]
    public void JointSynchrotronNeutronAndTimeOfFlightFitRecoversTheMoleFractions()
    {
        var layered = RietveldTestModels.Layered();
        var rocksalt = RietveldTestModels.Rocksalt();
        var mixture = new[] { (layered, 0.7), (rocksalt, 0.3) };
        var sxrd = Simulated("sxrd", RietveldTestModels.Synchrotron(), PatternRange.Uniform(3, 0.004, 15), mixture, [200, -40, 15], seed: 1);
        var neutron = Simulated("cwn", RefinementTestModels.Neutrons(), PatternRange.Uniform(15, 0.05, 125), mixture, [300, 30, -20], seed: 2);
        var tof = Simulated("tof", RefinementTestModels.TimeOfFlight(), PatternRange.Uniform(12000, 12, 36000), mixture, [150, -20, 5], seed: 3);

        var truth = new Dictionary<string, double>
        {
            ["layered/fraction"] = 0.7, ["rocksalt/fraction"] = 0.3,
            ["hist:sxrd/scale"] = sxrd.Overall, ["hist:cwn/scale"] = neutron.Overall, ["hist:tof/scale"] = tof.Overall,
            ["layered/cell/a"] = 2.94, ["layered/cell/c"] = 14.41, ["rocksalt/cell/a"] = 4.16, ["layered/O1/z"] = 0.257,
            ["layered/M1/Uiso"] = 0.006, ["layered/O1/Uiso"] = 0.008, ["rocksalt/M1/Uiso"] = 0.007,
            ["hist:sxrd/zero"] = 0.003, ["hist:cwn/zero"] = 0.02, ["hist:tof/difc"] = 22598.6,
            ["hist:sxrd/bkg[0]"] = 200, ["hist:sxrd/bkg[1]"] = -40, ["hist:sxrd/bkg[2]"] = 15,
            ["hist:cwn/bkg[0]"] = 300, ["hist:cwn/bkg[1]"] = 30, ["hist:cwn/bkg[2]"] = -20,
            ["hist:tof/bkg[0]"] = 150, ["hist:tof/bkg[1]"] = -20, ["hist:tof/bkg[2]"] = 5,
        };
        var start = new[]
        {
            RietveldTestModels.Layered(2.9412, 14.404).WithSitePosition("O1", new FractionalPosition(0, 0, 0.259)).WithUiso("M1", 0.009).WithUiso("O1", 0.011),
            RietveldTestModels.Rocksalt(4.1585).WithUiso("M1", 0.01),
        };
        var watch = Stopwatch.StartNew();
        var cycles = new List<RefinementProgress>();
        var result = Refinement.Of(start)
            .Against(Restart(sxrd.Pattern, RietveldTestModels.Synchrotron(zero: 0)))
            .Against(Restart(neutron.Pattern, RefinementTestModels.Neutrons().WithZeroShift(0)))
            .Against(Restart(tof.Pattern, RefinementTestModels.TimeOfFlight()))
            .WithFractions(("layered", 0.6), ("rocksalt", 0.4))
            .StartingAt("hist:sxrd/scale", 0.8 * sxrd.Overall).StartingAt("hist:cwn/scale", 1.2 * neutron.Overall)
            .StartingAt("hist:tof/scale", 0.9 * tof.Overall).StartingAt("hist:tof/difc", 22603)
            .StartingAt("hist:sxrd/bkg[0]", 180).StartingAt("hist:cwn/bkg[0]", 280).StartingAt("hist:tof/bkg[0]", 140)
            .Refine(truth.Keys)
            .Constrain("layered/fraction + rocksalt/fraction = 1")
            .WithMaximumCycles(60)
            .Run(new Collect(cycles));
        output.WriteLine($"{result}, {watch.ElapsedMilliseconds} ms");
        foreach (var fit in result.Patterns) output.WriteLine($"{fit.Name}: {fit.Agreement}");
        output.WriteLine(result.Table().ToText());
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.Equal(result.History.Length, cycles.Count);
        Assert.True(cycles[^1].Rwp < cycles[0].Rwp, "Rwp must fall over the cycles");
        AssertRecovered(result, truth);
        Assert.Equal(1, result["layered/fraction"].Value + result["rocksalt/fraction"].Value, 12);
        Assert.Equal(70, 100 * result.MoleFractions["layered"].Value, 0.5);
        Assert.All(result.Patterns, fit => Assert.InRange(fit.Agreement.GoodnessOfFit, 0.9, 1.2));
        Assert.All(result.Patterns, fit => Assert.InRange(fit.Bragg["layered"].RBragg, 0, 0.05));
        // The inputs are untouched; the refined phases are new objects.
        Assert.Equal(2.9412, start[0].Cell.A);
        Assert.NotSame(start[0], result.Phases[0]);
        Assert.Contains("data_layered", result.ToCif(), StringComparison.Ordinal);
    }

    [Fact]
    public void APhaseWithBroaderPeaksIsRecoveredWithItsOwnBroadening()
    {
        // The rocksalt domains are smaller and more strained than the layered ones: its peaks carry ΔU = 0.003 deg²,
        // ΔX = 0.012°, on top of the instrument's profile.
        var layered = RietveldTestModels.Layered();
        var rocksalt = RietveldTestModels.Rocksalt();
        var instrument = RietveldTestModels.Synchrotron();
        var tch = instrument.ConstantWavelengthProfile!;
        var broader = instrument.WithProfile(tch with { U = tch.U + 0.003, X = tch.X + 0.012 });
        var range = PatternRange.Uniform(3, 0.004, 15);
        var phases = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], 1);
        double[] yl = [.. new PatternSimulator(instrument).Simulate([phases[0]], range).Y];
        double[] yr = [.. new PatternSimulator(broader).Simulate([phases[1]], range).Y];
        double overall = 20000 / yl.Zip(yr, (a, b) => a + b).Max();
        var expected = yl.Zip(yr, (a, b) => overall * (a + b) + 150).ToArray();
        var observed = RietveldTestModels.AddNoise(expected, seed: 11);
        var pattern = new RefinementPattern("sxrd", range.X, observed, expected.Select(v => 1 / v), instrument,
                                           new ChebyshevBackground(3, 15, [150, 0, 0]));
        RefinementBuilder Start() => Refinement.Of(layered, rocksalt).Against(pattern)
            .WithScales(("layered", overall * phases[0].Scale), ("rocksalt", overall * phases[1].Scale))
            .Refine("layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "hist:sxrd/bkg[0]")
            .WithMaximumCycles(40);
        var shared = Start().Run();
        var own = Start().Refine("hist:sxrd/rocksalt.U", "hist:sxrd/rocksalt.X").Run();
        output.WriteLine($"one profile: {shared.Patterns[0].Agreement}; rocksalt's own: {own.Patterns[0].Agreement}");
        Assert.Equal(LeastSquaresStatus.Converged, own.Status);
        AssertRecovered(own, new Dictionary<string, double>
        {
            ["hist:sxrd/rocksalt.U"] = 0.003, ["hist:sxrd/rocksalt.X"] = 0.012,
            ["layered/scale"] = overall * phases[0].Scale, ["rocksalt/scale"] = overall * phases[1].Scale,
        });
        Assert.InRange(own.Patterns[0].Agreement.GoodnessOfFit, 0.9, 1.1);
        // One profile for both phases misfits: its χ² is nearly twice that of the model with the rocksalt's own broadening.
        Assert.True(shared.Patterns[0].Agreement.ChiSquared > 1.5 * own.Patterns[0].Agreement.ChiSquared,
            $"one profile: χ² {shared.Patterns[0].Agreement.ChiSquared}; with the rocksalt's own broadening: {own.Patterns[0].Agreement.ChiSquared}");
        Assert.True(own.Patterns[0].Bragg["rocksalt"].RBragg < shared.Patterns[0].Bragg["rocksalt"].RBragg);
    }

    private sealed record SimulatedPattern(RefinementPattern Pattern, double Overall);

    // A pattern of the mixture with its own overall scale (strongest peak ≈ 20 000 counts), background and noise.
    private static SimulatedPattern Simulated(string name, Instrument instrument, PatternRange range, (Phase, double)[] mixture,
                                              double[] background, int seed)
    {
        var probe = new PatternSimulator(instrument).Simulate(SimulatedPhase.FromMoleFractions(mixture), range);
        double overall = 20000 / probe.Y.Max();
        var chebyshev = new ChebyshevBackground(range.X[0], range.X[^1], background);
        var y = new PatternSimulator(instrument.WithBackground(PatternBackground.FromChebyshev(chebyshev)))
            .Simulate(SimulatedPhase.FromMoleFractions(mixture, overall), range).Y;
        var observed = RietveldTestModels.AddNoise(y, seed);
        // σ² from the expected counts, not the observed ones: w = 1/y_obs biases a 200-count background low by about
        // one count (Neyman's χ²), several s.u. over 3000 points.
        return new(new RefinementPattern(name, range.X, observed, y.Select(v => 1 / Math.Max(v, 1)), instrument,
                   new ChebyshevBackground(range.X[0], range.X[^1], new double[background.Length])), overall);
    }

    private static RefinementPattern Restart(RefinementPattern pattern, Instrument instrument) =>
        new(pattern.Name, pattern.X, pattern.Observed, pattern.Weights, instrument, pattern.Background);

    private void AssertRecovered(RefinementResult result, Dictionary<string, double> truth)
    {
        foreach (var (name, value) in truth)
        {
            var refined = result[name];
            double deviation = (refined.Value - value) / refined.StandardUncertainty;
            output.WriteLine($"{name,-20} truth {value,14:G8}  refined {refined.Value,14:G8}  s.u. {refined.StandardUncertainty,10:G3}  ({deviation:+0.00;-0.00} s.u.)");
            Assert.True(Math.Abs(deviation) < 3, $"{name}: refined {refined.Value} ± {refined.StandardUncertainty}, truth {value}");
        }
    }

    private sealed class Collect(List<RefinementProgress> list) : IProgress<RefinementProgress>
    {
        public void Report(RefinementProgress value) => list.Add(value);
    }
}
