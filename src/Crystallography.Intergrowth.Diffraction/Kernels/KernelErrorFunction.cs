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
/// The approximations are W. J. Cody's rational Chebyshev fits (Math. Comp. 23 (1969) 631–637; the
/// coefficient sets of his public-domain SPECFUN routine CALERF), the same as <see cref="ErrorFunction"/>:
/// erf(y) ≈ y·P(y²)/Q(y²) for |y| ≤ 0.46875; erfcx(y) ≈ P(y)/Q(y) for 0.46875 &lt; y ≤ 4;
/// erfcx(y) ≈ (1/√π − y⁻²P(y⁻²)/Q(y⁻²))/y for y &gt; 4.
/// </para>
/// <para>
/// With u = y² − Δ²/(2σ²) and g = exp(−Δ²/(2σ²)) given (the caller has both): for |y| ≤ 0.46875 the
/// product is e^u·(1 − erf y) (here u ≤ y² ≤ 0.22); for y &gt; 0.46875 it is g·erfcx(y) (e^u may overflow,
/// so it is not used); for y &lt; −0.46875 it is 2e^u − g·erfcx(−y) (here u &lt; 0), which loses nothing
/// since erfc(|y|) &lt; 0.51 &lt; 2. The exponential is <see cref="KernelExponential"/>, its argument
/// clamped to ≤ 0.25 in the lanes that do not use it.
/// </para>
/// </remarks>
internal static class KernelErrorFunction
{
    private const double SmallLimit = 0.46875;
    private const double MiddleLimit = 4;

    // The coefficients are ErrorFunction's (Cody), imported with using static.

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
        ScaledErfcProduct<TOperations, TVector>(y, u, gauss, out _);

    /// <summary>
    /// exp(u)·erfc(y) = A and, without cancellation, E = y·A − exp(−Δ²/(2σ²))/√π, the combination every
    /// derivative of A needs. For large y, y·erfcx(y) → 1/√π, so forming y·A − g/√π loses digits as y²;
    /// for y &gt; 4 Cody's asymptotic form gives it directly, y·erfcx(y) − 1/√π = −y⁻²P(y⁻²)/Q(y⁻²); for
    /// 0.46875 &lt; y ≤ 4 the loss is at most a factor 2y² ≤ 32; for y &lt; 0.46875 the two terms do not cancel.
    /// </summary>
    /// <typeparam name="TOperations">The vector arithmetic.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="y">The erfc argument, finite.</param>
    /// <param name="u">y² − Δ²/(2σ²), as the caller forms it.</param>
    /// <param name="gauss">exp(−Δ²/(2σ²)).</param>
    /// <param name="correction">E = y·A − gauss/√π.</param>
    /// <returns>A = exp(u)·erfc(y).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ScaledErfcProduct<TOperations, TVector>(TVector y, TVector u, TVector gauss, out TVector correction)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector ay = TOperations.Abs(y);
        TVector expU = KernelExponential.Exp<TOperations, TVector>(TOperations.Min(u, TOperations.Broadcast(0.25)));

        // Small |y|: e^u (1 − erf y).
        TVector y2 = TOperations.Multiply(y, y);
        TVector num = TOperations.MultiplyAdd(TOperations.Broadcast(A4), y2, TOperations.Broadcast(A0));
        num = TOperations.MultiplyAdd(num, y2, TOperations.Broadcast(A1));
        num = TOperations.MultiplyAdd(num, y2, TOperations.Broadcast(A2));
        num = TOperations.MultiplyAdd(num, y2, TOperations.Broadcast(A3));
        TVector den = TOperations.Add(y2, TOperations.Broadcast(B0));
        den = TOperations.MultiplyAdd(den, y2, TOperations.Broadcast(B1));
        den = TOperations.MultiplyAdd(den, y2, TOperations.Broadcast(B2));
        den = TOperations.MultiplyAdd(den, y2, TOperations.Broadcast(B3));
        TVector erf = TOperations.Divide(TOperations.Multiply(y, num), den);
        TVector small = TOperations.Multiply(expU, TOperations.Subtract(TOperations.Broadcast(1), erf));

        // erfcx(|y|) for |y| > 0.46875: the middle fit up to 4, the asymptotic fit beyond.
        TVector midNum = TOperations.MultiplyAdd(TOperations.Broadcast(C8), ay, TOperations.Broadcast(C0));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C1));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C2));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C3));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C4));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C5));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C6));
        midNum = TOperations.MultiplyAdd(midNum, ay, TOperations.Broadcast(C7));
        TVector midDen = TOperations.Add(ay, TOperations.Broadcast(D0));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D1));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D2));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D3));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D4));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D5));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D6));
        midDen = TOperations.MultiplyAdd(midDen, ay, TOperations.Broadcast(D7));

        // In the lanes that use the middle fit, the asymptotic one is evaluated at 4 (and vice versa
        // the middle one at |y| > 4, harmless): r stays ≤ 1/16, so nothing overflows.
        TVector farY = TOperations.Max(ay, TOperations.Broadcast(MiddleLimit));
        TVector r = TOperations.Divide(TOperations.Broadcast(1), TOperations.Multiply(farY, farY));
        TVector farNum = TOperations.MultiplyAdd(TOperations.Broadcast(P5), r, TOperations.Broadcast(P0));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(P1));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(P2));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(P3));
        farNum = TOperations.MultiplyAdd(farNum, r, TOperations.Broadcast(P4));
        TVector farDen = TOperations.Add(r, TOperations.Broadcast(Q0));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(Q1));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(Q2));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(Q3));
        farDen = TOperations.MultiplyAdd(farDen, r, TOperations.Broadcast(Q4));
        TVector farCorrection = TOperations.Divide(TOperations.Multiply(r, farNum), farDen);   // 1/√π − y·erfcx(y)
        TVector far = TOperations.Divide(TOperations.Subtract(TOperations.Broadcast(InverseSqrtPi), farCorrection), farY);

        TVector isMiddle = TOperations.LessThanOrEqual(ay, TOperations.Broadcast(MiddleLimit));
        TVector middle = TOperations.Divide(midNum, midDen);
        TVector scaled = TOperations.Select(isMiddle, middle, far);
        TVector product = TOperations.Multiply(gauss, scaled);
        TVector negative = TOperations.LessThan(y, TOperations.Broadcast(0));
        TVector large = TOperations.Select(negative, TOperations.Subtract(TOperations.Add(expU, expU), product), product);
        TVector isSmall = TOperations.LessThanOrEqual(ay, TOperations.Broadcast(SmallLimit));
        TVector result = TOperations.Select(isSmall, small, large);

        TVector inverseSqrtPi = TOperations.Broadcast(InverseSqrtPi);
        TVector direct = TOperations.MultiplyAdd(y, result, TOperations.Multiply(TOperations.Subtract(TOperations.Broadcast(0), gauss), inverseSqrtPi));
        TVector positiveCorrection = TOperations.Multiply(gauss, TOperations.Select(isMiddle,
            TOperations.MultiplyAdd(ay, middle, TOperations.Subtract(TOperations.Broadcast(0), inverseSqrtPi)),
            TOperations.Subtract(TOperations.Broadcast(0), farCorrection)));
        correction = TOperations.Select(TOperations.Or(isSmall, negative), direct, positiveCorrection);
        return result;
    }
}
