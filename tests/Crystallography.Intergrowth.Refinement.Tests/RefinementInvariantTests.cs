using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// Invariants over random refinements: at every point the engine evaluates (trial steps included), occupancies stay in
/// [0, 1] and the constraints hold.
/// </summary>
public sealed class RefinementInvariantTests
{
    // Records every parameter vector the engine asks for, and forwards to the problem.
    private sealed class Recording(RefinementProblem problem) : ILeastSquaresProblem
    {
        public List<double[]> Points { get; } = [];
        public int ObservationCount => problem.ObservationCount;
        public int ParameterCount => problem.ParameterCount;
        public double LowerBound(int index) => problem.LowerBound(index);
        public double UpperBound(int index) => problem.UpperBound(index);
        public void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor)
        {
            Points.Add(parameters.ToArray());
            problem.Evaluate(parameters, weightedResiduals, jacobianColumnMajor);
        }
    }

    [Property(MaxTest = 12)]
    public bool OccupanciesStayInRangeAndTheLiTransferHoldsAtEveryStep(int seed)
    {
        var random = new Random(seed);
        // Truth: some Li moved from the layered Li layer to the rocksalt cations; the start has it elsewhere.
        double moved = 0.02 + 0.1 * random.NextDouble();
        var truth = new[]
        {
            RietveldTestModels.Layered().WithOccupancy("Li1", "Li+", 1 - moved),
            RietveldTestModels.Rocksalt().WithOccupancy("M1", "Li+", 0.4 + 7.0 / 6 * moved),
        };
        var pattern = RefinementTestModels.Simulate("cwn", RefinementTestModels.Neutrons(),
            [new SimulatedPhase(truth[0], 1e-3), new SimulatedPhase(truth[1], 5e-4)], [50, -5, 2], noiseSeed: seed);
        var start = new[] { RietveldTestModels.Layered(2.9405, 14.405), RietveldTestModels.Rocksalt(4.1595) };
        var problem = Refinement.Of(start).Against(pattern)
            .WithScales(("layered", 1e-3 * (0.8 + 0.4 * random.NextDouble())), ("rocksalt", 5e-4 * (0.8 + 0.4 * random.NextDouble())))
            .Refine("layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a",
                    "layered/Li1/occ[Li]", "rocksalt/M1/occ[Li]", "layered/M1/occ[Ni]", "hist:cwn/bkg[0]")
            .Constrain("7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0")
            .BuildProblem();
        var recording = new Recording(problem);
        new LevenbergMarquardt(LevenbergMarquardtOptions.Default with { MaximumCycles = 8 })
            .Minimize(recording, problem.StartingVariables());
        var space = problem.Space;
        int li1 = space.IndexOf(ParameterId.Parse("layered/Li1/occ[Li]")), m1 = space.IndexOf(ParameterId.Parse("rocksalt/M1/occ[Li]"));
        int ni = space.IndexOf(ParameterId.Parse("layered/M1/occ[Ni]"));
        foreach (var point in recording.Points)
        {
            var p = space.ToParameters(point);
            if (p[li1] > 1 + 1e-12 || p[li1] < -1e-12 || p[m1] > 1 + 1e-12 || p[m1] < -1e-12 || p[ni] > 1 + 1e-12 || p[ni] < -1e-12)
                throw new InvalidOperationException($"occupancy out of range: Li1 {p[li1]}, M1 Li {p[m1]}, Ni {p[ni]}; bounds {string.Join(" ", Enumerable.Range(0, problem.ParameterCount).Select(j => $"[{problem.LowerBound(j)}, {problem.UpperBound(j)}]"))}");
            if (Math.Abs(7 * (p[li1] - 1) + 6 * (p[m1] - 0.4)) > 1e-10)
                throw new InvalidOperationException($"transfer broken: {7 * (p[li1] - 1) + 6 * (p[m1] - 0.4)}");
        }
        return recording.Points.Count > 1;
    }
}
