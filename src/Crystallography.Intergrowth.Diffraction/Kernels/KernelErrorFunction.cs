using static Crystallography.Intergrowth.Diffraction.ErrorFunction;
using System.Runtime.CompilerServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// exp(u)·erfc(y), the product the Gaussian part of the time-of-flight peak needs, without branches:
/// every region's rational approximation is evaluated in every lane and the lane's own is selected,
/// written once over <see cref="IMaskedSimdOperations{TVector}"/> so that the scalar twin and every
/// vector width compute bitwise the same value.
/// </summary>
/// <remarks>
/// <para>
/// For |y| ≤ 0.46875, W. J. Cody's rational Chebyshev fit erf(y) ≈ y·P(y²)/Q(y²) (Math. Comp. 23 (1969)
/// 631–637; the coefficients of his SPECFUN routine CALERF, shared with <see cref="ErrorFunction"/>).
/// For |y| &gt; 0.46875, Laplace's continued fraction √π·erfcx(y) = 1/(y + (1/2)/(y + T(y))) with its tail
/// T(y) = 1/(y + (3/2)/(y + 2/(y + (5/2)/(y + …)))) (A&amp;S 7.1.14) taken from rational fits of our own:
/// T ≈ P₈(y)/Q₈(y) for y ≤ 4 and y·T ≈ P₆(r)/Q₆(r) in r = 1/y² beyond (tools/reference/tof_kernel_reference.py
/// tail, near-minimax against mpmath; relative error of the fits 4e-19 and 1.2e-18). With D = 2y(y + T) + 1,
/// erfcx(y) = 2(y + T)/(√π·D) and y·erfcx(y) − 1/√π = −1/(√π·D): the second, which the derivatives need and
/// which tends to −1/(2√π y²), comes without cancellation, as does erfcx(y) − 1/(√π y) = (2yT + 1)/(2√π y²D) − … ;
/// T itself is what the TOF kernel's ∂/∂α and ∂/∂β take to remove their cancelling leading terms.
/// </para>
/// <para>
/// With u = y² − Δ²/(2σ²) and g = exp(−Δ²/(2σ²)) given (the caller has both): for |y| ≤ 0.46875 the
/// product is e^u·(1 − erf y) (here u ≤ y² ≤ 0.22); for y &gt; 0.46875 it is g·erfcx(y) (e^u may overflow,
/// so it is not used); for y &lt; −0.46875 it is 2e^u − g·erfcx(−y) (here u &lt; 0), which loses nothing
/// since erfc(|y|) &lt; 0.51 &lt; 2. The exponential is <see cref="KernelExponential"/>, its argument
/// clamped to ≤ 0.25 in the lanes that do not use it. The three regions' quotients share one division.
/// </para>
/// </remarks>
internal static class KernelErrorFunction
{
    /// <summary>Above this |y| the continued fraction replaces the erf series.</summary>
    internal const double SmallLimit = 0.46875;

    private const double MiddleLimit = 4;
    private const double TwoOverSqrtPi = 1.1283791670955125738961589031215;

    // The small-|y| coefficients are ErrorFunction's (Cody), imported with using static. The tail's, printed by
    // tools/reference/tof_kernel_reference.py tail: T(y) = Σ MiddleNumeratorₖ yᵏ / Σ MiddleDenominatorₖ yᵏ on (0.46875, 4],
    // y·T(y) = Σ FarNumeratorₖ rᵏ / Σ FarDenominatorₖ rᵏ with r = 1/y² for y > 4.
    private const double MiddleNumerator0 = 0.8862269254515349;
    private const double MiddleNumerator1 = 0.9361716916704519;
    private const double MiddleNumerator2 = 0.5529280105932194;
    private const double MiddleNumerator3 = 0.21006117936728116;
    private const double MiddleNumerator4 = 0.054562206883782306;
    private const double MiddleNumerator5 = 0.009542328409977317;
    private const double MiddleNumerator6 = 0.0010397472126866783;
    private const double MiddleNumerator7 = 5.481156222005735e-05;
    private const double MiddleNumerator8 = 3.8495872676017754e-11;
    private const double MiddleDenominator0 = 1.0;
    private const double MiddleDenominator1 = 1.5406611169693603;
    private const double MiddleDenominator2 = 1.2284688807964046;
    private const double MiddleDenominator3 = 0.6308171992835072;
    private const double MiddleDenominator4 = 0.22432109934873104;
    private const double MiddleDenominator5 = 0.05611012332439904;
    private const double MiddleDenominator6 = 0.009625494936199255;
    private const double MiddleDenominator7 = 0.0010396916048766571;
    private const double MiddleDenominator8 = 5.4813666183448716e-05;
    private const double FarNumerator0 = 1.0;
    private const double FarNumerator1 = 38.82955841921911;
    private const double FarNumerator2 = 532.3277026580315;
    private const double FarNumerator3 = 3151.3377446302748;
    private const double FarNumerator4 = 7841.100898959793;
    private const double FarNumerator5 = 6555.559085783413;
    private const double FarNumerator6 = 800.3266902410578;
    private const double FarDenominator0 = 1.0;
    private const double FarDenominator1 = 40.329558419219104;
    private const double FarDenominator2 = 587.5720402868718;
    private const double FarDenominator3 = 3846.8406233539918;
    private const double FarDenominator4 = 11412.07344803207;
    private const double FarDenominator5 = 13439.185225212465;
    private const double FarDenominator6 = 4146.315376751846;

    /// <summary>exp(u)·erfc(y) in every lane (see the class remarks).</summary>
    /// <typeparam name="TOperations">The vector arithmetic.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="y">The erfc argument, finite.</param>
    /// <param name="u">y² − Δ²/(2σ²), as the caller forms it.</param>
    /// <param name="gauss">exp(−Δ²/(2σ²)).</param>
    /// <returns>exp(u)·erfc(y).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ScaledErfcProduct<TOperations, TVector>(TVector y, TVector u, TVector gauss)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct =>
        ScaledErfcProduct<TOperations, TVector>(y, u, gauss, out _, out _);

    /// <summary>
    /// exp(u)·erfc(y) = A and, without cancellation, E = y·A − exp(−Δ²/(2σ²))/√π, the combination every
    /// derivative of A needs, and the continued-fraction tail T(y). For large y, y·erfcx(y) → 1/√π, so forming
    /// y·A − g/√π loses digits as y²; for y &gt; 0.46875 it is −g/(√π·D) with D = 2y(y + T) + 1, a sum of positive
    /// terms; for y ≤ 0.46875 the two terms of y·A − g/√π do not cancel and it is formed so.
    /// </summary>
    /// <typeparam name="TOperations">The vector arithmetic.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="y">The erfc argument, finite.</param>
    /// <param name="u">y² − Δ²/(2σ²), as the caller forms it.</param>
    /// <param name="gauss">exp(−Δ²/(2σ²)).</param>
    /// <param name="correction">E = y·A − gauss/√π.</param>
    /// <param name="tail">T(|y|) where |y| &gt; 0.46875 (elsewhere a finite value of no meaning).</param>
    /// <returns>A = exp(u)·erfc(y).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ScaledErfcProduct<TOperations, TVector>(TVector y, TVector u, TVector gauss, out TVector correction, out TVector tail)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector ay = TOperations.Abs(y);
        TVector expU = KernelExponential.Exp<TOperations, TVector>(TOperations.Min(u, TOperations.Broadcast(0.25)));

        // Small |y|: erf y = y·P(y²)/Q(y²).
        TVector y2 = TOperations.Multiply(y, y);
        TVector num = TOperations.MultiplyAdd(TOperations.Broadcast(A4), y2, TOperations.Broadcast(A0));
        num = TOperations.MultiplyAdd(num, y2, TOperations.Broadcast(A1));
        num = TOperations.MultiplyAdd(num, y2, TOperations.Broadcast(A2));
        num = TOperations.MultiplyAdd(num, y2, TOperations.Broadcast(A3));
        TVector den = TOperations.Add(y2, TOperations.Broadcast(B0));
        den = TOperations.MultiplyAdd(den, y2, TOperations.Broadcast(B1));
        den = TOperations.MultiplyAdd(den, y2, TOperations.Broadcast(B2));
        den = TOperations.MultiplyAdd(den, y2, TOperations.Broadcast(B3));

        // The tail T(|y|) for |y| > 0.46875: the middle fit in |y| up to 4, the far fit in r = 1/y² beyond. In the
        // lanes that use the middle fit the far one is evaluated at 4 (r ≤ 1/16, nothing overflows), and vice versa.
        TVector midNum = TOperations.MultiplyAdd(TOperations.Broadcast(MiddleNumerator8), ay, TOperations.Broadcast(MiddleNumerator7));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator6));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator5));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator4));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator3));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator2));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator1));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(MiddleNumerator0));
        TVector midDen = TOperations.MultiplyAdd(TOperations.Broadcast(MiddleDenominator8), ay, TOperations.Broadcast(MiddleDenominator7));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator6));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator5));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator4));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator3));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator2));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator1));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(MiddleDenominator0));
        TVector inverseFarY = TOperations.Divide(TOperations.Broadcast(1), TOperations.Max(ay, TOperations.Broadcast(MiddleLimit)));
        TVector r = TOperations.Multiply(inverseFarY, inverseFarY);
        TVector farNum = TOperations.MultiplyAdd(TOperations.Broadcast(FarNumerator6), r, TOperations.Broadcast(FarNumerator5));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(FarNumerator4));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(FarNumerator3));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(FarNumerator2));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(FarNumerator1));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(FarNumerator0));
        TVector farDen = TOperations.MultiplyAdd(TOperations.Broadcast(FarDenominator6), r, TOperations.Broadcast(FarDenominator5));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(FarDenominator4));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(FarDenominator3));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(FarDenominator2));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(FarDenominator1));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(FarDenominator0));

        // One division for the lane's own quotient: erf y where small, T(|y|) elsewhere.
        TVector isSmall = TOperations.LessThanOrEqual(ay, TOperations.Broadcast(SmallLimit));
        TVector isMiddle = TOperations.LessThanOrEqual(ay, TOperations.Broadcast(MiddleLimit));
        TVector quotient = TOperations.Divide(
            TOperations.Select(isSmall, TOperations.Multiply(y, num), TOperations.Select(isMiddle, midNum, TOperations.Multiply(farNum, inverseFarY))),
            TOperations.Select(isSmall, den, TOperations.Select(isMiddle, midDen, farDen)));
        TVector small = TOperations.Multiply(expU, TOperations.Subtract(TOperations.Broadcast(1), quotient));

        // erfcx(|y|) = 2(|y| + T)/(√π·D), D = 2|y|(|y| + T) + 1.
        TVector yPlusTail = TOperations.Add(ay, quotient);
        TVector inverseD = TOperations.Divide(TOperations.Broadcast(1),
            TOperations.MultiplyAdd(TOperations.Add(ay, ay), yPlusTail, TOperations.Broadcast(1)));
        TVector scaled = TOperations.Multiply(TOperations.Multiply(TOperations.Broadcast(TwoOverSqrtPi), yPlusTail), inverseD);
        TVector product = TOperations.Multiply(gauss, scaled);
        TVector negative = TOperations.LessThan(y, TOperations.Broadcast(0));
        TVector large = TOperations.Select(negative, TOperations.Subtract(TOperations.Add(expU, expU), product), product);
        TVector result = TOperations.Select(isSmall, small, large);

        TVector minusGaussOverSqrtPi = TOperations.Multiply(TOperations.Subtract(TOperations.Broadcast(0), gauss), TOperations.Broadcast(InverseSqrtPi));
        TVector direct = TOperations.MultiplyAdd(y, result, minusGaussOverSqrtPi);
        correction = TOperations.Select(TOperations.Or(isSmall, negative), direct, TOperations.Multiply(minusGaussOverSqrtPi, inverseD));
        tail = quotient;
        return result;
    }
}
