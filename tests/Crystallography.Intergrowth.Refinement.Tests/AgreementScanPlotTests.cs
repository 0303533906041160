using System.Globalization;
using System.Xml.Linq;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The wRp scan plot: one point per scanned value, the line through them, the lowest marked, axes that span the data.</summary>
public sealed class AgreementScanPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static double Attribute(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    // The study's scan of the layered:rocksalt molar ratio from 1.5 to 4.0; wRp values shaped like StudyScenarioTests' scan,
    // lowest at 2.5 (written out rather than computed so that the minimum is known).
    private static readonly double[] Ratio = [1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
    private static readonly double[] Rwp = [0.0712, 0.0581, 0.0547, 0.0569, 0.0618, 0.0679];

    [Fact]
    public void TheScanHasItsPointsLineMinimumAndAxes()
    {
        var root = XDocument.Parse(AgreementScanPlot.ToSvg(Ratio, Rwp, AgreementScanPlotOptions.Default with { XLabel = "layered:rocksalt molar ratio", Title = "wRp scan" })).Root!;
        var points = root.Elements(Svg + "circle").Where(c => (string?)c.Attribute("class") == "point").ToList();
        Assert.Equal(Ratio.Length, points.Count);
        Assert.Equal(Ratio, points.Select(p => Attribute(p, "data-x")));
        // Drawn in percent.
        Assert.Equal(Rwp.Select(r => 100 * r), points.Select(p => Attribute(p, "data-y")));
        Assert.Equal(Ratio.Length, ((string)root.Elements(Svg + "polyline").Single(l => (string?)l.Attribute("class") == "scan").Attribute("points")!).Split(' ').Length);

        var minimum = root.Elements(Svg + "circle").Single(c => (string?)c.Attribute("class") == "minimum");
        Assert.Equal(2.5, Attribute(minimum, "data-x"));
        Assert.Equal(5.47, Attribute(minimum, "data-y"), 12);
        Assert.Equal(Attribute(points[2], "cx"), Attribute(minimum, "cx"));
        Assert.Equal(Attribute(points[2], "cy"), Attribute(minimum, "cy"));
        // The lowest value is the lowest on the drawing (largest SVG y), the highest the highest.
        Assert.Equal(points.Max(p => Attribute(p, "cy")), Attribute(minimum, "cy"));
        Assert.Equal(Attribute(points[0], "cy"), points.Min(p => Attribute(p, "cy")));
        Assert.Contains("2.5", root.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "minimum-label").Value, StringComparison.Ordinal);

        var frame = root.Element(Svg + "rect")!;
        double left = Attribute(frame, "x"), top = Attribute(frame, "y");
        Assert.All(points, p => Assert.InRange(Attribute(p, "cx"), left, left + Attribute(frame, "width")));
        Assert.All(points, p => Assert.InRange(Attribute(p, "cy"), top, top + Attribute(frame, "height")));
        var xTicks = Ticks(root, "x-tick");
        Assert.InRange(xTicks.Count, 3, 12);
        Assert.All(xTicks, v => Assert.InRange(v, 1.5 - 0.04 * 2.5, 4.0 + 0.04 * 2.5));
        var yTicks = Ticks(root, "y-tick");
        Assert.InRange(yTicks.Count, 3, 12);
        Assert.All(yTicks, v => Assert.InRange(v, 5.47 - 0.1 * 1.65 - 1e-9, 7.12 + 0.1 * 1.65 + 1e-9));
        Assert.Equal("layered:rocksalt molar ratio", root.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "x-label").Value);
        Assert.Equal("wRp (%)", root.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "y-label").Value);
    }

    [Fact]
    public void ValuesCanBeDrawnAsGiven()
    {
        var root = XDocument.Parse(AgreementScanPlot.ToSvg(Ratio, Rwp, AgreementScanPlotOptions.Default with { AsPercent = false, YLabel = "wRp" })).Root!;
        Assert.Equal(0.0547, Attribute(root.Elements(Svg + "circle").Single(c => (string?)c.Attribute("class") == "minimum"), "data-y"));
    }

    [Fact]
    public void BadScansAreRejected()
    {
        Assert.Throws<ArgumentException>(() => AgreementScanPlot.ToSvg([1.0], [0.1]));
        Assert.Throws<ArgumentException>(() => AgreementScanPlot.ToSvg([1.0, 2.0], [0.1]));
        Assert.Throws<ArgumentException>(() => AgreementScanPlot.ToSvg([2.0, 1.0], [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => AgreementScanPlot.ToSvg([1.0, 2.0], [0.1, double.NaN]));
    }

    private static List<double> Ticks(XElement root, string kind) =>
        [.. root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == kind).Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture))];
}
