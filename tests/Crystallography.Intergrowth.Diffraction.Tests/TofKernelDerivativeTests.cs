using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The Jacobian columns against central differences of the kernel's own profile, through a chain rule that moves all six peak parameters.</summary>
public class TofKernelDerivativeTests
{
    /// <summary>
    /// θ moves I, P, α, β, σ², γ of every peak at once (I(1 + 0.3θ), P + 5θ, α(1 + 0.1θ), β(1 − 0.1θ), σ²(1 + 0.2θ), γ(1 + 0.3θ) + 0.5θ);
    /// a second column moves the positions only. Central differences with step 1e-4 have truncation error ~h²·y‴ ≈ 1e-8
    /// of the largest value and rounding ~1e-16/1e-4; the tolerance 1e-6 of the column's largest value leaves a wide margin.
    /// </summary>
    [Theory]
    [InlineData(TofLorentzianConvention.Convolution)]
    [InlineData(TofLorentzianConvention.GsasII)]
    public void JacobianColumnsMatchCentralDifferences(TofLorentzianConvention convention)
    {
        var problem = TofKernelTestProblems.Powgenlike(3000, 40, seed: 5);
        // A window wide enough that no peak's window moves with θ: the profile is then a smooth function of θ.
        var options = new TofProfileKernelOptions(1e4, 0, convention, KernelVectorWidth.Automatic);
        int n = problem.X.Length, m = problem.Position.Length;
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
            column[2 * k] = 0;
            column[2 * k + 1] = 1;
            values[0][2 * k] = 0.3 * problem.Intensity[k];
            values[1][2 * k] = 5;
            values[2][2 * k] = 0.1 * problem.Alpha[k];
            values[3][2 * k] = -0.1 * problem.Beta[k];
            values[4][2 * k] = 0.2 * problem.SigmaSquared[k];
            values[5][2 * k] = 0.3 * problem.Gamma[k] + 0.5;
            values[1][2 * k + 1] = 1;
        }
        var y = new double[n];
        var jacobian = new double[2 * n];
        TofProfileKernel.AccumulateProfileAndJacobian(problem.X, problem.Peaks, TofKernelTestProblems.View((start, column, values)), options, n, y, jacobian);

        const double h = 1e-4;
        double[] Profile(double theta, bool positionsOnly)
        {
            var p = problem with
            {
                Position = problem.Position.Select(v => v + (positionsOnly ? 1 : 5) * theta).ToArray(),
                Intensity = positionsOnly ? problem.Intensity : problem.Intensity.Select(v => v * (1 + 0.3 * theta)).ToArray(),
                Alpha = positionsOnly ? problem.Alpha : problem.Alpha.Select(v => v * (1 + 0.1 * theta)).ToArray(),
                Beta = positionsOnly ? problem.Beta : problem.Beta.Select(v => v * (1 - 0.1 * theta)).ToArray(),
                SigmaSquared = positionsOnly ? problem.SigmaSquared : problem.SigmaSquared.Select(v => v * (1 + 0.2 * theta)).ToArray(),
                Gamma = positionsOnly ? problem.Gamma : problem.Gamma.Select(v => v * (1 + 0.3 * theta) + 0.5 * theta).ToArray(),
            };
            var result = new double[n];
            TofProfileKernel.AccumulateProfile(p.X, p.Peaks, options, result);
            return result;
        }
        for (int c = 0; c < 2; c++)
        {
            double[] plus = Profile(h, c == 1), minus = Profile(-h, c == 1);
            var difference = new double[n];
            for (int i = 0; i < n; i++)
            {
                difference[i] = (plus[i] - minus[i]) / (2 * h);
            }
            double error = TofKernelAgreementTests.RelativeError(jacobian.AsSpan(c * n, n).ToArray(), difference);
            Assert.True(error < 1e-6, $"column {c}: {error:E2} of its largest value");
        }
        var profile = new double[n];
        TofProfileKernel.AccumulateProfile(problem.X, problem.Peaks, options, profile);
        Assert.Equal(profile, y);
    }
}
