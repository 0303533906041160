using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Crystallography.Intergrowth.Diffraction.Tests.PeakGenerators;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class TofPeakShapeTests
{
    // A GSAS-II-like HRPD/POWGEN peak near d = 2 Å: TOF ≈ 20 000 µs, α ≈ 0.3/µs, β ≈ 0.03/µs.
    private const double Position = 20_000, Alpha = 0.3, Beta = 0.03, SigmaSquared = 60, Gamma = 4;

    private static double[] Values(double[] x, double position, double alpha, double beta, double s2, double gamma)
    {
        var v = new double[x.Length];
        TofPeakShape.Evaluate(x, position, alpha, beta, s2, gamma, v);
        return v;
    }

    private static double[] Mixed(double[] x, double position, double alpha, double beta, double fwhm, double eta)
    {
        var v = new double[x.Length];
        TofPeakShape.EvaluateMixed(x, position, alpha, beta, fwhm, eta, v);
        return v;
    }

    [Theory]
    [InlineData(60.0, 0.0)]
    [InlineData(60.0, 4.0)]
    [InlineData(1e-6, 10.0)]
    [InlineData(400.0, 30.0)]
    public void Area_is_one(double s2, double gamma)
    {
        TchCombination w = TofPeakShape.Widths(s2, gamma);
        // Adaptive Simpson over the window plus the tails: the decay side ∝ e^(−βΔ) is integrated far
        // out; the Lorentzian tail beyond ±k·H contributes at most η·(2/π)·atan(1/(2k)).
        double k = 2000;
        double lower = Position - k * w.Fwhm - 60 / Alpha, upper = Position + k * w.Fwhm + 60 / Beta;
        double area = 0;
        double[] cuts = [lower, Position - 20 * w.Fwhm, Position - 2 * w.Fwhm, Position, Position + 2 * w.Fwhm, Position + 20 * w.Fwhm, Position + 10 / Beta, upper];
        for (int i = 0; i + 1 < cuts.Length; i++)
        {
            area += PeakReference.Integrate(t => Values([t], Position, Alpha, Beta, s2, gamma)[0], cuts[i], cuts[i + 1], 1e-12);
        }
        double tail = w.Mixing * PeakWindow.LorentzianAreaOutside(k);
        Assert.True(Math.Abs(area - 1) <= tail + 1e-9, $"area {area}, tail bound {tail}");
        Assert.True(area <= 1 + 1e-9);
    }

    [Property(MaxTest = 25)]
    public Property Agrees_with_numerical_convolution() => Prop.ForAll(Arb.From(
        from alpha in LogUniform(0.02, 3)
        from beta in LogUniform(0.005, 0.5)
        from fwhm in LogUniform(1, 60)
        from eta in Uniform(0, 1)
        select (alpha, beta, fwhm, eta)), p =>
    {
        // Points across the peak and far into both tails.
        double[] x = [.. Grid(Position, 8 * p.fwhm, 9), Position - 30 * p.fwhm - 3 / p.alpha, Position + 30 * p.fwhm + 5 / p.beta];
        double[] v = Mixed(x, Position, p.alpha, p.beta, p.fwhm, p.eta);
        double peak = v.Max();
        for (int i = 0; i < x.Length; i++)
        {
            double reference = PeakReference.Tof(x[i] - Position, p.alpha, p.beta, p.fwhm, p.eta);
            if (Math.Abs(v[i] - reference) > 1e-9 * peak)
            {
                return false.Label($"x − P = {x[i] - Position}: {v[i]} vs {reference} (peak {peak})");
            }
        }
        return true.Label("ok");
    });

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    public void Tends_to_the_pseudo_Voigt_as_the_exponentials_sharpen(double eta)
    {
        // With α = β = a the exponential kernel has variance 2/a²; the shape differs from the pseudo-Voigt
        // by O(1/a²) relative, so at a = 1e4/µs and H = 10 µs the difference is ~1e-8 of the peak.
        double[] x = Grid(Position, 40, 81);
        double[] v = Mixed(x, Position, 1e4, 1e4, 10, eta);
        double peak = PeakReference.PseudoVoigt(0, 10, eta);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(v[i] - PeakReference.PseudoVoigt(x[i] - Position, 10, eta)) < 1e-7 * peak, $"at {x[i]}");
        }
    }

    [Fact]
    public void Peak_leans_towards_long_times()
    {
        // β < α: a slow decay, so the centroid lies after the position and the tail is longer there.
        double[] x = Grid(Position, 400, 4001);
        double[] v = Values(x, Position, Alpha, Beta, SigmaSquared, Gamma);
        double sum = 0, moment = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += v[i];
            moment += v[i] * (x[i] - Position);
        }
        Assert.True(moment / sum > 10, $"centroid offset {moment / sum}");
    }

    [Property(MaxTest = 60)]
    public Property Derivatives_agree_with_finite_differences() => Prop.ForAll(Arb.From(
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
        TofPeakShape.EvaluateWithDerivatives(x, Position, p.alpha, p.beta, p.s2, p.gamma, v, dp, da, db, ds, dg);
        const double relative = 1e-4;
        double ePos = FiniteDifference.Check(dp, q => Values(x, q, p.alpha, p.beta, p.s2, p.gamma), Position, relative * w.Fwhm);
        double eA = FiniteDifference.Check(da, q => Values(x, Position, q, p.beta, p.s2, p.gamma), p.alpha, relative * p.alpha);
        double eB = FiniteDifference.Check(db, q => Values(x, Position, p.alpha, q, p.s2, p.gamma), p.beta, relative * p.beta);
        double eS = FiniteDifference.Check(ds, q => Values(x, Position, p.alpha, p.beta, q, p.gamma), p.s2, relative * p.s2);
        double eG = FiniteDifference.Check(dg, q => Values(x, Position, p.alpha, p.beta, p.s2, q), p.gamma, relative * p.gamma);
        double worst = new[] { ePos, eA, eB, eS, eG }.Max();
        return (worst < 1e-7).Label($"position {ePos:E1} α {eA:E1} β {eB:E1} σ² {eS:E1} γ {eG:E1}");
    });

    [Property(MaxTest = 40)]
    public Property Width_and_mixing_derivatives_agree_with_finite_differences() => Prop.ForAll(Arb.From(
        from alpha in LogUniform(0.02, 3)
        from beta in LogUniform(0.005, 0.5)
        from fwhm in LogUniform(1, 100)
        from eta in Uniform(0.01, 0.99)
        select (alpha, beta, fwhm, eta)), p =>
    {
        double[] x = Grid(Position, 8 * p.fwhm + 3 / p.beta, 41);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], da = new double[n], db = new double[n], dh = new double[n], de = new double[n];
        TofPeakShape.EvaluateMixedWithDerivatives(x, Position, p.alpha, p.beta, p.fwhm, p.eta, v, dp, da, db, dh, de);
        double eH = FiniteDifference.Check(dh, q => Mixed(x, Position, p.alpha, p.beta, q, p.eta), p.fwhm, 1e-4 * p.fwhm);
        double eE = FiniteDifference.Check(de, q => Mixed(x, Position, p.alpha, p.beta, p.fwhm, q), p.eta, 1e-3);
        double eP = FiniteDifference.Check(dp, q => Mixed(x, q, p.alpha, p.beta, p.fwhm, p.eta), Position, 1e-4 * p.fwhm);
        return (Math.Max(eH, Math.Max(eE, eP)) < 1e-7).Label($"H {eH:E1} η {eE:E1} position {eP:E1}");
    });

    [Fact]
    public void Mixing_derivative_is_right_at_a_pure_Gaussian()
    {
        // η = 0 skips nothing the derivative needs: ∂/∂η = Ω_L − Ω_G there too.
        double[] x = Grid(Position, 100, 21);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], da = new double[n], db = new double[n], dh = new double[n], de = new double[n];
        TofPeakShape.EvaluateMixedWithDerivatives(x, Position, Alpha, Beta, 20, 0, v, dp, da, db, dh, de);
        double[] lorentzian = Mixed(x, Position, Alpha, Beta, 20, 1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(lorentzian[i] - v[i], de[i], 1e-15);
        }
    }

    [Fact]
    public void Tof_profile_gives_gsas_parameters_and_their_derivatives()
    {
        var profile = new TofProfile
        {
            Alpha0 = 0.01, Alpha1 = 0.6, Beta0 = 0.02, Beta1 = 0.005, BetaQ = 0.001,
            Sigma0Squared = 5, Sigma1Squared = 40, Sigma2Squared = 1, SigmaQSquared = 2,
            Gamma0 = 0.5, Gamma1 = 1.5, Gamma2 = 0.2,
            CrystalliteSize = 0.3, SizeLorentzianFraction = 0.7, Microstrain = 1500, StrainLorentzianFraction = 0.4,
        };
        const double d = 1.7, difC = 10_000;
        TofPeakParameters at = profile.ParametersAt(d, difC);
        double size = 1e-4 * difC * d * d / 0.3, strain = 1e-6 * difC * d * 1500;
        Assert.Equal(0.01 + 0.6 / d, at.Alpha, 1e-15);
        Assert.Equal(0.02 + 0.005 / Math.Pow(d, 4) + 0.001 / (d * d), at.Beta, 1e-15);
        Assert.Equal(5 + 40 * d * d + Math.Pow(d, 4) + 2 * d + (Math.Pow(0.3 * size, 2) + Math.Pow(0.6 * strain, 2)) / (8 * Math.Log(2)),
            at.SigmaSquared, 1e-11);
        Assert.Equal(0.5 + 1.5 * d + 0.2 * d * d + 0.7 * size + 0.4 * strain, at.Gamma, 1e-12);

        foreach (TofParameter parameter in Enum.GetValues<TofParameter>())
        {
            double value = Get(profile, parameter);
            double step = 1e-4 * Math.Max(Math.Abs(value), 0.1);
            double[] numeric = FiniteDifference.Derivative(q =>
            {
                TofPeakParameters shifted = Set(profile, parameter, q).ParametersAt(d, difC);
                return [shifted.Alpha, shifted.Beta, shifted.SigmaSquared, shifted.Gamma];
            }, value, step);
            (double a, double b, double s, double g) = at.Derivative(parameter);
            double error = FiniteDifference.ScaledError([a, b, s, g], numeric, 1e-6);
            Assert.True(error < 1e-8, $"{parameter}: {error:E1}");
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        double[] x = [1, 2];
        var v = new double[2];
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => TofPeakShape.Evaluate(x, 1, 0, 1, 1, 1, v)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => TofPeakShape.Evaluate(x, 1, 1, -1, 1, 1, v)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => TofPeakShape.Evaluate(x, 1, 1, 1, 0, 0, v));
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => TofPeakShape.Evaluate(x, 1, 1, 1, 1, 1, new double[3])).ParamName);
        Assert.Equal("sigmaSquared", Assert.Throws<ArgumentOutOfRangeException>(() =>
            TofPeakShape.EvaluateWithDerivatives(x, 1, 1, 1, 0, 1, v, v, v, v, v, v)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TofProfile { Alpha1 = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TofProfile().ParametersAt(0, 1000));
    }

    private static double Get(TofProfile p, TofParameter parameter) => parameter switch
    {
        TofParameter.Alpha0 => p.Alpha0, TofParameter.Alpha1 => p.Alpha1, TofParameter.Beta0 => p.Beta0,
        TofParameter.Beta1 => p.Beta1, TofParameter.BetaQ => p.BetaQ, TofParameter.Sigma0Squared => p.Sigma0Squared,
        TofParameter.Sigma1Squared => p.Sigma1Squared, TofParameter.Sigma2Squared => p.Sigma2Squared,
        TofParameter.SigmaQSquared => p.SigmaQSquared, TofParameter.Gamma0 => p.Gamma0, TofParameter.Gamma1 => p.Gamma1,
        TofParameter.Gamma2 => p.Gamma2, TofParameter.CrystalliteSize => p.CrystalliteSize,
        TofParameter.SizeLorentzianFraction => p.SizeLorentzianFraction, TofParameter.Microstrain => p.Microstrain,
        TofParameter.StrainLorentzianFraction => p.StrainLorentzianFraction,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter)),
    };

    private static TofProfile Set(TofProfile p, TofParameter parameter, double v) => parameter switch
    {
        TofParameter.Alpha0 => p with { Alpha0 = v }, TofParameter.Alpha1 => p with { Alpha1 = v },
        TofParameter.Beta0 => p with { Beta0 = v }, TofParameter.Beta1 => p with { Beta1 = v },
        TofParameter.BetaQ => p with { BetaQ = v }, TofParameter.Sigma0Squared => p with { Sigma0Squared = v },
        TofParameter.Sigma1Squared => p with { Sigma1Squared = v }, TofParameter.Sigma2Squared => p with { Sigma2Squared = v },
        TofParameter.SigmaQSquared => p with { SigmaQSquared = v }, TofParameter.Gamma0 => p with { Gamma0 = v },
        TofParameter.Gamma1 => p with { Gamma1 = v }, TofParameter.Gamma2 => p with { Gamma2 = v },
        TofParameter.CrystalliteSize => p with { CrystalliteSize = v },
        TofParameter.SizeLorentzianFraction => p with { SizeLorentzianFraction = v },
        TofParameter.Microstrain => p with { Microstrain = v },
        TofParameter.StrainLorentzianFraction => p with { StrainLorentzianFraction = v },
        _ => throw new ArgumentOutOfRangeException(nameof(parameter)),
    };
}
