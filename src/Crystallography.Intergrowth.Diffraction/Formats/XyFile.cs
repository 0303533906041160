using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>What a third numeric column of a column file means.</summary>
public enum XyThirdColumn
{
    /// <summary>
    /// σ, except in files named <c>*.xy</c>, whose third column is often something else (XRD-AutoAnalyzer writes a
    /// background estimate there); for those it is ignored and noted in the metadata ("IgnoredColumns").
    /// </summary>
    Auto,

    /// <summary>The third column is σ (must be ≥ 0).</summary>
    Sigma,

    /// <summary>The third and further columns are ignored; σ from counting statistics.</summary>
    Ignore,
}

/// <summary>Options of <see cref="XyFile"/>.</summary>
public sealed record XyReadOptions
{
    /// <summary>
    /// What x measures. Null infers it: from a header naming the axis ("# axis: …" as written by <see cref="XyFile.Write(PowderPattern, string)"/>,
    /// or words such as "tof", "2theta", "d-spacing"), otherwise 2θ when every x ≤ 180 and time of flight in µs when larger.
    /// </summary>
    public AxisKind? Axis { get; init; }

    /// <summary>How to treat a third column.</summary>
    public XyThirdColumn ThirdColumn { get; init; } = XyThirdColumn.Auto;

    /// <summary>Default options.</summary>
    public static XyReadOptions Default { get; } = new();
}

/// <summary>
/// Reads and writes plain column files: <c>.xy</c>, <c>.xye</c>, <c>.xys</c> and column <c>.dat</c> — two columns
/// (x, y) or three (x, y, σ), separated by blanks, tabs, commas or semicolons, with any line endings (LF, CRLF, CR).
/// </summary>
/// <remarks>
/// <para>Comments: lines starting with <c>#</c>, <c>!</c> or <c>;</c>, text after <c>#</c> or <c>!</c> on a data line, and
/// C-style <c>/* … */</c> blocks over several lines (as in the 17-BM .xye files). Text lines before the first data line
/// are a header (the first becomes the title); a non-numeric line after data has started, a line with a different number
/// of columns, or an x that does not increase is an error naming the line. Strictly decreasing x is accepted and the
/// points are reversed (metadata "Reversed" = "true").</para>
/// <para>Without σ in the file, σ follows counting statistics (<see cref="SigmaSource.CountingStatistics"/>).</para>
/// </remarks>
public static class XyFile
{
    /// <summary>The format name put into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "xy columns";

    /// <summary>Reads a column file.</summary>
    /// <exception cref="PowderDataFormatException">The file is not a column file or is malformed.</exception>
    public static PowderPattern Read(string path, XyReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(PowderFileText.ReadAllText(path), path, options);
    }

    /// <summary>Parses the text of a column file; <paramref name="fileName"/> is used in messages and for the <c>.xy</c> rule.</summary>
    /// <exception cref="PowderDataFormatException">The text is malformed.</exception>
    public static PowderPattern Parse(string text, string? fileName = null, XyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= XyReadOptions.Default;
        var header = new List<string>();
        var xs = new List<double>();
        var ys = new List<double>();
        var ss = new List<double>();
        int columns = 0, firstDataLine = 0, lastDataLine = 0;
        bool inBlock = false;

        foreach (var (number, raw) in PowderFileText.SplitLines(text))
        {
            string line = StripBlockComments(raw, ref inBlock, header);
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed[0] is '#' or '!' or ';')
            {
                header.Add(trimmed.TrimStart('#', '!', ';').Trim());
                continue;
            }
            int cut = trimmed.IndexOfAny(['#', '!']);
            if (cut > 0) trimmed = trimmed[..cut].TrimEnd();
            string[] tokens = PowderFileText.Tokens(trimmed);
            if (!PowderFileText.AllNumbers(tokens))
            {
                if (xs.Count == 0) { header.Add(trimmed); continue; }
                throw new PowderDataFormatException(fileName, number,
                    $"{columns} numbers per line as on line {firstDataLine}", trimmed);
            }
            if (xs.Count == 0)
            {
                if (tokens.Length < 2)
                    throw new PowderDataFormatException(fileName, number, "at least 2 numbers (x, y) per line", trimmed);
                columns = tokens.Length;
                firstDataLine = number;
            }
            else if (tokens.Length != columns)
            {
                throw new PowderDataFormatException(fileName, number,
                    $"{columns} numbers per line as on line {firstDataLine}", trimmed);
            }
            xs.Add(PowderFileText.Parse(tokens[0], fileName, number, "a number (x)"));
            ys.Add(PowderFileText.Parse(tokens[1], fileName, number, "a number (y)"));
            if (columns >= 3) ss.Add(PowderFileText.Parse(tokens[2], fileName, number, "a number (σ)"));
            lastDataLine = number;
        }
        if (inBlock)
            throw new PowderDataFormatException(fileName, 0, "'*/' closing a '/*' comment block");
        if (xs.Count == 0)
            throw new PowderDataFormatException(fileName, 0, "data lines of 2 or 3 numbers (x, y[, σ])");

        bool useSigma = columns >= 3 && options.ThirdColumn switch
        {
            XyThirdColumn.Sigma => true,
            XyThirdColumn.Ignore => false,
            _ => !string.Equals(Path.GetExtension(fileName ?? ""), ".xy", StringComparison.OrdinalIgnoreCase),
        };
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["Columns"] = columns.ToString(CultureInfo.InvariantCulture) };
        if (columns > (useSigma ? 3 : 2))
            meta["IgnoredColumns"] = useSigma ? $"4..{columns}" : $"3..{columns}";
        if (useSigma)
        {
            for (int i = 0; i < ss.Count; i++)
                if (ss[i] < 0)
                    throw new PowderDataFormatException(fileName, 0,
                        $"σ ≥ 0 in the third column (point {i + 1}, x = {PowderFileText.Invariant(xs[i])}); use XyThirdColumn.Ignore if it is not σ");
        }
        bool reversed = CheckMonotonic(xs, fileName, firstDataLine, lastDataLine);
        if (reversed)
        {
            xs.Reverse(); ys.Reverse(); ss.Reverse();
            meta["Reversed"] = "true";
        }

        var header2 = ReadOwnHeader(header, out string? title, out AxisKind? axisFromHeader, out double[]? wavelengths,
                                    out double? ratio, out int? bank);
        AxisKind axis = options.Axis ?? axisFromHeader ?? InferAxis(header2, xs);
        var pattern = new PowderPattern(axis, [.. xs], [.. ys], useSigma ? [.. ss] : null)
            .WithFormat(FormatName).WithSourceFile(fileName).WithTitle(title ?? header2.FirstOrDefault(h => h.Length > 0))
            .WithBank(bank).WithWavelengthIntensityRatio(ratio);
        if (wavelengths is { Length: > 0 }) pattern = pattern.WithWavelengths(wavelengths);
        if (header2.Count > 0) meta["Header"] = string.Join("\n", header2);
        return pattern.WithMetadata(meta);
    }

    /// <summary>Removes <c>/* … */</c> text from a line, tracking a block that spans lines; the removed text goes to the header.</summary>
    private static string StripBlockComments(string line, ref bool inBlock, List<string> header)
    {
        var kept = new StringBuilder();
        int i = 0;
        while (i < line.Length)
        {
            if (inBlock)
            {
                int end = line.IndexOf("*/", i, StringComparison.Ordinal);
                string inside = end < 0 ? line[i..] : line[i..end];
                if (inside.Trim().Length > 0) header.Add(inside.Trim().TrimStart('#').Trim());
                if (end < 0) return kept.ToString();
                inBlock = false;
                i = end + 2;
            }
            else
            {
                int start = line.IndexOf("/*", i, StringComparison.Ordinal);
                if (start < 0) { kept.Append(line, i, line.Length - i); break; }
                kept.Append(line, i, start - i);
                inBlock = true;
                i = start + 2;
            }
        }
        return kept.ToString();
    }

    /// <summary>True when x decreases strictly (to be reversed); throws when x is neither strictly increasing nor decreasing.</summary>
    internal static bool CheckMonotonic(List<double> xs, string? fileName, int firstLine, int lastLine)
    {
        if (xs.Count < 2) return false;
        bool descending = xs[1] < xs[0];
        for (int i = 1; i < xs.Count; i++)
        {
            bool ok = descending ? xs[i] < xs[i - 1] : xs[i] > xs[i - 1];
            if (!ok)
                throw new PowderDataFormatException(fileName, 0,
                    string.Create(CultureInfo.InvariantCulture,
                        $"x strictly {(descending ? "decreasing" : "increasing")} (data on lines {firstLine}–{lastLine}), but point {i + 1} has x = {xs[i]} after {xs[i - 1]}"));
        }
        return descending;
    }

    private static List<string> ReadOwnHeader(List<string> header, out string? title, out AxisKind? axis,
                                              out double[]? wavelengths, out double? ratio, out int? bank)
    {
        title = null; axis = null; wavelengths = null; ratio = null; bank = null;
        var rest = new List<string>();
        foreach (string h in header)
        {
            int colon = h.IndexOf(':', StringComparison.Ordinal);
            string key = colon > 0 ? h[..colon].Trim().ToLowerInvariant() : "";
            string value = colon > 0 ? h[(colon + 1)..].Trim() : "";
            switch (key)
            {
                case "title": title = value; continue;
                case "axis" when Enum.TryParse(value, out AxisKind a): axis = a; continue;
                case "wavelengths":
                    wavelengths = PowderFileText.Tokens(value).Select(t => PowderFileText.TryParse(t, out double w) ? w : double.NaN)
                                                                .Where(double.IsFinite).ToArray();
                    continue;
                case "wavelength intensity ratio" when PowderFileText.TryParse(value, out double r): ratio = r; continue;
                case "bank" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b): bank = b; continue;
            }
            rest.Add(h);
        }
        return rest;
    }

    /// <summary>The axis from header words, else from the range of x (≤ 180 → 2θ in degrees, above → TOF in µs).</summary>
    internal static AxisKind InferAxis(IEnumerable<string> header, List<double> xs)
    {
        foreach (string h in header)
        {
            string l = h.ToLowerInvariant();
            if (l.Contains("tof", StringComparison.Ordinal) || l.Contains("time-of-flight", StringComparison.Ordinal)
                || l.Contains("time of flight", StringComparison.Ordinal)) return AxisKind.TimeOfFlightMicroseconds;
            if (l.Contains("2theta", StringComparison.Ordinal) || l.Contains("2-theta", StringComparison.Ordinal)
                || l.Contains("2θ", StringComparison.Ordinal) || l.Contains("two theta", StringComparison.Ordinal)
                || l.Contains("twotheta", StringComparison.Ordinal)) return AxisKind.TwoThetaDegrees;
            if (l.Contains("d-spacing", StringComparison.Ordinal) || l.Contains("dspacing", StringComparison.Ordinal))
                return AxisKind.DSpacingAngstrom;
        }
        return xs.Count > 0 && xs.Max() > 180 ? AxisKind.TimeOfFlightMicroseconds : AxisKind.TwoThetaDegrees;
    }

    /// <summary>Writes an .xye file: a commented header (title, axis, wavelengths, bank, columns), then x, y, σ with round-trip precision.</summary>
    public static void Write(PowderPattern pattern, string path)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(pattern, writer);
    }

    /// <summary>Writes the .xye text to a writer (LF line endings).</summary>
    public static void Write(PowderPattern pattern, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewLine = "\n";
        writer.WriteLine("# xye written by Crystallography.Intergrowth");
        if (pattern.Title is { } t) writer.WriteLine($"# title: {t.ReplaceLineEndings(" ")}");
        writer.WriteLine($"# axis: {pattern.Axis}");
        if (!pattern.Wavelengths.IsDefaultOrEmpty)
            writer.WriteLine($"# wavelengths: {string.Join(" ", pattern.Wavelengths.Select(PowderFileText.Invariant))}");
        if (pattern.WavelengthIntensityRatio is { } r)
            writer.WriteLine($"# wavelength intensity ratio: {PowderFileText.Invariant(r)}");
        if (pattern.Bank is { } b) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# bank: {b}"));
        if (pattern.SourceFile is { } s) writer.WriteLine($"# source: {s.ReplaceLineEndings(" ")}");
        if (pattern.SigmaSource == SigmaSource.CountingStatistics)
            writer.WriteLine("# sigma: counting statistics (sqrt(y), 1 where y <= 0)");
        writer.WriteLine($"# columns: {AxisLabel(pattern.Axis)} intensity sigma");
        for (int i = 0; i < pattern.Count; i++)
            writer.WriteLine($"{PowderFileText.Invariant(pattern.X[i])} {PowderFileText.Invariant(pattern.Y[i])} {PowderFileText.Invariant(pattern.Sigma[i])}");
    }

    /// <summary>The .xye text of a pattern.</summary>
    public static string Format(PowderPattern pattern)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(pattern, w);
        return w.ToString();
    }

    private static string AxisLabel(AxisKind axis) => axis switch
    {
        AxisKind.TwoThetaDegrees => "2theta(deg)",
        AxisKind.TimeOfFlightMicroseconds => "tof(us)",
        AxisKind.DSpacingAngstrom => "d(A)",
        AxisKind.QInverseAngstrom => "Q(1/A)",
        _ => "energy(keV)",
    };
}
