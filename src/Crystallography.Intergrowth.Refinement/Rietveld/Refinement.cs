using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>What a refinement reports after each cycle. Immutable.</summary>
/// <param name="Cycle">The 1-based cycle just finished.</param>
/// <param name="ChiSquared">χ² = Σ w (yo − yc)² over every fitted point of every pattern (with the joint-fit weights).</param>
/// <param name="Rwp">The overall weighted profile R factor √(χ²/Σ w yo²).</param>
/// <param name="LargestShiftOverUncertainty">max |shift|/s.u. of the cycle's step (0 when no step was accepted).</param>
public readonly record struct RefinementProgress(int Cycle, double ChiSquared, double Rwp, double LargestShiftOverUncertainty)
{
    /// <summary>"cycle 3: χ² 12345.6, Rwp 5.951 %, largest shift/s.u. 0.012".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"cycle {Cycle}: χ² {ChiSquared:G6}, Rwp {100 * Rwp:F3} %, largest shift/s.u. {LargestShiftOverUncertainty:G3}");
}

/// <summary>
/// The entry point of a Rietveld refinement: a fluent description of phases, patterns, what is refined and
/// constrained, that <see cref="RefinementBuilder.Run"/> turns into a <see cref="RefinementResult"/>.
/// </summary>
/// <example>
/// <code>
/// var result = Refinement.Of(layered, rocksalt)
///     .Against(sxrd).Against(tof)
///     .WithFractions(("layered", 0.7), ("rocksalt", 0.3))
///     .Refine("layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/fraction", "rocksalt/fraction")
///     .Constrain("layered/fraction + rocksalt/fraction = 1")
///     .Run();
/// Console.WriteLine(result.Table().ToText());
/// </code>
/// </example>
public static class Refinement
{
    /// <summary>Starts a refinement of these phases (names unique; the objects are never changed).</summary>
    /// <param name="phases">The phases.</param>
    public static RefinementBuilder Of(params IEnumerable<Phase> phases) => new([.. phases]);
}

/// <summary>A mutable description of a refinement; every call returns the same builder.</summary>
public sealed partial class RefinementBuilder
{
    private readonly ImmutableArray<Phase> _phases;
    private readonly List<RefinementPattern> _patterns = [];
    private readonly Dictionary<string, double> _scales = [];
    private readonly Dictionary<string, double> _fractions = [];
    private readonly List<ParameterId> _refined = [];
    private readonly List<Func<ParameterId, bool>> _refinedWhere = [];
    private readonly List<ParameterId> _held = [];
    private readonly List<string> _constraintTexts = [];
    private readonly List<LinearConstraint> _constraints = [];
    private readonly Dictionary<ParameterId, ParameterBounds> _bounds = [];
    private readonly Dictionary<ParameterId, double> _starting = [];
    private LevenbergMarquardtOptions _options = LevenbergMarquardtOptions.Default with { MaximumCycles = 10 };
    private PatternSimulatorOptions _problemOptions = PatternSimulatorOptions.Default;
    private bool _defaultBounds = true, _naturalBounds;

    internal RefinementBuilder(ImmutableArray<Phase> phases)
    {
        if (phases.IsEmpty) throw new ArgumentException("Give at least one phase.", nameof(phases));
        _phases = phases;
    }

    /// <summary>
    /// What has been described so far: "Refinement of layered, rocksalt against sxrd, cwn (mole fractions); refine 10
    /// named parameters and 1 predicate, hold 0; 2 constraints, 1 bound; at most 50 cycles".
    /// </summary>
    public override string ToString()
    {
        string against = _patterns.Count == 0 ? "no pattern yet" : string.Join(", ", _patterns.Select(p => p.Name));
        string amounts = _fractions.Count > 0 ? " (mole fractions)" : "";
        int constraints = _constraintTexts.Count + _constraints.Count;
        return FormattableString.Invariant(
            $"Refinement of {string.Join(", ", _phases.Select(p => p.Name))} against {against}{amounts}; refine {_refined.Count} named parameter(s) and {_refinedWhere.Count} predicate(s), hold {_held.Count}; {constraints} constraint(s), {_bounds.Count} bound(s); at most {_options.MaximumCycles} cycles");
    }

    /// <summary>Adds a pattern to fit (several make a joint fit).</summary>
    /// <param name="pattern">The pattern.</param>
    public RefinementBuilder Against(RefinementPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _patterns.Add(pattern);
        return this;
    }

    /// <summary>Starting phase scales s_φ (1 when not given).</summary>
    /// <param name="scales">(phase, scale) pairs.</param>
    public RefinementBuilder WithScales(params IEnumerable<(string Phase, double Scale)> scales)
    {
        foreach (var (phase, scale) in scales) _scales[phase] = scale;
        return this;
    }

    /// <summary>
    /// Starting mole fractions f_φ of each phase's stated formula unit: those phases scale as s·f/(Z·V), so the
    /// fractions are parameters (<c>phase/fraction</c>) that can be refined, held or scanned.
    /// </summary>
    /// <param name="fractions">(phase, fraction) pairs.</param>
    public RefinementBuilder WithFractions(params IEnumerable<(string Phase, double Fraction)> fractions)
    {
        foreach (var (phase, fraction) in fractions) _fractions[phase] = fraction;
        return this;
    }

    /// <summary>Refines these parameters (text ids such as <c>layered/cell/a</c>, <c>hist:sxrd/bkg[0]</c>).</summary>
    /// <param name="parameters">The ids.</param>
    /// <exception cref="FormatException">A text that is not a parameter id.</exception>
    public RefinementBuilder Refine(params IEnumerable<string> parameters) => Refine(parameters.Select(ParameterId.Parse));

    /// <summary>Refines these parameters.</summary>
    /// <param name="parameters">The ids.</param>
    public RefinementBuilder Refine(params IEnumerable<ParameterId> parameters)
    {
        _refined.AddRange(parameters);
        return this;
    }

    /// <summary>Refines every parameter of the catalog that the predicate accepts (e.g. every Uiso, every background term).</summary>
    /// <param name="predicate">Which ids to refine.</param>
    public RefinementBuilder RefineWhere(Func<ParameterId, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _refinedWhere.Add(predicate);
        return this;
    }

    /// <summary>Holds refined parameters at their values (they stay listed, with no shift).</summary>
    /// <param name="parameters">The text ids.</param>
    public RefinementBuilder Hold(params IEnumerable<string> parameters)
    {
        _held.AddRange(parameters.Select(ParameterId.Parse));
        return this;
    }

    /// <summary>Adds a linear constraint in text (<c>layered/fraction + rocksalt/fraction = 1</c>; Δ forms such as
    /// <c>7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0</c> are changes from the starting values).</summary>
    /// <param name="constraint">The text.</param>
    public RefinementBuilder Constrain(string constraint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(constraint);
        _constraintTexts.Add(constraint);
        return this;
    }

    /// <summary>Adds linear constraints (from the chemistry helpers of the Constraints layer, say).</summary>
    /// <param name="constraints">The constraints.</param>
    public RefinementBuilder Constrain(params IEnumerable<LinearConstraint> constraints)
    {
        _constraints.AddRange(constraints);
        return this;
    }

    /// <summary>Bounds a parameter.</summary>
    /// <param name="parameter">The text id.</param>
    /// <param name="lower">Lowest value.</param>
    /// <param name="upper">Highest value.</param>
    public RefinementBuilder Bound(string parameter, double lower, double upper)
    {
        _bounds[ParameterId.Parse(parameter)] = new ParameterBounds(lower, upper);
        return this;
    }

    /// <summary>Bounds every refined parameter by its meaning (<see cref="ParameterBounds.Natural"/>: Uiso, U11–U33, scales and lengths ≥ 0 as well).</summary>
    public RefinementBuilder BoundNaturally()
    {
        _naturalBounds = true;
        return this;
    }

    /// <summary>Leaves occupancies and mole fractions unbounded (by default they stay in [0, 1]).</summary>
    public RefinementBuilder WithoutDefaultBounds()
    {
        _defaultBounds = false;
        return this;
    }

    /// <summary>Starts every parameter of <paramref name="previous"/> from its refined value (the next stage of a staged refinement).</summary>
    /// <param name="previous">An earlier result over the same phases and patterns.</param>
    public RefinementBuilder StartingFrom(RefinementResult previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        foreach (var (id, value) in previous.Values) _starting[id] = value.Value;
        return this;
    }

    /// <summary>Starts one parameter from a value (a point of a scan, say).</summary>
    /// <param name="parameter">The text id.</param>
    /// <param name="value">The value.</param>
    public RefinementBuilder StartingAt(string parameter, double value)
    {
        _starting[ParameterId.Parse(parameter)] = value;
        return this;
    }

    /// <summary>The cycle limit (10 unless set).</summary>
    /// <param name="cycles">At least 1.</param>
    public RefinementBuilder WithMaximumCycles(int cycles)
    {
        // A zero-cycle "refinement" (GSAS-II's way of computing R factors at the start) is BuildProblem().Agreement(...).
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        _options = _options with { MaximumCycles = cycles };
        return this;
    }

    /// <summary>The minimiser's settings (convergence tolerances, damping).</summary>
    /// <param name="options">The settings.</param>
    public RefinementBuilder WithOptions(LevenbergMarquardtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>How peaks are evaluated: windows, the kernel's vector width, the TOF Lorentzian convention (the simulator's options; <c>UseProfileKernel</c> is not used: symmetric peaks always go through the kernel).</summary>
    /// <param name="options">The settings.</param>
    public RefinementBuilder WithProblemOptions(PatternSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _problemOptions = options;
        return this;
    }

    /// <summary>The catalog of every parameter this refinement knows, with its starting value (for listing and wildcards).</summary>
    public ParameterCatalog Catalog() => RefinementProblem.CreateCatalog(_phases, _patterns, _scales, _fractions);

    /// <summary>Builds the least-squares problem (for callers that drive <see cref="LevenbergMarquardt"/> themselves).</summary>
    /// <exception cref="InvalidOperationException">No pattern was added.</exception>
    public RefinementProblem BuildProblem() => BuildProblem(_patterns);

    // The problem against the given patterns (the builder's own, or one step of a sequential refinement); reads the
    // builder, never changes it, so that a step can be built on another thread.
    private RefinementProblem BuildProblem(IReadOnlyList<RefinementPattern> patterns)
    {
        if (patterns.Count == 0) throw new InvalidOperationException("Add at least one pattern with Against(...).");
        var catalog = RefinementProblem.CreateCatalog(_phases, patterns, _scales, _fractions);
        var builder = ConstraintSet.CreateBuilder();
        var refined = _refined.Concat(catalog.Parameters.Where(id => _refinedWhere.Any(p => p(id)))).Distinct().ToList();
        builder.Refine(refined);
        if (_held.Count > 0) builder.Hold(_held);
        // Δ forms are changes from the starting values (the catalog's, or those given by StartingAt/StartingFrom).
        var current = catalog.Values.SetItems(_starting.Where(kv => catalog.Contains(kv.Key)));
        foreach (var text in _constraintTexts) builder.Add(LinearConstraint.Parse(text, current));
        builder.AddRange(_constraints);
        foreach (var (id, bounds) in _bounds) builder.Bound(id, bounds);
        if (_naturalBounds) builder.BoundNaturally();
        if (_defaultBounds)
            foreach (var id in refined.Where(id => id.Kind is ParameterKind.Occupancy or ParameterKind.PhaseFraction && !_bounds.ContainsKey(id)))
                builder.Bound(id, 0, 1);
        return new RefinementProblem(_phases, patterns, builder.Build(), _scales, _fractions, _problemOptions, _starting);
    }

    /// <summary>Runs the refinement.</summary>
    /// <param name="progress">Receives one report per cycle, synchronously, or null.</param>
    /// <param name="cancellationToken">Stops between cycles; the best state is returned with status Cancelled.</param>
    /// <returns>The result; the phases and patterns given are unchanged.</returns>
    public RefinementResult Run(IProgress<RefinementProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RefinementResult.Refine(BuildProblem(), _options, progress, cancellationToken);
}
