using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The steady-state evaluation (residuals and Jacobian) allocates no managed memory, whatever is refined.</summary>
public sealed class RefinementAllocationTests
{
    public static TheoryData<string> Instruments => ["synchrotron", "laboratory", "tof"];

    [Theory]
    [MemberData(nameof(Instruments))]
    public void EvaluationAllocatesNothing(string name)
    {
        var phases = new[] { RefinementTestModels.LayeredAnisotropic(), RietveldTestModels.Rocksalt() };
        var instrument = name switch
        {
            "synchrotron" => RefinementTestModels.Synchrotron(),
            "laboratory" => RefinementTestModels.LaboratoryCopper(),
            _ => RefinementTestModels.TimeOfFlight(),
        };
        var pattern = RefinementTestModels.Simulate("h", instrument, [new SimulatedPhase(phases[0], 1e-3), new SimulatedPhase(phases[1], 5e-4)], [50, -5, 2]);
        string[] profile = instrument.Mode == DiffractionMode.TimeOfFlight ? ["difc", "Alpha1", "Beta0", "Sigma1Squared", "Gamma1"] : ["zero", "U", "W", "Y", "displacement"];
        var refined = new[] { "layered/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z", "layered/O1/U11", "layered/M1/occ[Ni]",
                              "rocksalt/M1/Uiso", "hist:h/bkg[0]", "hist:h/layered.D11" }
            .Concat(profile.Select(p => "hist:h/" + p));
        var problem = new RefinementProblem(phases, [pattern], ConstraintSet.CreateBuilder().Refine(refined).Build(),
            new Dictionary<string, double> { ["layered"] = 1e-3, ["rocksalt"] = 5e-4 });
        var v = new double[problem.ParameterCount];
        var r = new double[problem.ObservationCount];
        var j = new double[problem.ObservationCount * problem.ParameterCount];
        int call = 0;
        void Evaluate()
        {
            // A different point each call, as the engine's trial steps: cells, profile and structure all move.
            call++;
            for (int i = 0; i < v.Length; i++) v[i] = 1e-7 * call * (i + 1) * problem.Catalog[problem.Space.Parameters[i]];
            problem.Evaluate(v, r, j);
        }
        Evaluate();
        Assert.True(double.IsFinite(r[0]) && double.IsFinite(j[^1]), "the evaluation must succeed");
        Assert.Equal(0, Allocation.FewestBytes(Evaluate, trials: 6));
    }
}
