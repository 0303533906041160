using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Crystallography.Intergrowth.Diffraction.Tests.PeakGenerators;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class FcjTests
{
    private static double[] Values(double[] x, double position, double fwhm, double eta, double s, double h, int? order = null)
    {
        var v = new double[x.Length];
        if (order is int n)
        {
            FcjPeakShape.Evaluate(x, position, fwhm, eta, s, h, n, v);
        }
        else
        {
            FcjPeakShape.Evaluate(x, position, fwhm, eta, s, h, v);
        }
        return v;
    }

    [Fact]
    public void Without_axial_divergence_it_is_the_symmetric_pseudo_Voigt_exactly()
    {
        double[] x = Grid(10, 0.5, 201);
        double[] fcj = Values(x, 10, 0.03, 0.4, 0, 0);
        var pv = new double[x.Length];
        PseudoVoigt.Evaluate(x, 10, 0.03, 0.4, pv);
        Assert.Equal(pv, fcj);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], dh = new double[n], de = new double[n], ds = new double[n], dd = new double[n];
        FcjPeakShape.EvaluateWithDerivatives(x, 10, 0.03, 0.4, 0, 0, v, dp, dh, de, ds, dd);
        double[] pvv = new double[n], pvp = new double[n], pvh = new double[n], pve = new double[n];
        PseudoVoigt.EvaluateWithDerivatives(x, 10, 0.03, 0.4, pvv, pvp, pvh, pve);
        Assert.Equal(pvv, v);
        Assert.Equal(pvp, dp);
        Assert.All(ds, d => Assert.Equal(0, d));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e-5)]
    [InlineData(1e-7)]
    public void Tends_to_the_symmetric_pseudo_Voigt_as_the_ratios_vanish(double ratio)
    {
        // The tail spans 2θ − 2φ_min ≈ (S/L + H/L)²·cot 2θ (rad) for small ratios, so the shape
        // differs from the pseudo-Voigt by about that shift over the FWHM.
        const double position = 8, fwhm = 0.02;
        double[] x = Grid(position, 0.2, 401);
        double[] fcj = Values(x, position, fwhm, 0.3, ratio, ratio);
        var pv = new double[x.Length];
        PseudoVoigt.Evaluate(x, position, fwhm, 0.3, pv);
        double shift = Math.Pow(2 * ratio, 2) / Math.Tan(position * Math.PI / 180) * 180 / Math.PI;
        double peak = pv.Max();
        double worst = x.Select((_, i) => Math.Abs(fcj[i] - pv[i])).Max() / peak;
        Assert.True(worst < 3 * shift / fwhm + 1e-14, $"ratio {ratio}: difference {worst:E2}, expected about {shift / fwhm:E2}");
    }

    [Theory]
    [InlineData(3.0, 0.01, 0.02, 0.0)]
    [InlineData(3.0, 0.02, 0.02, 1.0)]
    [InlineData(20.0, 0.005, 0.015, 0.5)]
    [InlineData(150.0, 0.02, 0.01, 0.5)]
    [InlineData(60.0, 0.0, 0.02, 0.2)]
    public void Area_is_one(double position, double s, double h, double eta)
    {
        const double fwhm = 0.02, k = 300;
        double tail = FcjPeakShape.LowestAngle(position, s + h);
        double lower = Math.Min(tail, position) - k * fwhm, upper = Math.Max(tail, position) + k * fwhm;
        var cuts = new List<double> { lower, position - 5 * fwhm, position + 5 * fwhm, upper };
        if (tail < position)
        {
            cuts.Add(tail - 5 * fwhm);
        }
        else
        {
            cuts.Add(tail + 5 * fwhm);
        }
        cuts.Sort();
        double area = 0;
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            area += PeakReference.Integrate(t => Values([t], position, fwhm, eta, s, h)[0], cuts[i], cuts[i + 1], 1e-11);
        }
        // Each node's Lorentzian loses at most η·(2/π)·atan(1/(2k)) beyond the range.
        double missing = eta * PeakWindow.LorentzianAreaOutside(k);
        Assert.True(area <= 1 + 1e-8 && area >= 1 - missing - 1e-8, $"area {area}, tail bound {missing}");
    }

    [Property(MaxTest = 30)]
    public Property Agrees_with_direct_integration_over_the_detector_angle() => Prop.ForAll(Arb.From(
        from position in Gen.OneOf(Uniform(2, 40), Uniform(40, 175))
        from fwhm in LogUniform(0.005, 0.2)
        from eta in Uniform(0, 1)
        from s in Uniform(0, 0.03)
        from h in Uniform(0.001, 0.03)
        // Keep 2φ_min inside (0°, 180°): where the divergence reaches 2φ = 0 or 180° (u capped at
        // |tan 2θ|) the weight has an integrable 1/√ end singularity that Gauss–Legendre resolves
        // only slowly; see docs/diffraction-peaks.md.
        where s + h < 0.8 * Math.Abs(Math.Tan(position * Math.PI / 180))
        select (position, fwhm, eta, s, h)), p =>
    {
        double tail = FcjPeakShape.LowestAngle(p.position, p.s + p.h);
        double low = Math.Min(tail, p.position) - 4 * p.fwhm, high = Math.Max(tail, p.position) + 4 * p.fwhm;
        double[] x = Grid((low + high) / 2, (high - low) / 2, 41);
        double[] v = Values(x, p.position, p.fwhm, p.eta, p.s, p.h);
        double peak = v.Max();
        // About 1e-6 of the peak while the orders are below their cap (tails up to ~60 FWHM), looser beyond.
        (int flat, int ramp) = FcjPeakShape.DefaultQuadratureOrders(p.position, p.fwhm, p.s, p.h);
        bool capped = Math.Max(flat, ramp) == FcjPeakShape.MaximumQuadratureOrder;
        double tolerance = capped ? 5e-5 : 5e-6;
        for (int i = 0; i < x.Length; i++)
        {
            double reference = PeakReference.Fcj(x[i], p.position, p.fwhm, p.eta, p.s, p.h);
            if (Math.Abs(v[i] - reference) > tolerance * peak)
            {
                return false.Label($"at {x[i]}: {v[i]} vs {reference} (peak {peak})");
            }
        }
        return true.Label("ok");
    });

    [Property(MaxTest = 60)]
    public Property Derivatives_of_the_quadrature_sum_agree_with_finite_differences() => Prop.ForAll(Arb.From(
        from position in Gen.OneOf(Uniform(2, 60), Uniform(100, 170))
        from fwhm in LogUniform(0.005, 0.2)
        from eta in Uniform(0.01, 0.99)
        from s in Uniform(0.001, 0.03)
        from h in Uniform(0.001, 0.03)
        from order in Gen.Choose(2, 40)
        where Math.Abs(s - h) > 1e-3 // the weight has a kink at S = H
        select (position, fwhm, eta, s, h, order)), p =>
    {
        double tail = FcjPeakShape.LowestAngle(p.position, p.s + p.h);
        double low = Math.Min(tail, p.position) - 3 * p.fwhm, high = Math.Max(tail, p.position) + 3 * p.fwhm;
        double[] x = Grid((low + high) / 2, (high - low) / 2, 33);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], dh = new double[n], de = new double[n], ds = new double[n], dd = new double[n];
        FcjPeakShape.EvaluateWithDerivatives(x, p.position, p.fwhm, p.eta, p.s, p.h, p.order, v, dp, dh, de, ds, dd);
        double step = 1e-4;
        double ePos = FiniteDifference.Check(dp, q => Values(x, q, p.fwhm, p.eta, p.s, p.h, p.order), p.position, step * p.fwhm);
        double eH = FiniteDifference.Check(dh, q => Values(x, p.position, q, p.eta, p.s, p.h, p.order), p.fwhm, step * p.fwhm);
        double eE = FiniteDifference.Check(de, q => Values(x, p.position, p.fwhm, q, p.s, p.h, p.order), p.eta, 1e-3);
        // Steps in the ratios: the stencil must stay off the kink at S = H, and move the tail end
        // (span T ∝ (S/L + H/L)², so ∂T/∂ratio ≈ 2T/(S/L + H/L)) by well under an FWHM.
        double span = Math.Abs(p.position - tail);
        double stepRatio = Math.Min(1e-2 * Math.Min(Math.Abs(p.s - p.h), Math.Min(p.s, p.h)),
            5e-3 * p.fwhm * (p.s + p.h) / (2 * span));
        double eS = FiniteDifference.Check(ds, q => Values(x, p.position, p.fwhm, p.eta, q, p.h, p.order), p.s, stepRatio);
        double eD = FiniteDifference.Check(dd, q => Values(x, p.position, p.fwhm, p.eta, p.s, q, p.order), p.h, stepRatio);
        double worst = new[] { ePos, eH, eE, eS, eD }.Max();
        return (worst < 1e-6).Label($"position {ePos:E1} H {eH:E1} η {eE:E1} S/L {eS:E1} H/L {eD:E1}");
    });

    [Theory]
    [InlineData(1.5, 0.03, 0.02)]   // ramp end capped at |tan 2θ|
    [InlineData(1.0, 0.045, 0.005)] // both ends capped
    [InlineData(179.0, 0.01, 0.03)]
    public void Position_derivative_is_right_where_the_divergence_reaches_zero_angle(double position, double s, double h)
    {
        Assert.True(s + h > Math.Abs(Math.Tan(position * Math.PI / 180)));
        double[] x = Grid(position, 1.2, 61).Where(t => t > 0 && t < 180).ToArray();
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], dh = new double[n], de = new double[n], ds = new double[n], dd = new double[n];
        FcjPeakShape.EvaluateWithDerivatives(x, position, 0.02, 0.3, s, h, 20, v, dp, dh, de, ds, dd);
        FiniteDifference.AssertAgrees("position", dp, q => Values(x, q, 0.02, 0.3, s, h, 20), position, 1e-5, 1e-6);
        // With both ends capped nothing depends on S/L: the floor keeps rounding noise (~1e-10) from
        // being judged against a zero scale.
        FiniteDifference.AssertAgrees("S/L", ds, q => Values(x, position, 0.02, 0.3, q, h, 20), s, 1e-6, 1e-6, floor: 1);
    }

    [Fact]
    public void Derivative_with_a_zero_ratio_is_the_one_sided_limit()
    {
        // S/L = 0, H/L > 0: the weight is flat on [0, H/L]; ∂/∂(H/L) is a regular derivative.
        double[] x = Grid(5, 0.3, 41);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], dh = new double[n], de = new double[n], ds = new double[n], dd = new double[n];
        FcjPeakShape.EvaluateWithDerivatives(x, 5, 0.02, 0.3, 0, 0.02, 16, v, dp, dh, de, ds, dd);
        FiniteDifference.AssertAgrees("H/L", dd, q => Values(x, 5, 0.02, 0.3, 0, q, 16), 0.02, 1e-6, 1e-6);
        Assert.All(ds, d => Assert.Equal(0, d));
    }

    [Theory]
    [InlineData(5.0, -1)]
    [InlineData(40.0, -1)]
    [InlineData(140.0, 1)]
    public void The_tail_lies_away_from_90_degrees(double position, int side)
    {
        double tail = FcjPeakShape.LowestAngle(position, 0.04);
        Assert.Equal(side, Math.Sign(tail - position));
        double[] x = Grid(position, 2, 8001);
        double[] v = Values(x, position, 0.02, 0.2, 0.02, 0.02);
        double sum = 0, moment = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += v[i];
            moment += v[i] * (x[i] - position);
        }
        Assert.Equal(side, Math.Sign(moment / sum));
        // The maximum moves towards the tail as well (FCJ 1994, Fig. 4).
        int top = Array.IndexOf(v, v.Max());
        Assert.True(side * (x[top] - position) >= 0);
    }

    [Fact]
    public void The_default_order_grows_with_the_tail_and_stays_bounded()
    {
        (int flat, int ramp) narrow = FcjPeakShape.DefaultQuadratureOrders(30, 0.05, 0.001, 0.001);
        (int flat, int ramp) wide = FcjPeakShape.DefaultQuadratureOrders(3, 0.005, 0.03, 0.03);
        Assert.InRange(narrow.flat, 4, 5); // S = H: the flat piece is empty
        Assert.InRange(narrow.ramp, 4, 5); // the ramp spans 0.02 FWHM
        Assert.Equal(FcjPeakShape.MaximumQuadratureOrder, wide.ramp);
        (int flat, int ramp) unequal = FcjPeakShape.DefaultQuadratureOrders(10, 0.01, 0.002, 0.02);
        Assert.True(unequal.flat > unequal.ramp, $"{unequal}");
    }

    [Fact]
    public void Default_order_values_and_derivatives_agree_for_a_long_tail()
    {
        // 2θ = 4°, S/L = 0.005, H/L = 0.025: ~150 nodes, so the node tables come from the array pool.
        double[] x = Grid(3.7, 0.5, 101);
        int n = x.Length;
        double[] v = new double[n], dp = new double[n], dh = new double[n], de = new double[n], ds = new double[n], dd = new double[n];
        FcjPeakShape.EvaluateWithDerivatives(x, 4, 0.008, 0.3, 0.005, 0.025, v, dp, dh, de, ds, dd);
        double[] plain = Values(x, 4, 0.008, 0.3, 0.005, 0.025);
        Assert.True(FiniteDifference.ScaledError(v, plain) < 1e-14);
        // The default orders depend on H, so differences are taken at a fixed order (100 per piece,
        // still from the pool).
        FcjPeakShape.EvaluateWithDerivatives(x, 4, 0.008, 0.3, 0.005, 0.025, 100, v, dp, dh, de, ds, dd);
        FiniteDifference.AssertAgrees("H", dh, q => Values(x, 4, q, 0.3, 0.005, 0.025, 100), 0.008, 1e-6, 1e-7);
        FiniteDifference.AssertAgrees("H/L", dd, q => Values(x, 4, 0.008, 0.3, 0.005, q, 100), 0.025, 2e-6, 1e-6);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        double[] x = [1, 2];
        var v = new double[2];
        Assert.Equal("position", Assert.Throws<ArgumentOutOfRangeException>(() => FcjPeakShape.Evaluate(x, 0, 0.1, 0.5, 0.01, 0.01, v)).ParamName);
        Assert.Equal("sOverL", Assert.Throws<ArgumentOutOfRangeException>(() => FcjPeakShape.Evaluate(x, 10, 0.1, 0.5, -0.01, 0.01, v)).ParamName);
        Assert.Equal("quadratureOrder", Assert.Throws<ArgumentOutOfRangeException>(() => FcjPeakShape.Evaluate(x, 10, 0.1, 0.5, 0.01, 0.01, 0, v)).ParamName);
        Assert.Equal("dHOverL", Assert.Throws<ArgumentException>(() =>
            FcjPeakShape.EvaluateWithDerivatives(x, 10, 0.1, 0.5, 0.01, 0.01, v, v, v, v, v, new double[1])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FcjAsymmetry(0.01, double.NaN));
        Assert.True(new FcjAsymmetry(0, 0).IsSymmetric);
    }
}
