namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The options of <see cref="TofProfileKernel"/>, fixed for a whole kernel call: the window (as
/// <see cref="PeakWindow.ForTof"/>), the Lorentzian convention and the vector width.
/// </summary>
/// <param name="WindowHalfWidth">k: reflection k is evaluated at the points with P − k·H − n/α ≤ t ≤ P + k·H + n/β, H the Thompson–Cox–Hastings FWHM. Positive and finite.</param>
/// <param name="DecayLengths">n, the exponential lengths 1/α before and 1/β after the peak added to the window. Zero or positive, finite.</param>
/// <param name="Convention">How the Lorentzian part is formed (<see cref="TofLorentzianConvention"/>).</param>
/// <param name="VectorWidth">The vector width; <see cref="KernelVectorWidth.Automatic"/> unless testing or measuring.</param>
public readonly record struct TofProfileKernelOptions(double WindowHalfWidth, double DecayLengths, TofLorentzianConvention Convention, KernelVectorWidth VectorWidth)
{
    /// <summary>The default window half-width, ±20 FWHM (as <see cref="PatternSimulatorOptions.WindowHalfWidth"/>).</summary>
    public const double DefaultWindowHalfWidth = 20;

    /// <summary>The default number of exponential lengths added, 10 (as <see cref="PatternSimulatorOptions.TimeOfFlightDecayLengths"/>).</summary>
    public const double DefaultDecayLengths = 10;

    /// <summary>±20 FWHM plus 10 exponential lengths, the convolution's Lorentzian, automatic width: what the refinement uses by default.</summary>
    public static TofProfileKernelOptions Default => new(DefaultWindowHalfWidth, DefaultDecayLengths, TofLorentzianConvention.Convolution, KernelVectorWidth.Automatic);

    /// <summary>The width a kernel call with these options runs at (Automatic resolved).</summary>
    public KernelVectorWidth EffectiveVectorWidth => new ProfileKernelOptions(1, 1, VectorWidth).EffectiveVectorWidth;

    /// <summary>Throws unless the window is valid and the convention and width are known and supported.</summary>
    internal void Validate(string parameterName)
    {
        if (!(WindowHalfWidth > 0) || !double.IsFinite(WindowHalfWidth))
        {
            throw new ArgumentException($"WindowHalfWidth is {WindowHalfWidth}; it must be positive and finite (default {DefaultWindowHalfWidth} FWHM).", parameterName);
        }
        if (!(DecayLengths >= 0) || !double.IsFinite(DecayLengths))
        {
            throw new ArgumentException($"DecayLengths is {DecayLengths}; it must be zero or positive and finite (default {DefaultDecayLengths}).", parameterName);
        }
        if (!Enum.IsDefined(Convention))
        {
            throw new ArgumentException($"Convention {(int)Convention} is not a {nameof(TofLorentzianConvention)}.", parameterName);
        }
        if (!Enum.IsDefined(VectorWidth))
        {
            throw new ArgumentException($"VectorWidth {(int)VectorWidth} is not a {nameof(KernelVectorWidth)}.", parameterName);
        }
        if (!ProfileKernelOptions.IsSupported(VectorWidth))
        {
            throw new PlatformNotSupportedException($"{VectorWidth} is not hardware-accelerated on this machine; use {nameof(KernelVectorWidth.Automatic)}.");
        }
    }
}
