using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The fused profile kernel for the pseudo-Voigt with Finger–Cox–Jephcoat axial-divergence asymmetry: for each
/// reflection, y_i += I_k·P_k(x_i) over its window and, in the same pass, every Jacobian column the reflection
/// reaches, with P_k the quadrature sum of <see cref="FcjPeakShape"/> (the same nodes, weights and window).
/// </summary>
/// <remarks>
/// <para>
/// Per reflection the quadrature nodes 2φⱼ, their weights wⱼ and the derivatives of both with respect to 2θ, S/L
/// and H/L are built once (scalar, <see cref="FcjPeakShape"/>'s own construction). The loop over points then runs
/// in vectors of points (Vector512, Vector256 or one point at a time, chosen once per call) and, for each vector,
/// over the nodes: the symmetric pseudo-Voigt at x − 2φⱼ with its derivatives, weighted and summed in registers
/// into the profile and its derivatives with respect to the position (node angles and weights move with it), the
/// FWHM, the mixing, S/L and H/L. Those six vectors then go through the chain rule into y and the Jacobian once,
/// as the symmetric kernel's do. The exponential is the kernel's inlined one (<see cref="KernelExponential"/>).
/// </para>
/// <para>
/// Every node is evaluated over the whole window, Gaussian included (the <see cref="ProfileKernelOptions.GaussianHalfWidth"/>
/// cut of the symmetric kernel does not apply: the nodes spread the peak). The window is
/// <see cref="PeakWindow.ForFcj(double, double, FcjAsymmetry, double)"/> with
/// <see cref="ProfileKernelOptions.WindowHalfWidth"/> FWHM. The scalar twin (the same code at width 1) and every
/// vector width give bitwise the same numbers; <see cref="FcjPeakShape.EvaluateWithDerivatives(ReadOnlySpan{double}, double, double, double, double, double, Span{double}, Span{double}, Span{double}, Span{double}, Span{double}, Span{double})"/>
/// is the independent reference the tests hold it to. A call allocates nothing once the quadrature rules it
/// needs have been built and its thread has seen its largest reflection (node tables live in one array per thread).
/// </para>
/// </remarks>
public static class FcjProfileKernel
{
    private const double FourLn2 = 2.7725887222397812376689284858327;
    private const double GaussianHeight = 0.93943727869965133377234032841018;
    private const double LorentzianHeight = 0.63661977236758134307553505349006;

    // The node buffer of a thread starts with room for this many nodes (8 tables of doubles).
    private const int StackNodes = 64;

    /// <summary>y_i += Σ_k I_k·P_k(x_i), the asymmetric profile alone.</summary>
    /// <param name="x">Abscissae 2θ in degrees, finite and non-decreasing.</param>
    /// <param name="peaks">Position 2θ (in (0°, 180°)), FWHM, mixing η (in [0, 1]) and intensity per peak.</param>
    /// <param name="asymmetry">S/L and H/L, shared by every peak.</param>
    /// <param name="options">The window (in FWHM) and the vector width.</param>
    /// <param name="y">The calculated pattern, added into; x.Length values.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfile(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, FcjAsymmetry asymmetry, ProfileKernelOptions options,
                                         Span<double> y)
    {
        Check(x, peaks, options);
        if (y.Length != x.Length) throw new ArgumentException($"y holds {y.Length} values; the pattern has {x.Length} points.", nameof(y));
        var sink = new FcjProfileSink(peaks.Intensity, y);
        Dispatch(x, peaks, asymmetry, options, ref sink);
    }

    /// <summary>
    /// The refinement's pass: y_i += Σ_k I_k·P_k(x_i) and, for each chain-rule entry (c, ∂I, ∂P, ∂H, ∂η) of reflection k,
    /// J[c·stride + i] += ∂I·P_k + I_k(∂P·∂P_k/∂2θ + ∂H·∂P_k/∂H + ∂η·∂P_k/∂η); the S/L and H/L columns, when given, receive
    /// Σ_k I_k ∂P_k/∂(S/L) and Σ_k I_k ∂P_k/∂(H/L).
    /// </summary>
    /// <param name="x">Abscissae 2θ in degrees, finite and non-decreasing.</param>
    /// <param name="peaks">Position 2θ (in (0°, 180°)), FWHM, mixing η (in [0, 1]) and intensity per peak.</param>
    /// <param name="asymmetry">S/L and H/L, shared by every peak.</param>
    /// <param name="chainRule">Per reflection, the columns it reaches and the derivatives of its I, 2θ, H, η.</param>
    /// <param name="sOverLColumn">The Jacobian column of S/L, or −1 when S/L is not refined.</param>
    /// <param name="hOverLColumn">The Jacobian column of H/L, or −1 when H/L is not refined.</param>
    /// <param name="options">The window (in FWHM) and the vector width.</param>
    /// <param name="jacobianColumnStride">Distance between consecutive columns, at least the pattern length (and at least 1).</param>
    /// <param name="y">The calculated pattern, added into.</param>
    /// <param name="jacobian">Column-major Jacobian, added into: column c is jacobian[c·stride … c·stride + N − 1].</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, a column outside the Jacobian, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfileAndJacobian(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, FcjAsymmetry asymmetry,
        PeakParameterDerivatives chainRule, int sOverLColumn, int hOverLColumn, ProfileKernelOptions options, int jacobianColumnStride,
        Span<double> y, Span<double> jacobian)
    {
        Check(x, peaks, options);
        if (y.Length != x.Length) throw new ArgumentException($"y holds {y.Length} values; the pattern has {x.Length} points.", nameof(y));
        if (jacobianColumnStride < Math.Max(1, x.Length))
            throw new ArgumentException($"The column stride is {jacobianColumnStride}; it must be at least the pattern length {x.Length} and at least 1.",
                                        nameof(jacobianColumnStride));
        int columns = jacobian.Length < x.Length ? 0 : (jacobian.Length - x.Length) / jacobianColumnStride + 1;
        chainRule.Validate(peaks.Count, columns, nameof(chainRule));
        if (sOverLColumn < -1 || sOverLColumn >= columns)
            throw new ArgumentOutOfRangeException(nameof(sOverLColumn), sOverLColumn, $"The S/L column must be −1 or one of the Jacobian's {columns} columns.");
        if (hOverLColumn < -1 || hOverLColumn >= columns)
            throw new ArgumentOutOfRangeException(nameof(hOverLColumn), hOverLColumn, $"The H/L column must be −1 or one of the Jacobian's {columns} columns.");
        var sink = new FcjJacobianSink(peaks.Intensity, chainRule, jacobianColumnStride, sOverLColumn, hOverLColumn, y, jacobian);
        Dispatch(x, peaks, asymmetry, options, ref sink);
    }

    private static void Check(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, ProfileKernelOptions options)
    {
        ExplicitAbscissae.Validate(x, "abscissa", "abscissae", nameof(x));
        peaks.Validate(nameof(peaks));
        options.Validate(nameof(options));
        for (int k = 0; k < peaks.Count; k++)
        {
            double position = peaks.Position[k], mixing = peaks.Mixing[k];
            if (!(position > 0 && position < 180))
                throw new ArgumentException($"Position[{k}] is {position}°; an FCJ peak needs 2θ in (0°, 180°).", nameof(peaks));
            if (!(mixing >= 0 && mixing <= 1))
                throw new ArgumentException($"Mixing[{k}] is {mixing}; the FCJ peak needs η in [0, 1].", nameof(peaks));
        }
    }

    private static void Dispatch<TSink>(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, FcjAsymmetry asymmetry, ProfileKernelOptions options,
                                        scoped ref TSink sink)
        where TSink : IFcjSink, allows ref struct
    {
        switch (options.EffectiveVectorWidth)
        {
            case KernelVectorWidth.Vector512:
                Run<Vector512Operations, Vector512<double>, TSink>(x, peaks, asymmetry, options, ref sink);
                break;
            case KernelVectorWidth.Vector256:
                Run<Vector256Operations, Vector256<double>, TSink>(x, peaks, asymmetry, options, ref sink);
                break;
            default:
                Run<ScalarOperations, double, TSink>(x, peaks, asymmetry, options, ref sink);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOperations, TVector, TSink>(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, FcjAsymmetry asymmetry,
                                                         ProfileKernelOptions options, scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TSink : IFcjSink, allows ref struct
    {
        double s = asymmetry.SOverL, h = asymmetry.HOverL;
        for (int k = 0; k < peaks.Count; k++)
        {
            double position = peaks.Position[k], fwhm = peaks.Fwhm[k];
            var (start, length) = PeakWindow.ForFcj(position, fwhm, asymmetry, options.WindowHalfWidth).IndexRange(x);
            if (length == 0) continue;
            var (flat, ramp) = FcjPeakShape.DefaultQuadratureOrders(position, fwhm, s, h);
            int capacity = Math.Max(1, flat + ramp);
            var table = NodeTable.Build(NodeBuffer(8 * capacity), capacity, position, s, h, flat, ramp, TSink.NeedsDerivatives);
            sink.BeginReflection(k);
            Points<TOperations, TVector, TSink>(x, start, start + length, fwhm, peaks.Mixing[k], table, ref sink);
        }
    }

    // Node tables live in one array per thread, grown to the largest reflection seen (at most 8 × 1,024 doubles).
    [ThreadStatic]
    private static double[]? t_nodes;

    private static Span<double> NodeBuffer(int length)
    {
        if (t_nodes is null || t_nodes.Length < length) t_nodes = new double[Math.Max(length, 8 * StackNodes)];
        return t_nodes.AsSpan(0, length);
    }

    /// <summary>Points [from, to): whole vectors, then the rest one at a time with the same arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Points<TOperations, TVector, TSink>(ReadOnlySpan<double> x, int from, int to, double fwhm, double mixing,
                                                            scoped in NodeTable table, scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TSink : IFcjSink, allows ref struct
    {
        int i = PointRun<TOperations, TVector, TSink>(x, from, to, fwhm, mixing, table, ref sink);
        if (TOperations.Count > 1 && i < to) PointRun<ScalarOperations, double, TSink>(x, i, to, fwhm, mixing, table, ref sink);
    }

    /// <summary>
    /// For each vector of points, the node sum: with t = ((x − 2θ) − (2φⱼ − 2θ))/H, q = 1/(1 + 4t²), the unmixed Lorentzian
    /// L = (2/(πH))q and Gaussian G = (2/H)√(ln 2/π)·exp(−4 ln 2 t²), pV = ηL + (1 − η)G and its derivatives
    /// ∂/∂2φ = (t/H)(8 ln 2 (1 − η)G + 8qηL), ∂/∂H = ((1 − η)G(8 ln 2 t² − 1) + ηLq(4t² − 1))/H, ∂/∂η = L − G;
    /// then P = Σwⱼ pVⱼ / Σw and, for 2θ, S/L and H/L, ∂P = Σ(∂′wⱼ pVⱼ + wⱼ ∂2φⱼ ∂pVⱼ/∂2φ)/Σw with the centred ∂′wⱼ = ∂wⱼ − wⱼ∂Σw/Σw.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PointRun<TOperations, TVector, TSink>(ReadOnlySpan<double> x, int from, int to, double fwhm, double mixing,
                                                             scoped in NodeTable table, scoped ref TSink sink)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
        where TSink : IFcjSink, allows ref struct
    {
        double inverseWidth = 1 / fwhm;
        TVector one = TOperations.Broadcast(1), four = TOperations.Broadcast(4), minusOne = TOperations.Broadcast(-1);
        TVector invH = TOperations.Broadcast(inverseWidth);
        TVector lorentzianBase = TOperations.Broadcast(LorentzianHeight * inverseWidth);
        TVector gaussianBase = TOperations.Broadcast(GaussianHeight * inverseWidth);
        TVector eta = TOperations.Broadcast(mixing), gaussianFraction = TOperations.Broadcast(1 - mixing);
        TVector minusFourLn2 = TOperations.Broadcast(-FourLn2), eightLn2 = TOperations.Broadcast(2 * FourLn2), eight = TOperations.Broadcast(8);
        TVector inverseSum = TOperations.Broadcast(1 / table.WeightSum);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double offset = ref MemoryMarshal.GetReference(table.Offset);
        TVector position = TOperations.Broadcast(table.Position);
        ref double weight = ref MemoryMarshal.GetReference(table.Weight);
        ref double weightPerPosition = ref MemoryMarshal.GetReference(table.WeightPerPosition);
        ref double shiftPerPosition = ref MemoryMarshal.GetReference(table.ShiftPerPosition);
        ref double weightPerS = ref MemoryMarshal.GetReference(table.WeightPerS);
        ref double shiftPerS = ref MemoryMarshal.GetReference(table.ShiftPerS);
        ref double weightPerH = ref MemoryMarshal.GetReference(table.WeightPerH);
        ref double shiftPerH = ref MemoryMarshal.GetReference(table.ShiftPerH);
        int nodes = table.Count;

        int i = from;
        for (; i <= to - TOperations.Count; i += TOperations.Count)
        {
            TVector xi = TOperations.Subtract(TOperations.Load(ref x0, i), position);   // x − 2θ
            TVector v = default, dp = default, dh = default, de = default, ds = default, dd = default;
            for (int j = 0; j < nodes; j++)
            {
                TVector t = TOperations.Multiply(TOperations.Subtract(xi, TOperations.Broadcast(Unsafe.Add(ref offset, j))), invH);
                TVector t2 = TOperations.Multiply(t, t);
                TVector q = TOperations.Divide(one, TOperations.MultiplyAdd(four, t2, one));
                TVector lorentzianUnmixed = TOperations.Multiply(lorentzianBase, q);
                TVector gaussianUnmixed = TOperations.Multiply(gaussianBase, KernelExponential.Exp<TOperations, TVector>(TOperations.Multiply(minusFourLn2, t2)));
                TVector lorentzian = TOperations.Multiply(eta, lorentzianUnmixed);
                TVector gaussian = TOperations.Multiply(gaussianFraction, gaussianUnmixed);
                TVector pv = TOperations.Add(gaussian, lorentzian);
                TVector w = TOperations.Broadcast(Unsafe.Add(ref weight, j));
                v = TOperations.MultiplyAdd(w, pv, v);
                if (!TSink.NeedsDerivatives) continue;
                TVector lorentzianQ = TOperations.Multiply(lorentzian, q);
                TVector pvPosition = TOperations.Multiply(TOperations.Multiply(t, invH),
                                                          TOperations.MultiplyAdd(eightLn2, gaussian, TOperations.Multiply(eight, lorentzianQ)));
                TVector pvWidth = TOperations.Multiply(invH, TOperations.MultiplyAdd(gaussian, TOperations.MultiplyAdd(eightLn2, t2, minusOne),
                                                                                     TOperations.Multiply(lorentzianQ, TOperations.MultiplyAdd(four, t2, minusOne))));
                TVector pvMixing = TOperations.Subtract(lorentzianUnmixed, gaussianUnmixed);
                dh = TOperations.MultiplyAdd(w, pvWidth, dh);
                de = TOperations.MultiplyAdd(w, pvMixing, de);
                dp = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref weightPerPosition, j)), pv,
                                             TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref shiftPerPosition, j)), pvPosition, dp));
                ds = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref weightPerS, j)), pv,
                                             TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref shiftPerS, j)), pvPosition, ds));
                dd = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref weightPerH, j)), pv,
                                             TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref shiftPerH, j)), pvPosition, dd));
            }
            TVector value = TOperations.Multiply(v, inverseSum);
            if (TSink.NeedsDerivatives)
            {
                sink.Accept<TOperations, TVector>(i, value, TOperations.Multiply(dp, inverseSum), TOperations.Multiply(dh, inverseSum),
                                                  TOperations.Multiply(de, inverseSum), TOperations.Multiply(ds, inverseSum), TOperations.Multiply(dd, inverseSum));
            }
            else
            {
                sink.Accept<TOperations, TVector>(i, value, default, default, default, default, default);
            }
        }
        return i;
    }

    /// <summary>
    /// One reflection's nodes as the loop reads them: offset 2φⱼ − 2θ (with 2θ), weight wⱼ, and per 2θ, S/L, H/L the weight's
    /// centred derivative ∂wⱼ − wⱼ∂Σw/Σw and the node's shift times its weight (wⱼ·∂2φⱼ/∂·), with the weight sum.
    /// </summary>
    private readonly ref struct NodeTable
    {
        public ReadOnlySpan<double> Offset { get; init; }
        public double Position { get; init; }
        public ReadOnlySpan<double> Weight { get; init; }
        public ReadOnlySpan<double> WeightPerPosition { get; init; }
        public ReadOnlySpan<double> ShiftPerPosition { get; init; }
        public ReadOnlySpan<double> WeightPerS { get; init; }
        public ReadOnlySpan<double> ShiftPerS { get; init; }
        public ReadOnlySpan<double> WeightPerH { get; init; }
        public ReadOnlySpan<double> ShiftPerH { get; init; }
        public int Count { get; init; }
        public double WeightSum { get; init; }

        // Both ratios zero: one node at 2θ with weight 1, nothing moves with S/L or H/L (the one-sided limit).
        public static NodeTable Build(Span<double> buffer, int capacity, double position, double s, double h, int flat, int ramp, bool derivatives)
        {
            if (s == 0 && h == 0)
            {
                var single = buffer[..8];
                single.Clear();
                single[0] = 0;           // 2φ − 2θ
                single[1] = 1;
                single[3] = 1;   // ∂2φ/∂2θ = 1, times w = 1
                return new NodeTable
                {
                    Offset = single[..1], Position = position, Weight = single.Slice(1, 1), WeightPerPosition = single.Slice(2, 1), ShiftPerPosition = single.Slice(3, 1),
                    WeightPerS = single.Slice(4, 1), ShiftPerS = single.Slice(5, 1), WeightPerH = single.Slice(6, 1), ShiftPerH = single.Slice(7, 1),
                    Count = 1, WeightSum = 1,
                };
            }
            var nodes = new FcjPeakShape.Nodes(buffer[..(8 * capacity)], capacity, withDerivatives: derivatives);
            nodes.Build(position, s, h, flat, ramp);
            int n = nodes.Count;
            if (derivatives)
            {
                // The angle derivatives become shifts times weights, and the weight derivatives are centred on the
                // normalisation's, ∂wⱼ − wⱼ·∂Σw/Σw, in place: ∂P = Σ(∂wⱼ pVⱼ + wⱼ pV′ⱼ ∂2φⱼ)/Σw − P·∂Σw/Σw then needs no
                // difference of two large sums at each point.
                double inverseSum = 1 / nodes.WeightSum;
                for (int j = 0; j < n; j++)
                {
                    double w = nodes.Weight[j];
                    nodes.AnglePerPosition[j] *= w;
                    nodes.AnglePerS[j] *= w;
                    nodes.AnglePerH[j] *= w;
                    nodes.WeightPerPosition[j] -= w * nodes.WeightSumPerPosition * inverseSum;
                    nodes.WeightPerS[j] -= w * nodes.WeightSumPerS * inverseSum;
                    nodes.WeightPerH[j] -= w * nodes.WeightSumPerH * inverseSum;
                }
            }
            return new NodeTable
            {
                Offset = nodes.Offset[..n], Position = position, Weight = nodes.Weight[..n],
                WeightPerPosition = derivatives ? nodes.WeightPerPosition[..n] : default,
                ShiftPerPosition = derivatives ? nodes.AnglePerPosition[..n] : default,
                WeightPerS = derivatives ? nodes.WeightPerS[..n] : default,
                ShiftPerS = derivatives ? nodes.AnglePerS[..n] : default,
                WeightPerH = derivatives ? nodes.WeightPerH[..n] : default,
                ShiftPerH = derivatives ? nodes.AnglePerH[..n] : default,
                Count = n, WeightSum = nodes.WeightSum,
            };
        }
    }
}

/// <summary>Where the FCJ kernel puts a vector of points' profile and its five derivatives.</summary>
internal interface IFcjSink
{
    /// <summary>Whether the loop computes derivatives (a constant for the JIT).</summary>
    static abstract bool NeedsDerivatives { get; }

    /// <summary>Reflection <paramref name="reflection"/> starts.</summary>
    void BeginReflection(int reflection);

    /// <summary>The unit-area profile and its derivatives at points index … index + width − 1.</summary>
    void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing, TVector dSOverL, TVector dHOverL)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct;
}

/// <summary>y += I_k·P_k.</summary>
internal ref struct FcjProfileSink(ReadOnlySpan<double> intensity, Span<double> y) : IFcjSink
{
    private readonly ReadOnlySpan<double> _intensity = intensity;
    private readonly ref double _y = ref MemoryMarshal.GetReference(y);
    private double _current;

    public static bool NeedsDerivatives => false;

    public void BeginReflection(int reflection) => _current = _intensity[reflection];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing, TVector dSOverL, TVector dHOverL)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct =>
        TOperations.Store(TOperations.MultiplyAdd(TOperations.Broadcast(_current), value, TOperations.Load(ref _y, index)), ref _y, index);
}

/// <summary>y += I_k·P_k, the chain-rule columns, and the S/L and H/L columns.</summary>
internal ref struct FcjJacobianSink : IFcjSink
{
    private readonly ReadOnlySpan<double> _intensity;
    private readonly PeakParameterDerivatives _chainRule;
    private readonly ref double _y;
    private readonly ref double _jacobian;
    private readonly nint _stride;
    private readonly int _sOverLColumn, _hOverLColumn;
    private double _current;
    private int _firstEntry, _endEntry;

    public FcjJacobianSink(ReadOnlySpan<double> intensity, PeakParameterDerivatives chainRule, int stride, int sOverLColumn, int hOverLColumn,
                           Span<double> y, Span<double> jacobian)
    {
        _intensity = intensity;
        _chainRule = chainRule;
        _stride = stride;
        _sOverLColumn = sOverLColumn;
        _hOverLColumn = hOverLColumn;
        _y = ref MemoryMarshal.GetReference(y);
        _jacobian = ref MemoryMarshal.GetReference(jacobian);
    }

    public static bool NeedsDerivatives => true;

    public void BeginReflection(int reflection)
    {
        _current = _intensity[reflection];
        _firstEntry = _chainRule.EntryStart[reflection];
        _endEntry = _chainRule.EntryStart[reflection + 1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing, TVector dSOverL, TVector dHOverL)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
    {
        TVector intensity = TOperations.Broadcast(_current);
        TOperations.Store(TOperations.MultiplyAdd(intensity, value, TOperations.Load(ref _y, index)), ref _y, index);
        ref int column = ref MemoryMarshal.GetReference(_chainRule.Column);
        ref double perIntensity = ref MemoryMarshal.GetReference(_chainRule.IntensityDerivative);
        ref double perPosition = ref MemoryMarshal.GetReference(_chainRule.PositionDerivative);
        ref double perWidth = ref MemoryMarshal.GetReference(_chainRule.WidthDerivative);
        ref double perMixing = ref MemoryMarshal.GetReference(_chainRule.MixingDerivative);
        for (int e = _firstEntry; e < _endEntry; e++)
        {
            ref double destination = ref Unsafe.Add(ref _jacobian, Unsafe.Add(ref column, e) * _stride);
            TVector shape = TOperations.Multiply(TOperations.Broadcast(Unsafe.Add(ref perPosition, e)), dPosition);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perWidth, e)), dWidth, shape);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perMixing, e)), dMixing, shape);
            TVector sum = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perIntensity, e)), value, TOperations.Load(ref destination, index));
            TOperations.Store(TOperations.MultiplyAdd(intensity, shape, sum), ref destination, index);
        }
        if (_sOverLColumn >= 0)
        {
            ref double destination = ref Unsafe.Add(ref _jacobian, _sOverLColumn * _stride);
            TOperations.Store(TOperations.MultiplyAdd(intensity, dSOverL, TOperations.Load(ref destination, index)), ref destination, index);
        }
        if (_hOverLColumn >= 0)
        {
            ref double destination = ref Unsafe.Add(ref _jacobian, _hOverLColumn * _stride);
            TOperations.Store(TOperations.MultiplyAdd(intensity, dHOverL, TOperations.Load(ref destination, index)), ref destination, index);
        }
    }
}
