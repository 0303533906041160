namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// A background drawn as straight lines between fixed points (x_j, b_j); the positions are fixed,
/// the heights refine. Outside the first and last point the end heights continue unchanged.
/// Immutable.
/// </summary>
/// <remarks>
/// GSAS-II's "lin interpolate" background and FullProf's linear interpolation between background
/// points (Nba = 2) do the same (both hold the end values outside the points). Between x_j and
/// x_(j+1) with r = (x − x_j)/(x_(j+1) − x_j): B = (1 − r)·b_j + r·b_(j+1), so ∂B/∂b_j = 1 − r and
/// ∂B/∂b_(j+1) = r, all other heights zero.
/// </remarks>
public sealed class InterpolatedBackground : IEquatable<InterpolatedBackground>
{
    private readonly double[] _positions;
    private readonly double[] _heights;

    /// <summary>A background through the given points.</summary>
    /// <param name="positions">x_j, strictly ascending, finite, at least one.</param>
    /// <param name="heights">b_j, finite, one per position.</param>
    /// <exception cref="ArgumentException">Empty or unequal lists, positions not strictly ascending, a value not finite.</exception>
    public InterpolatedBackground(IEnumerable<double> positions, IEnumerable<double> heights)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(heights);
        _positions = positions.ToArray();
        _heights = heights.ToArray();
        CheckPoints(_positions, _heights);
    }

    /// <summary>The fixed positions x_j.</summary>
    public IReadOnlyList<double> Positions => _positions;

    /// <summary>The heights b_j.</summary>
    public IReadOnlyList<double> Heights => _heights;

    /// <summary>A copy with other heights at the same positions.</summary>
    /// <param name="heights">The new heights.</param>
    /// <returns>The new background.</returns>
    public InterpolatedBackground WithHeights(IEnumerable<double> heights) => new(_positions, heights);

    /// <summary>B at the points <paramref name="x"/>.</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="value">Destination.</param>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value) => Evaluate(x, _positions, _heights, value);

    /// <summary>B at the points <paramref name="x"/> for points (positions, heights).</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="positions">x_j, strictly ascending.</param>
    /// <param name="heights">b_j, one per position.</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">Bad points or a destination of the wrong length.</exception>
    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> positions, ReadOnlySpan<double> heights, Span<double> value)
    {
        CheckPoints(positions, heights);
        PeakArguments.CheckLength(x, value, nameof(value));
        for (int i = 0; i < x.Length; i++)
        {
            (int j, double r) = Locate(x[i], positions);
            value[i] = r == 0 ? heights[j] : (1 - r) * heights[j] + r * heights[j + 1];
        }
    }

    /// <summary>
    /// B and ∂B/∂b_j, column-major: the column of b_j is <paramref name="dHeights"/>[j·n … j·n + n − 1], n = x.Length.
    /// </summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="positions">x_j, strictly ascending.</param>
    /// <param name="heights">b_j, one per position.</param>
    /// <param name="value">Destination for B.</param>
    /// <param name="dHeights">Destination for the derivatives, x.Length × positions.Length; fully overwritten.</param>
    /// <exception cref="ArgumentException">Bad points or a destination of the wrong length.</exception>
    public static void EvaluateWithDerivatives(ReadOnlySpan<double> x, ReadOnlySpan<double> positions,
        ReadOnlySpan<double> heights, Span<double> value, Span<double> dHeights)
    {
        CheckPoints(positions, heights);
        PeakArguments.CheckLength(x, value, nameof(value));
        int n = x.Length, m = positions.Length;
        if (dHeights.Length != n * m)
        {
            throw new ArgumentException(
                $"The derivative destination holds {dHeights.Length} values; {n} points × {m} heights need {n * m}.",
                nameof(dHeights));
        }
        dHeights.Clear();
        for (int i = 0; i < n; i++)
        {
            (int j, double r) = Locate(x[i], positions);
            if (r == 0)
            {
                value[i] = heights[j];
                dHeights[j * n + i] = 1;
            }
            else
            {
                value[i] = (1 - r) * heights[j] + r * heights[j + 1];
                dHeights[j * n + i] = 1 - r;
                dHeights[(j + 1) * n + i] = r;
            }
        }
    }

    /// <inheritdoc />
    public bool Equals(InterpolatedBackground? other) =>
        other is not null && _positions.AsSpan().SequenceEqual(other._positions)
        && _heights.AsSpan().SequenceEqual(other._heights);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as InterpolatedBackground);

    /// <summary>"Interpolated background, 4 points: (5, 120), (20, 95), (40, 80), (60, 85)".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Interpolated background, {_positions.Length} points: {string.Join(", ", _positions.Zip(_heights, (x, y) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({x:G6}, {y:G6})")))}");

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (double p in _positions)
        {
            hash.Add(p);
        }
        foreach (double h in _heights)
        {
            hash.Add(h);
        }
        return hash.ToHashCode();
    }

    // The segment j and fraction r ∈ [0, 1) of x; r = 0 and j the end point outside the range.
    private static (int Segment, double Fraction) Locate(double x, ReadOnlySpan<double> positions)
    {
        int last = positions.Length - 1;
        if (!(x > positions[0]))
        {
            return (0, 0);
        }
        if (x >= positions[last])
        {
            return (last, 0);
        }
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (positions[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return (lo, (x - positions[lo]) / (positions[lo + 1] - positions[lo]));
    }

    private static void CheckPoints(ReadOnlySpan<double> positions, ReadOnlySpan<double> heights)
    {
        if (positions.Length == 0)
        {
            throw new ArgumentException("An interpolated background needs at least one point.", nameof(positions));
        }
        if (heights.Length != positions.Length)
        {
            throw new ArgumentException(
                $"There are {positions.Length} positions but {heights.Length} heights; they must be equal.", nameof(heights));
        }
        for (int j = 0; j < positions.Length; j++)
        {
            if (!double.IsFinite(positions[j]) || !double.IsFinite(heights[j]))
            {
                throw new ArgumentException($"Point {j} ({positions[j]}, {heights[j]}) is not finite.", nameof(positions));
            }
            if (j > 0 && !(positions[j] > positions[j - 1]))
            {
                throw new ArgumentException(
                    $"Positions must be strictly ascending: x{j} = {positions[j]} follows x{j - 1} = {positions[j - 1]}.",
                    nameof(positions));
            }
        }
    }
}
