using System.Globalization;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// Simple bounds on one parameter, Lower ≤ p ≤ Upper (either side may be infinite). The refinement
/// respects them by shortening a step along its direction (<see cref="ReducedParameterSpace.StepFractionWithinBounds"/>),
/// which keeps every linear constraint exact; clamping a single constrained parameter would break
/// its constraints, so <see cref="Clamp"/> is for unconstrained parameters only.
/// </summary>
/// <remarks><c>default(ParameterBounds)</c> is [0, 0]; use <see cref="Unbounded"/> for none.</remarks>
public readonly record struct ParameterBounds
{
    /// <summary>Bounds [lower, upper].</summary>
    /// <param name="lower">The lower bound (may be −∞).</param>
    /// <param name="upper">The upper bound (may be +∞).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or lower &gt; upper.</exception>
    public ParameterBounds(double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"Bounds need lower ≤ upper and no NaN; got [{lower}, {upper}].");
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The lower bound (may be −∞).</summary>
    public double Lower { get; }

    /// <summary>The upper bound (may be +∞).</summary>
    public double Upper { get; }

    /// <summary>No bounds: (−∞, +∞).</summary>
    public static ParameterBounds Unbounded { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>[lower, upper].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or lower &gt; upper.</exception>
    public static ParameterBounds Between(double lower, double upper) => new(lower, upper);

    /// <summary>[lower, +∞).</summary>
    public static ParameterBounds AtLeast(double lower) => Between(lower, double.PositiveInfinity);

    /// <summary>(−∞, upper].</summary>
    public static ParameterBounds AtMost(double upper) => Between(double.NegativeInfinity, upper);

    /// <summary>
    /// The bounds a parameter's meaning implies: occupancies and phase fractions in [0, 1], Uiso,
    /// cell lengths and scales non-negative, angles in [0, 180]°, U11–U33 non-negative;
    /// unbounded otherwise (coordinates, U12–U23, histogram parameters).
    /// </summary>
    public static ParameterBounds Natural(ParameterId parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Kind switch
        {
            ParameterKind.Occupancy or ParameterKind.PhaseFraction => new(0, 1),
            ParameterKind.Uiso or ParameterKind.PhaseScale => AtLeast(0),
            ParameterKind.Uaniso when parameter.Name is "U11" or "U22" or "U33" => AtLeast(0),
            ParameterKind.Cell when parameter.Name is "a" or "b" or "c" => AtLeast(0),
            ParameterKind.Cell => new(0, 180),
            _ => Unbounded,
        };
    }

    /// <summary>True when neither bound is finite.</summary>
    public bool IsUnbounded => double.IsNegativeInfinity(Lower) && double.IsPositiveInfinity(Upper);

    /// <summary>True when Lower ≤ value ≤ Upper.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>The value moved into the bounds (for an unconstrained parameter only; see the type's remarks).</summary>
    public double Clamp(double value) => Math.Clamp(value, Lower, Upper);

    /// <summary>"[0, 1]", "[0, ∞)", "(−∞, ∞)".</summary>
    public override string ToString() =>
        (double.IsNegativeInfinity(Lower) ? "(−∞" : "[" + Lower.ToString("R", CultureInfo.InvariantCulture)) + ", " +
        (double.IsPositiveInfinity(Upper) ? "∞)" : Upper.ToString("R", CultureInfo.InvariantCulture) + "]");
}
