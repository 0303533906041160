using Crystallography.Intergrowth.Diffraction.Kernels;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Evaluating the Gaussian part only within ±5 FWHM (PERFORMANCE.md: 18–25 % faster, "identical
/// results") changes every output by less than the bound docs/diffraction-kernel.md states.
/// </summary>
/// <remarks>
/// Beyond |t| = |x − P|/H = 5 the unit-area Gaussian is G(0)·exp(−4 ln 2·t²) ≤ G(0)·2⁻¹⁰⁰, G(0) =
/// (2/H)√(ln 2/π); and since t·e^(−ct²) and (8 ln 2·t² − 1)e^(−ct²) decrease for t ≥ 5, what the cut
/// leaves out of each output at a point is, per reflection, at most |I(1 − η)| times
/// G(0)·2⁻¹⁰⁰ (y), 40 ln 2/H·G(0)·2⁻¹⁰⁰ (∂/∂P), (200 ln 2 − 1)/H·G(0)·2⁻¹⁰⁰ (∂/∂H), and
/// |I|·G(0)·2⁻¹⁰⁰ (∂/∂η). 2⁻¹⁰⁰ ≈ 7.9e-31.
/// </remarks>
public class KernelGaussianCutTests(ITestOutputHelper output)
{
    private const double FourLn2 = 2.7725887222397812376689284858327;
    private const double GaussianHeight = 0.93943727869965133377234032841018;
    private static readonly double TwoToMinus100 = Math.ScaleB(1, -100);

    /// <summary>exp(−4 ln 2·5²) is 2⁻¹⁰⁰: the Gaussian at 5 FWHM is 2⁻¹⁰⁰ of its height.</summary>
    [Fact]
    public void TheGaussianAtFiveFwhmIsTwoToTheMinus100OfItsHeight() =>
        Assert.Equal(1, Math.Exp(-FourLn2 * 25) / TwoToMinus100, 13);

    /// <summary>Cut at 5 against the Gaussian over the whole window: every output within the bound, at every point.</summary>
    [Property(MaxTest = 100)]
    public void TheCutChangesNothingBeyondTheBound(int seed)
    {
        var problem = KernelTestProblems.Random(seed) with { WindowHalfWidth = 10, GaussianHalfWidth = 5 };
        int n = problem.Grid.Count;
        var cut = Run(problem, new ProfileKernelOptions(10, 5, KernelVectorWidth.Automatic));
        var full = Run(problem, ProfileKernelOptions.FullWindow(10));

        var bound = new double[4][];
        for (int o = 0; o < 4; o++)
        {
            bound[o] = new double[n];
        }
        for (int k = 0; k < problem.Position.Length; k++)
        {
            double height = GaussianHeight / problem.Fwhm[k] * TwoToMinus100;
            double gaussianPart = Math.Abs(problem.Intensity[k] * (1 - problem.Mixing[k])) * height;
            for (int i = 0; i < n; i++)
            {
                double t = Math.Abs(problem.X[i] - problem.Position[k]) / problem.Fwhm[k];
                if (t >= 5 * (1 - 1e-12) && t <= 10 * (1 + 1e-12))
                {
                    bound[0][i] += gaussianPart;
                    bound[1][i] += gaussianPart * 20 * FourLn2 / 2 / problem.Fwhm[k];          // 40 ln 2 / H
                    bound[2][i] += gaussianPart * (50 * FourLn2 - 1) / problem.Fwhm[k];        // (200 ln 2 − 1)/H
                    bound[3][i] += Math.Abs(problem.Intensity[k]) * height;
                }
            }
        }
        string[] names = ["y", "Σ I ∂pV/∂P", "Σ I ∂pV/∂H", "Σ I ∂pV/∂η"];
        for (int o = 0; o < 4; o++)
        {
            for (int i = 0; i < n; i++)
            {
                double difference = Math.Abs(cut[o][i] - full[o][i]);
                // Rounding: the sums differ by the terms left out, and by at most an ulp of each
                // partial sum where a left-out term was not negligible against it.
                double rounding = 4 * double.Epsilon + 2e-16 * Math.Abs(full[o][i]) * (bound[o][i] > 0 ? 1 : 0);
                Assert.True(difference <= bound[o][i] + rounding,
                    $"{names[o]}[{i}]: the cut changed it by {difference:E3}, bound {bound[o][i]:E3} ({problem})");
            }
        }
    }

    /// <summary>On the reference problem (η ≥ 0.25 everywhere) the cut changes y and its derivatives not at all, or in the last bit.</summary>
    [Fact]
    public void OnTheReferenceProblemTheCutIsInvisible()
    {
        var problem = ReferenceProfileProblem.Create();
        int n = problem.Grid.Count;
        double[][] Run(ProfileKernelOptions options)
        {
            double[] y = new double[n], a = new double[n], b = new double[n], c = new double[n];
            PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, options, y, a, b, c);
            return [y, a, b, c];
        }
        var cut = Run(ProfileKernelOptions.Default);
        var full = Run(ProfileKernelOptions.FullWindow());
        for (int o = 0; o < 4; o++)
        {
            double scale = full[o].Max(Math.Abs), worst = 0;
            int differing = 0;
            for (int i = 0; i < n; i++)
            {
                worst = Math.Max(worst, Math.Abs(cut[o][i] - full[o][i]) / scale);
                differing += cut[o][i] == full[o][i] ? 0 : 1;
            }
            output.WriteLine($"output {o}: {differing} of {n} points differ; largest difference {worst:E2} of max |output|");
            Assert.True(worst <= 1e-28, $"output {o}: {worst:E2}");
        }
    }

    private static double[][] Run(KernelTestProblem problem, ProfileKernelOptions options)
    {
        int n = problem.Grid.Count;
        double[] y = new double[n], a = new double[n], b = new double[n], c = new double[n];
        PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, options, y, a, b, c);
        return [y, a, b, c];
    }
}
