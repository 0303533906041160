using System.Runtime.CompilerServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The scaled exponential integral f(w) = e^w·E₁(w) on vectors of complex arguments w = x + ic whose
/// imaginary part c &gt; 0 is the same in every lane (as in the time-of-flight peak, where c = αH/2 or
/// βH/2 is fixed per reflection and x moves with the time of flight). Written once over
/// <see cref="IMaskedSimdOperations{TVector}"/>: the scalar twin and every vector width compute bitwise
/// the same value.
/// </summary>
/// <remarks>
/// <para>
/// The regions and methods are those of <see cref="ExponentialIntegral.ScaledE1"/> (A&amp;S 5.1.11,
/// 5.1.22, 5.1.51), here with lane masks: the power series E₁ = −γ − ln w − Σₖ (−w)ᵏ/(k·k!) times e^w
/// where |w| ≤ 2 or (−40 ≤ x &lt; 0 and c² &lt; −8x); the optimally truncated asymptotic series for
/// x &lt; −40 and c² &lt; −8x; the continued fraction 1/(w+1− 1²/(w+3− 2²/(w+5− …))) by the modified Lentz
/// method elsewhere. Each region is computed only if one of the vector's lanes lies in it (a test
/// per vector, not per lane); within a region the iteration runs until every lane has met its own
/// stopping rule, a lane that has stopped keeping its sum (a masked select), so each lane gets
/// exactly the terms the scalar twin adds for it.
/// </para>
/// <para>
/// ln w = ½ ln(x² + c²) + i·atan2(c, x) with ln and atan evaluated here (ln by exponent and
/// significand, 2·atanh(s) series in s = (m − 1)/(m + 1), |s| ≤ 0.172, 12 terms; atan by the
/// reduction t → (t − 1)/(t + 1) above tan(π/8) and its Taylor series to t⁴³); e^w = e^x(cos c + i sin c)
/// with cos c and sin c given per reflection.
/// </para>
/// </remarks>
internal static partial class KernelExponentialIntegral
{
    private const double EulerGamma = 0.57721566490153286060651209008240243;
    private const double Ln2High = 0.6931471805599453;
    private const double Ln2Low = 2.3190468138462996e-17;
    private const double Sqrt2 = 1.4142135623730951;
    private const double TanPiOver8 = 0.41421356237309503;
    private const double PiOver4 = 0.78539816339744831;
    private const double PiOver2 = 1.5707963267948966;
    private const double Pi = 3.1415926535897932;

    /// <summary>(2.5e-16)²: the continued fraction stops when |Δ − 1| ≤ 2.5e-16 (as the reference).</summary>
    private const double FractionToleranceSquared = 6.25e-32;

    private const double Tiny = 1e-300;

    /// <summary>
    /// f(w) = e^w·E₁(w), f′ = f − 1/w and r = w·f′ + 1/w at two arguments w = x + ic at once (the TOF peak's p and q,
    /// each with its c the same in every lane), with the continued fraction and the asymptotic series of both run in one
    /// loop, so that their two dependency chains overlap instead of following each other. For large |w|,
    /// f ≈ 1/w − 1/w² and f′ ≈ −1/w², so forming f − 1/w would lose digits as |w|: the asymptotic region gives f′ as its
    /// series without the first term, the continued fraction is run for its tail T so that f = 1/(w + 1 − T) and
    /// f′ = (T − 1)·f/w exactly; only the power-series region (|w| ≤ 44) forms f − 1/w. Likewise r ≈ 2/w² (what is left
    /// of w·f′ once its −1/w is taken out, which the TOF kernel's ∂/∂α and ∂/∂β need).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ScaledE1Pair<TOperations, TVector>(
        TVector xP, double cP, double cosP, double sinP, TVector xQ, double cQ, double cosQ, double sinQ,
        out ScaledE1Values<TVector> p, out ScaledE1Values<TVector> q)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        Regions<TOperations, TVector>(xP, cP, out TVector seriesP, out TVector asymptoticP, out TVector fractionP);
        Regions<TOperations, TVector>(xQ, cQ, out TVector seriesQ, out TVector asymptoticQ, out TVector fractionQ);
        TVector ccP = TOperations.Broadcast(cP), ccQ = TOperations.Broadcast(cQ);
        p = default;
        q = default;
        if (TOperations.Any(TOperations.Or(fractionP, fractionQ)))
        {
            ContinuedFractionPair<TOperations, TVector>(
                TOperations.Select(fractionP, xP, TOperations.Broadcast(1)), ccP, fractionP,
                TOperations.Select(fractionQ, xQ, TOperations.Broadcast(1)), ccQ, fractionQ,
                out ScaledE1Values<TVector> fromFractionP, out ScaledE1Values<TVector> fromFractionQ);
            p = ScaledE1Values<TVector>.Select<TOperations>(fractionP, fromFractionP, p);
            q = ScaledE1Values<TVector>.Select<TOperations>(fractionQ, fromFractionQ, q);
        }
        if (TOperations.Any(TOperations.Or(asymptoticP, asymptoticQ)))
        {
            AsymptoticPair<TOperations, TVector>(
                TOperations.Select(asymptoticP, xP, TOperations.Broadcast(-100)), ccP,
                TOperations.Select(asymptoticQ, xQ, TOperations.Broadcast(-100)), ccQ,
                out ScaledE1Values<TVector> fromAsymptoticP, out ScaledE1Values<TVector> fromAsymptoticQ);
            p = ScaledE1Values<TVector>.Select<TOperations>(asymptoticP, fromAsymptoticP, p);
            q = ScaledE1Values<TVector>.Select<TOperations>(asymptoticQ, fromAsymptoticQ, q);
        }
        if (TOperations.Any(seriesP))
        {
            p = ScaledE1Values<TVector>.Select<TOperations>(seriesP, FromSeries<TOperations, TVector>(xP, cP, cosP, sinP, seriesP), p);
        }
        if (TOperations.Any(seriesQ))
        {
            q = ScaledE1Values<TVector>.Select<TOperations>(seriesQ, FromSeries<TOperations, TVector>(xQ, cQ, cosQ, sinQ, seriesQ), q);
        }
    }

    /// <summary>The lanes of each region (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Regions<TOperations, TVector>(TVector x, double c, out TVector inSeries, out TVector inAsymptotic, out TVector inFraction)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector zero = TOperations.Broadcast(0);
        TVector c2 = TOperations.Broadcast(c * c);
        TVector r2 = TOperations.MultiplyAdd(x, x, c2);
        TVector negative = TOperations.LessThan(x, zero);
        TVector nearCut = TOperations.And(negative, TOperations.LessThan(c2, TOperations.Multiply(TOperations.Broadcast(-8), x)));
        TVector withinSeries = TOperations.LessThanOrEqual(TOperations.Broadcast(-40), x);
        inSeries = TOperations.Or(TOperations.LessThanOrEqual(r2, TOperations.Broadcast(4)), TOperations.And(nearCut, withinSeries));
        inAsymptotic = TOperations.AndNot(nearCut, inSeries);
        inFraction = TOperations.AndNot(TOperations.AndNot(AllLanes<TOperations, TVector>(), inSeries), inAsymptotic);
    }

    /// <summary>f, f′, r in the power-series region's lanes (garbage-free elsewhere: x is replaced by 1 there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScaledE1Values<TVector> FromSeries<TOperations, TVector>(TVector x, double c, double cosC, double sinC, TVector inSeries)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector cc = TOperations.Broadcast(c);
        TVector xs = TOperations.Select(inSeries, x, TOperations.Broadcast(1));
        PowerSeries<TOperations, TVector>(xs, c, cosC, sinC, inSeries, out TVector re, out TVector im);
        Reciprocal<TOperations, TVector>(xs, cc, out TVector inverseRe, out TVector inverseIm);
        TVector dRe = TOperations.Subtract(re, inverseRe), dIm = TOperations.Subtract(im, inverseIm);
        Multiply<TOperations, TVector>(xs, cc, dRe, dIm, out TVector rRe, out TVector rIm);
        return new ScaledE1Values<TVector>(re, im, dRe, dIm, TOperations.Add(rRe, inverseRe), TOperations.Add(rIm, inverseIm));
    }

    /// <summary>A mask with every lane set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector AllLanes<TOperations, TVector>()
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector zero = TOperations.Broadcast(0);
        return TOperations.EqualTo(zero, zero);
    }

    /// <summary>
    /// e^w·(−γ − ln w − S), S = Σ_{k=1}^{K} (−w)ᵏ/(k·k!) by Horner's rule with the correctly rounded coefficients
    /// 1/(k·k!), K = ⌊24 + 2.72|w|⌋ per lane: over the series region (|w| ≤ 2, or −40 ≤ x &lt; 0 and c² &lt; −8x) the
    /// terms left out add up to at most 1.4e-19 of |S| (checked with mpmath over a grid of the region). A lane takes
    /// part from its own K down (the Horner sum is 0 before), so each lane gets the same operations at every width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PowerSeries<TOperations, TVector>(TVector x, double c, double cosC, double sinC, TVector active,
        out TVector real, out TVector imaginary)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector cc = TOperations.Broadcast(c);
        TVector r2 = TOperations.MultiplyAdd(x, x, TOperations.Broadcast(c * c));
        // Lane active at k when k ≤ 24 or (k − 24)² ≤ 2.72²·|w|²; lanes outside the region count as |w| = 0.
        TVector limit = TOperations.Select(active, TOperations.Multiply(TOperations.Broadcast(2.72 * 2.72), r2), TOperations.Broadcast(0));
        int top = Math.Min(SeriesCoefficients.Length, (int)(24 + Math.Sqrt(TOperations.MaxAcrossLanes(limit))) + 1);
        TVector minusX = TOperations.Subtract(TOperations.Broadcast(0), x);
        TVector minusC = TOperations.Broadcast(-c);
        TVector accRe = TOperations.Broadcast(0), accIm = TOperations.Broadcast(0);
        ref double coefficient = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(SeriesCoefficients);
        int k = top;
        for (; k > 24; k--)
        {
            double above = k - 24;
            TVector on = TOperations.LessThanOrEqual(TOperations.Broadcast(above * above), limit);
            TVector a = TOperations.Broadcast(Unsafe.Add(ref coefficient, k - 1));
            TVector nextRe = TOperations.MultiplyAdd(accRe, minusX, TOperations.MultiplyAdd(accIm, cc, a));
            TVector nextIm = TOperations.MultiplyAdd(accRe, minusC, TOperations.Multiply(accIm, minusX));
            accRe = TOperations.Select(on, nextRe, accRe);
            accIm = TOperations.Select(on, nextIm, accIm);
        }
        for (; k >= 1; k--)
        {
            TVector a = TOperations.Broadcast(Unsafe.Add(ref coefficient, k - 1));
            TVector nextRe = TOperations.MultiplyAdd(accRe, minusX, TOperations.MultiplyAdd(accIm, cc, a));
            accIm = TOperations.MultiplyAdd(accRe, minusC, TOperations.Multiply(accIm, minusX));
            accRe = nextRe;
        }
        // S = acc·(−w).
        Multiply<TOperations, TVector>(accRe, accIm, minusX, minusC, out TVector sumRe, out TVector sumIm);

        TVector logModulus = TOperations.Multiply(TOperations.Broadcast(0.5), Log<TOperations, TVector>(r2));
        TVector argument = ArgumentUpperHalf<TOperations, TVector>(x, cc);
        TVector e1Re = TOperations.Subtract(TOperations.Subtract(TOperations.Broadcast(-EulerGamma), logModulus), sumRe);
        TVector e1Im = TOperations.Subtract(TOperations.Subtract(TOperations.Broadcast(0), argument), sumIm);
        TVector ex = KernelExponential.Exp<TOperations, TVector>(x);
        Multiply<TOperations, TVector>(TOperations.Multiply(ex, TOperations.Broadcast(cosC)), TOperations.Multiply(ex, TOperations.Broadcast(sinC)),
            e1Re, e1Im, out real, out imaginary);
    }

    /// <summary>
    /// The asymptotic series Σ_{k=0}^{40} (−1)ᵏ k!/w^(k+1) by Horner's rule in u = 1/w, for |w| &gt; 40 (where the region
    /// puts it), for two arguments in one loop: the terms decrease up to k ≈ |w|, and what is left out after k = 40 is
    /// below 7e-17 of |f| at |w| = 40 (√(2π·40)·e^(−40), the optimal truncation's size) and far less beyond; the Stokes
    /// term the series misses is at most π·e^x &lt; 1.4e-17. With A = Σ_{k≥2} (−1)ᵏ k! u^(k−2): r = u²A,
    /// f′ = u²(−1 + uA), f = u(1 + u(−1 + uA)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AsymptoticPair<TOperations, TVector>(TVector xP, TVector cP, TVector xQ, TVector cQ,
        out ScaledE1Values<TVector> p, out ScaledE1Values<TVector> q)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        Reciprocal<TOperations, TVector>(xP, cP, out TVector uPRe, out TVector uPIm);
        Reciprocal<TOperations, TVector>(xQ, cQ, out TVector uQRe, out TVector uQIm);
        ref double factorial = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Factorials);
        TVector pRe = TOperations.Broadcast(Factorials[^1]), pIm = TOperations.Broadcast(0);   // (−1)⁴⁰·40!
        TVector qRe = pRe, qIm = pIm;
        for (int k = Factorials.Length - 2; k >= 2; k--)
        {
            TVector b = TOperations.Broadcast((k & 1) == 0 ? Unsafe.Add(ref factorial, k) : -Unsafe.Add(ref factorial, k));
            HornerStep<TOperations, TVector>(ref pRe, ref pIm, uPRe, uPIm, b);
            HornerStep<TOperations, TVector>(ref qRe, ref qIm, uQRe, uQIm, b);
        }
        p = FromAsymptoticSum<TOperations, TVector>(uPRe, uPIm, pRe, pIm);
        q = FromAsymptoticSum<TOperations, TVector>(uQRe, uQIm, qRe, qIm);
    }

    /// <summary>acc ← acc·u + b (b real).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HornerStep<TOperations, TVector>(ref TVector accRe, ref TVector accIm, TVector uRe, TVector uIm, TVector b)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector nextRe = TOperations.MultiplyAdd(accRe, uRe, TOperations.MultiplyAdd(TOperations.Subtract(TOperations.Broadcast(0), accIm), uIm, b));
        accIm = TOperations.MultiplyAdd(accRe, uIm, TOperations.Multiply(accIm, uRe));
        accRe = nextRe;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScaledE1Values<TVector> FromAsymptoticSum<TOperations, TVector>(TVector uRe, TVector uIm, TVector accRe, TVector accIm)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        Multiply<TOperations, TVector>(uRe, uIm, uRe, uIm, out TVector u2Re, out TVector u2Im);
        Multiply<TOperations, TVector>(u2Re, u2Im, accRe, accIm, out TVector remainderRe, out TVector remainderIm);
        Multiply<TOperations, TVector>(uRe, uIm, accRe, accIm, out TVector innerRe, out TVector innerIm);
        innerRe = TOperations.Subtract(innerRe, TOperations.Broadcast(1));
        Multiply<TOperations, TVector>(u2Re, u2Im, innerRe, innerIm, out TVector derivativeRe, out TVector derivativeIm);
        Multiply<TOperations, TVector>(uRe, uIm, innerRe, innerIm, out TVector outerRe, out TVector outerIm);
        Multiply<TOperations, TVector>(uRe, uIm, TOperations.Add(outerRe, TOperations.Broadcast(1)), outerIm, out TVector re, out TVector im);
        return new ScaledE1Values<TVector>(re, im, derivativeRe, derivativeIm, remainderRe, remainderIm);
    }

    /// <summary>
    /// The continued fraction's tail T = 1²/(w+3− 2²/(w+5− 3²/(w+7− …))) by the modified Lentz method, for two arguments
    /// in one loop, each lane until |Δ − 1| ≤ 2.5e-16 (the reference's rule; a lane that has converged keeps its value);
    /// then f = 1/(w + 1 − T), f′ = f − 1/w = (T − 1)·f/w and r = w·f′ + 1/w = (T(w − 1) + 1)·f/w.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ContinuedFractionPair<TOperations, TVector>(TVector xP, TVector cP, TVector activeP, TVector xQ, TVector cQ, TVector activeQ,
        out ScaledE1Values<TVector> p, out ScaledE1Values<TVector> q)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector bPRe = TOperations.Add(xP, TOperations.Broadcast(3)), bQRe = TOperations.Add(xQ, TOperations.Broadcast(3));
        TVector cPRe = TOperations.Broadcast(1 / Tiny), cPIm = TOperations.Broadcast(0), cQRe = cPRe, cQIm = cPIm;
        Reciprocal<TOperations, TVector>(bPRe, cP, out TVector dPRe, out TVector dPIm);
        Reciprocal<TOperations, TVector>(bQRe, cQ, out TVector dQRe, out TVector dQIm);
        TVector hPRe = dPRe, hPIm = dPIm, hQRe = dQRe, hQIm = dQIm;
        for (int i = 2; i < 5000 && TOperations.Any(TOperations.Or(activeP, activeQ)); i++)
        {
            TVector a = TOperations.Broadcast(-(double)i * i);
            LentzStep<TOperations, TVector>(a, ref bPRe, cP, ref cPRe, ref cPIm, ref dPRe, ref dPIm, ref hPRe, ref hPIm, ref activeP);
            LentzStep<TOperations, TVector>(a, ref bQRe, cQ, ref cQRe, ref cQIm, ref dQRe, ref dQIm, ref hQRe, ref hQIm, ref activeQ);
        }
        p = FromFractionTail<TOperations, TVector>(xP, cP, hPRe, hPIm);
        q = FromFractionTail<TOperations, TVector>(xQ, cQ, hQRe, hQIm);
    }

    /// <summary>One step of the modified Lentz method (b += 2, a = −i²); lanes no longer active keep h.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LentzStep<TOperations, TVector>(TVector a, ref TVector bRe, TVector bIm, ref TVector cRe, ref TVector cIm,
        ref TVector dRe, ref TVector dIm, ref TVector hRe, ref TVector hIm, ref TVector active)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector zero = TOperations.Broadcast(0);
        TVector tiny = TOperations.Broadcast(Tiny);
        bRe = TOperations.Add(bRe, TOperations.Broadcast(2));
        TVector nextDRe = TOperations.MultiplyAdd(a, dRe, bRe);
        TVector nextDIm = TOperations.MultiplyAdd(a, dIm, bIm);
        TVector dZero = TOperations.And(TOperations.EqualTo(nextDRe, zero), TOperations.EqualTo(nextDIm, zero));
        nextDRe = TOperations.Select(dZero, tiny, nextDRe);
        Reciprocal<TOperations, TVector>(nextDRe, nextDIm, out dRe, out dIm);
        // a/c = a·conj(c)/|c|².
        TVector c2 = TOperations.MultiplyAdd(cRe, cRe, TOperations.Multiply(cIm, cIm));
        TVector aOverC2 = TOperations.Divide(a, c2);
        TVector nextCRe = TOperations.MultiplyAdd(aOverC2, cRe, bRe);
        cIm = TOperations.Subtract(bIm, TOperations.Multiply(aOverC2, cIm));
        TVector cZero = TOperations.And(TOperations.EqualTo(nextCRe, zero), TOperations.EqualTo(cIm, zero));
        cRe = TOperations.Select(cZero, tiny, nextCRe);
        Multiply<TOperations, TVector>(cRe, cIm, dRe, dIm, out TVector deltaRe, out TVector deltaIm);
        Multiply<TOperations, TVector>(hRe, hIm, deltaRe, deltaIm, out TVector nextRe, out TVector nextIm);
        hRe = TOperations.Select(active, nextRe, hRe);
        hIm = TOperations.Select(active, nextIm, hIm);
        TVector offRe = TOperations.Subtract(deltaRe, TOperations.Broadcast(1));
        TVector off2 = TOperations.MultiplyAdd(offRe, offRe, TOperations.Multiply(deltaIm, deltaIm));
        active = TOperations.AndNot(active, TOperations.LessThanOrEqual(off2, TOperations.Broadcast(FractionToleranceSquared)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScaledE1Values<TVector> FromFractionTail<TOperations, TVector>(TVector x, TVector c, TVector tRe, TVector tIm)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector one = TOperations.Broadcast(1);
        // f = 1/(w + 1 − T).
        Reciprocal<TOperations, TVector>(TOperations.Subtract(TOperations.Add(x, one), tRe), TOperations.Subtract(c, tIm), out TVector re, out TVector im);
        // f′ = (T − 1)·f/w.
        Reciprocal<TOperations, TVector>(x, c, out TVector inverseRe, out TVector inverseIm);
        Multiply<TOperations, TVector>(TOperations.Subtract(tRe, one), tIm, re, im, out TVector numeratorRe, out TVector numeratorIm);
        Multiply<TOperations, TVector>(numeratorRe, numeratorIm, inverseRe, inverseIm, out TVector derivativeRe, out TVector derivativeIm);
        // r = w·f′ + 1/w = (T(w − 1) + 1)·f/w.
        Multiply<TOperations, TVector>(tRe, tIm, TOperations.Subtract(x, one), c, out TVector sRe, out TVector sIm);
        Multiply<TOperations, TVector>(TOperations.Add(sRe, one), sIm, re, im, out TVector s2Re, out TVector s2Im);
        Multiply<TOperations, TVector>(s2Re, s2Im, inverseRe, inverseIm, out TVector remainderRe, out TVector remainderIm);
        return new ScaledE1Values<TVector>(re, im, derivativeRe, derivativeIm, remainderRe, remainderIm);
    }

    /// <summary>(a + ib)(c + id).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Multiply<TOperations, TVector>(TVector aRe, TVector aIm, TVector bRe, TVector bIm, out TVector real, out TVector imaginary)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        real = TOperations.MultiplyAdd(aRe, bRe, TOperations.Multiply(TOperations.Subtract(TOperations.Broadcast(0), aIm), bIm));
        imaginary = TOperations.MultiplyAdd(aRe, bIm, TOperations.Multiply(aIm, bRe));
    }

    /// <summary>1/(a + ib) = (a − ib)/(a² + b²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Reciprocal<TOperations, TVector>(TVector re, TVector im, out TVector real, out TVector imaginary)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector inverseModulus2 = TOperations.Divide(TOperations.Broadcast(1), TOperations.MultiplyAdd(re, re, TOperations.Multiply(im, im)));
        real = TOperations.Multiply(re, inverseModulus2);
        imaginary = TOperations.Multiply(TOperations.Subtract(TOperations.Broadcast(0), im), inverseModulus2);
    }

    /// <summary>ln v for positive normal v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Log<TOperations, TVector>(TVector v)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector exponent = TOperations.Exponent(v);
        TVector m = TOperations.Significand(v);
        TVector big = TOperations.LessThan(TOperations.Broadcast(Sqrt2), m);
        m = TOperations.Select(big, TOperations.Multiply(m, TOperations.Broadcast(0.5)), m);
        exponent = TOperations.Select(big, TOperations.Add(exponent, TOperations.Broadcast(1)), exponent);
        TVector one = TOperations.Broadcast(1);
        TVector s = TOperations.Divide(TOperations.Subtract(m, one), TOperations.Add(m, one));
        TVector s2 = TOperations.Multiply(s, s);
        // 2·atanh(s) = 2s·Σ s^(2j)/(2j + 1), j ≤ 11: s² ≤ 0.0295, so the next term is below 1e-19 of the sum.
        TVector p = TOperations.Broadcast(1.0 / 23);
        for (int j = 10; j >= 0; j--)
        {
            p = TOperations.MultiplyAdd(p, s2, TOperations.Broadcast(1.0 / (2 * j + 1)));
        }
        TVector logM = TOperations.Multiply(TOperations.Add(s, s), p);
        return TOperations.MultiplyAdd(exponent, TOperations.Broadcast(Ln2High), TOperations.MultiplyAdd(exponent, TOperations.Broadcast(Ln2Low), logM));
    }

    /// <summary>atan2(c, x) for c &gt; 0, in (0, π).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ArgumentUpperHalf<TOperations, TVector>(TVector x, TVector c)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector ax = TOperations.Abs(x);
        TVector t = TOperations.Divide(TOperations.Min(ax, c), TOperations.Max(ax, c));
        TVector one = TOperations.Broadcast(1);
        TVector reduce = TOperations.LessThan(TOperations.Broadcast(TanPiOver8), t);
        TVector reduced = TOperations.Select(reduce, TOperations.Divide(TOperations.Subtract(t, one), TOperations.Add(t, one)), t);
        TVector t2 = TOperations.Multiply(reduced, reduced);
        // atan t = t·Σ (−1)^j t^(2j)/(2j + 1), j ≤ 21: t² ≤ 0.1716, so the next term is below 1e-18 of the sum.
        TVector p = TOperations.Broadcast(-1.0 / 43);
        for (int j = 20; j >= 0; j--)
        {
            p = TOperations.MultiplyAdd(p, t2, TOperations.Broadcast((j % 2 == 0 ? 1.0 : -1.0) / (2 * j + 1)));
        }
        TVector angle = TOperations.MultiplyAdd(reduced, p, TOperations.Select(reduce, TOperations.Broadcast(PiOver4), TOperations.Broadcast(0)));
        angle = TOperations.Select(TOperations.LessThan(c, ax), angle, TOperations.Subtract(TOperations.Broadcast(PiOver2), angle));
        return TOperations.Select(TOperations.LessThan(x, TOperations.Broadcast(0)), TOperations.Subtract(TOperations.Broadcast(Pi), angle), angle);
    }
}

/// <summary>f = e^w E₁(w), f′ = f − 1/w and r = w·f′ + 1/w, real and imaginary parts, per lane.</summary>
internal readonly struct ScaledE1Values<TVector>(TVector real, TVector imaginary, TVector derivativeReal, TVector derivativeImaginary,
    TVector remainderReal, TVector remainderImaginary)
    where TVector : struct
{
    public TVector Real { get; } = real;
    public TVector Imaginary { get; } = imaginary;
    public TVector DerivativeReal { get; } = derivativeReal;
    public TVector DerivativeImaginary { get; } = derivativeImaginary;
    public TVector RemainderReal { get; } = remainderReal;
    public TVector RemainderImaginary { get; } = remainderImaginary;

    /// <summary>Lane by lane, <paramref name="whenTrue"/> where the mask is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScaledE1Values<TVector> Select<TOperations>(TVector mask, ScaledE1Values<TVector> whenTrue, ScaledE1Values<TVector> whenFalse)
        where TOperations : IMaskedSimdOperations<TVector> =>
        new(TOperations.Select(mask, whenTrue.Real, whenFalse.Real), TOperations.Select(mask, whenTrue.Imaginary, whenFalse.Imaginary),
            TOperations.Select(mask, whenTrue.DerivativeReal, whenFalse.DerivativeReal), TOperations.Select(mask, whenTrue.DerivativeImaginary, whenFalse.DerivativeImaginary),
            TOperations.Select(mask, whenTrue.RemainderReal, whenFalse.RemainderReal), TOperations.Select(mask, whenTrue.RemainderImaginary, whenFalse.RemainderImaginary));
}
