using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Refinement.Tests;

public sealed class RietveldProblemTests(ITestOutputHelper output)
{
    private static readonly string[] AllKinds =
    [
        "layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a",
        "hist:sxrd/zero", "hist:sxrd/U", "hist:sxrd/V", "hist:sxrd/W", "hist:sxrd/X", "hist:sxrd/Y",
        "hist:sxrd/bkg[0]", "hist:sxrd/bkg[1]", "hist:sxrd/bkg[2]",
        "layered/O1/z", "layered/O1/Uiso", "layered/M1/Uiso", "rocksalt/M1/Uiso", "layered/M1/occ[Ni]", "rocksalt/M1/occ[Li]",
    ];

    private static RietveldProblem SmallProblem(IEnumerable<string> refined, ConstraintSetBuilder? builder = null)
    {
        var phases = new[] { RietveldTestModels.Layered(), RietveldTestModels.Rocksalt() };
        var instrument = RietveldTestModels.Synchrotron();
        var range = PatternRange.Uniform(4, 0.005, 13);
        var truth = new PatternSimulator(instrument).Simulate([new SimulatedPhase(phases[0], 1e-3), new SimulatedPhase(phases[1], 5e-4)], range);
        var background = new ChebyshevBackground(4, 13, [50, -5, 2]);
        var pattern = RietveldPattern.WithCountingWeights("sxrd", range.X, [.. truth.Y.Select(y => y + 50)], instrument, background);
        var set = (builder ?? ConstraintSet.CreateBuilder()).Refine(refined).Build();
        return new RietveldProblem(phases, pattern, set, new Dictionary<string, double> { ["layered"] = 1e-3, ["rocksalt"] = 5e-4 });
    }

    [Fact]
    public void EveryJacobianColumnMatchesCentralDifferences()
    {
        var problem = SmallProblem(AllKinds);
        Assert.Equal(AllKinds.Length, problem.ParameterCount);
        // Away from the start, so that every derivative is taken at a generic point.
        double[] v = new double[problem.ParameterCount];
        for (int j = 0; j < v.Length; j++)
        {
            var id = problem.Space.Parameters[j];
            double value = problem.Catalog[id];
            v[j] = id.ToString() switch
            {
                "hist:sxrd/zero" => 0.002,
                "hist:sxrd/V" => 0.0002,
                "layered/O1/z" => 0.002,
                // Linear columns: a step of ε^(1/3)·|v| only clears the residuals' rounding when |v| is not tiny.
                "hist:sxrd/bkg[0]" => 1,
                "hist:sxrd/bkg[1]" => 0.5,
                "hist:sxrd/bkg[2]" => 0.3,
                _ when id.Kind == ParameterKind.Occupancy => -0.01 * value, // the sites are full: only down is allowed
                _ => 0.01 * value,
            };
        }
        // Each column alone through the shared helper (one varied parameter at a time reports which kind fails).
        foreach (string name in AllKinds)
        {
            var single = SmallProblem([name]);
            int j = problem.Space.IndexOf(ParameterId.Parse(name));
            double worstSingle = LeastSquaresJacobianChecker.MaxRelativeDiscrepancy(single, [v[j]]);
            var column = new double[single.ObservationCount];
            single.Evaluate([v[j]], new double[single.ObservationCount], column);
            Assert.True(column.Max(Math.Abs) > 0, $"{name}: the column is zero");
            output.WriteLine($"{name,-24} {worstSingle:E2}");
            Assert.True(worstSingle < 1e-6, $"{name}: analytic and central-difference Jacobians differ by {worstSingle:E2} of the column's scale");
        }
        // All 20 shifted at once. With the default step the background columns (linear, exact)
        // disagree by up to 4.6e-6 of their scale, and the disagreement grows as the step shrinks
        // (1.1e-5 at h/4, 4e-7 at 4h): rounding of the differenced residuals, not a wrong
        // derivative. A 4× step puts every column below 1e-6.
        double together = LeastSquaresJacobianChecker.MaxRelativeDiscrepancy(problem, v, stepFactor: 4);
        output.WriteLine($"all columns together (4× step): {together:E2}");
        Assert.True(together < 1e-6, $"with all parameters shifted, analytic and central-difference Jacobians differ by {together:E2}");
    }

    [Fact]
    public void ConstrainedVariablesChainThroughTheReducedSpace()
    {
        // Li moves between the phases: 7·Δocc(layered Li1) + 6·Δocc(rocksalt M1) = 0 — one variable for two occupancies.
        var phases = new[] { RietveldTestModels.Layered(), RietveldTestModels.Rocksalt() };
        var values = ParameterCatalog.Create(phases).Values;
        var builder = ConstraintSet.CreateBuilder().Add("7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0", values);
        var problem = SmallProblem(["layered/Li1/occ[Li]", "rocksalt/M1/occ[Li]", "layered/cell/a"], builder);
        Assert.Equal(2, problem.ParameterCount);
        double worst = LeastSquaresJacobianChecker.MaxRelativeDiscrepancy(problem, [0.03, 0.001]);
        Assert.True(worst < 1e-6, $"constrained Jacobian: {worst:E2}");
        var refined = problem.PhasesAt([0.03, 0]);
        double dLayered = refined[0].Site("Li1").OccupancyOf(Species.Parse("Li+")) - 1;
        double dRocksalt = refined[1].Site("M1").OccupancyOf(Species.Parse("Li+")) - 0.4;
        Assert.Equal(0, 7 * dLayered + 6 * dRocksalt, 12);
        Assert.NotEqual(0, dLayered);
    }

    [Fact]
    public void UnsupportedParametersAreRefusedAtConstruction()
    {
        var ex = Assert.Throws<ArgumentException>(() => SmallProblem(["hist:other/zero"]));
        Assert.Contains("hist:other/zero", ex.Message, StringComparison.Ordinal);
    }
}
