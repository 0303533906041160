namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// A CIF file that cannot be read: malformed syntax, or content that does not describe a phase.
/// The message starts with "file:line:" and says what was expected.
/// </summary>
public sealed class CifFormatException : FormatException
{
    /// <summary>Makes the exception.</summary>
    /// <param name="fileName">The file, or null when the text did not come from a file.</param>
    /// <param name="line">The line (1-based), or 0 when the problem has no single line.</param>
    /// <param name="reason">What is wrong and what was expected.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CifFormatException(string? fileName, int line, string reason, Exception? innerException = null)
        : base(Compose(fileName, line, reason), innerException)
    {
        FileName = fileName;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file, or null.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The message without the file and line.</summary>
    public string Reason { get; }

    private static string Compose(string? fileName, int line, string reason) =>
        (fileName ?? "<CIF text>") + (line > 0 ? $":{line}" : "") + ": " + reason;
}
