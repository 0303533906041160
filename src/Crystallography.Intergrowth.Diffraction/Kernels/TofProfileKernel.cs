namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The time-of-flight profile kernel: adds Σ_k I_k·Ω(t − P_k; α_k, β_k, σ²_k, γ_k) into a calculated
/// pattern and, in the same pass, the Jacobian columns a refinement needs. Ω is the GSAS back-to-back
/// exponentials convolved with a pseudo-Voigt, exactly as <see cref="TofPeakShape"/> defines it (its
/// slow per-peak reference), with H and η the Thompson–Cox–Hastings FWHM and mixing of σ² and γ.
/// </summary>
/// <remarks>
/// <para>
/// Conventions (docs/diffraction-kernel.md, "TOF kernel"): static methods; spans in, destinations
/// last; every argument checked once at entry, before anything is written, so a bad value throws
/// and leaves the destinations untouched; nothing allocated; destinations are added into, never
/// cleared. Reflection k is evaluated at the points of its <see cref="PeakWindow.ForTof"/> window
/// (<see cref="TofProfileKernelOptions.WindowHalfWidth"/> FWHM plus
/// <see cref="TofProfileKernelOptions.DecayLengths"/> exponential lengths), the same points as the
/// refinement's scalar path.
/// </para>
/// <para>
/// One fused pass per reflection over its window computes, per point, Ω and ∂Ω/∂(P, α, β, σ², γ)
/// with vectorised special functions (<see cref="KernelErrorFunction"/>, <see cref="KernelExponentialIntegral"/>)
/// and pushes them straight into y and the Jacobian columns through the chain rule: no scratch per peak.
/// Vector width: Vector512 when accelerated, else Vector256, else scalar, chosen once per call (or
/// forced through <see cref="TofProfileKernelOptions.VectorWidth"/>). Every width performs the same
/// IEEE operations on every point, so the results are bitwise identical at every width.
/// </para>
/// </remarks>
public static partial class TofProfileKernel
{
    /// <summary>y_i += Σ_k I_k·Ω_k(t_i).</summary>
    /// <param name="x">Times of flight, µs, finite and non-decreasing.</param>
    /// <param name="peaks">Positions, α, β, σ², γ and integrated intensities.</param>
    /// <param name="options">Window, Lorentzian convention and vector width (<see cref="TofProfileKernelOptions.Default"/>).</param>
    /// <param name="y">The calculated pattern, added into; length x.Length.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfile(ReadOnlySpan<double> x, TofPeaks peaks, TofProfileKernelOptions options, Span<double> y)
    {
        ExplicitAbscissae.Validate(x, "time of flight", "times of flight", nameof(x));
        peaks.Validate(false, nameof(peaks));
        options.Validate(nameof(options));
        CheckLength(y, x.Length, nameof(y));
        var sink = new TofProfileSink(peaks.Intensity, y);
        Dispatch(x, peaks, options, ref sink);
    }

    /// <summary>
    /// The refinement's pass: y_i += Σ_k I_k·Ω_k(t_i) and every Jacobian column at once,
    /// J[c·stride + i] += Σ_k [∂I_k/∂θ_c·Ω_k + I_k(∂P_k/∂θ_c ∂Ω_k/∂P + ∂α_k/∂θ_c ∂Ω_k/∂α + ∂β_k/∂θ_c ∂Ω_k/∂β
    /// + ∂σ²_k/∂θ_c ∂Ω_k/∂σ² + ∂γ_k/∂θ_c ∂Ω_k/∂γ)], the chain rule given as <paramref name="chainRule"/>.
    /// The peak and its five derivatives are computed once per point and reused for every column the
    /// reflection reaches.
    /// </summary>
    /// <param name="x">Times of flight, µs, finite and non-decreasing.</param>
    /// <param name="peaks">The peak table (σ² &gt; 0 for every reflection).</param>
    /// <param name="chainRule">Per reflection, the columns it reaches and the derivatives of its I, P, α, β, σ², γ.</param>
    /// <param name="options">Window, Lorentzian convention and vector width.</param>
    /// <param name="jacobianColumnStride">Distance between the starts of consecutive columns of <paramref name="jacobian"/>, at least the pattern length (and at least 1).</param>
    /// <param name="y">The calculated pattern, added into.</param>
    /// <param name="jacobian">Column-major Jacobian, added into: column c is jacobian[c·stride … c·stride + N − 1]; it holds (Length − N)/stride + 1 columns. Pass a slice to place this pattern's rows inside a joint fit's Jacobian.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, a column outside the Jacobian, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfileAndJacobian(ReadOnlySpan<double> x, TofPeaks peaks, TofPeakParameterDerivatives chainRule,
        TofProfileKernelOptions options, int jacobianColumnStride, Span<double> y, Span<double> jacobian)
    {
        ExplicitAbscissae.Validate(x, "time of flight", "times of flight", nameof(x));
        peaks.Validate(true, nameof(peaks));
        options.Validate(nameof(options));
        CheckLength(y, x.Length, nameof(y));
        if (jacobianColumnStride < Math.Max(1, x.Length))
        {
            throw new ArgumentException(
                $"The column stride is {jacobianColumnStride}; it must be at least the pattern length {x.Length} and at least 1.", nameof(jacobianColumnStride));
        }
        int columns = jacobian.Length < x.Length ? 0 : (jacobian.Length - x.Length) / jacobianColumnStride + 1;
        chainRule.Validate(peaks.Count, columns, nameof(chainRule));
        var sink = new TofJacobianSink(peaks.Intensity, chainRule, jacobianColumnStride, y, jacobian);
        Dispatch(x, peaks, options, ref sink);
    }

    /// <summary>The grid points reflection k is evaluated at: its <see cref="PeakWindow.ForTof"/> window with H from σ² and γ.</summary>
    /// <param name="x">Times of flight, finite and non-decreasing.</param>
    /// <param name="position">P, µs.</param>
    /// <param name="alpha">α, positive.</param>
    /// <param name="beta">β, positive.</param>
    /// <param name="sigmaSquared">σ², zero or positive.</param>
    /// <param name="gamma">γ, zero or positive, not both zero with σ².</param>
    /// <param name="options">The window.</param>
    /// <returns>The points the kernel evaluates the reflection at.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input.</exception>
    public static GridWindow Window(ReadOnlySpan<double> x, double position, double alpha, double beta, double sigmaSquared, double gamma,
        TofProfileKernelOptions options)
    {
        ExplicitAbscissae.Validate(x, "time of flight", "times of flight", nameof(x));
        options.Validate(nameof(options));
        ReadOnlySpan<double> p = [position], a = [alpha], b = [beta], s = [sigmaSquared], g = [gamma], i = [1.0];
        new TofPeaks(p, a, b, s, g, i).Validate(false, "peak");
        double fwhm = TofPeakShape.Widths(sigmaSquared, gamma).Fwhm;
        return WindowOf(new ExplicitAbscissae(x), position, alpha, beta, fwhm, options);
    }

    /// <summary>The number of peak-point evaluations a kernel call makes: Σ_k of the window lengths (the denominator of ns/evaluation).</summary>
    /// <param name="x">Times of flight, finite and non-decreasing.</param>
    /// <param name="peaks">The peak table.</param>
    /// <param name="options">The window.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input.</exception>
    public static long CountEvaluations(ReadOnlySpan<double> x, TofPeaks peaks, TofProfileKernelOptions options)
    {
        ExplicitAbscissae.Validate(x, "time of flight", "times of flight", nameof(x));
        peaks.Validate(false, nameof(peaks));
        options.Validate(nameof(options));
        var abscissae = new ExplicitAbscissae(x);
        long count = 0;
        for (int k = 0; k < peaks.Count; k++)
        {
            double fwhm = TofPeakShape.Widths(peaks.SigmaSquared[k], peaks.Gamma[k]).Fwhm;
            count += WindowOf(abscissae, peaks.Position[k], peaks.Alpha[k], peaks.Beta[k], fwhm, options).Length;
        }
        return count;
    }

    /// <summary>As <see cref="PeakWindow.ForTof"/> and <see cref="PeakWindow.IndexRange"/>, with the same arithmetic (so the same points).</summary>
    private static GridWindow WindowOf(ExplicitAbscissae x, double position, double alpha, double beta, double fwhm, TofProfileKernelOptions options)
    {
        double half = options.WindowHalfWidth * fwhm;
        double lower = position - half - options.DecayLengths / alpha;
        double upper = position + half + options.DecayLengths / beta;
        return x.Window(lower, upper);
    }

    private static void CheckLength(Span<double> destination, int length, string name)
    {
        if (destination.Length != length)
        {
            throw new ArgumentException($"{name} holds {destination.Length} values; the pattern has {length} points.", name);
        }
    }
}
