using System.Globalization;
using System.Text.RegularExpressions;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>How <see cref="PdCifWriter"/> writes standard uncertainties of the intensities.</summary>
public enum PdCifUncertaintyStyle
{
    /// <summary>
    /// A separate column <c>_pd_meas_intensity_total_su</c> with σ to full precision, so a pattern
    /// reads back exactly. The default.
    /// </summary>
    Column,

    /// <summary>
    /// σ in parentheses after each intensity, <c>40409(462)</c>, the pdCIF 1 habit that every DDL1
    /// reader understands: the intensity keeps all its digits and σ is rounded to the intensity's last
    /// digit. A σ of 0 cannot be written this way (the point is written without parentheses and reads
    /// back with counting statistics).
    /// </summary>
    Parentheses,
}

/// <summary>
/// Writes a <see cref="PowderPattern"/> as a pdCIF 1 data block: wavelength(s), the number of points
/// and one loop of abscissa, intensity and σ (<c>_pd_meas_2theta_scan</c>,
/// <c>_pd_meas_time_of_flight</c>, <c>_pd_proc_d_spacing</c> or <c>_pd_proc_recip_len_Q</c>, then
/// <c>_pd_meas_intensity_total</c> and <c>_pd_meas_intensity_total_su</c>).
/// </summary>
/// <remarks>
/// A pattern whose σ came from counting statistics and whose intensities are all whole numbers is
/// written as <c>_pd_meas_counts_total</c> without σ, which <see cref="PdCifReader"/> reads back to the
/// same pattern. Numbers are written with the shortest text that reads back to the same double. Two
/// wavelengths with a known ratio are written as a loop of <c>_diffrn_radiation_wavelength</c> with
/// weights 1 and the ratio. Energy-dispersive patterns have no pdCIF abscissa here and are refused.
/// </remarks>
public static partial class PdCifWriter
{
    /// <summary>Writes the pattern as the text of a CIF 1.1 file with one data block.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="blockName">The data block name (letters, digits, '_', '-', '.'); defaults to one made from the title or "pattern".</param>
    /// <param name="uncertainties">How σ is written.</param>
    /// <exception cref="ArgumentException">The pattern is energy-dispersive or empty, or the block name is not valid.</exception>
    public static string Write(PowderPattern pattern, string? blockName = null, PdCifUncertaintyStyle uncertainties = PdCifUncertaintyStyle.Column) =>
        new CifDocument([ToBlock(pattern, blockName, uncertainties)], CifVersion.Cif11).ToCifText();

    /// <summary>Writes the pattern to a file as pdCIF.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="pattern">The pattern.</param>
    /// <param name="blockName">The data block name; defaults to one made from the title or "pattern".</param>
    /// <param name="uncertainties">How σ is written.</param>
    /// <exception cref="ArgumentException">The pattern is energy-dispersive or empty, or the block name is not valid.</exception>
    public static void Write(string path, PowderPattern pattern, string? blockName = null, PdCifUncertaintyStyle uncertainties = PdCifUncertaintyStyle.Column)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, Write(pattern, blockName, uncertainties));
    }

    /// <summary>The pattern as a CIF data block, for documents that hold more (phases, other patterns).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="blockName">The data block name; defaults to one made from the title or "pattern".</param>
    /// <param name="uncertainties">How σ is written.</param>
    /// <exception cref="ArgumentException">The pattern is energy-dispersive or empty, or the block name is not valid.</exception>
    public static CifBlock ToBlock(PowderPattern pattern, string? blockName = null, PdCifUncertaintyStyle uncertainties = PdCifUncertaintyStyle.Column)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Count == 0) throw new ArgumentException("An empty pattern cannot be written: a CIF loop needs at least one row.", nameof(pattern));
        string xTag = pattern.Axis switch
        {
            AxisKind.TwoThetaDegrees => "_pd_meas_2theta_scan",
            AxisKind.TimeOfFlightMicroseconds => "_pd_meas_time_of_flight",
            AxisKind.DSpacingAngstrom => "_pd_proc_d_spacing",
            AxisKind.QInverseAngstrom => "_pd_proc_recip_len_Q",
            _ => throw new ArgumentException($"pdCIF has no abscissa here for {pattern.Axis} patterns.", nameof(pattern)),
        };
        string name = blockName ?? DefaultName(pattern);

        var nodes = new List<CifNode>();
        nodes.Add(new CifItem("_pd_block_id", CifValue.FromText(pattern.Title is { Length: > 0 } t ? t : name)));
        if (pattern.Axis != AxisKind.TimeOfFlightMicroseconds && !pattern.Wavelengths.IsDefaultOrEmpty)
        {
            if (pattern.Wavelengths.Length == 1)
            {
                nodes.Add(new CifItem("_diffrn_radiation_wavelength", Number(pattern.Wavelengths[0])));
            }
            else
            {
                var rows = new List<CifValue[]>();
                for (int i = 0; i < pattern.Wavelengths.Length; i++)
                {
                    CifValue weight = i == 0 ? Number(1.0)
                        : i == 1 && pattern.WavelengthIntensityRatio is { } r ? Number(r) : CifValue.Unknown;
                    rows.Add([CifValue.FromText((i + 1).ToString(CultureInfo.InvariantCulture)), Number(pattern.Wavelengths[i]), weight]);
                }
                nodes.Add(new CifLoop(["_diffrn_radiation_wavelength_id", "_diffrn_radiation_wavelength", "_diffrn_radiation_wavelength_wt"], rows));
            }
        }
        nodes.Add(new CifItem("_pd_meas_number_of_points", CifValue.FromText(pattern.Count.ToString(CultureInfo.InvariantCulture))));

        bool asCounts = pattern.SigmaSource == SigmaSource.CountingStatistics && pattern.Y.All(v => v == Math.Round(v) && Math.Abs(v) < 1e15);
        var loopRows = new List<CifValue[]>(pattern.Count);
        string[] tags;
        if (asCounts)
        {
            tags = [xTag, "_pd_meas_counts_total"];
            for (int i = 0; i < pattern.Count; i++) loopRows.Add([Number(pattern.X[i]), Number(pattern.Y[i])]);
        }
        else if (uncertainties == PdCifUncertaintyStyle.Column)
        {
            tags = [xTag, "_pd_meas_intensity_total", "_pd_meas_intensity_total_su"];
            for (int i = 0; i < pattern.Count; i++) loopRows.Add([Number(pattern.X[i]), Number(pattern.Y[i]), Number(pattern.Sigma[i])]);
        }
        else
        {
            tags = [xTag, "_pd_meas_intensity_total"];
            for (int i = 0; i < pattern.Count; i++)
            {
                var y = pattern.Sigma[i] > 0 ? CifValue.FromText(Parenthesised(pattern.Y[i], pattern.Sigma[i])) : Number(pattern.Y[i]);
                loopRows.Add([Number(pattern.X[i]), y]);
            }
        }
        nodes.Add(new CifLoop(tags, loopRows));
        return new CifBlock(name, nodes);
    }

    private static CifValue Number(double v) => CifValue.FromNumber(new MeasuredValue(v));

    /// <summary>
    /// "40409(462)": the intensity keeps every digit of its shortest form (FullProf's and GSAS's habit
    /// for profile points), and σ is given in units of its last digit, with decimals added to both
    /// when σ is smaller than one such unit. (<see cref="MeasuredValue.ToString()"/> would round the
    /// intensity to σ's leading digit, 40400(500), which suits refined parameters, not data.)
    /// </summary>
    private static string Parenthesised(double y, double sigma)
    {
        string shortest = y.ToString("R", CultureInfo.InvariantCulture);
        if (shortest.Contains('E', StringComparison.Ordinal)) shortest = ((decimal)y).ToString(CultureInfo.InvariantCulture);
        int dot = shortest.IndexOf('.', StringComparison.Ordinal);
        int decimals = dot < 0 ? 0 : shortest.Length - dot - 1;
        while (Math.Round(sigma * Math.Pow(10, decimals)) < 1 && decimals < 15) decimals++;
        long su = (long)Math.Round(sigma * Math.Pow(10, decimals));
        return y.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "(" + su.ToString(CultureInfo.InvariantCulture) + ")";
    }

    private static string DefaultName(PowderPattern pattern)
    {
        string name = pattern.Title is { Length: > 0 } t ? NotBlockNameCharacters().Replace(t, "_").Trim('_') : "";
        if (name.Length == 0) name = "pattern";
        if (pattern.Bank is { } b) name += "_bank" + b.ToString(CultureInfo.InvariantCulture);
        return name;
    }

    [GeneratedRegex(@"[^A-Za-z0-9_.\-]+")]
    private static partial Regex NotBlockNameCharacters();
}
