using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads PANalytical XRDML files (XML, schema versions 1.0 – 2.x): one <see cref="PowderPattern"/>
/// in 2θ per <c>&lt;scan&gt;</c>.
/// </summary>
/// <remarks>
/// <para>What is read, per scan: the 2θ positions of <c>&lt;dataPoints&gt;</c>, either
/// <c>&lt;startPosition&gt;</c>/<c>&lt;endPosition&gt;</c> (points equally spaced, their number
/// taken from the intensities) or <c>&lt;listPositions&gt;</c>; the intensities from
/// <c>&lt;intensities&gt;</c> or, in older files, <c>&lt;counts&gt;</c>; the counting time
/// (<c>&lt;commonCountingTime&gt;</c> or <c>&lt;countingTimes&gt;</c>); and the wavelengths Kα1, Kα2
/// and the ratio I(Kα2)/I(Kα1) from <c>&lt;usedWavelength&gt;</c>. Element names are matched
/// without regard to the schema namespace, so every XRDML version reads the same way.</para>
/// <para>σ: intensities in counts follow counting statistics; intensities in counts per second
/// with a counting time t get σ = √(y·t)/t. Intensities are returned as the file gives them: any
/// <c>&lt;beamAttenuationFactors&gt;</c> are recorded in the metadata, not applied.</para>
/// </remarks>
public static class XrdmlReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/>.</summary>
    public const string FormatName = "PANalytical XRDML";

    /// <summary>True when the first bytes look like an XRDML document (XML whose root is <c>xrdMeasurements</c>).</summary>
    /// <param name="head">The first few hundred bytes of a file.</param>
    public static bool LooksLike(ReadOnlySpan<byte> head)
    {
        string text = System.Text.Encoding.UTF8.GetString(head);
        return text.Contains("<xrdMeasurements", StringComparison.Ordinal);
    }

    /// <summary>Reads the first scan of an XRDML file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not well-formed XML or lacks positions, intensities or a scan.</exception>
    public static PowderPattern Read(string path) => ReadAll(path)[0];

    /// <summary>Reads every scan of an XRDML file, in file order (<see cref="PowderPattern.Bank"/> is 1, 2, … when there are several).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not well-formed XML or a scan lacks positions or intensities.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return ReadAll(stream, path);
    }

    /// <summary>Reads the first scan of an XRDML document from a stream.</summary>
    /// <param name="stream">The XML.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    public static PowderPattern Read(Stream stream, string? fileName = null) => ReadAll(stream, fileName)[0];

    /// <summary>Reads every scan of an XRDML document from a stream.</summary>
    /// <param name="stream">The XML.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">The document is not well-formed XML or a scan lacks positions or intensities.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        XDocument doc;
        try
        {
            doc = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new PowderDataFormatException(fileName, Math.Max(ex.LineNumber, 0), "well-formed XRDML (XML)", ex.Message, ex);
        }
        return FromDocument(doc, fileName);
    }

    private static IReadOnlyList<PowderPattern> FromDocument(XDocument doc, string? fileName)
    {
        var root = doc.Root;
        if (root is null || root.Name.LocalName != "xrdMeasurements")
            throw new PowderDataFormatException(fileName, LineOf(root), "the root element <xrdMeasurements> of an XRDML file", root?.Name.LocalName);
        var scans = root.Descendants().Where(e => e.Name.LocalName == "scan").ToList();
        if (scans.Count == 0)
            throw new PowderDataFormatException(fileName, LineOf(root), "at least one <scan> element");
        var patterns = new List<PowderPattern>(scans.Count);
        for (int i = 0; i < scans.Count; i++)
        {
            var p = ReadScan(scans[i], fileName);
            patterns.Add(scans.Count > 1 ? p.WithBank(i + 1) : p);
        }
        return patterns;
    }

    private static PowderPattern ReadScan(XElement scan, string? fileName)
    {
        var dataPoints = Child(scan, "dataPoints")
            ?? throw new PowderDataFormatException(fileName, LineOf(scan), "a <dataPoints> element in <scan>");

        var intensityElement = Child(dataPoints, "intensities") ?? Child(dataPoints, "counts")
            ?? throw new PowderDataFormatException(fileName, LineOf(dataPoints), "an <intensities> or <counts> element in <dataPoints>");
        double[] y = Numbers(intensityElement, fileName);
        if (y.Length == 0)
            throw new PowderDataFormatException(fileName, LineOf(intensityElement), "at least one intensity value");
        int n = y.Length;

        var positions = dataPoints.Elements().FirstOrDefault(e => e.Name.LocalName == "positions"
                            && string.Equals((string?)e.Attribute("axis"), "2Theta", StringComparison.OrdinalIgnoreCase))
            ?? throw new PowderDataFormatException(fileName, LineOf(dataPoints), "a <positions axis=\"2Theta\"> element");
        double[] x = Positions(positions, n, fileName);

        // Counting time: one for all points, or one per point.
        double[]? times = null;
        if (Child(dataPoints, "commonCountingTime") is { } common)
        {
            double t = Number(common, fileName);
            times = Enumerable.Repeat(t, n).ToArray();
        }
        else if (Child(dataPoints, "countingTimes") is { } perPoint)
        {
            times = Numbers(perPoint, fileName);
            if (times.Length != n)
                throw new PowderDataFormatException(fileName, LineOf(perPoint), $"{n} counting times (one per intensity)", $"{times.Length} values");
        }

        string unit = ((string?)intensityElement.Attribute("unit") ?? "counts").Trim();
        ImmutableArray<double>? sigma = null;
        if (unit.Equals("cps", StringComparison.OrdinalIgnoreCase) && times is not null)
        {
            var s = new double[n];
            for (int i = 0; i < n; i++)
                s[i] = times[i] > 0 ? PowderPattern.CountingSigma(y[i] * times[i]) / times[i] : PowderPattern.CountingSigma(y[i]);
            sigma = ImmutableArray.Create(s);
        }

        PowderPattern pattern;
        try
        {
            pattern = new PowderPattern(AxisKind.TwoThetaDegrees, ImmutableArray.Create(x), ImmutableArray.Create(y), sigma);
        }
        catch (ArgumentException ex)
        {
            throw new PowderDataFormatException(fileName, LineOf(positions), "finite intensities and strictly increasing 2θ positions", ex.Message, ex);
        }

        pattern = pattern.WithFormat(FormatName).WithSourceFile(fileName).WithMetadata("intensity unit", unit);
        if (times is not null && times.Distinct().Count() == 1)
            pattern = pattern.WithMetadata("counting time (s)", Invariant(times[0]));
        if ((string?)scan.Attribute("scanAxis") is { } axis) pattern = pattern.WithMetadata("scan axis", axis);
        if ((string?)scan.Attribute("mode") is { } mode) pattern = pattern.WithMetadata("scan mode", mode);
        if (Child(dataPoints, "beamAttenuationFactors") is { } att)
            pattern = pattern.WithMetadata("beam attenuation factors", "present, not applied (line " + LineOf(att).ToString(CultureInfo.InvariantCulture) + ")");

        // Wavelengths live in the enclosing <xrdMeasurement>.
        var measurement = scan.Ancestors().FirstOrDefault(e => e.Name.LocalName == "xrdMeasurement");
        var used = measurement is null ? null : Child(measurement, "usedWavelength");
        if (used is not null)
        {
            double? k1 = OptionalNumber(Child(used, "kAlpha1"), fileName);
            double? k2 = OptionalNumber(Child(used, "kAlpha2"), fileName);
            double? ratio = OptionalNumber(Child(used, "ratioKAlpha2KAlpha1"), fileName);
            double? kb = OptionalNumber(Child(used, "kBeta"), fileName);
            if (k1 is > 0)
            {
                pattern = k2 is > 0 ? pattern.WithWavelengths(k1.Value, k2.Value) : pattern.WithWavelengths(k1.Value);
                if (k2 is > 0 && ratio is >= 0) pattern = pattern.WithWavelengthIntensityRatio(ratio);
            }
            if (kb is > 0) pattern = pattern.WithMetadata("kBeta (Å)", Invariant(kb.Value));
            if ((string?)used.Attribute("intended") is { } intended) pattern = pattern.WithMetadata("intended wavelength", intended);
        }
        var anode = scan.Ancestors().Where(e => e.Name.LocalName == "xrdMeasurement")
                        .Descendants().FirstOrDefault(e => e.Name.LocalName == "anodeMaterial");
        if (anode is not null && anode.Value.Trim().Length > 0) pattern = pattern.WithMetadata("anode", anode.Value.Trim());
        var sampleName = scan.Document?.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "sample") is { } sample
            ? Child(sample, "name")?.Value.Trim() : null;
        if (!string.IsNullOrEmpty(sampleName)) pattern = pattern.WithTitle(sampleName);
        return pattern;
    }

    private static double[] Positions(XElement positions, int n, string? fileName)
    {
        if (Child(positions, "listPositions") is { } list)
        {
            double[] x = Numbers(list, fileName);
            if (x.Length != n)
                throw new PowderDataFormatException(fileName, LineOf(list), $"{n} values in <listPositions> (one per intensity)", $"{x.Length} values");
            return x;
        }
        var startElement = Child(positions, "startPosition");
        var endElement = Child(positions, "endPosition");
        if (startElement is null || endElement is null)
            throw new PowderDataFormatException(fileName, LineOf(positions), "<startPosition> and <endPosition>, or <listPositions>, in <positions axis=\"2Theta\">");
        double start = Number(startElement, fileName);
        double end = Number(endElement, fileName);
        var result = new double[n];
        if (n == 1)
        {
            result[0] = start;
            return result;
        }
        double step = (end - start) / (n - 1);
        for (int i = 0; i < n; i++) result[i] = start + i * step;
        result[n - 1] = end;   // exactly as written, not start + (n−1)·step with its rounding
        return result;
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static double Number(XElement element, string? fileName)
    {
        string text = element.Value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PowderDataFormatException(fileName, LineOf(element), $"a number in <{element.Name.LocalName}>", text);
    }

    private static double? OptionalNumber(XElement? element, string? fileName) =>
        element is null || element.Value.Trim().Length == 0 ? null : Number(element, fileName);

    private static double[] Numbers(XElement element, string? fileName)
    {
        string[] tokens = element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var values = new double[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new PowderDataFormatException(fileName, LineOf(element), $"numbers in <{element.Name.LocalName}> (value {i + 1})", tokens[i]);
        }
        return values;
    }

    private static int LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
