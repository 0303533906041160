using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Runs the code sample of docs/least-squares.md, line for line (STYLE habit 13).</summary>
public sealed class LeastSquaresDocsExampleTests
{
    [Fact]
    public void TheSampleRunsAndReachesNistMisra1a()
    {
        double[] x = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
        double[] y = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78];
        var engine = new LevenbergMarquardt(LevenbergMarquardtOptions.Default with { MaximumCycles = 200 });
        LeastSquaresResult result = engine.Minimize(new Misra1aProblem(x, y), [500, 1e-4], ["b1", "b2"]);
        Console.WriteLine(result);
        Console.WriteLine($"b1 = {result.Parameters[0]:F4}({result.StandardUncertainties[0]:F4})");

        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.Equal(2.3894212918E+02, result.Parameters[0], 1e-6 * 2.3894212918E+02);
        Assert.Equal(2.7070075241E+00, result.StandardUncertainties[0], 1e-4 * 2.7070075241E+00);
        Assert.Equal(1.2455138894E-01, result.ChiSquared, 1e-6 * 1.2455138894E-01);
        DocumentationExample.AssertMirrored("least-squares.md", "tests", "Crystallography.Intergrowth.Refinement.Tests", "LeastSquaresDocsExampleTests.cs");
    }
}

sealed class Misra1aProblem(double[] x, double[] y) : ILeastSquaresProblem
{
    public int ObservationCount => x.Length;
    public int ParameterCount => 2;
    public void Evaluate(ReadOnlySpan<double> b, Span<double> r, Span<double> jacobian)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double e = Math.Exp(-b[1] * x[i]);
            r[i] = y[i] - b[0] * (1 - e);
            if (jacobian.IsEmpty) continue;
            jacobian[i] = 1 - e;
            jacobian[x.Length + i] = b[0] * x[i] * e;
        }
    }
}
