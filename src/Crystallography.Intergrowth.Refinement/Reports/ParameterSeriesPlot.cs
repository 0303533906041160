using System.Collections.Immutable;
using System.Text;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// One series of a <see cref="ParameterSeriesPlot"/>: values with standard uncertainties (a lattice parameter through a
/// sequence of patterns) against x (pattern index, time, temperature, state of charge). Immutable; equality is by reference.
/// </summary>
public sealed class PlotSeries
{
    /// <summary>Creates a series.</summary>
    /// <param name="name">The legend text, e.g. <c>layered/cell/a</c>.</param>
    /// <param name="x">The abscissae, finite, one per value.</param>
    /// <param name="values">The values with s.u. (0 for none: no error bar).</param>
    /// <param name="panel">The panel the series is drawn in; series with the same panel share its y axis. Null: a panel of its own, named as the series.</param>
    /// <exception cref="ArgumentException">No points, lengths differ, or a value, s.u. or x is not finite or an s.u. is negative.</exception>
    public PlotSeries(string name, IEnumerable<double> x, IEnumerable<MeasuredValue> values, string? panel = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        X = [.. x];
        Values = [.. values];
        Panel = panel ?? name;
        if (X.Length == 0) throw new ArgumentException($"Series '{name}' has no points.", nameof(values));
        if (X.Length != Values.Length) throw new ArgumentException($"Series '{name}': {X.Length} x values and {Values.Length} values; the lengths must agree.", nameof(x));
        for (int i = 0; i < X.Length; i++)
        {
            if (!double.IsFinite(X[i])) throw new ArgumentException($"Series '{name}': x[{i}] is {X[i]}; x must be finite.", nameof(x));
            if (!double.IsFinite(Values[i].Value) || !(Values[i].StandardUncertainty >= 0) || !double.IsFinite(Values[i].StandardUncertainty))
                throw new ArgumentException($"Series '{name}': point {i} is {Values[i].Value} ± {Values[i].StandardUncertainty}; values and s.u. must be finite, s.u. ≥ 0.", nameof(values));
        }
    }

    /// <summary>The legend text.</summary>
    public string Name { get; }

    /// <summary>The abscissae.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>The values with s.u.</summary>
    public ImmutableArray<MeasuredValue> Values { get; }

    /// <summary>The panel the series belongs to.</summary>
    public string Panel { get; }

    /// <summary>
    /// A parameter through a sequence of refinements (a sequential refinement's results): its refined value and s.u. in
    /// each, against <paramref name="x"/> or, when null, the index 1, 2, … of the result.
    /// </summary>
    /// <param name="parameter">The parameter id, e.g. <c>layered/cell/c</c>.</param>
    /// <param name="results">The refinements, in order.</param>
    /// <param name="x">The abscissae, or null for 1, 2, ….</param>
    /// <param name="panel">The panel, or null for one named after the parameter.</param>
    /// <exception cref="KeyNotFoundException">A result has no such parameter.</exception>
    public static PlotSeries FromResults(string parameter, IReadOnlyList<RefinementResult> results, IEnumerable<double>? x = null, string? panel = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new(parameter, x ?? Enumerable.Range(1, results.Count).Select(i => (double)i), results.Select(r => r[parameter]), panel);
    }
}

/// <summary>How <see cref="ParameterSeriesPlot"/> draws (sizes in SVG user units).</summary>
public sealed record ParameterSeriesPlotOptions
{
    /// <summary>The defaults: 720 wide, 240 per panel, x labelled "pattern".</summary>
    public static ParameterSeriesPlotOptions Default { get; } = new();

    /// <summary>Width of the drawing.</summary>
    public double Width { get; init => field = value >= 200 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "At least 200."); } = 720;

    /// <summary>Height of one panel.</summary>
    public double PanelHeight { get; init => field = value >= 120 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(PanelHeight), value, "At least 120."); } = 240;

    /// <summary>What x is, with its unit: "pattern", "time (h)", "T (K)".</summary>
    public string XLabel { get; init; } = "pattern";

    /// <summary>A title above the first panel, or null.</summary>
    public string? Title { get; init; }
}

/// <summary>
/// Values with s.u. error bars against x as SVG — lattice parameters through charge and discharge, a cell against
/// temperature: one panel per <see cref="PlotSeries.Panel"/>, stacked and sharing the x range, each series a line through
/// its points with a marker and an error bar of ±1 s.u. per point. Elements carry classes (<c>series-panel</c> with
/// <c>data-panel</c>, <c>series</c> with <c>data-series</c>, <c>point</c> with <c>data-x</c>/<c>data-y</c>/<c>data-su</c>,
/// <c>error-bar</c>, <c>line</c>) and the axes those of <see cref="RietveldPlot"/>.
/// </summary>
public static class ParameterSeriesPlot
{
    /// <summary>The plot of the series, one panel per distinct <see cref="PlotSeries.Panel"/> in order of first appearance.</summary>
    /// <param name="series">The series, at least one.</param>
    /// <param name="options">Sizes and labels, or null for the defaults.</param>
    /// <exception cref="ArgumentException">No series, or two with the same name.</exception>
    public static string ToSvg(IEnumerable<PlotSeries> series, ParameterSeriesPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= ParameterSeriesPlotOptions.Default;
        var all = series.ToList();
        if (all.Count == 0) throw new ArgumentException("Give at least one series.", nameof(series));
        if (all.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Two series are named '{twice.Key}'; names must differ.", nameof(series));
        var panels = all.GroupBy(s => s.Panel, StringComparer.Ordinal).ToList();
        double titleHeight = options.Title is null ? 0 : 24;
        var (xMin, xMax) = SvgDrawing.Padded(all.SelectMany(s => s.X), 0.04);

        var svg = new StringBuilder();
        SvgDrawing.Begin(svg, options.Width, titleHeight + options.PanelHeight * panels.Count);
        if (options.Title is { } title) SvgDrawing.Title(svg, 80, 18, title);
        int colour = 0;
        for (int p = 0; p < panels.Count; p++)
        {
            double top = titleHeight + p * options.PanelHeight;
            var members = panels[p].ToList();
            var (yMin, yMax) = SvgDrawing.Padded(members.SelectMany(s => s.Values.SelectMany(v => new[] { v.Value - v.StandardUncertainty, v.Value + v.StandardUncertainty })), 0.08);
            var frame = new SvgFrame(80, top + 26, options.Width - 20, top + options.PanelHeight - 44, xMin, xMax, yMin, yMax);
            double legendX = frame.Left;
            svg.Append(SvgDrawing.Invariant($"<g class=\"series-panel\" data-panel=\"{SvgDrawing.Escape(panels[p].Key)}\">\n"));
            SvgDrawing.Border(svg, frame);
            foreach (var s in members)
            {
                string c = SvgDrawing.Colours[colour++ % SvgDrawing.Colours.Length];
                svg.Append(SvgDrawing.Invariant($"<g class=\"series\" data-series=\"{SvgDrawing.Escape(s.Name)}\" stroke=\"{c}\" fill=\"{c}\">\n"));
                if (s.X.Length > 1) SvgDrawing.Polyline(svg, "line", s.X, [.. s.Values.Select(v => v.Value)], frame, c, 1);
                for (int i = 0; i < s.X.Length; i++)
                {
                    double px = frame.X(s.X[i]), py = frame.Y(s.Values[i].Value);
                    double su = s.Values[i].StandardUncertainty;
                    if (su > 0)
                        svg.Append(SvgDrawing.Invariant(
                            $"<line class=\"error-bar\" x1=\"{px:F2}\" y1=\"{frame.Y(s.Values[i].Value - su):F2}\" x2=\"{px:F2}\" y2=\"{frame.Y(s.Values[i].Value + su):F2}\" stroke-width=\"1\"/>"));
                    svg.Append(SvgDrawing.Invariant(
                        $"<circle class=\"point\" cx=\"{px:F2}\" cy=\"{py:F2}\" r=\"3\" data-x=\"{s.X[i]:R}\" data-y=\"{s.Values[i].Value:R}\" data-su=\"{su:R}\"><title>{SvgDrawing.Escape(s.Name)} at {SvgDrawing.Number(s.X[i])}: {s.Values[i]}</title></circle>\n"));
                }
                // The legend, in a row above the frame where it hides no point: a marker and the name, ~7 units per character.
                svg.Append(SvgDrawing.Invariant($"<circle class=\"legend-marker\" cx=\"{legendX + 4:F1}\" cy=\"{frame.Top - 10:F1}\" r=\"3\"/>"));
                svg.Append(SvgDrawing.Invariant($"<text class=\"legend\" x=\"{legendX + 12:F1}\" y=\"{frame.Top - 6:F1}\" stroke=\"none\">{SvgDrawing.Escape(s.Name)}</text>\n"));
                legendX += 12 + 7 * s.Name.Length + 16;
                svg.Append("</g>\n");
            }
            SvgDrawing.Axes(svg, frame, options.XLabel, panels[p].Key, frame.Bottom + 16, frame.YMin);
            svg.Append("</g>\n");
        }
        SvgDrawing.End(svg);
        return svg.ToString();
    }

    /// <summary>Writes <see cref="ToSvg"/> to a file.</summary>
    /// <param name="series">The series.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Sizes and labels, or null.</param>
    public static void WriteSvg(IEnumerable<PlotSeries> series, string path, ParameterSeriesPlotOptions? options = null) =>
        File.WriteAllText(path, ToSvg(series, options));
}
