using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The background an <see cref="Instrument"/> adds under the peaks: none, a constant, a shifted
/// Chebyshev polynomial (<see cref="ChebyshevBackground"/>) or straight lines between fixed points
/// (<see cref="InterpolatedBackground"/>). Immutable; equality by value.
/// </summary>
/// <remarks>
/// One wrapper rather than a base class because the two background shapes are sealed classes of
/// their own (Backgrounds/); an instrument needs only to evaluate whichever it was given.
/// </remarks>
public sealed class PatternBackground : IEquatable<PatternBackground>
{
    private PatternBackground(double constant, ChebyshevBackground? chebyshev, InterpolatedBackground? interpolated)
    {
        Constant = constant;
        Chebyshev = chebyshev;
        Interpolated = interpolated;
    }

    /// <summary>No background (zero everywhere).</summary>
    public static PatternBackground None { get; } = new(0, null, null);

    /// <summary>A flat background.</summary>
    /// <param name="level">The level, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A level that is not finite.</exception>
    public static PatternBackground Flat(double level) =>
        double.IsFinite(level)
            ? new(level, null, null)
            : throw new ArgumentOutOfRangeException(nameof(level), level, "The background level must be finite.");

    /// <summary>A shifted Chebyshev polynomial over its own x range.</summary>
    /// <param name="background">The polynomial.</param>
    public static PatternBackground FromChebyshev(ChebyshevBackground background)
    {
        ArgumentNullException.ThrowIfNull(background);
        return new(0, background, null);
    }

    /// <summary>Straight lines between fixed points.</summary>
    /// <param name="background">The points.</param>
    public static PatternBackground FromPoints(InterpolatedBackground background)
    {
        ArgumentNullException.ThrowIfNull(background);
        return new(0, null, background);
    }

    /// <summary>The constant level (0 unless <see cref="Flat"/>).</summary>
    public double Constant { get; }

    /// <summary>The Chebyshev polynomial, or null.</summary>
    public ChebyshevBackground? Chebyshev { get; }

    /// <summary>The interpolated points, or null.</summary>
    public InterpolatedBackground? Interpolated { get; }

    /// <summary>Writes the background at the points <paramref name="x"/> into <paramref name="value"/> (overwriting it).</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
    {
        if (value.Length != x.Length)
            throw new ArgumentException($"The destination holds {value.Length} values for {x.Length} abscissae.", nameof(value));
        if (Chebyshev is not null) Chebyshev.Evaluate(x, value);
        else if (Interpolated is not null) Interpolated.Evaluate(x, value);
        else value.Fill(Constant);
    }

    /// <inheritdoc />
    public bool Equals(PatternBackground? other) =>
        other is not null && Constant.Equals(other.Constant)
        && Equals(Chebyshev, other.Chebyshev) && Equals(Interpolated, other.Interpolated);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PatternBackground);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Constant, Chebyshev, Interpolated);

    /// <summary>"none", "flat 120", "Chebyshev (4 terms)", "interpolated (6 points)".</summary>
    public override string ToString() =>
        Chebyshev is not null ? $"Chebyshev ({Chebyshev.Coefficients.Count} terms)"
        : Interpolated is not null ? $"interpolated ({Interpolated.Positions.Count} points)"
        : Constant == 0 ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"flat {Constant}");
}
