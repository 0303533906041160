using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>A warm TOF kernel call allocates nothing, at every width and through every entry point.</summary>
public class TofKernelAllocationTests
{
    [Fact]
    public void WarmCallsAllocateNothing()
    {
        var problem = TofKernelTestProblems.Powgenlike(2000, 30, seed: 3);
        int n = problem.X.Length, m = problem.Position.Length;
        var y = new double[n];
        var jacobian = new double[2 * n];
        var start = new int[m + 1];
        var column = new int[m];
        var values = new double[6][];
        for (int j = 0; j < 6; j++)
        {
            values[j] = Enumerable.Repeat(0.5, m).ToArray();
        }
        for (int k = 0; k < m; k++)
        {
            start[k + 1] = k + 1;
            column[k] = k % 2;
        }
        foreach (var width in TofKernelTestProblems.Widths)
        {
            foreach (var convention in TofKernelTestProblems.Conventions)
            {
                var options = TofProfileKernelOptions.Default with { VectorWidth = width, Convention = convention };
                Action[] calls =
                [
                    () => TofProfileKernel.AccumulateProfile(problem.X, problem.Peaks, options, y),
                    () => TofProfileKernel.AccumulateProfileAndJacobian(problem.X, problem.Peaks, TofKernelTestProblems.View((start, column, values)), options, n, y, jacobian),
                    () => TofProfileKernel.CountEvaluations(problem.X, problem.Peaks, options),
                ];
                for (int c = 0; c < calls.Length; c++)
                {
                    calls[c]();
                    calls[c]();
                    long bytes = Allocation.FewestBytes(calls[c], trials: 4);
                    Assert.True(bytes == 0, $"{width}, {convention}, call {c}: {bytes} bytes allocated by every call");
                }
            }
        }
    }
}
