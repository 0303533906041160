using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

public sealed class RietveldDocsExampleTests
{
    [Fact]
    public void TheExampleRunsAsWritten()
    {
        var layered = RietveldTestModels.Layered();
        var rocksalt = RietveldTestModels.Rocksalt();
        var instrument = RietveldTestModels.Synchrotron(background: PatternBackground.FromChebyshev(new ChebyshevBackground(3, 15, [200, -40, 15])));
        var range = PatternRange.Uniform(3, 0.004, 15);
        var phases = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], 5000);
        double[] observed = RietveldTestModels.AddNoise(new PatternSimulator(instrument).Simulate(phases, range).Y, seed: 7);
        var start = new[] { RietveldTestModels.Layered(2.9415, 14.402), RietveldTestModels.Rocksalt(4.1588) };
        var pattern = RietveldPattern.WithCountingWeights("sxrd", range.X, observed, RietveldTestModels.Synchrotron(zero: 0), new ChebyshevBackground(3, 15, [180, 0, 0]));
        var set = ConstraintSet.CreateBuilder()
            .Refine("layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "hist:sxrd/zero")
            .Refine("hist:sxrd/bkg[0]", "hist:sxrd/bkg[1]", "hist:sxrd/bkg[2]")
            .Build();
        var problem = new RietveldProblem(start, pattern, set, new Dictionary<string, double> { ["layered"] = phases[0].Scale, ["rocksalt"] = phases[1].Scale });
        var result = new LevenbergMarquardt().Minimize(problem, new double[problem.ParameterCount], problem.VariableNames);
        var refined = problem.PhasesAt(result.Parameters.AsSpan(), result.CovarianceMatrix());
        double a = refined[0].Cell.A;
        double gof = problem.Agreement(result.Parameters.AsSpan()).GoodnessOfFit;

        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.True(Math.Abs(a - 2.94) < 3 * refined[0].CellUncertainty.A, $"a = {a} ± {refined[0].CellUncertainty.A}");
        Assert.InRange(gof, 0.9, 1.2);
        Assert.NotSame(start[0], refined[0]);
        Assert.Equal(2.9415, start[0].Cell.A);
        DocumentationExample.AssertMirrored("refinement.md", "tests", "Crystallography.Intergrowth.Refinement.Tests", "RietveldDocsExampleTests.cs");
    }
}
