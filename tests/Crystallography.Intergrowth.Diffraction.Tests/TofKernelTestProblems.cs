using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>A TOF kernel problem: times of flight and a peak table (arrays, so lambdas can capture them).</summary>
internal sealed record TofKernelTestProblem(double[] X, double[] Position, double[] Alpha, double[] Beta, double[] SigmaSquared, double[] Gamma, double[] Intensity)
{
    public TofPeaks Peaks => new(Position, Alpha, Beta, SigmaSquared, Gamma, Intensity);

    public override string ToString() => $"N = {X.Length}, M = {Position.Length}";
}

/// <summary>
/// Peak parameters as the refinement computes them for two real instruments, and random ones.
/// POWGEN: GSAS-II's POWGEN_2665.instprm (tests/…/Data/nac-sxrd-tof, the NAC tutorial's bank, DIFC 22598.6 µs/Å)
/// with GSAS-II's default sample broadening of the NAC tests (size 1 µm, microstrain 1000, both Lorentzian).
/// POLARIS: the CeCuAl3 145° bank of RealDataNeutronTests (cecual.sum: σ² = 61.676 d² + 6.196, γ = 0.60382 d,
/// α = 0.29710/d, β = 0.04182 + 0.00224/d⁴), DIFC ≈ 7476 µs/Å.
/// </summary>
internal static class TofKernelTestProblems
{
    public const double PowgenDifC = 22598.5929189;
    public const double PolarisDifC = 7476.0;

    public static TofCoefficients Powgen { get; } = new(0, 0.113971083793, 0.0192205621316, 0.0695794246829, 0,
        359.628514515, -316.074927848, 84.5341148902, 42.6229689423, 0, 0, 0, 1, 1, 1000, 1);

    public static TofCoefficients Polaris { get; } = new(0, 0.29710, 0.04182, 0.00224, 0,
        6.19555, 61.67594, 0, 0, 0, 0.60382, 0, double.PositiveInfinity, 1, 0, 1);

    /// <summary>Scalar, and each vector width the hardware accelerates.</summary>
    public static KernelVectorWidth[] Widths => KernelTestProblems.Widths;

    public static TofLorentzianConvention[] Conventions { get; } = [TofLorentzianConvention.Convolution, TofLorentzianConvention.GsasII];

    /// <summary>One peak's (α, β, σ², γ) at d on an instrument.</summary>
    public static (double Alpha, double Beta, double SigmaSquared, double Gamma) At(TofCoefficients instrument, double d, double difC)
    {
        var p = instrument.ParametersAt(d, difC);
        return (p.Alpha, p.Beta, p.SigmaSquared, p.Gamma);
    }

    /// <summary>
    /// Representative single peaks: POWGEN and POLARIS over their d ranges, and random parameters
    /// (α 0.005–3 µs⁻¹, β 0.003–1.5 µs⁻¹, σ² 0.5–5000 µs², γ 0–200 µs, some γ = 0), with a grid around each.
    /// </summary>
    public static IEnumerable<(string Name, double Alpha, double Beta, double SigmaSquared, double Gamma)> SinglePeaks()
    {
        foreach (double d in new[] { 0.5, 0.7, 1.0, 1.5, 2.2, 3.0, 4.0 })
        {
            var (a, b, s, g) = At(Powgen, d, PowgenDifC);
            yield return ($"POWGEN d={d}", a, b, s, g);
        }
        foreach (double d in new[] { 0.4, 0.6, 0.9, 1.3, 1.8, 2.5 })
        {
            var (a, b, s, g) = At(Polaris, d, PolarisDifC);
            yield return ($"POLARIS d={d}", a, b, s, g);
        }
        var random = new Random(20251126);
        for (int r = 0; r < 24; r++)
        {
            double a = LogUniform(random, 0.005, 3), b = LogUniform(random, 0.003, 1.5), s = LogUniform(random, 0.5, 5000);
            double g = r % 5 == 0 ? 0 : LogUniform(random, 0.05, 200);
            yield return ($"random {r}", a, b, s, g);
        }
    }

    /// <summary>A grid of about <paramref name="points"/> times of flight over the peak's kernel window (and a little beyond), slightly irregular.</summary>
    public static double[] GridAround(double position, double alpha, double beta, double sigmaSquared, double gamma, int points, int seed)
    {
        double fwhm = TofPeakShape.Widths(sigmaSquared, gamma).Fwhm;
        var options = TofProfileKernelOptions.Default;
        double lower = position - 1.05 * (options.WindowHalfWidth * fwhm + options.DecayLengths / alpha);
        double upper = position + 1.05 * (options.WindowHalfWidth * fwhm + options.DecayLengths / beta);
        var random = new Random(seed);
        var x = new double[points];
        double step = (upper - lower) / (points - 1);
        for (int i = 0; i < points; i++)
        {
            x[i] = lower + step * (i + 0.3 * (random.NextDouble() - 0.5));
        }
        return x;
    }

    /// <summary>
    /// A POWGEN-like pattern: <paramref name="points"/> times of flight from 11,000 to 100,000 µs spaced
    /// as GSAS binning (Δt/t constant), <paramref name="reflections"/> peaks with d log-uniform in
    /// [0.52, 4] Å (density ∝ 1/d⁴ as a real cell's), POWGEN_2665 parameters, intensities log-uniform in [1, 1000].
    /// </summary>
    public static TofKernelTestProblem Powgenlike(int points, int reflections, int seed)
    {
        var x = new double[points];
        double ratio = Math.Log(100_000.0 / 11_000.0) / (points - 1);
        for (int i = 0; i < points; i++)
        {
            x[i] = 11_000 * Math.Exp(ratio * i);
        }
        var random = new Random(seed);
        var d = new double[reflections];
        // 1/d³ uniform between 1/4³ and 1/0.52³: the number of reflections below d grows as 1/d³.
        double lo = 1 / (4.0 * 4 * 4), hi = 1 / (0.52 * 0.52 * 0.52);
        for (int k = 0; k < reflections; k++)
        {
            d[k] = 1 / Math.Cbrt(lo + random.NextDouble() * (hi - lo));
        }
        Array.Sort(d);
        Array.Reverse(d);
        var problem = new TofKernelTestProblem(x, new double[reflections], new double[reflections], new double[reflections],
            new double[reflections], new double[reflections], new double[reflections]);
        for (int k = 0; k < reflections; k++)
        {
            var (a, b, s, g) = At(Powgen, d[k], PowgenDifC);
            problem.Position[k] = PowgenDifC * d[k] + 0.608 * d[k] * d[k] - 51.9;
            problem.Alpha[k] = a;
            problem.Beta[k] = b;
            problem.SigmaSquared[k] = s;
            problem.Gamma[k] = g;
            problem.Intensity[k] = Math.Exp(random.NextDouble() * Math.Log(1000));
        }
        return problem;
    }

    /// <summary>The chain rule that makes Jacobian column j of one reflection its j-th output: Ω, ∂P, ∂α, ∂β, ∂σ², ∂γ.</summary>
    public static (int[] Start, int[] Column, double[][] Values) Identity()
    {
        int[] start = [0, 6];
        int[] column = [0, 1, 2, 3, 4, 5];
        var values = new double[6][];
        for (int j = 0; j < 6; j++)
        {
            values[j] = new double[6];
            values[j][j] = 1;
        }
        return (start, column, values);
    }

    public static TofPeakParameterDerivatives View((int[] Start, int[] Column, double[][] Values) rule) =>
        new(rule.Start, rule.Column, rule.Values[0], rule.Values[1], rule.Values[2], rule.Values[3], rule.Values[4], rule.Values[5]);

    private static double LogUniform(Random random, double low, double high) => Math.Exp(Math.Log(low) + random.NextDouble() * Math.Log(high / low));
}
