namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// A background that is a shifted Chebyshev polynomial of the first kind over the pattern's x
/// range: B(x) = Σₖ cₖ·Tₖ(t), t = 2(x − x_min)/(x_max − x_min) − 1. Immutable.
/// </summary>
/// <remarks>
/// GSAS-II's "chebyschev-1" background (<c>GSASIIpwd.getBackground</c>: cₖ·cos(k·arccos t) over the
/// histogram's range) and FullProf's Chebyshev background (Nba = −4 …) use the same basis; x is
/// 2θ in degrees or TOF in µs. Tₖ is formed by the recurrence Tₖ₊₁ = 2t·Tₖ − Tₖ₋₁, the sum by
/// Clenshaw's algorithm. The derivative with respect to cₖ is Tₖ(t).
/// </remarks>
public sealed class ChebyshevBackground : IEquatable<ChebyshevBackground>
{
    private readonly double[] _coefficients;

    /// <summary>A Chebyshev background over [xMin, xMax].</summary>
    /// <param name="xMin">Lower end of the range mapped to t = −1.</param>
    /// <param name="xMax">Upper end of the range mapped to t = +1; greater than <paramref name="xMin"/>.</param>
    /// <param name="coefficients">c₀, c₁, … (at least one), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A range that is empty or not finite.</exception>
    /// <exception cref="ArgumentException">No coefficients, or one not finite.</exception>
    public ChebyshevBackground(double xMin, double xMax, IEnumerable<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        CheckRange(xMin, xMax);
        _coefficients = coefficients.ToArray();
        if (_coefficients.Length == 0)
        {
            throw new ArgumentException("A Chebyshev background needs at least one coefficient.", nameof(coefficients));
        }
        for (int k = 0; k < _coefficients.Length; k++)
        {
            if (!double.IsFinite(_coefficients[k]))
            {
                throw new ArgumentException($"Coefficient c{k} = {_coefficients[k]} is not finite.", nameof(coefficients));
            }
        }
        XMin = xMin;
        XMax = xMax;
    }

    /// <summary>Lower end of the range (t = −1).</summary>
    public double XMin { get; }

    /// <summary>Upper end of the range (t = +1).</summary>
    public double XMax { get; }

    /// <summary>The coefficients c₀, c₁, ….</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <summary>A copy with other coefficients over the same range.</summary>
    /// <param name="coefficients">The new coefficients.</param>
    /// <returns>The new background.</returns>
    public ChebyshevBackground WithCoefficients(IEnumerable<double> coefficients) => new(XMin, XMax, coefficients);

    /// <summary>B(x) at one point.</summary>
    /// <param name="x">The abscissa.</param>
    /// <returns>The background.</returns>
    public double ValueAt(double x) => Clenshaw(Map(x, XMin, 2 / (XMax - XMin)), _coefficients);

    /// <summary>B at the points <paramref name="x"/>.</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value) => Evaluate(x, XMin, XMax, _coefficients, value);

    /// <summary>B(x) = Σₖ cₖ·Tₖ(t) at the points <paramref name="x"/>.</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="xMin">Lower end of the range.</param>
    /// <param name="xMax">Upper end of the range, greater than <paramref name="xMin"/>.</param>
    /// <param name="coefficients">c₀, c₁, …; none gives zero.</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An empty or non-finite range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void Evaluate(ReadOnlySpan<double> x, double xMin, double xMax, ReadOnlySpan<double> coefficients, Span<double> value)
    {
        CheckRange(xMin, xMax);
        PeakArguments.CheckLength(x, value, nameof(value));
        double scale = 2 / (xMax - xMin);
        for (int i = 0; i < x.Length; i++)
        {
            value[i] = Clenshaw(Map(x[i], xMin, scale), coefficients);
        }
    }

    /// <summary>
    /// B(x) and its derivatives ∂B/∂cₖ = Tₖ(t), written column-major: the column of cₖ is
    /// <paramref name="dCoefficients"/>[k·n … k·n + n − 1] with n = x.Length.
    /// </summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="xMin">Lower end of the range.</param>
    /// <param name="xMax">Upper end of the range, greater than <paramref name="xMin"/>.</param>
    /// <param name="coefficients">c₀, c₁, ….</param>
    /// <param name="value">Destination for B, as long as <paramref name="x"/>.</param>
    /// <param name="dCoefficients">Destination for the derivatives, x.Length × coefficients.Length.</param>
    /// <exception cref="ArgumentOutOfRangeException">An empty or non-finite range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void EvaluateWithDerivatives(ReadOnlySpan<double> x, double xMin, double xMax,
        ReadOnlySpan<double> coefficients, Span<double> value, Span<double> dCoefficients)
    {
        CheckRange(xMin, xMax);
        PeakArguments.CheckLength(x, value, nameof(value));
        int n = x.Length, m = coefficients.Length;
        if (dCoefficients.Length != n * m)
        {
            throw new ArgumentException(
                $"The derivative destination holds {dCoefficients.Length} values; {n} points × {m} coefficients need {n * m}.",
                nameof(dCoefficients));
        }
        double scale = 2 / (xMax - xMin);
        for (int i = 0; i < n; i++)
        {
            double t = Map(x[i], xMin, scale);
            double previous = 1, current = t, sum = 0;
            for (int k = 0; k < m; k++)
            {
                double tk = k == 0 ? 1 : k == 1 ? t : 2 * t * current - previous;
                if (k >= 2)
                {
                    previous = current;
                    current = tk;
                }
                dCoefficients[k * n + i] = tk;
                sum += coefficients[k] * tk;
            }
            value[i] = sum;
        }
    }

    /// <inheritdoc />
    public bool Equals(ChebyshevBackground? other) =>
        other is not null && XMin.Equals(other.XMin) && XMax.Equals(other.XMax)
        && _coefficients.AsSpan().SequenceEqual(other._coefficients);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ChebyshevBackground);

    /// <summary>"Chebyshev background over 3 … 15, 3 terms: 200, -40, 15".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Chebyshev background over {XMin:0.####} … {XMax:0.####}, {_coefficients.Length} terms: {string.Join(", ", _coefficients.Select(c => c.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}");

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(XMin);
        hash.Add(XMax);
        foreach (double c in _coefficients)
        {
            hash.Add(c);
        }
        return hash.ToHashCode();
    }

    private static double Map(double x, double xMin, double scale) => (x - xMin) * scale - 1;

    // Clenshaw: b_k = c_k + 2t·b_{k+1} − b_{k+2}; B = c_0 + t·b_1 − b_2.
    private static double Clenshaw(double t, ReadOnlySpan<double> c)
    {
        if (c.Length == 0)
        {
            return 0;
        }
        double b1 = 0, b2 = 0;
        for (int k = c.Length - 1; k >= 1; k--)
        {
            double b0 = c[k] + 2 * t * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        return c[0] + t * b1 - b2;
    }

    private static void CheckRange(double xMin, double xMax)
    {
        PeakArguments.CheckFinite(xMin, nameof(xMin));
        PeakArguments.CheckFinite(xMax, nameof(xMax));
        if (!(xMax > xMin))
        {
            throw new ArgumentOutOfRangeException(nameof(xMax), xMax, $"The range must not be empty: xMax must exceed xMin = {xMin}.");
        }
    }
}
