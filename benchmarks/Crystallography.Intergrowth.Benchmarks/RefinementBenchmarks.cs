using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// Issue 7's refinement benchmarks: the study's two-phase model (layered R-3m + rocksalt Fm-3m, 70:30 per O2) against a
/// simulated synchrotron pattern (0.4137 Å, 3–31° in 0.001°: 28,001 points) and a simulated CW neutron pattern (1.622 Å,
/// 10–150° in 0.05°: 2,801 points), 30 refined parameters (fractions, pattern scales, cells, O z, Uiso, zeros, U V W,
/// backgrounds). <see cref="Evaluation"/> is one residual + Jacobian evaluation, every entry written (the engine's own,
/// <see cref="EngineEvaluation"/>, writes the candidate segments only); <see cref="RefineToConvergence"/> refines from a perturbed start, end to end.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RefinementBenchmarks
{
    private RefinementProblem _problem = null!;
    private double[] _variables = null!, _residuals = null!, _jacobian = null!;
    private RefinementPattern _sxrd = null!, _cwn = null!;
    private double[] _normal = null!, _gradient = null!;
    private double[] _factor = null!, _inverseDiagonal = null!, _scratch = null!, _step = null!, _trial = null!, _trialResiduals = null!, _trialNormal = null!, _trialGradient = null!;

    private static readonly string[] Refined =
    [
        "layered/fraction", "rocksalt/fraction", "hist:sxrd/scale", "hist:cwn/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a",
        "layered/O1/z", "layered/Li1/Uiso", "layered/M1/Uiso", "layered/O1/Uiso", "rocksalt/M1/Uiso", "rocksalt/O1/Uiso",
        "hist:sxrd/zero", "hist:cwn/zero", "hist:sxrd/U", "hist:sxrd/V", "hist:sxrd/W", "hist:cwn/U", "hist:cwn/V", "hist:cwn/W",
        "hist:sxrd/bkg[0]", "hist:sxrd/bkg[1]", "hist:sxrd/bkg[2]", "hist:sxrd/bkg[3]", "hist:cwn/bkg[0]", "hist:cwn/bkg[1]", "hist:cwn/bkg[2]",
        "hist:cwn/bkg[3]", "hist:sxrd/Y",
    ];

    private static Phase Layered(double a = 2.94, double c = 14.41) => StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+")],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
        lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008).PerFormulaUnit("O2");

    private static Phase Rocksalt(double a = 4.16) => StructurePrototypes.Rocksalt("rocksalt", a,
        [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.007, anionUiso: 0.009)
        .PerFormulaUnit("O2");

    private static Instrument Synchrotron() => Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99),
        new TchProfile { U = 0.0004, V = -0.0001, W = 0.00003, Y = 0.002 }, zeroShift: 0.001);

    private static Instrument Neutrons() => Instrument.ConstantWavelength(new ConstantWavelengthNeutrons(1.622),
        new TchProfile { U = 0.06, V = -0.12, W = 0.1, Y = 0.02 }, zeroShift: 0.02);

    private static RefinementPattern Measured(string name, Instrument instrument, PatternRange range, int seed)
    {
        var mixture = SimulatedPhase.FromMoleFractions([(Layered(), 0.7), (Rocksalt(), 0.3)], 200);
        var y = new PatternSimulator(instrument).Simulate(mixture, range).Y;
        var random = new Random(seed);
        var counts = y.Select(v => v + 100).Select(v => Math.Max(0, Math.Round(v + Math.Sqrt(v) *
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))).ToArray();
        return RefinementPattern.WithCountingWeights(name, range.X, counts, instrument, new ChebyshevBackground(range.X[0], range.X[^1], [100, 0, 0, 0]));
    }

    private RefinementBuilder Start() => Refinement.Refinement.Of(Layered(2.9412, 14.404), Rocksalt(4.1585))
        .Against(_sxrd).Against(_cwn)
        .WithFractions(("layered", 0.6), ("rocksalt", 0.4))
        .StartingAt("hist:sxrd/scale", 180).StartingAt("hist:cwn/scale", 220)
        .Refine(Refined)
        .Constrain("layered/fraction + rocksalt/fraction = 1");

    /// <summary>Simulates the two patterns and builds the problem once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sxrd = Measured("sxrd", Synchrotron(), PatternRange.Uniform(3, 0.001, 31), 1);
        _cwn = Measured("cwn", Neutrons(), PatternRange.Uniform(10, 0.05, 150), 2);
        _problem = Start().BuildProblem();
        _variables = _problem.StartingVariables();
        _residuals = new double[_problem.ObservationCount];
        _jacobian = new double[_problem.ObservationCount * _problem.ParameterCount];
        _normal = new double[_problem.ParameterCount * _problem.ParameterCount];
        _gradient = new double[_problem.ParameterCount];
        _problem.Evaluate(_variables, _residuals, _jacobian);
        int p = _problem.ParameterCount;
        _factor = new double[p * p];
        _inverseDiagonal = new double[p];
        _scratch = new double[p];
        _step = new double[p];
        _trial = new double[p];
        _trialResiduals = new double[_residuals.Length];
        _trialNormal = new double[p * p];
        _trialGradient = new double[p];
        Crystallography.Intergrowth.Refinement.NormalEquations.Build(_jacobian, _residuals, _residuals.Length, p, _normal, _gradient, ((IJacobianSparsity)_problem).CandidateColumns);
    }

    /// <summary>
    /// JᵀJ and Jᵀr of the 30,802 × 29 Jacobian (the cycle's other large part), as the engine builds them: over the
    /// candidate columns the problem reports for each segment of rows.
    /// </summary>
    [Benchmark]
    public double NormalEquations()
    {
        Crystallography.Intergrowth.Refinement.NormalEquations.Build(_jacobian, _residuals, _residuals.Length, _problem.ParameterCount, _normal, _gradient,
            ((IJacobianSparsity)_problem).CandidateColumns);
        return _normal[0];
    }

    /// <summary>The same with every column a candidate: the zero segments found by reading them.</summary>
    [Benchmark]
    public double NormalEquationsReadingZeros()
    {
        Crystallography.Intergrowth.Refinement.NormalEquations.Build(_jacobian, _residuals, _residuals.Length, _problem.ParameterCount, _normal, _gradient);
        return _normal[0];
    }

    /// <summary>
    /// One Levenberg–Marquardt cycle in the steady state, the path of a cycle whose first trial is accepted, as
    /// <see cref="LevenbergMarquardtWorkspace"/> runs it: the undamped factorisation of the current normal matrix with
    /// the inverse diagonal (for the shift/s.u. test), the damped factorisation and solve, the trial's evaluation with its
    /// Jacobian, and the trial's normal equations (built while its Jacobian is in cache).
    /// </summary>
    [Benchmark]
    public double Cycle()
    {
        int p = _problem.ParameterCount;
        _normal.CopyTo(_factor, 0);
        DenseCholesky.TryFactor(_factor, p);
        DenseCholesky.InverseDiagonal(_factor, p, _inverseDiagonal, _scratch);
        _normal.CopyTo(_factor, 0);
        for (int j = 0; j < p; j++) _factor[j * p + j] *= 1.001;
        DenseCholesky.TryFactor(_factor, p);
        _gradient.CopyTo(_step, 0);
        DenseCholesky.Solve(_factor, p, _step);
        for (int j = 0; j < p; j++) _trial[j] = _variables[j] + 1e-3 * _step[j];
        ((IJacobianSparsity)_problem).EvaluateCandidates(_trial, _trialResiduals, _jacobian);
        Crystallography.Intergrowth.Refinement.NormalEquations.Build(_jacobian, _trialResiduals, _trialResiduals.Length, p, _trialNormal, _trialGradient,
            ((IJacobianSparsity)_problem).CandidateColumns);
        return _trialNormal[0];
    }

    /// <summary>The profile kernels alone (both patterns, with the Jacobian) on the peak tables of the last evaluation: the kernel's part of <see cref="Cycle"/>.</summary>
    [Benchmark]
    public void Kernels() => _problem.RepeatKernels();

    /// <summary>One evaluation of the weighted residuals and the Jacobian (30,802 × 29 after the Σf = 1 constraint).</summary>
    [Benchmark]
    public double Evaluation()
    {
        _problem.Evaluate(_variables, _residuals, _jacobian);
        return _residuals[0];
    }

    /// <summary>The evaluation the engine makes: the Jacobian written on its candidate segments only.</summary>
    [Benchmark]
    public double EngineEvaluation()
    {
        ((IJacobianSparsity)_problem).EvaluateCandidates(_variables, _residuals, _jacobian);
        return _residuals[0];
    }

    /// <summary>The residuals alone (a trial step that the engine rejects costs this).</summary>
    [Benchmark]
    public double Residuals()
    {
        _problem.Evaluate(_variables, _residuals, []);
        return _residuals[0];
    }

    /// <summary>The refinement from the perturbed start to convergence, end to end (problem built, result gathered).</summary>
    [Benchmark]
    public double RefineToConvergence() => Start().WithMaximumCycles(40).Run().Overall.Rwp;
}
