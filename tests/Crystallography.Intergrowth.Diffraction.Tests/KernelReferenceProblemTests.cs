using Crystallography.Intergrowth.Diffraction.Kernels;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// ../shared/PERFORMANCE.md's reference problem as <see cref="ReferenceProfileProblem"/> builds it
/// (the same generator the benchmarks use): the numbers the document states.
/// </summary>
public class KernelReferenceProblemTests(ITestOutputHelper output)
{
    /// <summary>±10 FWHM clipped to the pattern gives exactly 740,899 peak-point evaluations.</summary>
    [Fact]
    public void TheEvaluationCountIs740899()
    {
        var problem = ReferenceProfileProblem.Create();
        long count = PseudoVoigtProfileKernel.CountEvaluations(problem.Grid, problem.Peaks, ProfileKernelOptions.Default);
        Assert.Equal(ReferenceProfileProblem.EvaluationCount, count);
        Assert.Equal(740_899, count);

        // The same count from the reference's own window test, point by point.
        var x = problem.CreateAbscissae();
        long slow = 0;
        for (int k = 0; k < problem.Position.Length; k++)
        {
            double half = 10 * problem.Fwhm[k];
            foreach (double xi in x)
            {
                slow += xi >= problem.Position[k] - half && xi <= problem.Position[k] + half ? 1 : 0;
            }
        }
        Assert.Equal(740_899, slow);
    }

    /// <summary>The grid, the sorted positions, and the ranges PERFORMANCE.md quotes (H = 0.0104…0.0466°).</summary>
    [Fact]
    public void TheProblemHasTheStatedShape()
    {
        var problem = ReferenceProfileProblem.Create();
        Assert.Equal(new UniformGrid(2, 28.0 / 29999, 30_000), problem.Grid);
        Assert.Equal(30.0, problem.Grid[29_999], 12);
        Assert.Equal(1000, problem.Position.Length);
        for (int k = 1; k < problem.Position.Length; k++)
        {
            Assert.True(problem.Position[k] >= problem.Position[k - 1]);
        }
        Assert.InRange(problem.Position[0], 2.5, 3.5);
        Assert.InRange(problem.Position[999], 28.5, 29.5);
        double minH = double.MaxValue, maxH = 0, minI = double.MaxValue, maxI = 0;
        for (int k = 0; k < 1000; k++)
        {
            minH = Math.Min(minH, problem.Fwhm[k]);
            maxH = Math.Max(maxH, problem.Fwhm[k]);
            minI = Math.Min(minI, problem.Intensity[k]);
            maxI = Math.Max(maxI, problem.Intensity[k]);
            Assert.Equal(0.2 + 0.02 * problem.Position[k], problem.Mixing[k]);
        }
        output.WriteLine($"P {problem.Position[0]:F6} … {problem.Position[999]:F6}; H {minH:F5} … {maxH:F5}; I {minI:F4} … {maxI:F2}");
        // PERFORMANCE.md quotes the range to three significant figures.
        Assert.Equal(0.0104, Math.Round(minH, 4));
        Assert.Equal(0.0466, Math.Round(maxH, 4));
        Assert.InRange(minI, 1, 1.1);
        Assert.InRange(maxI, 900, 1000);
    }

    /// <summary>splitmix64 as written in PERFORMANCE.md: the published first outputs for seed 0 (Vigna's reference implementation).</summary>
    [Fact]
    public void SplitMix64MatchesItsReferenceOutputs()
    {
        var random = new ReferenceProfileProblem.SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.Next());
        Assert.Equal(0x06C45D188009454FUL, random.Next());
    }
}
