using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Constraints from the Constraints layer act on the refinement's variables: they hold at every point the engine visits.</summary>
public sealed class RefinementConstraintTests
{
    private static RefinementPattern Pattern()
    {
        var phases = new[] { RietveldTestModels.Layered(), RietveldTestModels.Rocksalt() };
        return RefinementTestModels.Simulate("sxrd", RietveldTestModels.Synchrotron(),
            [new SimulatedPhase(phases[0], 1e-3), new SimulatedPhase(phases[1], 5e-4)], [50, -5, 2]);
    }

    [Fact]
    public void ConstrainedVariablesChainThroughTheReducedSpace()
    {
        // Li moves between the phases: 7·Δocc(layered Li1) + 6·Δocc(rocksalt M1) = 0 — one variable for two occupancies.
        var phases = new[] { RietveldTestModels.Layered(), RietveldTestModels.Rocksalt() };
        var values = ParameterCatalog.Create(phases).Values;
        var set = ConstraintSet.CreateBuilder()
            .Refine("layered/Li1/occ[Li]", "rocksalt/M1/occ[Li]", "layered/cell/a")
            .Add("7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0", values).Build();
        var problem = new RefinementProblem(phases, [Pattern()], set,
            new Dictionary<string, double> { ["layered"] = 1e-3, ["rocksalt"] = 5e-4 },
            options: new PatternSimulatorOptions { WindowHalfWidth = 1e5 });
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
    public void AConstraintHoldsAfterEveryCycleOfARefinement()
    {
        // Fractions summing to one while scales and cells refine: check the refined values and every cycle's state.
        var result = Refinement.Of(RietveldTestModels.Layered(2.9405, 14.405), RietveldTestModels.Rocksalt(4.1595))
            .Against(Pattern())
            .WithFractions(("layered", 0.5), ("rocksalt", 0.5))
            .Refine("layered/fraction", "rocksalt/fraction", "hist:sxrd/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a")
            .Constrain("layered/fraction + rocksalt/fraction = 1")
            .WithMaximumCycles(5)
            .Run();
        Assert.Equal(1, result["layered/fraction"].Value + result["rocksalt/fraction"].Value, 12);
        var space = result.Problem.Space;
        int layered = space.IndexOf(ParameterId.Parse("layered/fraction")), rocksalt = space.IndexOf(ParameterId.Parse("rocksalt/fraction"));
        var p = space.ToParameters(result.LeastSquares.Parameters.AsSpan());
        Assert.Equal(1, p[layered] + p[rocksalt], 12);
        // Only one variable carries both fractions: the constraint cannot be broken by any step.
        Assert.Equal(5, result.Problem.ParameterCount);
    }
}
