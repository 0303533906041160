using System.Collections.Immutable;
using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>How a <see cref="PatternSimulator"/> sums peaks. Immutable.</summary>
public sealed record PatternSimulatorOptions
{
    /// <summary>The defaults: ±20 FWHM windows, 10 exponential lengths on TOF tails, the SIMD kernel for symmetric pseudo-Voigts.
    /// <c>RefinementProblem</c> evaluates its peaks with the same options.</summary>
    public static PatternSimulatorOptions Default { get; } = new();

    /// <summary>
    /// Half-width of each peak's window in FWHM (FCJ windows are widened to the end of the asymmetric
    /// tail, TOF windows by the exponential lengths). A pseudo-Voigt cut at ±k·FWHM loses η·(2/π)·atan(1/2k)
    /// of its area: η·1.6 % at k = 20 (<see cref="PeakWindow.LorentzianAreaOutside"/>).
    /// </summary>
    public double WindowHalfWidth
    {
        get;
        init => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WindowHalfWidth), value, "The window half-width must be positive and finite (in FWHM).");
    } = 20;

    /// <summary>Exponential lengths 1/α before and 1/β after a TOF peak added to its window (e⁻ⁿ of the tail is cut).</summary>
    public double TimeOfFlightDecayLengths
    {
        get;
        init => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TimeOfFlightDecayLengths), value, "The number of decay lengths must be finite and ≥ 0.");
    } = 10;

    /// <summary>Whether symmetric pseudo-Voigt peaks go through <see cref="PseudoVoigtProfileKernel"/> (true) or the scalar <see cref="PseudoVoigt.Evaluate"/> per peak.</summary>
    public bool UseProfileKernel { get; init; } = true;

    /// <summary>The kernel's vector width (Automatic unless testing).</summary>
    public KernelVectorWidth VectorWidth { get; init; } = KernelVectorWidth.Automatic;

    /// <summary>
    /// How time-of-flight peaks form their Lorentzian part: <see cref="TofLorentzianConvention.Convolution"/> (the
    /// default), or <see cref="TofLorentzianConvention.GsasII"/> to reproduce GSAS-II's EPSVOIGT when comparing with its R factors.
    /// </summary>
    public TofLorentzianConvention TimeOfFlightLorentzian { get; init; } = TofLorentzianConvention.Convolution;
}

/// <summary>
/// Computes what an <see cref="Instrument"/> records for a set of phases: for each phase its
/// reflections in the range (<see cref="ReflectionList"/>), |F|² (<see cref="StructureFactorEvaluator"/>),
/// integrated intensities scale · m · |F|² · LP · PO, the peak positions and widths from the instrument,
/// and the profile sum, plus the background.
/// </summary>
/// <remarks>
/// <para>Peak shapes: symmetric pseudo-Voigt (TCH H and η) through the SIMD kernel when the instrument
/// has no axial-divergence asymmetry; the FCJ shape (<see cref="FcjPeakShape"/>) when it has; the GSAS
/// time-of-flight shape (<see cref="TofPeakShape"/>) for TOF. Widths are evaluated at each line's own
/// Bragg angle (zero shift excluded), as GSAS-II does.</para>
/// <para>Laboratory X-rays add a Kα2 peak per reflection at 2θ = 2 asin(λ₂/2d) + zero with intensity
/// I(Kα1) × I(Kα2)/I(Kα1); its Lorentz–polarisation factor is that of Kα1, as in GSAS-II
/// (GSASIIstrMath.getPowderProfile multiplies the Kα1 intensity by kRatio).</para>
/// <para>Reflections are generated over the range widened by 5 % of its span on each side so that peaks
/// just outside still add their tails. Absorption and sample displacement are not applied here.</para>
/// </remarks>
public sealed class PatternSimulator
{
    /// <summary>A simulator for an instrument.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="options">How peaks are summed; <see cref="PatternSimulatorOptions.Default"/> when null.</param>
    public PatternSimulator(Instrument instrument, PatternSimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Instrument = instrument;
        Options = options ?? PatternSimulatorOptions.Default;
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>The options.</summary>
    public PatternSimulatorOptions Options { get; }

    /// <summary>"PatternSimulator for synchrotron-11bm: synchrotron X-rays 0.4137 Å (29.970 keV), …".</summary>
    public override string ToString() => $"PatternSimulator for {Instrument}";

    /// <summary>Simulates one phase at a scale.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="range">The points.</param>
    /// <param name="scale">The scale factor.</param>
    public SimulatedPattern Simulate(Phase phase, PatternRange range, double scale = 1) =>
        Simulate([new SimulatedPhase(phase, scale)], range);

    /// <summary>Simulates several phases.</summary>
    /// <param name="phases">The phases with their scales (see <see cref="SimulatedPhase.FromMoleFractions"/>, <see cref="SimulatedPhase.FromWeightFractions"/>).</param>
    /// <param name="range">The points: 2θ in degrees or TOF in µs, as the instrument records.</param>
    /// <exception cref="ArgumentException">No phases, or an empty range.</exception>
    public SimulatedPattern Simulate(IReadOnlyList<SimulatedPhase> phases, PatternRange range)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(range);
        if (phases.Count == 0) throw new ArgumentException("Give at least one phase.", nameof(phases));
        if (range.Count == 0) throw new ArgumentException("The range holds no points.", nameof(range));
        for (int i = 0; i < phases.Count; i++)
            if (phases[i] is null) throw new ArgumentNullException(nameof(phases), $"Phase {i} is null.");

        ReadOnlySpan<double> x = range.X.AsSpan();
        var (dMin, dMax) = DSpacingRange(x[0], x[^1]);
        var contributions = ImmutableArray.CreateBuilder<ImmutableArray<double>>(phases.Count);
        var lists = ImmutableArray.CreateBuilder<ReflectionList>(phases.Count);
        var peaks = new List<SimulatedReflection>();
        var total = new double[x.Length];
        for (int p = 0; p < phases.Count; p++)
        {
            var phase = phases[p];
            var model = phase.Scattering ?? ScatteringModel.For(Instrument.Radiation);
            var list = ReflectionList.Generate(phase.Phase, dMin, dMax)
                .WithSquaredStructureFactors(phase.Phase, model)
                .WithIntegratedIntensities(Instrument.Radiation, phase.Scale, phase.PreferredOrientation);
            var positions = new double[list.Count];
            for (int i = 0; i < positions.Length; i++) positions[i] = Instrument.Position(list.DSpacing[i]);
            list = list.WithPositions(positions);
            lists.Add(list);

            int first = peaks.Count;
            AddPeaks(p, list, peaks);
            var y = new double[x.Length];
            Accumulate(range, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(peaks)[first..], y);
            for (int i = 0; i < y.Length; i++) total[i] += y[i];
            contributions.Add(ImmutableArray.Create(y));
        }
        var background = new double[x.Length];
        Instrument.Background.Evaluate(x, background);
        for (int i = 0; i < total.Length; i++) total[i] += background[i];
        peaks.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new SimulatedPattern(Instrument, Instrument.Axis, range.X, ImmutableArray.Create(total), ImmutableArray.Create(background),
                                    contributions.MoveToImmutable(), [.. peaks], lists.MoveToImmutable());
    }

    /// <summary>The d range whose peaks can reach [from, to], the range widened by 5 % of its span on each side.</summary>
    private (double DMin, double DMax) DSpacingRange(double from, double to)
    {
        double pad = Math.Max(0.05 * (to - from), 1e-6 * Math.Abs(to));
        double lo = from - Instrument.ZeroShift - pad, hi = to - Instrument.ZeroShift + pad;
        if (Instrument.Radiation is TimeOfFlightNeutrons tof)
        {
            // DIFB/d moves a peak by at most DIFB/dMin; widen by it as well.
            double dMinGuess = Math.Max(tof.DSpacing(Math.Max(lo, tof.Zero + 1)), 1e-3);
            double difbShift = Math.Abs(Instrument.DifB) / dMinGuess;
            lo = Math.Max(lo - difbShift, tof.Zero + 1e-6 * tof.Difc);
            hi += difbShift;
            return tof.DSpacingRange(lo, hi);
        }
        lo = Math.Clamp(lo, 0, 179.9);
        hi = Math.Clamp(hi, lo + 1e-6, 179.999);
        var (dMin, dMax) = Instrument.Radiation.DSpacingRange(lo, hi);
        // A 2θ range that starts at 0 reaches any d: cap at a spacing no cell of a powder exceeds in practice.
        return (dMin, double.IsPositiveInfinity(dMax) ? 1000 : dMax);
    }

    private void AddPeaks(int phaseIndex, ReflectionList list, List<SimulatedReflection> peaks)
    {
        var radiation = Instrument.Radiation;
        for (int i = 0; i < list.Count; i++)
        {
            double d = list.DSpacing[i], intensity = list.Intensity[i];
            if (!(intensity > 0) || !double.IsFinite(intensity)) continue;
            var index = list.Index(i);
            double f2 = list.SquaredStructureFactor[i];
            int m = list.Multiplicity[i];
            if (radiation is TimeOfFlightNeutrons tof)
            {
                var shape = Instrument.TimeOfFlightProfile!.ParametersAt(d, tof.Difc);
                var widths = ThompsonCoxHastings.Combine(Math.Sqrt(ProfileConventions.EightLn2 * shape.SigmaSquared), Math.Max(0, shape.Gamma));
                peaks.Add(new SimulatedReflection(phaseIndex, index, d, m, f2, Instrument.Position(d), intensity, widths.Fwhm, widths.Mixing, 0));
                continue;
            }
            var cw = (ConstantWavelengthRadiation)radiation;
            AddConstantWavelengthPeak(phaseIndex, index, d, m, f2, cw.Wavelength, intensity, 0, peaks);
            if (radiation is LaboratoryXRays { KAlpha2Ratio: > 0 } lab)
                AddConstantWavelengthPeak(phaseIndex, index, d, m, f2, lab.KAlpha2, intensity * lab.KAlpha2Ratio, 1, peaks);
        }
    }

    private void AddConstantWavelengthPeak(int phaseIndex, Symmetry.MillerIndex index, double d, int m, double f2,
                                           double wavelength, double intensity, int line, List<SimulatedReflection> peaks)
    {
        double bragg = ConstantWavelengthRadiation.TwoTheta(d, wavelength);
        if (!(bragg > 0 && bragg < 180)) return;
        var widths = Instrument.ConstantWavelengthProfile!.WidthsAt(bragg, wavelength);
        peaks.Add(new SimulatedReflection(phaseIndex, index, d, m, f2, bragg + Instrument.ZeroShift, intensity, widths.Fwhm, widths.Mixing, line));
    }

    private void Accumulate(PatternRange range, ReadOnlySpan<SimulatedReflection> peaks, Span<double> y)
    {
        ReadOnlySpan<double> x = range.X.AsSpan();
        double k = Options.WindowHalfWidth;
        bool tof = Instrument.Mode == DiffractionMode.TimeOfFlight;
        var asymmetry = Instrument.Asymmetry;
        if (!tof && asymmetry.IsSymmetric && Options.UseProfileKernel)
        {
            AccumulateWithKernel(range, peaks, y);
            return;
        }
        double[] scratch = new double[64];
        foreach (var peak in peaks)
        {
            PeakWindow window;
            TofPeakParameters shape = default;
            if (tof)
            {
                shape = Instrument.TimeOfFlightProfile!.ParametersAt(peak.DSpacing, ((TimeOfFlightNeutrons)Instrument.Radiation).Difc);
                window = PeakWindow.ForTof(peak.Position, peak.Fwhm, shape.Alpha, shape.Beta, k, Options.TimeOfFlightDecayLengths);
            }
            else
            {
                window = asymmetry.IsSymmetric
                    ? PeakWindow.Symmetric(peak.Position, peak.Fwhm, k)
                    : PeakWindow.ForFcj(peak.Position, peak.Fwhm, asymmetry, k);
            }
            var (start, length) = window.IndexRange(x);
            if (length == 0) continue;
            if (scratch.Length < length) scratch = new double[Math.Max(length, 2 * scratch.Length)];
            var values = scratch.AsSpan(0, length);
            var points = x.Slice(start, length);
            if (tof)
                TofPeakShape.Evaluate(points, peak.Position, shape.Alpha, shape.Beta, shape.SigmaSquared, Math.Max(0, shape.Gamma), values,
                                      Options.TimeOfFlightLorentzian);
            else if (asymmetry.IsSymmetric)
                PseudoVoigt.Evaluate(points, peak.Position, peak.Fwhm, peak.Mixing, values);
            else
                FcjPeakShape.Evaluate(points, peak.Position, peak.Fwhm, peak.Mixing, asymmetry.SOverL, asymmetry.HOverL, values);
            var target = y.Slice(start, length);
            for (int i = 0; i < length; i++) target[i] += peak.Intensity * values[i];
        }
    }

    private void AccumulateWithKernel(PatternRange range, ReadOnlySpan<SimulatedReflection> peaks, Span<double> y)
    {
        int n = peaks.Length;
        double[] position = new double[n], fwhm = new double[n], mixing = new double[n], intensity = new double[n];
        for (int i = 0; i < n; i++)
        {
            position[i] = peaks[i].Position;
            fwhm[i] = peaks[i].Fwhm;
            mixing[i] = peaks[i].Mixing;
            intensity[i] = peaks[i].Intensity;
        }
        var table = new PseudoVoigtPeaks(position, fwhm, mixing, intensity);
        var options = new ProfileKernelOptions(Options.WindowHalfWidth, ProfileKernelOptions.DefaultGaussianHalfWidth, Options.VectorWidth);
        if (range.Grid is { } grid)
            PseudoVoigtProfileKernel.AccumulateProfile(grid, table, options, y);
        else
            PseudoVoigtProfileKernel.AccumulateProfile(range.X.AsSpan(), table, options, y);
    }
}
