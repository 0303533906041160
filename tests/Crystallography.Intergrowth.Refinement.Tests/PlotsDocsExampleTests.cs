using System.Xml.Linq;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The example of docs/plots.md, run line for line on three quick refinements, and what it draws parsed.</summary>
public sealed class PlotsDocsExampleTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Example_runs_and_draws_what_the_page_says()
    {
        // Three patterns of the layered phase whose cell grows a little, each refined (cell and a background term).
        var results = new[] { 2.940, 2.941, 2.942 }.Select(cell =>
        {
            var pattern = RefinementTestModels.Simulate("sxrd", RietveldTestModels.Synchrotron(),
                [new SimulatedPhase(RietveldTestModels.Layered(cell, 14.41 + cell - 2.94), 1e-3)], [50, -5, 2], noiseSeed: 11);
            return Refinement.Of(RietveldTestModels.Layered(2.9405, 14.4105)).Against(pattern).WithScales(("layered", 1e-3))
                .Refine("layered/cell/a", "layered/cell/c", "hist:sxrd/bkg[0]").WithMaximumCycles(10).Run();
        }).ToList();
        var result = results[0];

        string rietveld = RietveldPlot.ToSvg(result, RietveldPlotOptions.Default with { LabelReflections = true, ShowReflectionIndices = true });

        double[] hours = [0, 1.5, 3];                                          // one refinement per pattern, in order
        var a = PlotSeries.FromResults("layered/cell/a", results, hours, panel: "a (Å)");
        var c = PlotSeries.FromResults("layered/cell/c", results, hours, panel: "c (Å)");
        string series = ParameterSeriesPlot.ToSvg([a, c], ParameterSeriesPlotOptions.Default with { XLabel = "time (h)" });

        double[] ratio = [1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
        double[] wrp = [0.0712, 0.0581, 0.0547, 0.0569, 0.0618, 0.0679];       // result.Overall.Rwp at each held ratio
        string scan = AgreementScanPlot.ToSvg(ratio, wrp, AgreementScanPlotOptions.Default with { XLabel = "layered:rocksalt molar ratio" });

        Assert.Contains(XDocument.Parse(rietveld).Descendants(Svg + "text"), t => (string?)t.Attribute("class") == "hkl");
        var panels = XDocument.Parse(series).Root!.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "series-panel").ToList();
        Assert.Equal(["a (Å)", "c (Å)"], panels.Select(p => (string)p.Attribute("data-panel")!));
        Assert.All(panels, p => Assert.Equal(3, p.Descendants(Svg + "circle").Count(e => (string?)e.Attribute("class") == "point")));
        // The refined a follows the simulated cells.
        Assert.Equal([2.940, 2.941, 2.942], a.Values.Select(v => Math.Round(v.Value, 3)));
        Assert.Equal("2.5", (string)XDocument.Parse(scan).Root!.Elements(Svg + "circle").Single(e => (string?)e.Attribute("class") == "minimum").Attribute("data-x")!);
    }

    [Fact]
    public void Page_code_is_mirrored_here() =>
        DocumentationExample.AssertMirrored("plots.md", "tests", "Crystallography.Intergrowth.Refinement.Tests", "PlotsDocsExampleTests.cs");
}
