using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// One stage of a staged refinement: the parameter patterns it adds to those refined and held
/// before it, and its number of least-squares cycles. Immutable.
/// </summary>
/// <remarks>
/// Stages are cumulative, as crystallographers refine step by step: stage k refines the recipe's
/// top-level <c>refine</c> and the <c>refine</c> of stages 1 … k, except what the top-level
/// <c>hold</c> and the <c>hold</c> of stages 1 … k hold. <see cref="RefinementRecipe.CumulativeStages"/>
/// spells that out.
/// </remarks>
public sealed record RecipeStage
{
    /// <summary>A name for reports ("cells and zero shifts"), or null.</summary>
    public string? Name { get; init => field = value is null ? null : RecipeChecks.Text(value, "name", nameof(Name)); }

    /// <summary>Parameter-id patterns this stage adds to the refined ones (<see cref="RecipeParameterPattern"/>).</summary>
    public ImmutableArray<string> Refine { get; init => field = RecipeChecks.Patterns(value, "refine", nameof(Refine)); } = [];

    /// <summary>Parameter-id patterns this stage adds to the held ones.</summary>
    public ImmutableArray<string> Hold { get; init => field = RecipeChecks.Patterns(value, "hold", nameof(Hold)); } = [];

    /// <summary>The least-squares cycles of this stage (1 or more), or null for the recipe's <see cref="RefinementRecipe.Cycles"/>.</summary>
    public int? Cycles { get; init => field = value is { } c ? RecipeChecks.AtLeast(c, 1, "cycles", nameof(Cycles)) : null; }

    /// <inheritdoc/>
    public bool Equals(RecipeStage? other) =>
        other is not null && Name == other.Name && Cycles == other.Cycles
        && RecipeChecks.SameItems(Refine, other.Refine) && RecipeChecks.SameItems(Hold, other.Hold);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Cycles, RecipeChecks.HashItems(Refine), RecipeChecks.HashItems(Hold));
}

/// <summary>
/// Bounds on the parameters a pattern matches: lower ≤ p ≤ upper, one side possibly open
/// (−∞ or +∞). Immutable.
/// </summary>
public sealed record RecipeBound
{
    /// <summary>The bounds.</summary>
    /// <param name="pattern">A parameter-id pattern (<see cref="RecipeParameterPattern"/>).</param>
    /// <param name="lower">The lower bound, or −∞.</param>
    /// <param name="upper">The upper bound, or +∞; above <paramref name="lower"/>.</param>
    /// <exception cref="ArgumentException">A malformed pattern, bounds out of order, NaN, or both sides open.</exception>
    public RecipeBound(string pattern, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!RecipeParameterPattern.IsValid(pattern, out string? problem)) throw new ArgumentException($"'bounds': {problem}", nameof(pattern));
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower == double.PositiveInfinity || upper == double.NegativeInfinity || !(lower < upper))
            throw new ArgumentException(
                $"the bounds of '{pattern}' must be [lower, upper] with lower below upper (null for an open side), not [{RecipeChecks.Show(lower)}, {RecipeChecks.Show(upper)}].",
                nameof(upper));
        if (double.IsInfinity(lower) && double.IsInfinity(upper))
            throw new ArgumentException($"the bounds of '{pattern}' are open on both sides: give at least one number.", nameof(upper));
        Pattern = pattern;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The parameter-id pattern.</summary>
    public string Pattern { get; }

    /// <summary>The lower bound, or −∞.</summary>
    public double Lower { get; }

    /// <summary>The upper bound, or +∞.</summary>
    public double Upper { get; }
}

/// <summary>The files a refinement writes when it ends: a JSON report and a CIF of the refined phases. Immutable.</summary>
public sealed record RecipeOutput
{
    /// <summary>No output files: the result is only printed.</summary>
    public static RecipeOutput None { get; } = new();

    /// <summary>The JSON report, or null.</summary>
    public RecipePath? Json { get; init; }

    /// <summary>The CIF of the refined phases, or null.</summary>
    public RecipePath? Cif { get; init; }
}
