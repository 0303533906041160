using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The points a pattern is simulated at: an evenly spaced range (2θ start, step, end — or TOF), a
/// range with constant relative step Δt/t (the logarithmic binning of TOF instruments), or the
/// abscissae of a measured pattern. Immutable.
/// </summary>
public sealed class PatternRange
{
    private PatternRange(ImmutableArray<double> x, UniformGrid? grid)
    {
        X = x;
        Grid = grid;
    }

    /// <summary>The abscissae, strictly increasing.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>The grid when the points are evenly spaced (x_i = Start + i·Step, as the kernel computes them), else null.</summary>
    public UniformGrid? Grid { get; }

    /// <summary>The number of points.</summary>
    public int Count => X.Length;

    /// <summary>Start, Start + Step, … up to End (included when a step lands on it within 10⁻⁶ of a step).</summary>
    /// <param name="start">First point.</param>
    /// <param name="step">Spacing, positive.</param>
    /// <param name="end">Last point, ≥ start.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-finite value, a step not positive, or end below start.</exception>
    public static PatternRange Uniform(double start, double step, double end)
    {
        if (!double.IsFinite(start)) throw new ArgumentOutOfRangeException(nameof(start), start, "The start must be finite.");
        if (!(step > 0) || !double.IsFinite(step)) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive and finite.");
        if (!(end >= start) || !double.IsFinite(end)) throw new ArgumentOutOfRangeException(nameof(end), end, $"The end must be finite and not below the start {start}.");
        long count = (long)Math.Floor((end - start) / step + 1e-6) + 1;
        if (count > 10_000_000) throw new ArgumentOutOfRangeException(nameof(step), step, $"The range holds {count} points; at most 10⁷ are simulated.");
        var grid = new UniformGrid(start, step, (int)count);
        var x = new double[grid.Count];
        for (int i = 0; i < x.Length; i++) x[i] = grid[i];
        return new PatternRange([.. x], grid);
    }

    /// <summary>Points t_{i+1} = t_i·(1 + relativeStep) from start to end (GSAS "SLOG" binning).</summary>
    /// <param name="start">First point, positive.</param>
    /// <param name="end">Last point, above start.</param>
    /// <param name="relativeStep">Δt/t, positive (POWGEN: 4·10⁻⁴).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public static PatternRange Logarithmic(double start, double end, double relativeStep)
    {
        if (!(start > 0) || !double.IsFinite(start)) throw new ArgumentOutOfRangeException(nameof(start), start, "The start must be positive and finite.");
        if (!(end > start) || !double.IsFinite(end)) throw new ArgumentOutOfRangeException(nameof(end), end, "The end must be finite and above the start.");
        if (!(relativeStep > 0)) throw new ArgumentOutOfRangeException(nameof(relativeStep), relativeStep, "The relative step must be positive.");
        double count = Math.Log(end / start) / Math.Log(1 + relativeStep);
        if (count > 10_000_000) throw new ArgumentOutOfRangeException(nameof(relativeStep), relativeStep, "At most 10⁷ points are simulated.");
        var x = new List<double>();
        for (double t = start; t <= end * (1 + 1e-12); t *= 1 + relativeStep) x.Add(t);
        return new PatternRange([.. x], null);
    }

    /// <summary>Given points (those of a measured pattern, for instance).</summary>
    /// <param name="x">Abscissae, finite and strictly increasing.</param>
    /// <exception cref="ArgumentException">A value not finite or not increasing.</exception>
    public static PatternRange FromPoints(IEnumerable<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var array = x.ToImmutableArray();
        for (int i = 0; i < array.Length; i++)
        {
            if (!double.IsFinite(array[i])) throw new ArgumentException($"x[{i}] = {array[i]} is not finite.", nameof(x));
            if (i > 0 && !(array[i] > array[i - 1])) throw new ArgumentException($"x must increase strictly: x[{i - 1}] = {array[i - 1]}, x[{i}] = {array[i]}.", nameof(x));
        }
        return new PatternRange(array, null);
    }

    /// <summary>
    /// Parses "START:STEP:END" (invariant culture, e.g. "5:0.01:60") into a uniform range.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <exception cref="FormatException">Not three numbers separated by colons.</exception>
    public static PatternRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"A range is START:STEP:END, e.g. 5:0.01:60; got '{text}'.");
        double[] v = [.. parts.Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture))];
        return Uniform(v[0], v[1], v[2]);
    }

    /// <summary>"5 … 60 (5501 points)".</summary>
    public override string ToString() => Count == 0
        ? "empty range"
        : string.Create(CultureInfo.InvariantCulture, $"{X[0]} … {X[^1]} ({Count} points)");
}
