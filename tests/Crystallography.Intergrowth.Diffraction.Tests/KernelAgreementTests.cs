using Crystallography.Intergrowth.Diffraction.Kernels;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The scalar and vector kernels against the slow reference (<see cref="KernelReference"/>), over
/// random problems (FsCheck varies the seed) and over every grid length 0 … 256, for both grid kinds
/// and all three outputs; and the widths and grid kinds against each other, bitwise.
/// </summary>
public class KernelAgreementTests
{
    /// <summary>Every output of one kernel configuration.</summary>
    private sealed record Outputs(double[] Profile, double[] Y, double[] DPosition, double[] DWidth, double[] DMixing, double[] JacobianY, double[] Jacobian, int Stride);

    private static Outputs Run(KernelTestProblem problem, KernelVectorWidth width, bool uniform)
    {
        int n = problem.Grid.Count;
        var options = problem.Options(width);
        var profile = new double[n];
        double[] y = new double[n], dP = new double[n], dH = new double[n], dE = new double[n];
        var jacobianY = new double[n];
        int stride = n + 3;   // a stride longer than the pattern, as inside a joint fit's Jacobian
        var jacobian = new double[stride * (problem.ChainRule.Columns - 1) + n];
        if (uniform)
        {
            PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, problem.Peaks, options, profile);
            PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, options, y, dP, dH, dE);
            PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(problem.Grid, problem.Peaks, problem.ChainRule.View, options, stride, jacobianY, jacobian);
        }
        else
        {
            PseudoVoigtProfileKernel.AccumulateProfile(problem.X, problem.Peaks, options, profile);
            PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.X, problem.Peaks, options, y, dP, dH, dE);
            PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(problem.X, problem.Peaks, problem.ChainRule.View, options, stride, jacobianY, jacobian);
        }
        return new Outputs(profile, y, dP, dH, dE, jacobianY, jacobian, stride);
    }

    private static void AssertAgreesWithReference(KernelTestProblem problem, KernelReference.Result reference, Outputs o, string label)
    {
        try
        {
            KernelReference.AssertWithin("y (profile)", o.Profile, reference.Y, reference.YTolerance);
            KernelReference.AssertWithin("y (fused)", o.Y, reference.Y, reference.YTolerance);
            KernelReference.AssertWithin("Σ I ∂pV/∂P", o.DPosition, reference.DPosition, reference.DPositionTolerance);
            KernelReference.AssertWithin("Σ I ∂pV/∂H", o.DWidth, reference.DWidth, reference.DWidthTolerance);
            KernelReference.AssertWithin("Σ I ∂pV/∂η", o.DMixing, reference.DMixing, reference.DMixingTolerance);
            KernelReference.AssertWithin("y (Jacobian pass)", o.JacobianY, reference.Y, reference.YTolerance);
            int n = problem.Grid.Count;
            for (int c = 0; c < problem.ChainRule.Columns; c++)
            {
                KernelReference.AssertWithin($"J column {c}", o.Jacobian.AsSpan(c * o.Stride, n), reference.Jacobian[c], reference.JacobianTolerance[c]);
                for (int i = n; i < o.Stride && c * o.Stride + i < o.Jacobian.Length; i++)
                {
                    Assert.True(o.Jacobian[c * o.Stride + i] == 0, $"the kernel wrote into the gap between columns (column {c}, row {i})");
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"{label}, {problem}: {e.Message}");
        }
    }

    private static void AssertBitwiseEqual(Outputs expected, Outputs actual, string label)
    {
        static void Same(string name, double[] a, double[] b, string label)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
                {
                    Assert.Fail($"{label}: {name}[{i}] is {b[i]:R}, the scalar uniform-grid kernel gave {a[i]:R}.");
                }
            }
        }
        Same("profile", expected.Profile, actual.Profile, label);
        Same("y", expected.Y, actual.Y, label);
        Same("dPosition", expected.DPosition, actual.DPosition, label);
        Same("dWidth", expected.DWidth, actual.DWidth, label);
        Same("dMixing", expected.DMixing, actual.DMixing, label);
        Same("Jacobian y", expected.JacobianY, actual.JacobianY, label);
        Same("Jacobian", expected.Jacobian, actual.Jacobian, label);
    }

    private static void CheckProblem(KernelTestProblem problem)
    {
        var reference = problem.Reference();
        Outputs scalar = Run(problem, KernelVectorWidth.Scalar, uniform: true);
        foreach (var width in KernelTestProblems.Widths)
        {
            foreach (bool uniform in new[] { true, false })
            {
                string label = $"{width}, {(uniform ? "uniform grid" : "explicit x")}";
                Outputs outputs = Run(problem, width, uniform);
                AssertAgreesWithReference(problem, reference, outputs, label);
                AssertBitwiseEqual(scalar, outputs, label);
            }
        }
    }

    /// <summary>Random problems: every width and grid kind within the reference's tolerance, and bitwise equal to the scalar kernel.</summary>
    [Property(MaxTest = 150)]
    public void KernelsAgreeWithTheReferenceOnRandomProblems(int seed) => CheckProblem(KernelTestProblems.Random(seed));

    /// <summary>
    /// Every grid length 0 … 256 (so every remainder after whole vectors of 4 and 8, at both ends), with
    /// peaks centred before the first point, on it, half a step in, in the middle, on the last point,
    /// half a step before it and after the end: windows clipped at either end and tails of every length.
    /// </summary>
    [Fact]
    public void KernelsAgreeWithTheReferenceForEveryLengthUpTo256()
    {
        var random = new System.Random(256);
        for (int n = 0; n <= 256; n++)
        {
            var grid = new UniformGrid(-1.25, 0.5, n);
            double last = grid[Math.Max(0, n - 1)];
            double[] position = [grid.Start - 2.2, grid.Start, grid.Start + 0.25, (grid.Start + last) / 2, last - 0.25, last, last + 1.7];
            int m = position.Length;
            var fwhm = new double[m];
            var mixing = new double[m];
            var intensity = new double[m];
            for (int k = 0; k < m; k++)
            {
                fwhm[k] = KernelTestProblems.Uniform(random, 0.15, 4);
                mixing[k] = random.NextDouble();
                intensity[k] = KernelTestProblems.Uniform(random, 0.5, 50);
            }
            var problem = new KernelTestProblem
            {
                Grid = grid,
                X = KernelReference.Abscissae(grid),
                Position = position,
                Fwhm = fwhm,
                Mixing = mixing,
                Intensity = intensity,
                WindowHalfWidth = 10,
                GaussianHalfWidth = n % 2 == 0 ? 5 : 10,
                ChainRule = KernelTestProblems.RandomChainRule(random, m),
            };
            CheckProblem(problem);
        }
    }

    /// <summary>The reference problem of PERFORMANCE.md: all 740,899 evaluations within tolerance, at every width.</summary>
    [Fact]
    public void KernelsAgreeWithTheReferenceOnThePerformanceProblem()
    {
        var problem = ReferenceProfileProblem.Create();
        var x = problem.CreateAbscissae();
        double[] position = problem.Position.ToArray(), fwhm = problem.Fwhm.ToArray(), mixing = problem.Mixing.ToArray(), intensity = problem.Intensity.ToArray();
        var reference = KernelReference.Evaluate(x, position, fwhm, mixing, intensity, 10, 5);
        double[]? first = null;
        foreach (var width in KernelTestProblems.Widths)
        {
            var options = new ProfileKernelOptions(10, 5, width);
            double[] y = new double[x.Length], dP = new double[x.Length], dH = new double[x.Length], dE = new double[x.Length];
            PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, options, y, dP, dH, dE);
            KernelReference.AssertWithin($"{width} y", y, reference.Y, reference.YTolerance);
            KernelReference.AssertWithin($"{width} dP", dP, reference.DPosition, reference.DPositionTolerance);
            KernelReference.AssertWithin($"{width} dH", dH, reference.DWidth, reference.DWidthTolerance);
            KernelReference.AssertWithin($"{width} dη", dE, reference.DMixing, reference.DMixingTolerance);
            first ??= y;
            Assert.Equal(first, y);
        }
    }

    /// <summary>The per-reflection form: the scratch holds each reflection's unit-area peak and derivatives over its window.</summary>
    [Property(MaxTest = 60)]
    public void PerReflectionFormAgreesWithTheReference(int seed)
    {
        var problem = KernelTestProblems.Random(seed, maxReflections: 8);
        foreach (var width in KernelTestProblems.Widths)
        {
            var options = problem.Options(width);
            for (int k = 0; k < problem.Position.Length; k++)
            {
                var window = PseudoVoigtProfileKernel.Window(problem.Grid, problem.Position[k], problem.Fwhm[k], options);
                var scratch = new double[4][];
                for (int s = 0; s < 4; s++)
                {
                    scratch[s] = Enumerable.Repeat(double.NaN, window.Length + 5).ToArray();   // untouched beyond the window
                }
                var returned = PseudoVoigtProfileKernel.EvaluatePeak(problem.Grid, problem.Position[k], problem.Fwhm[k], problem.Mixing[k], options,
                    scratch[0], scratch[1], scratch[2], scratch[3]);
                Assert.Equal(window, returned);
                var fromSpan = PseudoVoigtProfileKernel.EvaluatePeak(problem.X, problem.Position[k], problem.Fwhm[k], problem.Mixing[k], options,
                    new double[window.Length], new double[window.Length], new double[window.Length], new double[window.Length]);
                Assert.Equal(window, fromSpan);

                // One reflection of unit intensity through the reference gives the expected columns.
                var reference = KernelReference.Evaluate(problem.X, [problem.Position[k]], [problem.Fwhm[k]], [problem.Mixing[k]], [1.0],
                    problem.WindowHalfWidth, problem.GaussianHalfWidth);
                double[][] expected = [reference.Y, reference.DPosition, reference.DWidth, reference.DMixing];
                double[][] tolerance = [reference.YTolerance, reference.DPositionTolerance, reference.DWidthTolerance, reference.DMixingTolerance];
                for (int s = 0; s < 4; s++)
                {
                    KernelReference.AssertWithin($"{width} scratch {s} of reflection {k}", scratch[s].AsSpan(0, window.Length),
                        expected[s][window.Start..window.End], tolerance[s][window.Start..window.End]);
                    Assert.All(scratch[s][window.Length..], v => Assert.True(double.IsNaN(v)));
                    for (int i = 0; i < problem.Grid.Count; i++)
                    {
                        if (i < window.Start || i >= window.End)
                        {
                            Assert.Equal(0, expected[s][i]);   // the window is exactly the reference's
                        }
                    }
                }
            }
        }
    }
}
