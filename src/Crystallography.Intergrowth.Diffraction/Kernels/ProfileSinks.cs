using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// Where a kernel puts what it computes for one reflection at a run of grid points. A generic
/// struct parameter of the kernel: the JIT compiles one loop per sink, with the sink inlined, and
/// drops the derivative arithmetic for sinks that do not want it.
/// </summary>
internal interface IPeakSink
{
    /// <summary>Whether the kernel must compute ∂/∂P, ∂/∂H and ∂/∂η (a constant for the JIT).</summary>
    static abstract bool NeedsDerivatives { get; }

    /// <summary>Called before reflection <paramref name="reflection"/>; returns the factor the kernel folds into the peak (I_k, or 1).</summary>
    double BeginReflection(int reflection);

    /// <summary>The peak (times the factor) and, if wanted, its derivatives, at the points from <paramref name="index"/> on.</summary>
    void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct;
}

/// <summary>y += I_k·pV_k.</summary>
internal ref struct ProfileSink(ReadOnlySpan<double> intensity, Span<double> y) : IPeakSink
{
    private readonly ReadOnlySpan<double> _intensity = intensity;
    private readonly ref double _y = ref MemoryMarshal.GetReference(y);

    public static bool NeedsDerivatives => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double BeginReflection(int reflection) => _intensity[reflection];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct =>
        TOperations.Store(TOperations.Add(TOperations.Load(ref _y, index), value), ref _y, index);
}

/// <summary>y += I_k·pV_k and the three sums Σ_k I_k ∂pV_k/∂(P, H, η).</summary>
internal ref struct SummedDerivativesSink(ReadOnlySpan<double> intensity, Span<double> y, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing) : IPeakSink
{
    private readonly ReadOnlySpan<double> _intensity = intensity;
    private readonly ref double _y = ref MemoryMarshal.GetReference(y);
    private readonly ref double _dPosition = ref MemoryMarshal.GetReference(dPosition);
    private readonly ref double _dWidth = ref MemoryMarshal.GetReference(dWidth);
    private readonly ref double _dMixing = ref MemoryMarshal.GetReference(dMixing);

    public static bool NeedsDerivatives => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double BeginReflection(int reflection) => _intensity[reflection];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
    {
        TOperations.Store(TOperations.Add(TOperations.Load(ref _y, index), value), ref _y, index);
        TOperations.Store(TOperations.Add(TOperations.Load(ref _dPosition, index), dPosition), ref _dPosition, index);
        TOperations.Store(TOperations.Add(TOperations.Load(ref _dWidth, index), dWidth), ref _dWidth, index);
        TOperations.Store(TOperations.Add(TOperations.Load(ref _dMixing, index), dMixing), ref _dMixing, index);
    }
}

/// <summary>
/// y += I_k·pV_k and, for every chain-rule entry (c, ∂I, ∂P, ∂H, ∂η) of reflection k, Jacobian column
/// c += ∂I·pV_k + I_k (∂P·∂pV_k/∂P + ∂H·∂pV_k/∂H + ∂η·∂pV_k/∂η). The peak is computed once per point
/// and used for all the reflection's columns.
/// </summary>
internal ref struct JacobianSink : IPeakSink
{
    private readonly ReadOnlySpan<double> _intensity;
    private readonly PeakParameterDerivatives _chainRule;
    private readonly ref double _y;
    private readonly ref double _jacobian;
    private readonly nint _columnStride;
    private double _currentIntensity;
    private int _firstEntry;
    private int _endEntry;

    public JacobianSink(ReadOnlySpan<double> intensity, PeakParameterDerivatives chainRule, int columnStride, Span<double> y, Span<double> jacobian)
    {
        _intensity = intensity;
        _chainRule = chainRule;
        _columnStride = columnStride;
        _y = ref MemoryMarshal.GetReference(y);
        _jacobian = ref MemoryMarshal.GetReference(jacobian);
    }

    public static bool NeedsDerivatives => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double BeginReflection(int reflection)
    {
        _currentIntensity = _intensity[reflection];
        _firstEntry = _chainRule.EntryStart[reflection];
        _endEntry = _chainRule.EntryStart[reflection + 1];
        return 1;   // the unscaled peak: the ∂I entries need pV itself
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
    {
        TVector intensity = TOperations.Broadcast(_currentIntensity);
        TOperations.Store(TOperations.MultiplyAdd(intensity, value, TOperations.Load(ref _y, index)), ref _y, index);
        ref int column = ref MemoryMarshal.GetReference(_chainRule.Column);
        ref double perIntensity = ref MemoryMarshal.GetReference(_chainRule.IntensityDerivative);
        ref double perPosition = ref MemoryMarshal.GetReference(_chainRule.PositionDerivative);
        ref double perWidth = ref MemoryMarshal.GetReference(_chainRule.WidthDerivative);
        ref double perMixing = ref MemoryMarshal.GetReference(_chainRule.MixingDerivative);
        for (int e = _firstEntry; e < _endEntry; e++)
        {
            ref double destination = ref Unsafe.Add(ref _jacobian, Unsafe.Add(ref column, e) * _columnStride);
            TVector shape = TOperations.Multiply(TOperations.Broadcast(Unsafe.Add(ref perPosition, e)), dPosition);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perWidth, e)), dWidth, shape);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perMixing, e)), dMixing, shape);
            TVector sum = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perIntensity, e)), value, TOperations.Load(ref destination, index));
            TOperations.Store(TOperations.MultiplyAdd(intensity, shape, sum), ref destination, index);
        }
    }
}

/// <summary>The unscaled peak and its derivatives written (not added) into scratch, index − window start.</summary>
internal ref struct ScratchSink(int windowStart, Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing) : IPeakSink
{
    private readonly int _windowStart = windowStart;
    private readonly ref double _value = ref MemoryMarshal.GetReference(value);
    private readonly ref double _dPosition = ref MemoryMarshal.GetReference(dPosition);
    private readonly ref double _dWidth = ref MemoryMarshal.GetReference(dWidth);
    private readonly ref double _dMixing = ref MemoryMarshal.GetReference(dMixing);

    public static bool NeedsDerivatives => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double BeginReflection(int reflection) => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dWidth, TVector dMixing)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
    {
        int offset = index - _windowStart;
        TOperations.Store(value, ref _value, offset);
        TOperations.Store(dPosition, ref _dPosition, offset);
        TOperations.Store(dWidth, ref _dWidth, offset);
        TOperations.Store(dMixing, ref _dMixing, offset);
    }
}
