using System.Globalization;
using System.Xml.Linq;
using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The SVG Rietveld plot has, per pattern, the observed, calculated, background and difference series and a row of marks per phase, on axes that span the data.</summary>
public sealed class RietveldPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static RefinementResult JointResult()
    {
        var phases = new[] { RietveldTestModels.Layered(), RietveldTestModels.Rocksalt() };
        SimulatedPhase[] mixture = [new(phases[0], 1e-3), new(phases[1], 5e-4)];
        var sxrd = RefinementTestModels.Simulate("sxrd", RietveldTestModels.Synchrotron(), mixture, [50, -5, 2], noiseSeed: 3);
        var cwn = RefinementTestModels.Simulate("cwn", RefinementTestModels.Neutrons(), mixture, [50, -5, 2], noiseSeed: 4);
        return Refinement.Of(phases).Against(sxrd).Against(cwn).WithScales(("layered", 1e-3), ("rocksalt", 5e-4))
            .Refine("hist:cwn/scale", "layered/cell/a", "hist:sxrd/bkg[0]", "hist:cwn/bkg[0]").WithMaximumCycles(5).Run();
    }

    [Fact]
    public void EachPatternHasItsSeriesTicksAndAxes()
    {
        var result = JointResult();
        var document = XDocument.Parse(RietveldPlot.ToSvg(result, RietveldPlotOptions.Default with { LabelReflections = true }));
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        var panels = root.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "pattern").ToList();
        Assert.Equal(["sxrd", "cwn"], panels.Select(p => (string)p.Attribute("data-pattern")!).ToArray());
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            var fit = result.Patterns[p];
            Element ByClass(string name) => new(panel.Descendants().Single(e => (string?)e.Attribute("class") == name));
            // One observed mark and one point of each line per fitted point.
            Assert.Equal(fit.X.Length, ((string)ByClass("observed").Value.Attribute("d")!).Count(c => c == 'M'));
            foreach (string line in new[] { "calculated", "background", "difference" })
                Assert.Equal(fit.X.Length, ((string)ByClass(line).Value.Attribute("points")!).Split(' ').Length);
            // A row of marks per phase: every reflection inside the range, each with its hkl on request.
            foreach (string phase in new[] { "layered", "rocksalt" })
            {
                var row = panel.Elements(Svg + "g").Single(g => (string?)g.Attribute("data-phase") == phase);
                int inside = fit.Ticks[phase].Count(t => t.Position >= fit.X[0] && t.Position <= fit.X[^1]);
                Assert.True(inside > 0);
                Assert.Equal(inside, row.Elements(Svg + "line").Count());
                Assert.All(row.Elements(Svg + "line"), l => Assert.StartsWith(phase + " ", l.Element(Svg + "title")!.Value, StringComparison.Ordinal));
            }
            // The x axis' labels lie inside the data range; the title gives the pattern's Rwp.
            var xTicks = panel.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "x-tick")
                .Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.InRange(xTicks.Count, 3, 12);
            Assert.All(xTicks, v => Assert.InRange(v, fit.X[0], fit.X[^1]));
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Rwp {100 * fit.Agreement.Rwp:F2} %"),
                            panel.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "title").Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RoundTicksCoverTheRange()
    {
        Assert.Equal([4.0, 6, 8, 10, 12, 14], RietveldPlot.NiceTicks(3, 15));
        Assert.Equal([18000.0, 20000, 22000, 24000, 26000, 28000, 30000], RietveldPlot.NiceTicks(18000, 30000));
        Assert.Empty(RietveldPlot.NiceTicks(1, 1));
    }

    private readonly record struct Element(XElement Value);
}
