using System.Globalization;
using System.Xml.Linq;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The lattice-parameter series plot: one panel per panel name, each series with its points, error bars and line, on axes that span the data.</summary>
public sealed class ParameterSeriesPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static double Attribute(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    // A charge–discharge-like series: a and c of the layered phase over 7 patterns at given times, with s.u.; a second
    // series of a shares the first's panel.
    private static readonly double[] Hours = [0, 1.5, 3, 4.5, 6, 7.5, 9];
    private static readonly PlotSeries A = new("layered/cell/a", Hours,
        [new(2.9419, 0.0001), new(2.9391, 0.0001), new(2.9352, 0.0002), new(2.9330, 0.0002), new(2.9361, 0.0002), new(2.9398, 0.0001), new(2.9418, 0.0001)], "a (Å)");
    private static readonly PlotSeries ARocksalt = new("rocksalt/cell/a / √2", Hours, Hours.Select(h => new MeasuredValue(2.9407 - 0.0002 * h, 0)), "a (Å)");
    private static readonly PlotSeries C = new("layered/cell/c", Hours,
        [new(14.407, 0.001), new(14.431, 0.002), new(14.455, 0.002), new(14.470, 0.003), new(14.449, 0.002), new(14.422, 0.002), new(14.408, 0.001)], "c (Å)");

    [Fact]
    public void EachPanelHasItsSeriesPointsErrorBarsAndAxesThatSpanTheData()
    {
        var svg = ParameterSeriesPlot.ToSvg([A, ARocksalt, C], ParameterSeriesPlotOptions.Default with { XLabel = "time (h)", Title = "charge and discharge" });
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        var panels = root.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "series-panel").ToList();
        Assert.Equal(["a (Å)", "c (Å)"], panels.Select(p => (string)p.Attribute("data-panel")!).ToArray());
        Assert.Equal(2 * ParameterSeriesPlotOptions.Default.PanelHeight + 24, Attribute(root, "height"));

        var expected = new[] { new[] { A, ARocksalt }, new[] { C } };
        for (int p = 0; p < panels.Count; p++)
        {
            var frame = panels[p].Element(Svg + "rect")!;
            double left = Attribute(frame, "x"), top = Attribute(frame, "y"), right = left + Attribute(frame, "width"), bottom = top + Attribute(frame, "height");
            var series = panels[p].Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
            Assert.Equal(expected[p].Select(s => s.Name), series.Select(s => (string)s.Attribute("data-series")!));
            for (int s = 0; s < series.Count; s++)
            {
                var source = expected[p][s];
                var points = series[s].Elements(Svg + "circle").Where(c => (string?)c.Attribute("class") == "point").ToList();
                Assert.Equal(source.X.Length, points.Count);
                Assert.Equal(source.X.Length, ((string)series[s].Element(Svg + "polyline")!.Attribute("points")!).Split(' ').Length);
                // An error bar per point with an s.u., as long as 2 s.u. on the panel's scale.
                var bars = series[s].Elements(Svg + "line").Where(l => (string?)l.Attribute("class") == "error-bar").ToList();
                Assert.Equal(source.Values.Count(v => v.StandardUncertainty > 0), bars.Count);
                for (int i = 0; i < points.Count; i++)
                {
                    Assert.Equal(source.X[i], Attribute(points[i], "data-x"));
                    Assert.Equal(source.Values[i].Value, Attribute(points[i], "data-y"));
                    Assert.InRange(Attribute(points[i], "cx"), left, right);
                    Assert.InRange(Attribute(points[i], "cy"), top, bottom);
                }
                // Pixels are linear in the value: the scale from the lowest and highest points holds for every point.
                int lo = IndexOf(source, Enumerable.Min), hi = IndexOf(source, Enumerable.Max);
                double scale = (Attribute(points[hi], "cy") - Attribute(points[lo], "cy")) / (source.Values[hi].Value - source.Values[lo].Value);
                for (int i = 0; i < points.Count; i++)
                    Assert.Equal(Attribute(points[lo], "cy") + scale * (source.Values[i].Value - source.Values[lo].Value), Attribute(points[i], "cy"), 0.02);
                if (bars.Count > 0 && source == A)
                    Assert.Equal(Math.Abs(scale) * 2 * source.Values[0].StandardUncertainty, Math.Abs(Attribute(bars[0], "y2") - Attribute(bars[0], "y1")), 0.02);
            }
            // Axis ranges: x ticks inside the hours (padded 4 %), y ticks inside the values ± s.u. (padded 8 %).
            double xSpan = Hours[^1] - Hours[0];
            var xTicks = Ticks(panels[p], "x-tick");
            Assert.InRange(xTicks.Count, 3, 12);
            Assert.All(xTicks, v => Assert.InRange(v, Hours[0] - 0.04 * xSpan, Hours[^1] + 0.04 * xSpan));
            var values = expected[p].SelectMany(s => s.Values).ToList();
            double low = values.Min(v => v.Value - v.StandardUncertainty), high = values.Max(v => v.Value + v.StandardUncertainty);
            var yTicks = Ticks(panels[p], "y-tick");
            Assert.InRange(yTicks.Count, 3, 12);
            Assert.All(yTicks, v => Assert.InRange(v, low - 0.08 * (high - low) - 1e-9, high + 0.08 * (high - low) + 1e-9));
            Assert.Equal(expected[p][0].Panel, panels[p].Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "y-label").Value);
            Assert.Equal("time (h)", panels[p].Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "x-label").Value);
        }
        Assert.Equal("charge and discharge", root.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "title").Value);
    }

    [Fact]
    public void ASeriesFromRefinementsCarriesTheirValuesAndUncertainties()
    {
        // Two quick refinements of the layered cell against patterns of two cells: the series has their a with s.u.
        var results = new[] { 2.94, 2.945 }.Select(a =>
        {
            var phase = RietveldTestModels.Layered(a);
            var pattern = RefinementTestModels.Simulate("sxrd", RietveldTestModels.Synchrotron(), [new SimulatedPhase(phase, 1e-3)], [50, -5, 2], noiseSeed: 7);
            return Refinement.Of(RietveldTestModels.Layered(2.9425)).Against(pattern).WithScales(("layered", 1e-3))
                .Refine("layered/cell/a", "hist:sxrd/bkg[0]").WithMaximumCycles(10).Run();
        }).ToList();
        var series = PlotSeries.FromResults("layered/cell/a", results, panel: "a (Å)");
        Assert.Equal([1.0, 2.0], series.X.ToArray());
        Assert.Equal(results.Select(r => r["layered/cell/a"]).ToArray(), series.Values.ToArray());
        Assert.All(series.Values, v => Assert.True(v.StandardUncertainty > 0));
        Assert.Equal(2.94, series.Values[0].Value, 3);
        Assert.Equal(2.945, series.Values[1].Value, 3);
        var root = XDocument.Parse(ParameterSeriesPlot.ToSvg([series])).Root!;
        Assert.Equal(2, root.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "point"));
        Assert.Equal(2, root.Descendants(Svg + "line").Count(l => (string?)l.Attribute("class") == "error-bar"));
    }

    [Fact]
    public void BadSeriesAreRejectedWithTheirName()
    {
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => new PlotSeries("a", [1, 2], [new(1, 0)])).Message, StringComparison.Ordinal);
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => new PlotSeries("a", [1], [new(1, -1)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ParameterSeriesPlot.ToSvg([]));
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => ParameterSeriesPlot.ToSvg([new PlotSeries("a", [1], [new(1)]), new PlotSeries("a", [2], [new(2)])])).Message, StringComparison.Ordinal);
        // A single point of a single value still gets a frame of non-zero height.
        Assert.Single(XDocument.Parse(ParameterSeriesPlot.ToSvg([new PlotSeries("one", [3], [new(2.5)])])).Root!.Descendants(Svg + "circle"), c => (string?)c.Attribute("class") == "point");
    }

    private static int IndexOf(PlotSeries series, Func<IEnumerable<double>, double> pick)
    {
        double target = pick(series.Values.Select(v => v.Value));
        return series.Values.Select(v => v.Value).ToList().IndexOf(target);
    }

    private static List<double> Ticks(XElement panel, string kind) =>
        [.. panel.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == kind).Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture))];
}
