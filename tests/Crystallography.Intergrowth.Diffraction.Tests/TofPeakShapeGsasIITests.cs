using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Crystallography.Intergrowth.Diffraction.Tests.PeakGenerators;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// <see cref="TofLorentzianConvention.GsasII"/>: GSAS-II's EPSVOIGT evaluates the rise term of the Lorentzian part at
/// α(−Δ + iH/2). Its Lorentzian part is then the Lorentzian convolved with two <em>decaying</em> exponentials,
/// β/(α+β)·α e^(−αt) + α/(α+β)·β e^(−βt) for t &gt; 0, while the default is the Lorentzian convolved with the
/// back-to-back exponentials N(e^(αt) for t &lt; 0, e^(−βt) for t &gt; 0), N = αβ/(α+β). Both are checked here
/// against those convolutions done by quadrature, and the GSAS-II form's derivatives against finite differences.
/// </summary>
public class TofPeakShapeGsasIITests
{
    private const double Position = 20_000;

    private static double[] Mixed(double[] x, double position, double alpha, double beta, double fwhm, double eta, TofLorentzianConvention convention)
    {
        var v = new double[x.Length];
        TofPeakShape.EvaluateMixed(x, position, alpha, beta, fwhm, eta, v, convention);
        return v;
    }

    private static double[] Values(double[] x, double position, double alpha, double beta, double s2, double gamma)
    {
        var v = new double[x.Length];
        TofPeakShape.Evaluate(x, position, alpha, beta, s2, gamma, v, TofLorentzianConvention.GsasII);
        return v;
    }

    // ∫₀^∞ r e^(−r t) L(Δ ∓ t) dt by composite Simpson on t ∈ [0, 60/r] (the exponential is below e^(−60) beyond).
    private static double ExponentialTimesLorentzian(double delta, double rate, double fwhm, int side)
    {
        const int n = 200_000;
        double upper = 60 / rate, h = upper / n, g = fwhm / 2, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double t = i * h;
            double u = delta - side * t;
            double f = rate * Math.Exp(-rate * t) * g / (Math.PI * (u * u + g * g));
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    [Theory]
    [InlineData(0.05, 0.02, 30.0)]
    [InlineData(0.23, 1.2, 25.0)]
    [InlineData(0.06, 0.024, 54.0)]
    public void Lorentzian_parts_are_the_convolutions_they_claim(double alpha, double beta, double fwhm)
    {
        double[] x = [Position - 3 * fwhm, Position - fwhm / 3, Position, Position + fwhm / 2, Position + 4 * fwhm];
        double[] convolution = Mixed(x, Position, alpha, beta, fwhm, 1, TofLorentzianConvention.Convolution);
        double[] gsasII = Mixed(x, Position, alpha, beta, fwhm, 1, TofLorentzianConvention.GsasII);
        for (int i = 0; i < x.Length; i++)
        {
            double delta = x[i] - Position;
            // Back-to-back exponentials: rise (t < 0) weight β/(α+β), decay weight α/(α+β), each a unit-area exponential.
            double expected = beta / (alpha + beta) * ExponentialTimesLorentzian(delta, alpha, fwhm, -1)
                            + alpha / (alpha + beta) * ExponentialTimesLorentzian(delta, beta, fwhm, +1);
            double expectedGsasII = beta / (alpha + beta) * ExponentialTimesLorentzian(delta, alpha, fwhm, +1)
                                  + alpha / (alpha + beta) * ExponentialTimesLorentzian(delta, beta, fwhm, +1);
            Assert.Equal(expected, convolution[i], 1e-9 * Math.Max(1, expected) + 1e-7 * expected);
            Assert.Equal(expectedGsasII, gsasII[i], 1e-9 * Math.Max(1, expectedGsasII) + 1e-7 * expectedGsasII);
        }
    }

    [Fact]
    public void Gaussian_part_is_the_same_in_both_conventions()
    {
        double[] x = Grid(Position, 200, 41);
        double[] a = Mixed(x, Position, 0.1, 0.03, 40, 0, TofLorentzianConvention.Convolution);
        double[] b = Mixed(x, Position, 0.1, 0.03, 40, 0, TofLorentzianConvention.GsasII);
        Assert.Equal(a, b);
    }

    [Property(MaxTest = 40)]
    public Property Gsas_ii_derivatives_agree_with_finite_differences() => Prop.ForAll(Arb.From(
        from alpha in LogUniform(0.02, 3)
        from beta in LogUniform(0.005, 0.5)
        from s2 in LogUniform(1, 2000)
        from gamma in LogUniform(0.1, 60)
        select (alpha, beta, s2, gamma)), p =>
    {
        TchCombination w = TofPeakShape.Widths(p.s2, p.gamma);
        double[] x = [.. Grid(Position, 6 * w.Fwhm, 31), Position - 20 * w.Fwhm - 2 / p.alpha, Position + 20 * w.Fwhm + 4 / p.beta];
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], da = new double[n], db = new double[n], ds = new double[n], dg = new double[n];
        TofPeakShape.EvaluateWithDerivatives(x, Position, p.alpha, p.beta, p.s2, p.gamma, v, dp, da, db, ds, dg, TofLorentzianConvention.GsasII);
        const double relative = 1e-4;
        double ePos = FiniteDifference.Check(dp, q => Values(x, q, p.alpha, p.beta, p.s2, p.gamma), Position, relative * w.Fwhm);
        double eA = FiniteDifference.Check(da, q => Values(x, Position, q, p.beta, p.s2, p.gamma), p.alpha, relative * p.alpha);
        double eB = FiniteDifference.Check(db, q => Values(x, Position, p.alpha, q, p.s2, p.gamma), p.beta, relative * p.beta);
        double eS = FiniteDifference.Check(ds, q => Values(x, Position, p.alpha, p.beta, q, p.gamma), p.s2, relative * p.s2);
        double eG = FiniteDifference.Check(dg, q => Values(x, Position, p.alpha, p.beta, p.s2, q), p.gamma, relative * p.gamma);
        double worst = new[] { ePos, eA, eB, eS, eG }.Max();
        return (worst < 1e-7).Label($"position {ePos:E1} α {eA:E1} β {eB:E1} σ² {eS:E1} γ {eG:E1}");
    });
}
