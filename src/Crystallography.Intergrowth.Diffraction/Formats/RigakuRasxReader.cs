using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads Rigaku SmartLab Studio RASX files: a zip archive with, per scan N, <c>DataN/ProfileN.txt</c>
/// (tab-separated 2θ, intensity, attenuation factor) and <c>DataN/MesurementConditionsN.xml</c> (sic:
/// Rigaku's spelling) with the scan and X-ray source. One <see cref="PowderPattern"/> in 2θ per scan.
/// </summary>
/// <remarks>
/// The intensity of a point is the measured value times its attenuation factor (the third column);
/// σ follows counting statistics on the measured value, scaled by the same factor, and is left to
/// <see cref="SigmaSource.CountingStatistics"/> when every factor is 1. The conditions give Kα1, Kα2
/// and Kβ and the target; RASX does not state the Kα2/Kα1 intensity ratio, so it stays unset.
/// Scans whose axis is not 2θ are refused.
/// </remarks>
public static partial class RigakuRasxReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "Rigaku RASX";

    /// <summary>Reads the first scan of a RASX file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not a zip archive with a profile, or the profile or conditions are malformed.</exception>
    public static PowderPattern Read(string path) => ReadAll(path)[0];

    /// <summary>Reads every scan of a RASX file (<see cref="PowderPattern.Bank"/> is 1, 2, … when there are several).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not a zip archive with a profile, or the profile or conditions are malformed.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return ReadAll(stream, path);
    }

    /// <summary>Reads every scan of a RASX archive from a seekable stream.</summary>
    /// <param name="stream">The zip archive.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">The stream is not a zip archive with a profile, or the profile or conditions are malformed.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var zip = ZipContainer.Open(stream, fileName, "a RASX file (a zip archive)"))
        {
            var profiles = zip.Entries
                .Select(e => (Entry: e, Match: ProfileName().Match(e.FullName)))
                .Where(t => t.Match.Success)
                .OrderBy(t => int.Parse(t.Match.Groups[1].Value, CultureInfo.InvariantCulture))
                .ThenBy(t => int.Parse(t.Match.Groups[2].Value, CultureInfo.InvariantCulture))
                .ToList();
            if (profiles.Count == 0)
                throw new PowderDataFormatException(fileName, 0, "a RASX archive with a DataN/ProfileN.txt entry",
                    string.Join(", ", zip.Entries.Take(5).Select(e => e.FullName)));
            var patterns = new List<PowderPattern>(profiles.Count);
            foreach (var (entry, match) in profiles)
            {
                string dir = entry.FullName[..(entry.FullName.LastIndexOf('/') + 1)];
                var conditions = zip.GetEntry(dir + "MesurementConditions" + match.Groups[2].Value + ".xml")
                                 ?? zip.GetEntry(dir + "MeasurementConditions" + match.Groups[2].Value + ".xml");
                patterns.Add(ReadScan(entry, conditions, fileName));
            }
            if (patterns.Count > 1)
                for (int i = 0; i < patterns.Count; i++) patterns[i] = patterns[i].WithBank(i + 1);
            return patterns;
        }
    }

    [GeneratedRegex(@"^Data(\d+)/Profile(\d+)\.txt$", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileName();

    private static PowderPattern ReadScan(ZipArchiveEntry profile, ZipArchiveEntry? conditionsEntry, string? fileName)
    {
        string where = $"{fileName ?? "<stream>"}[{profile.FullName}]";
        string text;
        using (var reader = new StreamReader(profile.Open(), detectEncodingFromByteOrderMarks: true))
            text = reader.ReadToEnd();

        var x = new List<double>();
        var y = new List<double>();
        var sigma = new List<double>();
        bool attenuated = false;
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2 || f.Length > 3)
                throw new PowderDataFormatException(where, i + 1, "2θ, intensity and an optional attenuation factor, separated by tabs", line);
            double tt = Parse(f[0], where, i + 1, "a 2θ value");
            double counts = Parse(f[1], where, i + 1, "an intensity");
            double factor = f.Length == 3 ? Parse(f[2], where, i + 1, "an attenuation factor") : 1.0;
            if (factor != 1.0) attenuated = true;
            x.Add(tt);
            y.Add(counts * factor);
            sigma.Add(PowderPattern.CountingSigma(counts) * factor);
        }
        if (x.Count == 0) throw new PowderDataFormatException(where, lines.Length, "at least one data line");

        XElement? conditions = null;
        if (conditionsEntry is not null)
        {
            string cwhere = $"{fileName ?? "<stream>"}[{conditionsEntry.FullName}]";
            try
            {
                using var s = conditionsEntry.Open();
                conditions = XDocument.Load(s, LoadOptions.SetLineInfo).Root;
            }
            catch (XmlException ex)
            {
                throw new PowderDataFormatException(cwhere, Math.Max(ex.LineNumber, 0), "well-formed XML in the measurement conditions", ex.Message, ex);
            }
        }
        var scan = conditions?.Descendants().FirstOrDefault(e => e.Name.LocalName == "ScanInformation");
        if (scan is not null)
        {
            string axis = Text(scan, "AxisName") ?? "TwoTheta";
            if (!axis.Equals("TwoTheta", StringComparison.OrdinalIgnoreCase) && !axis.Equals("2Theta", StringComparison.OrdinalIgnoreCase)
                && !axis.Equals("TwoThetaTheta", StringComparison.OrdinalIgnoreCase) && !axis.Equals("TwoThetaOmega", StringComparison.OrdinalIgnoreCase))
                throw new PowderDataFormatException(where, 0, "a 2θ scan (ScanInformation/AxisName TwoTheta)", axis);
            if (int.TryParse(Text(scan, "DataCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int declared) && declared != x.Count)
                throw new PowderDataFormatException(where, lines.Length, $"{declared} data lines, as DataCount in the measurement conditions says", $"{x.Count}");
        }

        PowderPattern p;
        try
        {
            p = new PowderPattern(AxisKind.TwoThetaDegrees, [.. x], [.. y], attenuated ? [.. sigma] : null);
        }
        catch (ArgumentException ex)
        {
            throw new PowderDataFormatException(where, 0, "strictly increasing 2θ values", ex.Message, ex);
        }
        p = p.WithFormat(FormatName).WithSourceFile(fileName);
        if (scan is not null)
        {
            foreach (string key in new[] { "AxisName", "Mode", "Start", "Stop", "Step", "Speed", "SpeedUnit", "IntensityUnit", "StartTime" })
                if (Text(scan, key) is { Length: > 0 } v) p = p.WithMetadata(key, v);
        }
        var generator = conditions?.Descendants().FirstOrDefault(e => e.Name.LocalName == "XrayGenerator");
        if (generator is not null)
        {
            double? k1 = Number(generator, "WavelengthKalpha1", fileName), k2 = Number(generator, "WavelengthKalpha2", fileName);
            double? kb = Number(generator, "WavelengthKbeta", fileName);
            if (k1 is > 0) p = k2 is > 0 ? p.WithWavelengths(k1.Value, k2.Value) : p.WithWavelengths(k1.Value);
            if (kb is > 0) p = p.WithMetadata("kBeta (Å)", kb.Value.ToString("R", CultureInfo.InvariantCulture));
            if (Text(generator, "TargetName") is { Length: > 0 } target) p = p.WithMetadata("anode", target);
            if (Text(generator, "WaveType") is { Length: > 0 } waveType) p = p.WithMetadata("wave type", waveType);
        }
        var sampleName = conditions?.Descendants().FirstOrDefault(e => e.Name.LocalName == "SampleInformation")?.Attribute("SampleName")?.Value;
        if (!string.IsNullOrWhiteSpace(sampleName)) p = p.WithTitle(sampleName);
        return p;
    }

    private static double Parse(string token, string where, int line, string what)
    {
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PowderDataFormatException(where, line, what, token);
    }

    private static string? Text(XElement scope, string localName) =>
        scope.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    private static double? Number(XElement scope, string localName, string? fileName)
    {
        string? text = Text(scope, localName);
        if (string.IsNullOrEmpty(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PowderDataFormatException(fileName, 0, $"a number in <{localName}> of the measurement conditions", text);
    }
}
