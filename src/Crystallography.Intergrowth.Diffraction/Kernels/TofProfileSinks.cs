using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// Where <see cref="TofProfileKernel"/> puts what it computes for one reflection at a run of points:
/// a generic struct parameter, so the JIT compiles one loop per sink and drops the derivative
/// arithmetic for sinks that do not want it (as <see cref="IPeakSink"/> for the pseudo-Voigt kernel).
/// </summary>
internal interface ITofPeakSink
{
    /// <summary>Whether the kernel must compute the five derivatives (a constant for the JIT).</summary>
    static abstract bool NeedsDerivatives { get; }

    /// <summary>Called before reflection <paramref name="reflection"/>.</summary>
    void BeginReflection(int reflection);

    /// <summary>The unit-area peak Ω and, if wanted, ∂Ω/∂(P, α, β, σ², γ) at the points from <paramref name="index"/> on.</summary>
    void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dAlpha, TVector dBeta, TVector dSigmaSquared, TVector dGamma)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct;
}

/// <summary>y += I_k·Ω_k.</summary>
internal ref struct TofProfileSink(ReadOnlySpan<double> intensity, Span<double> y) : ITofPeakSink
{
    private readonly ReadOnlySpan<double> _intensity = intensity;
    private readonly ref double _y = ref MemoryMarshal.GetReference(y);
    private double _current;

    public static bool NeedsDerivatives => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginReflection(int reflection) => _current = _intensity[reflection];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dAlpha, TVector dBeta, TVector dSigmaSquared, TVector dGamma)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct =>
        TOperations.Store(TOperations.MultiplyAdd(TOperations.Broadcast(_current), value, TOperations.Load(ref _y, index)), ref _y, index);
}

/// <summary>
/// y += I_k·Ω_k and, for every chain-rule entry (c, ∂I, ∂P, ∂α, ∂β, ∂σ², ∂γ) of reflection k, Jacobian
/// column c += ∂I·Ω_k + I_k(∂P·∂Ω/∂P + ∂α·∂Ω/∂α + ∂β·∂Ω/∂β + ∂σ²·∂Ω/∂σ² + ∂γ·∂Ω/∂γ).
/// </summary>
internal ref struct TofJacobianSink : ITofPeakSink
{
    private readonly ReadOnlySpan<double> _intensity;
    private readonly TofPeakParameterDerivatives _chainRule;
    private readonly ref double _y;
    private readonly ref double _jacobian;
    private readonly nint _columnStride;
    private double _currentIntensity;
    private int _firstEntry;
    private int _endEntry;

    public TofJacobianSink(ReadOnlySpan<double> intensity, TofPeakParameterDerivatives chainRule, int columnStride, Span<double> y, Span<double> jacobian)
    {
        _intensity = intensity;
        _chainRule = chainRule;
        _columnStride = columnStride;
        _y = ref MemoryMarshal.GetReference(y);
        _jacobian = ref MemoryMarshal.GetReference(jacobian);
    }

    public static bool NeedsDerivatives => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginReflection(int reflection)
    {
        _currentIntensity = _intensity[reflection];
        _firstEntry = _chainRule.EntryStart[reflection];
        _endEntry = _chainRule.EntryStart[reflection + 1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accept<TOperations, TVector>(int index, TVector value, TVector dPosition, TVector dAlpha, TVector dBeta, TVector dSigmaSquared, TVector dGamma)
        where TOperations : IMaskedSimdOperations<TVector>
        where TVector : struct
    {
        TVector intensity = TOperations.Broadcast(_currentIntensity);
        TOperations.Store(TOperations.MultiplyAdd(intensity, value, TOperations.Load(ref _y, index)), ref _y, index);
        ref int column = ref MemoryMarshal.GetReference(_chainRule.Column);
        ref double perIntensity = ref MemoryMarshal.GetReference(_chainRule.IntensityDerivative);
        ref double perPosition = ref MemoryMarshal.GetReference(_chainRule.PositionDerivative);
        ref double perAlpha = ref MemoryMarshal.GetReference(_chainRule.AlphaDerivative);
        ref double perBeta = ref MemoryMarshal.GetReference(_chainRule.BetaDerivative);
        ref double perSigmaSquared = ref MemoryMarshal.GetReference(_chainRule.SigmaSquaredDerivative);
        ref double perGamma = ref MemoryMarshal.GetReference(_chainRule.GammaDerivative);
        for (int e = _firstEntry; e < _endEntry; e++)
        {
            ref double destination = ref Unsafe.Add(ref _jacobian, Unsafe.Add(ref column, e) * _columnStride);
            TVector shape = TOperations.Multiply(TOperations.Broadcast(Unsafe.Add(ref perPosition, e)), dPosition);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perAlpha, e)), dAlpha, shape);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perBeta, e)), dBeta, shape);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perSigmaSquared, e)), dSigmaSquared, shape);
            shape = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perGamma, e)), dGamma, shape);
            TVector sum = TOperations.MultiplyAdd(TOperations.Broadcast(Unsafe.Add(ref perIntensity, e)), value, TOperations.Load(ref destination, index));
            TOperations.Store(TOperations.MultiplyAdd(intensity, shape, sum), ref destination, index);
        }
    }
}
