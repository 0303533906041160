using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// What a refinement may change and how: the refined parameters, the linear constraints between
/// parameters, the holds (parameters fixed at their current values even when listed as refined)
/// and simple bounds. Immutable; build one with <see cref="CreateBuilder"/> and reduce it to
/// independent variables with <see cref="Reduce(IReadOnlyDictionary{ParameterId, double})"/>.
/// </summary>
/// <example>
/// <code>
/// var set = ConstraintSet.CreateBuilder()
///     .Refine(liLayered, liRocksalt, ParameterId.Cell("layered", CellParameter.A))
///     .Add("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6")
///     .Bound(liLayered, 0, 1)
///     .Build();
/// </code>
/// </example>
public sealed class ConstraintSet
{
    internal ConstraintSet(ImmutableArray<ParameterId> refined, ImmutableArray<LinearConstraint> constraints,
                           ImmutableArray<ParameterId> holds, ImmutableDictionary<ParameterId, ParameterBounds> bounds)
    {
        Refined = refined;
        Constraints = constraints;
        Holds = holds;
        Bounds = bounds;
    }

    /// <summary>No parameters, no constraints.</summary>
    public static ConstraintSet Empty { get; } = new([], [], [], ImmutableDictionary<ParameterId, ParameterBounds>.Empty);

    /// <summary>The parameters asked to be refined, in the order given (holds not yet removed).</summary>
    public ImmutableArray<ParameterId> Refined { get; }

    /// <summary>The linear constraints, in the order given.</summary>
    public ImmutableArray<LinearConstraint> Constraints { get; }

    /// <summary>Parameters held at their current values: never refined, even when listed in <see cref="Refined"/>.</summary>
    public ImmutableArray<ParameterId> Holds { get; }

    /// <summary>Bounds given per parameter; a parameter without an entry is unbounded.</summary>
    public ImmutableDictionary<ParameterId, ParameterBounds> Bounds { get; }

    /// <summary>The refined parameters less the holds: the parameters the reduced space varies.</summary>
    public ImmutableArray<ParameterId> Varied => [.. Refined.Where(p => !IsHeld(p))];

    /// <summary>True when the parameter is held.</summary>
    public bool IsHeld(ParameterId parameter) => Holds.Contains(parameter);

    /// <summary>The bounds of a parameter (<see cref="ParameterBounds.Unbounded"/> when none were given).</summary>
    public ParameterBounds BoundsOf(ParameterId parameter) =>
        Bounds.TryGetValue(parameter, out var b) ? b : ParameterBounds.Unbounded;

    /// <summary>Starts a mutable builder.</summary>
    public static ConstraintSetBuilder CreateBuilder() => new(Empty);

    /// <summary>A mutable builder holding this set, to add to it.</summary>
    public ConstraintSetBuilder ToBuilder() => new(this);

    /// <summary>Reduces the set to independent variables at the given current values (see <see cref="ReducedParameterSpace.Create(ConstraintSet, IReadOnlyDictionary{ParameterId, double})"/>).</summary>
    public ReducedParameterSpace Reduce(IReadOnlyDictionary<ParameterId, double> currentValues) =>
        ReducedParameterSpace.Create(this, currentValues);

    /// <summary>One line per refined parameter, constraint, hold and bound.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("refine ").AppendJoin(", ", Refined).AppendLine();
        foreach (var c in Constraints) sb.Append("constrain ").Append(c).AppendLine();
        foreach (var h in Holds) sb.Append("hold ").Append(h).AppendLine();
        foreach (var (p, b) in Bounds.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)) sb.Append("bound ").Append(p).Append(" in ").Append(b).AppendLine();
        return sb.ToString();
    }
}

/// <summary>
/// Mutable: collects refined parameters, constraints, holds and bounds for a
/// <see cref="ConstraintSet"/>. Each method returns the builder; <see cref="Build"/> returns an
/// immutable set and the builder may be reused.
/// </summary>
public sealed class ConstraintSetBuilder
{
    private readonly List<ParameterId> _refined;
    private readonly List<LinearConstraint> _constraints;
    private readonly List<ParameterId> _holds;
    private readonly Dictionary<ParameterId, ParameterBounds> _bounds;

    internal ConstraintSetBuilder(ConstraintSet set)
    {
        _refined = [.. set.Refined];
        _constraints = [.. set.Constraints];
        _holds = [.. set.Holds];
        _bounds = new Dictionary<ParameterId, ParameterBounds>(set.Bounds);
    }

    /// <summary>Adds parameters to refine (a parameter listed twice is refined once).</summary>
    public ConstraintSetBuilder Refine(params IEnumerable<ParameterId> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            if (!_refined.Contains(p)) _refined.Add(p);
        }
        return this;
    }

    /// <summary>Adds parameters to refine, written in their text form ("layered/O1/z").</summary>
    /// <exception cref="FormatException">A text is not a parameter.</exception>
    public ConstraintSetBuilder Refine(params IEnumerable<string> parameters) => Refine(parameters.Select(ParameterId.Parse));

    /// <summary>Adds a constraint.</summary>
    public ConstraintSetBuilder Add(LinearConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        _constraints.Add(constraint);
        return this;
    }

    /// <summary>Adds constraints.</summary>
    public ConstraintSetBuilder AddRange(IEnumerable<LinearConstraint> constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        foreach (var c in constraints) Add(c);
        return this;
    }

    /// <summary>Adds a constraint written as text (<see cref="LinearConstraint.Parse(string, string?)"/>).</summary>
    /// <exception cref="ConstraintFormatException">The text is malformed.</exception>
    public ConstraintSetBuilder Add(string constraint, string? description = null) => Add(LinearConstraint.Parse(constraint, description));

    /// <summary>Adds a constraint written as text, Δ terms relative to the current values (<see cref="LinearConstraint.Parse(string, IReadOnlyDictionary{ParameterId, double}, string?)"/>).</summary>
    /// <exception cref="ConstraintFormatException">The text is malformed or a Δ parameter has no current value.</exception>
    public ConstraintSetBuilder Add(string constraint, IReadOnlyDictionary<ParameterId, double> currentValues, string? description = null) =>
        Add(LinearConstraint.Parse(constraint, currentValues, description));

    /// <summary>Adds the equivalence p₂ = k·p₁.</summary>
    public ConstraintSetBuilder Equivalence(ParameterId p1, ParameterId p2, double k = 1) => Add(LinearConstraint.Equivalence(p1, p2, k));

    /// <summary>Holds parameters at their current values.</summary>
    public ConstraintSetBuilder Hold(params IEnumerable<ParameterId> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            if (!_holds.Contains(p)) _holds.Add(p);
        }
        return this;
    }

    /// <summary>Releases a hold.</summary>
    public ConstraintSetBuilder Release(ParameterId parameter)
    {
        _holds.Remove(parameter);
        return this;
    }

    /// <summary>Bounds a parameter (replacing earlier bounds).</summary>
    public ConstraintSetBuilder Bound(ParameterId parameter, ParameterBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        _bounds[parameter] = bounds;
        return this;
    }

    /// <summary>Bounds a parameter to [lower, upper].</summary>
    /// <exception cref="ArgumentOutOfRangeException">lower &gt; upper or a NaN.</exception>
    public ConstraintSetBuilder Bound(ParameterId parameter, double lower, double upper) => Bound(parameter, new ParameterBounds(lower, upper));

    /// <summary>Gives every refined parameter so far its <see cref="ParameterBounds.Natural"/> bounds, unless it has bounds already.</summary>
    public ConstraintSetBuilder BoundNaturally()
    {
        foreach (var p in _refined)
        {
            var b = ParameterBounds.Natural(p);
            if (!b.IsUnbounded) _bounds.TryAdd(p, b);
        }
        return this;
    }

    /// <summary>Removes every constraint that involves a parameter.</summary>
    public ConstraintSetBuilder RemoveConstraintsOn(ParameterId parameter)
    {
        _constraints.RemoveAll(c => c.CoefficientOf(parameter) != 0);
        return this;
    }

    /// <summary>The immutable set.</summary>
    public ConstraintSet Build() => new([.. _refined], [.. _constraints], [.. _holds], _bounds.ToImmutableDictionary());
}
