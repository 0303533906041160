using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>Whether a reflection's loop forms the Lorentzian part (a constant for the JIT).</summary>
internal interface ITofLorentzianPart
{
    static abstract bool Included { get; }
}

/// <summary>Both parts (η &gt; 0, or derivatives wanted: ∂/∂η needs the Lorentzian part even at η = 0).</summary>
internal readonly struct TofWithLorentzian : ITofLorentzianPart
{
    public static bool Included => true;
}

/// <summary>The Gaussian part alone (η = 0 and no derivatives).</summary>
internal readonly struct TofGaussianOnly : ITofLorentzianPart
{
    public static bool Included => false;
}

// The generic driver: one method body, compiled by the JIT for each (width, sink) that a public entry
// point asks for. Nothing here checks arguments: the public methods did, once.
public static partial class TofProfileKernel
{
    private const double EightLn2 = 5.5451774444795624753378569716654;
    private const double TwoOverSqrtPi = 1.1283791670955125738961589031215;

    /// <summary>Runs the kernel at the width the options ask for; the only branch on the width, once per call.</summary>
    private static void Dispatch<TSink>(ReadOnlySpan<double> x, TofPeaks peaks, TofProfileKernelOptions options, scoped ref TSink sink)
        where TSink : ITofPeakSink, allows ref struct
    {
        switch (options.EffectiveVectorWidth)
        {
            case KernelVectorWidth.Vector512:
                Run<Vector512MaskedOperations, Vector512<double>, TSink>(x, peaks, options, ref sink);
                break;
            case KernelVectorWidth.Vector256:
                Run<Vector256MaskedOperations, Vector256<double>, TSink>(x, peaks, options, ref sink);
                break;
            default:
                Run<ScalarMaskedOperations, double, TSink>(x, peaks, options, ref sink);
                break;
        }
    }

    // Fully optimised from the first call (no tier-0 code with on-stack replacement in the long loops),
    // as the pseudo-Voigt kernel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOperations, TVector, TSink>(ReadOnlySpan<double> x, TofPeaks peaks, TofProfileKernelOptions options, scoped ref TSink sink)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
        where TSink : ITofPeakSink, allows ref struct
    {
        var abscissae = new ExplicitAbscissae(x);
        double riseSign = options.Convention == TofLorentzianConvention.GsasII ? -1 : 1;
        for (int k = 0; k < peaks.Count; k++)
        {
            double alpha = peaks.Alpha[k], beta = peaks.Beta[k], sigmaSquared = peaks.SigmaSquared[k], gamma = peaks.Gamma[k];
            TchCombination widths = ThompsonCoxHastings.Combine(Math.Sqrt(EightLn2 * sigmaSquared), gamma);
            GridWindow window = WindowOf(abscissae, peaks.Position[k], alpha, beta, widths.Fwhm, options);
            if (window.Length == 0)
            {
                continue;
            }
            sink.BeginReflection(k);
            var peak = new TofPeakConstants(peaks.Position[k], alpha, beta, sigmaSquared, widths, riseSign, TSink.NeedsDerivatives);
            if (TSink.NeedsDerivatives || widths.Mixing != 0)
            {
                Run<TOperations, TVector, TSink, TofWithLorentzian>(x, peak, window.Start, window.End, ref sink);
            }
            else
            {
                Run<TOperations, TVector, TSink, TofGaussianOnly>(x, peak, window.Start, window.End, ref sink);
            }
        }
    }

    /// <summary>Points from ≤ i &lt; to: whole vectors, then the remainder one point at a time with the same arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOperations, TVector, TSink, TLorentzian>(ReadOnlySpan<double> x, in TofPeakConstants peak, int from, int to, scoped ref TSink sink)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
        where TSink : ITofPeakSink, allows ref struct
        where TLorentzian : ITofLorentzianPart
    {
        ref double origin = ref MemoryMarshal.GetReference(x);
        int i = from;
        for (; i <= to - TOperations.Count; i += TOperations.Count)
        {
            Point<TOperations, TVector, TSink, TLorentzian>(ref origin, i, peak, ref sink);
        }
        for (; i < to; i++)
        {
            Point<ScalarMaskedOperations, double, TSink, TLorentzian>(ref origin, i, peak, ref sink);
        }
    }

    /// <summary>
    /// Ω and its derivatives at the points from <paramref name="index"/> on, following
    /// <see cref="TofPeakShape"/>'s formulas term by term (Δ = t − P, s² = H²/(8 ln 2), N = αβ/(2(α + β))):
    /// Ω_G = N[e^u erfc y + e^v erfc z], Ω_L = −(2N/π) Im[f(p) + f(q)], Ω = η Ω_L + (1 − η) Ω_G, with
    /// f′ = f − 1/w for the Lorentzian derivatives and ∂(e^u erfc y) = ∂u·A − (2/√π) e^(−Δ²/2s²) ∂y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Point<TOperations, TVector, TSink, TLorentzian>(ref double origin, int index, in TofPeakConstants peak, scoped ref TSink sink)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
        where TSink : ITofPeakSink, allows ref struct
        where TLorentzian : ITofLorentzianPart
    {
        TVector delta = TOperations.Subtract(TOperations.Load(ref origin, index), TOperations.Broadcast(peak.Position));

        // Gaussian part.
        TVector gauss = KernelExponential.Exp<TOperations, TVector>(
            TOperations.Multiply(TOperations.Multiply(delta, delta), TOperations.Broadcast(peak.MinusInverseTwoS2)));
        TVector yNumerator = TOperations.Add(TOperations.Broadcast(peak.AlphaS2), delta);
        TVector zNumerator = TOperations.Subtract(TOperations.Broadcast(peak.BetaS2), delta);
        TVector inverseRoot = TOperations.Broadcast(peak.InverseRoot2S2);
        TVector y = TOperations.Multiply(yNumerator, inverseRoot);
        TVector z = TOperations.Multiply(zNumerator, inverseRoot);
        TVector u = TOperations.Multiply(TOperations.Broadcast(peak.Alpha), TOperations.Add(TOperations.Broadcast(peak.HalfAlphaS2), delta));
        TVector v = TOperations.Multiply(TOperations.Broadcast(peak.Beta), TOperations.Subtract(TOperations.Broadcast(peak.HalfBetaS2), delta));
        TVector a = KernelErrorFunction.ScaledErfcProduct<TOperations, TVector>(y, u, gauss, out TVector aCorrection, out TVector yTail);
        TVector b = KernelErrorFunction.ScaledErfcProduct<TOperations, TVector>(z, v, gauss, out TVector bCorrection, out TVector zTail);
        TVector aPlusB = TOperations.Add(a, b);
        TVector gaussianPart = TOperations.Multiply(TOperations.Broadcast(peak.N), aPlusB);

        if (!TLorentzian.Included)
        {
            sink.Accept<TOperations, TVector>(index, gaussianPart, default, default, default, default, default);
            return;
        }

        // Lorentzian part: p = (±αΔ, αH/2), q = (−βΔ, βH/2).
        TVector pRe = TOperations.Multiply(TOperations.Broadcast(peak.RiseAlpha), delta);
        TVector qRe = TOperations.Multiply(TOperations.Broadcast(-peak.Beta), delta);
        KernelExponentialIntegral.ScaledE1<TOperations, TVector>(pRe, peak.PImaginary, peak.CosP, peak.SinP,
            out TVector fpRe, out TVector fpIm, out TVector dfpRe, out TVector dfpIm, out TVector rpRe, out TVector rpIm);
        KernelExponentialIntegral.ScaledE1<TOperations, TVector>(qRe, peak.QImaginary, peak.CosQ, peak.SinQ,
            out TVector fqRe, out TVector fqIm, out TVector dfqRe, out TVector dfqIm, out TVector rqRe, out TVector rqIm);
        TVector scale = TOperations.Broadcast(peak.LorentzianScale);
        TVector lorentzianPart = TOperations.Multiply(scale, TOperations.Add(fpIm, fqIm));
        TVector mixing = TOperations.Broadcast(peak.Mixing);
        TVector gaussianFraction = TOperations.Broadcast(peak.GaussianFraction);
        TVector value = TOperations.MultiplyAdd(mixing, lorentzianPart, TOperations.Multiply(gaussianFraction, gaussianPart));

        if (!TSink.NeedsDerivatives)
        {
            sink.Accept<TOperations, TVector>(index, value, default, default, default, default, default);
            return;
        }

        // Gaussian derivatives. From ∂A = ∂u·A − (2/√π)g·∂y (g = exp(−Δ²/2s²)) and the same for B, as TofPeakShape:
        // ∂A/∂Δ = αA − (2/√π)g/√(2s²), ∂A/∂s² = α²A/2 − (2/√π)g·∂y/∂s². Where y ≫ 1 these are differences of nearly
        // equal terms (A ≈ g/(√π y)); there, with E_y = y·A − g/√π, which KernelErrorFunction forms without
        // cancellation, and g/√π = yA − E_y, they become ∂A/∂Δ = 2E_y/√(2s²) − AΔ/s² and
        // ∂A/∂s² = AΔ²/(2s⁴) + E_y(αs² − Δ)/(s²√(2s²)), and ∂A/∂α = √(2s²)·E_y everywhere. For B (Δ → −Δ, α → β):
        // ∂B/∂Δ = −BΔ/s² − 2E_z/√(2s²), ∂B/∂s² = BΔ²/(2s⁴) + E_z(βs² + Δ)/(s²√(2s²)), ∂B/∂β = √(2s²)·E_z.
        // The rewritten forms cancel in turn where y ≪ 0 (A ≈ 2e^u), so each lane takes the first form for y ≤ 0
        // and the second for y > 0 (likewise z).
        TVector zero = TOperations.Broadcast(0);
        TVector gaussOverRoot = TOperations.Multiply(TOperations.Multiply(TOperations.Broadcast(TwoOverSqrtPi), gauss), inverseRoot);
        TVector deltaOverS2 = TOperations.Multiply(delta, TOperations.Broadcast(peak.InverseS2));
        TVector twoOverRoot = TOperations.Broadcast(2 * peak.InverseRoot2S2);
        TVector yPositive = TOperations.LessThan(zero, y);
        TVector zPositive = TOperations.LessThan(zero, z);
        TVector aPerDelta = TOperations.Select(yPositive,
            TOperations.MultiplyAdd(twoOverRoot, aCorrection, TOperations.Multiply(TOperations.Subtract(zero, a), deltaOverS2)),
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.Alpha), a, TOperations.Subtract(zero, gaussOverRoot)));
        TVector bPerDelta = TOperations.Select(zPositive,
            TOperations.Subtract(TOperations.Multiply(TOperations.Subtract(zero, b), deltaOverS2), TOperations.Multiply(twoOverRoot, bCorrection)),
            TOperations.MultiplyAdd(TOperations.Broadcast(-peak.Beta), b, gaussOverRoot));
        TVector root = TOperations.Broadcast(peak.Root2S2);
        TVector aPerAlpha = TOperations.Multiply(root, aCorrection);
        TVector bPerBeta = TOperations.Multiply(root, bCorrection);
        TVector halfDeltaOverS2Squared = TOperations.Multiply(TOperations.Multiply(deltaOverS2, deltaOverS2), TOperations.Broadcast(0.5));
        TVector inverseS2Root = TOperations.Broadcast(peak.InverseS2Root);
        // ∂y/∂s² = α/√(2s²) − (αs² + Δ)/(2s²)^(3/2), ∂z/∂s² = β/√(2s²) − (βs² − Δ)/(2s²)^(3/2); (2s²)^(3/2) = 2s²·√(2s²).
        TVector halfInverseS2Root = TOperations.Broadcast(peak.InverseS2Root / 2);
        TVector yPerS2 = TOperations.Subtract(TOperations.Broadcast(peak.Alpha * peak.InverseRoot2S2), TOperations.Multiply(yNumerator, halfInverseS2Root));
        TVector zPerS2 = TOperations.Subtract(TOperations.Broadcast(peak.Beta * peak.InverseRoot2S2), TOperations.Multiply(zNumerator, halfInverseS2Root));
        TVector gaussTimesTwoOverSqrtPi = TOperations.Multiply(TOperations.Broadcast(TwoOverSqrtPi), gauss);
        TVector aPerS2 = TOperations.Select(yPositive,
            TOperations.MultiplyAdd(a, halfDeltaOverS2Squared,
                TOperations.Multiply(aCorrection, TOperations.Multiply(TOperations.Subtract(TOperations.Broadcast(peak.AlphaS2), delta), inverseS2Root))),
            TOperations.Subtract(TOperations.Multiply(TOperations.Broadcast(peak.Alpha * peak.Alpha / 2), a), TOperations.Multiply(gaussTimesTwoOverSqrtPi, yPerS2)));
        TVector bPerS2 = TOperations.Select(zPositive,
            TOperations.MultiplyAdd(b, halfDeltaOverS2Squared,
                TOperations.Multiply(bCorrection, TOperations.Multiply(TOperations.Add(TOperations.Broadcast(peak.BetaS2), delta), inverseS2Root))),
            TOperations.Subtract(TOperations.Multiply(TOperations.Broadcast(peak.Beta * peak.Beta / 2), b), TOperations.Multiply(gaussTimesTwoOverSqrtPi, zPerS2)));
        TVector n = TOperations.Broadcast(peak.N);
        TVector gaussianPerDelta = TOperations.Multiply(n, TOperations.Add(aPerDelta, bPerDelta));

        // ∂Ω_G/∂α = N_α(A + B) + N√(2s²)E_y. Where y and z ≫ 1 (A ≈ g/(√π y), B ≈ g/(√π z), E_y ≈ −g/(2√π y²)) the
        // three terms cancel to leading order (as α → ∞ the shape stops depending on α), and what is left is of relative
        // size 1/min(y, z)²: the erfcx rounding would be amplified as much. Exactly, with c = √(2s²)/2, δ = Δ/(2c),
        // α = (y − δ)/c, β = (z + δ)/c, y + z = (α + β)c, and, from Laplace's continued fraction (KernelErrorFunction),
        // E_y = −g/(√π D_y), A = 2(y + T_y)·(−E_y), D_y = 2y(y + T_y) + 1 (likewise for z), the leading terms cancel
        // algebraically and leave
        //   ∂Ω_G/∂α = −N/(α(y + z))·[(1 + 2(y + z)T_y)E_y − E_z + 2δ((2y + z + T_y)E_y + (z + T_z)E_z)],
        //   ∂Ω_G/∂β = −N/(β(y + z))·[(1 + 2(y + z)T_z)E_z − E_y − 2δ((2z + y + T_z)E_z + (y + T_y)E_y)],
        // whose terms are each no larger than the result's scale over the window (checked against mpmath in
        // TofKernelMpmathTests). It needs y, z > 0.46875, where E and T come from the continued fraction; elsewhere the
        // first form, whose terms then do not cancel beyond a factor of order one.
        TVector bothLarge = TOperations.And(TOperations.LessThan(TOperations.Broadcast(KernelErrorFunction.SmallLimit), y),
            TOperations.LessThan(TOperations.Broadcast(KernelErrorFunction.SmallLimit), z));
        TVector twoDelta = TOperations.Multiply(delta, twoOverRoot);
        TVector twoYPlusZ = TOperations.Broadcast(2 * peak.YPlusZ);
        TVector one = TOperations.Broadcast(1);
        TVector yPlusTail = TOperations.Add(y, yTail);
        TVector zPlusTail = TOperations.Add(z, zTail);
        TVector alphaLead = TOperations.MultiplyAdd(TOperations.MultiplyAdd(twoYPlusZ, yTail, one), aCorrection, TOperations.Subtract(zero, bCorrection));
        TVector alphaSpread = TOperations.MultiplyAdd(TOperations.Add(yPlusTail, TOperations.Add(y, z)), aCorrection, TOperations.Multiply(zPlusTail, bCorrection));
        TVector betaLead = TOperations.MultiplyAdd(TOperations.MultiplyAdd(twoYPlusZ, zTail, one), bCorrection, TOperations.Subtract(zero, aCorrection));
        TVector betaSpread = TOperations.MultiplyAdd(TOperations.Add(zPlusTail, TOperations.Add(y, z)), bCorrection, TOperations.Multiply(yPlusTail, aCorrection));
        TVector gaussianPerAlpha = TOperations.Select(bothLarge,
            TOperations.Multiply(TOperations.Broadcast(peak.MinusNOverAlphaYPlusZ), TOperations.MultiplyAdd(twoDelta, alphaSpread, alphaLead)),
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.NPerAlpha), aPlusB, TOperations.Multiply(n, aPerAlpha)));
        TVector gaussianPerBeta = TOperations.Select(bothLarge,
            TOperations.Multiply(TOperations.Broadcast(peak.NOverBetaYPlusZ), TOperations.MultiplyAdd(twoDelta, betaSpread, TOperations.Subtract(zero, betaLead))),
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.NPerBeta), aPlusB, TOperations.Multiply(n, bPerBeta)));
        TVector gaussianPerFwhm = TOperations.Multiply(TOperations.Broadcast(peak.NTimesS2PerFwhm), TOperations.Add(aPerS2, bPerS2));

        // Lorentzian derivatives: f′ = f − 1/w; ∂p/∂Δ = ±α, ∂q/∂Δ = −β, ∂p/∂H = iα/2, ∂q/∂H = iβ/2, ∂p/∂α = p/α, ∂q/∂β = q/β.
        TVector lorentzianPerDelta = TOperations.Multiply(scale,
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.RiseAlpha), dfpIm, TOperations.Multiply(TOperations.Broadcast(-peak.Beta), dfqIm)));
        TVector lorentzianPerFwhm = TOperations.Multiply(TOperations.Broadcast(peak.LorentzianScale / 2),
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.Alpha), dfpRe, TOperations.Multiply(TOperations.Broadcast(peak.Beta), dfqRe)));
        // ∂Ω_L/∂α = (N_α/N)Ω_L − (2N/π)Im(f′(p)·p)/α. With f = 1/w + f′ and f′·w = r − 1/w, the terms in 1/p and 1/q cancel
        // exactly (|p/α| = |q/β| and Im(p/α) = Im(q/β) = H/2 in both conventions, and N_α/N = β/(α(α + β))), leaving
        // ∂Ω_L/∂α = −(2N/π)[(N_α/N)·Im(f′(p) + f′(q)) + Im r(p)/α]; the forms with f would lose digits as |p| and |q| grow.
        // Likewise ∂Ω_L/∂β = −(2N/π)[(N_β/N)·Im(f′(p) + f′(q)) + Im r(q)/β].
        TVector derivativeSum = TOperations.Add(dfpIm, dfqIm);
        TVector lorentzianPerAlpha = TOperations.Multiply(scale,
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.NPerAlphaOverN), derivativeSum, TOperations.Multiply(TOperations.Broadcast(1 / peak.Alpha), rpIm)));
        TVector lorentzianPerBeta = TOperations.Multiply(scale,
            TOperations.MultiplyAdd(TOperations.Broadcast(peak.NPerBetaOverN), derivativeSum, TOperations.Multiply(TOperations.Broadcast(1 / peak.Beta), rqIm)));

        TVector dPosition = TOperations.Subtract(TOperations.Broadcast(0),
            TOperations.MultiplyAdd(mixing, lorentzianPerDelta, TOperations.Multiply(gaussianFraction, gaussianPerDelta)));
        TVector dAlpha = TOperations.MultiplyAdd(mixing, lorentzianPerAlpha, TOperations.Multiply(gaussianFraction, gaussianPerAlpha));
        TVector dBeta = TOperations.MultiplyAdd(mixing, lorentzianPerBeta, TOperations.Multiply(gaussianFraction, gaussianPerBeta));
        TVector dWidth = TOperations.MultiplyAdd(mixing, lorentzianPerFwhm, TOperations.Multiply(gaussianFraction, gaussianPerFwhm));
        TVector dMixing = TOperations.Subtract(lorentzianPart, gaussianPart);
        TVector dSigmaSquared = TOperations.MultiplyAdd(dWidth, TOperations.Broadcast(peak.FwhmPerVariance), TOperations.Multiply(dMixing, TOperations.Broadcast(peak.MixingPerVariance)));
        TVector dGamma = TOperations.MultiplyAdd(dWidth, TOperations.Broadcast(peak.FwhmPerGamma), TOperations.Multiply(dMixing, TOperations.Broadcast(peak.MixingPerGamma)));
        sink.Accept<TOperations, TVector>(index, value, dPosition, dAlpha, dBeta, dSigmaSquared, dGamma);
    }

    /// <summary>The per-reflection numbers the loop broadcasts.</summary>
    private readonly struct TofPeakConstants
    {
        public TofPeakConstants(double position, double alpha, double beta, double sigmaSquared, TchCombination widths, double riseSign, bool derivatives)
        {
            double fwhm = widths.Fwhm;
            double sum = alpha + beta;
            double n = alpha * beta / (2 * sum);
            double s2 = fwhm * fwhm / EightLn2;
            double root2s2 = Math.Sqrt(2 * s2);
            Position = position;
            Alpha = alpha;
            Beta = beta;
            N = n;
            NPerAlpha = beta * beta / (2 * sum * sum);
            NPerBeta = alpha * alpha / (2 * sum * sum);
            NPerAlphaOverN = NPerAlpha / n;
            NPerBetaOverN = NPerBeta / n;
            MinusInverseTwoS2 = -1 / (2 * s2);
            InverseRoot2S2 = 1 / root2s2;
            Root2S2 = root2s2;
            YPlusZ = sum * root2s2 / 2;
            MinusNOverAlphaYPlusZ = -n / (alpha * YPlusZ);
            NOverBetaYPlusZ = n / (beta * YPlusZ);
            InverseS2 = 1 / s2;
            InverseS2Root = 1 / (s2 * root2s2);
            AlphaS2 = alpha * s2;
            BetaS2 = beta * s2;
            HalfAlphaS2 = alpha * s2 / 2;
            HalfBetaS2 = beta * s2 / 2;
            NTimesS2PerFwhm = n * 2 * fwhm / EightLn2;
            RiseAlpha = riseSign * alpha;
            PImaginary = alpha * fwhm / 2;
            QImaginary = beta * fwhm / 2;
            CosP = Math.Cos(PImaginary);
            SinP = Math.Sin(PImaginary);
            CosQ = Math.Cos(QImaginary);
            SinQ = Math.Sin(QImaginary);
            LorentzianScale = -2 * n / Math.PI;
            Mixing = widths.Mixing;
            GaussianFraction = 1 - widths.Mixing;
            if (derivatives)
            {
                double gaussianFwhm = Math.Sqrt(EightLn2 * sigmaSquared);
                double gaussianPerVariance = EightLn2 / (2 * gaussianFwhm);
                FwhmPerVariance = widths.FwhmPerGaussianFwhm * gaussianPerVariance;
                MixingPerVariance = widths.MixingPerGaussianFwhm * gaussianPerVariance;
                FwhmPerGamma = widths.FwhmPerLorentzianFwhm;
                MixingPerGamma = widths.MixingPerLorentzianFwhm;
            }
        }

        public double Position { get; }
        public double Alpha { get; }
        public double Beta { get; }
        public double N { get; }
        public double NPerAlpha { get; }
        public double NPerBeta { get; }
        public double NPerAlphaOverN { get; }
        public double NPerBetaOverN { get; }
        public double MinusInverseTwoS2 { get; }
        public double InverseRoot2S2 { get; }
        public double Root2S2 { get; }
        public double YPlusZ { get; }
        public double MinusNOverAlphaYPlusZ { get; }
        public double NOverBetaYPlusZ { get; }
        public double InverseS2 { get; }
        public double InverseS2Root { get; }
        public double AlphaS2 { get; }
        public double BetaS2 { get; }
        public double HalfAlphaS2 { get; }
        public double HalfBetaS2 { get; }
        public double NTimesS2PerFwhm { get; }
        public double RiseAlpha { get; }
        public double PImaginary { get; }
        public double QImaginary { get; }
        public double CosP { get; }
        public double SinP { get; }
        public double CosQ { get; }
        public double SinQ { get; }
        public double LorentzianScale { get; }
        public double Mixing { get; }
        public double GaussianFraction { get; }
        public double FwhmPerVariance { get; }
        public double MixingPerVariance { get; }
        public double FwhmPerGamma { get; }
        public double MixingPerGamma { get; }
    }
}
