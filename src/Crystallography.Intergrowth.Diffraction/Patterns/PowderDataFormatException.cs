namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// A powder-pattern or instrument-parameter file that cannot be read: the text does not follow the
/// format it claims, or a value is missing, non-numeric or out of place. The message reads
/// "file:line: expected …" (plus ", found '…'" when the offending text is known), so a user can open
/// the file at the right place. Readers throw this rather than return part of a pattern.
/// </summary>
public sealed class PowderDataFormatException : FormatException
{
    /// <summary>Makes the exception.</summary>
    /// <param name="fileName">The file, or null when the text did not come from a file.</param>
    /// <param name="line">The 1-based line, or 0 when the format is not line based or no single line is at fault.</param>
    /// <param name="expected">What the reader expected at that place ("3 numbers (x, y, σ)").</param>
    /// <param name="found">The text found instead, or null when there is nothing useful to quote.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public PowderDataFormatException(string? fileName, int line, string expected, string? found = null,
                                     Exception? innerException = null)
        : base(Compose(fileName, line, expected, found), innerException)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        FileName = fileName;
        Line = line;
        Expected = expected;
        Found = found;
    }

    /// <summary>The file, or null when the text did not come from a file.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line, or 0 when not line based.</summary>
    public int Line { get; }

    /// <summary>What the reader expected, without the file and line.</summary>
    public string Expected { get; }

    /// <summary>The text found instead (shortened), or null.</summary>
    public string? Found { get; }

    private static string Compose(string? fileName, int line, string expected, string? found)
    {
        string where = (fileName ?? "<text>") + (line > 0 ? $":{line}" : "");
        string what = expected.StartsWith("expected", StringComparison.Ordinal) ? expected : "expected " + expected;
        if (found is null) return $"{where}: {what}";
        string shown = found.Length > 60 ? found[..57] + "..." : found;
        return $"{where}: {what}, found '{shown}'";
    }
}
