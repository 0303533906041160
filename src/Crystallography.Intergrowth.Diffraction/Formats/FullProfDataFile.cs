using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>The FullProf data-file layouts (the INSTRM / Ins code of the .pcr) that <see cref="FullProfDataFile"/> reads.</summary>
public enum FullProfDataLayout
{
    /// <summary>
    /// INSTRM = 0, free format: a first line "start step end [comment]" (2θ in degrees), then the counts in free format,
    /// any number a line, σ from counting statistics.
    /// </summary>
    FreeFormat = 0,

    /// <summary>
    /// INSTRM = 10, X Y σ: an optional header started by a line beginning <c>XYDATA</c> (comment lines and the keywords
    /// <c>INTER fx fy …</c> — factors applied to x and to y and σ — and <c>TEMP t</c>), then lines of x, y and optionally σ.
    /// </summary>
    XYSigma = 10,
}

/// <summary>
/// Reads FullProf powder data files (<c>.dat</c>) in the layouts of <see cref="FullProfDataLayout"/>. Other INSTRM codes
/// (1 D1A/D2B, 2 D1B, 3 Brookhaven, 4 Rietan, 5 Philips, 6 DBWS, …) are not supported.
/// </summary>
public static class FullProfDataFile
{
    /// <summary>Reads a FullProf .dat file; the layout is detected from the content unless given.</summary>
    /// <exception cref="PowderDataFormatException">The file is malformed or holds fewer counts than its header declares.</exception>
    public static PowderPattern Read(string path, FullProfDataLayout? layout = null, AxisKind? axis = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(PowderFileText.ReadAllText(path), path, layout, axis);
    }

    /// <summary>Parses the text of a FullProf .dat file (see <see cref="Read"/>).</summary>
    public static PowderPattern Parse(string text, string? fileName = null, FullProfDataLayout? layout = null, AxisKind? axis = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = PowderFileText.SplitLines(text);
        var detected = layout ?? DetectLayout(lines);
        if (detected is null)
            throw new PowderDataFormatException(fileName, 1, "a FullProf data file: 'XYDATA' or 'start step end' on the first line");
        return detected == FullProfDataLayout.FreeFormat
            ? ParseFree(lines, fileName, axis)
            : ParseXy(lines, fileName, axis);
    }

    /// <summary>The layout of a FullProf data file judged from its text, or null when it is neither layout.</summary>
    public static FullProfDataLayout? DetectLayout(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DetectLayout(PowderFileText.SplitLines(text));
    }

    internal static FullProfDataLayout? DetectLayout(List<NumberedLine> lines)
    {
        var first = lines.FirstOrDefault(l => l.Text.Trim().Length > 0);
        if (first.Text is null) return null;
        if (first.Text.TrimStart().StartsWith("XYDATA", StringComparison.OrdinalIgnoreCase)) return FullProfDataLayout.XYSigma;
        return IsFreeFormatHeader(lines) ? FullProfDataLayout.FreeFormat : null;
    }

    /// <summary>
    /// True when the first line reads as "start step end" — three numbers with 0 &lt; step &lt; end − start and
    /// (end − start)/step within 0.01 of a whole number — and the next line does not continue it as an x, y, σ row.
    /// </summary>
    internal static bool IsFreeFormatHeader(List<NumberedLine> lines)
    {
        var nonEmpty = lines.Where(l => l.Text.Trim().Length > 0).Take(2).ToList();
        if (nonEmpty.Count == 0) return false;
        var t = PowderFileText.Tokens(nonEmpty[0].Text);
        if (t.Length < 3 || !PowderFileText.TryParse(t[0], out double start) || !PowderFileText.TryParse(t[1], out double step)
            || !PowderFileText.TryParse(t[2], out double end)) return false;
        if (t.Length > 3 && PowderFileText.TryParse(t[3], out _)) return false; // four numbers: a data row, not a header
        if (!(step > 0) || !(end - start > step)) return false;
        double n = (end - start) / step;
        if (Math.Abs(n - Math.Round(n)) > 0.01) return false;
        if (nonEmpty.Count > 1)
        {
            var u = PowderFileText.Tokens(nonEmpty[1].Text);
            if (u.Length == 3 && PowderFileText.TryParse(u[0], out double x1) && x1 > start && x1 <= start + 1.5 * step) return false;
        }
        return true;
    }

    private static PowderPattern ParseFree(List<NumberedLine> lines, string? fileName, AxisKind? axis)
    {
        int h = lines.FindIndex(l => l.Text.Trim().Length > 0);
        if (h < 0) throw new PowderDataFormatException(fileName, 1, "'start step end' on the first line");
        var (headerLine, headerText) = lines[h];
        var t = PowderFileText.Tokens(headerText);
        const string Header = "'start step end' (three numbers) on the first line";
        if (t.Length < 3) throw new PowderDataFormatException(fileName, headerLine, Header, headerText.Trim());
        double start = PowderFileText.Parse(t[0], fileName, headerLine, Header);
        double step = PowderFileText.Parse(t[1], fileName, headerLine, Header);
        double end = PowderFileText.Parse(t[2], fileName, headerLine, Header);
        if (!(step > 0) || !(end > start))
            throw new PowderDataFormatException(fileName, headerLine, "step > 0 and end > start in 'start step end'", headerText.Trim());
        int n = (int)Math.Round((end - start) / step) + 1;
        string? comment = t.Length > 3 ? string.Join(" ", t.Skip(3)) : null;

        var ys = new List<double>(n);
        int extra = 0, lastLine = headerLine;
        for (int k = h + 1; k < lines.Count; k++)
        {
            var (number, line) = lines[k];
            string s = line.Trim();
            if (s.Length == 0) continue;
            foreach (string tok in PowderFileText.Tokens(s))
            {
                double y = PowderFileText.Parse(tok, fileName, number, "a count (free format, INSTRM = 0)");
                if (ys.Count < n) ys.Add(y); else extra++;
            }
            lastLine = number;
        }
        if (ys.Count < n)
            throw new PowderDataFormatException(fileName, lastLine,
                string.Create(CultureInfo.InvariantCulture,
                    $"{n} counts for {start} … {end} step {step} (line {headerLine}), found only {ys.Count}: truncated file"));
        var x = new double[n];
        for (int k = 0; k < n; k++) x[k] = start + k * step;
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["INSTRM"] = "0",
            ["Header"] = headerText.Trim(),
        };
        // FullProf reads exactly n counts; rutana.dat holds 8001 numbers for 7901 steps, so the extra ones are ignored and noted.
        if (extra > 0) meta["ExtraValues"] = extra.ToString(CultureInfo.InvariantCulture);
        return new PowderPattern(axis ?? AxisKind.TwoThetaDegrees, [.. x], [.. ys])
            .WithFormat("FullProf free format (INSTRM 0)").WithSourceFile(fileName).WithTitle(comment).WithMetadata(meta);
    }

    private static PowderPattern ParseXy(List<NumberedLine> lines, string? fileName, AxisKind? axis)
    {
        var header = new List<string>();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["INSTRM"] = "10" };
        double fx = 1, fy = 1;
        string? title = null;
        var xs = new List<double>();
        var ys = new List<double>();
        var ss = new List<double>();
        int columns = 0, firstData = 0, lastData = 0;
        foreach (var (number, raw) in lines)
        {
            string s = raw.Trim();
            if (s.Length == 0) continue;
            if (s[0] == '!' || s[0] == '#') { header.Add(s[1..].Trim()); continue; }
            var t = PowderFileText.Tokens(s);
            if (!PowderFileText.AllNumbers(t))
            {
                if (xs.Count > 0)
                    throw new PowderDataFormatException(fileName, number, $"{columns} numbers (x, y{(columns == 3 ? ", σ" : "")}) as on line {firstData}", s);
                string key = t[0].ToUpperInvariant();
                if (key == "XYDATA") { title = s[6..].Trim(); continue; }
                if (key == "INTER" && t.Length >= 3)
                {
                    fx = PowderFileText.Parse(t[1], fileName, number, "INTER fx fy [interpol stepin]: a number fx");
                    fy = PowderFileText.Parse(t[2], fileName, number, "INTER fx fy [interpol stepin]: a number fy");
                    meta["INTER"] = string.Join(" ", t.Skip(1));
                    continue;
                }
                if (key == "TEMP" && t.Length >= 2) { meta["Temperature"] = t[1]; continue; }
                header.Add(s);
                continue;
            }
            if (xs.Count == 0)
            {
                if (t.Length is < 2 or > 3)
                    throw new PowderDataFormatException(fileName, number, "2 or 3 numbers (x, y[, σ])", s);
                columns = t.Length;
                firstData = number;
            }
            else if (t.Length != columns)
            {
                throw new PowderDataFormatException(fileName, number, $"{columns} numbers (x, y{(columns == 3 ? ", σ" : "")}) as on line {firstData}", s);
            }
            xs.Add(fx * PowderFileText.Parse(t[0], fileName, number, "a number (x)"));
            ys.Add(fy * PowderFileText.Parse(t[1], fileName, number, "a number (y)"));
            if (columns == 3)
            {
                double sg = fy * PowderFileText.Parse(t[2], fileName, number, "a number (σ)");
                if (sg < 0) throw new PowderDataFormatException(fileName, number, "σ ≥ 0", t[2]);
                ss.Add(sg);
            }
            lastData = number;
        }
        if (xs.Count == 0) throw new PowderDataFormatException(fileName, 0, "data lines of x, y[, σ] after the XYDATA header");
        if (XyFile.CheckMonotonic(xs, fileName, firstData, lastData))
        {
            xs.Reverse(); ys.Reverse(); ss.Reverse();
            meta["Reversed"] = "true";
        }
        if (header.Count > 0) meta["Header"] = string.Join("\n", header);
        var chosen = axis ?? XyFile.InferAxis(header.Prepend(title ?? ""), xs);
        return new PowderPattern(chosen, [.. xs], [.. ys], columns == 3 ? [.. ss] : null)
            .WithFormat("FullProf XYDATA (INSTRM 10)").WithSourceFile(fileName).WithTitle(title).WithMetadata(meta);
    }
}
