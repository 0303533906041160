using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Constraints;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// The checks the recipe types make when they are built, in code or by <see cref="RefinementRecipe.Parse"/>.
/// Each message names the recipe field as the JSON spells it ('weight', 'bank'), so that the parser can
/// put it after the line and the object ("recipe.json line 30, column 17: pattern 'tof': 'weight' must
/// be positive, not -1") without rewording it.
/// </summary>
internal static class RecipeChecks
{
    /// <summary>A number as the messages quote it: invariant culture, shortest round-trip form.</summary>
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Why a name cannot stand in parameter ids (layered/cell/a, hist:sxrd/zero), or null when it can.
    /// The rule is <see cref="ParameterId"/>'s, asked of it rather than restated here so that the two
    /// cannot drift apart; the "hist:" prefix is added because ParameterId would read such a phase
    /// as a histogram.
    /// </summary>
    public static string? NameProblem(string name, string field)
    {
        if (name.StartsWith("hist:", StringComparison.Ordinal))
            return $"'{field}' cannot start with 'hist:' (parameter ids add it to histogram names themselves), not '{name}'";
        try
        {
            _ = ParameterId.PhaseScale(name);
            return null;
        }
        catch (ArgumentException)
        {
            return $"'{field}' must be a name that can stand in parameter ids: no whitespace, '/', '[', ']', '+', '-', '*' or '=' " +
                   $"(write 'layered_S1' for 'layered-S1'), not '{name}'";
        }
    }

    /// <summary>The name, or an <see cref="ArgumentException"/> naming the field when it cannot stand in parameter ids.</summary>
    public static string Name(string? name, string field, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        string? problem = NameProblem(name, field);
        return problem is null ? name : throw new ArgumentException(problem + ".", parameter);
    }

    /// <summary>A text that is not empty or blank.</summary>
    public static string Text(string? text, string field, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text, parameter);
        return string.IsNullOrWhiteSpace(text) ? throw new ArgumentException($"'{field}' must not be empty.", parameter) : text;
    }

    /// <summary>A finite number.</summary>
    public static double Finite(double value, string field, string parameter) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"'{field}' must be a finite number, not {Show(value)}.", parameter);

    /// <summary>A finite number above zero.</summary>
    public static double Positive(double value, string field, string parameter) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentException($"'{field}' must be a positive number, not {Show(value)}.", parameter);

    /// <summary>A positive number or nothing.</summary>
    public static double? Positive(double? value, string field, string parameter) =>
        value is { } v ? Positive(v, field, parameter) : null;

    /// <summary>A whole number at least <paramref name="minimum"/>.</summary>
    public static int AtLeast(int value, int minimum, string field, string parameter) =>
        value >= minimum ? value : throw new ArgumentException($"'{field}' must be {minimum} or more, not {value}.", parameter);

    /// <summary>An array that is not default (a default array is read as empty).</summary>
    public static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> values) => values.IsDefault ? [] : values;

    /// <summary>
    /// A list of parameter-id patterns (refine, hold): each well formed (<see cref="RecipeParameterPattern.IsValid"/>),
    /// none twice.
    /// </summary>
    public static ImmutableArray<string> Patterns(ImmutableArray<string> patterns, string field, string parameter)
    {
        patterns = OrEmpty(patterns);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? pattern in patterns)
        {
            if (pattern is null) throw new ArgumentException($"'{field}' holds a null entry.", parameter);
            if (!RecipeParameterPattern.IsValid(pattern, out string? problem))
                throw new ArgumentException($"'{field}': {problem}", parameter);
            if (!seen.Add(pattern)) throw new ArgumentException($"'{field}' lists '{pattern}' twice.", parameter);
        }
        return patterns;
    }

    /// <summary>Sequence equality of two arrays, element by element with the default comparer.</summary>
    public static bool SameItems<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        OrEmpty(a).AsSpan().SequenceEqual(OrEmpty(b).AsSpan(), EqualityComparer<T>.Default);

    /// <summary>A hash of an array's items, consistent with <see cref="SameItems{T}"/>.</summary>
    public static int HashItems<T>(ImmutableArray<T> items)
    {
        var hash = new HashCode();
        foreach (var item in OrEmpty(items)) hash.Add(item);
        return hash.ToHashCode();
    }
}
