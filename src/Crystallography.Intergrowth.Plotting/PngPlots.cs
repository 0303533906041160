using Crystallography.Intergrowth.Refinement;
using ScottPlot;

namespace Crystallography.Intergrowth.Plotting;

/// <summary>
/// The library's plots as PNG, drawn with ScottPlot (SkiaSharp underneath, whose native library this package brings for
/// Linux, macOS and Windows): the Rietveld plot of a refinement, series of refined values with error bars, and an
/// agreement-factor scan. Each has a builder that returns the ScottPlot object, for callers who want to restyle it, and a
/// <c>Write…</c> method that saves a PNG. The same plots as SVG, with no graphics dependency, are in
/// <c>Crystallography.Intergrowth.Refinement</c> (<see cref="RietveldPlot"/>, <see cref="ParameterSeriesPlot"/>,
/// <see cref="AgreementScanPlot"/>; docs/plots.md).
/// </summary>
public static class PngPlots
{
    private static readonly Color[] PhaseColours =
        [Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2")];

    /// <summary>
    /// One plot per pattern of a result, stacked: observed points, calculated and background lines, the difference curve
    /// below the lowest count, and a row of reflection marks per phase under it (as <see cref="RietveldPlot"/> draws them).
    /// </summary>
    /// <param name="result">The refinement.</param>
    public static Multiplot Rietveld(RefinementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string[] phases = [.. result.Phases.Select(ph => ph.Name)];
        return Stack(result.Patterns.Select((fit, p) => RietveldPanel(fit, result.Problem.Patterns[p].IsTimeOfFlight, phases)));
    }

    /// <summary>Writes <see cref="Rietveld"/> as a PNG of <paramref name="width"/> × (<paramref name="panelHeight"/> × patterns) pixels.</summary>
    /// <param name="result">The refinement.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="panelHeight">Height of one pattern's plot in pixels, at least 150.</param>
    public static void WriteRietveld(RefinementResult result, string path, int width = 1200, int panelHeight = 500)
    {
        ArgumentNullException.ThrowIfNull(result);
        CheckSize(width, panelHeight);
        Rietveld(result).SavePng(path, width, panelHeight * result.Patterns.Length);
    }

    /// <summary>One plot per panel of the series (<see cref="PlotSeries.Panel"/>, in order of first appearance), stacked; each series a line with markers and ±1 s.u. error bars.</summary>
    /// <param name="series">The series, at least one.</param>
    /// <param name="xLabel">What x is: "pattern", "time (h)".</param>
    public static Multiplot ParameterSeries(IEnumerable<PlotSeries> series, string xLabel = "pattern")
    {
        ArgumentNullException.ThrowIfNull(series);
        var all = series.ToList();
        if (all.Count == 0) throw new ArgumentException("Give at least one series.", nameof(series));
        var plots = new List<Plot>();
        int colour = 0;
        foreach (var panel in all.GroupBy(s => s.Panel, StringComparer.Ordinal))
        {
            var plot = new Plot();
            foreach (var s in panel)
            {
                var c = PhaseColours[colour++ % PhaseColours.Length];
                double[] x = [.. s.X], y = [.. s.Values.Select(v => v.Value)], su = [.. s.Values.Select(v => v.StandardUncertainty)];
                var line = plot.Add.Scatter(x, y, c);
                line.LegendText = s.Name;
                line.MarkerSize = 6;
                var bars = plot.Add.ErrorBar(x, y, su);
                bars.Color = c;
            }
            plot.XLabel(xLabel);
            plot.YLabel(panel.Key);
            plot.ShowLegend(Alignment.UpperRight);
            plots.Add(plot);
        }
        return Stack(plots);
    }

    /// <summary>Writes <see cref="ParameterSeries"/> as a PNG, <paramref name="panelHeight"/> pixels per panel.</summary>
    /// <param name="series">The series.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="xLabel">What x is.</param>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="panelHeight">Height per panel, at least 150.</param>
    public static void WriteParameterSeries(IEnumerable<PlotSeries> series, string path, string xLabel = "pattern", int width = 800, int panelHeight = 300)
    {
        CheckSize(width, panelHeight);
        var multiplot = ParameterSeries(series, xLabel);
        multiplot.SavePng(path, width, panelHeight * multiplot.Count());
    }

    /// <summary>An agreement factor against a scanned value, the lowest point ringed and labelled (as <see cref="AgreementScanPlot"/>).</summary>
    /// <param name="x">The scanned values, at least two, ascending.</param>
    /// <param name="agreement">The agreement factor at each, as fractions (drawn in percent).</param>
    /// <param name="xLabel">What was scanned.</param>
    /// <param name="yLabel">The factor's name and unit.</param>
    public static Plot AgreementScan(IReadOnlyList<double> x, IReadOnlyList<double> agreement, string xLabel = "scanned value", string yLabel = "wRp (%)")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(agreement);
        // The SVG plot validates the same input and says what is wrong; it is cheap, so let it.
        _ = AgreementScanPlot.ToSvg(x, agreement);
        double[] xs = [.. x], ys = [.. agreement.Select(a => 100 * a)];
        int best = Array.IndexOf(ys, ys.Min());
        var plot = new Plot();
        plot.Add.Scatter(xs, ys, PhaseColours[0]);
        var ring = plot.Add.Marker(xs[best], ys[best], MarkerShape.OpenCircle, 18, PhaseColours[1]);
        ring.LineWidth = 2;
        var label = plot.Add.Text(FormattableString.Invariant($"minimum {ys[best]:G4} at {xs[best]:G4}"), xs[best], ys[best]);
        label.LabelFontColor = PhaseColours[1];
        label.LabelAlignment = Alignment.UpperCenter;
        label.OffsetY = 14;
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Writes <see cref="AgreementScan"/> as a PNG.</summary>
    /// <param name="x">The scanned values.</param>
    /// <param name="agreement">The agreement factors (fractions).</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="xLabel">What was scanned.</param>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public static void WriteAgreementScan(IReadOnlyList<double> x, IReadOnlyList<double> agreement, string path, string xLabel = "scanned value", int width = 800, int height = 450)
    {
        CheckSize(width, height);
        AgreementScan(x, agreement, xLabel).SavePng(path, width, height);
    }

    private static Plot RietveldPanel(PatternFit fit, bool timeOfFlight, string[] phases)
    {
        var plot = new Plot();
        double[] x = [.. fit.X], observed = [.. fit.Observed], calculated = [.. fit.Calculated];
        double yMax = Math.Max(observed.Max(), calculated.Max()), yLow = Math.Min(observed.Min(), calculated.Min());
        double[] difference = [.. observed.Select((o, i) => o - calculated[i])];
        // As the SVG plot: the difference curve just below the lowest count, the phases' marks in rows under it.
        double offset = yLow - difference.Max() - 0.02 * (yMax - yLow);
        double rowStep = 0.04 * (yMax - yLow), firstRow = offset + difference.Min() - rowStep;

        var points = plot.Add.ScatterPoints(x, observed, PhaseColours[1]);
        points.MarkerSize = 3;
        points.LegendText = "observed";
        var line = plot.Add.ScatterLine(x, calculated, Colors.Black);
        line.LegendText = "calculated";
        plot.Add.ScatterLine(x, [.. fit.Background], Colors.Gray).LegendText = "background";
        var diff = plot.Add.ScatterLine(x, [.. difference.Select(d => d + offset)], PhaseColours[0]);
        diff.LegendText = "difference";
        diff.LineWidth = 1.5f;
        for (int k = 0; k < phases.Length; k++)
        {
            double[] positions = [.. fit.Ticks.GetValueOrDefault(phases[k], []).Select(t => t.Position).Where(p => p >= x[0] && p <= x[^1])];
            if (positions.Length == 0) continue;
            var marks = plot.Add.Markers(positions, [.. positions.Select(_ => firstRow - k * rowStep)], MarkerShape.VerticalBar, 10, PhaseColours[k % PhaseColours.Length]);
            marks.LegendText = phases[k];
        }
        plot.Title(FormattableString.Invariant($"{fit.Name}: Rwp {100 * fit.Agreement.Rwp:F2} %, Rp {100 * fit.Agreement.Rp:F2} %, GoF {fit.Agreement.GoodnessOfFit:F3}"));
        plot.XLabel(timeOfFlight ? "time of flight (µs)" : "2θ (°)");
        plot.YLabel("counts");
        plot.Axes.SetLimitsX(x[0], x[^1]);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    // A multiplot of these plots in rows, first on top (a new Multiplot holds one empty plot, which Reset replaces).
    private static Multiplot Stack(IEnumerable<Plot> plots)
    {
        var multiplot = new Multiplot();
        bool first = true;
        foreach (var plot in plots)
        {
            if (first) multiplot.Reset(plot);
            else multiplot.AddPlot(plot);
            first = false;
        }
        return multiplot;
    }

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
    }
}
