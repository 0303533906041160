namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The one shared checker of analytic derivatives against central finite differences (DESIGN habit 8).
/// </summary>
/// <remarks>
/// Five-point central differences, f′ ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)]/(12h), truncation
/// error O(h⁴·f⁽⁵⁾) and rounding error O(ε·|f|/h). Agreement is judged against a scale that the
/// caller names (usually the largest |f′| of the same curve), so that zero crossings of a
/// derivative do not turn into huge relative errors.
/// </remarks>
internal static class FiniteDifference
{
    /// <summary>The five-point derivative of a scalar function.</summary>
    public static double Derivative(Func<double, double> f, double at, double step) =>
        (f(at - 2 * step) - 8 * f(at - step) + 8 * f(at + step) - f(at + 2 * step)) / (12 * step);

    /// <summary>The five-point derivative of a vector-valued function, element by element.</summary>
    public static double[] Derivative(Func<double, double[]> f, double at, double step)
    {
        double[] m2 = f(at - 2 * step), m1 = f(at - step), p1 = f(at + step), p2 = f(at + 2 * step);
        var result = new double[m1.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (m2[i] - 8 * m1[i] + 8 * p1[i] - p2[i]) / (12 * step);
        }
        return result;
    }

    /// <summary>max |analytic − numeric| divided by max(max |numeric|, <paramref name="floor"/>).</summary>
    public static double ScaledError(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric, double floor = 0)
    {
        if (analytic.Length != numeric.Length)
        {
            throw new ArgumentException("analytic and numeric differ in length");
        }
        double scale = floor, error = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(numeric[i]));
            error = Math.Max(error, Math.Abs(analytic[i] - numeric[i]));
        }
        return scale == 0 ? error : error / scale;
    }

    /// <summary>
    /// Compares analytic derivatives of a curve with the five-point difference of <paramref name="f"/>
    /// at <paramref name="at"/>; returns the scaled error (see <see cref="ScaledError"/>).
    /// </summary>
    public static double Check(ReadOnlySpan<double> analytic, Func<double, double[]> f, double at, double step, double floor = 0) =>
        ScaledError(analytic, Derivative(f, at, step), floor);

    /// <summary>Asserts the scaled error is within <paramref name="tolerance"/>, naming the parameter.</summary>
    public static void AssertAgrees(string parameter, ReadOnlySpan<double> analytic, Func<double, double[]> f,
        double at, double step, double tolerance, double floor = 0)
    {
        double error = Check(analytic, f, at, step, floor);
        Assert.True(error <= tolerance,
            $"∂/∂{parameter}: analytic and finite-difference derivatives differ by {error:E2} of their scale (tolerance {tolerance:E0}).");
    }
}
