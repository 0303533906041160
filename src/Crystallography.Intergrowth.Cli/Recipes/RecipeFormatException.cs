namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// A recipe that cannot be read: not JSON, or a field missing, unknown, of the wrong kind or out of
/// range. The message names the recipe, the line and column, the object and the field, e.g.
/// <c>recipe.json line 12, column 16: pattern 'sxrd': 'range' must be two numbers [min, max], not [5].</c>
/// </summary>
public sealed class RecipeFormatException : FormatException
{
    /// <summary>Creates the exception for a place in a recipe.</summary>
    /// <param name="recipeName">The recipe file as given, or "recipe" for text without a file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column, in characters.</param>
    /// <param name="field">The JSON path of the offending field (<c>$.patterns[0].range</c>), or null for a JSON syntax error.</param>
    /// <param name="reason">What is wrong, starting with the object it concerns ("pattern 'sxrd': …").</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public RecipeFormatException(string recipeName, int line, int column, string? field, string reason, Exception? innerException = null)
        : base($"{recipeName} line {line}, column {column}: {reason}", innerException)
    {
        ArgumentNullException.ThrowIfNull(recipeName);
        ArgumentNullException.ThrowIfNull(reason);
        RecipeName = recipeName;
        Line = line;
        Column = column;
        Field = field;
        Reason = reason;
    }

    /// <summary>The recipe file as given, or "recipe".</summary>
    public string RecipeName { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, in characters.</summary>
    public int Column { get; }

    /// <summary>The JSON path of the offending field, e.g. <c>$.patterns[0].range</c>; null for a syntax error.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the recipe name and position.</summary>
    public string Reason { get; }
}
