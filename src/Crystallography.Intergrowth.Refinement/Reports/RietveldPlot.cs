using System.Text;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>How <see cref="RietveldPlot"/> draws (sizes in SVG user units, pixels by default).</summary>
public sealed record RietveldPlotOptions
{
    /// <summary>The defaults: 960 × 480 per pattern, no hkl labels.</summary>
    public static RietveldPlotOptions Default { get; } = new();

    /// <summary>Width of the drawing.</summary>
    public double Width { get; init => field = value >= 200 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "At least 200."); } = 960;

    /// <summary>Height of one pattern's panel.</summary>
    public double PanelHeight { get; init => field = value >= 200 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(PanelHeight), value, "At least 200."); } = 480;

    /// <summary>Whether each reflection's mark carries its hkl as a tooltip (<c>&lt;title&gt;</c>).</summary>
    public bool LabelReflections { get; init; }

    /// <summary>
    /// Whether reflections are also labelled in visible text: "h k l", rotated, just above the calculated curve at the
    /// reflection, in the phase's colour (class <c>hkl</c>). Going from low to high x over every phase, a label is written
    /// only when it lies at least <see cref="MinimumLabelSpacing"/> from the last one written, so that crowded regions keep
    /// the first reflection of each cluster and stay legible.
    /// </summary>
    public bool ShowReflectionIndices { get; init; }

    /// <summary>The least distance between two visible hkl labels (SVG units; default 12, about one line of text).</summary>
    public double MinimumLabelSpacing { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinimumLabelSpacing), value, "Positive."); } = 12;
}

/// <summary>
/// The Rietveld plot of a refinement as SVG, with no graphics dependency: for each pattern a panel with the observed
/// points, the calculated line, the background, the difference curve below, and one row of reflection marks per phase.
/// Elements carry classes (<c>observed</c>, <c>calculated</c>, <c>background</c>, <c>difference</c>, <c>ticks</c>) and
/// <c>data-pattern</c>/<c>data-phase</c> attributes so that a style sheet or a test can find them.
/// </summary>
public static class RietveldPlot
{
    /// <summary>The plot of every pattern of a result, stacked.</summary>
    /// <param name="result">The refinement.</param>
    /// <param name="options">Sizes and labels, or null for the defaults.</param>
    public static string ToSvg(RefinementResult result, RietveldPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= RietveldPlotOptions.Default;
        var svg = new StringBuilder();
        SvgDrawing.Begin(svg, options.Width, options.PanelHeight * result.Patterns.Length);
        var phases = result.Phases.Select(p => p.Name).ToArray();
        for (int p = 0; p < result.Patterns.Length; p++)
            Panel(svg, result.Patterns[p], result.Problem.Patterns[p].IsTimeOfFlight, phases, options, p * options.PanelHeight);
        SvgDrawing.End(svg);
        return svg.ToString();
    }

    /// <summary>Writes <see cref="ToSvg"/> to a file.</summary>
    /// <param name="result">The refinement.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Sizes and labels, or null.</param>
    public static void WriteSvg(RefinementResult result, string path, RietveldPlotOptions? options = null) =>
        File.WriteAllText(path, ToSvg(result, options));

    private static void Panel(StringBuilder svg, PatternFit fit, bool timeOfFlight, string[] phases, RietveldPlotOptions options, double top)
    {
        double width = options.Width, height = options.PanelHeight;
        const double left = 70, right = 20, title = 28;
        double tickRows = 14 * phases.Length;
        double plotTop = top + title, plotBottom = top + height - 46 - tickRows;
        double xMin = fit.X[0], xMax = fit.X[^1];
        double yMax = Math.Max(fit.Observed.Max(), fit.Calculated.Max());
        var difference = fit.Observed.Select((o, i) => o - fit.Calculated[i]).ToArray();
        double dMin = difference.Min(), dMax = difference.Max();
        // The difference curve sits below the lowest count, its own height kept.
        double yLow = Math.Min(fit.Observed.Min(), fit.Calculated.Min());
        double offset = yLow - dMax - 0.02 * (yMax - yLow);
        double yMin = offset + dMin;
        if (!(yMax > yMin)) yMax = yMin + 1;
        var frame = new SvgFrame(left, plotTop, width - right, plotBottom, xMin, xMax, yMin, yMax);

        svg.Append(Invariant($"<g class=\"pattern\" data-pattern=\"{Escape(fit.Name)}\">\n"));
        SvgDrawing.Title(svg, left, top + 18, Invariant($"{fit.Name}: Rwp {100 * fit.Agreement.Rwp:F2} %, Rp {100 * fit.Agreement.Rp:F2} %, GoF {fit.Agreement.GoodnessOfFit:F3}"));
        SvgDrawing.Border(svg, frame);

        var observed = new StringBuilder();
        for (int i = 0; i < fit.X.Length; i++) observed.Append(Invariant($"M{frame.X(fit.X[i]):F2} {frame.Y(fit.Observed[i]):F2}h0"));
        svg.Append(Invariant($"<path class=\"observed\" d=\"{observed}\" stroke=\"#d62728\" stroke-width=\"2.5\" stroke-linecap=\"round\" fill=\"none\"/>\n"));
        SvgDrawing.Polyline(svg, "calculated", fit.X, fit.Calculated, frame, "#000", 1);
        SvgDrawing.Polyline(svg, "background", fit.X, fit.Background, frame, "#7f7f7f", 0.8);
        SvgDrawing.Polyline(svg, "difference", fit.X, [.. difference.Select(d => d + offset)], frame, "#1f77b4", 0.8);

        for (int k = 0; k < phases.Length; k++)
        {
            string colour = SvgDrawing.Colours[k % 6];
            double row = plotBottom + 6 + 14 * k;
            svg.Append(Invariant($"<g class=\"ticks\" data-phase=\"{Escape(phases[k])}\" stroke=\"{colour}\">\n"));
            foreach (var tick in fit.Ticks.GetValueOrDefault(phases[k], []))
            {
                if (tick.Position < xMin || tick.Position > xMax) continue;
                double tx = frame.X(tick.Position);
                svg.Append(Invariant($"<line x1=\"{tx:F2}\" y1=\"{row:F1}\" x2=\"{tx:F2}\" y2=\"{row + 10:F1}\">"));
                if (options.LabelReflections) svg.Append(Invariant($"<title>{Escape(phases[k])} {tick.Index.H} {tick.Index.K} {tick.Index.L}</title>"));
                svg.Append("</line>\n");
            }
            svg.Append(Invariant($"<text x=\"{width - right - 4:F1}\" y=\"{row + 9:F1}\" text-anchor=\"end\" fill=\"{colour}\" stroke=\"none\">{Escape(phases[k])}</text>\n"));
            svg.Append("</g>\n");
        }

        if (options.ShowReflectionIndices) IndexLabels(svg, fit, phases, frame, options.MinimumLabelSpacing);

        double axis = plotBottom + 6 + tickRows + 4;
        SvgDrawing.Axes(svg, frame, timeOfFlight ? "time of flight (µs)" : "2θ (°)", "counts", axis + 10, Math.Max(yMin, 0));
        svg.Append("</g>\n");
    }

    // The visible hkl labels: greedy from the left over every phase's reflections inside the range, each label at least
    // `spacing` from the previous one, anchored 4 units above the highest calculated point within ±2 points of the reflection
    // (and low enough that a label of about 40 units stays inside the frame).
    private static void IndexLabels(StringBuilder svg, PatternFit fit, string[] phases, SvgFrame frame, double spacing)
    {
        var ticks = phases.SelectMany((phase, k) => fit.Ticks.GetValueOrDefault(phase, []).Select(t => (Tick: t, Phase: k)))
            .Where(t => t.Tick.Position >= fit.X[0] && t.Tick.Position <= fit.X[^1])
            .OrderBy(t => t.Tick.Position)
            .ToList();
        svg.Append("<g class=\"hkl-labels\" font-size=\"9\">\n");
        double last = double.NegativeInfinity;
        foreach (var (tick, k) in ticks)
        {
            double tx = frame.X(tick.Position);
            if (tx - last < spacing) continue;
            last = tx;
            int i = fit.X.AsSpan().BinarySearch(tick.Position);
            if (i < 0) i = ~i;
            double peak = double.NegativeInfinity;
            for (int j = Math.Max(0, i - 2); j <= Math.Min(fit.X.Length - 1, i + 2); j++) peak = Math.Max(peak, fit.Calculated[j]);
            double ty = Math.Max(frame.Y(peak) - 4, frame.Top + 44);
            svg.Append(Invariant($"<text class=\"hkl\" data-phase=\"{Escape(phases[k])}\" x=\"{tx + 3:F2}\" y=\"{ty:F2}\" transform=\"rotate(-90 {tx + 3:F2} {ty:F2})\" fill=\"{SvgDrawing.Colours[k % 6]}\">{tick.Index.H} {tick.Index.K} {tick.Index.L}</text>\n"));
        }
        svg.Append("</g>\n");
    }

    // 4–10 round values (1, 2 or 5 × 10ⁿ apart) inside [low, high]; the shared helper's, kept here for its tests.
    internal static IEnumerable<double> NiceTicks(double low, double high) => SvgDrawing.NiceTicks(low, high);

    private static string Invariant(FormattableString text) => SvgDrawing.Invariant(text);

    private static string Escape(string text) => SvgDrawing.Escape(text);
}
