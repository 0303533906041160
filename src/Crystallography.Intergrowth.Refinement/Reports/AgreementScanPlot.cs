using System.Text;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>How <see cref="AgreementScanPlot"/> draws.</summary>
public sealed record AgreementScanPlotOptions
{
    /// <summary>The defaults: 720 × 400, x "scanned value", y "wRp (%)", agreement given as fractions and drawn in %.</summary>
    public static AgreementScanPlotOptions Default { get; } = new();

    /// <summary>Width of the drawing.</summary>
    public double Width { get; init => field = value >= 200 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "At least 200."); } = 720;

    /// <summary>Height of the drawing.</summary>
    public double Height { get; init => field = value >= 150 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Height), value, "At least 150."); } = 400;

    /// <summary>What was scanned: "layered:rocksalt molar ratio".</summary>
    public string XLabel { get; init; } = "scanned value";

    /// <summary>The agreement factor's name and unit.</summary>
    public string YLabel { get; init; } = "wRp (%)";

    /// <summary>True (default) when the values are fractions (0.0545) to be drawn as percent (5.45); false draws them as given.</summary>
    public bool AsPercent { get; init; } = true;

    /// <summary>A title, or null.</summary>
    public string? Title { get; init; }
}

/// <summary>
/// An agreement factor against a scanned, held parameter as SVG — the study's wRp against the layered:rocksalt molar ratio
/// from 1.5 to 4.0 — with the lowest point marked. Elements: the line <c>scan</c>, one <c>point</c> per scan point
/// (<c>data-x</c>, <c>data-y</c> in the drawn unit), the <c>minimum</c> marker and its <c>minimum-label</c>, and the axes of
/// <see cref="RietveldPlot"/>.
/// </summary>
public static class AgreementScanPlot
{
    /// <summary>The plot of <paramref name="agreement"/> against <paramref name="x"/>.</summary>
    /// <param name="x">The scanned values, finite and strictly ascending, at least two.</param>
    /// <param name="agreement">The agreement factor at each (e.g. <c>result.Overall.Rwp</c>), finite.</param>
    /// <param name="options">Labels and sizes, or null.</param>
    /// <exception cref="ArgumentException">Fewer than two points, lengths differ, x not ascending, or a value not finite.</exception>
    public static string ToSvg(IReadOnlyList<double> x, IReadOnlyList<double> agreement, AgreementScanPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(agreement);
        options ??= AgreementScanPlotOptions.Default;
        if (x.Count < 2) throw new ArgumentException($"A scan needs at least two points, found {x.Count}.", nameof(x));
        if (agreement.Count != x.Count) throw new ArgumentException($"{x.Count} scanned values and {agreement.Count} agreement factors; the lengths must agree.", nameof(agreement));
        for (int i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]) || (i > 0 && !(x[i] > x[i - 1]))) throw new ArgumentException($"x must be finite and strictly ascending; x[{i}] is {x[i]}.", nameof(x));
            if (!double.IsFinite(agreement[i])) throw new ArgumentException($"The agreement factor at x[{i}] = {x[i]} is {agreement[i]}; it must be finite.", nameof(agreement));
        }
        double factor = options.AsPercent ? 100 : 1;
        double[] y = [.. agreement.Select(a => factor * a)];
        int best = Array.IndexOf(y, y.Min());

        var (xMin, xMax) = SvgDrawing.Padded(x, 0.04);
        var (yMin, yMax) = SvgDrawing.Padded(y, 0.1);
        double top = options.Title is null ? 14 : 34;
        var frame = new SvgFrame(80, top, options.Width - 20, options.Height - 44, xMin, xMax, yMin, yMax);
        var svg = new StringBuilder();
        SvgDrawing.Begin(svg, options.Width, options.Height);
        if (options.Title is { } title) SvgDrawing.Title(svg, frame.Left, 20, title);
        SvgDrawing.Border(svg, frame);
        SvgDrawing.Polyline(svg, "scan", x, y, frame, "#1f77b4", 1.2);
        for (int i = 0; i < x.Count; i++)
            svg.Append(SvgDrawing.Invariant(
                $"<circle class=\"point\" cx=\"{frame.X(x[i]):F2}\" cy=\"{frame.Y(y[i]):F2}\" r=\"3\" fill=\"#1f77b4\" data-x=\"{x[i]:R}\" data-y=\"{y[i]:R}\"/>\n"));
        double bx = frame.X(x[best]), by = frame.Y(y[best]);
        svg.Append(SvgDrawing.Invariant(
            $"<circle class=\"minimum\" cx=\"{bx:F2}\" cy=\"{by:F2}\" r=\"7\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" data-x=\"{x[best]:R}\" data-y=\"{y[best]:R}\"/>\n"));
        svg.Append(SvgDrawing.Invariant(
            $"<text class=\"minimum-label\" x=\"{bx:F2}\" y=\"{by + 22:F2}\" text-anchor=\"middle\" fill=\"#d62728\">minimum {SvgDrawing.Number(y[best])} at {SvgDrawing.Number(x[best])}</text>\n"));
        SvgDrawing.Axes(svg, frame, options.XLabel, options.YLabel, frame.Bottom + 16, frame.YMin);
        SvgDrawing.End(svg);
        return svg.ToString();
    }

    /// <summary>Writes <see cref="ToSvg"/> to a file.</summary>
    /// <param name="x">The scanned values.</param>
    /// <param name="agreement">The agreement factors.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Labels and sizes, or null.</param>
    public static void WriteSvg(IReadOnlyList<double> x, IReadOnlyList<double> agreement, string path, AgreementScanPlotOptions? options = null) =>
        File.WriteAllText(path, ToSvg(x, agreement, options));
}
