using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// PatternSimulator against a slow, obvious reference: every peak evaluated at every point of its
/// window from the pseudo-Voigt formula written out here, intensities from m·|F|²·LP recomputed
/// from the reflection list, Kα2 placed from λ₂ by Bragg's law.
/// </summary>
public sealed class SimulationTests
{

    internal static Phase Layered { get; } = StudyPhase("layered_S1.cif");

    internal static Phase Rocksalt { get; } = StudyPhase("rocksalt_S1.cif");

    private static Phase StudyPhase(string file) =>
        Cif.ReadPhases(Path.Combine(SimulationTestData.StudyCifFolder, file))[0].PerFormulaUnit("O2");

    // The pseudo-Voigt of unit area written out (Gaussian and Lorentzian of the same FWHM, mixed by η).
    private static double ReferencePseudoVoigt(double delta, double fwhm, double eta)
    {
        double g = 2 / fwhm * Math.Sqrt(Math.Log(2) / Math.PI) * Math.Exp(-4 * Math.Log(2) * delta * delta / (fwhm * fwhm));
        double l = 2 / (Math.PI * fwhm) / (1 + 4 * delta * delta / (fwhm * fwhm));
        return eta * l + (1 - eta) * g;
    }

    // Σ over every peak, every point within ±k FWHM: no kernel, no windows by index, no vectors.
    private static double[] ReferenceSum(SimulatedPattern pattern, double k)
    {
        var y = new double[pattern.Count];
        foreach (var r in pattern.Reflections)
            for (int i = 0; i < y.Length; i++)
            {
                double delta = pattern.X[i] - r.Position;
                if (Math.Abs(delta) <= k * r.Fwhm) y[i] += r.Intensity * ReferencePseudoVoigt(delta, r.Fwhm, r.Mixing);
            }
        return y;
    }

    [Fact]
    public void Kernel_sum_agrees_with_the_slow_reference()
    {
        var instrument = Instrument.Synchrotron(0.4137).WithAsymmetry(default).WithBackground(PatternBackground.Flat(10));
        var range = PatternRange.Uniform(2, 0.002, 30);
        var phases = SimulatedPhase.FromMoleFractions([(Layered, 0.7), (Rocksalt, 0.3)], 1e-3);
        var fast = new PatternSimulator(instrument).Simulate(phases, range);
        var scalar = new PatternSimulator(instrument, new PatternSimulatorOptions { UseProfileKernel = false }).Simulate(phases, range);
        double[] reference = ReferenceSum(fast, PatternSimulatorOptions.Default.WindowHalfWidth);
        double max = reference.Max();
        Assert.True(max > 0);
        for (int i = 0; i < reference.Length; i++)
        {
            // The kernel cuts the Gaussian part beyond ±5 FWHM, which is below 2^-100 of its height.
            Assert.Equal(reference[i] + 10, fast.Y[i], 1e-9 * max);
            Assert.Equal(fast.Y[i], scalar.Y[i], 1e-9 * max);
        }
    }

    [Fact]
    public void Background_plus_phase_contributions_is_the_pattern()
    {
        var cheb = new ChebyshevBackground(10, 80, [100, -20, 5]);
        var instrument = Instrument.LaboratoryCopper.WithBackground(PatternBackground.FromChebyshev(cheb));
        var range = PatternRange.Uniform(10, 0.02, 80);
        var pattern = new PatternSimulator(instrument).Simulate([new SimulatedPhase(Layered, 1e-4), new SimulatedPhase(Rocksalt, 2e-4)], range);
        Assert.Equal(2, pattern.PhaseContributions.Length);
        for (int i = 0; i < pattern.Count; i++)
        {
            Assert.Equal(cheb.ValueAt(pattern.X[i]), pattern.Background[i], 1e-9);
            Assert.Equal(pattern.Background[i] + pattern.PhaseContributions[0][i] + pattern.PhaseContributions[1][i], pattern.Y[i], 1e-9);
        }
        Assert.Equal(AxisKind.TwoThetaDegrees, pattern.ToPowderPattern().Axis);
        Assert.Equal(pattern.Count, pattern.ToPowderPattern().Count);
    }

    [Fact]
    public void Laboratory_doublet_puts_Kalpha2_at_lambda2_with_the_ratio()
    {
        var instrument = Instrument.LaboratoryCopper.WithZeroShift(0.03);
        var pattern = new PatternSimulator(instrument).Simulate(Layered, PatternRange.Uniform(15, 0.01, 70));
        var lab = (LaboratoryXRays)instrument.Radiation;
        var k1 = pattern.Reflections.Where(r => r.Line == 0).ToList();
        var k2 = pattern.Reflections.Where(r => r.Line == 1).ToList();
        Assert.NotEmpty(k1);
        Assert.Equal(k1.Count, k2.Count);
        foreach (var a in k1)
        {
            var b = k2.Single(r => r.Index == a.Index && r.PhaseIndex == a.PhaseIndex);
            double expected1 = 2 * Math.Asin(lab.KAlpha1 / (2 * a.DSpacing)) * 180 / Math.PI + 0.03;
            double expected2 = 2 * Math.Asin(lab.KAlpha2 / (2 * a.DSpacing)) * 180 / Math.PI + 0.03;
            Assert.Equal(expected1, a.Position, 1e-10);
            Assert.Equal(expected2, b.Position, 1e-10);
            Assert.Equal(0.5 * a.Intensity, b.Intensity, 1e-9 * a.Intensity);
            // m·|F|²·LP at Kα1 with LP = (P + (1 − P) cos² 2θ)/(sin² θ cos θ), P = 0.5.
            double theta = (expected1 - 0.03) / 2 * Math.PI / 180;
            double lp = (0.5 + 0.5 * Math.Pow(Math.Cos(2 * theta), 2)) / (Math.Sin(theta) * Math.Sin(theta) * Math.Cos(theta));
            Assert.Equal(a.Multiplicity * a.SquaredStructureFactor * lp, a.Intensity, 1e-9 * a.Intensity);
        }
        Assert.Equal(k1.Count, pattern.TickMarks.Count());
    }

    [Fact]
    public void An_isolated_peak_integrates_back_to_its_intensity()
    {
        // Gaussian-only CW neutrons (η = 0): the window loses nothing measurable, so the trapezoid sum
        // over the peak equals I to the quadrature error.
        var instrument = Instrument.ConstantWavelengthNeutrons(1.622);
        var pattern = new PatternSimulator(instrument).Simulate(Rocksalt, PatternRange.Uniform(20, 0.005, 60));
        var first = pattern.Reflections[0];
        Assert.Equal(0, first.Mixing, 12);
        int lo = pattern.X.IndexOf(pattern.X.First(x => x >= first.Position - 6 * first.Fwhm));
        int hi = pattern.X.IndexOf(pattern.X.Last(x => x <= first.Position + 6 * first.Fwhm));
        Assert.True(pattern.Reflections[1].Position - first.Position > 12 * first.Fwhm, "the first two rocksalt peaks must be apart");
        double area = 0;
        for (int i = lo; i < hi; i++) area += 0.5 * (pattern.Y[i] + pattern.Y[i + 1]) * (pattern.X[i + 1] - pattern.X[i]);
        Assert.Equal(first.Intensity, area, 1e-6 * first.Intensity);
    }

    [Fact]
    public void Fcj_asymmetry_keeps_the_area_and_moves_the_maximum_to_lower_angle()
    {
        var symmetric = Instrument.LaboratoryCopper.WithAsymmetry(default);
        var asymmetric = Instrument.LaboratoryCopper.WithAsymmetry(new FcjAsymmetry(0.02, 0.02));
        var lab = ((LaboratoryXRays)symmetric.Radiation).WithKAlpha2Ratio(0);
        var range = PatternRange.Uniform(17, 0.002, 20.5);
        var a = new PatternSimulator(symmetric.WithRadiation(lab)).Simulate(Layered, range);
        var b = new PatternSimulator(asymmetric.WithRadiation(lab)).Simulate(Layered, range);
        Assert.Single(a.Reflections); // (0 0 3) alone in this range
        double areaA = a.Y.Sum() * 0.002, areaB = b.Y.Sum() * 0.002;
        Assert.Equal(areaA, areaB, 1e-3 * areaA);
        double maxA = a.X[a.Y.IndexOf(a.Y.Max())], maxB = b.X[b.Y.IndexOf(b.Y.Max())];
        Assert.True(maxB < maxA, $"the FCJ maximum {maxB} must lie below the symmetric one {maxA} at low angle");
    }

    [Fact]
    public void Time_of_flight_positions_follow_the_calibration_with_difB()
    {
        var instrument = Instrument.Powgen.WithZeroShift(3);
        var tof = (TimeOfFlightNeutrons)instrument.Radiation;
        var pattern = new PatternSimulator(instrument).Simulate(Rocksalt, PatternRange.Logarithmic(20000, 90000, 4e-4));
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, pattern.Axis);
        Assert.NotEmpty(pattern.Reflections);
        foreach (var r in pattern.Reflections)
        {
            double d = r.DSpacing;
            Assert.Equal(tof.Zero + tof.Difc * d + tof.Difa * d * d + instrument.DifB / d + 3, r.Position, 1e-8);
            // m·|F|²·d⁴ sin θ (θ = 45°) for unit scale.
            Assert.Equal(r.Multiplicity * r.SquaredStructureFactor * Math.Pow(d, 4) * Math.Sin(Math.PI / 4), r.Intensity, 1e-9 * r.Intensity);
        }
        // Area of the strongest peak: the TOF shape has unit area, so Σ y Δt ≈ I when it stands alone.
        var strongest = pattern.Reflections.MaxBy(r => r.Intensity);
        double lo = strongest.Position - 30 * strongest.Fwhm, hi = strongest.Position + 60 * strongest.Fwhm;
        Assert.DoesNotContain(pattern.Reflections, r => r != strongest && r.Position > lo && r.Position < hi);
        double area = 0;
        for (int i = 0; i + 1 < pattern.Count; i++)
            if (pattern.X[i] >= lo && pattern.X[i + 1] <= hi)
                area += 0.5 * (pattern.Y[i] + pattern.Y[i + 1]) * (pattern.X[i + 1] - pattern.X[i]);
        Assert.Equal(strongest.Intensity, area, 0.01 * strongest.Intensity);
    }

    [Fact]
    public void Mole_and_weight_fractions_give_the_scales_of_Hill_and_Howard()
    {
        var phases = SimulatedPhase.FromMoleFractions([(Layered, 0.7), (Rocksalt, 0.3)]);
        var back = PhaseFractions.MoleFractions([(Layered, phases[0].Scale), (Rocksalt, phases[1].Scale)]);
        Assert.Equal(0.7, back[0], 12);
        Assert.Equal(0.3, back[1], 12);
        var byWeight = SimulatedPhase.FromWeightFractions([(Layered, 0.6), (Rocksalt, 0.4)], 5);
        var w = PhaseFractions.WeightFractions([(Layered, byWeight[0].Scale), (Rocksalt, byWeight[1].Scale)]);
        Assert.Equal(0.6, w[0], 12);
        Assert.Equal(0.4, w[1], 12);
    }

    [Fact]
    public void Kernel_on_a_grid_equals_the_kernel_on_the_same_points()
    {
        var instrument = Instrument.Synchrotron().WithAsymmetry(default);
        var uniform = PatternRange.Uniform(5, 0.005, 25);
        var points = PatternRange.FromPoints(uniform.X);
        var a = new PatternSimulator(instrument).Simulate(Layered, uniform);
        var b = new PatternSimulator(instrument).Simulate(Layered, points);
        double max = a.Y.Max();
        for (int i = 0; i < a.Count; i++)
            Assert.True(Math.Abs(a.Y[i] - b.Y[i]) <= 1e-12 * max, $"point {i}: {a.Y[i]:R} on the grid, {b.Y[i]:R} on the points");
        Assert.NotNull(uniform.Grid);
        Assert.Null(points.Grid);
        Assert.Equal(KernelVectorWidth.Automatic, PatternSimulatorOptions.Default.VectorWidth);
    }

    [Fact]
    public void Ranges_parse_and_refuse_bad_input()
    {
        var r = PatternRange.Parse("5:0.01:60");
        Assert.Equal(5501, r.Count);
        Assert.Equal(60, r.X[^1], 9);
        Assert.Throws<FormatException>(() => PatternRange.Parse("5-60"));
        Assert.Throws<ArgumentOutOfRangeException>(() => PatternRange.Uniform(5, 0, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => PatternRange.Uniform(60, 0.1, 5));
        Assert.Throws<ArgumentException>(() => PatternRange.FromPoints([1, 1]));
        Assert.Throws<ArgumentException>(() => new PatternSimulator(Instrument.LaboratoryCopper).Simulate([], r));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedPhase(Layered, -1));
    }
}

/// <summary>Where the simulation tests find the study's CIFs (the StructureModel tests' committed copies).</summary>
internal static class SimulationTestData
{
    public static string StudyCifFolder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "Crystallography.Intergrowth.StructureModel.Tests", "Data", "cif");
            if (Directory.Exists(path)) return path;
        }
        throw new DirectoryNotFoundException("tests/Crystallography.Intergrowth.StructureModel.Tests/Data/cif not found above the test binaries.");
    }
}
