using Crystallography.Intergrowth.StructureModel;
using static Crystallography.Intergrowth.Constraints.Tests.ChemistryFixtures;

namespace Crystallography.Intergrowth.Constraints.Tests;

public sealed class ChemistryConstraintTests
{
    // ---- occupancy sums ----

    [Fact]
    public void Full_site_sums_its_occupancies_to_one()
    {
        var sum = OccupancySum.Full(Layered, "M1");
        var c = Assert.Single(sum.Constraints);
        Assert.Equal("layered/M1/occ[Li] + layered/M1/occ[Ni] + layered/M1/occ[Ru] = 1", c.ToString());
        Assert.Equal(0, c.Residual(sum.CurrentValues), 15);
        Assert.False(sum.KeepsVacancy);
        Assert.Contains("the site is full", sum.Explain());
    }

    [Fact]
    public void Keeping_a_vacancy_fixes_the_sum_at_its_current_value()
    {
        var delithiated = Rocksalt.WithOccupancy("M1", "Li+", 0.25);   // 0.25 + 0.2 + 0.2 = 0.65, vacancy 0.35
        var sum = OccupancySum.KeepCurrent(delithiated, "M1");
        Assert.Equal(0.65, sum.Total, 15);
        Assert.True(sum.KeepsVacancy);
        Assert.Equal(0, sum.Constraints[0].Residual(sum.CurrentValues), 15);
        Assert.Contains("vacancy 0.35", sum.Explain());
    }

    [Fact]
    public void An_absent_element_can_join_the_sum()
    {
        var sum = OccupancySum.Full(Layered, "Li1", "Ni");
        Assert.Equal(["Li", "Ni"], sum.Elements.ToArray());
        Assert.Equal("layered/Li1/occ[Li] + layered/Li1/occ[Ni] = 1", sum.Constraints[0].ToString());
        Assert.Equal(0, sum.CurrentValues[Occ("layered", "Li1", "Ni")]);
    }

    [Fact]
    public void Occupancy_sums_refuse_bad_input()
    {
        Assert.Contains("no site 'M2'", Assert.Throws<ArgumentException>(() => OccupancySum.Full(Layered, "M2")).Message);
        Assert.Contains("not an element", Assert.Throws<ArgumentException>(() => OccupancySum.Full(Layered, "M1", "Xx")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => OccupancySum.To(Layered, "M1", 1.2));
    }

    // ---- exchange ----

    [Fact]
    public void Li_Ni_exchange_expands_to_three_equivalences_with_offsets()
    {
        var x = SiteExchange.Create(Layered, "Li1", "Li", "M1", "Ni");
        Assert.Equal(Occ("layered", "Li1", "Ni"), x.Variable);
        Assert.Equal(1, x.MultiplicityRatio);
        Assert.Equal(
        [
            "layered/Li1/occ[Li] + layered/Li1/occ[Ni] = 1",
            "layered/M1/occ[Li] - layered/Li1/occ[Ni] = 0.2",
            "layered/M1/occ[Ni] + layered/Li1/occ[Ni] = 0.4",
        ], x.Constraints.Select(c => c.ToString()));
        Assert.Equal(
        [
            "layered/Li1/occ[Li] = 1 − z with z = layered/Li1/occ[Ni]",
            "layered/M1/occ[Li] = 0.2 + z with z = layered/Li1/occ[Ni]",
            "layered/M1/occ[Ni] = 0.4 − z with z = layered/Li1/occ[Ni]",
        ], x.Constraints.Select(c => c.Description));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.4)]
    public void Exchange_keeps_site_sums_and_composition_at_every_z(double z)
    {
        var x = SiteExchange.Create(Layered, "Li1", "Li", "M1", "Ni");
        var occ = x.Occupancies(z);
        Assert.Equal(z, occ[Occ("layered", "Li1", "Ni")], 15);
        Assert.Equal(1 - z, occ[Occ("layered", "Li1", "Li")], 15);
        Assert.Equal(0.2 + z, occ[Occ("layered", "M1", "Li")], 15);
        Assert.Equal(0.4 - z, occ[Occ("layered", "M1", "Ni")], 15);
        foreach (var c in x.Constraints) Assert.Equal(0, c.Residual(occ), 14);

        // Build the phase at z and check what the exchange promises: full sites, same formula.
        var mixed = Layered.ToBuilder()
            .WithOccupancy("Li1", "Li+", 1 - z).WithOccupancy("Li1", "Ni2+", z)
            .WithOccupancy("M1", "Li+", 0.2 + z).WithOccupancy("M1", "Ni2+", 0.4 - z).Build();
        Assert.Equal(1, mixed.Site("Li1").TotalOccupancy, 14);
        Assert.Equal(1, mixed.Site("M1").TotalOccupancy, 14);
        Assert.True(mixed.Formula.ApproximatelyEquals(Layered.Formula, 1e-12));
    }

    [Fact]
    public void Exchange_between_sites_of_different_multiplicity_keeps_the_composition()
    {
        // Spinel: 8a (A1) holds Li, 16d (B1) holds Mn; r = 8/16 = 1/2.
        var spinel = StructurePrototypes.Spinel("spinel", 8.24, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Mn3+", 0.5), SiteOccupant.Of("Mn4+", 0.5)], 0.263);
        var x = SiteExchange.Create(spinel, "A1", "Li", "B1", "Mn");
        Assert.Equal(0.5, x.MultiplicityRatio);
        var occ = x.Occupancies(0.1);
        // Atoms per cell moved: 8·0.1 Mn onto 8a, 16·0.05 Li onto 16d: equal.
        double li = 8 * occ[Occ("spinel", "A1", "Li")] + 16 * occ[Occ("spinel", "B1", "Li")];
        double mn = 8 * occ[Occ("spinel", "A1", "Mn")] + 16 * occ[Occ("spinel", "B1", "Mn")];
        Assert.Equal(8, li, 14);
        Assert.Equal(16, mn, 14);
        Assert.Equal(0.05, occ[Occ("spinel", "B1", "Li")], 15);
    }

    [Fact]
    public void Exchange_refuses_one_site_or_one_element()
    {
        Assert.Throws<ArgumentException>(() => SiteExchange.Create(Layered, "M1", "Li", "M1", "Ni"));
        Assert.Throws<ArgumentException>(() => SiteExchange.Create(Layered, "Li1", "Li", "M1", "Li"));
        Assert.Throws<ArgumentException>(() => SiteExchange.Create(Layered, "Li1", "Li", "X9", "Ni"));
    }

    // ---- total content (ICP) ----

    [Fact]
    public void Total_content_weights_occupancies_by_fraction_and_sites_per_formula_unit()
    {
        var total = ElementTotal.FixedTo("Li", 1.2, [new PhaseShare(Layered, 0.7), new PhaseShare(Rocksalt, 0.3)]);
        var c = Assert.Single(total.Constraints);
        Assert.Equal("0.7*layered/Li1/occ[Li] + 0.7*layered/M1/occ[Li] + 0.6*rocksalt/M1/occ[Li] = 1.2", c.ToString());
        // Pristine: 0.7·(1 + 0.2) + 0.3·2·0.6 = 0.84 + 0.36 = 1.2, the designed Li1.2.
        Assert.Equal(1.2, total.CurrentAmount, 14);
        Assert.Equal(0, c.Residual(total.CurrentValues), 14);
    }

    [Fact]
    public void Total_content_equals_the_mixture_formula()
    {
        // The weights are what Composition gives for x_L·formula_L + x_R·formula_R, for every element.
        foreach (string element in new[] { "Li", "Ni", "Ru" })
        {
            var total = ElementTotal.FixedTo(element, 0, [new PhaseShare(Layered, 0.7), new PhaseShare(Rocksalt, 0.3)]);
            var mixture = Layered.Formula.Scale(0.7) + Rocksalt.Formula.Scale(0.3);
            Assert.Equal(mixture.Amount(Element.FromSymbol(element)), total.CurrentAmount, 14);
        }
    }

    [Fact]
    public void Total_content_refuses_bad_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementTotal.FixedTo("Li", -1, [new PhaseShare(Layered, 1)]));
        Assert.Throws<ArgumentException>(() => ElementTotal.FixedTo("Co", 1, [new PhaseShare(Layered, 1)]));
        Assert.Throws<ArgumentException>(() => ElementTotal.FixedTo("Li", 1,
            [new SiteShare(Layered, "Li1", 0.7), new SiteShare(Layered, "M1", 0.6)]));
        Assert.Throws<ArgumentException>(() => ElementTotal.FixedTo("Li", 1,
            [new SiteShare(Layered, "Li1", 0.7), new SiteShare(Layered, "Li1", 0.7)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhaseShare(Layered, 1.5));
    }

    // ---- transfer ----

    [Fact]
    public void Transfer_derives_the_study_coefficients()
    {
        var t = ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 0.7), new SiteShare(Rocksalt, "M1", 0.3));
        Assert.Equal([1.0, 2.0], t.Sites.Select(s => s.SitesPerFormulaUnit));
        Assert.Equal([3.0, 2.0], t.Sites.Select(s => s.FormulaUnitsPerCell));
        Assert.Equal([3, 4], t.Sites.Select(s => s.Multiplicity));
        Assert.Equal(0.7, t.Coefficients[0].Coefficient, 15);
        Assert.Equal(0.6, t.Coefficients[1].Coefficient, 15);
        Assert.Equal([7.0, 6.0], t.IntegerCoefficients!.Value.Select(c => c.Coefficient));
        Assert.Equal("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6", t.IntegerConstraint!.ToString());
        Assert.True(t.Constraints[0].IsEquivalentTo(t.IntegerConstraint));
        Assert.Equal(1.06, t.CurrentTotal, 14);
    }

    [Fact]
    public void Transfer_explains_where_each_coefficient_comes_from()
    {
        var t = ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 0.7), new SiteShare(Rocksalt, "M1", 0.3));
        string[] lines = t.Explain().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
        [
            "Li transfer with the total kept (per formula unit of the sample):",
            "  Σ_s x_p · (m_s/Z_p) · Δocc(Li, s) = 0",
            "  layered/Li1/occ[Li]: layered/Li1 (3b): x = 0.7, m/Z = 3/3 = 1, x·m/Z = 0.7",
            "  rocksalt/M1/occ[Li]: rocksalt/M1 (4a): x = 0.3, m/Z = 4/2 = 2, x·m/Z = 0.6",
            "  0.7·Δlayered/Li1/occ[Li] + 0.6·Δrocksalt/M1/occ[Li] = 0",
            "  in smallest integers: 7·Δlayered/Li1/occ[Li] + 6·Δrocksalt/M1/occ[Li] = 0",
            "  i.e. 7·Δlayered/Li1/occ[Li] = -6·Δrocksalt/M1/occ[Li]",
            "  about the current values: 7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6",
        ], lines);
    }

    [Fact]
    public void Transfer_in_change_form_follows_new_current_values()
    {
        var t = ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 0.7), new SiteShare(Rocksalt, "M1", 0.3));
        var later = With(t.CurrentValues, (LayeredLi1Li, 0.9), (RocksaltM1Li, 0.5));
        var c = t.ChangeForm(later);
        Assert.Equal(0.7 * 0.9 + 0.6 * 0.5, c.Constant, 14);
        Assert.Equal(0, c.Residual(later), 14);
    }

    [Fact]
    public void Transfer_without_simple_ratios_has_no_integer_form()
    {
        var t = ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 0.7071067811865476), new SiteShare(Rocksalt, "M1", 0.2928932188134524));
        Assert.Null(t.IntegerCoefficients);
        Assert.Null(t.IntegerConstraint);
        Assert.DoesNotContain("smallest integers", t.Explain());
    }

    [Fact]
    public void Transfer_refuses_one_site_or_an_empty_phase()
    {
        Assert.Throws<ArgumentException>(() => ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 0.7)));
        Assert.Throws<ArgumentException>(() => ElementTransfer.Between("Li", new SiteShare(Layered, "Li1", 1), new SiteShare(Rocksalt, "M1", 0)));
    }

    // ---- comparing and scaling ----

    [Fact]
    public void Equivalence_is_up_to_scale_and_sign()
    {
        var a = new LinearConstraint([new(LayeredLi1Li, 0.7), new(RocksaltM1Li, 0.6)], 1.06);
        Assert.True(a.IsEquivalentTo(new LinearConstraint([new(RocksaltM1Li, -6), new(LayeredLi1Li, -7)], -10.6)));
        Assert.True(a.IsEquivalentTo(a));
        Assert.False(a.IsEquivalentTo(new LinearConstraint([new(LayeredLi1Li, 7), new(RocksaltM1Li, 6)], 10.7)));
        Assert.False(a.IsEquivalentTo(new LinearConstraint([new(LayeredLi1Li, 7), new(LayeredM1Li, 6)], 10.6)));
        Assert.False(a.IsEquivalentTo(new LinearConstraint([new(LayeredLi1Li, 7)], 7)));
        // Within tolerance: a typed 0.1667 against 1/6 is not the same at 1e-9, but is at 1e-3.
        var sixth = new LinearConstraint([new(LayeredLi1Li, 1), new(RocksaltM1Li, 1.0 / 6)], 0);
        var typed = new LinearConstraint([new(LayeredLi1Li, 1), new(RocksaltM1Li, 0.1667)], 0);
        Assert.False(sixth.IsEquivalentTo(typed));
        Assert.True(sixth.IsEquivalentTo(typed, 1e-3));
    }

    [Theory]
    [InlineData(new[] { 0.7, 0.6 }, new long[] { 7, 6 })]
    [InlineData(new[] { 1.0 / 3, 0.5, -1.0 }, new long[] { 2, 3, -6 })]
    [InlineData(new[] { 2.0, 4.0, 10.0 }, new long[] { 1, 2, 5 })]
    [InlineData(new[] { -0.25 }, new long[] { -1 })]
    public void Smallest_integer_coefficients(double[] coefficients, long[] expected) =>
        Assert.Equal(expected, LinearConstraintComparison.SmallestIntegerCoefficients(coefficients)!.Value);

    [Fact]
    public void Scaling_a_constraint_to_integers()
    {
        var a = new LinearConstraint([new(LayeredLi1Li, 0.7), new(RocksaltM1Li, 0.6)], 1.06, "study");
        var n = a.ScaledToIntegers()!;
        Assert.Equal("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6", n.ToString());
        Assert.True(a.IsEquivalentTo(n));
        Assert.Null(new LinearConstraint([new(LayeredLi1Li, 1), new(RocksaltM1Li, Math.PI)], 0).ScaledToIntegers());
    }

    // ---- charge neutrality ----

    [Fact]
    public void Charge_neutrality_of_the_layered_phase()
    {
        var q = ChargeNeutrality.Of(Layered);
        var c = Assert.Single(q.Constraints);
        Assert.Equal("layered/Li1/occ[Li] + layered/M1/occ[Li] + 2*layered/M1/occ[Ni] + 5*layered/M1/occ[Ru] = 4", c.ToString());
        Assert.Equal(["O1"], q.FixedSites.ToArray());
        Assert.Equal(-4, q.FixedCharge, 15);
        Assert.Equal(0, q.CurrentCharge, 14);
        Assert.Equal(0, c.Residual(q.CurrentValues), 14);
        Assert.Contains("layered/O1 O fixed at 1: q = -2, m/Z = 6/3 → charge -4", q.Explain());
    }

    [Fact]
    public void Charge_neutrality_of_the_rocksalt_phase_counts_two_cation_sites_per_O2()
    {
        var q = ChargeNeutrality.Of(Rocksalt);
        Assert.Equal("2*rocksalt/M1/occ[Li] + 4*rocksalt/M1/occ[Ni] + 10*rocksalt/M1/occ[Ru] = 4", q.Constraints[0].ToString());
        Assert.Equal(0, q.Constraints[0].Residual(q.CurrentValues), 14);
    }

    [Fact]
    public void Charge_neutrality_with_fixed_sites_and_added_occupants()
    {
        // Ni2+ that may enter the Li layer, and the Li layer itself fixed.
        var q = ChargeNeutrality.Of(Layered, ["O1"], [KeyValuePair.Create("Li1", Species.Parse("Ni2+"))]);
        Assert.Contains(q.Constraints[0].Terms, t => t.Parameter == Occ("layered", "Li1", "Ni") && t.Coefficient == 2);
        var fixedLi = ChargeNeutrality.Of(Layered, ["O1", "Li1"]);
        Assert.Equal(-3, fixedLi.FixedCharge, 15);
        Assert.DoesNotContain(fixedLi.Constraints[0].Parameters, p => p == LayeredLi1Li);
    }

    [Fact]
    public void Charge_neutrality_detects_an_unbalanced_phase_and_refuses_missing_charges()
    {
        var delithiated = Layered.WithOccupancy("Li1", "Li+", 0.5);   // Ni/Ru not oxidised in the model: +0.5 short
        var q = ChargeNeutrality.Of(delithiated);
        Assert.Equal(-0.5, q.CurrentCharge, 14);
        Assert.Equal(-0.5, q.Constraints[0].Residual(q.CurrentValues), 14);

        var neutral = Phase.Create("n").WithCell(Layered.Cell).WithSpaceGroup(Layered.SpaceGroup)
            .AddSite("Li1", 0, 0, 0.5, "Li").AddSite("O1", 0, 0, 0.257, "O2-").Build();
        Assert.Contains("no oxidation state", Assert.Throws<ArgumentException>(() => ChargeNeutrality.Of(neutral)).Message);

        var mixedValence = StructurePrototypes.Spinel("spinel", 8.24, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Mn3+", 0.5), SiteOccupant.Of("Mn4+", 0.5)], 0.263);
        Assert.Contains("charges 3 and 4", Assert.Throws<ArgumentException>(() => ChargeNeutrality.Of(mixedValence)).Message);
    }
}
