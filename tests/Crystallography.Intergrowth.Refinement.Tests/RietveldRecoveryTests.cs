using System.Diagnostics;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Refinement.Tests;

public sealed class RietveldRecoveryTests(ITestOutputHelper output)
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
        var fractions = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)]);
        var probe = new PatternSimulator(instrument.WithBackground(PatternBackground.None)).Simulate(fractions, range);
        double overall = 30000 / probe.Y.Max();                                            // strongest peak ≈ 30 000 counts
        var phases = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], overall);
        var simulated = new PatternSimulator(instrument).Simulate(phases, range);
        double[] observed = RietveldTestModels.AddNoise(simulated.Y, seed: 20251125);

        var truth = new Dictionary<string, double>
        {
            ["layered/scale"] = phases[0].Scale, ["rocksalt/scale"] = phases[1].Scale,
            ["layered/cell/a"] = 2.94, ["layered/cell/c"] = 14.41, ["rocksalt/cell/a"] = 4.16,
            ["hist:sxrd/zero"] = 0.003, ["hist:sxrd/U"] = 0.004, ["hist:sxrd/V"] = -0.0008, ["hist:sxrd/W"] = 0.0003,
            ["hist:sxrd/X"] = 0.004, ["hist:sxrd/Y"] = 0.006,
            ["hist:sxrd/bkg[0]"] = 200, ["hist:sxrd/bkg[1]"] = -40, ["hist:sxrd/bkg[2]"] = 15,
        };

        // Perturbed start: cells, zero, scales, background and profile all off.
        var start = new[] { RietveldTestModels.Layered(2.9415, 14.402), RietveldTestModels.Rocksalt(4.1588) };
        var startInstrument = RietveldTestModels.Synchrotron(zero: 0, u: 0.005, v: -0.0005, w: 0.0004, x: 0.003, y: 0.007);
        var pattern = RietveldPattern.WithCountingWeights("sxrd", range.X, observed, startInstrument, new ChebyshevBackground(3, 15, [180, 0, 0]));
        var scales = new Dictionary<string, double> { ["layered"] = 1.2 * phases[0].Scale, ["rocksalt"] = 0.8 * phases[1].Scale };
        var set = ConstraintSet.CreateBuilder().Refine(truth.Keys).Build();
        var problem = new RietveldProblem(start, pattern, set, scales);

        var engine = new LevenbergMarquardt(LevenbergMarquardtOptions.Default with { MaximumCycles = 60 });
        var result = engine.Minimize(problem, new double[problem.ParameterCount], problem.VariableNames);
        output.WriteLine(result.ToString());
        var refined = problem.Space.ToParameters(result.Parameters.AsSpan());
        var su = problem.Space.StandardUncertainties(result.CovarianceMatrix());
        var agreement = problem.Agreement(result.Parameters.AsSpan());
        output.WriteLine($"Rwp = {agreement.Rwp:P3}, Rexp = {agreement.Rexp:P3}, GoF = {agreement.GoodnessOfFit:F3}, {result.Cycles} cycles, {watch.ElapsedMilliseconds} ms");
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        foreach (var (name, value) in truth)
        {
            int j = problem.Space.IndexOf(ParameterId.Parse(name));
            double deviation = (refined[j] - value) / su[j];
            output.WriteLine($"{name,-18} truth {value,14:G8}  refined {refined[j],14:G8}  s.u. {su[j],10:G3}  ({deviation:+0.00;-0.00} s.u.)");
            Assert.True(Math.Abs(deviation) < 3, $"{name}: refined {refined[j]} ± {su[j]}, truth {value}");
        }
        Assert.True(agreement.GoodnessOfFit < 1.2, $"GoF {agreement.GoodnessOfFit}");
        Assert.True(watch.Elapsed.TotalSeconds < 5, $"took {watch.Elapsed.TotalSeconds} s");
    }
}
