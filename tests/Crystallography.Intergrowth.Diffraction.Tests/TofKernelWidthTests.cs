using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Every vector width gives bitwise the numbers of the scalar twin: for every pattern length 0–256, with windows
/// that start before the first point, end after the last, or lie wholly inside, both conventions, profile and Jacobian.
/// </summary>
public class TofKernelWidthTests
{
    [Fact]
    public void EveryWidthEqualsTheScalarTwinForEveryLengthUpTo256()
    {
        var widths = TofKernelTestProblems.Widths;
        for (int n = 0; n <= 256; n++)
        {
            var problem = Problem(n);
            foreach (var convention in TofKernelTestProblems.Conventions)
            {
                var (y0, j0) = Run(problem, new TofProfileKernelOptions(8, 3, convention, KernelVectorWidth.Scalar), n);
                foreach (var width in widths)
                {
                    var (y, j) = Run(problem, new TofProfileKernelOptions(8, 3, convention, width), n);
                    AssertBitwise(y0, y, $"n = {n}, {convention}, {width}, y");
                    AssertBitwise(j0, j, $"n = {n}, {convention}, {width}, Jacobian");
                    var profile = new double[n];
                    TofProfileKernel.AccumulateProfile(problem.X, problem.Peaks, new TofProfileKernelOptions(8, 3, convention, width), profile);
                    AssertBitwise(y0, profile, $"n = {n}, {convention}, {width}, profile-only y");
                }
            }
        }
    }

    /// <summary>
    /// n points from 30,000 µs, irregularly spaced about 4 µs apart, and POWGEN peaks at d = 1.3 Å and 0.8 Å placed before the
    /// start, at the start, in the middle, at the end and after the end (their ±8 FWHM + 3 decay-length windows, ~300–700 µs,
    /// overlap the ends of a pattern of up to ~1000 µs), plus one with γ = 0.
    /// </summary>
    private static TofKernelTestProblem Problem(int n)
    {
        var random = new Random(1000 + n);
        var x = new double[n];
        double t = 30_000;
        for (int i = 0; i < n; i++)
        {
            x[i] = t;
            t += 4 * (0.7 + 0.6 * random.NextDouble());
        }
        double end = n == 0 ? 30_000 : x[^1];
        double[] positions = [29_800, 30_000, (30_000 + end) / 2, end, end + 150, (30_000 + end) / 2 + 7];
        int m = positions.Length;
        var p = new TofKernelTestProblem(x, positions, new double[m], new double[m], new double[m], new double[m], new double[m]);
        for (int k = 0; k < m; k++)
        {
            var (a, b, s, g) = TofKernelTestProblems.At(TofKernelTestProblems.Powgen, k % 2 == 0 ? 1.3 : 0.8, TofKernelTestProblems.PowgenDifC);
            p.Alpha[k] = a;
            p.Beta[k] = b;
            p.SigmaSquared[k] = s;
            p.Gamma[k] = k == m - 1 ? 0 : g;
            p.Intensity[k] = 100 + 37 * k - (k == 2 ? 400 : 0);
        }
        return p;
    }

    private static (double[] Y, double[] Jacobian) Run(TofKernelTestProblem problem, TofProfileKernelOptions options, int n)
    {
        int m = problem.Position.Length;
        int stride = n + 3;
        const int columns = 3;
        // Entries: reflection k reaches columns k % 3 and 2 (a shared one), with arbitrary chain-rule values.
        var start = new int[m + 1];
        var column = new int[2 * m];
        var values = new double[6][];
        for (int j = 0; j < 6; j++)
        {
            values[j] = new double[2 * m];
        }
        for (int k = 0; k < m; k++)
        {
            start[k + 1] = 2 * k + 2;
            column[2 * k] = k % 3;
            column[2 * k + 1] = 2;
            for (int j = 0; j < 6; j++)
            {
                values[j][2 * k] = 0.1 * (j + 1) * (k + 1);
                values[j][2 * k + 1] = -0.05 * (j + 2);
            }
        }
        var y = new double[n];
        var jacobian = new double[stride * (columns - 1) + n];
        for (int i = 0; i < jacobian.Length; i++)
        {
            jacobian[i] = 0.25 * i;   // added into, not overwritten; the gaps between columns stay untouched
        }
        TofProfileKernel.AccumulateProfileAndJacobian(problem.X, problem.Peaks,
            TofKernelTestProblems.View((start, column, values)), options, stride, y, jacobian);
        for (int c = 0; c < columns - 1; c++)
        {
            for (int i = n; i < stride; i++)
            {
                Assert.Equal(0.25 * (c * stride + i), jacobian[c * stride + i]);
            }
        }
        return (y, jacobian);
    }

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}: index {i}, scalar {expected[i]:R}, vector {actual[i]:R}");
            }
        }
    }
}
