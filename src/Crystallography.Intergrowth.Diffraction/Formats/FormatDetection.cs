using System.IO.Compression;
using System.Text;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>The powder-data file formats <see cref="PowderFile"/> recognises.</summary>
public enum PowderFileFormat
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>Plain columns x, y[, σ] (.xy, .xye, .xys, column .dat, .PRN, .csv) — <see cref="XyFile"/>.</summary>
    Columns,

    /// <summary>GSAS raw (STD, ESD, ALT, FXY, FXYE; CW or TOF; several banks) — <see cref="GsasRawFile"/>.</summary>
    GsasRaw,

    /// <summary>FullProf free format, INSTRM 0 ("start step end" then counts) — <see cref="FullProfDataFile"/>.</summary>
    FullProfFreeFormat,

    /// <summary>FullProf XYDATA, INSTRM 10 — <see cref="FullProfDataFile"/>.</summary>
    FullProfXyData,

    /// <summary>PANalytical XRDML (XML).</summary>
    Xrdml,

    /// <summary>Bruker/Siemens binary RAW (v1–v4).</summary>
    BrukerRaw,

    /// <summary>Bruker UXD text.</summary>
    BrukerUxd,

    /// <summary>Bruker BRML (zip of XML).</summary>
    BrukerBrml,

    /// <summary>Rigaku RASX (zip).</summary>
    RigakuRasx,

    /// <summary>Powder CIF (<c>_pd_meas_*</c>, <c>_pd_proc_*</c>).</summary>
    PdCif,
}

/// <summary>
/// Recognises a powder-data file from its content, using the extension only to break ties (a zip is BRML or RASX by its
/// entries, and by its extension when the entries do not tell).
/// </summary>
/// <remarks>
/// Order of the checks: zip magic (BRML: an entry "*RawData*.xml"; RASX: an entry "Data*/Profile*.txt"); Bruker RAW magic
/// ("RAW " / "RAW1" / "RAW2" / "RAW4"); XML with an <c>xrdMeasurements</c> element; CIF with a <c>data_</c> block and
/// <c>_pd_meas</c>/<c>_pd_proc</c>/<c>_pd_calc</c> items; UXD <c>_KEY=</c> lines with <c>_COUNTS</c>/<c>_2THETA</c>/<c>_FILEVERSION</c>; a GSAS BANK record;
/// FullProf XYDATA or "start step end" header; otherwise lines of 2–3 numbers are columns.
/// </remarks>
public static class FormatDetection
{
    /// <summary>The format of a file, judged from its content (and extension for ties).</summary>
    public static PowderFileFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] head;
        using (var fs = File.OpenRead(path))
        {
            head = new byte[(int)Math.Min(fs.Length, 64 * 1024)];
            fs.ReadExactly(head);
        }
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
            return DetectZip(path);
        return Detect(head, Path.GetExtension(path));
    }

    /// <summary>The format judged from the first bytes of a file (64 KiB is plenty) and its extension (may be empty).</summary>
    public static PowderFileFormat Detect(ReadOnlySpan<byte> head, string? extension = null)
    {
        string ext = (extension ?? "").TrimStart('.').ToLowerInvariant();
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
            return ext == "rasx" ? PowderFileFormat.RigakuRasx : ext == "brml" ? PowderFileFormat.BrukerBrml : PowderFileFormat.Unknown;
        if (head.Length >= 4 && head[0] == (byte)'R' && head[1] == (byte)'A' && head[2] == (byte)'W'
            && (head[3] == (byte)' ' || head[3] == (byte)'1' || head[3] == (byte)'2' || head[3] == (byte)'4'))
            return PowderFileFormat.BrukerRaw;
        if (head.IndexOf((byte)0) >= 0) return PowderFileFormat.Unknown; // other binary

        string text = Encoding.Latin1.GetString(head);
        string start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (start.StartsWith('<') && text.Contains("xrdMeasurement", StringComparison.Ordinal)) return PowderFileFormat.Xrdml;
        if (LooksLikePdCif(text)) return PowderFileFormat.PdCif;
        if (LooksLikeUxd(text)) return PowderFileFormat.BrukerUxd;
        if (GsasRawFile.LooksLikeGsas(text)) return PowderFileFormat.GsasRaw;
        var lines = PowderFileText.SplitLines(text);
        if (lines.Count > 0 && lines.Count == CountComplete(text) + 1) lines.RemoveAt(lines.Count - 1); // a cut last line
        switch (FullProfDataFile.DetectLayout(lines))
        {
            case FullProfDataLayout.XYSigma: return PowderFileFormat.FullProfXyData;
            case FullProfDataLayout.FreeFormat: return PowderFileFormat.FullProfFreeFormat;
        }
        return LooksLikeColumns(lines) ? PowderFileFormat.Columns : PowderFileFormat.Unknown;
    }

    private static int CountComplete(string text)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) n++;
        return n;
    }

    private static PowderFileFormat DetectZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var e in zip.Entries)
            {
                string n = e.FullName.Replace('\\', '/');
                if (n.Contains("RawData", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                    return PowderFileFormat.BrukerBrml;
                if (n.StartsWith("Data", StringComparison.OrdinalIgnoreCase) && n.Contains("/Profile", StringComparison.OrdinalIgnoreCase))
                    return PowderFileFormat.RigakuRasx;
            }
        }
        catch (InvalidDataException)
        {
            return PowderFileFormat.Unknown;
        }
        string ext = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        return ext == "rasx" ? PowderFileFormat.RigakuRasx : ext == "brml" ? PowderFileFormat.BrukerBrml : PowderFileFormat.Unknown;
    }

    private static bool LooksLikePdCif(string text)
    {
        bool block = false, pd = false;
        foreach (var (_, line) in PowderFileText.SplitLines(text))
        {
            string s = line.TrimStart();
            if (s.StartsWith("data_", StringComparison.OrdinalIgnoreCase)) block = true;
            // Measured or processed profile items, not the _pd_phase_ items of a structure CIF.
            if (s.StartsWith("_pd_meas", StringComparison.OrdinalIgnoreCase) || s.StartsWith("_pd_proc", StringComparison.OrdinalIgnoreCase)
                || s.StartsWith("_pd_calc", StringComparison.OrdinalIgnoreCase)) pd = true;
            if (block && pd) return true;
        }
        return false;
    }

    private static bool LooksLikeUxd(string text)
    {
        int keys = 0;
        foreach (var (_, line) in PowderFileText.SplitLines(text).Take(200))
        {
            string s = line.TrimStart();
            if (s.StartsWith("_FILEVERSION", StringComparison.Ordinal) || s.StartsWith("_COUNTS", StringComparison.Ordinal)
                || s.StartsWith("_2THETACOUNTS", StringComparison.Ordinal)) return true;
            if (s.Length > 1 && s[0] == '_' && s.Contains('=', StringComparison.Ordinal)) keys++;
        }
        return keys >= 3;
    }

    /// <summary>
    /// Columns: at most 40 header lines, then lines of 2–4 numbers, all with the same count, and nothing else but blank and
    /// comment lines (within the sample read).
    /// </summary>
    private static bool LooksLikeColumns(List<NumberedLine> lines)
    {
        int numeric = 0, header = 0, columns = 0;
        foreach (var (_, line) in lines)
        {
            string s = line.Trim();
            if (s.Length == 0 || s[0] is '#' or '!' or '/' or '*' or ';') continue;
            var t = PowderFileText.Tokens(s);
            if (t.Length is >= 2 and <= 4 && PowderFileText.AllNumbers(t))
            {
                if (numeric == 0) columns = t.Length;
                else if (t.Length != columns) return false;
                numeric++;
            }
            else if (numeric > 0 || ++header > 40) return false;
        }
        return numeric > 0;
    }
}
