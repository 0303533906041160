using FsCheck.Xunit;
using static Crystallography.Intergrowth.Constraints.Tests.ChemistryFixtures;

namespace Crystallography.Intergrowth.Constraints.Tests;

/// <summary>
/// Element conservation when the phase fractions refine too: bilinear in fraction × occupancy,
/// held exactly by re-linearising every cycle and projecting back onto the constraint surface.
/// </summary>
public sealed class ChemistryBilinearTests
{
    private static readonly PhaseShare[] Phases = [new(Layered, 0.7), new(Rocksalt, 0.3)];

    // Σ_p fraction_p · Σ_s (m_s/Z_p)·occ(Li, s) = 1.2 (pristine Li1.2 per O2) and fraction_L + fraction_R = 1.
    private static readonly BilinearConstraint LithiumConservation = ElementTotal.FixedTo("Li", 1.2, Phases).ToBilinear();
    private static readonly BilinearConstraint FractionsSumToOne = BilinearConstraint.FromLinear(
        new LinearConstraint([new(LayeredFraction, 1), new(RocksaltFraction, 1)], 1, "fractions sum to 1"));
    private static readonly BilinearConstraint[] Constraints = [LithiumConservation, FractionsSumToOne];
    private static readonly ParameterId[] Refined = [LayeredFraction, RocksaltFraction, LayeredLi1Li, LayeredM1Li, RocksaltM1Li];

    private static Dictionary<ParameterId, double> Start() => new()
    {
        [LayeredFraction] = 0.7, [RocksaltFraction] = 0.3, [LayeredLi1Li] = 1, [LayeredM1Li] = 0.2, [RocksaltM1Li] = 0.6,
    };

    [Fact]
    public void The_bilinear_form_has_fraction_times_occupancy_terms_with_m_over_Z()
    {
        Assert.Equal("layered/fraction*layered/Li1/occ[Li] + layered/fraction*layered/M1/occ[Li] + 2*rocksalt/fraction*rocksalt/M1/occ[Li] = 1.2",
            LithiumConservation.ToString());
        Assert.Equal(0, LithiumConservation.Residual(Start()), 14);
        Assert.Equal(Refined.ToHashSet(), LithiumConservation.Parameters.ToHashSet());
    }

    [Fact]
    public void At_the_starting_fractions_the_tangent_is_the_linear_constraint_plus_fraction_terms()
    {
        var tangent = LithiumConservation.Linearize(Start());
        // ∂/∂occ = fraction·m/Z: 0.7, 0.7, 0.6 — the linear ElementTotal's coefficients;
        // ∂/∂fraction = Σ_s (m/Z)·occ: layered 1.2, rocksalt 1.2.
        var c = tangent.Terms.ToDictionary(t => t.Parameter, t => t.Coefficient);
        Assert.Equal(0.7, c[LayeredLi1Li], 15);
        Assert.Equal(0.7, c[LayeredM1Li], 15);
        Assert.Equal(0.6, c[RocksaltM1Li], 15);
        Assert.Equal(1.2, c[LayeredFraction], 15);
        Assert.Equal(1.2, c[RocksaltFraction], 15);
        Assert.Equal(0, tangent.Residual(Start()), 14);
    }

    [Property(MaxTest = 200)]
    public bool Gradient_matches_central_differences(int seed)
    {
        var random = new Random(seed);
        var values = Refined.ToDictionary(p => p, _ => random.NextDouble() * 2 - 0.5);
        var products = Refined.Select(p => new BilinearTerm(p, Refined[random.Next(Refined.Length)], random.NextDouble() * 4 - 2));
        var constraint = new BilinearConstraint(products, [new(Refined[random.Next(Refined.Length)], random.NextDouble())], random.NextDouble());
        var g = constraint.Gradient(values);
        const double h = 1e-5;
        foreach (var p in constraint.Parameters)
        {
            var plus = With(values, (p, values[p] + h));
            var minus = With(values, (p, values[p] - h));
            double numeric = (constraint.Value(plus) - constraint.Value(minus)) / (2 * h);
            // A bilinear form's central difference is exact up to rounding: ε·|value|/h ≈ 1e-11.
            if (Math.Abs(numeric - g[p]) > 1e-8) return false;
        }
        return true;
    }

    [Fact]
    public void A_square_term_has_twice_the_derivative()
    {
        var c = new BilinearConstraint([new(LayeredFraction, LayeredFraction, 3)], [], 0);
        Assert.Equal(2 * 3 * 0.7, c.Gradient(Start())[LayeredFraction], 15);
    }

    [Fact]
    public void A_step_on_the_tangent_plane_misses_the_surface_by_second_order_only()
    {
        var start = Start();
        var step = new Dictionary<ParameterId, double> { [LayeredFraction] = 0.1, [RocksaltM1Li] = 0.05 };
        foreach (double scale in new[] { 1.0, 0.1, 0.01 })
        {
            var scaled = step.ToDictionary(s => s.Key, s => s.Value * scale);
            var t = ConstraintProjection.TangentStep(Constraints, start, scaled, Refined);
            var end = new Dictionary<ParameterId, double>(start);
            foreach (var (p, d) in t) end[p] += d;
            foreach (var lin in Constraints.Select(c => c.Linearize(start))) Assert.Equal(0, lin.Residual(end), 13);
            // Residual = Σ (m/Z)·Δfraction·Δocc: quadratic in the step.
            double expected = t[LayeredFraction] * (t[LayeredLi1Li] + t[LayeredM1Li]) + 2 * t[RocksaltFraction] * t[RocksaltM1Li];
            Assert.Equal(expected, LithiumConservation.Residual(end), 12);   // rounding of the 1.2-sized terms
        }
    }

    [Fact]
    public void Relinearised_cycles_hold_the_conservation_to_1e_10()
    {
        // A refinement-like walk: 50 cycles of a random step, projected on the tangent plane at the
        // current point and pulled back onto the surface by Newton corrections.
        var random = new Random(20240607);
        var values = Start();
        for (int cycle = 0; cycle < 50; cycle++)
        {
            var step = Refined.ToDictionary(p => p, _ => (random.NextDouble() - 0.5) * 0.05);
            var t = ConstraintProjection.TangentStep(Constraints, values, step, Refined);
            var trial = new Dictionary<ParameterId, double>(values);
            foreach (var (p, d) in t) trial[p] += d;
            var result = ConstraintProjection.Project(Constraints, trial, Refined);
            Assert.True(result.Converged, $"cycle {cycle}: residual {result.MaximumResidual} after {result.Iterations} corrections");
            Assert.InRange(result.Iterations, 0, 6);   // quadratic convergence from a second-order miss
            Assert.True(Math.Abs(LithiumConservation.Residual(result.Values)) <= 1e-10);
            Assert.True(Math.Abs(FractionsSumToOne.Residual(result.Values)) <= 1e-10);
            values = new Dictionary<ParameterId, double>(result.Values);
        }
        Assert.NotEqual(0.7, values[LayeredFraction]);   // the fractions did move
    }

    [Fact]
    public void Freezing_the_fraction_multipliers_loses_lithium_when_the_fractions_move()
    {
        // A part-charged state whose phases hold different Li per O2 (layered 1.0, rocksalt 0.6):
        // 0.7·1.0 + 0.3·2·0.3 = 0.88.
        var start = With(Start(), (LayeredLi1Li, 0.8), (RocksaltM1Li, 0.3));
        var total = ElementTotal.FixedTo("Li", 0.88, Phases);
        var frozen = total.Constraints[0];   // multipliers frozen at 0.7 and 0.3, as GSAS-II would
        var exactForm = total.ToBilinear();
        Assert.Equal(0, exactForm.Residual(start), 14);

        var moved = With(start, (LayeredFraction, 0.75), (RocksaltFraction, 0.25));
        ParameterId[] occupancies = [LayeredLi1Li, LayeredM1Li, RocksaltM1Li];
        var withFrozen = ConstraintProjection.Project([BilinearConstraint.FromLinear(frozen), FractionsSumToOne], moved, occupancies);
        Assert.True(withFrozen.Converged);
        Assert.Equal(0, frozen.Residual(withFrozen.Values), 12);
        // … yet the sample now holds 0.75·1.0 + 0.25·2·0.3 = 0.9 Li: 0.02 created from nothing.
        Assert.Equal(0.02, exactForm.Residual(withFrozen.Values), 12);

        var exact = ConstraintProjection.Project([exactForm, FractionsSumToOne], moved, occupancies);
        Assert.True(exact.Converged);
        Assert.True(Math.Abs(exactForm.Residual(exact.Values)) <= 1e-12);
    }

    [Property(MaxTest = 100)]
    public bool Projection_lands_on_the_surface_from_random_points(int seed)
    {
        var random = new Random(seed);
        var values = Refined.ToDictionary(p => p, _ => 0.1 + random.NextDouble() * 0.9);
        var result = ConstraintProjection.Project(Constraints, values, Refined);
        return result.Converged && Constraints.All(c => Math.Abs(c.Residual(result.Values)) <= 1e-10);
    }

    [Fact]
    public void Projection_reports_failure_as_a_result()
    {
        // x·x = −1 has no real solution: the best state is returned, not converged.
        var impossible = new BilinearConstraint([new(LayeredFraction, LayeredFraction, 1)], [], -1);
        var result = ConstraintProjection.Project([impossible], Start(), [LayeredFraction], maximumIterations: 20);
        Assert.False(result.Converged);
        Assert.True(double.IsFinite(result.MaximumResidual));
        Assert.True(result.MaximumResidual >= 1);
    }

    [Fact]
    public void Linearising_where_the_gradient_vanishes_is_refused()
    {
        var c = new BilinearConstraint([new(LayeredFraction, RocksaltFraction, 1)], [], 0);
        var zero = With(Start(), (LayeredFraction, 0), (RocksaltFraction, 0));
        Assert.Throws<InvalidOperationException>(() => c.Linearize(zero));
        Assert.Throws<KeyNotFoundException>(() => c.Value(new Dictionary<ParameterId, double>()));
    }

    [Fact]
    public void Transfer_with_refined_fractions_keeps_the_current_total()
    {
        var t = ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 0.7), new SiteShare(Rocksalt, "M1", 0.3));
        var b = t.ToBilinear();
        var values = Union(t.CurrentValues, new Dictionary<ParameterId, double> { [LayeredFraction] = 0.7, [RocksaltFraction] = 0.3 });
        Assert.Equal(1.06, b.Constant, 14);
        Assert.Equal(0, b.Residual(values), 14);
        // At the starting fractions its tangent's occupancy part is the derived 0.7 : 0.6.
        var tangent = b.Linearize(values).Terms.ToDictionary(x => x.Parameter, x => x.Coefficient);
        Assert.Equal(0.7, tangent[LayeredLi1Li], 15);
        Assert.Equal(0.6, tangent[RocksaltM1Li], 15);
    }
}
