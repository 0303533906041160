using MathNet.Numerics;

namespace Crystallography.Intergrowth.Cli.Demo;

/// <summary>
/// Draws Poisson-distributed counts with a mean λ from a seeded <see cref="Random"/>, so that simulated patterns carry the
/// counting noise of a detector and can be regenerated bit for bit.
/// </summary>
/// <remarks>
/// λ below 10: Knuth's multiplication of uniforms (TAOCP vol. 2, 3.4.1), exact. λ of 10 and above: Hörmann's transformed
/// rejection with squeeze, PTRS (W. Hörmann, "The transformed rejection method for generating Poisson random variables",
/// Insurance: Mathematics and Economics 12 (1993) 39–45, algorithm PTRS), also exact, with about 1.1 pairs of uniforms per
/// draw whatever λ is — the demo's patterns have means up to ~20 000 counts. <see cref="Random(int)"/> with a seed gives the
/// same sequence in every .NET version (its seeded algorithm is frozen), which makes the committed files reproducible.
/// </remarks>
internal sealed class PoissonCounts(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>One count of mean <paramref name="mean"/> (≥ 0, finite).</summary>
    public int Next(double mean)
    {
        if (!(mean >= 0) || !double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "A Poisson mean must be finite and ≥ 0.");
        if (mean == 0) return 0;
        return mean < 10 ? Multiplication(mean) : TransformedRejection(mean);
    }

    private int Multiplication(double mean)
    {
        double limit = Math.Exp(-mean), product = _random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }
        return k;
    }

    private int TransformedRejection(double mean)
    {
        // Hörmann (1993), PTRS, with his constants for b, a, 1/α and v_r.
        double sqrtMean = Math.Sqrt(mean), logMean = Math.Log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = _random.NextDouble() - 0.5, v = _random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (int)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v * inverseAlpha / (a / (us * us) + b)) <= -mean + k * logMean - SpecialFunctions.GammaLn(k + 1))
                return (int)k;
        }
    }
}
