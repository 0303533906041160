using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Rp, Rwp, Rexp, χ², GoF (AgreementFactors) and R_Bragg, R_F (BraggAgreement) against hand-computed sums and analytic limits.</summary>
public sealed class AgreementFactorTests
{
    // yo, yc, w = 1/yo: |yo − yc| = 2, 2, 0, 1; w (yo − yc)² = 0.4, 0.2, 0, 0.025; Σ w yo² = Σ yo = 100.
    private static readonly double[] Yo = [10, 20, 30, 40];
    private static readonly double[] Yc = [12, 18, 30, 41];
    private static readonly double[] W = [0.1, 0.05, 1.0 / 30, 0.025];
    private static readonly double[] Yb = [5, 5, 5, 5];

    [Fact]
    public void Hand_computed_example()
    {
        var f = AgreementFactors.Compute(Yo, Yc, W, refinedParameters: 1);
        Assert.Equal(4, f.Points);
        Assert.Equal(3, f.DegreesOfFreedom);
        Assert.Equal(0.05, f.Rp, 14);
        Assert.Equal(0.625, f.ChiSquared, 14);
        Assert.Equal(Math.Sqrt(0.625 / 100), f.Rwp, 14);
        Assert.Equal(Math.Sqrt(3.0 / 100), f.Rexp, 14);
        Assert.Equal(0.625 / 3, f.ReducedChiSquared, 14);
        Assert.Equal(Math.Sqrt(0.625 / 3), f.GoodnessOfFit, 14);
        Assert.Null(f.RpBackgroundSubtracted);
        Assert.Null(f.RwpBackgroundSubtracted);
    }

    [Fact]
    public void Background_subtracted_factors_use_net_counts_in_the_denominators()
    {
        var f = AgreementFactors.Compute(Yo, Yc, W, 1, background: Yb);
        // Σ|yo − yb| = 5 + 15 + 25 + 35 = 80; Σ w (yo − yb)² = 2.5 + 11.25 + 625/30 + 30.625.
        double wNet2 = 2.5 + 11.25 + 625.0 / 30 + 30.625;
        Assert.Equal(5.0 / 80, f.RpBackgroundSubtracted!.Value, 14);
        Assert.Equal(Math.Sqrt(0.625 / wNet2), f.RwpBackgroundSubtracted!.Value, 14);
        Assert.Equal(Math.Sqrt(3 / wNet2), f.RexpBackgroundSubtracted!.Value, 14);
        // The numerators and the plain factors do not change.
        Assert.Equal(0.05, f.Rp, 14);
        Assert.Equal(0.625, f.ChiSquared, 14);
        Assert.True(f.RwpBackgroundSubtracted > f.Rwp);
    }

    [Fact]
    public void Constraints_add_degrees_of_freedom()
    {
        var f = AgreementFactors.Compute(Yo, Yc, W, refinedParameters: 3, constraints: 1);
        Assert.Equal(2, f.DegreesOfFreedom);
        Assert.Equal(Math.Sqrt(2.0 / 100), f.Rexp, 14);
    }

    [Fact]
    public void Masked_points_are_ignored()
    {
        bool[] excluded = [true, false, false, false];
        var masked = AgreementFactors.Compute(Yo, Yc, W, 1, excluded: excluded);
        var dropped = AgreementFactors.Compute(Yo.AsSpan(1), Yc.AsSpan(1), W.AsSpan(1), 1);
        Assert.Equal(dropped, masked);
        Assert.Equal(3, masked.Points);
        Assert.Equal(3.0 / 90, masked.Rp, 14);   // Σ|yo − yc| = 2 + 0 + 1, Σ yo = 90
        Assert.Equal(0.225, masked.ChiSquared, 14);
        // Changing an excluded point changes nothing.
        double[] yo = [1e6, 20, 30, 40];
        Assert.Equal(masked, AgreementFactors.Compute(yo, Yc, W, 1, excluded: excluded));
    }

    [Fact]
    public void Perfect_fit_has_zero_residual_factors()
    {
        var f = AgreementFactors.Compute(Yo, Yo, W, 1, background: Yb);
        Assert.Equal(0, f.Rp);
        Assert.Equal(0, f.Rwp);
        Assert.Equal(0, f.ChiSquared);
        Assert.Equal(0, f.RwpBackgroundSubtracted);
        Assert.Equal(0, f.GoodnessOfFit);
    }

    [Fact]
    public void Scaling_yo_and_yc_leaves_Rp_and_Rwp_unchanged()
    {
        const double k = 7.5;
        var f = AgreementFactors.Compute(Yo, Yc, W, 1);
        var g = AgreementFactors.Compute(Yo.Select(y => k * y).ToArray(), Yc.Select(y => k * y).ToArray(), W, 1);
        Assert.Equal(f.Rp, g.Rp, 14);
        Assert.Equal(f.Rwp, g.Rwp, 14);
    }

    [Fact]
    public void Joint_fit_of_one_pattern_equals_that_pattern()
    {
        var f = AgreementFactors.Compute(Yo, Yc, W, 1, background: Yb);
        var joint = AgreementFactors.Combine([(f, 1.0)], 1);
        Assert.Equal(f, joint);
    }

    [Fact]
    public void Joint_fit_sums_over_patterns_with_their_weights()
    {
        var a = AgreementFactors.Compute(Yo, Yc, W, 2);
        var b = AgreementFactors.Compute(Yo.AsSpan(0, 3), Yc.AsSpan(1, 3), W.AsSpan(0, 3), 2);
        var joint = AgreementFactors.Combine([(a, 1.0), (b, 0.5)], refinedParameters: 3);
        Assert.Equal(7, joint.Points);
        Assert.Equal(4, joint.DegreesOfFreedom);
        Assert.Equal(a.ChiSquared + 0.5 * b.ChiSquared, joint.ChiSquared, 14);
        Assert.Equal(Math.Sqrt((a.ChiSquared + 0.5 * b.ChiSquared) / (a.SumWeightedObservedSquared + 0.5 * b.SumWeightedObservedSquared)), joint.Rwp, 14);
        Assert.Equal((a.SumAbsoluteResidual + b.SumAbsoluteResidual) / (a.SumObserved + b.SumObserved), joint.Rp, 14);
        Assert.Null(joint.RwpBackgroundSubtracted);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AgreementFactors.Compute(Yo, Yc.AsSpan(1), W, 1));
        Assert.Throws<ArgumentException>(() => AgreementFactors.Compute(Yo, Yc, [0.1, -1, 1, 1], 1));
        Assert.Throws<ArgumentException>(() => AgreementFactors.Compute(Yo, Yc, W, 1, excluded: [true, true, true, true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AgreementFactors.Compute(Yo, Yc, W, -1));
    }

    [Property(MaxTest = 200)]
    public bool Gof_squared_is_reduced_chi_squared(int seed)
    {
        var (yo, yc, w) = RandomPattern(seed);
        var f = AgreementFactors.Compute(yo, yc, w, 3, 1);
        return Close(f.GoodnessOfFit * f.GoodnessOfFit, f.ReducedChiSquared) && Close(f.Rwp / f.Rexp, f.GoodnessOfFit);
    }

    [Property(MaxTest = 200)]
    public bool Scaling_weights_leaves_Rwp_and_scales_chi_squared(int seed, FsCheck.PositiveInt factor)
    {
        var (yo, yc, w) = RandomPattern(seed);
        double k = 0.01 * factor.Get;
        var f = AgreementFactors.Compute(yo, yc, w, 2);
        var g = AgreementFactors.Compute(yo, yc, w.Select(x => k * x).ToArray(), 2);
        return Close(f.Rwp, g.Rwp) && Close(k * f.ChiSquared, g.ChiSquared) && Close(f.Rp, g.Rp);
    }

    [Property(MaxTest = 200)]
    public bool Joint_fit_of_one_pattern_equals_it_for_random_patterns(int seed)
    {
        var (yo, yc, w) = RandomPattern(seed);
        var f = AgreementFactors.Compute(yo, yc, w, 2);
        return AgreementFactors.Combine([(f, 1.0)], 2) == f;
    }

    // --- R_Bragg and R_F ---------------------------------------------------------------------
    // Two reflections over four points, background 1: yc = [5, 5, 7, 3].
    private static readonly ReflectionWindow[] Reflections =
    [
        new(0, new double[] { 4, 2 }),
        new(1, new double[] { 2, 6, 2 }),
    ];
    private static readonly double[] BraggYc = [5, 5, 7, 3];
    private static readonly double[] BraggYo = [6, 4, 7, 2];
    private static readonly double[] BraggYb = [1, 1, 1, 1];

    [Fact]
    public void Bragg_R_of_a_hand_computed_example_with_net_counts()
    {
        var b = BraggAgreement.Compute(BraggYo, BraggYc, Reflections, BraggYb);
        // I_obs0 = 4·5/4 + 2·3/4 = 6.5; I_obs1 = 2·3/4 + 6·6/6 + 2·1/2 = 8.5; I_calc = 6, 10.
        Assert.Equal([6.5, 8.5], b.ObservedIntensities.ToArray(), (x, y) => Math.Abs(x - y) < 1e-14);
        Assert.Equal([6.0, 10.0], b.CalculatedIntensities.ToArray());
        Assert.Equal(2.0 / 15, b.RBragg, 14);
        double rf = (Math.Abs(Math.Sqrt(6.5) - Math.Sqrt(6)) + Math.Abs(Math.Sqrt(8.5) - Math.Sqrt(10))) / (Math.Sqrt(6.5) + Math.Sqrt(8.5));
        Assert.Equal(rf, b.RF, 14);
    }

    [Fact]
    public void Bragg_R_of_a_hand_computed_example_apportioning_gross_counts()
    {
        var b = BraggAgreement.Compute(BraggYo, BraggYc, Reflections);
        // I_obs0 = 4·6/5 + 2·4/5 = 6.4; I_obs1 = 2·4/5 + 6·7/7 + 2·2/3 = 8.9333…
        double o1 = 1.6 + 6 + 4.0 / 3;
        Assert.Equal(6.4, b.ObservedIntensities[0], 14);
        Assert.Equal(o1, b.ObservedIntensities[1], 14);
        Assert.Equal((0.4 + (10 - o1)) / (6.4 + o1), b.RBragg, 14);
    }

    [Fact]
    public void Bragg_R_is_zero_when_yo_equals_yc()
    {
        var b = BraggAgreement.Compute(BraggYc, BraggYc, Reflections, BraggYb);
        Assert.Equal(0, b.RBragg, 15);
        Assert.Equal(0, b.RF, 15);
        Assert.Equal(0, BraggAgreement.Compute(BraggYc, BraggYc, Reflections).RBragg, 15);
    }

    [Fact]
    public void Bragg_R_leaves_out_excluded_points()
    {
        var b = BraggAgreement.Compute(BraggYo, BraggYc, Reflections, BraggYb, excluded: [false, false, false, true]);
        // Reflection 1 loses point 3: I_obs1 = 1.5 + 6 = 7.5, I_calc1 = 8.
        Assert.Equal(7.5, b.ObservedIntensities[1], 14);
        Assert.Equal(8, b.CalculatedIntensities[1], 14);
    }

    [Fact]
    public void Bragg_window_outside_the_pattern_is_refused()
    {
        ReflectionWindow[] bad = [new(3, new double[] { 1, 1 })];
        Assert.Throws<ArgumentException>(() => BraggAgreement.Compute(BraggYo, BraggYc, bad));
    }

    private static (double[] Yo, double[] Yc, double[] W) RandomPattern(int seed)
    {
        var random = new Random(seed);
        int n = 10 + random.Next(50);
        var yo = new double[n];
        var yc = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            yo[i] = 1 + 1000 * random.NextDouble();
            yc[i] = yo[i] + 30 * (random.NextDouble() - 0.5);
            w[i] = 1 / yo[i];
        }
        return (yo, yc, w);
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
