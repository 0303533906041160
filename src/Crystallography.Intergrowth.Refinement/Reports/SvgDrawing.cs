using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>A rectangle of a drawing that maps data (x, y) onto SVG user units (y grows downwards).</summary>
/// <param name="Left">Left edge of the frame.</param>
/// <param name="Top">Top edge of the frame.</param>
/// <param name="Right">Right edge of the frame.</param>
/// <param name="Bottom">Bottom edge of the frame.</param>
/// <param name="XMin">The data x at the left edge.</param>
/// <param name="XMax">The data x at the right edge.</param>
/// <param name="YMin">The data y at the bottom edge.</param>
/// <param name="YMax">The data y at the top edge.</param>
internal readonly record struct SvgFrame(double Left, double Top, double Right, double Bottom, double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>The SVG x of a data x.</summary>
    public double X(double x) => Left + (x - XMin) / (XMax - XMin) * (Right - Left);

    /// <summary>The SVG y of a data y.</summary>
    public double Y(double y) => Bottom - (y - YMin) / (YMax - YMin) * (Bottom - Top);
}

/// <summary>
/// The pieces every SVG plot of the library is drawn with — the document, frames, polylines, markers, axes with round ticks,
/// escaping and invariant numbers — so that <see cref="RietveldPlot"/>, <see cref="ParameterSeriesPlot"/> and
/// <see cref="AgreementScanPlot"/> look alike and a test finds the same classes in each (<c>x-tick</c>, <c>y-tick</c>,
/// <c>x-label</c>, <c>y-label</c>, <c>title</c>).
/// </summary>
internal static class SvgDrawing
{
    /// <summary>Colours of successive series or phases (the matplotlib "tab10" order).</summary>
    public static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#ff7f0e", "#17becf"];

    /// <summary>Opens the document.</summary>
    public static void Begin(StringBuilder svg, double width, double height) =>
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:F0}\" height=\"{height:F0}\" viewBox=\"0 0 {width:F0} {height:F0}\" font-family=\"sans-serif\" font-size=\"12\">\n"));

    /// <summary>Closes the document.</summary>
    public static void End(StringBuilder svg) => svg.Append("</svg>\n");

    /// <summary>A title line (class <c>title</c>).</summary>
    public static void Title(StringBuilder svg, double x, double y, string text) =>
        svg.Append(Invariant($"<text class=\"title\" x=\"{x:F1}\" y=\"{y:F1}\" font-size=\"14\">{Escape(text)}</text>\n"));

    /// <summary>The frame's border.</summary>
    public static void Border(StringBuilder svg, SvgFrame f) =>
        svg.Append(Invariant($"<rect x=\"{f.Left:F1}\" y=\"{f.Top:F1}\" width=\"{f.Right - f.Left:F1}\" height=\"{f.Bottom - f.Top:F1}\" fill=\"none\" stroke=\"#000\"/>\n"));

    /// <summary>A polyline through the points (one SVG point per data point), with a class and optional extra attributes.</summary>
    public static void Polyline(StringBuilder svg, string kind, IReadOnlyList<double> x, IReadOnlyList<double> y, SvgFrame f, string colour, double width,
                                string attributes = "")
    {
        var points = new StringBuilder();
        for (int i = 0; i < x.Count; i++)
        {
            if (i > 0) points.Append(' ');
            points.Append(Invariant($"{f.X(x[i]):F2},{f.Y(y[i]):F2}"));
        }
        svg.Append(Invariant($"<polyline class=\"{kind}\"{attributes} points=\"{points}\" stroke=\"{colour}\" stroke-width=\"{width}\" fill=\"none\"/>\n"));
    }

    /// <summary>
    /// The x axis below the frame (tick marks, values at <paramref name="labelBaseline"/>, the label under them) and the y axis
    /// on its left, each a group of class <c>x-axis</c>/<c>y-axis</c>; y ticks start at <paramref name="yTicksFrom"/>.
    /// </summary>
    public static void Axes(StringBuilder svg, SvgFrame f, string xLabel, string yLabel, double labelBaseline, double yTicksFrom)
    {
        svg.Append("<g class=\"x-axis\">\n");
        foreach (double value in NiceTicks(f.XMin, f.XMax))
        {
            double tx = f.X(value);
            svg.Append(Invariant($"<line x1=\"{tx:F2}\" y1=\"{f.Bottom:F1}\" x2=\"{tx:F2}\" y2=\"{f.Bottom + 4:F1}\" stroke=\"#000\"/>"));
            svg.Append(Invariant($"<text class=\"x-tick\" x=\"{tx:F2}\" y=\"{labelBaseline:F1}\" text-anchor=\"middle\">{Number(value)}</text>\n"));
        }
        svg.Append(Invariant($"<text class=\"x-label\" x=\"{(f.Left + f.Right) / 2:F1}\" y=\"{labelBaseline + 18:F1}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append("</g>\n<g class=\"y-axis\">\n");
        foreach (double value in NiceTicks(yTicksFrom, f.YMax))
        {
            double ty = f.Y(value);
            svg.Append(Invariant($"<line x1=\"{f.Left - 4:F1}\" y1=\"{ty:F2}\" x2=\"{f.Left:F1}\" y2=\"{ty:F2}\" stroke=\"#000\"/>"));
            svg.Append(Invariant($"<text class=\"y-tick\" x=\"{f.Left - 6:F1}\" y=\"{ty + 4:F2}\" text-anchor=\"end\">{Number(value)}</text>\n"));
        }
        svg.Append(Invariant($"<text class=\"y-label\" transform=\"translate(14 {(f.Top + f.Bottom) / 2:F1}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>\n"));
        svg.Append("</g>\n");
    }

    /// <summary>
    /// Data limits padded by <paramref name="margin"/> of their span on each side; a single value or an empty list gets a
    /// span of its own so that the frame never has zero height.
    /// </summary>
    public static (double Min, double Max) Padded(IEnumerable<double> values, double margin)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values.Where(double.IsFinite))
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (!double.IsFinite(min)) return (0, 1);
        if (!(max > min))
        {
            double half = min == 0 ? 0.5 : Math.Abs(min) * 0.01;
            return (min - half, max + half);
        }
        double pad = margin * (max - min);
        return (min - pad, max + pad);
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

    /// <summary>A tick value: up to six significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>An interpolated string in the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text escaped for SVG content and attribute values.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
