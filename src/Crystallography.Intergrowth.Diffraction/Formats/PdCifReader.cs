using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads powder patterns from pdCIF files: pdCIF 1 (DDL1 names such as <c>_pd_meas_2theta_scan</c>),
/// pdCIF 2 / DDLm (<c>_pd_meas.2theta_scan</c>, CIF 2.0 syntax) and the EasyDiffraction
/// experiment dialect (DDLm names plus <c>_instr.wavelength</c>). One <see cref="PowderPattern"/> per
/// data block that holds observed intensities; blocks with calculated intensities only (such as
/// the IUCr's <c>*_simulated_*</c> blocks) are not patterns and are passed over.
/// </summary>
/// <remarks>
/// <para>Observed intensity, first present of: <c>_pd_meas_counts_total</c>,
/// <c>_pd_meas_intensity_total</c>, <c>_pd_proc_intensity_total</c>, <c>_pd_proc_intensity_net</c>,
/// <c>_pd_meas_intensity_net</c>. Abscissa, first present in the same loop of:
/// <c>_pd_meas_2theta_scan</c>, <c>_pd_proc_2theta_corrected</c>, <c>_pd_meas_time_of_flight</c>,
/// <c>_pd_proc_d_spacing</c>, <c>_pd_proc_recip_len_Q</c>; when the loop has none, 2θ is implied by
/// <c>_pd_meas_2theta_range_min/max/inc</c> (or the <c>_pd_proc_</c> range for processed
/// intensities), and the number of rows must equal (max − min)/inc + 1. Each name is also accepted
/// in its DDLm spelling (category and attribute joined by a full stop).</para>
/// <para>σ, in order: an <c>…_su</c> column beside the intensity; standard uncertainties in
/// parentheses, <c>40409(462)</c>; counting statistics when the intensities are counts;
/// <c>_pd_proc_ls_weight</c> as w = 1/σ² (w = 0 gives σ = 0, the "no weight" convention of
/// <see cref="PowderPattern"/>); otherwise counting statistics. The file is taken at its word:
/// gw5052Mg2Si's weight column holds √I rather than 1/I, and is read as the weight it is labelled.</para>
/// <para>Wavelength: <c>_diffrn_radiation_wavelength</c> (an item or a loop with <c>_wt</c>),
/// <c>_pd_proc_wavelength</c> or <c>_instr.wavelength</c>, from the data block, else from a block whose
/// <c>_pd_block_diffractogram_id</c> names this block's <c>_pd_block_id</c>, else from a block named
/// <c>global</c>. With two weighted lines, the ratio of their weights is the Kα2/Kα1 ratio.</para>
/// <para>Rows whose observed value is <c>.</c> or <c>?</c> are left out, and the number left out is
/// recorded in the metadata under "rows without an observed value".</para>
/// </remarks>
public static class PdCifReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "pdCIF";

    private static readonly (string Category, string Attribute, bool Counts)[] IntensityNames =
    [
        ("pd_meas", "counts_total", true),
        ("pd_meas", "intensity_total", false),
        ("pd_proc", "intensity_total", false),
        ("pd_proc", "intensity_net", false),
        ("pd_meas", "intensity_net", false),
    ];

    private static readonly (string Category, string Attribute, AxisKind Axis)[] AbscissaNames =
    [
        ("pd_meas", "2theta_scan", AxisKind.TwoThetaDegrees),
        ("pd_proc", "2theta_corrected", AxisKind.TwoThetaDegrees),
        ("pd_meas", "time_of_flight", AxisKind.TimeOfFlightMicroseconds),
        ("pd_proc", "d_spacing", AxisKind.DSpacingAngstrom),
        ("pd_proc", "recip_len_Q", AxisKind.QInverseAngstrom),
    ];

    /// <summary>Reads the first powder pattern of a pdCIF file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The CIF syntax is broken, no block holds observed intensities, or a data loop is malformed.</exception>
    public static PowderPattern Read(string path) => ReadAll(path)[0];

    /// <summary>Reads every powder pattern of a pdCIF file, in block order (<see cref="PowderPattern.Bank"/> is 1, 2, … when there are several).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The CIF syntax is broken, no block holds observed intensities, or a data loop is malformed.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ParseAll(File.ReadAllText(path), path);
    }

    /// <summary>Reads every powder pattern from pdCIF text.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">The CIF syntax is broken, no block holds observed intensities, or a data loop is malformed.</exception>
    public static IReadOnlyList<PowderPattern> ParseAll(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        CifDocument document;
        try
        {
            document = CifDocument.Parse(text, fileName);
        }
        catch (CifFormatException ex)
        {
            throw new PowderDataFormatException(fileName, ex.Line, "CIF syntax", ex.Reason, ex);
        }
        return ReadAll(document, fileName ?? document.FileName);
    }

    /// <summary>Reads every powder pattern of a parsed CIF document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>; defaults to the document's.</param>
    /// <exception cref="PowderDataFormatException">No block holds observed intensities, or a data loop is malformed.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(CifDocument document, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        fileName ??= document.FileName;
        var patterns = new List<PowderPattern>();
        foreach (var block in document.Blocks)
        {
            if (ReadBlock(document, block, fileName) is { } p) patterns.Add(p);
        }
        if (patterns.Count == 0)
        {
            string names = string.Join(", ", IntensityNames.Select(n => "_" + n.Category + "_" + n.Attribute));
            throw new PowderDataFormatException(fileName, 0, $"a data block with a loop of observed intensities ({names})",
                $"{document.Blocks.Length} block(s) without one");
        }
        if (patterns.Count > 1)
            for (int i = 0; i < patterns.Count; i++) patterns[i] = patterns[i].WithBank(i + 1);
        return patterns;
    }

    private static string? FindTag(CifContainer block, string category, string attribute) =>
        block.FirstPresent("_" + category + "_" + attribute, "_" + category + "." + attribute);

    private static PowderPattern? ReadBlock(CifDocument document, CifBlock block, string? fileName)
    {
        string? yTag = null;
        bool isCounts = false;
        foreach (var (category, attribute, counts) in IntensityNames)
        {
            yTag = FindTag(block, category, attribute);
            if (yTag is not null && block.FindLoop(yTag) is not null) { isCounts = counts; break; }
            yTag = null;
        }
        if (yTag is null) return null;
        var loop = block.FindLoop(yTag)!;
        int yColumn = loop.IndexOf(yTag);
        int line = loop.Line;

        // Abscissa: a column of the same loop, or a range implied by min/max/inc.
        int xColumn = -1;
        string? xTag = null;
        var axis = AxisKind.TwoThetaDegrees;
        foreach (var (category, attribute, kind) in AbscissaNames)
        {
            foreach (string candidate in new[] { "_" + category + "_" + attribute, "_" + category + "." + attribute })
            {
                int c = loop.IndexOf(candidate);
                if (c >= 0) { xColumn = c; xTag = loop.Tags[c]; axis = kind; break; }
            }
            if (xColumn >= 0) break;
        }

        int su = -1;
        foreach (string suffix in new[] { "_su", "_esd" })
        {
            su = loop.IndexOf(yTag + suffix);
            if (su >= 0) break;
        }
        int weightColumn = -1;
        foreach (string candidate in new[] { "_pd_proc_ls_weight", "_pd_proc.ls_weight" })
        {
            weightColumn = loop.IndexOf(candidate);
            if (weightColumn >= 0) break;
        }

        int rows = loop.RowCount;
        double[]? implied = null;
        if (xColumn < 0)
        {
            implied = ImpliedTwoTheta(block, yTag, rows, fileName, line);
            xTag = "implied by _pd_*_2theta_range_min/max/inc";
        }
        else
        {
            // A declared number of points must agree with the loop (same meas/proc family as the intensity).
            string family = yTag.StartsWith("_pd_meas", StringComparison.OrdinalIgnoreCase) ? "pd_meas" : "pd_proc";
            if (FindTag(block, family, "number_of_points") is { } nTag
                && block.Find(nTag)?.AsNumber() is { } declared && (int)declared.Value != rows)
                throw new PowderDataFormatException(fileName, line, $"{(int)declared.Value} rows in the data loop, as {nTag} says", $"{rows} rows");
        }

        var x = new List<double>(rows);
        var y = new List<double>(rows);
        var sigma = new List<double>(rows);
        var weights = new List<double?>(rows);
        bool anyParenthesised = false;
        int skipped = 0;
        for (int r = 0; r < rows; r++)
        {
            var yValue = loop[r, yColumn];
            if (yValue.IsMissing) { skipped++; continue; }
            var yNumber = Number(yValue, yTag, fileName, line);
            double xv = implied is not null ? implied[r] : Number(loop[r, xColumn], xTag!, fileName, line).Value;
            double s = double.NaN;
            if (su >= 0 && !loop[r, su].IsMissing) s = Number(loop[r, su], loop.Tags[su], fileName, line).Value;
            else if (yNumber.HasUncertainty) { s = yNumber.StandardUncertainty; anyParenthesised = true; }
            double? w = null;
            if (weightColumn >= 0 && !loop[r, weightColumn].IsMissing)
                w = Number(loop[r, weightColumn], loop.Tags[weightColumn], fileName, line).Value;
            x.Add(xv);
            y.Add(yNumber.Value);
            sigma.Add(s);
            weights.Add(w);
        }
        if (x.Count == 0)
            throw new PowderDataFormatException(fileName, line, $"at least one observed value in the {yTag} column", "only '.' or '?'");

        ImmutableArray<double>? sigmaArray = null;
        string sigmaFrom;
        if (su >= 0 || anyParenthesised)
        {
            var s = new double[x.Count];
            for (int i = 0; i < s.Length; i++) s[i] = double.IsNaN(sigma[i]) ? PowderPattern.CountingSigma(y[i]) : sigma[i];
            sigmaArray = ImmutableArray.Create(s);
            sigmaFrom = su >= 0 ? loop.Tags[su] : "parentheses";
        }
        else if (isCounts)
        {
            sigmaFrom = "counting statistics";
        }
        else if (weightColumn >= 0 && weights.All(w => w is >= 0))
        {
            var s = new double[x.Count];
            for (int i = 0; i < s.Length; i++) s[i] = weights[i]!.Value > 0 ? 1.0 / Math.Sqrt(weights[i]!.Value) : 0.0;
            sigmaArray = ImmutableArray.Create(s);
            sigmaFrom = loop.Tags[weightColumn] + " (σ = 1/√w)";
        }
        else
        {
            sigmaFrom = "counting statistics";
        }

        // Files list points in either direction; PowderPattern wants increasing x.
        if (x.Count > 1 && x[0] > x[^1])
        {
            x.Reverse();
            y.Reverse();
            if (sigmaArray is { } sa) sigmaArray = ImmutableArray.CreateRange(sa.Reverse());
        }

        PowderPattern p;
        try
        {
            p = new PowderPattern(axis, [.. x], [.. y], sigmaArray);
        }
        catch (ArgumentException ex)
        {
            throw new PowderDataFormatException(fileName, line, $"strictly monotonic {xTag} values and finite intensities", ex.Message, ex);
        }
        p = p.WithFormat(FormatName).WithSourceFile(fileName)
             .WithMetadata("block", block.Name)
             .WithMetadata("intensity column", yTag)
             .WithMetadata("abscissa", xTag!)
             .WithMetadata("sigma from", sigmaFrom);
        if (skipped > 0) p = p.WithMetadata("rows without an observed value", skipped.ToString(CultureInfo.InvariantCulture));
        string? blockId = block.Find("_pd_block_id")?.AsText() ?? block.Find("_pd_block.id")?.AsText();
        p = p.WithTitle(blockId ?? block.Name);
        foreach (var (tag, key) in new[] { ("_diffrn_radiation_probe", "probe"), ("_diffrn_radiation.probe", "probe"),
                                            ("_expt_type.radiation_probe", "probe"), ("_expt_type.beam_mode", "beam mode"),
                                            ("_instr.2theta_offset", "2θ offset (°)"), ("_pd_proc_ls_prof_wR_factor", "Rwp"),
                                            ("_pd_proc_ls.prof_wR_factor", "Rwp") })
        {
            if (block.Find(tag)?.AsText() is { } v && !p.Metadata.ContainsKey(key)) p = p.WithMetadata(key, v);
        }

        if (axis != AxisKind.TimeOfFlightMicroseconds)
        {
            var wavelengthBlock = new[] { block }
                .Concat(document.Blocks.Where(b => blockId is not null && b != block
                    && (b.FindAll("_pd_block_diffractogram_id").Concat(b.FindAll("_pd_block_diffractogram.id")))
                        .Any(v => string.Equals(v.AsText(), blockId, StringComparison.Ordinal))))
                .Concat(document.Blocks.Where(b => string.Equals(b.Name, "global", StringComparison.OrdinalIgnoreCase)));
            foreach (var candidate in wavelengthBlock)
            {
                if (Wavelengths(candidate, fileName) is { Length: > 0 } lines)
                {
                    p = p.WithWavelengths([.. lines.Select(l => l.Lambda)]);
                    if (lines.Length == 2 && lines[0].Weight is > 0 && lines[1].Weight is >= 0)
                        p = p.WithWavelengthIntensityRatio(lines[1].Weight!.Value / lines[0].Weight!.Value);
                    if (lines.Length > 2 && lines.All(l => l.Weight is not null))
                        p = p.WithMetadata("wavelength weights", string.Join(" ", lines.Select(l => l.Weight!.Value.ToString("R", CultureInfo.InvariantCulture))));
                    if (candidate != block) p = p.WithMetadata("wavelength from block", candidate.Name);
                    break;
                }
            }
        }
        return p;
    }

    private static (double Lambda, double? Weight)[] Wavelengths(CifBlock block, string? fileName)
    {
        foreach (string tag in new[] { "_diffrn_radiation_wavelength", "_diffrn_radiation_wavelength.value", "_pd_proc_wavelength",
                                       "_pd_proc.wavelength", "_instr.wavelength" })
        {
            var values = block.FindAll(tag);
            if (values.Count == 0 || values.All(v => v.IsMissing)) continue;
            var loop = block.FindLoop(tag);
            int wt = loop is null ? -1 : Math.Max(loop.IndexOf("_diffrn_radiation_wavelength_wt"), loop.IndexOf("_diffrn_radiation_wavelength.wt"));
            var result = new List<(double, double?)>();
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i].IsMissing) continue;
                double lambda = Number(values[i], tag, fileName, values[i].Line).Value;
                double? weight = wt >= 0 && !loop![i, wt].IsMissing ? Number(loop[i, wt], loop.Tags[wt], fileName, values[i].Line).Value : null;
                if (lambda > 0) result.Add((lambda, weight));
            }
            if (result.Count > 0) return [.. result];
        }
        return [];
    }

    private static double[] ImpliedTwoTheta(CifBlock block, string yTag, int rows, string? fileName, int line)
    {
        string[] families = yTag.StartsWith("_pd_proc", StringComparison.OrdinalIgnoreCase) ? ["pd_proc", "pd_meas"] : ["pd_meas", "pd_proc"];
        foreach (string family in families)
        {
            string? minTag = FindTag(block, family, "2theta_range_min");
            string? maxTag = FindTag(block, family, "2theta_range_max");
            string? incTag = FindTag(block, family, "2theta_range_inc");
            if (minTag is null || maxTag is null || incTag is null) continue;
            double min = Number(block.Find(minTag) ?? CifValue.Unknown, minTag, fileName, line).Value;
            double max = Number(block.Find(maxTag) ?? CifValue.Unknown, maxTag, fileName, line).Value;
            double inc = Number(block.Find(incTag) ?? CifValue.Unknown, incTag, fileName, line).Value;
            if (!(inc > 0) || !(max >= min))
                throw new PowderDataFormatException(fileName, line, $"{minTag} ≤ {maxTag} and a positive {incTag}",
                    string.Create(CultureInfo.InvariantCulture, $"{min}, {max}, {inc}"));
            double steps = (max - min) / inc;
            int n = (int)Math.Round(steps) + 1;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-6 * Math.Max(1, steps) || n != rows)
                throw new PowderDataFormatException(fileName, line,
                    string.Create(CultureInfo.InvariantCulture, $"{rows} rows = ({max} − {min})/{inc} + 1 points of the implied 2θ range"),
                    string.Create(CultureInfo.InvariantCulture, $"the range gives {steps + 1:G6} points"));
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = min + i * inc;
            x[n - 1] = max;
            return x;
        }
        throw new PowderDataFormatException(fileName, line,
            "a 2θ, time-of-flight, d or Q column in the data loop, or _pd_meas_2theta_range_min/max/inc for an implied 2θ range");
    }

    private static MeasuredValue Number(CifValue value, string tag, string? fileName, int fallbackLine)
    {
        if (value.TryGetNumber(out var number)) return number;
        throw new PowderDataFormatException(fileName, value.Line > 0 ? value.Line : fallbackLine, $"a number for {tag}", value.Text);
    }
}
