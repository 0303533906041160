using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// FsCheck: over random models — cells, oxygen position, occupancies, displacements, profile, radiation, a random
/// subset of refined parameters — every Jacobian column agrees with central differences.
/// </summary>
public sealed class RefinementDerivativePropertyTests
{
    private static readonly string[] Candidates =
    [
        "layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z", "layered/O1/Uiso",
        "layered/M1/Uiso", "rocksalt/M1/Uiso", "layered/M1/occ[Ni]", "rocksalt/M1/occ[Li]", "hist:h/scale", "hist:h/bkg[1]", "hist:h/layered.D33",
    ];

    private static readonly string[] ConstantWavelength = ["hist:h/zero", "hist:h/displacement", "hist:h/U", "hist:h/W", "hist:h/X", "hist:h/Y"];
    private static readonly string[] TimeOfFlight = ["hist:h/difc", "hist:h/zero", "hist:h/Alpha1", "hist:h/Beta0", "hist:h/Sigma1Squared", "hist:h/Gamma1"];

    [Property(MaxTest = 16)]
    public bool EveryColumnAgreesWithCentralDifferences(int seed)
    {
        var random = new Random(seed);
        double Around(double value, double spread) => value * (1 + spread * (2 * random.NextDouble() - 1));
        var layered = RietveldTestModels.Layered(Around(2.94, 0.01), Around(14.41, 0.01))
            .WithSitePosition("O1", new FractionalPosition(0, 0, Around(0.257, 0.02)))
            .WithUiso("O1", Around(0.008, 0.5)).WithOccupancy("M1", "Ni2+", 0.4 * (1 - 0.2 * random.NextDouble()));
        var rocksalt = RietveldTestModels.Rocksalt(Around(4.16, 0.01)).WithOccupancy("M1", "Li+", 0.4 * (1 - 0.2 * random.NextDouble()));
        int kind = random.Next(4);
        var instrument = kind switch
        {
            0 => RefinementTestModels.Synchrotron(),
            1 => RefinementTestModels.LaboratoryCopper(),
            2 => RefinementTestModels.Neutrons(),
            _ => RefinementTestModels.TimeOfFlight(),
        };
        bool tof = kind == 3;
        var range = tof ? PatternRange.Uniform(20000, 20, 28000) : kind == 0 ? PatternRange.Uniform(4, 0.01, 12) : PatternRange.Uniform(20, 0.04, 80);
        var scales = tof ? (1.0, 0.5) : (1e-3, 5e-4);
        var y = new PatternSimulator(instrument).Simulate([new SimulatedPhase(layered, scales.Item1), new SimulatedPhase(rocksalt, scales.Item2)], range).Y;
        var pattern = RefinementPattern.WithCountingWeights("h", range.X, [.. y.Select(v => v + 30)], instrument,
            new ChebyshevBackground(range.X[0], range.X[^1], [30, 2, 1]));
        var pool = Candidates.Concat(tof ? TimeOfFlight : ConstantWavelength).ToArray();
        var refined = pool.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty(pool[0]).ToArray();
        var problem = new RefinementProblem([layered, rocksalt], [pattern], ConstraintSet.CreateBuilder().Refine(refined).Build(),
            new Dictionary<string, double> { ["layered"] = scales.Item1, ["rocksalt"] = scales.Item2 },
            options: new PatternSimulatorOptions { WindowHalfWidth = 1e5, TimeOfFlightDecayLengths = 1e3 });
        // A random point near the start; increments scaled to each parameter's size.
        var v = new double[problem.ParameterCount];
        for (int j = 0; j < v.Length; j++)
        {
            var id = problem.Space.Parameters[j];
            double value = problem.Catalog[id];
            double size = id.Name.Contains(".D", StringComparison.Ordinal) ? 1e-5 : Math.Max(Math.Abs(value), 1e-3);
            v[j] = (id.Kind == ParameterKind.Occupancy ? -0.02 : 0.01 * (2 * random.NextDouble() - 1)) * size;
        }
        // Steps on each parameter's own scale: strains act on 1/d² (10⁻⁶ Å⁻²); the TOF zero shifts times of ~2·10⁴ µs,
        // so a 10⁻⁸ µs step would be lost in rounding; background terms are counts (their columns are exact, and a
        // tiny step only measures the rounding of the differenced residuals).
        var worst = LeastSquaresJacobianChecker.ColumnDiscrepancies(problem, v, 4, j => problem.Space.Parameters[j].Name switch
        {
            var n when n.Contains(".D", StringComparison.Ordinal) => 1e-6,
            "zero" when tof => 1,
            "bkg" => 1,
            _ => 1e-3,
        });
        for (int j = 0; j < worst.Length; j++)
            if (!(worst[j] < 5e-6))
                throw new InvalidOperationException($"seed {seed}, radiation {kind}: {problem.Space.Parameters[j]} differs by {worst[j]:E2} of its column's scale");
        return true;
    }
}
