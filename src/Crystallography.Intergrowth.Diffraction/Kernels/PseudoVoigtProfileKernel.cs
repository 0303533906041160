namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The pseudo-Voigt profile kernel: adds Σ_k I_k·pV(x − P_k; H_k, η_k) into a calculated pattern
/// and, in the same pass, the derivatives a refinement needs. pV = η·L + (1 − η)·G with G and L the
/// unit-area Gaussian and Lorentzian of FWHM H: G = (2/H)√(ln 2/π)·exp(−4 ln 2·Δ²/H²),
/// L = (2/(πH))/(1 + 4Δ²/H²), Δ = x − P.
/// </summary>
/// <remarks>
/// <para>
/// Conventions (docs/diffraction-kernel.md, ../shared/PERFORMANCE.md): static methods; spans in,
/// destinations last; every argument checked once at entry, before anything is written, so a bad
/// value throws and leaves the destinations untouched; nothing allocated; destinations are added
/// into, never cleared. Reflection k is evaluated at the grid points with
/// |x − P_k| ≤ <see cref="ProfileKernelOptions.WindowHalfWidth"/>·H_k, its Gaussian part only within
/// <see cref="ProfileKernelOptions.GaussianHalfWidth"/>·H_k (widened to whole blocks of 8 points).
/// </para>
/// <para>
/// Vector width: Vector512 when accelerated, else Vector256, else scalar, chosen once per call
/// (or forced through <see cref="ProfileKernelOptions.VectorWidth"/>). Every width performs the
/// same IEEE operations on every point, so the results are bitwise identical at every width.
/// Reflections are taken in their order; the destinations' sums are in that order.
/// </para>
/// <para>
/// The grid is either a <see cref="UniformGrid"/> (constant-wavelength 2θ) or an ascending span of
/// abscissae (time of flight, or any grid). For the same points both give bitwise the same result.
/// </para>
/// </remarks>
public static partial class PseudoVoigtProfileKernel
{
    /// <summary>y_i += Σ_k I_k·pV_k(x_i) on a uniform grid.</summary>
    /// <param name="grid">The grid; its Count is the pattern length.</param>
    /// <param name="peaks">Positions, FWHM, mixings and integrated intensities.</param>
    /// <param name="options">Window, Gaussian cut and vector width (<see cref="ProfileKernelOptions.Default"/>).</param>
    /// <param name="y">The calculated pattern, added into; length grid.Count.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfile(UniformGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options, Span<double> y)
    {
        CheckCommon(grid, peaks, options);
        CheckLength(y, grid.Count, nameof(y));
        var abscissae = new UniformAbscissae(grid);
        var sink = new ProfileSink(peaks.Intensity, y);
        Dispatch(ref abscissae, peaks, options, ref sink);
    }

    /// <summary>y_i += Σ_k I_k·pV_k(x_i) on an ascending grid given point by point (e.g. time of flight).</summary>
    /// <param name="x">Abscissae, finite and non-decreasing.</param>
    /// <param name="peaks">Positions, FWHM, mixings and integrated intensities, in the unit of x.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="y">The calculated pattern, added into; length x.Length.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfile(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, ProfileKernelOptions options, Span<double> y)
    {
        CheckCommon(x, peaks, options);
        CheckLength(y, x.Length, nameof(y));
        var abscissae = new ExplicitAbscissae(x);
        var sink = new ProfileSink(peaks.Intensity, y);
        Dispatch(ref abscissae, peaks, options, ref sink);
    }

    /// <summary>
    /// The fused pass: y_i += Σ_k I_k·pV_k(x_i) and, at every point, Σ_k I_k ∂pV_k/∂P_k,
    /// Σ_k I_k ∂pV_k/∂H_k, Σ_k I_k ∂pV_k/∂η_k (uniform grid). These sums are the Jacobian columns
    /// of parameters that move every peak alike (a zero shift is dPosition itself); for parameters
    /// that weight reflections differently use <see cref="AccumulateProfileAndJacobian(UniformGrid, PseudoVoigtPeaks, PeakParameterDerivatives, ProfileKernelOptions, int, Span{double}, Span{double})"/>.
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="peaks">The peak table.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="y">The calculated pattern, added into.</param>
    /// <param name="dPosition">Σ_k I_k ∂pV_k/∂P_k, added into.</param>
    /// <param name="dWidth">Σ_k I_k ∂pV_k/∂H_k, added into.</param>
    /// <param name="dMixing">Σ_k I_k ∂pV_k/∂η_k, added into.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfileAndDerivatives(UniformGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options,
        Span<double> y, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
    {
        CheckCommon(grid, peaks, options);
        CheckLengths(grid.Count, y, dPosition, dWidth, dMixing);
        var abscissae = new UniformAbscissae(grid);
        var sink = new SummedDerivativesSink(peaks.Intensity, y, dPosition, dWidth, dMixing);
        Dispatch(ref abscissae, peaks, options, ref sink);
    }

    /// <summary>The fused pass of <see cref="AccumulateProfileAndDerivatives(UniformGrid, PseudoVoigtPeaks, ProfileKernelOptions, Span{double}, Span{double}, Span{double}, Span{double})"/> on an ascending grid given point by point.</summary>
    /// <param name="x">Abscissae, finite and non-decreasing.</param>
    /// <param name="peaks">The peak table.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="y">The calculated pattern, added into.</param>
    /// <param name="dPosition">Σ_k I_k ∂pV_k/∂P_k, added into.</param>
    /// <param name="dWidth">Σ_k I_k ∂pV_k/∂H_k, added into.</param>
    /// <param name="dMixing">Σ_k I_k ∂pV_k/∂η_k, added into.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfileAndDerivatives(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, ProfileKernelOptions options,
        Span<double> y, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
    {
        CheckCommon(x, peaks, options);
        CheckLengths(x.Length, y, dPosition, dWidth, dMixing);
        var abscissae = new ExplicitAbscissae(x);
        var sink = new SummedDerivativesSink(peaks.Intensity, y, dPosition, dWidth, dMixing);
        Dispatch(ref abscissae, peaks, options, ref sink);
    }

    /// <summary>
    /// The refinement's pass: y_i += Σ_k I_k·pV_k(x_i) and every Jacobian column at once,
    /// J[c·columnStride + i] += Σ_k [∂I_k/∂θ_c·pV_k + I_k(∂P_k/∂θ_c ∂pV_k/∂P + ∂H_k/∂θ_c ∂pV_k/∂H + ∂η_k/∂θ_c ∂pV_k/∂η)],
    /// the chain rule given as <paramref name="chainRule"/> (uniform grid). The peak and its three
    /// derivatives are computed once per point and reused for every column the reflection reaches.
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="peaks">The peak table.</param>
    /// <param name="chainRule">Per reflection, the columns it reaches and the derivatives of its I, P, H, η.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="jacobianColumnStride">Distance between the starts of consecutive columns of <paramref name="jacobian"/>, at least the pattern length (and at least 1).</param>
    /// <param name="y">The calculated pattern, added into.</param>
    /// <param name="jacobian">Column-major Jacobian, added into: column c is jacobian[c·stride … c·stride + N − 1]; it holds (Length − N)/stride + 1 columns. Pass a slice to place this pattern's rows inside a joint fit's Jacobian.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, a column outside the Jacobian, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfileAndJacobian(UniformGrid grid, PseudoVoigtPeaks peaks, PeakParameterDerivatives chainRule,
        ProfileKernelOptions options, int jacobianColumnStride, Span<double> y, Span<double> jacobian)
    {
        CheckCommon(grid, peaks, options);
        CheckJacobian(grid.Count, peaks.Count, chainRule, jacobianColumnStride, y, jacobian);
        var abscissae = new UniformAbscissae(grid);
        var sink = new JacobianSink(peaks.Intensity, chainRule, jacobianColumnStride, y, jacobian);
        Dispatch(ref abscissae, peaks, options, ref sink);
    }

    /// <summary>The refinement's pass of <see cref="AccumulateProfileAndJacobian(UniformGrid, PseudoVoigtPeaks, PeakParameterDerivatives, ProfileKernelOptions, int, Span{double}, Span{double})"/> on an ascending grid given point by point.</summary>
    /// <param name="x">Abscissae, finite and non-decreasing.</param>
    /// <param name="peaks">The peak table.</param>
    /// <param name="chainRule">Per reflection, the columns it reaches and the derivatives of its I, P, H, η.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="jacobianColumnStride">Distance between consecutive columns, at least the pattern length (and at least 1).</param>
    /// <param name="y">The calculated pattern, added into.</param>
    /// <param name="jacobian">Column-major Jacobian, added into.</param>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, a column outside the Jacobian, or a destination of the wrong length.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static void AccumulateProfileAndJacobian(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, PeakParameterDerivatives chainRule,
        ProfileKernelOptions options, int jacobianColumnStride, Span<double> y, Span<double> jacobian)
    {
        CheckCommon(x, peaks, options);
        CheckJacobian(x.Length, peaks.Count, chainRule, jacobianColumnStride, y, jacobian);
        var abscissae = new ExplicitAbscissae(x);
        var sink = new JacobianSink(peaks.Intensity, chainRule, jacobianColumnStride, y, jacobian);
        Dispatch(ref abscissae, peaks, options, ref sink);
    }

    /// <summary>The grid points one peak is evaluated at (to size scratch for <see cref="EvaluatePeak(UniformGrid, double, double, double, ProfileKernelOptions, Span{double}, Span{double}, Span{double}, Span{double})"/>).</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="position">P.</param>
    /// <param name="fwhm">H, positive.</param>
    /// <param name="options">The window.</param>
    /// <returns>The points with |x − P| ≤ WindowHalfWidth·H.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input.</exception>
    public static GridWindow Window(UniformGrid grid, double position, double fwhm, ProfileKernelOptions options)
    {
        grid.Validate(nameof(grid));
        options.Validate(nameof(options));
        CheckPeak(position, fwhm, 0);
        double half = options.WindowHalfWidth * fwhm;
        return new UniformAbscissae(grid).Window(position - half, position + half);
    }

    /// <summary>The grid points one peak is evaluated at, on an ascending grid given point by point.</summary>
    /// <param name="x">Abscissae, finite and non-decreasing.</param>
    /// <param name="position">P.</param>
    /// <param name="fwhm">H, positive.</param>
    /// <param name="options">The window.</param>
    /// <returns>The points with |x − P| ≤ WindowHalfWidth·H.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input.</exception>
    public static GridWindow Window(ReadOnlySpan<double> x, double position, double fwhm, ProfileKernelOptions options)
    {
        ExplicitAbscissae.Validate(x, "abscissa", "abscissae", nameof(x));
        options.Validate(nameof(options));
        CheckPeak(position, fwhm, 0);
        double half = options.WindowHalfWidth * fwhm;
        return new ExplicitAbscissae(x).Window(position - half, position + half);
    }

    /// <summary>
    /// One reflection's unit-area peak and its derivatives over its window, written (not added) into
    /// scratch: value[j] = pV(x_{s+j}), dPosition[j] = ∂pV/∂P, dWidth[j] = ∂pV/∂H, dMixing[j] = ∂pV/∂η,
    /// s the returned window's Start, j &lt; its Length; the rest of the scratch is left alone. For a
    /// caller that applies the chain rule itself, one reflection at a time.
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="position">P.</param>
    /// <param name="fwhm">H, positive.</param>
    /// <param name="mixing">η.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="value">Scratch for pV, at least the window's length.</param>
    /// <param name="dPosition">Scratch for ∂pV/∂P.</param>
    /// <param name="dWidth">Scratch for ∂pV/∂H.</param>
    /// <param name="dMixing">Scratch for ∂pV/∂η.</param>
    /// <returns>The window (grid indices) the scratch now describes.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or scratch shorter than the window.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static GridWindow EvaluatePeak(UniformGrid grid, double position, double fwhm, double mixing, ProfileKernelOptions options,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
    {
        grid.Validate(nameof(grid));
        options.Validate(nameof(options));
        CheckPeak(position, fwhm, mixing);
        var abscissae = new UniformAbscissae(grid);
        return EvaluatePeak(ref abscissae, position, fwhm, mixing, options, value, dPosition, dWidth, dMixing);
    }

    /// <summary>One reflection's peak and derivatives into scratch, on an ascending grid given point by point (see the uniform-grid overload).</summary>
    /// <param name="x">Abscissae, finite and non-decreasing.</param>
    /// <param name="position">P.</param>
    /// <param name="fwhm">H, positive.</param>
    /// <param name="mixing">η.</param>
    /// <param name="options">Window, Gaussian cut and vector width.</param>
    /// <param name="value">Scratch for pV, at least the window's length.</param>
    /// <param name="dPosition">Scratch for ∂pV/∂P.</param>
    /// <param name="dWidth">Scratch for ∂pV/∂H.</param>
    /// <param name="dMixing">Scratch for ∂pV/∂η.</param>
    /// <returns>The window (grid indices) the scratch now describes.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input, or scratch shorter than the window.</exception>
    /// <exception cref="PlatformNotSupportedException">A forced vector width this machine does not accelerate.</exception>
    public static GridWindow EvaluatePeak(ReadOnlySpan<double> x, double position, double fwhm, double mixing, ProfileKernelOptions options,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
    {
        ExplicitAbscissae.Validate(x, "abscissa", "abscissae", nameof(x));
        options.Validate(nameof(options));
        CheckPeak(position, fwhm, mixing);
        var abscissae = new ExplicitAbscissae(x);
        return EvaluatePeak(ref abscissae, position, fwhm, mixing, options, value, dPosition, dWidth, dMixing);
    }

    /// <summary>
    /// The number of peak-point evaluations a kernel call makes: Σ_k of the window lengths (the
    /// denominator of ns/evaluation; 740,899 for ../shared/PERFORMANCE.md's reference problem).
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="peaks">The peak table.</param>
    /// <param name="options">The window.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">A non-finite or out-of-range input.</exception>
    public static long CountEvaluations(UniformGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options)
    {
        CheckCommon(grid, peaks, options);
        var abscissae = new UniformAbscissae(grid);
        long count = 0;
        for (int k = 0; k < peaks.Count; k++)
        {
            double half = options.WindowHalfWidth * peaks.Fwhm[k];
            count += abscissae.Window(peaks.Position[k] - half, peaks.Position[k] + half).Length;
        }
        return count;
    }

    private static GridWindow EvaluatePeak<TGrid>(scoped ref TGrid grid, double position, double fwhm, double mixing, ProfileKernelOptions options,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
        where TGrid : IAbscissae, allows ref struct
    {
        double half = options.WindowHalfWidth * fwhm;
        GridWindow window = grid.Window(position - half, position + half);
        CheckScratch(window.Length, value, nameof(value));
        CheckScratch(window.Length, dPosition, nameof(dPosition));
        CheckScratch(window.Length, dWidth, nameof(dWidth));
        CheckScratch(window.Length, dMixing, nameof(dMixing));
        var sink = new ScratchSink(window.Start, value, dPosition, dWidth, dMixing);
        switch (options.EffectiveVectorWidth)
        {
            case KernelVectorWidth.Vector512:
                AccumulatePeak<Vector512Operations, System.Runtime.Intrinsics.Vector512<double>, TGrid, ScratchSink>(ref grid, position, fwhm, mixing, 1, options, 0, grid.Count, ref sink);
                break;
            case KernelVectorWidth.Vector256:
                AccumulatePeak<Vector256Operations, System.Runtime.Intrinsics.Vector256<double>, TGrid, ScratchSink>(ref grid, position, fwhm, mixing, 1, options, 0, grid.Count, ref sink);
                break;
            default:
                AccumulatePeak<ScalarOperations, double, TGrid, ScratchSink>(ref grid, position, fwhm, mixing, 1, options, 0, grid.Count, ref sink);
                break;
        }
        return window;
    }

    /// <summary>Checks what <see cref="AccumulateRange"/> will be given, once for all the blocks of a multi-core call.</summary>
    internal static void CheckForRanges(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, PeakParameterDerivatives chainRule, bool jacobian,
                                        ProfileKernelOptions options, int jacobianColumnStride, Span<double> y, Span<double> jacobianDestination)
    {
        CheckCommon(x, peaks, options);
        if (jacobian) CheckJacobian(x.Length, peaks.Count, chainRule, jacobianColumnStride, y, jacobianDestination);
        else CheckLength(y, x.Length, nameof(y));
    }

    /// <summary>
    /// The points [from, to) of a call over the whole of <paramref name="x"/> (checked by <see cref="CheckForRanges"/>):
    /// the profile, or with <paramref name="jacobian"/> the Jacobian pass, each point bitwise as the whole call gives it.
    /// </summary>
    internal static void AccumulateRange(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, PeakParameterDerivatives chainRule, bool jacobian,
                                         ProfileKernelOptions options, int jacobianColumnStride, int from, int to, Span<double> y, Span<double> jacobianDestination)
    {
        var abscissae = new ExplicitAbscissae(x);
        if (jacobian)
        {
            var sink = new JacobianSink(peaks.Intensity, chainRule, jacobianColumnStride, y, jacobianDestination);
            Dispatch(ref abscissae, peaks, options, from, to, ref sink);
        }
        else
        {
            var sink = new ProfileSink(peaks.Intensity, y);
            Dispatch(ref abscissae, peaks, options, from, to, ref sink);
        }
    }

    private static void CheckCommon(UniformGrid grid, PseudoVoigtPeaks peaks, ProfileKernelOptions options)
    {
        grid.Validate(nameof(grid));
        peaks.Validate(nameof(peaks));
        options.Validate(nameof(options));
    }

    private static void CheckCommon(ReadOnlySpan<double> x, PseudoVoigtPeaks peaks, ProfileKernelOptions options)
    {
        ExplicitAbscissae.Validate(x, "abscissa", "abscissae", nameof(x));
        peaks.Validate(nameof(peaks));
        options.Validate(nameof(options));
    }

    private static void CheckPeak(double position, double fwhm, double mixing)
    {
        if (!double.IsFinite(position))
        {
            throw new ArgumentException($"The position is {position}; it must be finite.", nameof(position));
        }
        if (!(fwhm > 0) || !double.IsFinite(fwhm))
        {
            throw new ArgumentException($"The FWHM is {fwhm}; it must be positive and finite.", nameof(fwhm));
        }
        if (!double.IsFinite(mixing))
        {
            throw new ArgumentException($"The mixing η is {mixing}; it must be finite.", nameof(mixing));
        }
    }

    private static void CheckLength(Span<double> destination, int length, string name)
    {
        if (destination.Length != length)
        {
            throw new ArgumentException($"{name} holds {destination.Length} values; the grid has {length} points.", name);
        }
    }

    private static void CheckLengths(int length, Span<double> y, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing)
    {
        CheckLength(y, length, nameof(y));
        CheckLength(dPosition, length, nameof(dPosition));
        CheckLength(dWidth, length, nameof(dWidth));
        CheckLength(dMixing, length, nameof(dMixing));
    }

    private static void CheckScratch(int needed, Span<double> scratch, string name)
    {
        if (scratch.Length < needed)
        {
            throw new ArgumentException($"{name} holds {scratch.Length} values; the peak's window has {needed} points.", name);
        }
    }

    private static void CheckJacobian(int length, int reflections, PeakParameterDerivatives chainRule, int stride, Span<double> y, Span<double> jacobian)
    {
        CheckLength(y, length, nameof(y));
        if (stride < Math.Max(1, length))
        {
            throw new ArgumentException($"The column stride is {stride}; it must be at least the pattern length {length} and at least 1.", "jacobianColumnStride");
        }
        int columns = jacobian.Length < length ? 0 : (jacobian.Length - length) / stride + 1;
        chainRule.Validate(reflections, columns, nameof(chainRule));
    }
}
