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
/// The regions are those of <see cref="ExponentialIntegral.ScaledE1"/> (A&amp;S 5.1.11, 5.1.22, 5.1.51),
/// here with lane masks: the power series E₁ = −γ − ln w − Σₖ (−w)ᵏ/(k·k!) times e^w where |w| ≤ 2 or
/// (−40 ≤ x &lt; 0 and c² &lt; −8x), summed by Horner's rule to a degree fixed per lane by |w|; the
/// asymptotic series Σₖ (−1)ᵏ k!/w^(k+1) to k = 40 for x &lt; −40 and c² &lt; −8x; the continued fraction
/// 1/(w+1− 1²/(w+3− 2²/(w+5− …))) by the modified Lentz method elsewhere, where each lane runs until it
/// meets its own stopping rule and then keeps its value (a masked select). Each region is computed only if
/// one of the vector's lanes lies in it (a test per vector, not per lane), and every lane gets exactly the
/// operations the scalar twin performs for it.
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

    /// <summary>f(w) = e^w·E₁(w), f′ = f − 1/w and r = w·f′ + 1/w at w = x + ic, in every lane.</summary>
    /// <typeparam name="TOperations">The vector arithmetic.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="x">Real parts, finite.</param>
    /// <param name="c">The imaginary part, positive and finite, the same in every lane.</param>
    /// <param name="cosC">cos c.</param>
    /// <param name="sinC">sin c.</param>
    /// <param name="real">Re f.</param>
    /// <param name="imaginary">Im f.</param>
    /// <param name="derivativeReal">Re f′.</param>
    /// <param name="derivativeImaginary">Im f′.</param>
    /// <param name="remainderReal">Re r.</param>
    /// <param name="remainderImaginary">Im r.</param>
    /// <remarks>
    /// For large |w|, f ≈ 1/w − 1/w² and f′ ≈ −1/w²: forming f − 1/w would lose digits as |w|. The asymptotic
    /// region gives f′ as its series without the first term 1/w; the continued fraction is run for its tail
    /// T = 1²/(w+3− 2²/(w+5− …)), so that f = 1/(w + 1 − T) and f′ = (T − 1)·f/w exactly; the power-series
    /// region forms f − 1/w only where |w| ≤ 2. Likewise r = w·f′ + 1/w ≈ 2/w² (what is left of w·f′ once its leading −1/w is
    /// taken out, which the TOF kernel's ∂/∂α and ∂/∂β need): the asymptotic series from its third term on, times w;
    /// (T(w − 1) + 1)·f/w from the continued fraction; in the power-series region w·f′ + 1/w formed directly where |w| ≤ 2
    /// and beyond (near the cut, |w| up to 44) a series of its own, from which f′ = (r − 1/w)/w and f = f′ + 1/w.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ScaledE1<TOperations, TVector>(TVector x, double c, double cosC, double sinC,
        out TVector real, out TVector imaginary, out TVector derivativeReal, out TVector derivativeImaginary,
        out TVector remainderReal, out TVector remainderImaginary)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector zero = TOperations.Broadcast(0);
        TVector cc = TOperations.Broadcast(c);
        TVector c2 = TOperations.Broadcast(c * c);
        TVector r2 = TOperations.MultiplyAdd(x, x, c2);
        TVector negative = TOperations.LessThan(x, zero);
        TVector nearCut = TOperations.And(negative, TOperations.LessThan(c2, TOperations.Multiply(TOperations.Broadcast(-8), x)));
        TVector withinSeries = TOperations.LessThanOrEqual(TOperations.Broadcast(-40), x);
        TVector inSeries = TOperations.Or(TOperations.LessThanOrEqual(r2, TOperations.Broadcast(4)), TOperations.And(nearCut, withinSeries));
        TVector inAsymptotic = TOperations.AndNot(nearCut, inSeries);
        TVector inFraction = TOperations.AndNot(TOperations.AndNot(AllLanes<TOperations, TVector>(), inSeries), inAsymptotic);

        real = zero;
        imaginary = zero;
        derivativeReal = zero;
        derivativeImaginary = zero;
        remainderReal = zero;
        remainderImaginary = zero;
        if (TOperations.Any(inFraction))
        {
            ContinuedFraction<TOperations, TVector>(TOperations.Select(inFraction, x, TOperations.Broadcast(1)), cc, inFraction,
                out TVector re, out TVector im, out TVector dRe, out TVector dIm, out TVector rRe, out TVector rIm);
            remainderReal = TOperations.Select(inFraction, rRe, remainderReal);
            remainderImaginary = TOperations.Select(inFraction, rIm, remainderImaginary);
            real = TOperations.Select(inFraction, re, real);
            imaginary = TOperations.Select(inFraction, im, imaginary);
            derivativeReal = TOperations.Select(inFraction, dRe, derivativeReal);
            derivativeImaginary = TOperations.Select(inFraction, dIm, derivativeImaginary);
        }
        if (TOperations.Any(inSeries))
        {
            // Where |w| ≤ 2 the series gives f, and f′ = f − 1/w, r = w·f′ + 1/w lose at most a factor |w|²/2 ≤ 2. Beyond (near
            // the cut, up to |w| ≈ 44) that loss would grow as |w|² (f ≈ 1/w − 1/w², r ≈ 2/w²), so there the series gives r
            // itself, and f′ = (r − 1/w)/w, f = f′ + 1/w add terms of one sign's size.
            TVector xs = TOperations.Select(inSeries, x, TOperations.Broadcast(1));
            TVector remainderLanes = TOperations.AndNot(inSeries, TOperations.LessThanOrEqual(r2, TOperations.Broadcast(4)));
            Reciprocal<TOperations, TVector>(xs, cc, out TVector inverseRe, out TVector inverseIm);
            PowerSeries<TOperations, TVector>(xs, c, cosC, sinC, inSeries, remainderLanes, inverseRe, inverseIm, out TVector sRe, out TVector sIm);
            TVector dRe = TOperations.Subtract(sRe, inverseRe), dIm = TOperations.Subtract(sIm, inverseIm);
            Multiply<TOperations, TVector>(xs, cc, dRe, dIm, out TVector wdRe, out TVector wdIm);
            Multiply<TOperations, TVector>(dRe, dIm, inverseRe, inverseIm, out TVector rdRe, out TVector rdIm);
            TVector re = TOperations.Select(remainderLanes, TOperations.Add(rdRe, inverseRe), sRe);
            TVector im = TOperations.Select(remainderLanes, TOperations.Add(rdIm, inverseIm), sIm);
            TVector rRe = TOperations.Select(remainderLanes, sRe, TOperations.Add(wdRe, inverseRe));
            TVector rIm = TOperations.Select(remainderLanes, sIm, TOperations.Add(wdIm, inverseIm));
            dRe = TOperations.Select(remainderLanes, rdRe, dRe);
            dIm = TOperations.Select(remainderLanes, rdIm, dIm);
            real = TOperations.Select(inSeries, re, real);
            imaginary = TOperations.Select(inSeries, im, imaginary);
            derivativeReal = TOperations.Select(inSeries, dRe, derivativeReal);
            derivativeImaginary = TOperations.Select(inSeries, dIm, derivativeImaginary);
            remainderReal = TOperations.Select(inSeries, rRe, remainderReal);
            remainderImaginary = TOperations.Select(inSeries, rIm, remainderImaginary);
        }
        if (TOperations.Any(inAsymptotic))
        {
            Asymptotic<TOperations, TVector>(TOperations.Select(inAsymptotic, x, TOperations.Broadcast(-100)), cc,
                out TVector re, out TVector im, out TVector dRe, out TVector dIm, out TVector rRe, out TVector rIm);
            remainderReal = TOperations.Select(inAsymptotic, rRe, remainderReal);
            remainderImaginary = TOperations.Select(inAsymptotic, rIm, remainderImaginary);
            real = TOperations.Select(inAsymptotic, re, real);
            imaginary = TOperations.Select(inAsymptotic, im, imaginary);
            derivativeReal = TOperations.Select(inAsymptotic, dRe, derivativeReal);
            derivativeImaginary = TOperations.Select(inAsymptotic, dIm, derivativeImaginary);
        }
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
    /// f = e^w·(−γ − ln w − S), S = Σ_{k=1}^{K} (−w)ᵏ/(k·k!) by Horner's rule with the correctly rounded coefficients
    /// 1/(k·k!), K = ⌊24 + 2.72|w|⌋ per lane: over the series region (|w| ≤ 2, or −40 ≤ x &lt; 0 and c² &lt; −8x) the
    /// terms left out add up to at most 1.4e-19 of |S| (checked with mpmath over a grid of the region). A lane takes
    /// part from its own K down (the Horner sum is 0 before), so each lane gets the same operations at every width.
    /// In the <paramref name="remainderLanes"/> instead r = w·f′ + 1/w = e^w·(1/w − 2 + w(3/2 − γ − ln w) + (−w)·S₂),
    /// S₂ = Σ_{k=1}^{K} 2(−w)ᵏ/(k·(k+2)!) (from f′ = f − 1/w and the series of e^(−w)/w; the coefficients are 2/((k+1)(k+2))
    /// times the first ones, so the same K leaves out less), by the same Horner loop with the lane's coefficient selected.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PowerSeries<TOperations, TVector>(TVector x, double c, double cosC, double sinC, TVector active, TVector remainderLanes,
        TVector inverseRe, TVector inverseIm, out TVector real, out TVector imaginary)
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
        ref double remainderCoefficient = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(RemainderSeriesCoefficients);
        int k = top;
        for (; k > 24; k--)
        {
            double above = k - 24;
            TVector on = TOperations.LessThanOrEqual(TOperations.Broadcast(above * above), limit);
            TVector a = TOperations.Select(remainderLanes, TOperations.Broadcast(Unsafe.Add(ref remainderCoefficient, k - 1)),
                TOperations.Broadcast(Unsafe.Add(ref coefficient, k - 1)));
            TVector nextRe = TOperations.MultiplyAdd(accRe, minusX, TOperations.MultiplyAdd(accIm, cc, a));
            TVector nextIm = TOperations.MultiplyAdd(accRe, minusC, TOperations.Multiply(accIm, minusX));
            accRe = TOperations.Select(on, nextRe, accRe);
            accIm = TOperations.Select(on, nextIm, accIm);
        }
        for (; k >= 1; k--)
        {
            TVector a = TOperations.Select(remainderLanes, TOperations.Broadcast(Unsafe.Add(ref remainderCoefficient, k - 1)),
                TOperations.Broadcast(Unsafe.Add(ref coefficient, k - 1)));
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
        // 1/w − 2 + w(3/2 − γ − ln w) + (−w)·S₂.
        Multiply<TOperations, TVector>(x, cc, TOperations.Subtract(TOperations.Broadcast(1.5 - EulerGamma), logModulus),
            TOperations.Subtract(TOperations.Broadcast(0), argument), out TVector linearRe, out TVector linearIm);
        Multiply<TOperations, TVector>(minusX, minusC, sumRe, sumIm, out TVector tailRe, out TVector tailIm);
        TVector remainderRe = TOperations.Add(TOperations.Add(TOperations.Subtract(inverseRe, TOperations.Broadcast(2)), linearRe), tailRe);
        TVector remainderIm = TOperations.Add(TOperations.Add(inverseIm, linearIm), tailIm);
        TVector ex = KernelExponential.Exp<TOperations, TVector>(x);
        Multiply<TOperations, TVector>(TOperations.Multiply(ex, TOperations.Broadcast(cosC)), TOperations.Multiply(ex, TOperations.Broadcast(sinC)),
            TOperations.Select(remainderLanes, remainderRe, e1Re), TOperations.Select(remainderLanes, remainderIm, e1Im), out real, out imaginary);
    }

    /// <summary>
    /// The asymptotic series Σ_{k=0}^{40} (−1)ᵏ k!/w^(k+1) by Horner's rule in u = 1/w, for |w| &gt; 40 (where the region
    /// puts it): the terms decrease up to k ≈ |w|, and what is left out after k = 40 is below 7e-17 of |f| at |w| = 40
    /// (√(2π·40)·e^(−40), the optimal truncation's size) and far less beyond; the Stokes term the series misses is at most
    /// π·e^x &lt; 1.4e-17. With A = Σ_{k≥2} (−1)ᵏ k! u^(k−2): r = u²A, f′ = u²(−1 + uA), f = u(1 + u(−1 + uA)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Asymptotic<TOperations, TVector>(TVector x, TVector c,
        out TVector real, out TVector imaginary, out TVector derivativeReal, out TVector derivativeImaginary,
        out TVector remainderReal, out TVector remainderImaginary)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        Reciprocal<TOperations, TVector>(x, c, out TVector uRe, out TVector uIm);
        ref double factorial = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Factorials);
        TVector accRe = TOperations.Broadcast(Factorials[^1]), accIm = TOperations.Broadcast(0);   // (−1)⁴⁰·40!
        for (int k = Factorials.Length - 2; k >= 2; k--)
        {
            TVector b = TOperations.Broadcast((k & 1) == 0 ? Unsafe.Add(ref factorial, k) : -Unsafe.Add(ref factorial, k));
            TVector nextRe = TOperations.MultiplyAdd(accRe, uRe, TOperations.MultiplyAdd(TOperations.Subtract(TOperations.Broadcast(0), accIm), uIm, b));
            accIm = TOperations.MultiplyAdd(accRe, uIm, TOperations.Multiply(accIm, uRe));
            accRe = nextRe;
        }
        Multiply<TOperations, TVector>(uRe, uIm, uRe, uIm, out TVector u2Re, out TVector u2Im);
        Multiply<TOperations, TVector>(u2Re, u2Im, accRe, accIm, out remainderReal, out remainderImaginary);
        Multiply<TOperations, TVector>(uRe, uIm, accRe, accIm, out TVector innerRe, out TVector innerIm);
        innerRe = TOperations.Subtract(innerRe, TOperations.Broadcast(1));
        Multiply<TOperations, TVector>(u2Re, u2Im, innerRe, innerIm, out derivativeReal, out derivativeImaginary);
        Multiply<TOperations, TVector>(uRe, uIm, innerRe, innerIm, out TVector outerRe, out TVector outerIm);
        Multiply<TOperations, TVector>(uRe, uIm, TOperations.Add(outerRe, TOperations.Broadcast(1)), outerIm, out real, out imaginary);
    }

    /// <summary>
    /// The continued fraction's tail T = 1²/(w+3− 2²/(w+5− 3²/(w+7− …))) by the modified Lentz method, each lane until
    /// |Δ − 1| ≤ 2.5e-16 (the reference's rule); then f = 1/(w + 1 − T) and f′ = f − 1/w = (T − 1)·f/w.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ContinuedFraction<TOperations, TVector>(TVector x, TVector c, TVector active,
        out TVector real, out TVector imaginary, out TVector derivativeReal, out TVector derivativeImaginary,
        out TVector remainderReal, out TVector remainderImaginary)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector zero = TOperations.Broadcast(0);
        TVector one = TOperations.Broadcast(1);
        TVector tiny = TOperations.Broadcast(Tiny);
        TVector two = TOperations.Broadcast(2);
        TVector bRe = TOperations.Add(x, TOperations.Broadcast(3)), bIm = c;
        TVector cRe = TOperations.Broadcast(1 / Tiny), cIm = zero;
        Reciprocal<TOperations, TVector>(bRe, bIm, out TVector dRe, out TVector dIm);
        TVector hRe = dRe, hIm = dIm;
        for (int i = 2; i < 5000 && TOperations.Any(active); i++)
        {
            TVector a = TOperations.Broadcast(-(double)i * i);
            bRe = TOperations.Add(bRe, two);
            dRe = TOperations.MultiplyAdd(a, dRe, bRe);
            dIm = TOperations.MultiplyAdd(a, dIm, bIm);
            TVector dZero = TOperations.And(TOperations.EqualTo(dRe, zero), TOperations.EqualTo(dIm, zero));
            dRe = TOperations.Select(dZero, tiny, dRe);
            Reciprocal<TOperations, TVector>(dRe, dIm, out dRe, out dIm);
            // a/c = a·conj(c)/|c|².
            TVector c2 = TOperations.MultiplyAdd(cRe, cRe, TOperations.Multiply(cIm, cIm));
            TVector aOverC2 = TOperations.Divide(a, c2);
            cRe = TOperations.MultiplyAdd(aOverC2, cRe, bRe);
            cIm = TOperations.Subtract(bIm, TOperations.Multiply(aOverC2, cIm));
            TVector cZero = TOperations.And(TOperations.EqualTo(cRe, zero), TOperations.EqualTo(cIm, zero));
            cRe = TOperations.Select(cZero, tiny, cRe);
            Multiply<TOperations, TVector>(cRe, cIm, dRe, dIm, out TVector deltaRe, out TVector deltaIm);
            Multiply<TOperations, TVector>(hRe, hIm, deltaRe, deltaIm, out TVector nextRe, out TVector nextIm);
            hRe = TOperations.Select(active, nextRe, hRe);
            hIm = TOperations.Select(active, nextIm, hIm);
            TVector offRe = TOperations.Subtract(deltaRe, one);
            TVector off2 = TOperations.MultiplyAdd(offRe, offRe, TOperations.Multiply(deltaIm, deltaIm));
            active = TOperations.AndNot(active, TOperations.LessThanOrEqual(off2, TOperations.Broadcast(FractionToleranceSquared)));
        }
        // f = 1/(w + 1 − T).
        Reciprocal<TOperations, TVector>(TOperations.Subtract(TOperations.Add(x, one), hRe), TOperations.Subtract(c, hIm), out real, out imaginary);
        // f′ = (T − 1)·f/w.
        Reciprocal<TOperations, TVector>(x, c, out TVector inverseRe, out TVector inverseIm);
        Multiply<TOperations, TVector>(TOperations.Subtract(hRe, one), hIm, real, imaginary, out TVector numeratorRe, out TVector numeratorIm);
        Multiply<TOperations, TVector>(numeratorRe, numeratorIm, inverseRe, inverseIm, out derivativeReal, out derivativeImaginary);
        // r = w·f′ + 1/w = (T(w − 1) + 1)·f/w.
        Multiply<TOperations, TVector>(hRe, hIm, TOperations.Subtract(x, one), c, out TVector tRe, out TVector tIm);
        Multiply<TOperations, TVector>(TOperations.Add(tRe, one), tIm, real, imaginary, out TVector sRe, out TVector sIm);
        Multiply<TOperations, TVector>(sRe, sIm, inverseRe, inverseIm, out remainderReal, out remainderImaginary);
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
