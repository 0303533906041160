using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The C# example of docs/diffraction-kernel.md is this test's code, line for line (STYLE.md habit 13).</summary>
public sealed class KernelDocsExampleTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crystallography.Intergrowth.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("no Crystallography.Intergrowth.sln above the test binaries");
    }

    private static readonly string[] ExampleLines =
    [
        "var problem = ReferenceProfileProblem.Create();",
        "var peaks = problem.Peaks;                                   // P, H, η, I as spans",
        "int n = problem.Grid.Count, m = peaks.Count;",
        "double[] y = new double[n];",
        "PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, peaks, ProfileKernelOptions.Default, y);",
        "// Two refined parameters: column 0 a zero shift (every P moves by 1), column 1 a scale S = 1 (∂I/∂S = I).",
        "int[] entryStart = new int[m + 1], column = new int[2 * m];",
        "double[] dI = new double[2 * m], dP = new double[2 * m], dH = new double[2 * m], dEta = new double[2 * m];",
        "for (int k = 0; k < m; k++)",
        "    entryStart[k + 1] = 2 * (k + 1);",
        "    (column[2 * k], dP[2 * k]) = (0, 1);",
        "    (column[2 * k + 1], dI[2 * k + 1]) = (1, peaks.Intensity[k]);",
        "var chainRule = new PeakParameterDerivatives(entryStart, column, dI, dP, dH, dEta);",
        "double[] yj = new double[n], jacobian = new double[2 * n];   // column-major, stride n",
        "PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(problem.Grid, peaks, chainRule, ProfileKernelOptions.Default, n, yj, jacobian);",
    ];

    /// <summary>The example runs: the scale column is y, the zero-shift column is the summed ∂/∂P.</summary>
    [Fact]
    public void TheDocsExampleRuns()
    {
        var problem = ReferenceProfileProblem.Create();
        var peaks = problem.Peaks;                                   // P, H, η, I as spans
        int n = problem.Grid.Count, m = peaks.Count;
        double[] y = new double[n];
        PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, peaks, ProfileKernelOptions.Default, y);

        // Two refined parameters: column 0 a zero shift (every P moves by 1), column 1 a scale S = 1 (∂I/∂S = I).
        int[] entryStart = new int[m + 1], column = new int[2 * m];
        double[] dI = new double[2 * m], dP = new double[2 * m], dH = new double[2 * m], dEta = new double[2 * m];
        for (int k = 0; k < m; k++)
        {
            entryStart[k + 1] = 2 * (k + 1);
            (column[2 * k], dP[2 * k]) = (0, 1);
            (column[2 * k + 1], dI[2 * k + 1]) = (1, peaks.Intensity[k]);
        }
        var chainRule = new PeakParameterDerivatives(entryStart, column, dI, dP, dH, dEta);
        double[] yj = new double[n], jacobian = new double[2 * n];   // column-major, stride n
        PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(problem.Grid, peaks, chainRule, ProfileKernelOptions.Default, n, yj, jacobian);
        // jacobian[0..n) = ∂y/∂zero, jacobian[n..2n) = ∂y/∂S = y at S = 1.

        double[] sy = new double[n], sP = new double[n], sH = new double[n], sE = new double[n];
        PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(problem.Grid, peaks, ProfileKernelOptions.Default, sy, sP, sH, sE);
        double yScale = y.Max(Math.Abs), pScale = sP.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            // The same sums with I folded in at a different step: equal to rounding.
            Assert.True(Math.Abs(yj[i] - y[i]) <= 1e-14 * yScale, $"y[{i}]");
            Assert.True(Math.Abs(jacobian[n + i] - y[i]) <= 1e-14 * yScale, $"∂y/∂S[{i}]");
            Assert.True(Math.Abs(jacobian[i] - sP[i]) <= 1e-14 * pScale, $"∂y/∂zero[{i}]");
        }
    }

    /// <summary>docs/diffraction-kernel.md still shows that code.</summary>
    [Fact]
    public void TheDocsShowTheCodeOfTheTestAbove()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diffraction-kernel.md"));
        foreach (string line in ExampleLines)
        {
            Assert.Contains(line, doc, StringComparison.Ordinal);
        }
    }
}
