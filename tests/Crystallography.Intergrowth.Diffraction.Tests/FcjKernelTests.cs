using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.TestKit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The fused FCJ kernel (<see cref="FcjProfileKernel"/>) against <see cref="FcjPeakShape"/>, the independent scalar
/// quadrature sum with <see cref="Math.Exp"/>; its widths against its scalar twin, bitwise, for every pattern length
/// 0 … 256 with windows touching either end; its derivatives against central differences; no allocation.
/// </summary>
public class FcjKernelTests
{
    // Columns of the test Jacobian: ∂I (the profile itself), ∂P, ∂H, ∂η of every peak, then S/L and H/L.
    private const int Columns = 6;

    private sealed record Problem(double[] X, double[] Position, double[] Fwhm, double[] Mixing, double[] Intensity, FcjAsymmetry Asymmetry)
    {
        public PseudoVoigtPeaks Peaks => new(Position, Fwhm, Mixing, Intensity);

        public override string ToString() =>
            $"{X.Length} points {X.FirstOrDefault():F3}…{X.LastOrDefault():F3}°, {Position.Length} peaks, S/L {Asymmetry.SOverL}, H/L {Asymmetry.HOverL}";
    }

    private sealed record Output(double[] Y, double[] Jacobian, int Stride);

    private static Output Run(Problem p, KernelVectorWidth width)
    {
        int n = p.X.Length, stride = n + 5;
        int peaks = p.Position.Length;
        var start = new int[peaks + 1];
        var column = new int[4 * peaks];
        double[] dI = new double[4 * peaks], dP = new double[4 * peaks], dH = new double[4 * peaks], dE = new double[4 * peaks];
        for (int k = 0; k < peaks; k++)
        {
            start[k + 1] = 4 * (k + 1);
            for (int c = 0; c < 4; c++) column[4 * k + c] = c;
            dI[4 * k] = 1;
            dP[4 * k + 1] = 1;
            dH[4 * k + 2] = 1;
            dE[4 * k + 3] = 1;
        }
        var chain = new PeakParameterDerivatives(start, column, dI, dP, dH, dE);
        var options = new ProfileKernelOptions(ProfileKernelOptions.DefaultWindowHalfWidth, ProfileKernelOptions.DefaultGaussianHalfWidth, width);
        var y = new double[n];
        var jacobian = new double[stride * (Columns - 1) + n];
        FcjProfileKernel.AccumulateProfileAndJacobian(p.X, p.Peaks, p.Asymmetry, chain, 4, 5, options, stride, y, jacobian);
        var profile = new double[n];
        FcjProfileKernel.AccumulateProfile(p.X, p.Peaks, p.Asymmetry, options, profile);
        for (int i = 0; i < n; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(profile[i]) == BitConverter.DoubleToInt64Bits(y[i]),
                        $"{width}: the profile pass and the Jacobian pass differ at {i}: {profile[i]:R} against {y[i]:R}");
        return new Output(y, jacobian, stride);
    }

    // Σ_k of FcjPeakShape over each peak's window: y and the six columns (profile, ∂P·I, ∂H·I, ∂η·I, ∂S/L·I, ∂H/L·I).
    private static double[][] Reference(Problem p)
    {
        int n = p.X.Length;
        var result = Enumerable.Range(0, Columns + 1).Select(_ => new double[n]).ToArray();
        for (int k = 0; k < p.Position.Length; k++)
        {
            var (start, length) = PeakWindow.ForFcj(p.Position[k], p.Fwhm[k], p.Asymmetry, ProfileKernelOptions.DefaultWindowHalfWidth).IndexRange(p.X);
            if (length == 0) continue;
            var parts = Enumerable.Range(0, 6).Select(_ => new double[length]).ToArray();
            FcjPeakShape.EvaluateWithDerivatives(p.X.AsSpan(start, length), p.Position[k], p.Fwhm[k], p.Mixing[k],
                p.Asymmetry.SOverL, p.Asymmetry.HOverL, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
            double intensity = p.Intensity[k];
            for (int i = 0; i < length; i++)
            {
                result[0][start + i] += intensity * parts[0][i];
                result[1][start + i] += parts[0][i];
                for (int c = 1; c < 6; c++) result[c + 1][start + i] += intensity * parts[c][i];
            }
        }
        return result;
    }

    private static readonly string[] Names = ["y", "J ∂I", "J ∂P", "J ∂H", "J ∂η", "J ∂S/L", "J ∂H/L"];

    private static double[] Column(Output o, int c, int n) => o.Jacobian.AsSpan(c * o.Stride, n).ToArray();

    // The largest difference relative to the largest |reference| of each output, divided by that output's tolerance:
    // 2e-14 for y, ∂I, ∂H and ∂η; for ∂P, ∂S/L and ∂H/L, which the reference forms as (Σ∂(wⱼpVⱼ) − P·∂Σw)/Σw, a
    // difference of two nearly equal sums where the weights move (the kernel centres the weight derivatives per node
    // instead), 1e-12 at the typical shapes of the theory below (where they agree to 2e-14) and 1e-9 over random problems:
    // a sweep of random seeds 1-1,500 found differences up to 3.7e-10 of the column's largest value, all in ∂S/L and ∂H/L
    // and largest where one ratio is tiny (1e-6 to 1e-4) and the reference's cancellation worst.
    private static readonly double[] Tolerance = [2e-14, 2e-14, 1e-12, 2e-14, 2e-14, 1e-12, 1e-12];
    private static readonly double[] RandomTolerance = [2e-14, 2e-14, 1e-9, 2e-14, 2e-14, 1e-9, 1e-9];

    private static double WorstRelative(Problem p, Output o, double[][] reference, out string where) => WorstRelative(p, o, reference, Tolerance, out where);

    private static double WorstRelative(Problem p, Output o, double[][] reference, double[] tolerance, out string where)
    {
        int n = p.X.Length;
        double worst = 0;
        where = "";
        if (n == 0) return 0;
        for (int c = 0; c <= Columns; c++)
        {
            double[] actual = c == 0 ? o.Y : Column(o, c - 1, n);
            double scale = reference[c].Max(Math.Abs);
            if (scale == 0) continue;
            for (int i = 0; i < n; i++)
            {
                double e = Math.Abs(actual[i] - reference[c][i]) / scale / tolerance[c];
                if (e > worst)
                {
                    worst = e;
                    where = $"{Names[c]}[{i}] = {actual[i]:R}, reference {reference[c][i]:R}";
                }
            }
        }
        return worst;
    }

    private static Problem Grid(double from, double to, double step, double[] position, double[] fwhm, double[] mixing, double[] intensity,
                                double sOverL, double hOverL)
    {
        int n = (int)Math.Round((to - from) / step) + 1;
        return new Problem([.. Enumerable.Range(0, n).Select(i => from + i * step)], position, fwhm, mixing, intensity, new FcjAsymmetry(sOverL, hOverL));
    }

    public static TheoryData<double, double, double, double> Shapes => new()
    {
        // position, FWHM, S/L, H/L: typical laboratory, equal ratios (the kink), one ratio zero, both zero,
        // low angle with a long tail (more than 64 nodes), back-reflection (tail above the peak).
        { 28.4, 0.08, 0.021, 0.015 },
        { 33.0, 0.06, 0.02, 0.02 },
        { 47.3, 0.1, 0.0, 0.03 },
        { 56.1, 0.07, 0.0, 0.0 },
        { 8.5, 0.03, 0.04, 0.025 },
        { 131.0, 0.2, 0.03, 0.02 },
    };

    /// <summary>Each peak shape: every output within its tolerance (2e-14 relative for most) of FcjPeakShape's, at every width.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void AgreesWithTheScalarQuadratureSum(double position, double fwhm, double sOverL, double hOverL)
    {
        var p = Grid(position - 4, position + 4, 0.002, [position, position + 0.37], [fwhm, 1.3 * fwhm], [0.35, 0.8], [1000, 250], sOverL, hOverL);
        var reference = Reference(p);
        foreach (var width in KernelTestProblems.Widths)
        {
            double worst = WorstRelative(p, Run(p, width), reference, out string where);
            Assert.True(worst <= 1, $"{width}, {p}: worst relative difference {worst:E2} of the tolerance at {where}");
        }
    }

    /// <summary>Random problems (FsCheck varies the seed): the vector widths equal the scalar twin bitwise and all agree with the reference.</summary>
    [Property(MaxTest = 40)]
    public void RandomProblemsAgreeBitwiseAcrossWidthsAndWithTheReference(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        double from = KernelTestProblems.Uniform(random, 5, 120), step = KernelTestProblems.Uniform(random, 0.002, 0.02);
        int n = random.Next(0, 1500);
        int peaks = random.Next(1, 12);
        var position = Enumerable.Range(0, peaks).Select(_ => Math.Clamp(from + KernelTestProblems.Uniform(random, -1, n * step + 1), 1, 179)).ToArray();
        var fwhm = Enumerable.Range(0, peaks).Select(_ => KernelTestProblems.Uniform(random, 0.02, 0.3)).ToArray();
        var mixing = Enumerable.Range(0, peaks).Select(_ => random.NextDouble()).ToArray();
        var intensity = Enumerable.Range(0, peaks).Select(_ => KernelTestProblems.Uniform(random, 1, 1000)).ToArray();
        double s = random.Next(4) == 0 ? 0 : KernelTestProblems.Uniform(random, 0, 0.05);
        double h = random.Next(4) == 0 ? 0 : KernelTestProblems.Uniform(random, 0, 0.05);
        var p = new Problem([.. Enumerable.Range(0, n).Select(i => from + i * step)], position, fwhm, mixing, intensity, new FcjAsymmetry(s, h));
        AssertWidthsAgree(p);
        double worst = WorstRelative(p, Run(p, KernelVectorWidth.Scalar), Reference(p), RandomTolerance, out string where);
        Assert.True(worst <= 1, $"{p}: worst relative difference {worst:E2} of the tolerance at {where}");
    }

    /// <summary>Every pattern length 0 … 256, peaks whose windows run over the first and the last point.</summary>
    [Fact]
    public void EveryLengthUpTo256WithWindowsTouchingBothEnds()
    {
        for (int n = 0; n <= 256; n++)
        {
            double from = 30, step = 0.01, last = from + Math.Max(0, n - 1) * step;
            var p = new Problem([.. Enumerable.Range(0, n).Select(i => from + i * step)],
                                [from + 0.05, last - 0.03, 0.5 * (from + last)], [0.05, 0.04, 0.08], [0.3, 0.7, 0.5], [10, 20, 5],
                                new FcjAsymmetry(0.02, 0.01));
            AssertWidthsAgree(p);
        }
    }

    private static void AssertWidthsAgree(Problem p)
    {
        var scalar = Run(p, KernelVectorWidth.Scalar);
        foreach (var width in KernelTestProblems.Widths.Where(w => w != KernelVectorWidth.Scalar))
        {
            var vector = Run(p, width);
            for (int i = 0; i < scalar.Y.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(scalar.Y[i]) == BitConverter.DoubleToInt64Bits(vector.Y[i]),
                            $"{width}, {p}: y[{i}] = {vector.Y[i]:R}, the scalar twin gave {scalar.Y[i]:R}");
            for (int i = 0; i < scalar.Jacobian.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(scalar.Jacobian[i]) == BitConverter.DoubleToInt64Bits(vector.Jacobian[i]),
                            $"{width}, {p}: J[{i}] = {vector.Jacobian[i]:R}, the scalar twin gave {scalar.Jacobian[i]:R}");
        }
    }

    /// <summary>∂/∂P, ∂H, ∂η, ∂S/L, ∂H/L of the kernel's own profile against central differences (same window, fixed quadrature orders).</summary>
    [Fact]
    public void DerivativesAgreeWithCentralDifferences()
    {
        const double position = 24.6, fwhm = 0.09, mixing = 0.4, s = 0.022, h = 0.014;
        var x = Enumerable.Range(0, 2000).Select(i => 21.0 + i * 0.002).ToArray();
        double[] Profile(double pos, double w, double e, double sl, double hl)
        {
            var y = new double[x.Length];
            var options = new ProfileKernelOptions(40, ProfileKernelOptions.DefaultGaussianHalfWidth, KernelVectorWidth.Automatic);
            FcjProfileKernel.AccumulateProfile(x, new PseudoVoigtPeaks([pos], [w], [e], [1]), new FcjAsymmetry(sl, hl), options, y);
            return y;
        }
        var p = new Problem(x, [position], [fwhm], [mixing], [1], new FcjAsymmetry(s, h));
        int n = x.Length, stride = n + 5;
        var chain = new PeakParameterDerivatives([0, 4], [0, 1, 2, 3], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]);
        var jacobian = new double[stride * 5 + n];
        FcjProfileKernel.AccumulateProfileAndJacobian(x, p.Peaks, p.Asymmetry, chain, 4, 5,
            new ProfileKernelOptions(40, ProfileKernelOptions.DefaultGaussianHalfWidth, KernelVectorWidth.Automatic), stride, new double[n], jacobian);
        // The quadrature orders follow the arguments by steps; hold them fixed by choosing steps that do not cross one.
        Func<double, double[]>[] moves =
        [
            d => Profile(position + d, fwhm, mixing, s, h),
            d => Profile(position, fwhm + d, mixing, s, h),
            d => Profile(position, fwhm, mixing + d, s, h),
            d => Profile(position, fwhm, mixing, s + d, h),
            d => Profile(position, fwhm, mixing, s, h + d),
        ];
        double[] steps = [1e-5, 1e-7, 1e-5, 1e-7, 1e-7];
        for (int c = 0; c < moves.Length; c++)
        {
            var numeric = FiniteDifference.Derivative(moves[c], 0, steps[c]);
            var analytic = jacobian.AsSpan((c + 1) * stride, n).ToArray();
            double scale = numeric.Max(Math.Abs), worst = 0;
            for (int i = 0; i < n; i++) worst = Math.Max(worst, Math.Abs(numeric[i] - analytic[i]) / scale);
            Assert.True(worst < 1e-6, $"{Names[c + 2]}: worst relative difference {worst:E2} from central differences");
        }
    }

    /// <summary>A warm call allocates nothing, at every width, with a reflection of more than 64 nodes among them.</summary>
    [Fact]
    public void WarmCallsAllocateNothing()
    {
        var p = Grid(5, 15, 0.005, [8.5, 11.2], [0.03, 0.05], [0.3, 0.6], [100, 50], 0.04, 0.025);
        var output = Run(p, KernelVectorWidth.Scalar);
        int[] start = [0, 1, 2], column = [0, 1];
        double[] one = [1, 1], zero = [0, 0];
        foreach (var width in KernelTestProblems.Widths)
        {
            var options = new ProfileKernelOptions(10, 5, width);
            Action[] calls =
            [
                () => FcjProfileKernel.AccumulateProfile(p.X, p.Peaks, p.Asymmetry, options, output.Y),
                () => FcjProfileKernel.AccumulateProfileAndJacobian(p.X, p.Peaks, p.Asymmetry, new PeakParameterDerivatives(start, column, one, zero, zero, zero),
                                                                 4, 5, options, output.Stride, output.Y, output.Jacobian),
            ];
            foreach (var call in calls)
            {
                call();
                call();
                long bytes = Allocation.FewestBytes(call);
                Assert.True(bytes == 0, $"{width}: {bytes} bytes allocated by every call");
            }
        }
    }

    /// <summary>Bad input names what is wrong.</summary>
    [Fact]
    public void BadInputIsRefusedWithTheParameterNamed()
    {
        double[] x = [10, 10.01, 10.02];
        var y = new double[3];
        var options = ProfileKernelOptions.Default;
        var asymmetry = new FcjAsymmetry(0.02, 0.01);
        var e = Assert.Throws<ArgumentException>(() => FcjProfileKernel.AccumulateProfile(x, new PseudoVoigtPeaks([190], [0.1], [0.5], [1]), asymmetry, options, y));
        Assert.Contains("(0°, 180°)", e.Message);
        e = Assert.Throws<ArgumentException>(() => FcjProfileKernel.AccumulateProfile(x, new PseudoVoigtPeaks([10], [0.1], [1.5], [1]), asymmetry, options, y));
        Assert.Contains("η in [0, 1]", e.Message);
        e = Assert.Throws<ArgumentException>(() => FcjProfileKernel.AccumulateProfile([10, 9], new PseudoVoigtPeaks([10], [0.1], [0.5], [1]), asymmetry, options, new double[2]));
        Assert.Equal("x", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => FcjProfileKernel.AccumulateProfile(x, new PseudoVoigtPeaks([10], [0.1], [0.5], [1]), asymmetry, options, new double[2]));
        Assert.Equal("y", e.ParamName);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() =>
            FcjProfileKernel.AccumulateProfileAndJacobian(x, new PseudoVoigtPeaks([10], [0.1], [0.5], [1]), asymmetry,
                new PeakParameterDerivatives([0, 1], [0], [1], [0], [0], [0]), 3, -1, options, 3, y, new double[6]));
        Assert.Equal("sOverLColumn", range.ParamName);
    }
}
