using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// Every analytic Jacobian column of <see cref="RefinementProblem"/> against central finite differences, for
/// each kind of parameter, with synchrotron X-rays, laboratory Kα1/Kα2 with FCJ asymmetry, CW neutrons and
/// time-of-flight neutrons, one pattern at a time and jointly.
/// </summary>
public sealed class RefinementProblemDerivativeTests(ITestOutputHelper output)
{
    private static readonly string[] PhaseKinds =
    [
        "layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a",
        "layered/O1/z", "layered/O1/U11", "layered/O1/U33", "layered/M1/Uiso", "rocksalt/M1/Uiso", "rocksalt/O1/Uiso",
        "layered/M1/occ[Ni]", "layered/M1/occ[Li]", "rocksalt/M1/occ[Li]",
    ];

    private static readonly string[] ConstantWavelengthKinds =
        ["scale", "zero", "displacement", "transparency", "offset", "U", "V", "W", "P", "X", "Y", "bkg[0]", "bkg[1]", "bkg[2]"];

    // Hydrostatic strain of each phase in the pattern (hexagonal: D11 on h² + k² + hk, D33; cubic: D11).
    private static readonly string[] StrainKinds = ["layered.D11", "layered.D33", "rocksalt.D11"];

    public static TheoryData<string> Instruments => ["synchrotron", "laboratory", "neutron", "tof"];

    private static Instrument InstrumentNamed(string name) => name switch
    {
        "synchrotron" => RefinementTestModels.Synchrotron(),
        "laboratory" => RefinementTestModels.LaboratoryCopper(),
        "neutron" => RefinementTestModels.Neutrons(),
        _ => RefinementTestModels.TimeOfFlight(),
    };

    private static string[] HistogramKinds(string instrument) => instrument switch
    {
        "synchrotron" => [.. ConstantWavelengthKinds, "CrystalliteSize", "Microstrain", "SizeLorentzianFraction"],
        "laboratory" => [.. ConstantWavelengthKinds, "SL", "HL"],
        "neutron" => ConstantWavelengthKinds,
        _ => ["scale", "difc", "difa", "zero", "Alpha0", "Alpha1", "Beta0", "Beta1", "BetaQ", "Sigma0Squared", "Sigma1Squared",
              "Sigma2Squared", "SigmaQSquared", "Gamma0", "Gamma1", "Gamma2", "Microstrain", "StrainLorentzianFraction", "bkg[0]", "bkg[1]", "bkg[2]"],
    };

    private static Phase[] Phases() => [RefinementTestModels.LayeredAnisotropic(), RietveldTestModels.Rocksalt()];

    // Time of flight needs larger scales for peaks of the same height (L = d⁴ sin θ).
    private static Dictionary<string, double> ScalesFor(Instrument instrument) => instrument.Mode == DiffractionMode.TimeOfFlight
        ? new() { ["layered"] = 1, ["rocksalt"] = 0.5 }
        : new() { ["layered"] = 1e-3, ["rocksalt"] = 5e-4 };

    private static RefinementPattern PatternFor(string name, Instrument instrument, Phase[] phases)
    {
        var scales = ScalesFor(instrument);
        return RefinementTestModels.Simulate(name, instrument,
            [new SimulatedPhase(phases[0], scales["layered"]), new SimulatedPhase(phases[1], scales["rocksalt"])], [50, -5, 2]);
    }

    // Windows wider than any pattern: no point crosses a window's edge between the finite-difference evaluations.
    private static readonly PatternSimulatorOptions WideWindows = new() { WindowHalfWidth = 1e5, TimeOfFlightDecayLengths = 1e3 };

    // A generic point away from the start (the variables are increments): every value moved a little, signs chosen so that the model stays valid.
    private static double[] GenericPoint(RefinementProblem problem)
    {
        var v = new double[problem.ParameterCount];
        for (int j = 0; j < v.Length; j++)
        {
            var id = problem.Space.Parameters[j];
            double value = problem.Catalog[id];
            string name = id.Name;
            v[j] = id.Kind switch
            {
                ParameterKind.Occupancy => -0.03 * value,
                ParameterKind.Coordinate => 0.002,
                ParameterKind.Histogram when name == "bkg" => 1 + 0.5 * int.Parse(id.Qualifier!, System.Globalization.CultureInfo.InvariantCulture),
                ParameterKind.Histogram when name == "zero" && id.Scope is "tof" or "h" && problem.Patterns.Any(p => p.IsTimeOfFlight) => 3,
                ParameterKind.Histogram when name is "zero" or "displacement" or "transparency" or "offset" => 0.004,
                ParameterKind.Histogram when name == "difa" => 0.3,
                ParameterKind.Histogram when name.Contains(".D", StringComparison.Ordinal) => 2e-5,
                // Per-phase broadening starts at zero: move it to a generic, valid increment.
                ParameterKind.Histogram when name.EndsWith(".U", StringComparison.Ordinal) => 0.001,
                ParameterKind.Histogram when name.EndsWith(".X", StringComparison.Ordinal) || name.EndsWith(".Y", StringComparison.Ordinal) => 0.002,
                ParameterKind.Histogram when name.EndsWith(".Sigma1Squared", StringComparison.Ordinal) => 5,
                ParameterKind.Histogram when name.EndsWith(".Gamma1", StringComparison.Ordinal) => 0.3,
                ParameterKind.Histogram when name is "SizeLorentzianFraction" or "StrainLorentzianFraction" => -0.3,
                _ => 0.01 * value,
            };
        }
        return v;
    }

    // Per column through the shared checker; strains act on 1/d² (Å⁻²) through l² up to a few hundred: their natural
    // scale is 10⁻⁶, not 10⁻³.
    private double[] ColumnDiscrepancies(RefinementProblem problem, double[] v, double stepFactor)
    {
        var worst = LeastSquaresJacobianChecker.ColumnDiscrepancies(problem, v, stepFactor,
            j => problem.Space.Parameters[j].Name.Contains(".D", StringComparison.Ordinal) ? 1e-6 : 1e-3);
        for (int j = 0; j < worst.Length; j++) output.WriteLine($"{problem.Space.Parameters[j],-36} {worst[j]:E2}");
        return worst;
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void EveryColumnMatchesCentralDifferences(string instrument)
    {
        var phases = Phases();
        var pattern = PatternFor("h", InstrumentNamed(instrument), phases);
        string[] broadening = instrument == "tof" ? ["layered.Sigma1Squared", "rocksalt.Gamma1"] : ["layered.U", "rocksalt.X", "layered.Y"];
        var refined = PhaseKinds.Concat(HistogramKinds(instrument).Concat(StrainKinds).Concat(broadening).Select(k => "hist:h/" + k)).ToArray();
        var problem = new RefinementProblem(phases, [pattern], ConstraintSet.CreateBuilder().Refine(refined).Build(),
            ScalesFor(pattern.Instrument), options: WideWindows);
        Assert.Equal(refined.Length, problem.ParameterCount);
        var worst = ColumnDiscrepancies(problem, GenericPoint(problem), 4);
        for (int j = 0; j < worst.Length; j++)
            Assert.True(worst[j] < 2e-6, $"{instrument}: {problem.Space.Parameters[j]} differs from central differences by {worst[j]:E2} of its scale");
    }

    /// <summary>
    /// March–Dollase ratios away from 1 (layered platelets along (0 0 1), the rocksalt along (1 1 1)): the ratio columns and
    /// the cell columns, whose intensity part now also follows the angle between each reflection and the direction.
    /// </summary>
    [Theory]
    [MemberData(nameof(Instruments))]
    public void MarchDollaseColumnsMatchCentralDifferences(string instrument)
    {
        var phases = Phases();
        var pattern = PatternFor("h", InstrumentNamed(instrument), phases).WithPreferredOrientationAxis("rocksalt", new Symmetry.MillerIndex(1, 1, 1));
        string[] refined =
        [
            "layered/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z", "layered/M1/Uiso", "hist:h/layered.D33",
            "hist:h/layered.MD", "hist:h/rocksalt.MD", "hist:h/scale",
        ];
        var start = new Dictionary<ParameterId, double>
        {
            [PreferredOrientation.Parameter("h", "layered")] = 0.8, [PreferredOrientation.Parameter("h", "rocksalt")] = 1.15,
        };
        var problem = new RefinementProblem(phases, [pattern], ConstraintSet.CreateBuilder().Refine(refined).Build(),
            ScalesFor(pattern.Instrument), options: WideWindows, startingValues: start);
        var worst = ColumnDiscrepancies(problem, GenericPoint(problem), 4);
        for (int j = 0; j < worst.Length; j++)
            Assert.True(worst[j] < 2e-6, $"{instrument}: {problem.Space.Parameters[j]} differs from central differences by {worst[j]:E2} of its scale");
    }

    [Fact]
    public void JointFitWithPhaseFractionsMatchesCentralDifferences()
    {
        // Hill–Howard amounts: K = f/(Z·V); f and the cell both move the intensities of both patterns.
        var phases = Phases();
        var sxrd = PatternFor("sxrd", RefinementTestModels.Synchrotron(), phases);
        var tof = PatternFor("tof", RefinementTestModels.TimeOfFlight(), phases);
        string[] refined =
        [
            "layered/fraction", "rocksalt/fraction", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z",
            "hist:sxrd/scale", "hist:tof/scale", "hist:sxrd/zero", "hist:tof/difc", "hist:sxrd/bkg[1]", "hist:tof/bkg[0]",
            "layered/M1/occ[Li]", "rocksalt/M1/occ[Li]",
        ];
        var problem = new RefinementProblem(phases, [sxrd, tof], ConstraintSet.CreateBuilder().Refine(refined).Build(),
            fractions: new Dictionary<string, double> { ["layered"] = 0.7, ["rocksalt"] = 0.3 }, options: WideWindows);
        Assert.Equal(sxrd.FittedPoints.Length + tof.FittedPoints.Length, problem.ObservationCount);
        var worst = ColumnDiscrepancies(problem, GenericPoint(problem), 4);
        for (int j = 0; j < worst.Length; j++)
            Assert.True(worst[j] < 2e-6, $"joint: {problem.Space.Parameters[j]} differs from central differences by {worst[j]:E2} of its scale");
    }

    [Fact]
    public void ExcludedRegionsAndRangeDropPoints()
    {
        var phases = Phases();
        var full = PatternFor("sxrd", RefinementTestModels.Synchrotron(), phases);
        var limited = new RefinementPattern("sxrd", full.X, full.Observed, full.Weights, full.Instrument, full.Background,
                                            (5, 12), [(7, 7.5), (9, 9.25)]);
        Assert.All(limited.FittedPoints, i => Assert.True(full.X[i] >= 5 && full.X[i] <= 12 && !(full.X[i] >= 7 && full.X[i] <= 7.5)));
        var problem = new RefinementProblem(phases, [limited], ConstraintSet.CreateBuilder().Refine("layered/scale").Build());
        Assert.Equal(limited.FittedPoints.Length, problem.ObservationCount);
        int expected = full.X.Count(x => x >= 5 && x <= 12 && !(x >= 7 && x <= 7.5) && !(x >= 9 && x <= 9.25));
        Assert.Equal(expected, problem.ObservationCount);
    }

    [Fact]
    public void UnknownParametersAreRefusedWithTheirName()
    {
        var phases = Phases();
        var pattern = PatternFor("sxrd", RefinementTestModels.Synchrotron(), phases);
        var ex = Assert.Throws<ArgumentException>(() =>
            new RefinementProblem(phases, [pattern], ConstraintSet.CreateBuilder().Refine("hist:other/zero").Build()));
        Assert.Contains("hist:other/zero", ex.Message, StringComparison.Ordinal);
        var tof = Assert.Throws<ArgumentException>(() => pattern.Parameter("difc"));
        Assert.Contains("difc", tof.Message, StringComparison.Ordinal);
    }
}
