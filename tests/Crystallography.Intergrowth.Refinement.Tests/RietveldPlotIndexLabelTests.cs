using System.Globalization;
using System.Xml.Linq;
using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Visible hkl labels of the Rietveld plot: on request only, each a reflection of its phase inside the range, never closer than the spacing asked for.</summary>
public sealed class RietveldPlotIndexLabelTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static RefinementResult Result()
    {
        var phases = new[] { RietveldTestModels.Layered(), RietveldTestModels.Rocksalt() };
        SimulatedPhase[] mixture = [new(phases[0], 1e-3), new(phases[1], 5e-4)];
        var sxrd = RefinementTestModels.Simulate("sxrd", RietveldTestModels.Synchrotron(), mixture, [50, -5, 2], noiseSeed: 3);
        return Refinement.Of(phases).Against(sxrd).WithScales(("layered", 1e-3), ("rocksalt", 5e-4)).Refine("hist:sxrd/bkg[0]").WithMaximumCycles(3).Run();
    }

    [Theory]
    [InlineData(12.0)]
    [InlineData(40.0)]
    public void LabelsAreReflectionsOfTheirPhaseSpacedAsAsked(double spacing)
    {
        var result = Result();
        var fit = result.Patterns[0];
        var root = XDocument.Parse(RietveldPlot.ToSvg(result, RietveldPlotOptions.Default with { ShowReflectionIndices = true, MinimumLabelSpacing = spacing })).Root!;
        var labels = root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "hkl").ToList();
        Assert.NotEmpty(labels);
        var frame = root.Descendants(Svg + "rect").First();
        double left = double.Parse((string)frame.Attribute("x")!, CultureInfo.InvariantCulture), width = double.Parse((string)frame.Attribute("width")!, CultureInfo.InvariantCulture);
        double previous = double.NegativeInfinity;
        foreach (var label in labels)
        {
            string phase = (string)label.Attribute("data-phase")!;
            // The text is the indices of one of that phase's reflections inside the range.
            Assert.Contains(fit.Ticks[phase], t => $"{t.Index.H} {t.Index.K} {t.Index.L}" == label.Value && t.Position >= fit.X[0] && t.Position <= fit.X[^1]);
            double x = double.Parse((string)label.Attribute("x")!, CultureInfo.InvariantCulture);
            Assert.InRange(x, left, left + width + 3);
            Assert.True(x - previous >= spacing - 0.011, $"labels {previous} and {x} closer than {spacing}");
            previous = x;
        }
        // Both phases get labels at the default spacing; a wider spacing writes fewer.
        if (spacing == 12) Assert.Equal(2, labels.Select(l => (string)l.Attribute("data-phase")!).Distinct().Count());
        int reflections = fit.Ticks.Values.Sum(t => t.Count(r => r.Position >= fit.X[0] && r.Position <= fit.X[^1]));
        Assert.True(labels.Count < reflections);
    }

    [Fact]
    public void WithoutTheOptionThereAreNoVisibleLabels()
    {
        var root = XDocument.Parse(RietveldPlot.ToSvg(Result())).Root!;
        Assert.DoesNotContain(root.Descendants(Svg + "text"), t => (string?)t.Attribute("class") == "hkl");
        Assert.Throws<ArgumentOutOfRangeException>(() => RietveldPlotOptions.Default with { MinimumLabelSpacing = 0 });
    }
}
