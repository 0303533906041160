using System.Collections.Immutable;
using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads the <c>.PRN</c> pattern files of the IUCr CPD round robins as distributed with MAUD: plain
/// columns "2θ intensity" (a third column, σ, is accepted), no header, and classic-Mac CR-only line
/// endings (LF and CRLF read the same).
/// </summary>
/// <remarks>
/// Lines before the first numeric line are taken as a header and the first of them becomes the
/// title; after the data start, every non-blank line must hold 2 or 3 numbers. σ follows counting
/// statistics unless a third column gives it.
/// </remarks>
public static class PrnReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "PRN (CPD round robin / MAUD)";

    /// <summary>Reads a PRN file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">A data line does not hold 2 or 3 numbers, the column count changes, or 2θ does not increase.</exception>
    public static PowderPattern Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads PRN text.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">A data line does not hold 2 or 3 numbers, the column count changes, or 2θ does not increase.</exception>
    public static PowderPattern Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var x = new List<double>();
        var y = new List<double>();
        var s = new List<double>();
        int columns = 0;
        string? title = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var values = new double[f.Length];
            bool numeric = f.Length is 2 or 3;
            for (int k = 0; numeric && k < f.Length; k++)
                numeric = double.TryParse(f[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) && double.IsFinite(values[k]);
            if (!numeric)
            {
                if (columns == 0) { title ??= line; continue; }
                throw new PowderDataFormatException(fileName, i + 1, $"{columns} numbers (2θ, intensity{(columns == 3 ? ", σ" : "")})", line);
            }
            if (columns == 0) columns = f.Length;
            else if (f.Length != columns)
                throw new PowderDataFormatException(fileName, i + 1, $"{columns} numbers as on the first data line", line);
            if (x.Count > 0 && !(values[0] > x[^1]))
                throw new PowderDataFormatException(fileName, i + 1, "a 2θ greater than on the line before", f[0]);
            if (columns == 3 && values[2] < 0)
                throw new PowderDataFormatException(fileName, i + 1, "a σ ≥ 0 in the third column", f[2]);
            x.Add(values[0]);
            y.Add(values[1]);
            if (columns == 3) s.Add(values[2]);
        }
        if (x.Count == 0)
            throw new PowderDataFormatException(fileName, lines.Length, "lines of 2θ and intensity");
        var p = new PowderPattern(AxisKind.TwoThetaDegrees, [.. x], [.. y], columns == 3 ? ImmutableArray.CreateRange(s) : null)
            .WithFormat(FormatName).WithSourceFile(fileName);
        return title is null ? p : p.WithTitle(title);
    }
}
