using Crystallography.Intergrowth.TestKit;
using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>A warm kernel call allocates nothing, at every width and through every entry point.</summary>
/// <remarks>Each check takes the fewest bytes over several calls (see TestKit's <see cref="Allocation"/>).</remarks>
public class KernelAllocationTests
{
    /// <summary>GC.GetAllocatedBytesForCurrentThread around a second call is unchanged.</summary>
    [Fact]
    public void WarmCallsAllocateNothing()
    {
        var problem = KernelTestProblems.Random(7, maxPoints: 3000, maxReflections: 40);
        int n = problem.Grid.Count;
        double[] y = new double[n], d1 = new double[n], d2 = new double[n], d3 = new double[n];
        int stride = Math.Max(1, n);
        var jacobian = new double[stride * problem.ChainRule.Columns];
        foreach (var width in KernelTestProblems.Widths)
        {
            var options = problem.Options(width);
            Action[] calls =
            [
                () => PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, problem.Peaks, options, y),
                () => PseudoVoigtProfileKernel.AccumulateProfile(problem.X, problem.Peaks, options, y),
                () => PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, options, y, d1, d2, d3),
                () => PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.X, problem.Peaks, options, y, d1, d2, d3),
                () => PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(problem.Grid, problem.Peaks, problem.ChainRule.View, options, stride, y, jacobian),
                () => PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(problem.X, problem.Peaks, problem.ChainRule.View, options, stride, y, jacobian),
                () => PseudoVoigtProfileKernel.EvaluatePeak(problem.Grid, 1.5, 0.05, 0.4, options, y, d1, d2, d3),
                () => PseudoVoigtProfileKernel.EvaluatePeak(problem.X, 1.5, 0.05, 0.4, options, y, d1, d2, d3),
                () => PseudoVoigtProfileKernel.CountEvaluations(problem.Grid, problem.Peaks, options),
            ];
            for (int c = 0; c < calls.Length; c++)
            {
                calls[c]();   // warm: JIT, tiering
                calls[c]();
                long bytes = Allocation.FewestBytes(calls[c]);
                Assert.True(bytes == 0, $"{width}, call {c}: {bytes} bytes allocated by every call");
            }
        }
    }

    /// <summary>The reference problem, the benchmark's configuration: no allocation per call.</summary>
    [Fact]
    public void TheReferenceProblemAllocatesNothing()
    {
        var problem = ReferenceProfileProblem.Create();
        double[] y = new double[problem.Grid.Count], d1 = new double[y.Length], d2 = new double[y.Length], d3 = new double[y.Length];
        // Warm both entry points first: the first call of a generic instantiation may allocate
        // while the runtime loads and compiles it.
        for (int warm = 0; warm < 3; warm++)
        {
            PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, ProfileKernelOptions.Default, y, d1, d2, d3);
            PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, problem.Peaks, ProfileKernelOptions.Default, y);
        }
        long bytes = Allocation.FewestBytes(() =>
        {
            PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, problem.Peaks, ProfileKernelOptions.Default, y, d1, d2, d3);
            PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, problem.Peaks, ProfileKernelOptions.Default, y);
        });
        Assert.True(bytes == 0, $"every pair of calls allocated at least {bytes} bytes");
    }

    /// <summary>The check itself sees an allocation that every call makes, through all its rounds.</summary>
    [Fact]
    public void TheCheckSeesAnAllocationOnEveryCall()
    {
        object? kept = null;
        long bytes = Allocation.FewestBytes(() => kept = new double[30], trials: 2);
        Assert.Equal(24 + 8 * 30, bytes);
        Assert.NotNull(kept);
        Assert.Equal(0, Allocation.FewestBytes(() => kept = null, trials: 2));
    }
}
