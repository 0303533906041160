using System.Globalization;
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
}

/// <summary>
/// The Rietveld plot of a refinement as SVG, with no graphics dependency: for each pattern a panel with the observed
/// points, the calculated line, the background, the difference curve below, and one row of reflection marks per phase.
/// Elements carry classes (<c>observed</c>, <c>calculated</c>, <c>background</c>, <c>difference</c>, <c>ticks</c>) and
/// <c>data-pattern</c>/<c>data-phase</c> attributes so that a style sheet or a test can find them.
/// </summary>
public static class RietveldPlot
{
    private static readonly string[] PhaseColours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"];

    /// <summary>The plot of every pattern of a result, stacked.</summary>
    /// <param name="result">The refinement.</param>
    /// <param name="options">Sizes and labels, or null for the defaults.</param>
    public static string ToSvg(RefinementResult result, RietveldPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= RietveldPlotOptions.Default;
        double width = options.Width, panel = options.PanelHeight;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:F0}\" height=\"{panel * result.Patterns.Length:F0}\" viewBox=\"0 0 {width:F0} {panel * result.Patterns.Length:F0}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        var phases = result.Phases.Select(p => p.Name).ToArray();
        for (int p = 0; p < result.Patterns.Length; p++)
            Panel(svg, result.Patterns[p], result.Problem.Patterns[p].IsTimeOfFlight, phases, options, p * panel);
        svg.Append("</svg>\n");
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
        double X(double x) => left + (x - xMin) / (xMax - xMin) * (width - left - right);
        double Y(double y) => plotBottom - (y - yMin) / (yMax - yMin) * (plotBottom - plotTop);

        svg.Append(Invariant($"<g class=\"pattern\" data-pattern=\"{Escape(fit.Name)}\">\n"));
        svg.Append(Invariant($"<text class=\"title\" x=\"{left:F1}\" y=\"{top + 18:F1}\" font-size=\"14\">{Escape(fit.Name)}: Rwp {100 * fit.Agreement.Rwp:F2} %, Rp {100 * fit.Agreement.Rp:F2} %, GoF {fit.Agreement.GoodnessOfFit:F3}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{left:F1}\" y=\"{plotTop:F1}\" width=\"{width - left - right:F1}\" height=\"{plotBottom - plotTop:F1}\" fill=\"none\" stroke=\"#000\"/>\n"));

        var observed = new StringBuilder();
        for (int i = 0; i < fit.X.Length; i++) observed.Append(Invariant($"M{X(fit.X[i]):F2} {Y(fit.Observed[i]):F2}h0"));
        svg.Append(Invariant($"<path class=\"observed\" d=\"{observed}\" stroke=\"#d62728\" stroke-width=\"2.5\" stroke-linecap=\"round\" fill=\"none\"/>\n"));
        Line(svg, "calculated", fit.X, fit.Calculated, X, Y, "#000", 1);
        Line(svg, "background", fit.X, fit.Background, X, Y, "#7f7f7f", 0.8);
        Line(svg, "difference", fit.X, [.. difference.Select(d => d + offset)], X, Y, "#1f77b4", 0.8);

        for (int k = 0; k < phases.Length; k++)
        {
            string colour = PhaseColours[k % PhaseColours.Length];
            double row = plotBottom + 6 + 14 * k;
            svg.Append(Invariant($"<g class=\"ticks\" data-phase=\"{Escape(phases[k])}\" stroke=\"{colour}\">\n"));
            foreach (var tick in fit.Ticks.GetValueOrDefault(phases[k], []))
            {
                if (tick.Position < xMin || tick.Position > xMax) continue;
                double tx = X(tick.Position);
                svg.Append(Invariant($"<line x1=\"{tx:F2}\" y1=\"{row:F1}\" x2=\"{tx:F2}\" y2=\"{row + 10:F1}\">"));
                if (options.LabelReflections) svg.Append(Invariant($"<title>{Escape(phases[k])} {tick.Index.H} {tick.Index.K} {tick.Index.L}</title>"));
                svg.Append("</line>\n");
            }
            svg.Append(Invariant($"<text x=\"{width - right - 4:F1}\" y=\"{row + 9:F1}\" text-anchor=\"end\" fill=\"{colour}\" stroke=\"none\">{Escape(phases[k])}</text>\n"));
            svg.Append("</g>\n");
        }

        double axis = plotBottom + 6 + tickRows + 4;
        svg.Append("<g class=\"x-axis\">\n");
        foreach (double value in NiceTicks(xMin, xMax))
        {
            double tx = X(value);
            svg.Append(Invariant($"<line x1=\"{tx:F2}\" y1=\"{plotBottom:F1}\" x2=\"{tx:F2}\" y2=\"{plotBottom + 4:F1}\" stroke=\"#000\"/>"));
            svg.Append(Invariant($"<text class=\"x-tick\" x=\"{tx:F2}\" y=\"{axis + 10:F1}\" text-anchor=\"middle\">{value.ToString("G6", CultureInfo.InvariantCulture)}</text>\n"));
        }
        svg.Append(Invariant($"<text class=\"x-label\" x=\"{left + (width - left - right) / 2:F1}\" y=\"{axis + 28:F1}\" text-anchor=\"middle\">{(timeOfFlight ? "time of flight (µs)" : "2θ (°)")}</text>\n"));
        svg.Append("</g>\n<g class=\"y-axis\">\n");
        foreach (double value in NiceTicks(Math.Max(yMin, 0), yMax))
        {
            double ty = Y(value);
            svg.Append(Invariant($"<line x1=\"{left - 4:F1}\" y1=\"{ty:F2}\" x2=\"{left:F1}\" y2=\"{ty:F2}\" stroke=\"#000\"/>"));
            svg.Append(Invariant($"<text class=\"y-tick\" x=\"{left - 6:F1}\" y=\"{ty + 4:F2}\" text-anchor=\"end\">{value.ToString("G6", CultureInfo.InvariantCulture)}</text>\n"));
        }
        svg.Append(Invariant($"<text class=\"y-label\" transform=\"translate(14 {(plotTop + plotBottom) / 2:F1}) rotate(-90)\" text-anchor=\"middle\">counts</text>\n"));
        svg.Append("</g>\n</g>\n");
    }

    private static void Line(StringBuilder svg, string kind, IReadOnlyList<double> x, IReadOnlyList<double> y, Func<double, double> X, Func<double, double> Y,
                             string colour, double width)
    {
        var points = new StringBuilder();
        for (int i = 0; i < x.Count; i++)
        {
            if (i > 0) points.Append(' ');
            points.Append(Invariant($"{X(x[i]):F2},{Y(y[i]):F2}"));
        }
        svg.Append(Invariant($"<polyline class=\"{kind}\" points=\"{points}\" stroke=\"{colour}\" stroke-width=\"{width}\" fill=\"none\"/>\n"));
    }

    // 4–10 round values (1, 2 or 5 × 10ⁿ apart) inside [low, high].
    internal static IEnumerable<double> NiceTicks(double low, double high)
    {
        if (!(high > low)) yield break;
        double raw = (high - low) / 6, power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        for (double v = Math.Ceiling(low / step) * step; v <= high + 1e-9 * step; v += step)
            yield return Math.Abs(v) < 1e-12 * step ? 0 : Math.Round(v / step) * step;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
