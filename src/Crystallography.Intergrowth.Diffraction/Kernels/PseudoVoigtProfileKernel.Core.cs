using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>Whether a run of points includes the Gaussian part (a constant for the JIT).</summary>
internal interface IGaussianPart
{
    static abstract bool Included { get; }
}

/// <summary>Both parts of the pseudo-Voigt.</summary>
internal readonly struct WithGaussian : IGaussianPart
{
    public static bool Included => true;
}

/// <summary>The Lorentzian part alone (beyond the Gaussian cut).</summary>
internal readonly struct LorentzianOnly : IGaussianPart
{
    public static bool Included => false;
}

// The generic driver: one method body, compiled by the JIT for each (width, grid, sink) that a
// public entry point asks for. Nothing here checks arguments: the public methods did, once.
public static partial class PseudoVoigtProfileKernel
{
    /// <summary>4 ln 2.</summary>
    private const double FourLn2 = 2.7725887222397812376689284858327;

    /// <summary>2·√(ln 2/π): the unit-area Gaussian's height times its FWHM.</summary>
    private const double GaussianHeight = 0.93943727869965133377234032841018;

    /// <summary>2/π: the unit-area Lorentzian's height times its FWHM.</summary>
    private const double LorentzianHeight = 0.63661977236758134307553505349006;

    /// <summary>
    /// The Gaussian run is widened outward to a multiple of this many points from the window start, so
    /// the runs before it are whole vectors at every width (1, 4, 8 divide 8) and every width
    /// evaluates the Gaussian at the same points: results are bitwise the same at every width.
    /// </summary>
    private const int GaussianAlignment = 8;

    /// <summary>Runs the kernel at the width the options ask for; the only branch on the width, once per call.</summary>
    private static void Dispatch<TGrid, TSink>(scoped ref TGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options, scoped ref TSink sink)
        where TGrid : IAbscissae, allows ref struct
        where TSink : IPeakSink, allows ref struct =>
        Dispatch(ref grid, peaks, options, 0, grid.Count, ref sink);

    /// <summary>
    /// The points [<paramref name="from"/>, <paramref name="to"/>) only: every window and Gaussian run is found on the
    /// whole grid and then clipped, so each point gets bitwise what a call over the whole grid gives it (the
    /// multi-core kernel's blocks).
    /// </summary>
    private static void Dispatch<TGrid, TSink>(scoped ref TGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options, int from, int to,
                                               scoped ref TSink sink)
        where TGrid : IAbscissae, allows ref struct
        where TSink : IPeakSink, allows ref struct
    {
        switch (options.EffectiveVectorWidth)
        {
            case KernelVectorWidth.Vector512:
                Run<Vector512Operations, Vector512<double>, TGrid, TSink>(ref grid, peaks, options, from, to, ref sink);
                break;
            case KernelVectorWidth.Vector256:
                Run<Vector256Operations, Vector256<double>, TGrid, TSink>(ref grid, peaks, options, from, to, ref sink);
                break;
            default:
                Run<ScalarOperations, double, TGrid, TSink>(ref grid, peaks, options, from, to, ref sink);
                break;
        }
    }

    // Fully optimised from the first call: no tier-0 code with on-stack replacement in the long
    // loops, whose compilation mid-call allocated a few hundred bytes on the calling thread and
    // made the first calls slower than the steady state.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOperations, TVector, TGrid, TSink>(scoped ref TGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options, int from, int to,
                                                                scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TGrid : IAbscissae, allows ref struct
        where TSink : IPeakSink, allows ref struct
    {
        ReadOnlySpan<double> position = peaks.Position, fwhm = peaks.Fwhm, mixing = peaks.Mixing;
        // A block of a multi-core call skips, without a search, the peaks whose window ends before its first point or
        // starts after its last (most of them).
        bool part = from > 0 || to < grid.Count;
        double first = part && to > from ? grid.At<ScalarOperations, double>(from) : double.NegativeInfinity;
        double last = part && to > from ? grid.At<ScalarOperations, double>(to - 1) : double.PositiveInfinity;
        for (int k = 0; k < position.Length; k++)
        {
            double reach = options.WindowHalfWidth * fwhm[k];
            if (position[k] + reach < first || position[k] - reach > last) continue;
            double amplitude = sink.BeginReflection(k);
            AccumulatePeak<TOperations, TVector, TGrid, TSink>(ref grid, position[k], fwhm[k], mixing[k], amplitude, options, from, to, ref sink);
        }
    }

    /// <summary>One reflection over its window, split into Lorentzian-only, both-parts and Lorentzian-only runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GridWindow AccumulatePeak<TOperations, TVector, TGrid, TSink>(
        scoped ref TGrid grid, double position, double fwhm, double mixing, double amplitude, ProfileKernelOptions options, int from, int to,
        scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TGrid : IAbscissae, allows ref struct
        where TSink : IPeakSink, allows ref struct
    {
        double halfWidth = options.WindowHalfWidth * fwhm;
        GridWindow window = grid.Window(position - halfWidth, position + halfWidth);
        if (window.Length == 0)
        {
            return window;
        }
        int start = window.Start, end = window.End;
        int gaussianStart = start, gaussianEnd = end;
        if (options.GaussianHalfWidth < options.WindowHalfWidth)
        {
            double gaussianHalf = options.GaussianHalfWidth * fwhm;
            GridWindow gaussian = grid.Window(position - gaussianHalf, position + gaussianHalf);
            Debug.Assert(gaussian.Start >= start && gaussian.End <= end, "the Gaussian window lies inside the window");
            gaussianStart = start + (gaussian.Start - start) / GaussianAlignment * GaussianAlignment;
            gaussianEnd = gaussian.Length == 0
                ? gaussianStart
                : Math.Min(end, start + (gaussian.End - start + GaussianAlignment - 1) / GaussianAlignment * GaussianAlignment);
        }

        var peak = new PeakConstants(position, fwhm, mixing, amplitude);
        Run<TOperations, TVector, TGrid, TSink, LorentzianOnly>(ref grid, peak, Math.Max(start, from), Math.Min(gaussianStart, to), ref sink);
        Run<TOperations, TVector, TGrid, TSink, WithGaussian>(ref grid, peak, Math.Max(gaussianStart, from), Math.Min(gaussianEnd, to), ref sink);
        Run<TOperations, TVector, TGrid, TSink, LorentzianOnly>(ref grid, peak, Math.Max(gaussianEnd, from), Math.Min(end, to), ref sink);
        return window;
    }

    /// <summary>Points from ≤ i &lt; to: whole vectors, then the remainder one point at a time with the same arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TOperations, TVector, TGrid, TSink, TGaussian>(scoped ref TGrid grid, in PeakConstants peak, int from, int to, scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TGrid : IAbscissae, allows ref struct
        where TSink : IPeakSink, allows ref struct
        where TGaussian : IGaussianPart
    {
        int i = Points<TOperations, TVector, TGrid, TSink, TGaussian>(ref grid, peak, from, to, ref sink);
        if (TOperations.Count > 1 && i < to)
        {
            Points<ScalarOperations, double, TGrid, TSink, TGaussian>(ref grid, peak, i, to, ref sink);
        }
    }

    /// <summary>
    /// The loop body: with t = (x − P)/H, q = 1/(1 + 4t²), e = exp(−4 ln 2·t²),
    /// L = A·η·(2/(πH))·q, G = A·(1 − η)·(2/H)√(ln 2/π)·e, pV = G + L, and
    /// ∂/∂P = (t/H)(8 ln 2·G + 8q·L), ∂/∂H = (G(8 ln 2·t² − 1) + L·q(4t² − 1))/H,
    /// ∂/∂η = L/η − G/(1 − η) computed as A(2/(πH))q − A(2/H)√(ln 2/π)e (A: the sink's factor).
    /// Returns the first index not done (fewer than a vector's worth remain).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Points<TOperations, TVector, TGrid, TSink, TGaussian>(scoped ref TGrid grid, in PeakConstants peak, int from, int to, scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TGrid : IAbscissae, allows ref struct
        where TSink : IPeakSink, allows ref struct
        where TGaussian : IGaussianPart
    {
        TVector one = TOperations.Broadcast(1);
        TVector four = TOperations.Broadcast(4);
        TVector centre = TOperations.Broadcast(peak.Position);
        TVector inverseWidth = TOperations.Broadcast(peak.InverseWidth);
        TVector lorentzianBase = TOperations.Broadcast(peak.LorentzianBase);
        TVector gaussianBase = TOperations.Broadcast(peak.GaussianBase);
        TVector mixing = TOperations.Broadcast(peak.Mixing);
        TVector gaussianFraction = TOperations.Broadcast(peak.GaussianFraction);
        TVector minusFourLn2 = TOperations.Broadcast(-FourLn2);
        TVector eightLn2 = TOperations.Broadcast(2 * FourLn2);
        TVector eight = TOperations.Broadcast(8);
        TVector minusOne = TOperations.Broadcast(-1);

        int i = from;
        for (; i <= to - TOperations.Count; i += TOperations.Count)
        {
            TVector t = TOperations.Multiply(TOperations.Subtract(grid.At<TOperations, TVector>(i), centre), inverseWidth);
            TVector t2 = TOperations.Multiply(t, t);
            TVector q = TOperations.Divide(one, TOperations.MultiplyAdd(four, t2, one));
            TVector lorentzianUnmixed = TOperations.Multiply(lorentzianBase, q);
            TVector lorentzian = TOperations.Multiply(mixing, lorentzianUnmixed);
            TVector gaussianUnmixed = default, gaussian = default, value;
            if (TGaussian.Included)
            {
                gaussianUnmixed = TOperations.Multiply(gaussianBase, KernelExponential.Exp<TOperations, TVector>(TOperations.Multiply(minusFourLn2, t2)));
                gaussian = TOperations.Multiply(gaussianFraction, gaussianUnmixed);
                value = TOperations.Add(gaussian, lorentzian);
            }
            else
            {
                value = lorentzian;
            }

            if (TSink.NeedsDerivatives)
            {
                TVector tOverWidth = TOperations.Multiply(t, inverseWidth);
                TVector lorentzianQ = TOperations.Multiply(lorentzian, q);
                TVector lorentzianWidthTerm = TOperations.Multiply(lorentzianQ, TOperations.MultiplyAdd(four, t2, minusOne));
                TVector dPosition, dWidth, dMixing;
                if (TGaussian.Included)
                {
                    dPosition = TOperations.Multiply(tOverWidth, TOperations.MultiplyAdd(eightLn2, gaussian, TOperations.Multiply(eight, lorentzianQ)));
                    dWidth = TOperations.Multiply(inverseWidth, TOperations.MultiplyAdd(gaussian, TOperations.MultiplyAdd(eightLn2, t2, minusOne), lorentzianWidthTerm));
                    dMixing = TOperations.Subtract(lorentzianUnmixed, gaussianUnmixed);
                }
                else
                {
                    dPosition = TOperations.Multiply(tOverWidth, TOperations.Multiply(eight, lorentzianQ));
                    dWidth = TOperations.Multiply(inverseWidth, lorentzianWidthTerm);
                    dMixing = lorentzianUnmixed;
                }
                sink.Accept<TOperations, TVector>(i, value, dPosition, dWidth, dMixing);
            }
            else
            {
                sink.Accept<TOperations, TVector>(i, value, default, default, default);
            }
        }
        return i;
    }

    /// <summary>The per-reflection numbers the loop broadcasts.</summary>
    private readonly struct PeakConstants
    {
        public PeakConstants(double position, double fwhm, double mixing, double amplitude)
        {
            Position = position;
            InverseWidth = 1 / fwhm;
            LorentzianBase = amplitude * LorentzianHeight * InverseWidth;
            GaussianBase = amplitude * GaussianHeight * InverseWidth;
            Mixing = mixing;
            GaussianFraction = 1 - mixing;
        }

        public double Position { get; }

        public double InverseWidth { get; }

        /// <summary>A·2/(πH): the Lorentzian's height before mixing.</summary>
        public double LorentzianBase { get; }

        /// <summary>A·(2/H)√(ln 2/π): the Gaussian's height before mixing.</summary>
        public double GaussianBase { get; }

        public double Mixing { get; }

        public double GaussianFraction { get; }
    }
}
