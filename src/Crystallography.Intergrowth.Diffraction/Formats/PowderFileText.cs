using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>One line of a text file with its 1-based number.</summary>
internal readonly record struct NumberedLine(int Number, string Text);

/// <summary>
/// Shared text handling of the plain-text readers: reading a file whatever its line endings (LF, CRLF or
/// CR only, as the .PRN files use), splitting into numbered lines, tokenising numbers with
/// whitespace/tab/comma/semicolon separators, and parsing numbers the Fortran way (invariant culture,
/// D exponents accepted).
/// </summary>
internal static class PowderFileText
{
    /// <summary>Reads a file as text; bytes that are not UTF-8 are taken as Latin-1 (old instrument files).</summary>
    public static string ReadAllText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Splits text into lines; CRLF, LF and a lone CR each end one line. A Ctrl-Z (DOS end of file) ends the text.</summary>
    public static List<NumberedLine> SplitLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eof = text.IndexOf('\u001a', StringComparison.Ordinal);
        if (eof >= 0) text = text[..eof];
        var lines = new List<NumberedLine>();
        int start = 0, number = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\r' && c != '\n') continue;
            lines.Add(new NumberedLine(number++, text[start..i]));
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(new NumberedLine(number, text[start..]));
        return lines;
    }

    private static readonly char[] Separators = [' ', '\t', ',', ';'];

    /// <summary>The tokens of a line separated by blanks, tabs, commas or semicolons.</summary>
    public static string[] Tokens(string line) => line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Parses a number as written by Fortran or C programs ("1.5", "-2.E+03", "0.35D+03"); false if it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        s = s.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return double.IsFinite(value);
        int d = s.IndexOfAny('D', 'd');
        if (d > 0)
        {
            Span<char> copy = stackalloc char[s.Length];
            s.CopyTo(copy);
            copy[d] = 'E';
            if (double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return double.IsFinite(value);
        }
        value = 0;
        return false;
    }

    /// <summary>True when every token parses as a number (and there is at least one).</summary>
    public static bool AllNumbers(string[] tokens)
    {
        if (tokens.Length == 0) return false;
        foreach (var t in tokens)
            if (!TryParse(t, out _)) return false;
        return true;
    }

    /// <summary>Parses a token or throws naming file, line and what was expected.</summary>
    public static double Parse(string token, string? file, int line, string what)
    {
        if (TryParse(token, out double v)) return v;
        throw new PowderDataFormatException(file, line, what, token);
    }

    /// <summary>Formats with the invariant culture and round-trip precision.</summary>
    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
