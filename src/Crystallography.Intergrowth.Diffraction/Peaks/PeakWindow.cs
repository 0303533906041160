namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The interval [Lower, Upper] of x outside which a peak is not evaluated, and the index range of
/// a sorted grid that falls inside it.
/// </summary>
/// <param name="Lower">Lowest x evaluated.</param>
/// <param name="Upper">Highest x evaluated.</param>
/// <remarks>
/// A pseudo-Voigt cut at ±k·H loses the Lorentzian tail beyond, a fraction
/// η·(1 − (2/π)·atan(2k)) of its area (about η·3.2 % at k = 10, η·0.64 % at k = 50): see
/// <see cref="LorentzianAreaOutside"/>. The Gaussian part beyond ±5 H is below 1e-30.
/// </remarks>
public readonly record struct PeakWindow(double Lower, double Upper)
{
    /// <summary>±k·FWHM about a symmetric peak.</summary>
    /// <param name="position">Peak centre.</param>
    /// <param name="fwhm">FWHM, positive.</param>
    /// <param name="fwhmMultiple">k, positive (PERFORMANCE.md's reference problem uses 10).</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A width or multiple not positive.</exception>
    public static PeakWindow Symmetric(double position, double fwhm, double fwhmMultiple)
    {
        PeakArguments.CheckFinite(position, nameof(position));
        PeakArguments.CheckPositive(fwhm, nameof(fwhm));
        PeakArguments.CheckPositive(fwhmMultiple, nameof(fwhmMultiple));
        double half = fwhmMultiple * fwhm;
        return new PeakWindow(position - half, position + half);
    }

    /// <summary>±k·FWHM about an FCJ peak, widened on the side of its axial-divergence tail to 2φ_min.</summary>
    /// <param name="position">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="fwhm">FWHM of the symmetric part, degrees.</param>
    /// <param name="asymmetry">S/L and H/L.</param>
    /// <param name="fwhmMultiple">k, positive.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A width or multiple not positive.</exception>
    public static PeakWindow ForFcj(double position, double fwhm, FcjAsymmetry asymmetry, double fwhmMultiple)
    {
        PeakWindow symmetric = Symmetric(position, fwhm, fwhmMultiple);
        double tail = FcjPeakShape.LowestAngle(position, asymmetry.SOverL + asymmetry.HOverL);
        return tail <= position
            ? symmetric with { Lower = tail - fwhmMultiple * fwhm }
            : symmetric with { Upper = tail + fwhmMultiple * fwhm };
    }

    /// <summary>
    /// ±k·FWHM about a time-of-flight peak, widened by <paramref name="decayLengths"/> rise lengths
    /// 1/α before and decay lengths 1/β after.
    /// </summary>
    /// <param name="position">Peak position, µs.</param>
    /// <param name="fwhm">FWHM of the pseudo-Voigt part, µs.</param>
    /// <param name="alpha">Rise constant α, µs⁻¹, positive.</param>
    /// <param name="beta">Decay constant β, µs⁻¹, positive.</param>
    /// <param name="fwhmMultiple">k, positive.</param>
    /// <param name="decayLengths">Number of exponential lengths added on each side (e^(−n) of the tail is cut), zero or positive.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument not positive.</exception>
    public static PeakWindow ForTof(double position, double fwhm, double alpha, double beta, double fwhmMultiple, double decayLengths)
    {
        PeakWindow symmetric = Symmetric(position, fwhm, fwhmMultiple);
        PeakArguments.CheckPositive(alpha, nameof(alpha));
        PeakArguments.CheckPositive(beta, nameof(beta));
        PeakArguments.CheckNonNegative(decayLengths, nameof(decayLengths));
        return new PeakWindow(symmetric.Lower - decayLengths / alpha, symmetric.Upper + decayLengths / beta);
    }

    /// <summary>The fraction of a unit-area Lorentzian's area beyond ±k·FWHM: 1 − (2/π)·atan(2k).</summary>
    /// <param name="fwhmMultiple">k, zero or positive.</param>
    /// <returns>The fraction in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative multiple.</exception>
    public static double LorentzianAreaOutside(double fwhmMultiple)
    {
        PeakArguments.CheckNonNegative(fwhmMultiple, nameof(fwhmMultiple));
        // 1 − (2/π) atan(2k) = (2/π) atan(1/(2k)), the second form without cancellation.
        return fwhmMultiple == 0 ? 1 : 2 / Math.PI * Math.Atan(1 / (2 * fwhmMultiple));
    }

    /// <summary>The first index and count of the points of an ascending grid that lie in the window.</summary>
    /// <param name="sortedX">Abscissae in ascending order.</param>
    /// <returns>(Start, Length); Length is 0 when no point lies inside.</returns>
    public (int Start, int Length) IndexRange(ReadOnlySpan<double> sortedX)
    {
        int start = LowerBound(sortedX, Lower);
        int end = UpperBound(sortedX, Upper);
        return (start, Math.Max(0, end - start));
    }

    // First index with x ≥ value.
    private static int LowerBound(ReadOnlySpan<double> x, double value)
    {
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    // First index with x > value.
    private static int UpperBound(ReadOnlySpan<double> x, double value)
    {
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
