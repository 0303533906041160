using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// Writes the CIF document model as text: items with their tags aligned, loops with their columns
/// aligned, text fields on lines of their own. A value keeps its quoting when that quoting can hold
/// it in the document's version; otherwise (for example a CIF 1.1 'it's' written as CIF 2.0) the
/// simplest delimiter that can is used.
/// </summary>
internal static class CifWriter
{
    /// <summary>Widest column padding; longer values simply push the row on.</summary>
    private const int MaxColumnWidth = 40;

    /// <summary>CIF 1.1 allows lines of at most 2048 characters; loop rows are broken before that.</summary>
    private const int MaxLineLength = 2048;

    public static string Write(CifDocument document)
    {
        var sb = new StringBuilder();
        if (document.Version == CifVersion.Cif20)
        {
            sb.Append("#\\#CIF_2.0\n");
        }
        else
        {
            foreach (var block in document.Blocks) CheckCif11(block.Nodes, block.Name);
            sb.Append("#\\#CIF_1.1\n");
        }
        foreach (var block in document.Blocks)
        {
            sb.Append('\n').Append("data_").Append(block.Name).Append('\n');
            AppendNodes(sb, block.Nodes, document.Version);
        }
        return sb.ToString();
    }

    private static void CheckCif11(ImmutableArray<CifNode> nodes, string where)
    {
        foreach (var node in nodes)
        {
            bool needs2 = node switch
            {
                CifItem item => item.Value.RequiresCif2,
                CifLoop loop => loop.Values.Any(v => v.RequiresCif2),
                _ => false,
            };
            if (needs2)
                throw new InvalidOperationException($"Block {where} holds a list, table or triple-quoted value: write the document as CIF 2.0.");
            if (node is CifSaveFrame frame) CheckCif11(frame.Nodes, where);
        }
    }

    private static void AppendNodes(StringBuilder sb, ImmutableArray<CifNode> nodes, CifVersion version)
    {
        int tagWidth = 0;
        foreach (var item in nodes.OfType<CifItem>()) tagWidth = Math.Max(tagWidth, item.Tag.Length);
        tagWidth = Math.Min(tagWidth, MaxColumnWidth) + 1;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case CifItem item:
                    sb.Append(item.Tag);
                    if (WrittenQuoting(item.Value, version) == CifQuoting.TextField)
                    {
                        sb.Append('\n');
                    }
                    else
                    {
                        sb.Append(' ', Math.Max(1, tagWidth - item.Tag.Length));
                    }
                    AppendValue(sb, item.Value, version);
                    EndLine(sb);
                    break;
                case CifLoop loop:
                    AppendLoop(sb, loop, version);
                    break;
                case CifSaveFrame frame:
                    sb.Append('\n').Append("save_").Append(frame.Name).Append('\n');
                    AppendNodes(sb, frame.Nodes, version);
                    sb.Append("save_\n\n");
                    break;
            }
        }
    }

    private static void AppendLoop(StringBuilder sb, CifLoop loop, CifVersion version)
    {
        sb.Append("loop_\n");
        foreach (string tag in loop.Tags) sb.Append(tag).Append('\n');
        int columns = loop.Tags.Length;
        var texts = new string[loop.Values.Length];
        var widths = new int[columns];
        var scratch = new StringBuilder();
        for (int i = 0; i < texts.Length; i++)
        {
            scratch.Clear();
            AppendValue(scratch, loop.Values[i], version);
            texts[i] = scratch.ToString();
            if (!texts[i].Contains('\n'))
                widths[i % columns] = Math.Max(widths[i % columns], Math.Min(texts[i].Length, MaxColumnWidth));
        }
        for (int row = 0; row < loop.RowCount; row++)
        {
            int lineStart = sb.Length;
            for (int column = 0; column < columns; column++)
            {
                string text = texts[row * columns + column];
                bool multiLine = text.Contains('\n');
                bool atLineStart = sb.Length == lineStart;
                if (multiLine || (!atLineStart && sb.Length - lineStart + 1 + text.Length > MaxLineLength))
                {
                    // A text field must start a line; a row too long for one line continues on the next.
                    if (!atLineStart)
                    {
                        TrimTrailingSpaces(sb);
                        sb.Append('\n');
                    }
                    lineStart = sb.Length;
                    atLineStart = true;
                }
                if (!atLineStart) sb.Append(' ');
                sb.Append(text);
                if (multiLine)
                {
                    EndLine(sb);
                    lineStart = sb.Length;
                }
                else if (column < columns - 1 && text.Length < widths[column])
                {
                    sb.Append(' ', widths[column] - text.Length);
                }
            }
            TrimTrailingSpaces(sb);
            EndLine(sb);
        }
    }

    private static void TrimTrailingSpaces(StringBuilder sb)
    {
        int end = sb.Length;
        while (end > 0 && sb[end - 1] == ' ') end--;
        sb.Length = end;
    }

    private static void EndLine(StringBuilder sb)
    {
        if (sb.Length == 0 || sb[^1] != '\n') sb.Append('\n');
    }

    /// <summary>The quoting the value is written with in this version: its own when possible.</summary>
    public static CifQuoting WrittenQuoting(CifValue value, CifVersion version)
    {
        if (value.Kind != CifValueKind.Text || CifValue.CanHold(value.Quoting, value.Text, version)) return value.Quoting;
        ReadOnlySpan<CifQuoting> order =
            [CifQuoting.SingleQuote, CifQuoting.DoubleQuote, CifQuoting.TextField, CifQuoting.TripleDoubleQuote, CifQuoting.TripleSingleQuote];
        foreach (var q in order)
        {
            if (CifValue.CanHold(q, value.Text, version)) return q;
        }
        throw new InvalidOperationException($"The value '{value.Text}' cannot be written in CIF {(version == CifVersion.Cif20 ? "2.0" : "1.1")}.");
    }

    public static void AppendValue(StringBuilder sb, CifValue value, CifVersion version)
    {
        switch (value.Kind)
        {
            case CifValueKind.Unknown:
                sb.Append('?');
                return;
            case CifValueKind.Inapplicable:
                sb.Append('.');
                return;
            case CifValueKind.List:
                AppendList(sb, value.Items, version);
                return;
            case CifValueKind.Table:
                AppendTable(sb, value.Entries, version);
                return;
        }
        switch (WrittenQuoting(value, version))
        {
            case CifQuoting.None:
                sb.Append(value.Text);
                break;
            case CifQuoting.SingleQuote:
                sb.Append('\'').Append(value.Text).Append('\'');
                break;
            case CifQuoting.DoubleQuote:
                sb.Append('"').Append(value.Text).Append('"');
                break;
            case CifQuoting.TripleSingleQuote:
                sb.Append("'''").Append(value.Text).Append("'''");
                break;
            case CifQuoting.TripleDoubleQuote:
                sb.Append("\"\"\"").Append(value.Text).Append("\"\"\"");
                break;
            case CifQuoting.TextField:
                EndLine(sb);
                sb.Append(';').Append(value.Text).Append("\n;\n");
                break;
        }
    }

    public static void AppendList(StringBuilder sb, ImmutableArray<CifValue> items, CifVersion version)
    {
        sb.Append('[');
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0 && sb[^1] != '\n') sb.Append(' ');
            AppendValue(sb, items[i], version);
        }
        sb.Append(']');
    }

    public static void AppendTable(StringBuilder sb, ImmutableArray<KeyValuePair<string, CifValue>> entries, CifVersion version)
    {
        sb.Append('{');
        for (int i = 0; i < entries.Length; i++)
        {
            if (i > 0 && sb[^1] != '\n') sb.Append(' ');
            string key = entries[i].Key;
            ReadOnlySpan<CifQuoting> order =
                [CifQuoting.SingleQuote, CifQuoting.DoubleQuote, CifQuoting.TripleDoubleQuote, CifQuoting.TripleSingleQuote];
            CifQuoting? chosen = null;
            foreach (var q in order)
            {
                if (CifValue.CanHold(q, key, CifVersion.Cif20))
                {
                    chosen = q;
                    break;
                }
            }
            string delimiter = chosen switch
            {
                CifQuoting.SingleQuote => "'",
                CifQuoting.DoubleQuote => "\"",
                CifQuoting.TripleDoubleQuote => "\"\"\"",
                CifQuoting.TripleSingleQuote => "'''",
                _ => throw new InvalidOperationException($"The table key '{key}' cannot be written in CIF 2.0."),
            };
            sb.Append(delimiter).Append(key).Append(delimiter).Append(':');
            AppendValue(sb, entries[i].Value, version);
        }
        sb.Append('}');
    }
}
