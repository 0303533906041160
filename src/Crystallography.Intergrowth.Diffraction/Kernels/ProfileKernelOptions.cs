using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>Which vector width a profile kernel runs at.</summary>
public enum KernelVectorWidth
{
    /// <summary>The widest the hardware accelerates: 512-bit, else 256-bit, else scalar.</summary>
    Automatic = 0,

    /// <summary>One point at a time (the scalar twin; also what runs when SIMD is switched off).</summary>
    Scalar = 1,

    /// <summary>Four doubles per vector (AVX2 on x64).</summary>
    Vector256 = 2,

    /// <summary>Eight doubles per vector (AVX-512).</summary>
    Vector512 = 3,
}

/// <summary>
/// How far from its centre a peak is evaluated, and at which vector width: the options of the
/// profile kernels, fixed for a whole kernel call.
/// </summary>
/// <param name="WindowHalfWidth">
/// Half-width of the window in FWHM: reflection k is evaluated at the grid points x with
/// P_k − WindowHalfWidth·H_k ≤ x ≤ P_k + WindowHalfWidth·H_k. Positive and finite.
/// </param>
/// <param name="GaussianHalfWidth">
/// Half-width in FWHM within which the Gaussian part is evaluated; beyond it (and up to the window)
/// only the Lorentzian part is. Positive and finite; values above <paramref name="WindowHalfWidth"/>
/// mean the whole window. At 5 the Gaussian left out is below 2⁻¹⁰⁰ ≈ 7.9e-31 of its own peak height
/// (exp(−4 ln 2·25) = 2⁻¹⁰⁰ exactly): see docs/diffraction-kernel.md.
/// </param>
/// <param name="VectorWidth">The vector width; <see cref="KernelVectorWidth.Automatic"/> unless testing or measuring.</param>
public readonly record struct ProfileKernelOptions(double WindowHalfWidth, double GaussianHalfWidth, KernelVectorWidth VectorWidth)
{
    /// <summary>The default window, ±10 FWHM (../shared/PERFORMANCE.md's reference problem).</summary>
    public const double DefaultWindowHalfWidth = 10;

    /// <summary>The default Gaussian cut, ±5 FWHM: what it leaves out is below 2⁻¹⁰⁰ of the Gaussian's height.</summary>
    public const double DefaultGaussianHalfWidth = 5;

    /// <summary>±10 FWHM window, Gaussian within ±5 FWHM, automatic vector width.</summary>
    public static ProfileKernelOptions Default => new(DefaultWindowHalfWidth, DefaultGaussianHalfWidth, KernelVectorWidth.Automatic);

    /// <summary>The Gaussian evaluated over the whole window (no Gaussian cut).</summary>
    /// <param name="windowHalfWidth">Half-width of the window in FWHM.</param>
    /// <param name="vectorWidth">The vector width.</param>
    /// <returns>The options.</returns>
    public static ProfileKernelOptions FullWindow(double windowHalfWidth = DefaultWindowHalfWidth, KernelVectorWidth vectorWidth = KernelVectorWidth.Automatic) =>
        new(windowHalfWidth, windowHalfWidth, vectorWidth);

    /// <summary>Whether <paramref name="width"/> can run on this machine (Automatic and Scalar always can).</summary>
    /// <param name="width">The width asked for.</param>
    /// <returns>True if a kernel call with that width will not throw <see cref="PlatformNotSupportedException"/>.</returns>
    public static bool IsSupported(KernelVectorWidth width) => width switch
    {
        KernelVectorWidth.Automatic or KernelVectorWidth.Scalar => true,
        KernelVectorWidth.Vector256 => Vector256.IsHardwareAccelerated,
        KernelVectorWidth.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The width a kernel call with these options runs at (Automatic resolved).</summary>
    public KernelVectorWidth EffectiveVectorWidth => VectorWidth != KernelVectorWidth.Automatic
        ? VectorWidth
        : Vector512.IsHardwareAccelerated ? KernelVectorWidth.Vector512
        : Vector256.IsHardwareAccelerated ? KernelVectorWidth.Vector256
        : KernelVectorWidth.Scalar;

    /// <summary>Throws unless the half-widths are positive and finite and the width is known and supported.</summary>
    internal void Validate(string parameterName)
    {
        if (!(WindowHalfWidth > 0) || !double.IsFinite(WindowHalfWidth))
        {
            throw new ArgumentException($"WindowHalfWidth is {WindowHalfWidth}; it must be positive and finite (default {DefaultWindowHalfWidth} FWHM).", parameterName);
        }
        if (!(GaussianHalfWidth > 0) || !double.IsFinite(GaussianHalfWidth))
        {
            throw new ArgumentException($"GaussianHalfWidth is {GaussianHalfWidth}; it must be positive and finite (default {DefaultGaussianHalfWidth} FWHM).", parameterName);
        }
        if (!Enum.IsDefined(VectorWidth))
        {
            throw new ArgumentException($"VectorWidth {(int)VectorWidth} is not a {nameof(KernelVectorWidth)}.", parameterName);
        }
        if (!IsSupported(VectorWidth))
        {
            throw new PlatformNotSupportedException($"{VectorWidth} is not hardware-accelerated on this machine; use {nameof(KernelVectorWidth.Automatic)}.");
        }
    }
}
