using System.Runtime.Intrinsics;
using Crystallography.Intergrowth.Diffraction.Kernels;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The kernels' inlined exponential against <see cref="Math.Exp"/>, and the same at every width.</summary>
public class KernelExponentialTests(ITestOutputHelper output)
{
    /// <summary>
    /// Relative difference from Math.Exp at most 5e-16 over [−708, 0] (dense near 0, where the kernel
    /// spends most of its evaluations, and across the whole range); the measured worst is printed.
    /// </summary>
    [Fact]
    public void AgreesWithMathExpToAFewUlps()
    {
        var random = new Random(1);
        double worst = 0, worstAt = 0;
        void Check(double x)
        {
            double expected = Math.Exp(x), actual = KernelExponential.Exp(x);
            double error = Math.Abs(actual - expected) / expected;
            if (error > worst)
            {
                (worst, worstAt) = (error, x);
            }
        }
        for (int i = 0; i < 1_000_000; i++)
        {
            Check(-708 * random.NextDouble());
            Check(-70 * random.NextDouble());          // |t| ≤ 5: the Gaussian cut's range
            Check(-0.35 * random.NextDouble());        // the reduced range itself
        }
        for (int j = -2000; j <= 0; j++)
        {
            Check(j * 0.3465735902799726);             // the ends of the reduction intervals (±ln2/2)
            Check(Math.BitDecrement(j * 0.3465735902799726));
        }
        output.WriteLine($"largest relative difference from Math.Exp: {worst:E3} at x = {worstAt:R}");
        Assert.True(worst <= 5e-16, $"{worst:E3} at {worstAt:R}");
    }

    /// <summary>exp(0) = 1 and exp(−0) = 1 exactly; the result is monotone across reduction boundaries.</summary>
    [Fact]
    public void ExactAtZeroAndMonotone()
    {
        Assert.Equal(1.0, KernelExponential.Exp(0.0));
        Assert.Equal(1.0, KernelExponential.Exp(-0.0));
        double previous = KernelExponential.Exp(-708);
        for (double x = -708; x <= 0; x += 0.0137)
        {
            double value = KernelExponential.Exp(x);
            Assert.True(value >= previous, $"not monotone at {x}");
            previous = value;
        }
    }

    /// <summary>Below −708 the argument is clamped: the result is exp(−708) ≈ 3.3e-308, never negative, NaN or ∞.</summary>
    [Fact]
    public void ClampsWhereItWouldUnderflow()
    {
        double floor = KernelExponential.Exp(KernelExponential.MinimumArgument);
        Assert.Equal(Math.Exp(-708), floor, 1e-320);
        Assert.True(floor < 3.4e-308);
        foreach (double x in new[] { -708.5, -745.2, -1000, -1e6, -1e300, double.MinValue })
        {
            Assert.Equal(floor, KernelExponential.Exp(x));
        }
    }

    /// <summary>Vector512 and Vector256 give bitwise the scalar value in every lane.</summary>
    [Fact]
    public void EveryWidthGivesTheScalarValue()
    {
        var random = new Random(2);
        var x = new double[4096];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = -750 * random.NextDouble() * random.NextDouble();
        }
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < x.Length; i += 8)
            {
                var v = KernelExponential.Exp<Vector512Operations, Vector512<double>>(Vector512.Create(x.AsSpan(i, 8)));
                for (int j = 0; j < 8; j++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(KernelExponential.Exp(x[i + j])), BitConverter.DoubleToInt64Bits(v[j]));
                }
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < x.Length; i += 4)
            {
                var v = KernelExponential.Exp<Vector256Operations, Vector256<double>>(Vector256.Create(x.AsSpan(i, 4)));
                for (int j = 0; j < 4; j++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(KernelExponential.Exp(x[i + j])), BitConverter.DoubleToInt64Bits(v[j]));
                }
            }
        }
    }
}
