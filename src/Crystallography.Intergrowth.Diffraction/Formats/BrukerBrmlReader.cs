using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads Bruker DIFFRAC.SUITE BRML files: a zip archive whose <c>Experiment*/RawData*.xml</c> entries
/// hold one scan each as <c>&lt;Datum&gt;</c> lines of comma-separated numbers. One
/// <see cref="PowderPattern"/> in 2θ per raw-data entry and measured data route.
/// </summary>
/// <remarks>
/// <para>The columns of a <c>&lt;Datum&gt;</c> are described by the route's <c>&lt;DataViews&gt;</c>:
/// each <c>RawDataView</c> has a <c>Start</c> column and a <c>Length</c>; the view whose
/// <c>FieldDefinitions</c> include <c>FieldName="TwoTheta"</c> gives the 2θ column (its start plus the
/// field's position in the view), the first <c>RecordedRawDataView</c> gives the counts, and the
/// <c>MeasuredTime</c> view the counting time. In the nomad-measurements test file a datum reads
/// "time, absorption factor, 2θ, ω, RecSpX, RecSpY, RecSpZ, counts". Files without data views
/// (older writers) are read with 2θ in column 3 and the counts in the last column, and say so in
/// the metadata.</para>
/// <para>Wavelengths from the tube description (<c>WaveLengthAlpha1</c>, <c>WaveLengthAlpha2</c>,
/// <c>WaveLengthRatio</c>), else from <c>&lt;WaveLength&gt;</c>. σ follows counting statistics.</para>
/// </remarks>
public static class BrukerBrmlReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "Bruker BRML";

    /// <summary>Reads the first scan of a BRML file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not a zip archive with raw data, or a raw-data entry is malformed.</exception>
    public static PowderPattern Read(string path) => ReadAll(path)[0];

    /// <summary>Reads every scan of a BRML file (<see cref="PowderPattern.Bank"/> is 1, 2, … when there are several).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not a zip archive with raw data, or a raw-data entry is malformed.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return ReadAll(stream, path);
    }

    /// <summary>Reads every scan of a BRML archive from a seekable stream.</summary>
    /// <param name="stream">The zip archive.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">The stream is not a zip archive with raw data, or a raw-data entry is malformed.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var zip = ZipContainer.Open(stream, fileName, "a BRML file (a zip archive)"))
        {
            var entries = zip.Entries
                .Where(e => e.FullName.Contains("RawData", StringComparison.OrdinalIgnoreCase)
                            && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .ToList();
            if (entries.Count == 0)
                throw new PowderDataFormatException(fileName, 0, "a BRML archive with an Experiment*/RawData*.xml entry",
                    string.Join(", ", zip.Entries.Take(5).Select(e => e.FullName)));
            var patterns = new List<PowderPattern>();
            foreach (var entry in entries)
            {
                string where = $"{fileName ?? "<stream>"}[{entry.FullName}]";
                XDocument doc;
                try
                {
                    using var s = entry.Open();
                    doc = XDocument.Load(s, LoadOptions.SetLineInfo);
                }
                catch (Exception ex) when (ex is XmlException or InvalidDataException)
                {
                    int line = ex is XmlException xe ? Math.Max(xe.LineNumber, 0) : 0;
                    throw new PowderDataFormatException(where, line, "well-formed XML in the raw-data entry", ex.Message, ex);
                }
                patterns.AddRange(ReadRawData(doc, where, fileName));
            }
            if (patterns.Count == 0)
                throw new PowderDataFormatException(fileName, 0, "at least one data route with <Datum> lines in the raw-data entries");
            if (patterns.Count > 1)
                for (int i = 0; i < patterns.Count; i++) patterns[i] = patterns[i].WithBank(i + 1);
            return patterns;
        }
    }

    private static IEnumerable<PowderPattern> ReadRawData(XDocument doc, string where, string? fileName)
    {
        var root = doc.Root ?? throw new PowderDataFormatException(where, 0, "a <RawData> root element");
        var (wavelengths, ratio) = Wavelengths(root, where);
        string? sample = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "InfoItem" && (string?)e.Attribute("Name") == "SampleName")
            ?.Attribute("Value")?.Value;
        foreach (var route in root.Descendants().Where(e => e.Name.LocalName == "DataRoute"))
        {
            var data = route.Elements().Where(e => e.Name.LocalName == "Datum").ToList();
            if (data.Count == 0) continue;
            var (xColumn, yColumn, timeColumn, layout) = Columns(route, data[0], where);

            var x = new double[data.Count];
            var y = new double[data.Count];
            double? commonTime = null;
            bool timesEqual = true;
            for (int i = 0; i < data.Count; i++)
            {
                string[] fields = data[i].Value.Split(',');
                int needed = Math.Max(xColumn, yColumn) + 1;
                if (fields.Length < needed)
                    throw new PowderDataFormatException(where, LineOf(data[i]), $"at least {needed} comma-separated numbers in <Datum>", data[i].Value);
                x[i] = Field(fields, xColumn, data[i], where);
                y[i] = Field(fields, yColumn, data[i], where);
                if (timeColumn >= 0 && timeColumn < fields.Length)
                {
                    double t = Field(fields, timeColumn, data[i], where);
                    if (commonTime is null) commonTime = t;
                    else if (t != commonTime) timesEqual = false;
                }
            }
            PowderPattern p;
            try
            {
                p = new PowderPattern(AxisKind.TwoThetaDegrees, ImmutableArray.Create(x), ImmutableArray.Create(y));
            }
            catch (ArgumentException ex)
            {
                throw new PowderDataFormatException(where, LineOf(data[0]), "strictly increasing 2θ in the <Datum> lines", ex.Message, ex);
            }
            p = p.WithFormat(FormatName).WithSourceFile(fileName).WithMetadata("column layout", layout);
            var scanInfo = route.Elements().FirstOrDefault(e => e.Name.LocalName == "ScanInformation");
            if (scanInfo?.Attribute("ScanName")?.Value is { } scanName) p = p.WithMetadata("scan name", scanName);
            if (commonTime is { } ct && timesEqual) p = p.WithMetadata("time per step (s)", ct.ToString("R", CultureInfo.InvariantCulture));
            if (route.Attribute("RouteFlag")?.Value is { } flag) p = p.WithMetadata("route", flag);
            if (wavelengths.Length > 0) p = p.WithWavelengths(wavelengths);
            if (ratio is not null) p = p.WithWavelengthIntensityRatio(ratio);
            if (!string.IsNullOrWhiteSpace(sample)) p = p.WithTitle(sample);
            yield return p;
        }
    }

    private static (int X, int Y, int Time, string Layout) Columns(XElement route, XElement firstDatum, string where)
    {
        var views = route.Descendants().Where(e => e.Name.LocalName == "RawDataView").ToList();
        int x = -1, y = -1, time = -1;
        foreach (var view in views)
        {
            if (!int.TryParse((string?)view.Attribute("Start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int start)) continue;
            string type = (string?)view.Attributes().FirstOrDefault(a => a.Name.LocalName == "type") ?? "";
            if (type.Contains("Recorded", StringComparison.Ordinal) && y < 0) y = start;
            if ((string?)view.Attribute("LogicName") == "MeasuredTime") time = start;
            var fields = view.Descendants().Where(e => e.Name.LocalName == "FieldDefinitions").ToList();
            int k = fields.FindIndex(f => (string?)f.Attribute("FieldName") == "TwoTheta");
            if (k >= 0 && x < 0) x = start + k;
        }
        if (x >= 0 && y >= 0) return (x, y, time, $"from DataViews: 2θ in column {x + 1}, counts in column {y + 1}");
        if (views.Count > 0)
            throw new PowderDataFormatException(where, LineOf(route),
                "DataViews naming a TwoTheta field and a RecordedRawDataView (counts)", x < 0 ? "no TwoTheta field" : "no recorded counts");
        int columns = firstDatum.Value.Split(',').Length;
        if (columns < 4)
            throw new PowderDataFormatException(where, LineOf(firstDatum), "at least 4 comma-separated numbers in <Datum> (time, ?, 2θ, …, counts)", firstDatum.Value);
        return (2, columns - 1, 0, $"no DataViews: 2θ assumed in column 3, counts in column {columns}");
    }

    private static (double[] Wavelengths, double? Ratio) Wavelengths(XElement root, string where)
    {
        var tube = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Tube");
        if (tube is not null)
        {
            double? a1 = ValueOf(tube, "WaveLengthAlpha1", where), a2 = ValueOf(tube, "WaveLengthAlpha2", where);
            double? r = ValueOf(tube, "WaveLengthRatio", where);
            if (a1 is > 0)
                return a2 is > 0 ? ([a1.Value, a2.Value], r is >= 0 ? r : null) : ([a1.Value], null);
        }
        double? single = ValueOf(root, "WaveLength", where);
        return single is > 0 ? ([single.Value], null) : ([], null);
    }

    private static double? ValueOf(XElement scope, string localName, string where)
    {
        var e = scope.Descendants().FirstOrDefault(d => d.Name.LocalName == localName);
        string? text = (string?)e?.Attribute("Value");
        if (e is null || text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PowderDataFormatException(where, LineOf(e), $"a number in the Value of <{localName}>", text);
    }

    private static double Field(string[] fields, int column, XElement datum, string where)
    {
        string token = fields[column].Trim();
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PowderDataFormatException(where, LineOf(datum), $"a number in column {column + 1} of <Datum>", token);
    }

    private static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
