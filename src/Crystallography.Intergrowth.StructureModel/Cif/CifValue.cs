using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>What a CIF value is: the two special values, a character string, or a CIF 2.0 list or table.</summary>
public enum CifValueKind
{
    /// <summary>The bare question mark: the value is unknown (CIF "?").</summary>
    Unknown,

    /// <summary>The bare full stop: the item does not apply here (CIF ".").</summary>
    Inapplicable,

    /// <summary>A character string (which may be read as a number).</summary>
    Text,

    /// <summary>A CIF 2.0 list, <c>[v1 v2 …]</c>.</summary>
    List,

    /// <summary>A CIF 2.0 table, <c>{'key':value …}</c>.</summary>
    Table,
}

/// <summary>How a CIF value is delimited in the file.</summary>
public enum CifQuoting
{
    /// <summary>Not delimited: a whitespace-delimited ("bare") string, or the list / table brackets.</summary>
    None,

    /// <summary>Apostrophes: <c>'text'</c>.</summary>
    SingleQuote,

    /// <summary>Double quotes: <c>"text"</c>.</summary>
    DoubleQuote,

    /// <summary>A semicolon text field: a line starting with <c>;</c> up to the next line starting with <c>;</c>.</summary>
    TextField,

    /// <summary>CIF 2.0 triple apostrophes: <c>'''text'''</c>, may span lines.</summary>
    TripleSingleQuote,

    /// <summary>CIF 2.0 triple double quotes: <c>"""text"""</c>, may span lines.</summary>
    TripleDoubleQuote,
}

/// <summary>
/// One CIF value, immutable: its text without delimiters, how it was delimited, and for CIF 2.0 its
/// list items or table entries. A bare <c>?</c> is <see cref="CifValueKind.Unknown"/> and a bare
/// <c>.</c> is <see cref="CifValueKind.Inapplicable"/>; quoted, they are ordinary text.
/// </summary>
/// <remarks>
/// Every value can be written back with its own quoting: the factories refuse a quoting that cannot
/// hold the text (an apostrophe-quoted string with a line break, a text field with a line starting
/// with a semicolon). Equality compares kind, text, quoting and children; <see cref="Line"/> is where
/// the value was read and takes no part in equality. Line breaks inside values are stored as "\n".
/// </remarks>
public sealed class CifValue : IEquatable<CifValue>
{
    private CifValue(CifValueKind kind, string text, CifQuoting quoting, ImmutableArray<CifValue> items,
        ImmutableArray<KeyValuePair<string, CifValue>> entries, int line)
    {
        Kind = kind;
        Text = text;
        Quoting = quoting;
        Items = items;
        Entries = entries;
        Line = line;
    }

    /// <summary>The unknown value, a bare <c>?</c>.</summary>
    public static CifValue Unknown { get; } = new(CifValueKind.Unknown, "?", CifQuoting.None, [], [], 0);

    /// <summary>The inapplicable value, a bare <c>.</c>.</summary>
    public static CifValue Inapplicable { get; } = new(CifValueKind.Inapplicable, ".", CifQuoting.None, [], [], 0);

    /// <summary>What the value is.</summary>
    public CifValueKind Kind { get; }

    /// <summary>
    /// The text without its delimiters ("?" and "." for the special values; for lists and tables
    /// the CIF 2.0 notation of the whole value).
    /// </summary>
    public string Text { get; }

    /// <summary>How the value is delimited.</summary>
    public CifQuoting Quoting { get; }

    /// <summary>The items of a list (empty for other kinds).</summary>
    public ImmutableArray<CifValue> Items { get; }

    /// <summary>The entries of a table in file order (empty for other kinds).</summary>
    public ImmutableArray<KeyValuePair<string, CifValue>> Entries { get; }

    /// <summary>The line the value starts on in the file it was read from, 0 when made in code.</summary>
    public int Line { get; }

    /// <summary>True for <c>?</c>.</summary>
    public bool IsUnknown => Kind == CifValueKind.Unknown;

    /// <summary>True for <c>.</c>.</summary>
    public bool IsInapplicable => Kind == CifValueKind.Inapplicable;

    /// <summary>True for <c>?</c> or <c>.</c>: the value says nothing.</summary>
    public bool IsMissing => Kind is CifValueKind.Unknown or CifValueKind.Inapplicable;

    /// <summary>True when the value needs CIF 2.0 (a list, a table or triple quotes).</summary>
    public bool RequiresCif2 =>
        Kind is CifValueKind.List or CifValueKind.Table
        || Quoting is CifQuoting.TripleSingleQuote or CifQuoting.TripleDoubleQuote;

    /// <summary>A text value with the simplest quoting that holds it (bare when possible).</summary>
    /// <param name="text">The text; line breaks are normalized to "\n".</param>
    /// <exception cref="ArgumentException">No CIF delimiter can hold the text.</exception>
    public static CifValue FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = NormalizeLineBreaks(text);
        return new(CifValueKind.Text, normalized, ChooseQuoting(normalized), [], [], 0);
    }

    /// <summary>A text value with the given quoting.</summary>
    /// <param name="text">The text; line breaks are normalized to "\n".</param>
    /// <param name="quoting">The delimiters; <see cref="CifQuoting.None"/> for a bare string.</param>
    /// <exception cref="ArgumentException">The quoting cannot hold the text (for example a bare string with a space).</exception>
    public static CifValue FromText(string text, CifQuoting quoting)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = NormalizeLineBreaks(text);
        if (!CanHold(quoting, normalized, CifVersion.Cif11) && !CanHold(quoting, normalized, CifVersion.Cif20))
            throw new ArgumentException($"The text '{Shorten(normalized)}' cannot be written with {quoting} delimiters.", nameof(text));
        return new(CifValueKind.Text, normalized, quoting, [], [], 0);
    }

    /// <summary>
    /// A number written bare: exact values with the fewest digits that read back to the same double,
    /// values with a standard uncertainty in parenthesis notation (<see cref="MeasuredValue.ToString()"/>,
    /// which rounds the value to the uncertainty's last digit).
    /// </summary>
    /// <exception cref="ArgumentException">The value is not finite.</exception>
    public static CifValue FromNumber(MeasuredValue value)
    {
        if (!double.IsFinite(value.Value))
            throw new ArgumentException($"A CIF number must be finite, not {value.Value}.", nameof(value));
        string text = value.HasUncertainty
            ? value.ToString()
            : value.Value.ToString("R", CultureInfo.InvariantCulture);
        return new(CifValueKind.Text, text, CifQuoting.None, [], [], 0);
    }

    /// <summary>A CIF 2.0 list.</summary>
    public static CifValue FromList(IEnumerable<CifValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToImmutableArray();
        return new(CifValueKind.List, ListText(array), CifQuoting.None, array, [], 0);
    }

    /// <summary>A CIF 2.0 table; keys are kept in the given order and must be distinct.</summary>
    /// <exception cref="ArgumentException">A key appears twice.</exception>
    public static CifValue FromTable(IEnumerable<KeyValuePair<string, CifValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var array = entries.Select(e => new KeyValuePair<string, CifValue>(NormalizeLineBreaks(e.Key), e.Value)).ToImmutableArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in array)
        {
            if (!seen.Add(entry.Key))
                throw new ArgumentException($"The table key '{entry.Key}' appears twice.", nameof(entries));
        }
        return new(CifValueKind.Table, TableText(array), CifQuoting.None, [], array, 0);
    }

    internal static CifValue Read(CifValueKind kind, string text, CifQuoting quoting, int line) =>
        kind switch
        {
            CifValueKind.Unknown => line == 0 ? Unknown : new(kind, "?", CifQuoting.None, [], [], line),
            CifValueKind.Inapplicable => line == 0 ? Inapplicable : new(kind, ".", CifQuoting.None, [], [], line),
            _ => new(kind, text, quoting, [], [], line),
        };

    internal static CifValue ReadList(ImmutableArray<CifValue> items, int line) =>
        new(CifValueKind.List, ListText(items), CifQuoting.None, items, [], line);

    internal static CifValue ReadTable(ImmutableArray<KeyValuePair<string, CifValue>> entries, int line) =>
        new(CifValueKind.Table, TableText(entries), CifQuoting.None, [], entries, line);

    /// <summary>
    /// Reads the value as a number with an optional standard uncertainty, "2.94194(7)" or "0.25";
    /// false for <c>?</c>, <c>.</c>, lists, tables and text that is not a number.
    /// </summary>
    public bool TryGetNumber(out MeasuredValue value)
    {
        value = default;
        return Kind == CifValueKind.Text && MeasuredValue.TryParse(Text, out value);
    }

    /// <summary>The value as a number, or null when it is not one (see <see cref="TryGetNumber"/>).</summary>
    public MeasuredValue? AsNumber() => TryGetNumber(out var value) ? value : null;

    /// <summary>The text, or null for <c>?</c> and <c>.</c>.</summary>
    public string? AsText() => IsMissing ? null : Text;

    /// <summary>The value as it is written in a CIF file of the given version, delimiters included.</summary>
    public string ToCif(CifVersion version = CifVersion.Cif11)
    {
        var sb = new StringBuilder();
        CifWriter.AppendValue(sb, this, version);
        return sb.ToString();
    }

    /// <summary>The value as it is written in a CIF 1.1 file (CIF 2.0 for lists, tables and triple quotes).</summary>
    public override string ToString() => ToCif(RequiresCif2 ? CifVersion.Cif20 : CifVersion.Cif11);

    /// <inheritdoc/>
    public bool Equals(CifValue? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Kind != other.Kind || Quoting != other.Quoting) return false;
        switch (Kind)
        {
            case CifValueKind.List:
                if (Items.Length != other.Items.Length) return false;
                for (int i = 0; i < Items.Length; i++)
                {
                    if (!Items[i].Equals(other.Items[i])) return false;
                }
                return true;
            case CifValueKind.Table:
                if (Entries.Length != other.Entries.Length) return false;
                for (int i = 0; i < Entries.Length; i++)
                {
                    if (Entries[i].Key != other.Entries[i].Key || !Entries[i].Value.Equals(other.Entries[i].Value)) return false;
                }
                return true;
            default:
                return string.Equals(Text, other.Text, StringComparison.Ordinal);
        }
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CifValue);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Quoting, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>True when the text can be written with the quoting in a file of the given version.</summary>
    internal static bool CanHold(CifQuoting quoting, string text, CifVersion version)
    {
        switch (quoting)
        {
            case CifQuoting.None:
                return IsBareWord(text, version);
            case CifQuoting.SingleQuote:
            case CifQuoting.DoubleQuote:
            {
                char q = quoting == CifQuoting.SingleQuote ? '\'' : '"';
                if (text.Contains('\n')) return false;
                if (version == CifVersion.Cif20) return !text.Contains(q);
                // CIF 1.1: a quote closes the string only when whitespace follows it, so embedded
                // quotes are allowed unless followed by whitespace or at the very end.
                for (int i = 0; i < text.Length; i++)
                {
                    if (text[i] == q && (i + 1 == text.Length || IsWhitespace(text[i + 1]))) return false;
                }
                return true;
            }
            case CifQuoting.TextField:
                return !text.Contains("\n;", StringComparison.Ordinal);
            case CifQuoting.TripleSingleQuote:
                return version == CifVersion.Cif20 && !text.Contains("'''", StringComparison.Ordinal) && !text.EndsWith('\'');
            case CifQuoting.TripleDoubleQuote:
                return version == CifVersion.Cif20 && !text.Contains("\"\"\"", StringComparison.Ordinal) && !text.EndsWith('"');
            default:
                return false;
        }
    }

    /// <summary>The first quoting in order of simplicity that holds the text in both CIF versions, else in CIF 2.0.</summary>
    internal static CifQuoting ChooseQuoting(string text)
    {
        ReadOnlySpan<CifQuoting> order = [CifQuoting.None, CifQuoting.SingleQuote, CifQuoting.DoubleQuote, CifQuoting.TextField];
        foreach (var q in order)
        {
            if (CanHold(q, text, CifVersion.Cif11) && CanHold(q, text, CifVersion.Cif20)) return q;
        }
        if (CanHold(CifQuoting.TripleDoubleQuote, text, CifVersion.Cif20)) return CifQuoting.TripleDoubleQuote;
        if (CanHold(CifQuoting.TripleSingleQuote, text, CifVersion.Cif20)) return CifQuoting.TripleSingleQuote;
        throw new ArgumentException($"The text '{Shorten(text)}' cannot be written in CIF with any delimiter.", nameof(text));
    }

    private static bool IsBareWord(string text, CifVersion version)
    {
        if (text.Length == 0 || text == "?" || text == ".") return false;
        char first = text[0];
        if (first is '_' or '#' or '$' or '\'' or '"' or ';' or '[' or ']' or '{' or '}') return false;
        foreach (char c in text)
        {
            if (IsWhitespace(c)) return false;
            if (version == CifVersion.Cif20 && c is '[' or ']' or '{' or '}') return false;
        }
        return !IsReservedWord(text);
    }

    internal static bool IsReservedWord(string text) =>
        text.StartsWith("data_", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("save_", StringComparison.OrdinalIgnoreCase)
        || text.Equals("loop_", StringComparison.OrdinalIgnoreCase)
        || text.Equals("global_", StringComparison.OrdinalIgnoreCase)
        || text.Equals("stop_", StringComparison.OrdinalIgnoreCase);

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static string NormalizeLineBreaks(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string ListText(ImmutableArray<CifValue> items)
    {
        var sb = new StringBuilder();
        CifWriter.AppendList(sb, items, CifVersion.Cif20);
        return sb.ToString();
    }

    private static string TableText(ImmutableArray<KeyValuePair<string, CifValue>> entries)
    {
        var sb = new StringBuilder();
        CifWriter.AppendTable(sb, entries, CifVersion.Cif20);
        return sb.ToString();
    }
}
