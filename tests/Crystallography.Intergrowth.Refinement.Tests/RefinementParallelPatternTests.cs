using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// Patterns evaluated side by side on the cores give the numbers of one core, bit for bit: residuals, every entry of the
/// Jacobian, the candidate columns, and a whole refinement.
/// </summary>
public sealed class RefinementParallelPatternTests
{
    private static RefinementProblem Joint(params Instrument[] instruments)
    {
        var layered = RietveldTestModels.Layered();
        var rocksalt = RietveldTestModels.Rocksalt();
        var patterns = new List<RefinementPattern>();
        var refined = new List<string> { "layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z" };
        for (int h = 0; h < instruments.Length; h++)
        {
            var range = RefinementTestModels.RangeFor(instruments[h]);
            var y = new PatternSimulator(instruments[h]).Simulate([new SimulatedPhase(layered, 1e-3), new SimulatedPhase(rocksalt, 5e-4)], range).Y;
            var random = new Random(h + 1);
            patterns.Add(RefinementPattern.WithCountingWeights($"h{h}", range.X, [.. y.Select(v => Math.Round(v + 30 + Math.Sqrt(v + 30) * (random.NextDouble() - 0.5)))],
                instruments[h], new ChebyshevBackground(range.X[0], range.X[^1], [30, 1, 1])));
            refined.AddRange([$"hist:h{h}/zero", $"hist:h{h}/U", $"hist:h{h}/bkg[0]", $"hist:h{h}/bkg[1]"]);
        }
        return new RefinementProblem([RietveldTestModels.Layered(2.9412, 14.406), rocksalt],
            patterns, ConstraintSet.CreateBuilder().Refine(refined).Build(),
            new Dictionary<string, double> { ["layered"] = 1.1e-3, ["rocksalt"] = 4.5e-4 });
    }

    public static TheoryData<string> Problems => ["synchrotron + neutrons", "synchrotron + laboratory + neutrons"];

    private static RefinementProblem Problem(string name) => name == "synchrotron + neutrons"
        ? Joint(RefinementTestModels.Synchrotron(), RefinementTestModels.Neutrons())
        : Joint(RefinementTestModels.Synchrotron(), RefinementTestModels.LaboratoryCopper(), RefinementTestModels.Neutrons());

    [Theory]
    [MemberData(nameof(Problems))]
    public void AnEvaluationIsTheSameOnOneCore(string name)
    {
        var problem = Problem(name);
        Assert.Equal(Environment.ProcessorCount > 1, problem.PatternsInParallel);
        int n = problem.ObservationCount, p = problem.ParameterCount;
        var random = new Random(7);
        for (int trial = 0; trial < 3; trial++)
        {
            var v = problem.StartingVariables();
            for (int j = 0; j < p; j++) v[j] *= 1 + 1e-4 * (2 * random.NextDouble() - 1);
            var (r1, j1) = (new double[n], new double[n * p]);
            var (r2, j2) = (new double[n], new double[n * p]);
            problem.PatternsInParallel = true;
            problem.Evaluate(v, r1, j1);
            var candidates = ((IJacobianSparsity)problem).CandidateColumns.ToArray();
            problem.PatternsInParallel = false;
            problem.Evaluate(v, r2, j2);
            Assert.Equal(r2, r1);
            Assert.Equal(j2, j1);
            Assert.Equal(((IJacobianSparsity)problem).CandidateColumns.ToArray(), candidates);
        }
    }

    [Fact]
    public void ARefinementIsTheSameOnOneCore()
    {
        var results = new[] { true, false }.Select(parallel =>
        {
            var problem = Problem("synchrotron + neutrons");
            problem.PatternsInParallel = parallel;
            return new LevenbergMarquardt().Minimize(problem, problem.StartingVariables());
        }).ToArray();
        Assert.True(results[0].Cycles > 2, $"{results[0].Cycles} cycles");
        Assert.Equal(results[1].Parameters.ToArray(), results[0].Parameters.ToArray());
        Assert.Equal(results[1].ChiSquared, results[0].ChiSquared);
        Assert.Equal(results[1].Cycles, results[0].Cycles);
    }
}
