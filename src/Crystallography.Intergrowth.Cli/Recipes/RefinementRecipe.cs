using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// What <c>intergrowth refine RECIPE</c> runs (immutable description): the phases, the patterns,
/// what to refine and hold (at once or in cumulative stages), the constraints and bounds, the
/// number of cycles and the files to write. Read from JSON with <see cref="Load"/> or
/// <see cref="Parse"/>, written back with <see cref="ToJson"/>; docs/recipes.md gives the format.
/// </summary>
/// <remarks>
/// Paths in a recipe are relative to the recipe file's folder (<see cref="BaseDirectory"/>) and are
/// resolved when the recipe is read; files are not opened until the refinement runs. Parameter ids,
/// patterns and constraints stay text here: they are matched against the engine's parameters, and
/// constraints parsed by the Constraints layer, when the refinement is set up. Building a recipe in
/// code checks every value as <see cref="Parse"/> does; <see cref="Parse"/> also checks that every
/// phase or histogram a parameter pattern names is one of the recipe's.
/// </remarks>
public sealed record RefinementRecipe
{
    /// <summary>Least-squares cycles when a recipe states none.</summary>
    public const int DefaultCycles = 10;

    /// <summary>A recipe that refines nothing yet, with the default cycles and no output files.</summary>
    /// <param name="baseDirectory">The folder relative paths were resolved against (made absolute).</param>
    /// <param name="phases">The phases, at least one, names unique.</param>
    /// <param name="patterns">The patterns, at least one, names unique.</param>
    /// <exception cref="ArgumentException">No phase or pattern, or a name twice.</exception>
    public RefinementRecipe(string baseDirectory, IEnumerable<RecipePhase> phases, IEnumerable<RecipePattern> patterns)
    {
        RecipeChecks.Text(baseDirectory, "baseDirectory", nameof(baseDirectory));
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(patterns);
        BaseDirectory = Path.GetFullPath(baseDirectory);
        Phases = [.. phases];
        Patterns = [.. patterns];
    }

    /// <summary>The absolute folder the recipe's relative paths were resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>A title for reports, or null.</summary>
    public string? Title { get; init => field = value is null ? null : RecipeChecks.Text(value, "title", nameof(Title)); }

    /// <summary>The phases, in the order written.</summary>
    public ImmutableArray<RecipePhase> Phases
    {
        get;
        init => field = Named(value, p => p.Name, "phases", "phase", nameof(Phases));
    }

    /// <summary>The patterns (histograms), in the order written.</summary>
    public ImmutableArray<RecipePattern> Patterns
    {
        get;
        init => field = Named(value, p => p.Name, "patterns", "pattern", nameof(Patterns));
    }

    /// <summary>Parameter-id patterns refined from the start (in every stage) (<see cref="RecipeParameterPattern"/>).</summary>
    public ImmutableArray<string> Refine { get; init => field = RecipeChecks.Patterns(value, "refine", nameof(Refine)); } = [];

    /// <summary>Parameter-id patterns held throughout, even where a <see cref="Refine"/> pattern matches them.</summary>
    public ImmutableArray<string> Hold { get; init => field = RecipeChecks.Patterns(value, "hold", nameof(Hold)); } = [];

    /// <summary>Constraint texts for the Constraints layer, e.g. <c>layered/fraction + rocksalt/fraction = 1</c>.</summary>
    public ImmutableArray<string> Constraints
    {
        get;
        init
        {
            value = RecipeChecks.OrEmpty(value);
            foreach (string? text in value) RecipeChecks.Text(text, "constraints", nameof(Constraints));
            field = value;
        }
    } = [];

    /// <summary>Bounds on parameters, in the order written; where several match one parameter, the last written wins.</summary>
    public ImmutableArray<RecipeBound> Bounds
    {
        get;
        init
        {
            value = RecipeChecks.OrEmpty(value);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bound in value)
            {
                ArgumentNullException.ThrowIfNull(bound, nameof(Bounds));
                if (!seen.Add(bound.Pattern)) throw new ArgumentException($"'bounds' names '{bound.Pattern}' twice.", nameof(Bounds));
            }
            field = value;
        }
    } = [];

    /// <summary>The stages, or empty for a single stage of <see cref="Refine"/> and <see cref="Cycles"/>.</summary>
    public ImmutableArray<RecipeStage> Stages
    {
        get;
        init
        {
            value = RecipeChecks.OrEmpty(value);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stage in value)
            {
                ArgumentNullException.ThrowIfNull(stage, nameof(Stages));
                if (stage.Name is { } name && !names.Add(name)) throw new ArgumentException($"two stages are named '{name}'.", nameof(Stages));
            }
            field = value;
        }
    } = [];

    /// <summary>Least-squares cycles of a stage that states none (1 or more; <see cref="DefaultCycles"/> by default).</summary>
    public int Cycles { get; init => field = RecipeChecks.AtLeast(value, 1, "cycles", nameof(Cycles)); } = DefaultCycles;

    /// <summary>The files to write when the refinement ends.</summary>
    public RecipeOutput Output { get; init => field = value ?? throw new ArgumentNullException(nameof(Output)); } = RecipeOutput.None;

    /// <summary>Every input file the recipe names: CIF files, data files, instrument-parameter files, in order.</summary>
    public IEnumerable<RecipePath> InputFiles =>
        Phases.Select(p => p.Source).OfType<RecipeCifFile>().Select(c => c.Path)
            .Concat(Patterns.SelectMany(p => p.Instrument.File is { } f ? new[] { p.Data, f } : [p.Data]));

    /// <summary>
    /// The stages as they run, each with everything it refines and holds: stage k carries the
    /// top-level <see cref="Refine"/> and <see cref="Hold"/> and those of stages 1 … k (each pattern
    /// once, in the order first written), and its cycles (the recipe's when it states none). Without
    /// <see cref="Stages"/>, one stage of the top-level lists and <see cref="Cycles"/>.
    /// </summary>
    public ImmutableArray<RecipeStage> CumulativeStages()
    {
        if (Stages.IsEmpty) return [new RecipeStage { Refine = Refine, Hold = Hold, Cycles = Cycles }];
        var refine = new List<string>(Refine);
        var hold = new List<string>(Hold);
        var stages = ImmutableArray.CreateBuilder<RecipeStage>(Stages.Length);
        foreach (var stage in Stages)
        {
            refine.AddRange(stage.Refine.Where(p => !refine.Contains(p, StringComparer.Ordinal)));
            hold.AddRange(stage.Hold.Where(p => !hold.Contains(p, StringComparer.Ordinal)));
            stages.Add(new RecipeStage { Name = stage.Name, Refine = [.. refine], Hold = [.. hold], Cycles = stage.Cycles ?? Cycles });
        }
        return stages.MoveToImmutable();
    }

    /// <summary>Reads a recipe file; its relative paths are taken from the file's folder.</summary>
    /// <param name="path">The recipe file (JSON with comments and trailing commas allowed).</param>
    /// <exception cref="RecipeFormatException">The recipe is not JSON or breaks a rule; the message gives the file, line, column and field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RefinementRecipe Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] utf8 = File.ReadAllBytes(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return RecipeParser.Parse(utf8, folder, path);
    }

    /// <summary>Reads a recipe from JSON text.</summary>
    /// <param name="json">The recipe (JSON with comments and trailing commas allowed).</param>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <param name="recipeName">The name messages give the recipe; "recipe" by default.</param>
    /// <exception cref="RecipeFormatException">The recipe is not JSON or breaks a rule; the message gives the line, column and field.</exception>
    public static RefinementRecipe Parse(string json, string baseDirectory, string recipeName = "recipe")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipeName);
        return RecipeParser.Parse(Encoding.UTF8.GetBytes(json), baseDirectory, recipeName);
    }

    /// <summary>
    /// The recipe as indented JSON, in the format <see cref="Parse"/> reads: paths as written (absolute
    /// where the written text does not resolve against <see cref="BaseDirectory"/>), defaults left out,
    /// numbers in their shortest round-trip form, so that <c>Parse(r.ToJson(), r.BaseDirectory)</c> equals <c>r</c>.
    /// </summary>
    public string ToJson() => RecipeWriter.Write(this);

    /// <inheritdoc/>
    public bool Equals(RefinementRecipe? other) =>
        other is not null && BaseDirectory == other.BaseDirectory && Title == other.Title
        && RecipeChecks.SameItems(Phases, other.Phases) && RecipeChecks.SameItems(Patterns, other.Patterns)
        && RecipeChecks.SameItems(Refine, other.Refine) && RecipeChecks.SameItems(Hold, other.Hold)
        && RecipeChecks.SameItems(Constraints, other.Constraints) && RecipeChecks.SameItems(Bounds, other.Bounds)
        && RecipeChecks.SameItems(Stages, other.Stages) && Cycles == other.Cycles && Output.Equals(other.Output);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(BaseDirectory);
        hash.Add(Title);
        hash.Add(RecipeChecks.HashItems(Phases));
        hash.Add(RecipeChecks.HashItems(Patterns));
        hash.Add(RecipeChecks.HashItems(Refine));
        hash.Add(RecipeChecks.HashItems(Hold));
        hash.Add(RecipeChecks.HashItems(Constraints));
        hash.Add(RecipeChecks.HashItems(Bounds));
        hash.Add(RecipeChecks.HashItems(Stages));
        hash.Add(Cycles);
        hash.Add(Output);
        return hash.ToHashCode();
    }

    private static ImmutableArray<T> Named<T>(ImmutableArray<T> items, Func<T, string> name, string field, string what, string parameter)
    {
        items = RecipeChecks.OrEmpty(items);
        if (items.IsEmpty) throw new ArgumentException($"'{field}' must list at least one {what}.", parameter);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, parameter);
            if (!names.Add(name(item))) throw new ArgumentException($"two {field} are named '{name(item)}'.", parameter);
        }
        return items;
    }
}
