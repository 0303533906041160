using System.Collections.Immutable;
using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>Options of <see cref="GsasRawFile"/>.</summary>
public sealed record GsasReadOptions
{
    /// <summary>
    /// Forces the axis of CONST/CONS banks (the BANK line does not say whether the unit is centidegrees or µs).
    /// Null infers it: banks with SLOG, RALF or a TIME_MAP are time of flight; CONST banks whose last x exceeds
    /// 18000 (more than 180° in centidegrees) are time of flight; otherwise 2θ.
    /// </summary>
    public AxisKind? Axis { get; init; }

    /// <summary>Default options.</summary>
    public static GsasReadOptions Default { get; } = new();
}

/// <summary>
/// Reads GSAS raw powder files (<c>.gsa</c>, <c>.gss</c>, <c>.raw</c>, <c>.fxye</c>, <c>.xra</c>, <c>.cwn</c>, …):
/// a title line, optional "Instrument parameter file:" / "Monitor:" / <c>#</c> comment lines, then one or more banks,
/// each a <c>BANK</c> record followed by its data.
/// </summary>
/// <remarks>
/// <para>BANK record: <c>BANK ibank nchan nrec bintyp bcoef1 bcoef2 bcoef3 bcoef4 [type]</c>. Binning: CONST/CONS
/// (x = bcoef1 + i·bcoef2, centidegrees for CW, µs for TOF), SLOG (TOF, x = bcoef1·(1 + bcoef3)^i, bcoef2 the last TOF),
/// RALF and TIME_MAP (TOF, from a <c>TIME_MAP</c> record: x = clock width × the mapped channel time). Types:
/// STD (10 points a line, (I2, F6.0): number of counters n and count y; σ² = y/n; default when no type is given),
/// ESD (5 points a line, (F8.0, F8.0): y, σ), ALT (4 points a line, (F8.0, F7.0, F5.0): 32·x, 1000·y, 1000·σ, as GSAS-II reads it),
/// FXY (x, y) and FXYE (x, y, σ), free format with x given explicitly.</para>
/// <para>Units on return: 2θ in degrees (the file's centidegrees ÷ 100), TOF in µs. Points with y ≤ 0 keep their value;
/// σ for STD points with y ≤ 0 is 1 (the library convention, <see cref="SigmaSource.CountingStatistics"/>), whereas GSAS-II
/// gives them weight 0. Every bank must hold its declared nchan points: a shorter bank is an error, never half a pattern
/// (GSAS-II silently drops the last STD channel; this reader keeps all nchan).</para>
/// </remarks>
public static class GsasRawFile
{
    /// <summary>Reads every bank of a GSAS raw file, in file order.</summary>
    /// <exception cref="PowderDataFormatException">The file is malformed or a bank is truncated.</exception>
    public static ImmutableArray<PowderPattern> Read(string path, GsasReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(PowderFileText.ReadAllText(path), path, options);
    }

    /// <summary>True when the text looks like a GSAS raw file: a line starting with "BANK" followed by integers.</summary>
    public static bool LooksLikeGsas(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (_, line) in PowderFileText.SplitLines(text).Skip(1).Take(400))
        {
            if (!line.StartsWith("BANK", StringComparison.Ordinal)) continue;
            var t = PowderFileText.Tokens(line);
            return t.Length >= 5 && int.TryParse(t[1], out _) && int.TryParse(t[2], out _);
        }
        return false;
    }

    /// <summary>Parses the text of a GSAS raw file (see <see cref="Read"/>).</summary>
    public static ImmutableArray<PowderPattern> Parse(string text, string? fileName = null, GsasReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= GsasReadOptions.Default;
        var lines = PowderFileText.SplitLines(text);
        if (lines.Count == 0) throw new PowderDataFormatException(fileName, 0, "a title line and a BANK record");
        string title = lines[0].Text.Trim();
        var comments = new List<string>();
        var fileMeta = new Dictionary<string, string>(StringComparer.Ordinal);
        var timeMaps = new Dictionary<string, (double[] Tof, int Line)>(StringComparer.Ordinal);
        var banks = ImmutableArray.CreateBuilder<PowderPattern>();

        int i = 1;
        while (i < lines.Count)
        {
            var (number, line) = lines[i];
            if (line.StartsWith("BANK", StringComparison.Ordinal))
            {
                banks.Add(ReadBank(lines, ref i, fileName, title, comments, fileMeta, timeMaps, options));
                comments = [];
                continue;
            }
            if (line.StartsWith("TIME_MAP", StringComparison.Ordinal))
            {
                ReadTimeMap(lines, ref i, fileName, timeMaps);
                continue;
            }
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') { if (trimmed.Length > 1) comments.Add(trimmed[1..].Trim()); i++; continue; }
            if (i == 1 && trimmed.StartsWith("inst", StringComparison.OrdinalIgnoreCase) && trimmed.Contains(':', StringComparison.Ordinal))
            {
                fileMeta["InstrumentParameterFile"] = trimmed[(trimmed.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Trim('[', ']').Trim();
                i++; continue;
            }
            if (trimmed.StartsWith("Monitor", StringComparison.OrdinalIgnoreCase))
            {
                fileMeta["Monitor"] = trimmed[(trimmed.IndexOfAny([':', '=']) + 1)..].Trim();
                i++; continue;
            }
            throw new PowderDataFormatException(fileName, number,
                banks.Count == 0 ? "a BANK record, a '#' comment, 'Monitor:' or 'TIME_MAP'" : "a BANK record after the data of the previous bank",
                trimmed);
        }
        if (banks.Count == 0) throw new PowderDataFormatException(fileName, 0, "at least one BANK record");
        return banks.ToImmutable();
    }

    private static PowderPattern ReadBank(List<NumberedLine> lines, ref int i, string? fileName, string title,
                                          List<string> comments, Dictionary<string, string> fileMeta,
                                          Dictionary<string, (double[] Tof, int Line)> timeMaps, GsasReadOptions options)
    {
        var (bankLine, bankText) = lines[i];
        string[] t = PowderFileText.Tokens(bankText);
        const string BankSyntax = "BANK ibank nchan nrec bintyp bcoef1 bcoef2 … [STD|ESD|ALT|FXY|FXYE]";
        if (t.Length < 5) throw new PowderDataFormatException(fileName, bankLine, BankSyntax, bankText.Trim());
        if (!int.TryParse(t[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int bank)
            || !int.TryParse(t[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int nchan) || nchan < 0
            || !int.TryParse(t[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int nrec))
            throw new PowderDataFormatException(fileName, bankLine, "integers ibank, nchan, nrec in " + BankSyntax, bankText.Trim());
        string binType = t[4].ToUpperInvariant();
        var coefs = new List<double>();
        string dataType = "STD";
        for (int k = 5; k < t.Length; k++)
        {
            if (PowderFileText.TryParse(t[k], out double c)) coefs.Add(c);
            else dataType = t[k].ToUpperInvariant();
        }
        if (dataType is not ("STD" or "ESD" or "ALT" or "FXY" or "FXYE"))
            throw new PowderDataFormatException(fileName, bankLine, "data type STD, ESD, ALT, FXY or FXYE", dataType);
        if (binType is not ("CONST" or "CONS" or "SLOG" or "RALF" or "TIME_MAP"))
            throw new PowderDataFormatException(fileName, bankLine, "binning CONST, CONS, SLOG, RALF or TIME_MAP", t[4]);
        bool explicitX = dataType is "FXY" or "FXYE" || dataType == "ALT";
        int needCoefs = binType == "SLOG" ? 3 : binType is "CONST" or "CONS" ? 2 : 1;
        if (!explicitX && coefs.Count < needCoefs)
            throw new PowderDataFormatException(fileName, bankLine, $"{needCoefs} numeric coefficients after {binType}", bankText.Trim());
        i++;

        var ys = new List<double>(nchan);
        var ss = new List<double>(nchan);
        var xs = new List<double>(nchan);
        bool anyCounterAboveOne = false;
        int lastLine = bankLine;
        // Data lines run to the next BANK, TIME_MAP or '#' line (or the end of the file).
        while (i < lines.Count)
        {
            var (number, line) = lines[i];
            if (line.StartsWith("BANK", StringComparison.Ordinal) || line.StartsWith("TIME_MAP", StringComparison.Ordinal)
                || line.TrimStart().StartsWith('#')) break;
            if (line.Trim().Length == 0) { i++; continue; }
            if (ys.Count >= nchan)
            {
                // Fixed-format records are padded to full lines: values after nchan are padding. FXY/FXYE give x
                // explicitly and GSAS-II reads every line up to the next BANK, so extra lines are read and the
                // mismatch is noted in the metadata (11BM_NAC.fxye declares 59497 points and holds 59498).
                if (dataType is not ("FXY" or "FXYE")) { i++; continue; }
            }
            switch (dataType)
            {
                case "STD": ReadStd(line, number, fileName, nchan, ys, ss, ref anyCounterAboveOne); break;
                case "ESD": ReadFixed(line, number, fileName, nchan, 16, 8, 8, ys, ss); break;
                case "ALT": ReadAlt(line, number, fileName, nchan, xs, ys, ss); break;
                default: ReadFree(line, number, fileName, dataType == "FXYE", xs, ys, ss); break;
            }
            lastLine = number;
            i++;
        }
        if (ys.Count < nchan)
            throw new PowderDataFormatException(fileName, lastLine,
                $"{nchan} points in bank {bank} (BANK record on line {bankLine}), found only {ys.Count}: truncated bank");

        bool tof = binType is "SLOG" or "RALF" or "TIME_MAP" || (binType is "CONST" or "CONS" && timeMaps.Count > 0 && dataType is "STD" or "ESD");
        double[] x;
        if (dataType is "FXY" or "FXYE" or "ALT")
        {
            x = [.. xs];
        }
        else if (binType is "CONST" or "CONS" && !(timeMaps.Count > 0))
        {
            x = new double[nchan];
            for (int k = 0; k < nchan; k++) x[k] = coefs[0] + k * coefs[1];
        }
        else if (binType == "SLOG")
        {
            x = new double[nchan];
            for (int k = 0; k < nchan; k++) x[k] = coefs[0] * Math.Pow(1 + coefs[2], k);
        }
        else
        {
            string mapNo = coefs.Count > 0 ? ((int)coefs[0]).ToString(CultureInfo.InvariantCulture) : "1";
            if (!timeMaps.TryGetValue(mapNo, out var map) && !(timeMaps.Count == 1 && (map = timeMaps.Values.First()).Tof is not null))
                throw new PowderDataFormatException(fileName, bankLine, $"a TIME_MAP record numbered {mapNo} before this bank");
            if (map.Tof.Length < nchan)
                throw new PowderDataFormatException(fileName, map.Line, $"a TIME_MAP covering {nchan} channels, it covers {map.Tof.Length}");
            x = map.Tof[..nchan];
        }

        if (!tof && binType is "CONST" or "CONS")
            tof = options.Axis is null && x.Length > 0 && x[^1] > 18000;
        AxisKind axis = options.Axis ?? (tof ? AxisKind.TimeOfFlightMicroseconds : AxisKind.TwoThetaDegrees);
        if (axis == AxisKind.TwoThetaDegrees)
            for (int k = 0; k < x.Length; k++) x[k] /= 100.0; // GSAS writes 2θ in centidegrees.

        for (int k = 1; k < x.Length; k++)
            if (!(x[k] > x[k - 1]))
                throw new PowderDataFormatException(fileName, bankLine,
                    string.Create(CultureInfo.InvariantCulture, $"x increasing in bank {bank}, but point {k + 1} has x = {x[k]} after {x[k - 1]}"));

        bool sigmaInFile = dataType is "ESD" or "ALT" or "FXYE" || anyCounterAboveOne;
        var pattern = new PowderPattern(axis, [.. x], [.. ys], sigmaInFile ? [.. ss] : null)
            .WithFormat("GSAS " + dataType).WithSourceFile(fileName).WithTitle(title).WithBank(bank);
        var meta = new Dictionary<string, string>(fileMeta, StringComparer.Ordinal)
        {
            ["BANK"] = bankText.Trim(),
            ["Binning"] = binType,
            ["DataType"] = dataType,
            ["nchan"] = nchan.ToString(CultureInfo.InvariantCulture),
            ["nrec"] = nrec.ToString(CultureInfo.InvariantCulture),
        };
        if (ys.Count != nchan) meta["nchanMismatch"] = $"BANK declares {nchan} points, the bank holds {ys.Count}";
        if (coefs.Count > 0) meta["BankCoefficients"] = string.Join(" ", coefs.Select(PowderFileText.Invariant));
        if (comments.Count > 0) meta["Comments"] = string.Join("\n", comments);
        foreach (string c in comments)
        {
            int eq = c.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            string key = c[..eq].Trim();
            if (key.StartsWith("Temp", StringComparison.OrdinalIgnoreCase)) meta["Temperature"] = c[(eq + 1)..].Trim();
        }
        return pattern.WithMetadata(meta);
    }

    private static void ReadStd(string line, int number, string? fileName, int nchan, List<double> ys, List<double> ss,
                                ref bool anyCounterAboveOne)
    {
        for (int p = 0; p + 2 <= line.Length && p < 80 && ys.Count < nchan; p += 8)
        {
            string field = Field(line, p, 8);
            if (field.Trim().Length == 0) break;
            string counters = Field(line, p, 2).Trim();
            string count = Field(line, p + 2, 6);
            int n = 1;
            if (counters.Length > 0 && (!int.TryParse(counters, NumberStyles.Integer, CultureInfo.InvariantCulture, out n) || n < 0))
                throw new PowderDataFormatException(fileName, number, $"STD record: an I2 number of counters in columns {p + 1}–{p + 2}", field);
            n = Math.Max(n, 1);
            if (!PowderFileText.TryParse(count, out double y))
                throw new PowderDataFormatException(fileName, number, $"STD record: a count (F6.0) in columns {p + 3}–{p + 8}", field);
            if (n > 1) anyCounterAboveOne = true;
            ys.Add(y);
            ss.Add(y > 0 ? Math.Sqrt(y / n) : 1.0);
        }
    }

    private static void ReadFixed(string line, int number, string? fileName, int nchan, int stride, int yWidth, int sWidth,
                                  List<double> ys, List<double> ss)
    {
        for (int p = 0; p < line.Length && p < 80 && ys.Count < nchan; p += stride)
        {
            string yField = Field(line, p, yWidth), sField = Field(line, p + yWidth, sWidth);
            if (yField.Trim().Length == 0) break;
            if (!PowderFileText.TryParse(yField, out double y))
                throw new PowderDataFormatException(fileName, number, $"ESD record: an intensity (F8.0) in columns {p + 1}–{p + yWidth}", yField);
            if (!PowderFileText.TryParse(sField, out double s) || s < 0)
                throw new PowderDataFormatException(fileName, number, $"ESD record: σ ≥ 0 (F8.0) in columns {p + yWidth + 1}–{p + yWidth + sWidth}", sField);
            ys.Add(y);
            ss.Add(s);
        }
    }

    private static void ReadAlt(string line, int number, string? fileName, int nchan, List<double> xs, List<double> ys, List<double> ss)
    {
        for (int p = 0; p < line.Length && p < 80 && ys.Count < nchan; p += 20)
        {
            string xf = Field(line, p, 8), yf = Field(line, p + 8, 7), sf = Field(line, p + 15, 5);
            if (xf.Trim().Length == 0) break;
            if (!PowderFileText.TryParse(xf, out double x) || !PowderFileText.TryParse(yf, out double y)
                || !PowderFileText.TryParse(sf, out double s) || s < 0)
                throw new PowderDataFormatException(fileName, number, $"ALT record: x (F8.0), y (F7.0), σ (F5.0) in columns {p + 1}–{p + 20}",
                                                    Field(line, p, 20));
            if (x == 0) break;
            xs.Add(x / 32.0);
            ys.Add(y / 1000.0);
            ss.Add(s / 1000.0);
        }
    }

    private static void ReadFree(string line, int number, string? fileName, bool withSigma, List<double> xs, List<double> ys, List<double> ss)
    {
        string[] t = PowderFileText.Tokens(line);
        int need = withSigma ? 3 : 2;
        string what = withSigma ? "3 numbers (x, y, σ) on an FXYE line" : "2 numbers (x, y) on an FXY line";
        if (t.Length != need) throw new PowderDataFormatException(fileName, number, what, line.Trim());
        xs.Add(PowderFileText.Parse(t[0], fileName, number, what));
        double y = PowderFileText.Parse(t[1], fileName, number, what);
        ys.Add(y);
        if (withSigma)
        {
            double s = PowderFileText.Parse(t[2], fileName, number, what);
            if (s < 0) throw new PowderDataFormatException(fileName, number, "σ ≥ 0", t[2]);
            ss.Add(s);
        }
        else
        {
            ss.Add(PowderPattern.CountingSigma(y));
        }
    }

    /// <summary>
    /// TIME_MAP mapNo nvals nrec TIME_MAP clockwidth(ns), then nrec records of integers forming triplets
    /// (first channel, its time in clock ticks, tick step) and a final maximum time — as GSAS-II decodes it.
    /// </summary>
    private static void ReadTimeMap(List<NumberedLine> lines, ref int i, string? fileName, Dictionary<string, (double[] Tof, int Line)> maps)
    {
        var (number, text) = lines[i];
        string[] t = PowderFileText.Tokens(text.Length > 8 ? text[8..] : "");
        const string Syntax = "TIME_MAP mapNo nvals nrec TIME_MAP clockwidth";
        if (t.Length < 5 || !int.TryParse(t[1], out int nvals) || !int.TryParse(t[2], out int nrec)
            || !PowderFileText.TryParse(t[4], out double clockNs))
            throw new PowderDataFormatException(fileName, number, Syntax, text.Trim());
        string mapNo = text.StartsWith("TIME_MAP10", StringComparison.Ordinal) ? "1" : t[0];
        var values = new List<long>();
        i++;
        for (int r = 0; r < nrec; r++, i++)
        {
            if (i >= lines.Count) throw new PowderDataFormatException(fileName, number, $"{nrec} TIME_MAP records, file ended after {r}");
            foreach (string tok in PowderFileText.Tokens(lines[i].Text))
            {
                if (!long.TryParse(tok, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
                    throw new PowderDataFormatException(fileName, lines[i].Number, "integers in a TIME_MAP record", tok);
                values.Add(v);
            }
        }
        if (values.Count < 4 || (values.Count - 1) % 3 != 0)
            throw new PowderDataFormatException(fileName, number, $"TIME_MAP values in triplets plus a final time ({nvals} declared), found {values.Count}");
        int nseg = (values.Count - 1) / 3;
        long tMax = values[^1];
        var tof = new List<double>();
        double clockUs = clockNs / 1000.0;
        for (int s = 0; s < nseg; s++)
        {
            long ch = values[3 * s] - 1, time = values[3 * s + 1], step = values[3 * s + 2];
            long nextCh = s + 1 < nseg ? values[3 * (s + 1)] - 1 : ch + (tMax - time + step - 1) / Math.Max(step, 1);
            for (long c = ch; c < nextCh; c++) tof.Add((time + step * (c - ch)) * clockUs);
        }
        maps[mapNo] = (tof.ToArray(), number);
    }

    private static string Field(string line, int start, int width)
    {
        if (start >= line.Length) return "";
        return line.Substring(start, Math.Min(width, line.Length - start));
    }
}
