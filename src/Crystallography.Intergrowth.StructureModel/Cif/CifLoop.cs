using System.Collections.Immutable;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// A CIF loop: a list of tags and a table of values with one column per tag. Immutable; values are
/// stored row by row.
/// </summary>
public sealed class CifLoop : CifNode, IEquatable<CifLoop>
{
    private readonly Dictionary<string, int> _columnOf;

    /// <summary>Makes a loop from its tags and its rows.</summary>
    /// <param name="tags">The tags, distinct without regard to case.</param>
    /// <param name="rows">The rows, each with one value per tag; at least one.</param>
    /// <exception cref="ArgumentException">No tags, no rows, a repeated tag, or a row of the wrong length.</exception>
    public CifLoop(IEnumerable<string> tags, IEnumerable<IEnumerable<CifValue>> rows)
        : this((tags ?? throw new ArgumentNullException(nameof(tags))).ToImmutableArray(), Flatten(rows, out var rowLengths), 0, rowLengths)
    {
    }

    internal CifLoop(ImmutableArray<string> tags, ImmutableArray<CifValue> values, int line, IReadOnlyList<int>? rowLengths = null)
        : base(line)
    {
        if (tags.IsDefaultOrEmpty) throw new ArgumentException("A loop needs at least one tag.", nameof(tags));
        _columnOf = new Dictionary<string, int>(CifTag.Comparer);
        for (int i = 0; i < tags.Length; i++)
        {
            CifTag.Check(tags[i], nameof(tags));
            if (!_columnOf.TryAdd(tags[i], i))
                throw new ArgumentException($"The tag {tags[i]} appears twice in the loop.", nameof(tags));
        }
        if (rowLengths is not null)
        {
            for (int r = 0; r < rowLengths.Count; r++)
            {
                if (rowLengths[r] != tags.Length)
                    throw new ArgumentException($"Row {r} of the loop has {rowLengths[r]} values for {tags.Length} tags.", nameof(values));
            }
        }
        if (values.IsDefault || values.Length == 0)
            throw new ArgumentException("A loop needs at least one row: an empty loop cannot be written unambiguously in CIF.", nameof(values));
        if (values.Length % tags.Length != 0)
            throw new ArgumentException($"{values.Length} values do not fill whole rows of {tags.Length} tags.", nameof(values));
        Tags = tags;
        Values = values;
    }

    /// <summary>The tags as written, in column order.</summary>
    public ImmutableArray<string> Tags { get; }

    /// <summary>All values, row by row.</summary>
    public ImmutableArray<CifValue> Values { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Values.Length / Tags.Length;

    /// <summary>The value in a row and column.</summary>
    public CifValue this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Tags.Length);
            return Values[row * Tags.Length + column];
        }
    }

    /// <summary>The value in a row under a tag.</summary>
    /// <exception cref="KeyNotFoundException">The loop has no such tag.</exception>
    public CifValue this[int row, string tag] => this[row, ColumnOf(tag)];

    /// <summary>The column of a tag (case-insensitive), or -1.</summary>
    public int IndexOf(string tag) => _columnOf.TryGetValue(tag, out int column) ? column : -1;

    /// <summary>True when the loop has the tag (case-insensitive).</summary>
    public bool Contains(string tag) => _columnOf.ContainsKey(tag);

    /// <summary>The values under a tag, one per row.</summary>
    /// <exception cref="KeyNotFoundException">The loop has no such tag.</exception>
    public IReadOnlyList<CifValue> Column(string tag) => Column(ColumnOf(tag));

    /// <summary>The values of a column, one per row.</summary>
    public IReadOnlyList<CifValue> Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Tags.Length);
        var result = new CifValue[RowCount];
        for (int r = 0; r < result.Length; r++) result[r] = Values[r * Tags.Length + column];
        return result;
    }

    /// <summary>The values of one row, in column order.</summary>
    public ReadOnlySpan<CifValue> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return Values.AsSpan(row * Tags.Length, Tags.Length);
    }

    /// <inheritdoc/>
    public bool Equals(CifLoop? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Tags.Length != other.Tags.Length || Values.Length != other.Values.Length) return false;
        for (int i = 0; i < Tags.Length; i++)
        {
            if (!CifTag.Comparer.Equals(Tags[i], other.Tags[i])) return false;
        }
        for (int i = 0; i < Values.Length; i++)
        {
            if (!Values[i].Equals(other.Values[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CifLoop);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CifTag.Comparer.GetHashCode(Tags[0]), Tags.Length, Values.Length);

    /// <inheritdoc/>
    public override string ToString() => $"loop_ {string.Join(' ', Tags)} ({RowCount} rows)";

    private int ColumnOf(string tag) =>
        _columnOf.TryGetValue(tag, out int column) ? column : throw new KeyNotFoundException($"The loop has no tag {tag}.");

    private static ImmutableArray<CifValue> Flatten(IEnumerable<IEnumerable<CifValue>> rows, out List<int> rowLengths)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = ImmutableArray.CreateBuilder<CifValue>();
        rowLengths = [];
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            int before = values.Count;
            foreach (var value in row)
            {
                ArgumentNullException.ThrowIfNull(value, nameof(rows));
                values.Add(value);
            }
            rowLengths.Add(values.Count - before);
        }
        return values.ToImmutable();
    }
}
