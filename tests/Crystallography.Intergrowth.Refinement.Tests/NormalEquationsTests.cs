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
        Check(jacobian, residuals, n, p);
    }

    /// <summary>
    /// Jacobians with the zero blocks of a Rietveld problem, which the build skips: columns zero on stretches of rows that
    /// start and end anywhere (across segment and run boundaries), rows zero in every column, whole zero columns, and
    /// stretches where every column is non-zero — so that runs of equal column sets form, grow past the run limit and break.
    /// </summary>
    [Property(MaxTest = 100)]
    public void AgreesWithThePlainLoopOnBlockSparseJacobians(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int n = random.Next(0, 6 * NormalEquations.BlockRows), p = random.Next(1, 90);   // masks of one and two words
        var jacobian = new double[n * p];
        var residuals = new double[n];
        for (int i = 0; i < n; i++) residuals[i] = random.NextDouble() - 0.5;
        // Pattern-like structure: alternating stretches ("between peaks": a few background columns; "on a peak": a random
        // subset of the columns, often the same subset again).
        var background = Enumerable.Range(0, p).Where(_ => random.Next(4) == 0).ToArray();
        var peakColumns = Enumerable.Range(0, p).Where(_ => random.Next(3) > 0).ToArray();
        for (int start = 0; start < n;)
        {
            int length = random.Next(1, 300);
            int kind = random.Next(4);
            int[] columns = kind switch
            {
                0 => background,
                1 => [],
                2 => Enumerable.Range(0, p).Where(_ => random.Next(2) == 0).ToArray(),
                _ => peakColumns,
            };
            for (int i = start; i < Math.Min(n, start + length); i++)
                foreach (int j in columns) jacobian[j * n + i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
            start += length;
        }
        Check(jacobian, residuals, n, p);
        // The same with masks of candidate columns, as a problem that knows its zeros supplies them: every non-zero
        // column of a segment and, at random, some zero ones.
        int words = NormalEquations.MaskWords(p);
        var masks = new ulong[NormalEquations.SegmentCount(n) * words];
        for (int s = 0; s < NormalEquations.SegmentCount(n); s++)
            for (int j = 0; j < p; j++)
            {
                bool nonZero = false;
                for (int i = s * NormalEquations.SegmentRows; i < Math.Min(n, (s + 1) * NormalEquations.SegmentRows); i++) nonZero |= jacobian[j * n + i] != 0;
                if (nonZero || random.Next(5) == 0) masks[s * words + (j >> 6)] |= 1UL << (j & 63);
            }
        // Bits past the last column mean nothing.
        if ((p & 63) != 0)
            for (int s = 0; s < NormalEquations.SegmentCount(n); s++)
                if (random.Next(2) == 0) masks[s * words + words - 1] |= ~0UL << (p & 63);
        Check(jacobian, residuals, n, p, masks);
    }

    /// <summary>A NaN or an infinity anywhere in the Jacobian, even in an otherwise zero stretch, reaches the diagonal: the engine's finiteness test rests on it.</summary>
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ANonFiniteEntryReachesTheDiagonal(double bad)
    {
        const int n = 1000, p = 7;
        var jacobian = new double[n * p];
        for (int i = 0; i < n; i++) jacobian[i] = 1;   // column 0 everywhere, the others zero
        jacobian[5 * n + 777] = bad;
        var normal = new double[p * p];
        var gradient = new double[p];
        NormalEquations.Build(jacobian, new double[n], n, p, normal, gradient);
        Assert.False(double.IsFinite(normal[5 * p + 5]));
        Assert.Equal(n, normal[0]);
    }

    /// <summary>Masks of the wrong size are refused, naming the parameter.</summary>
    [Fact]
    public void AMaskOfTheWrongSizeIsRefused()
    {
        const int n = 200, p = 3;
        var error = Assert.Throws<ArgumentException>(() =>
            NormalEquations.Build(new double[n * p], new double[n], n, p, new double[p * p], new double[p], new ulong[3]));
        Assert.Equal("candidateColumns", error.ParamName);
    }

    private static void Check(double[] jacobian, double[] residuals, int n, int p, ulong[]? masks = null)
    {
        var normal = Enumerable.Repeat(double.NaN, p * p).ToArray();   // stale contents must not leak in
        var gradient = Enumerable.Repeat(double.NaN, p).ToArray();
        NormalEquations.Build(jacobian, residuals, n, p, normal, gradient, masks);
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
