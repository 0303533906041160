using System.Collections.Immutable;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// A hand-written CIF 1.1 / 2.0 tokenizer and recursive-descent parser over the whole text: one
/// pass, index arithmetic, one string per token. Grammar: CIF 1.1 (Hall, Westrip and Madsen,
/// International Tables G, 2.2.7) and CIF 2.0 (Bernstein et al., J. Appl. Cryst. 49 (2016) 277).
/// </summary>
/// <remarks>
/// Deliberate leniencies, because real files need them: characters outside CIF 1.1's printable
/// ASCII are accepted; line length is not checked; block codes may repeat (lookup finds the first);
/// a tag run together with a following ? (FullProf's "_diffrn_measurement_device_type?") is read as
/// the tag with the value ?, and a tag with no value before another tag, loop_, save_ or data_ is
/// dropped (FullProf's pdCIF), each with an entry in <see cref="CifDocument.Warnings"/>. CIF 2.0's text-field prefix and line-folding protocols are not undone:
/// such text fields are kept as written.
/// </remarks>
internal sealed class CifParser
{
    private enum TokenKind
    {
        EndOfFile,
        DataHeader,
        SaveHeader,
        Loop,
        Global,
        Stop,
        Tag,
        Value,
        ListOpen,
        ListClose,
        TableOpen,
        TableClose,
        TableKey,
    }

    private readonly string _s;
    private readonly string? _fileName;
    private readonly CifVersion _version;
    private readonly List<string> _warnings = [];
    private int _pos;
    private int _line = 1;

    // One token of lookahead.
    private bool _hasToken;
    private TokenKind _kind;
    private string _text = "";
    private CifValue? _value;
    private int _tokenLine;

    public CifParser(string text, string? fileName)
    {
        _s = text;
        _fileName = fileName;
        if (_s.Length > 0 && _s[0] == '\uFEFF') _pos = 1;
        _version = _s.AsSpan(_pos).StartsWith("#\\#CIF_2.0", StringComparison.Ordinal) ? CifVersion.Cif20 : CifVersion.Cif11;
    }

    public CifDocument ParseDocument()
    {
        var blocks = new List<CifBlock>();
        while (true)
        {
            Peek();
            switch (_kind)
            {
                case TokenKind.EndOfFile:
                    return new CifDocument(blocks, _version, _fileName, _warnings);
                case TokenKind.DataHeader:
                    Consume();
                    blocks.Add(ParseBlock(_text, _tokenLine));
                    break;
                default:
                    throw Error(_tokenLine, $"expected a data block header (data_name) but found {Describe()}.");
            }
        }
    }

    private CifBlock ParseBlock(string name, int line)
    {
        if (name.Length == 0) throw Error(line, "expected a block name after data_.");
        var nodes = ParseNodes(name, inSaveFrame: false);
        return new CifBlock(name, nodes, line);
    }

    private ImmutableArray<CifNode> ParseNodes(string containerName, bool inSaveFrame)
    {
        var nodes = ImmutableArray.CreateBuilder<CifNode>();
        var tagLines = new Dictionary<string, int>(CifTag.Comparer);
        var frameLines = new Dictionary<string, int>(CifTag.Comparer);
        string where = inSaveFrame ? $"save frame {containerName}" : $"data block {containerName}";
        while (true)
        {
            Peek();
            switch (_kind)
            {
                case TokenKind.Tag:
                {
                    Consume();
                    string tag = _text;
                    int line = _tokenLine;
                    CheckNewTag(tagLines, tag, line, where);
                    Peek();
                    if (!IsValueStart(_kind) && tag.Length > 2 && tag[^1] == '?')
                    {
                        // Lenient: FullProf writes "_diffrn_measurement_device_type?" (tag and ? run
                        // together). Read it as the tag with the value ? rather than fail the file.
                        tagLines.Remove(tag);
                        tag = tag[..^1];
                        CheckNewTag(tagLines, tag, line, where);
                        _warnings.Add(Warning(line, $"{tag}? read as the tag {tag} with the value ? (no space between them)."));
                        nodes.Add(new CifItem(tag, CifValue.Read(CifValueKind.Unknown, "?", CifQuoting.None, line), line));
                        break;
                    }
                    if (!IsValueStart(_kind) && _kind is not TokenKind.EndOfFile)
                    {
                        // Lenient: FullProf's pdCIF writes a lone "_pd_proc_d_spacing" before the data
                        // loop. A tag with no value says nothing: drop it, with a warning.
                        tagLines.Remove(tag);
                        _warnings.Add(Warning(line, $"the tag {tag} has no value (followed by {Describe()}); ignored."));
                        break;
                    }
                    if (!IsValueStart(_kind))
                        throw Error(line, $"expected a value after {tag} but found {Describe()}.");
                    nodes.Add(new CifItem(tag, ParseValue(), line));
                    break;
                }
                case TokenKind.Loop:
                    Consume();
                    nodes.Add(ParseLoop(_tokenLine, tagLines, where));
                    break;
                case TokenKind.SaveHeader when _text.Length > 0:
                {
                    if (inSaveFrame)
                        throw Error(_tokenLine, $"expected save_ to close save frame {containerName} before save_{_text} (save frames do not nest).");
                    Consume();
                    string name = _text;
                    int line = _tokenLine;
                    if (!frameLines.TryAdd(name, line))
                        throw Error(line, $"save frame {name} appears twice in {where} (first at line {frameLines[name]}).");
                    var frameNodes = ParseNodes(name, inSaveFrame: true);
                    nodes.Add(new CifSaveFrame(name, frameNodes, line));
                    break;
                }
                case TokenKind.SaveHeader:
                    if (!inSaveFrame) throw Error(_tokenLine, "found save_ (end of save frame) but no save frame is open.");
                    Consume();
                    return nodes.ToImmutable();
                case TokenKind.DataHeader:
                case TokenKind.EndOfFile:
                    if (inSaveFrame)
                        throw Error(_tokenLine, $"expected save_ to close save frame {containerName} but found {Describe()}.");
                    return nodes.ToImmutable();
                case TokenKind.Global:
                    throw Error(_tokenLine, "global_ is a STAR reserved word, not allowed in CIF.");
                case TokenKind.Stop:
                    throw Error(_tokenLine, "stop_ is a STAR reserved word, not allowed in CIF.");
                case TokenKind.TableKey:
                    throw Error(_tokenLine, $"expected a tag but found the table key '{_text}': outside a table.");
                default:
                    throw Error(_tokenLine, $"expected a tag, loop_, save_ or data_ but found {Describe()}: a value with no tag.");
            }
        }
    }

    private CifLoop ParseLoop(int loopLine, Dictionary<string, int> tagLines, string where)
    {
        var tags = ImmutableArray.CreateBuilder<string>();
        while (true)
        {
            Peek();
            if (_kind != TokenKind.Tag) break;
            Consume();
            CheckNewTag(tagLines, _text, _tokenLine, where);
            tags.Add(_text);
        }
        if (tags.Count == 0) throw Error(loopLine, $"expected tags after loop_ but found {Describe()}.");
        var values = ImmutableArray.CreateBuilder<CifValue>();
        int lastValueLine = loopLine;
        while (true)
        {
            Peek();
            if (!IsValueStart(_kind)) break;
            lastValueLine = _tokenLine;
            values.Add(ParseValue());
        }
        if (values.Count == 0)
            throw Error(_kind == TokenKind.EndOfFile ? loopLine : _tokenLine, $"expected values after the tags of the loop starting at line {loopLine} but found {Describe()}.");
        if (values.Count % tags.Count != 0)
        {
            int rows = values.Count / tags.Count;
            int extra = values.Count % tags.Count;
            throw Error(lastValueLine,
                $"the loop starting at line {loopLine} has {tags.Count} tags ({tags[0]} …) but {values.Count} values: " +
                $"expected a multiple of {tags.Count}; after {rows} full row(s) {extra} value(s) are left over.");
        }
        return new CifLoop(tags.ToImmutable(), values.ToImmutable(), loopLine);
    }

    private void CheckNewTag(Dictionary<string, int> tagLines, string tag, int line, string where)
    {
        if (!tagLines.TryAdd(tag, line))
            throw Error(line, $"the tag {tag} appears twice in {where} (first at line {tagLines[tag]}); expected each tag once.");
    }

    private static bool IsValueStart(TokenKind kind) => kind is TokenKind.Value or TokenKind.ListOpen or TokenKind.TableOpen;

    private CifValue ParseValue()
    {
        Peek();
        switch (_kind)
        {
            case TokenKind.Value:
                Consume();
                return _value!;
            case TokenKind.ListOpen:
            {
                Consume();
                int line = _tokenLine;
                var items = ImmutableArray.CreateBuilder<CifValue>();
                while (true)
                {
                    Peek();
                    if (_kind == TokenKind.ListClose)
                    {
                        Consume();
                        return CifValue.ReadList(items.ToImmutable(), line);
                    }
                    if (!IsValueStart(_kind))
                        throw Error(_tokenLine, $"expected a value or ] to close the list opened at line {line} but found {Describe()}.");
                    items.Add(ParseValue());
                }
            }
            case TokenKind.TableOpen:
            {
                Consume();
                int line = _tokenLine;
                var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, CifValue>>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (true)
                {
                    Peek();
                    if (_kind == TokenKind.TableClose)
                    {
                        Consume();
                        return CifValue.ReadTable(entries.ToImmutable(), line);
                    }
                    if (_kind != TokenKind.TableKey)
                        throw Error(_tokenLine, $"expected a quoted key followed by ':' or }} to close the table opened at line {line} but found {Describe()}.");
                    Consume();
                    string key = _text;
                    int keyLine = _tokenLine;
                    if (!keys.Add(key)) throw Error(keyLine, $"the key '{key}' appears twice in the table opened at line {line}.");
                    Peek();
                    if (!IsValueStart(_kind))
                        throw Error(_tokenLine, $"expected a value after the table key '{key}' but found {Describe()}.");
                    entries.Add(new(key, ParseValue()));
                }
            }
            default:
                throw Error(_tokenLine, $"expected a value but found {Describe()}.");
        }
    }

    private void Peek()
    {
        if (!_hasToken)
        {
            ReadToken();
            _hasToken = true;
        }
    }

    private void Consume()
    {
        Peek();
        _hasToken = false;
    }

    private string Describe() => _kind switch
    {
        TokenKind.EndOfFile => "the end of the file",
        TokenKind.DataHeader => $"data_{_text}",
        TokenKind.SaveHeader => $"save_{_text}",
        TokenKind.Loop => "loop_",
        TokenKind.Global => "global_",
        TokenKind.Stop => "stop_",
        TokenKind.Tag => $"the tag {_text}",
        TokenKind.Value => $"the value {Shorten(_value!.ToString())}",
        TokenKind.ListOpen => "[",
        TokenKind.ListClose => "]",
        TokenKind.TableOpen => "{",
        TokenKind.TableClose => "}",
        TokenKind.TableKey => $"the table key '{_text}'",
        _ => _kind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private CifFormatException Error(int line, string reason) => new(_fileName, line, reason);

    private string Warning(int line, string reason) => $"{_fileName ?? "<CIF text>"}:{line}: {reason}";

    private bool AtLineStart(int pos) => pos == 0 || _s[pos - 1] is '\n' or '\r' || (pos == 1 && _s[0] == '\uFEFF');

    private void SkipWhitespaceAndComments()
    {
        string s = _s;
        int pos = _pos;
        while (pos < s.Length)
        {
            char c = s[pos];
            if (c == '\n')
            {
                _line++;
                pos++;
            }
            else if (c == '\r')
            {
                _line++;
                pos++;
                if (pos < s.Length && s[pos] == '\n') pos++;
            }
            else if (c is ' ' or '\t')
            {
                pos++;
            }
            else if (c == '#')
            {
                int end = s.AsSpan(pos).IndexOfAny('\n', '\r');
                pos = end < 0 ? s.Length : pos + end;
            }
            else
            {
                break;
            }
        }
        _pos = pos;
    }

    private void ReadToken()
    {
        SkipWhitespaceAndComments();
        _tokenLine = _line;
        _value = null;
        string s = _s;
        if (_pos >= s.Length)
        {
            _kind = TokenKind.EndOfFile;
            _text = "";
            return;
        }
        char c = s[_pos];
        if (c == ';' && AtLineStart(_pos))
        {
            ReadTextField();
            return;
        }
        if (c is '\'' or '"')
        {
            ReadQuoted(c);
            return;
        }
        if (_version == CifVersion.Cif20)
        {
            TokenKind? bracket = c switch
            {
                '[' => TokenKind.ListOpen,
                ']' => TokenKind.ListClose,
                '{' => TokenKind.TableOpen,
                '}' => TokenKind.TableClose,
                _ => null,
            };
            if (bracket is { } kind)
            {
                _pos++;
                _kind = kind;
                _text = c.ToString();
                return;
            }
        }

        int start = _pos;
        int pos = _pos;
        if (_version == CifVersion.Cif20 && c != '_')
        {
            while (pos < s.Length && s[pos] is not (' ' or '\t' or '\n' or '\r' or '[' or ']' or '{' or '}')) pos++;
        }
        else
        {
            while (pos < s.Length && s[pos] is not (' ' or '\t' or '\n' or '\r')) pos++;
        }
        _pos = pos;
        string word = s.Substring(start, pos - start);
        if (c == '_')
        {
            _kind = TokenKind.Tag;
            _text = word;
            return;
        }
        if (word.Length >= 5 && (c is 'd' or 'D' or 's' or 'S' or 'l' or 'L' or 'g' or 'G') && CifValue.IsReservedWord(word))
        {
            if (word.StartsWith("data_", StringComparison.OrdinalIgnoreCase))
            {
                _kind = TokenKind.DataHeader;
                _text = word[5..];
            }
            else if (word.StartsWith("save_", StringComparison.OrdinalIgnoreCase))
            {
                _kind = TokenKind.SaveHeader;
                _text = word[5..];
            }
            else
            {
                _kind = word.Equals("loop_", StringComparison.OrdinalIgnoreCase) ? TokenKind.Loop
                    : word.Equals("global_", StringComparison.OrdinalIgnoreCase) ? TokenKind.Global
                    : TokenKind.Stop;
                _text = word;
            }
            return;
        }
        _kind = TokenKind.Value;
        _text = word;
        _value = word switch
        {
            "?" => CifValue.Read(CifValueKind.Unknown, "?", CifQuoting.None, _tokenLine),
            "." => CifValue.Read(CifValueKind.Inapplicable, ".", CifQuoting.None, _tokenLine),
            _ => CifValue.Read(CifValueKind.Text, word, CifQuoting.None, _tokenLine),
        };
    }

    private void ReadTextField()
    {
        string s = _s;
        int startLine = _line;
        int contentStart = _pos + 1;
        int pos = contentStart;
        while (true)
        {
            int rel = s.AsSpan(pos).IndexOfAny('\n', '\r');
            if (rel < 0)
                throw Error(startLine, "unterminated text field: expected a line starting with ';' to close the text field opened here.");
            int newline = pos + rel;
            int next = newline + 1;
            if (s[newline] == '\r' && next < s.Length && s[next] == '\n') next++;
            _line++;
            if (next < s.Length && s[next] == ';')
            {
                string content = s.Substring(contentStart, newline - contentStart);
                if (content.Contains('\r')) content = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
                _pos = next + 1;
                _kind = TokenKind.Value;
                _text = content;
                _value = CifValue.Read(CifValueKind.Text, content, CifQuoting.TextField, startLine);
                return;
            }
            pos = next;
        }
    }

    private void ReadQuoted(char quote)
    {
        string s = _s;
        int start = _pos;
        int startLine = _line;
        if (_version == CifVersion.Cif20 && start + 2 < s.Length && s[start + 1] == quote && s[start + 2] == quote)
        {
            string delimiter = new(quote, 3);
            int close = s.IndexOf(delimiter, start + 3, StringComparison.Ordinal);
            if (close < 0)
                throw Error(startLine, $"unterminated triple-quoted string: expected {delimiter} to close the string opened here.");
            string content = s.Substring(start + 3, close - start - 3);
            foreach (char ch in content)
            {
                if (ch == '\n') _line++;
                else if (ch == '\r') _line++;
            }
            // A CRLF pair counted twice above: correct for it.
            _line -= CountCrLf(content);
            if (content.Contains('\r')) content = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            _pos = close + 3;
            FinishQuoted(content, quote == '\'' ? CifQuoting.TripleSingleQuote : CifQuoting.TripleDoubleQuote, startLine);
            return;
        }

        int pos = start + 1;
        while (true)
        {
            if (pos >= s.Length || s[pos] is '\n' or '\r')
                throw Error(startLine, $"unterminated quoted string: expected a closing {quote} on the same line.");
            if (s[pos] == quote)
            {
                // CIF 1.1: the quote closes only when whitespace (or the end) follows; CIF 2.0: always.
                if (_version == CifVersion.Cif20 || pos + 1 >= s.Length || CifValue.IsWhitespace(s[pos + 1])) break;
            }
            pos++;
        }
        string text = s.Substring(start + 1, pos - start - 1);
        _pos = pos + 1;
        FinishQuoted(text, quote == '\'' ? CifQuoting.SingleQuote : CifQuoting.DoubleQuote, startLine);
    }

    private void FinishQuoted(string content, CifQuoting quoting, int line)
    {
        string s = _s;
        if (_version == CifVersion.Cif20 && _pos < s.Length)
        {
            char next = s[_pos];
            if (next == ':')
            {
                _pos++;
                _kind = TokenKind.TableKey;
                _text = content;
                return;
            }
            if (!CifValue.IsWhitespace(next) && next is not ('[' or ']' or '{' or '}'))
                throw Error(line, $"expected whitespace after the closing quote of '{Shorten(content)}' but found '{next}'.");
        }
        _kind = TokenKind.Value;
        _text = content;
        _value = CifValue.Read(CifValueKind.Text, content, quoting, line);
    }

    private static int CountCrLf(string text)
    {
        int count = 0;
        for (int i = text.IndexOf("\r\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\r\n", i + 2, StringComparison.Ordinal)) count++;
        return count;
    }
}
