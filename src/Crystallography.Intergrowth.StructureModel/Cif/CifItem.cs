namespace Crystallography.Intergrowth.StructureModel;

/// <summary>A tag with one value outside any loop: <c>_cell_length_a 2.94194(7)</c>. Immutable.</summary>
public sealed class CifItem : CifNode, IEquatable<CifItem>
{
    /// <summary>Makes an item.</summary>
    /// <param name="tag">The tag, starting with an underscore; kept as written, compared without regard to case.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The tag is not a CIF tag.</exception>
    public CifItem(string tag, CifValue value)
        : this(tag, value, 0)
    {
    }

    internal CifItem(string tag, CifValue value, int line)
        : base(line)
    {
        CifTag.Check(tag, nameof(tag));
        ArgumentNullException.ThrowIfNull(value);
        Tag = tag;
        Value = value;
    }

    /// <summary>The tag as written.</summary>
    public string Tag { get; }

    /// <summary>The value.</summary>
    public CifValue Value { get; }

    /// <inheritdoc/>
    public bool Equals(CifItem? other) =>
        other is not null && CifTag.Comparer.Equals(Tag, other.Tag) && Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CifItem);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CifTag.Comparer.GetHashCode(Tag), Value);

    /// <inheritdoc/>
    public override string ToString() => $"{Tag} {Value}";
}

/// <summary>Rules for CIF tags (data names).</summary>
internal static class CifTag
{
    /// <summary>Tags, block codes and frame codes are compared without regard to case.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static void Check(string tag, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(tag, parameterName);
        if (tag.Length < 2 || tag[0] != '_' || tag.Any(CifValue.IsWhitespace))
            throw new ArgumentException($"'{tag}' is not a CIF tag: a tag starts with '_' and holds no whitespace.", parameterName);
    }

    public static void CheckName(string name, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0 || name.Any(CifValue.IsWhitespace))
            throw new ArgumentException($"'{name}' is not a CIF {what} name: it must be non-empty and hold no whitespace.", parameterName);
    }
}
