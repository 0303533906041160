using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The s.u. of Hill–Howard phase fractions: the analytic Jacobian against central differences, and propagation limits.</summary>
public sealed class PhaseFractionUncertaintyTests
{
    [Property(MaxTest = 100)]
    public bool Weight_fraction_jacobian_matches_central_differences(int seed)
    {
        var (s, z, m, v) = RandomPhases(seed);
        int n = s.Length;
        var analytic = new double[n * n];
        PhaseFractionUncertainty.WeightFractionJacobian(s, z, m, v, analytic);
        var numeric = CentralDifferences(s, (x, f) => PhaseFractions.WeightFractions(x, z, m, v, f));
        return Agree(analytic, numeric);
    }

    [Property(MaxTest = 100)]
    public bool Mole_fraction_jacobian_matches_central_differences(int seed)
    {
        var (s, z, _, v) = RandomPhases(seed);
        int n = s.Length;
        var analytic = new double[n * n];
        PhaseFractionUncertainty.MoleFractionJacobian(s, z, v, analytic);
        var numeric = CentralDifferences(s, (x, f) => PhaseFractions.MoleFractions(x, z, v, f));
        return Agree(analytic, numeric);
    }

    [Fact]
    public void Two_equal_phases_with_independent_scales()
    {
        // f = 1/2, ∂f0/∂S0 = (1 − 1/2)/2 = 1/4, ∂f0/∂S1 = −1/4: σ(f) = σ_S · √2 / 4.
        const double sigma = 0.02;
        var x = PhaseFractionUncertainty.MoleFractions([1.0, 1.0], [1.0, 1.0], [1.0, 1.0], new[,] { { sigma * sigma, 0 }, { 0, sigma * sigma } });
        Assert.Equal(0.5, x[0].Value, 15);
        Assert.Equal(sigma * Math.Sqrt(2) / 4, x[0].StandardUncertainty, 15);
        Assert.Equal(x[0].StandardUncertainty, x[1].StandardUncertainty, 15);
    }

    [Fact]
    public void Fully_correlated_proportional_scales_leave_the_fractions_exact()
    {
        // S = (2, 1) with cov = σ²·s sᵀ: only a common factor is uncertain, and fractions ignore it.
        double[] s = [2.0, 1.0];
        var cov = new[,] { { 4e-4, 2e-4 }, { 2e-4, 1e-4 } };
        var w = PhaseFractionUncertainty.WeightFractions(s, [3.0, 4.0], [97.0, 48.0], [108.0, 72.0], cov);
        // The variance cancels to rounding: terms of J C Jᵀ ~ 1e-6, so what remains is ~ √(ε·1e-6) ~ 1e-11,
        // against ~ 1e-3 for the same scales uncorrelated.
        Assert.All(w, f => Assert.True(f.StandardUncertainty < 1e-9, $"{f.StandardUncertainty}"));
        var independent = PhaseFractionUncertainty.WeightFractions(s, [3.0, 4.0], [97.0, 48.0], [108.0, 72.0], new[,] { { 4e-4, 0 }, { 0, 1e-4 } });
        Assert.True(independent[0].StandardUncertainty > 1e-3);
    }

    [Fact]
    public void Values_are_those_of_PhaseFractions()
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+", 1)],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257);
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16,
            [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);
        (Phase, double)[] phases = [(layered, 1e-3), (rocksalt, 7e-4)];
        var (weight, mole) = PhaseFractionUncertainty.Of(phases, new[,] { { 1e-10, -2e-11 }, { -2e-11, 4e-10 } });
        Assert.Equal(PhaseFractions.WeightFractions(phases), weight.Select(f => f.Value).ToArray());
        Assert.Equal(PhaseFractions.MoleFractions(phases), mole.Select(f => f.Value).ToArray());
        Assert.Equal(weight[0].StandardUncertainty, weight[1].StandardUncertainty, 15);   // two phases: σ(W0) = σ(1 − W0)
    }

    [Fact]
    public void Covariance_of_the_wrong_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => PhaseFractionUncertainty.MoleFractions([1.0, 1.0], [1.0, 1.0], [1.0, 1.0], new double[3, 3]));

    private static double[] CentralDifferences(double[] s, Action<double[], double[]> fractions)
    {
        int n = s.Length;
        var j = new double[n * n];
        double[] plus = new double[n], minus = new double[n];
        for (int q = 0; q < n; q++)
        {
            // h ≈ ε^(1/3)·S: the step that balances truncation and rounding in central differences.
            double h = 6e-6 * s[q];
            var sp = (double[])s.Clone();
            var sm = (double[])s.Clone();
            sp[q] += h;
            sm[q] -= h;
            fractions(sp, plus);
            fractions(sm, minus);
            for (int p = 0; p < n; p++) j[p * n + q] = (plus[p] - minus[p]) / (2 * h);
        }
        return j;
    }

    private static bool Agree(double[] analytic, double[] numeric)
    {
        double scale = analytic.Max(Math.Abs);
        for (int i = 0; i < analytic.Length; i++)
            if (Math.Abs(analytic[i] - numeric[i]) > 1e-7 * scale) return false;
        return true;
    }

    private static (double[] S, double[] Z, double[] M, double[] V) RandomPhases(int seed)
    {
        var r = new Random(seed);
        int n = 1 + r.Next(5);
        double[] s = new double[n], z = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = Math.Pow(10, -4 + 2 * r.NextDouble());
            z[i] = 1 + r.Next(8);
            m[i] = 20 + 300 * r.NextDouble();
            v[i] = 30 + 500 * r.NextDouble();
        }
        return (s, z, m, v);
    }
}
