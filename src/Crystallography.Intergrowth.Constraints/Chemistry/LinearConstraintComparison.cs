using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// Comparing linear constraints up to scale, and writing them in smallest integers: the checks
/// that catch a typed-in constraint whose coefficients do not match the derived ones (the study's
/// prose swaps 6 and 7).
/// </summary>
public static class LinearConstraintComparison
{
    /// <summary>The largest denominator accepted when reading a coefficient ratio as a fraction.</summary>
    public const long MaximumDenominator = 1000;

    /// <summary>
    /// True when the two constraints state the same equation: the same parameters, and coefficients
    /// and constant of <paramref name="other"/> equal to those of <paramref name="constraint"/> times
    /// one non-zero factor, within <paramref name="tolerance"/> relative to the largest coefficient.
    /// <c>0.7·a + 0.6·b = 1.06</c> is equivalent to <c>7·a + 6·b = 10.6</c>, not to <c>6·a + 7·b = 10.2</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative or not finite.</exception>
    public static bool IsEquivalentTo(this LinearConstraint constraint, LinearConstraint other, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(other);
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance is a finite, non-negative number.");
        var mine = constraint.Terms.ToDictionary(t => t.Parameter, t => t.Coefficient);
        var theirs = other.Terms.ToDictionary(t => t.Parameter, t => t.Coefficient);
        if (mine.Count != theirs.Count || mine.Keys.Any(p => !theirs.ContainsKey(p))) return false;
        // The factor from the largest coefficient, where rounding hurts least.
        ConstraintTerm pivot = constraint.Terms.MaxBy(t => Math.Abs(t.Coefficient));
        double factor = theirs[pivot.Parameter] / pivot.Coefficient;
        double scale = other.Terms.Max(t => Math.Abs(t.Coefficient));
        foreach (var (p, c) in mine)
            if (Math.Abs(factor * c - theirs[p]) > tolerance * scale) return false;
        return Math.Abs(factor * constraint.Constant - other.Constant) <= tolerance * Math.Max(scale, Math.Abs(other.Constant));
    }

    /// <summary>
    /// The coefficients scaled to the smallest whole numbers with the same ratios (0.7, 0.6 → 7, 6),
    /// signs kept, or null when a ratio is not a fraction with a denominator up to
    /// <see cref="MaximumDenominator"/> within 1e-9 relative.
    /// </summary>
    public static ImmutableArray<long>? SmallestIntegerCoefficients(IReadOnlyList<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count == 0 || coefficients.Any(c => c == 0 || !double.IsFinite(c))) return null;
        double smallest = coefficients.Min(Math.Abs);
        var fractions = new List<(long P, long Q)>();
        foreach (double c in coefficients)
        {
            if (ToFraction(c / smallest) is not { } f) return null;
            fractions.Add(f);
        }
        long lcm = 1;
        foreach (var (_, q) in fractions)
        {
            lcm = lcm / Gcd(lcm, q) * q;
            if (lcm > MaximumDenominator * MaximumDenominator) return null;
        }
        long[] n = fractions.Select(f => f.P * (lcm / f.Q)).ToArray();
        long g = n.Select(Math.Abs).Aggregate(Gcd);
        return [.. n.Select(v => v / g)];
    }

    /// <summary>
    /// The constraint scaled so its coefficients are the smallest whole numbers with the same ratios:
    /// <c>0.7*a + 0.6*b = 1.06</c> becomes <c>7*a + 6*b = 10.6</c>. Null when the coefficients have no
    /// such form (see <see cref="SmallestIntegerCoefficients"/>).
    /// </summary>
    public static LinearConstraint? ScaledToIntegers(this LinearConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        if (SmallestIntegerCoefficients(constraint.Terms.Select(t => t.Coefficient).ToArray()) is not { } n) return null;
        // The factor from the largest coefficient; the constant is scaled by it and rounded to 12
        // significant digits so that 1.06·10 prints as 10.6, not 10.600000000000001.
        int i = Enumerable.Range(0, n.Length).MaxBy(k => Math.Abs(n[k]));
        double factor = n[i] / constraint.Terms[i].Coefficient;
        double constant = RoundSignificant(factor * constraint.Constant, 12);
        return new LinearConstraint(constraint.Terms.Select((t, k) => t with { Coefficient = n[k] }), constant,
            constraint.Description is null ? null : constraint.Description + " (in smallest integers)");
    }

    internal static double RoundSignificant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        return double.Parse(value.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The best rational approximation p/q with q ≤ MaximumDenominator (continued fractions), if within 1e-9 relative.
    private static (long P, long Q)? ToFraction(double x)
    {
        long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        double r = x;
        for (int k = 0; k < 40; k++)
        {
            double a = Math.Floor(r);
            if (Math.Abs(a) > 1e12) return null;
            long ai = (long)a;
            long p2 = ai * p1 + p0, q2 = ai * q1 + q0;
            if (q2 > MaximumDenominator) return null;
            if (Math.Abs((double)p2 / q2 - x) <= 1e-9 * Math.Max(1, Math.Abs(x))) return (p2, q2);
            (p0, q0, p1, q1) = (p1, q1, p2, q2);
            double frac = r - a;
            if (frac == 0) return null;
            r = 1 / frac;
        }
        return null;
    }

    private static long Gcd(long a, long b) => b == 0 ? Math.Abs(a) : Gcd(b, a % b);
}
