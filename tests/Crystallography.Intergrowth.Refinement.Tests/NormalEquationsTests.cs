using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The blocked, vectorised JᵀJ and Jᵀr against the plain triple loop (the slow reference).</summary>
public class NormalEquationsTests
{
    /// <summary>Random sizes (rows across block boundaries, columns not multiples of four) and values of mixed sign and scale.</summary>
    [Property(MaxTest = 60)]
    public void AgreesWithThePlainLoop(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int n = random.Next(0, 3 * NormalEquations.BlockRows + 40), p = random.Next(1, 40);
        var jacobian = new double[n * p];
        var residuals = new double[n];
        for (int i = 0; i < jacobian.Length; i++) jacobian[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
        for (int i = 0; i < n; i++) residuals[i] = random.NextDouble() - 0.5;
        var normal = Enumerable.Repeat(double.NaN, p * p).ToArray();   // stale contents must not leak in
        var gradient = Enumerable.Repeat(double.NaN, p).ToArray();
        NormalEquations.Build(jacobian, residuals, n, p, normal, gradient);
        for (int j = 0; j < p; j++)
        {
            double g = 0, gScale = 0;
            for (int i = 0; i < n; i++)
            {
                g += jacobian[j * n + i] * residuals[i];
                gScale += Math.Abs(jacobian[j * n + i] * residuals[i]);
            }
            Assert.True(Math.Abs(gradient[j] - g) <= 1e-13 * gScale, $"n {n}, p {p}: gradient[{j}] {gradient[j]:R} against {g:R}");
            for (int k = 0; k < p; k++)
            {
                double a = 0, scale = 0;
                for (int i = 0; i < n; i++)
                {
                    a += jacobian[j * n + i] * jacobian[k * n + i];
                    scale += Math.Abs(jacobian[j * n + i] * jacobian[k * n + i]);
                }
                Assert.True(Math.Abs(normal[j * p + k] - a) <= 1e-13 * scale, $"n {n}, p {p}: JᵀJ[{j},{k}] {normal[j * p + k]:R} against {a:R}");
                Assert.Equal(normal[j * p + k], normal[k * p + j]);
            }
        }
    }
}
