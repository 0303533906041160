using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>One pattern's fit: the fitted points with observed, calculated and background counts, and its R factors.</summary>
/// <param name="Name">The histogram name.</param>
/// <param name="X">The fitted points (2θ or µs).</param>
/// <param name="Observed">yo.</param>
/// <param name="Calculated">yc (background included).</param>
/// <param name="Background">yb.</param>
/// <param name="Agreement">Rp, Rwp, Rexp, χ², GoF of this pattern (P = the refinement's variables).</param>
/// <param name="Bragg">R_Bragg and R_F per phase name.</param>
/// <param name="Ticks">Each phase's reflections: position in the pattern (first line) and indices.</param>
public sealed record PatternFit(string Name, ImmutableArray<double> X, ImmutableArray<double> Observed, ImmutableArray<double> Calculated,
                                ImmutableArray<double> Background, AgreementFactors Agreement, ImmutableDictionary<string, BraggAgreement> Bragg,
                                ImmutableDictionary<string, ImmutableArray<ReflectionTick>> Ticks)
{
    /// <summary>"sxrd: 2001 points, Rp 5.75 %, Rwp 8.42 %, GoF 1.019; R_Bragg layered 0.88 %, rocksalt 1.01 %".</summary>
    public override string ToString()
    {
        string bragg = Bragg.Count == 0 ? ""
            : "; R_Bragg " + string.Join(", ", Bragg.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => FormattableString.Invariant($"{kv.Key} {100 * kv.Value.RBragg:F2} %")));
        return FormattableString.Invariant(
            $"{Name}: {Agreement.Points} points, Rp {100 * Agreement.Rp:F2} %, Rwp {100 * Agreement.Rwp:F2} %, GoF {Agreement.GoodnessOfFit:F3}{bragg}");
    }
}

/// <summary>One reflection's mark in a Rietveld plot.</summary>
/// <param name="Position">Its position (2θ in degrees or time of flight in µs).</param>
/// <param name="Index">Its indices.</param>
public readonly record struct ReflectionTick(double Position, MillerIndex Index)
{
    /// <summary>"(1 0 4) at 8.3521".</summary>
    public override string ToString() => FormattableString.Invariant($"{Index} at {Position:0.####}");
}

/// <summary>
/// The outcome of a refinement (immutable): refined phases as new objects, every parameter with its s.u.
/// (from the inverse normal matrix scaled by the reduced χ², propagated through constraints), correlations,
/// per-pattern and overall agreement, R_Bragg per phase, phase fractions, the history of cycles and the status.
/// </summary>
public sealed class RefinementResult
{
    private readonly double[,] _parameterCorrelation;

    private RefinementResult(RefinementProblem problem, LeastSquaresResult leastSquares, ImmutableArray<RefinementProgress> history)
    {
        Problem = problem;
        LeastSquares = leastSquares;
        History = history;
        var v = leastSquares.Parameters.AsSpan();
        var space = problem.Space;
        bool covariance = leastSquares.Status != LeastSquaresStatus.Singular && leastSquares.StandardUncertainties.All(double.IsFinite);
        double[,]? variableCovariance = covariance ? leastSquares.CovarianceMatrix() : null;
        Phases = problem.PhasesAt(v, variableCovariance);

        var values = space.ToValues(v);
        var su = variableCovariance is null ? null : space.StandardUncertaintiesById(variableCovariance);
        var varied = space.Parameters.ToHashSet();
        var builder = ImmutableDictionary.CreateBuilder<ParameterId, MeasuredValue>();
        foreach (var (id, value) in problem.Catalog.Complete(values))
        {
            double s = su is not null && su.TryGetValue(id, out double u) && double.IsFinite(u) ? u : 0;
            builder[id] = new MeasuredValue(value, s);
        }
        Values = builder.ToImmutable();
        Refined = space.Parameters;
        var parameterCovariance = variableCovariance is null ? null : space.CovarianceOfParameters(variableCovariance);
        _parameterCorrelation = parameterCovariance is null ? new double[0, 0] : ParameterCorrelations.FromCovariance(parameterCovariance);
        StrongestCorrelations = parameterCovariance is null ? [] : [.. ParameterCorrelations.Strongest(space.Parameters, _parameterCorrelation, 0.8)];

        var fits = ImmutableArray.CreateBuilder<PatternFit>();
        var combined = new List<(AgreementFactors, double)>();
        for (int p = 0; p < problem.Patterns.Length; p++)
        {
            var pattern = problem.Patterns[p];
            var (calculated, background) = problem.Calculate(v, p);
            var agreement = problem.Agreement(v, p);
            var bragg = ImmutableDictionary.CreateBuilder<string, BraggAgreement>();
            var ticks = ImmutableDictionary.CreateBuilder<string, ImmutableArray<ReflectionTick>>();
            for (int phase = 0; phase < problem.Catalog.Phases.Length; phase++)
                ticks[problem.Catalog.Phases[phase].Name] = problem.Ticks(v, p, phase);
            for (int phase = 0; phase < problem.Catalog.Phases.Length; phase++)
            {
                try
                {
                    bragg[problem.Catalog.Phases[phase].Name] = problem.Bragg(v, p, phase);
                }
                catch (ArgumentException)
                {
                    // A phase with no intensity in this pattern has no R_Bragg.
                }
            }
            fits.Add(new PatternFit(pattern.Name, [.. pattern.FittedPoints.Select(i => pattern.X[i])], [.. pattern.FittedPoints.Select(i => pattern.Observed[i])],
                                    [.. calculated], [.. background], agreement, bragg.ToImmutable(), ticks.ToImmutable()));
            combined.Add((agreement, pattern.Weight));
        }
        Patterns = fits.ToImmutable();
        Overall = AgreementFactors.Combine(combined, problem.ParameterCount);
        (MoleFractions, WeightFractions) = Fractions(problem, values, parameterCovariance);
    }

    /// <summary>The problem that was minimised.</summary>
    public RefinementProblem Problem { get; }

    /// <summary>The minimiser's own result (variables, covariance, trials).</summary>
    public LeastSquaresResult LeastSquares { get; }

    /// <summary>How the refinement ended: converged, stopped at the cycle limit, diverged (best state kept), singular or cancelled.</summary>
    public LeastSquaresStatus Status => LeastSquares.Status;

    /// <summary>For a singular refinement, the parameters along the undetermined direction.</summary>
    public ImmutableArray<string> NullSpaceParameters => LeastSquares.NullSpaceParameterNames;

    /// <summary>The refined phases (new objects with s.u.; the inputs are unchanged).</summary>
    public ImmutableArray<Phase> Phases { get; }

    /// <summary>Every parameter of the catalog with its value and s.u. (0 for parameters that were not refined).</summary>
    public ImmutableDictionary<ParameterId, MeasuredValue> Values { get; }

    /// <summary>The refined parameters (those the constraints tie included), in the order of the correlation matrix.</summary>
    public ImmutableArray<ParameterId> Refined { get; }

    /// <summary>Pairs of refined parameters with |correlation| ≥ 0.8, strongest first.</summary>
    public ImmutableArray<ParameterCorrelation> StrongestCorrelations { get; }

    /// <summary>Each pattern's fit and R factors.</summary>
    public ImmutableArray<PatternFit> Patterns { get; }

    /// <summary>The joint R factors over every pattern (joint-fit weights applied).</summary>
    public AgreementFactors Overall { get; }

    /// <summary>Mole fractions of the phases' formula units (Hill–Howard), by phase name.</summary>
    public ImmutableDictionary<string, MeasuredValue> MoleFractions { get; }

    /// <summary>Weight fractions of the phases, by phase name.</summary>
    public ImmutableDictionary<string, MeasuredValue> WeightFractions { get; }

    /// <summary>One report per cycle.</summary>
    public ImmutableArray<RefinementProgress> History { get; }

    /// <summary>The value and s.u. of one parameter.</summary>
    /// <param name="parameter">The text id.</param>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public MeasuredValue this[string parameter] => Values.TryGetValue(ParameterId.Parse(parameter), out var v)
        ? v : throw new KeyNotFoundException($"The refinement has no parameter {parameter}.");

    /// <summary>The correlation of two refined parameters.</summary>
    /// <param name="first">A refined parameter.</param>
    /// <param name="second">Another.</param>
    /// <exception cref="InvalidOperationException">No covariance (a singular refinement).</exception>
    public double Correlation(ParameterId first, ParameterId second)
    {
        if (_parameterCorrelation.Length == 0) throw new InvalidOperationException("The refinement is singular: it has no covariance.");
        return _parameterCorrelation[Refined.IndexOf(first), Refined.IndexOf(second)];
    }

    /// <summary>The report table: every refined parameter with s.u., phase fractions, strongest correlations, R factors.</summary>
    public RefinementTable Table()
    {
        var builder = new RefinementTableBuilder();
        var refined = Refined.ToHashSet();
        var independent = Problem.Space.Report;
        foreach (var id in Values.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal))
        {
            if (!refined.Contains(id)) continue;
            var value = Values[id];
            builder.AddParameter(id, value.Value, value.StandardUncertainty, ParameterStatus.Refined);
        }
        _ = independent;
        foreach (var (phase, mole) in MoleFractions)
            builder.AddPhaseFraction(phase, mole, WeightFractions[phase]);
        if (_parameterCorrelation.Length > 0) builder.AddCorrelations(Refined, _parameterCorrelation);
        foreach (var fit in Patterns) builder.AddAgreement(fit.Name, fit.Agreement);
        if (Patterns.Length > 1) builder.AddAgreement("overall", Overall);
        foreach (var fit in Patterns)
            foreach (var (phase, bragg) in fit.Bragg) builder.AddBragg($"{phase} ({fit.Name})", bragg);
        return builder.Build();
    }

    /// <summary>The refined structures as one CIF 1.1 file (one data block per phase).</summary>
    public string ToCif()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Cif.Write(writer, Phases);
        return writer.ToString();
    }

    /// <summary>
    /// A summary for a REPL or a log. The first line is the status: "Converged after 6 cycles: Rwp 5.95 %, GoF 1.004,
    /// 14 parameters"; then each refined parameter with its s.u. in parenthesis notation, the mole and weight fractions
    /// when there are several phases, and Rp, Rwp, GoF per pattern. <see cref="Table"/> gives the full report.
    /// </summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(FormattableString.Invariant(
            $"{Status} after {LeastSquares.Cycles} cycles: Rwp {100 * Overall.Rwp:F2} %, GoF {Overall.GoodnessOfFit:F3}, {Refined.Length} parameters"));
        var refined = Refined.Select(id => id.ToString()).Order(StringComparer.Ordinal).ToArray();
        int width = refined.Length == 0 ? 0 : refined.Max(name => name.Length);
        foreach (string name in refined) text.Append("\n  ").Append(name.PadRight(width)).Append("  ").Append(this[name]);
        if (MoleFractions.Count > 1)
            foreach (var (phase, mole) in MoleFractions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                text.Append(FormattableString.Invariant($"\n  {phase}: {Percent(mole).ToString(4)} mol %, {Percent(WeightFractions[phase]).ToString(4)} wt %"));
        foreach (var fit in Patterns) text.Append("\n  ").Append(fit);
        return text.ToString();

        static MeasuredValue Percent(MeasuredValue fraction) => new(100 * fraction.Value, 100 * fraction.StandardUncertainty);
    }

    /// <summary>Minimises a problem and gathers the result.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">The minimiser's settings.</param>
    /// <param name="progress">One report per cycle, or null.</param>
    /// <param name="cancellationToken">Stops between cycles.</param>
    public static RefinementResult Refine(RefinementProblem problem, LevenbergMarquardtOptions options,
                                          IProgress<RefinementProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Refine(problem, options, problem.StartingVariables(), progress, cancellationToken);
    }

    // From given variables (a sequential refinement's previous step).
    internal static RefinementResult Refine(RefinementProblem problem, LevenbergMarquardtOptions options, double[] start,
                                            IProgress<RefinementProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        double sumWeightedObserved = 0;
        for (int p = 0; p < problem.Patterns.Length; p++)
        {
            var pattern = problem.Patterns[p];
            foreach (int i in pattern.FittedPoints) sumWeightedObserved += pattern.Weight * pattern.Weights[i] * pattern.Observed[i] * pattern.Observed[i];
        }
        var history = ImmutableArray.CreateBuilder<RefinementProgress>();
        var relay = new Relay(r =>
        {
            var report = new RefinementProgress(r.Cycle, r.ChiSquared, Math.Sqrt(r.ChiSquared / sumWeightedObserved), r.LargestShiftOverUncertainty);
            history.Add(report);
            progress?.Report(report);
        });
        var leastSquares = new LevenbergMarquardt(options).Minimize(problem, start, problem.VariableNames, relay, cancellationToken);
        return new RefinementResult(problem, leastSquares, history.ToImmutable());
    }

    private static (ImmutableDictionary<string, MeasuredValue>, ImmutableDictionary<string, MeasuredValue>) Fractions(
        RefinementProblem problem, ImmutableDictionary<ParameterId, double> values, double[,]? parameterCovariance)
    {
        // Effective Hill–Howard scale of each phase, S_φ = s_φ (· f_φ/(Z V)), and its covariance from those of s and f.
        var phases = problem.Catalog.Phases;
        int n = phases.Length;
        var scales = new (Phase, double)[n];
        var jacobian = new double[n, problem.Space.ParameterCount];
        var refinedPhases = problem.PhasesAt(problem.Space.ToVariables(problem.Space.Parameters.Select(id => values[id]).ToArray()));
        for (int i = 0; i < n; i++)
        {
            var phase = refinedPhases[i];
            var scaleId = ParameterId.PhaseScale(phase.Name);
            var fractionId = ParameterId.PhaseFraction(phase.Name);
            double s = values[scaleId];
            double zv = phases[i].FormulaUnitsPerCell * phase.Cell.Volume;
            bool hasFraction = values.TryGetValue(fractionId, out double f);
            double effective = hasFraction ? s * f / zv : s;
            scales[i] = (phase, effective);
            int sIndex = problem.Space.IndexOf(scaleId), fIndex = problem.Space.IndexOf(fractionId);
            if (sIndex >= 0) jacobian[i, sIndex] = hasFraction ? f / zv : 1;
            if (fIndex >= 0) jacobian[i, fIndex] = s / zv;
        }
        var covariance = new double[n, n];
        if (parameterCovariance is not null)
        {
            int m = problem.Space.ParameterCount;
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                {
                    double sum = 0;
                    for (int k = 0; k < m; k++)
                        for (int l = 0; l < m; l++) sum += jacobian[a, k] * parameterCovariance[k, l] * jacobian[b, l];
                    covariance[a, b] = sum;
                }
        }
        try
        {
            var (weight, mole) = PhaseFractionUncertainty.Of(scales, covariance);
            var moles = ImmutableDictionary.CreateBuilder<string, MeasuredValue>();
            var weights = ImmutableDictionary.CreateBuilder<string, MeasuredValue>();
            for (int i = 0; i < n; i++)
            {
                moles[phases[i].Name] = mole[i];
                weights[phases[i].Name] = weight[i];
            }
            return (moles.ToImmutable(), weights.ToImmutable());
        }
        catch (ArgumentException)
        {
            return (ImmutableDictionary<string, MeasuredValue>.Empty, ImmutableDictionary<string, MeasuredValue>.Empty);
        }
    }

    // Relays the minimiser's reports synchronously (Progress<T> would post them to a context).
    private sealed class Relay(Action<LeastSquaresProgress> action) : IProgress<LeastSquaresProgress>
    {
        public void Report(LeastSquaresProgress value) => action(value);
    }
}
