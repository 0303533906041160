using System.Collections.Immutable;
using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads Bruker (Siemens) UXD text files: <c>_KEY=value</c> header lines, <c>;</c> comments, and one
/// data block per range introduced by <c>_COUNTS</c> or <c>_CPS</c> (intensities only, 2θ from
/// <c>_START</c> and <c>_STEPSIZE</c>) or by <c>_2THETACOUNTS</c> / <c>_2THETACPS</c> (pairs of
/// 2θ and intensity). One <see cref="PowderPattern"/> per range.
/// </summary>
/// <remarks>
/// Keys before the first range (<c>_WL1</c>, <c>_WL2</c>, <c>_WLRATIO</c>, <c>_SAMPLE</c>, …) hold for
/// the whole file; keys after a data block start the next range. σ: counts follow counting
/// statistics; counts per second with a <c>_STEPTIME</c> t get σ = √(y·t)/t. CR, LF and CRLF line
/// endings are accepted.
/// </remarks>
public static class BrukerUxdReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "Bruker UXD";

    /// <summary>Reads the first range of a UXD file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">A header value or a count is malformed, or a range has no data.</exception>
    public static PowderPattern Read(string path) => ReadAll(path)[0];

    /// <summary>Reads every range of a UXD file (<see cref="PowderPattern.Bank"/> is 1, 2, … when there are several).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">A header value or a count is malformed, or a range has no data.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads every range from UXD text.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">A header value or a count is malformed, or a range has no data.</exception>
    public static IReadOnlyList<PowderPattern> Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var global = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var range = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var patterns = new List<PowderPattern>();
        string? dataKind = null;
        int dataLine = 0;
        var values = new List<double>();
        bool anyRange = false;

        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNo = i + 1;
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith(';')) continue;
            if (line.StartsWith('_'))
            {
                if (dataKind is not null)
                {
                    patterns.Add(Finish(global, range, dataKind, dataLine, values, fileName));
                    dataKind = null;
                    values.Clear();
                    range.Clear();
                }
                int eq = line.IndexOf('=', StringComparison.Ordinal);
                string key = (eq < 0 ? line : line[..eq]).Trim().ToUpperInvariant();
                string value = eq < 0 ? "" : line[(eq + 1)..].Trim().Trim('\'', '"');
                if (key is "_COUNTS" or "_CPS" or "_2THETACOUNTS" or "_2THETACPS")
                {
                    dataKind = key;
                    dataLine = lineNo;
                    anyRange = true;
                    continue;
                }
                // Before the first data block, only the wavelength/sample keys are file-wide; the
                // range keys (_DRIVE, _START, _STEPSIZE, …) belong to the range that follows.
                bool rangeKey = key is "_DRIVE" or "_STEPTIME" or "_STEPSIZE" or "_STEPMODE" or "_START" or "_2THETA"
                    or "_THETA" or "_KHI" or "_PHI" or "_STEPCOUNT" or "_STEPS" or "_RANGE";
                (rangeKey || anyRange ? range : global)[key] = (value, lineNo);
                continue;
            }
            if (dataKind is null)
                throw new PowderDataFormatException(fileName, lineNo, "a _KEY=value line, a ';' comment or a data block after _COUNTS/_CPS", line);
            foreach (string token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new PowderDataFormatException(fileName, lineNo, $"numbers in the {dataKind} block", token);
                values.Add(v);
            }
        }
        if (dataKind is not null) patterns.Add(Finish(global, range, dataKind, dataLine, values, fileName));
        if (patterns.Count == 0)
            throw new PowderDataFormatException(fileName, lines.Length, "a _COUNTS, _CPS, _2THETACOUNTS or _2THETACPS data block");
        if (patterns.Count > 1)
            for (int i = 0; i < patterns.Count; i++) patterns[i] = patterns[i].WithBank(i + 1);
        return patterns;
    }

    private static PowderPattern Finish(Dictionary<string, (string Value, int Line)> global, Dictionary<string, (string Value, int Line)> range,
                                        string kind, int dataLine, List<double> values, string? fileName)
    {
        if (values.Count == 0)
            throw new PowderDataFormatException(fileName, dataLine, $"at least one value after {kind}");
        double[] x, y;
        if (kind.StartsWith("_2THETA", StringComparison.Ordinal))
        {
            if (values.Count % 2 != 0)
                throw new PowderDataFormatException(fileName, dataLine, $"pairs of 2θ and intensity after {kind}", $"{values.Count} numbers");
            x = new double[values.Count / 2];
            y = new double[values.Count / 2];
            for (int i = 0; i < x.Length; i++) { x[i] = values[2 * i]; y[i] = values[2 * i + 1]; }
        }
        else
        {
            double start = Required(range, "_START", dataLine, fileName);
            double step = Required(range, "_STEPSIZE", dataLine, fileName);
            if (!(step > 0))
                throw new PowderDataFormatException(fileName, range["_STEPSIZE"].Line, "a positive _STEPSIZE", range["_STEPSIZE"].Value);
            y = values.ToArray();
            x = new double[y.Length];
            for (int i = 0; i < x.Length; i++) x[i] = start + i * step;
        }
        if (range.TryGetValue("_STEPCOUNT", out var declared) && int.TryParse(declared.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n != y.Length)
            throw new PowderDataFormatException(fileName, declared.Line, $"{n} data points as _STEPCOUNT says", $"{y.Length}");

        double? stepTime = Optional(range, "_STEPTIME", fileName) ?? Optional(global, "_STEPTIME", fileName);
        ImmutableArray<double>? sigma = null;
        if (kind.EndsWith("CPS", StringComparison.Ordinal) && stepTime is > 0 and var t)
        {
            var s = new double[y.Length];
            for (int i = 0; i < s.Length; i++) s[i] = PowderPattern.CountingSigma(y[i] * t) / t;
            sigma = ImmutableArray.Create(s);
        }

        PowderPattern p;
        try
        {
            p = new PowderPattern(AxisKind.TwoThetaDegrees, ImmutableArray.Create(x), ImmutableArray.Create(y), sigma);
        }
        catch (ArgumentException ex)
        {
            throw new PowderDataFormatException(fileName, dataLine, "strictly increasing 2θ values", ex.Message, ex);
        }
        p = p.WithFormat(FormatName).WithSourceFile(fileName).WithMetadata("intensity unit", kind.EndsWith("CPS", StringComparison.Ordinal) ? "cps" : "counts");
        foreach (var (key, value) in global.Concat(range)) p = p.WithMetadata(key.TrimStart('_'), value.Value);

        double? wl1 = Optional(global, "_WL1", fileName) ?? Optional(range, "_WL1", fileName);
        double? wl2 = Optional(global, "_WL2", fileName) ?? Optional(range, "_WL2", fileName);
        double? ratio = Optional(global, "_WLRATIO", fileName) ?? Optional(range, "_WLRATIO", fileName);
        if (wl1 is > 0)
        {
            p = wl2 is > 0 ? p.WithWavelengths(wl1.Value, wl2.Value) : p.WithWavelengths(wl1.Value);
            if (wl2 is > 0 && ratio is >= 0) p = p.WithWavelengthIntensityRatio(ratio);
        }
        if (global.TryGetValue("_SAMPLE", out var sample) && sample.Value.Length > 0) p = p.WithTitle(sample.Value);
        return p;
    }

    private static double Required(Dictionary<string, (string Value, int Line)> keys, string key, int dataLine, string? fileName) =>
        Optional(keys, key, fileName) ?? throw new PowderDataFormatException(fileName, dataLine, $"{key}= in the range header before the data block");

    private static double? Optional(Dictionary<string, (string Value, int Line)> keys, string key, string? fileName)
    {
        if (!keys.TryGetValue(key, out var entry)) return null;
        if (double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PowderDataFormatException(fileName, entry.Line, $"a number after {key}=", entry.Value);
    }
}
