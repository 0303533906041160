using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>A random profile-kernel problem: a grid, a peak table, options and a chain-rule table.</summary>
internal sealed record KernelTestProblem
{
    public required UniformGrid Grid { get; init; }
    public required double[] X { get; init; }
    public required double[] Position { get; init; }
    public required double[] Fwhm { get; init; }
    public required double[] Mixing { get; init; }
    public required double[] Intensity { get; init; }
    public required double WindowHalfWidth { get; init; }
    public required double GaussianHalfWidth { get; init; }
    public required KernelReference.ChainRule ChainRule { get; init; }

    public PseudoVoigtPeaks Peaks => new(Position, Fwhm, Mixing, Intensity);

    public ProfileKernelOptions Options(KernelVectorWidth width) => new(WindowHalfWidth, GaussianHalfWidth, width);

    public KernelReference.Result Reference() =>
        KernelReference.Evaluate(X, Position, Fwhm, Mixing, Intensity, WindowHalfWidth, GaussianHalfWidth, ChainRule);

    public override string ToString() =>
        $"N = {Grid.Count}, M = {Position.Length}, window ±{WindowHalfWidth} FWHM, Gaussian ±{GaussianHalfWidth}, {ChainRule.Columns} columns";
}

/// <summary>Generators of profile-kernel problems and the widths this machine can run.</summary>
internal static class KernelTestProblems
{
    /// <summary>Scalar, and each vector width the hardware accelerates.</summary>
    public static KernelVectorWidth[] Widths { get; } =
        new[] { KernelVectorWidth.Scalar, KernelVectorWidth.Vector256, KernelVectorWidth.Vector512 }
            .Where(ProfileKernelOptions.IsSupported).ToArray();

    /// <summary>
    /// A random problem from a seed: grid of up to <paramref name="maxPoints"/> points, up to
    /// <paramref name="maxReflections"/> peaks placed anywhere from well before the first point to well
    /// after the last (so windows are clipped on either side), widths from a third of a step to 60
    /// steps, η anywhere in [0, 1] including its ends, log-uniform intensities with some negative, and
    /// windows and Gaussian cuts that vary.
    /// </summary>
    public static KernelTestProblem Random(int seed, int maxPoints = 700, int maxReflections = 30)
    {
        var random = new System.Random(seed);
        int n = random.Next(maxPoints + 1);
        double step = Math.Exp(Uniform(random, Math.Log(1e-3), Math.Log(0.2)));
        var grid = new UniformGrid(Uniform(random, -10, 40), step, n);
        int m = random.Next(maxReflections + 1);
        double window = random.Next(3) switch { 0 => 10, 1 => Uniform(random, 0.5, 25), _ => 5 };
        double gaussian = random.Next(3) switch { 0 => 5, 1 => window, _ => Uniform(random, 0.3, 30) };
        var position = new double[m];
        var fwhm = new double[m];
        var mixing = new double[m];
        var intensity = new double[m];
        for (int k = 0; k < m; k++)
        {
            fwhm[k] = step * Math.Exp(Uniform(random, Math.Log(0.3), Math.Log(60)));
            double margin = 1.2 * window * fwhm[k];
            position[k] = Uniform(random, grid.Start - margin, grid[Math.Max(0, n - 1)] + margin);
            mixing[k] = random.Next(6) switch { 0 => 0, 1 => 1, _ => random.NextDouble() };
            intensity[k] = Math.Exp(Uniform(random, Math.Log(1e-3), Math.Log(1e3))) * (random.Next(10) == 0 ? -1 : 1);
        }
        return new KernelTestProblem
        {
            Grid = grid,
            X = KernelReference.Abscissae(grid),
            Position = position,
            Fwhm = fwhm,
            Mixing = mixing,
            Intensity = intensity,
            WindowHalfWidth = window,
            GaussianHalfWidth = gaussian,
            ChainRule = RandomChainRule(random, m),
        };
    }

    /// <summary>Per reflection a random subset of 1–5 columns with random derivatives (some zero).</summary>
    public static KernelReference.ChainRule RandomChainRule(System.Random random, int reflections)
    {
        int columns = 1 + random.Next(5);
        var start = new int[reflections + 1];
        var column = new List<int>();
        var dI = new List<double>();
        var dP = new List<double>();
        var dH = new List<double>();
        var dE = new List<double>();
        // Zero (a parameter that does not move this quantity) or of order one: 0.5 … 2 with either sign.
        double Weight() => random.Next(4) == 0 ? 0 : Uniform(random, 0.5, 2) * (random.Next(2) == 0 ? -1 : 1);
        for (int k = 0; k < reflections; k++)
        {
            start[k] = column.Count;
            for (int c = 0; c < columns; c++)
            {
                if (random.Next(3) == 0)
                {
                    continue;
                }
                column.Add(c);
                dI.Add(Weight());
                dP.Add(Weight());
                dH.Add(Weight());
                dE.Add(Weight());
            }
        }
        start[reflections] = column.Count;
        return new KernelReference.ChainRule(columns, start, [.. column], [.. dI], [.. dP], [.. dH], [.. dE]);
    }

    public static double Uniform(System.Random random, double low, double high) => low + (high - low) * random.NextDouble();
}
