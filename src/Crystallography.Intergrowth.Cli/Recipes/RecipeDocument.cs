using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>The kinds of JSON value.</summary>
internal enum RecipeNodeKind { Object, Array, String, Number, True, False, Null }

/// <summary>
/// A JSON value with the byte offset where it starts, so that a message about it can give its line
/// and column. <see cref="JsonDocument"/> keeps no positions, hence this small tree.
/// </summary>
internal sealed class RecipeNode(RecipeNodeKind kind, long offset)
{
    public RecipeNodeKind Kind { get; } = kind;

    public long Offset { get; } = offset;

    /// <summary>A string's value, or a number, true, false, null as written.</summary>
    public string Text { get; init; } = "";

    /// <summary>A number's value; NaN when it does not fit a finite double (1e400).</summary>
    public double Number { get; init; } = double.NaN;

    public List<RecipeProperty> Properties { get; } = [];

    public List<RecipeNode> Items { get; } = [];

    /// <summary>The value as a message quotes it: "sxrd" with quotes, 1.5 as written, or "an object", "an array".</summary>
    public string Describe() => Kind switch
    {
        RecipeNodeKind.Object => "an object",
        RecipeNodeKind.Array => "an array",
        RecipeNodeKind.String => JsonSerializer.Serialize(Text, QuoteOptions),
        _ => Text,
    };

    private static readonly JsonSerializerOptions QuoteOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>One member of a JSON object, with the offset of its name.</summary>
internal sealed record RecipeProperty(string Name, long Offset, RecipeNode Value);

/// <summary>
/// The text of a recipe read into <see cref="RecipeNode"/>s with comments and trailing commas
/// allowed, and the means to turn an offset into a line and column for messages.
/// </summary>
internal sealed partial class RecipeDocument
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly byte[] _utf8;

    private RecipeDocument(byte[] utf8, string name, RecipeNode root)
    {
        _utf8 = utf8;
        Name = name;
        Root = root;
    }

    /// <summary>The recipe's name in messages: the file as given, or "recipe".</summary>
    public string Name { get; }

    public RecipeNode Root { get; }

    /// <summary>Reads UTF-8 text (a byte-order mark is skipped).</summary>
    /// <exception cref="RecipeFormatException">The text is not JSON (with comments and trailing commas).</exception>
    public static RecipeDocument Read(byte[] utf8, string name)
    {
        if (utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        if (utf8.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            throw new RecipeFormatException(name, 1, 1, null, "the recipe is empty: it must be a JSON object { \"phases\": …, \"patterns\": … }.");
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            reader.Read();
            var root = ReadValue(ref reader);
            // The reader itself refuses a second value after the first ("… after a single JSON value").
            while (reader.Read())
            {
            }
            return new RecipeDocument(utf8, name, root);
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0);
            int column = ColumnOf(utf8, LineStart(utf8, line), e.BytePositionInLine ?? 0);
            string reason = PositionSuffix().Replace(e.Message, "");
            throw new RecipeFormatException(name, line + 1, column, null, $"not valid JSON: {reason}", e);
        }
    }

    /// <summary>The 1-based line and column (in characters) of a byte offset.</summary>
    public (int Line, int Column) PositionOf(long offset)
    {
        int end = (int)Math.Min(offset, _utf8.Length);
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < end; i++)
        {
            if (_utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line + 1, ColumnOf(_utf8, lineStart, end - lineStart));
    }

    /// <summary>Where a node or a property name starts, for messages.</summary>
    public RecipeFormatException Error(long offset, string field, string reason)
    {
        var (line, column) = PositionOf(offset);
        return new RecipeFormatException(Name, line, column, field, reason);
    }

    private static RecipeNode ReadValue(ref Utf8JsonReader reader)
    {
        long offset = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new RecipeNode(RecipeNodeKind.Object, offset);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    long nameOffset = reader.TokenStartIndex;
                    reader.Read();
                    node.Properties.Add(new RecipeProperty(name, nameOffset, ReadValue(ref reader)));
                }
                return node;
            }
            case JsonTokenType.StartArray:
            {
                var node = new RecipeNode(RecipeNodeKind.Array, offset);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    node.Items.Add(ReadValue(ref reader));
                return node;
            }
            case JsonTokenType.String:
                return new RecipeNode(RecipeNodeKind.String, offset) { Text = reader.GetString()! };
            case JsonTokenType.Number:
            {
                string text = Encoding.UTF8.GetString(reader.ValueSpan);
                bool read = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
                return new RecipeNode(RecipeNodeKind.Number, offset) { Text = text, Number = read && double.IsFinite(value) ? value : double.NaN };
            }
            case JsonTokenType.True:
                return new RecipeNode(RecipeNodeKind.True, offset) { Text = "true" };
            case JsonTokenType.False:
                return new RecipeNode(RecipeNodeKind.False, offset) { Text = "false" };
            case JsonTokenType.Null:
                return new RecipeNode(RecipeNodeKind.Null, offset) { Text = "null" };
            default:
                // The reader validates the structure, so nothing else can start a value here.
                throw new InvalidOperationException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static int LineStart(byte[] utf8, int line)
    {
        int start = 0;
        for (int i = 0; i < utf8.Length && line > 0; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line--;
                start = i + 1;
            }
        }
        return start;
    }

    /// <summary>The 1-based character column of the byte <paramref name="bytesIntoLine"/> bytes after a line's start.</summary>
    private static int ColumnOf(byte[] utf8, int lineStart, long bytesIntoLine)
    {
        int length = (int)Math.Clamp(bytesIntoLine, 0, utf8.Length - lineStart);
        return Encoding.UTF8.GetCharCount(utf8, lineStart, length) + 1;
    }

    // System.Text.Json ends its messages with " LineNumber: 3 | BytePositionInLine: 4."; ours say it first.
    [GeneratedRegex(@"\s*(Path: \S* \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex PositionSuffix();
}
