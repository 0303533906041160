namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// A file a recipe names: the text as the recipe writes it (for messages, and to write the recipe
/// back) and the absolute path it resolves to against the recipe's folder. Immutable.
/// </summary>
/// <remarks>
/// Two paths are equal when they resolve to the same absolute path (compared ordinally), however
/// they were written: <c>data/x.xye</c> and <c>./data/x.xye</c> name one file.
/// </remarks>
public sealed class RecipePath : IEquatable<RecipePath>
{
    /// <summary>Resolves <paramref name="text"/> against <paramref name="baseDirectory"/>; an absolute <paramref name="text"/> stays as it is.</summary>
    /// <param name="text">The path as written, relative to <paramref name="baseDirectory"/> or absolute.</param>
    /// <param name="baseDirectory">The recipe's folder.</param>
    /// <exception cref="ArgumentException">An empty text or folder, or a path the system refuses.</exception>
    public RecipePath(string text, string baseDirectory)
    {
        Text = RecipeChecks.Text(text, "path", nameof(text));
        RecipeChecks.Text(baseDirectory, "baseDirectory", nameof(baseDirectory));
        FullPath = Path.GetFullPath(Path.Combine(Path.GetFullPath(baseDirectory), text));
    }

    /// <summary>The path as the recipe writes it, e.g. <c>data/11bm_LNRO.xye</c>.</summary>
    public string Text { get; }

    /// <summary>The absolute path.</summary>
    public string FullPath { get; }

    /// <inheritdoc/>
    public bool Equals(RecipePath? other) => other is not null && string.Equals(FullPath, other.FullPath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RecipePath);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(FullPath);

    /// <summary>The path as written.</summary>
    public override string ToString() => Text;
}
