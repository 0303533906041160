using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// The weighted Jacobian that <see cref="RefinementProblem.Evaluate"/> chains over the rows that can be non-zero (the peak
/// windows and the background terms), bitwise against the obvious route, <see cref="ReducedParameterSpace.ChainJacobian(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
/// over the whole parameter Jacobian, and against a fresh problem at the same point (so no row of an earlier evaluation's
/// windows survives a move): symmetric, FCJ with Kα2 and time-of-flight patterns, alone and together, with a constraint
/// that mixes two parameters into one variable, one that mixes background terms, and one with a coefficient other than 1.
/// </summary>
public sealed class RefinementJacobianRowsTests
{
    public static TheoryData<string> Cases => ["synchrotron", "laboratory", "tof", "joint"];

    private static Instrument InstrumentNamed(string name) => name switch
    {
        "synchrotron" => RefinementTestModels.Synchrotron(),
        "laboratory" => RefinementTestModels.LaboratoryCopper(),
        _ => RefinementTestModels.TimeOfFlight(),
    };

    private static RefinementPattern PatternFor(string name, Instrument instrument, Phase[] phases)
    {
        bool tof = instrument.Mode == DiffractionMode.TimeOfFlight;
        return RefinementTestModels.Simulate(name, instrument,
            [new SimulatedPhase(phases[0], tof ? 1 : 1e-3), new SimulatedPhase(phases[1], tof ? 0.5 : 5e-4)], [50, -5, 2]);
    }

    private static string[] HistogramParameters(string pattern, Instrument instrument) =>
        [.. (instrument.Mode == DiffractionMode.TimeOfFlight
                ? new[] { "scale", "difc", "zero", "Alpha1", "Beta0", "Sigma1Squared", "Gamma1", "bkg[0]", "bkg[1]", "bkg[2]" }
                : instrument.Radiation is LaboratoryXRays
                    ? new[] { "scale", "zero", "displacement", "U", "W", "Y", "SL", "HL", "bkg[0]", "bkg[1]", "bkg[2]" }
                    : new[] { "scale", "zero", "U", "V", "W", "Y", "bkg[0]", "bkg[1]", "bkg[2]" })
            .Select(p => $"hist:{pattern}/{p}")];

    private static RefinementProblem Build(string name)
    {
        var phases = new[] { RefinementTestModels.LayeredAnisotropic(), RietveldTestModels.Rocksalt() };
        var patterns = name == "joint"
            ? new[] { PatternFor("a", RefinementTestModels.Synchrotron(), phases), PatternFor("b", RefinementTestModels.TimeOfFlight(), phases) }
            : [PatternFor("a", InstrumentNamed(name), phases)];
        var refined = new List<string>
        {
            "layered/fraction", "rocksalt/fraction", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z",
            "layered/O1/U11", "rocksalt/M1/Uiso", "layered/M1/occ[Ni]",
        };
        foreach (var pattern in patterns) refined.AddRange(HistogramParameters(pattern.Name, pattern.Instrument));
        var constraints = ConstraintSet.CreateBuilder().Refine(refined)
            .Add("layered/fraction + rocksalt/fraction = 1")          // one variable, two parameters with ±1/√2
            .Add("hist:a/bkg[1] - 2*hist:a/bkg[2] = 0")              // a background variable of two terms
            .Build();
        return new RefinementProblem(phases, patterns, constraints,
            new Dictionary<string, double> { ["layered"] = 1, ["rocksalt"] = 1 },
            new Dictionary<string, double> { ["layered"] = 0.7, ["rocksalt"] = 0.3 });
    }

    // A point away from the start: cells, zero, widths and structure moved, so the windows move between the points.
    private static double[] Point(RefinementProblem problem, int step)
    {
        var v = problem.StartingVariables();
        for (int j = 0; j < v.Length; j++)
        {
            double lower = problem.LowerBound(j), upper = problem.UpperBound(j);
            double move = 2e-3 * step * ((j % 3) - 1) * (1 + Math.Abs(v[j]));
            v[j] = Math.Clamp(v[j] + move, lower, upper);
        }
        return v;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RowRestrictedChainIsBitwiseTheFullChain(string name)
    {
        var problem = Build(name);
        int n = problem.ObservationCount, m = problem.ParameterCount;
        var r = new double[n];
        var j = new double[n * m];
        foreach (int step in new[] { 0, 3, -2, 5, 0 })
        {
            var v = Point(problem, step);
            j.AsSpan().Fill(double.NaN);                       // every entry must be written
            problem.Evaluate(v, r, j);
            Assert.True(r.All(double.IsFinite), $"step {step}: the evaluation must succeed");
            AssertBitwise(problem.ChainedOverAllRows(), j, $"step {step}, against the full chain");

            var fresh = Build(name);
            var rFresh = new double[n];
            var jFresh = new double[n * m];
            fresh.Evaluate(v, rFresh, jFresh);
            AssertBitwise(rFresh, r, $"step {step}, residuals against a fresh problem");
            AssertBitwise(jFresh, j, $"step {step}, Jacobian against a fresh problem");

            // Residuals alone in between leave the next Jacobian untouched.
            problem.Evaluate(Point(problem, step + 1), r, []);
        }
    }

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{what}: entry {i} is {actual[i]:R}, expected {expected[i]:R}.");
    }
}
