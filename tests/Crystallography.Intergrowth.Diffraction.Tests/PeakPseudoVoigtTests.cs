using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Crystallography.Intergrowth.Diffraction.Tests.PeakGenerators;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class PeakPseudoVoigtTests
{
    private static double[] Values(double[] x, double position, double fwhm, double eta)
    {
        var v = new double[x.Length];
        PseudoVoigt.Evaluate(x, position, fwhm, eta, v);
        return v;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void Area_is_one(double eta)
    {
        // Dense composite Simpson over ±200 H; the Lorentzian area beyond, η·(2/π)·atan(1/400),
        // is added analytically.
        const double position = 12.3, fwhm = 0.05, k = 200;
        double area = PeakReference.Simpson(x => Values([x], position, fwhm, eta)[0],
            position - k * fwhm, position + k * fwhm, 400_000);
        area += eta * PeakWindow.LorentzianAreaOutside(k);
        Assert.Equal(1, area, 1e-9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Full_width_at_half_maximum_is_the_width(double eta)
    {
        const double position = 5, fwhm = 0.037;
        double peak = Values([position], position, fwhm, eta)[0];
        double half = Bisect(x => Values([x], position, fwhm, eta)[0] - peak / 2, position, position + 3 * fwhm);
        double lowHalf = Bisect(x => Values([x], position, fwhm, eta)[0] - peak / 2, position - 3 * fwhm, position);
        Assert.Equal(fwhm, half - lowHalf, 1e-12);
    }

    [Fact]
    public void Mixing_limits_are_pure_Gaussian_and_pure_Lorentzian()
    {
        double[] x = Grid(20, 0.5, 101);
        double[] gaussian = Values(x, 20, 0.08, 0);
        double[] lorentzian = Values(x, 20, 0.08, 1);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(PeakReference.Gaussian(x[i] - 20, 0.08), gaussian[i], 1e-12 * 12);
            Assert.Equal(PeakReference.Lorentzian(x[i] - 20, 0.08), lorentzian[i], 1e-12 * 8);
        }
    }

    [Property(MaxTest = 200)]
    public Property Agrees_with_the_reference() => Prop.ForAll(Arb.From(
        from position in Uniform(1, 150)
        from fwhm in LogUniform(1e-3, 2)
        from eta in Uniform(0, 1)
        select (position, fwhm, eta)), p =>
    {
        double[] x = Grid(p.position, 15 * p.fwhm, 61);
        double[] v = Values(x, p.position, p.fwhm, p.eta);
        double peak = PeakReference.PseudoVoigt(0, p.fwhm, p.eta);
        for (int i = 0; i < x.Length; i++)
        {
            if (Math.Abs(v[i] - PeakReference.PseudoVoigt(x[i] - p.position, p.fwhm, p.eta)) > 1e-14 * peak)
            {
                return false;
            }
        }
        return true;
    });

    [Property(MaxTest = 100)]
    public Property Derivatives_agree_with_finite_differences() => Prop.ForAll(Arb.From(
        from position in Uniform(1, 150)
        from fwhm in LogUniform(1e-3, 2)
        from eta in Uniform(0.01, 0.99)
        select (position, fwhm, eta)), p =>
    {
        double[] x = Grid(p.position, 6 * p.fwhm, 49);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], dh = new double[n], de = new double[n];
        PseudoVoigt.EvaluateWithDerivatives(x, p.position, p.fwhm, p.eta, v, dp, dh, de);
        double step = 1e-3 * p.fwhm;
        // The position step is 3e-3 H so that rounding of x − position (|position| up to 150) stays small.
        double errorPosition = FiniteDifference.Check(dp, q => Values(x, q, p.fwhm, p.eta), p.position, 3 * step);
        double errorWidth = FiniteDifference.Check(dh, q => Values(x, p.position, q, p.eta), p.fwhm, step);
        double errorMixing = FiniteDifference.Check(de, q => Values(x, p.position, p.fwhm, q), p.eta, 1e-3);
        double[] plain = Values(x, p.position, p.fwhm, p.eta);
        bool sameValues = FiniteDifference.ScaledError(v, plain) < 1e-15;
        return (errorPosition < 2e-8 && errorWidth < 1e-8 && errorMixing < 1e-10 && sameValues)
            .Label($"position {errorPosition:E1}, width {errorWidth:E1}, mixing {errorMixing:E1}");
    });

    [Fact]
    public void Bad_arguments_are_refused_naming_the_parameter()
    {
        double[] x = [1, 2, 3];
        Assert.Equal("fwhm", Assert.Throws<ArgumentOutOfRangeException>(() => PseudoVoigt.Evaluate(x, 2, 0, 0.5, new double[3])).ParamName);
        Assert.Equal("eta", Assert.Throws<ArgumentOutOfRangeException>(() => PseudoVoigt.Evaluate(x, 2, 1, 1.5, new double[3])).ParamName);
        Assert.Equal("position", Assert.Throws<ArgumentOutOfRangeException>(() => PseudoVoigt.Evaluate(x, double.NaN, 1, 0.5, new double[3])).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => PseudoVoigt.Evaluate(x, 2, 1, 0.5, new double[2])).ParamName);
        Assert.Equal("dMixing", Assert.Throws<ArgumentException>(() =>
            PseudoVoigt.EvaluateWithDerivatives(x, 2, 1, 0.5, new double[3], new double[3], new double[3], new double[4])).ParamName);
    }

    [Fact]
    public void Empty_spans_are_fine()
    {
        PseudoVoigt.Evaluate([], 2, 1, 0.5, []);
        PseudoVoigt.EvaluateWithDerivatives([], 2, 1, 0.5, [], [], [], []);
    }

    internal static double Bisect(Func<double, double> f, double a, double b)
    {
        double fa = f(a);
        for (int i = 0; i < 200 && b - a > 1e-15 * Math.Max(1, Math.Abs(a)); i++)
        {
            double m = (a + b) / 2, fm = f(m);
            if (Math.Sign(fm) == Math.Sign(fa))
            {
                a = m;
                fa = fm;
            }
            else
            {
                b = m;
            }
        }
        return (a + b) / 2;
    }
}
