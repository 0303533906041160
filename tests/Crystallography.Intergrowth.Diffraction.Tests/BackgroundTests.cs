using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Crystallography.Intergrowth.Diffraction.Tests.PeakGenerators;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class BackgroundTests
{
    [Property(MaxTest = 100)]
    public Property Chebyshev_agrees_with_cos_k_arccos() => Prop.ForAll(Arb.From(
        from terms in Gen.Choose(1, 12)
        from c in Uniform(-100, 100).ArrayOf(terms)
        from lo in Uniform(0, 20)
        from width in Uniform(1, 150)
        select (c, lo, hi: lo + width)), p =>
    {
        double[] x = Grid((p.lo + p.hi) / 2, (p.hi - p.lo) / 2, 57);
        var v = new double[x.Length];
        ChebyshevBackground.Evaluate(x, p.lo, p.hi, p.c, v);
        var background = new ChebyshevBackground(p.lo, p.hi, p.c);
        double scale = p.c.Sum(Math.Abs);
        for (int i = 0; i < x.Length; i++)
        {
            double t = Math.Clamp(2 * (x[i] - p.lo) / (p.hi - p.lo) - 1, -1, 1);
            double reference = p.c.Select((ck, k) => ck * Math.Cos(k * Math.Acos(t))).Sum();
            if (Math.Abs(v[i] - reference) > 1e-12 * scale || Math.Abs(background.ValueAt(x[i]) - v[i]) > 1e-13 * scale)
            {
                return false;
            }
        }
        return true;
    });

    [Fact]
    public void Chebyshev_derivatives_are_the_basis_and_agree_with_finite_differences()
    {
        double[] x = Grid(15, 13, 40);
        double[] c = [120, -30, 8, 2.5, -1, 0.3];
        int n = x.Length, m = c.Length;
        double[] v = new double[n], d = new double[n * m];
        ChebyshevBackground.EvaluateWithDerivatives(x, 2, 28, c, v, d);
        var plain = new double[n];
        ChebyshevBackground.Evaluate(x, 2, 28, c, plain);
        Assert.True(FiniteDifference.ScaledError(v, plain) < 1e-15);
        for (int k = 0; k < m; k++)
        {
            int kk = k;
            FiniteDifference.AssertAgrees($"c{k}", d.AsSpan(k * n, n), q =>
            {
                double[] shifted = (double[])c.Clone();
                shifted[kk] = q;
                var r = new double[n];
                ChebyshevBackground.Evaluate(x, 2, 28, shifted, r);
                return r;
            }, c[k], 0.1, 1e-9, 1);
        }
        // T_k(±1) = (±1)^k at the ends of the range.
        double[] ends = [2, 28];
        double[] e = new double[2], de = new double[2 * m];
        ChebyshevBackground.EvaluateWithDerivatives(ends, 2, 28, c, e, de);
        for (int k = 0; k < m; k++)
        {
            Assert.Equal(k % 2 == 0 ? 1 : -1, de[k * 2], 1e-15);
            Assert.Equal(1, de[k * 2 + 1], 1e-15);
        }
    }

    [Fact]
    public void Interpolation_passes_through_its_points_is_linear_between_and_flat_outside()
    {
        double[] positions = [5, 10, 20, 40];
        double[] heights = [100, 80, 95, 60];
        var background = new InterpolatedBackground(positions, heights);
        double[] x = [0, 5, 7.5, 10, 15, 20, 39, 40, 50];
        var v = new double[x.Length];
        background.Evaluate(x, v);
        double[] expected = [100, 100, 90, 80, 87.5, 95, 61.75, 60, 60];
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(expected[i], v[i], 1e-12);
        }
    }

    [Fact]
    public void Interpolation_derivatives_agree_with_finite_differences()
    {
        double[] positions = [5, 10, 20, 40];
        double[] heights = [100, 80, 95, 60];
        double[] x = Grid(25, 24, 60);
        int n = x.Length, m = positions.Length;
        double[] v = new double[n], d = Enumerable.Repeat(double.NaN, n * m).ToArray();
        InterpolatedBackground.EvaluateWithDerivatives(x, positions, heights, v, d);
        for (int j = 0; j < m; j++)
        {
            int jj = j;
            FiniteDifference.AssertAgrees($"b{j}", d.AsSpan(j * n, n), q =>
            {
                double[] shifted = (double[])heights.Clone();
                shifted[jj] = q;
                var r = new double[n];
                InterpolatedBackground.Evaluate(x, positions, shifted, r);
                return r;
            }, heights[j], 0.5, 1e-12, 1);
        }
        // Every row of the derivative matrix sums to one (the interpolation weights).
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                sum += d[j * n + i];
            }
            Assert.Equal(1, sum, 1e-15);
        }
    }

    [Fact]
    public void Bad_backgrounds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChebyshevBackground(10, 10, [1.0]));
        Assert.Throws<ArgumentException>(() => new ChebyshevBackground(0, 10, []));
        Assert.Throws<ArgumentException>(() => new ChebyshevBackground(0, 10, [double.NaN]));
        Assert.Equal("dCoefficients", Assert.Throws<ArgumentException>(() =>
            ChebyshevBackground.EvaluateWithDerivatives([1.0, 2.0], 0, 10, [1.0, 2.0], new double[2], new double[3])).ParamName);
        Assert.Throws<ArgumentException>(() => new InterpolatedBackground([1.0, 1.0], [2.0, 3.0]));
        Assert.Throws<ArgumentException>(() => new InterpolatedBackground([1.0, 2.0], [2.0]));
        Assert.Throws<ArgumentException>(() => new InterpolatedBackground([], []));
    }

    [Fact]
    public void Backgrounds_are_values()
    {
        var a = new ChebyshevBackground(2, 30, [1.0, 2.0]);
        Assert.Equal(a, new ChebyshevBackground(2, 30, [1.0, 2.0]));
        Assert.NotEqual(a, a.WithCoefficients([1.0, 2.5]));
        Assert.Equal(a.GetHashCode(), new ChebyshevBackground(2, 30, [1.0, 2.0]).GetHashCode());
        var b = new InterpolatedBackground([1.0, 2.0], [3.0, 4.0]);
        Assert.Equal(b, new InterpolatedBackground([1.0, 2.0], [3.0, 4.0]));
        Assert.NotEqual(b, b.WithHeights([3.0, 5.0]));
    }
}
