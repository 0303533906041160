using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.StructureModel.Tests;

public class ComparisonTests
{
    private static Element E(string symbol) => Element.FromSymbol(symbol);

    // The study's chemical analysis against its design.
    private static readonly MeasuredComposition Measured = MeasuredComposition.ParseRatio("Li:Ni:Ru", "1.17(3):0.44(2):0.39(4)");

    private static readonly Composition Designed = CompositionDesigner.Design(
        CompositionFamily.LithiumNickelRuthenate, Fraction.Parse("0.2")).Composition;

    [Fact]
    public void Parses_the_ratio()
    {
        Assert.Equal(["Li", "Ni", "Ru"], Measured.Elements.Select(e => e.Symbol));
        Assert.Equal(1.17, Measured.Amount(E("Li")).Value);
        Assert.Equal(0.02, Measured.Amount(E("Ni")).StandardUncertainty, 1e-15);
        Assert.Equal("Li:Ni:Ru = 1.17(3):0.44(2):0.39(4)", Measured.ToString());
        Assert.Throws<KeyNotFoundException>(() => Measured.Amount(E("O")));
        Assert.Throws<FormatException>(() => MeasuredComposition.ParseRatio("Li:Ni", "1.17(3):0.44(2):0.39(4)"));
        Assert.Throws<FormatException>(() => MeasuredComposition.ParseRatio("Li:Xx", "1.17(3):0.44(2)"));
        Assert.Throws<FormatException>(() => MeasuredComposition.ParseRatio("Li:Li", "1.17(3):0.44(2)"));
    }

    [Fact]
    public void The_study_pair_agrees_within_two_standard_uncertainties()
    {
        CompositionComparison c = Measured.CompareWith(Designed, coverage: 2);
        // Li: (1.17 − 1.2)/0.03 = −1; Ni: (0.44 − 0.4)/0.02 = +2 (on the boundary); Ru: (0.39 − 0.4)/0.04 = −0.25.
        Assert.Equal(-1, c.For(E("Li")).ZScore, 9);
        Assert.Equal(2, c.For(E("Ni")).ZScore, 9);
        Assert.Equal(-0.25, c.For(E("Ru")).ZScore, 9);
        Assert.Equal(0.04, c.For(E("Ni")).Difference, 12);
        Assert.Equal(0.4, c.For(E("Ni")).Expected, 15);
        Assert.Equal(1 + 4 + 0.0625, c.ChiSquared, 9);
        Assert.Equal(3, c.DegreesOfFreedom);
        Assert.Equal(5.0625 / 3, c.ReducedChiSquared, 9);
        Assert.True(c.AllAgree);
        Assert.Equal(E("Ni"), c.WorstElement.Element);
    }

    [Fact]
    public void At_a_tighter_coverage_nickel_disagrees()
    {
        CompositionComparison c = CompositionComparison.Compare(Measured, Designed, 1.5);
        Assert.False(c.AllAgree);
        Assert.False(c.For(E("Ni")).Agrees);
        Assert.True(c.For(E("Li")).Agrees);
        Assert.Contains("beyond 1.5 s.u.", c.ToString());
        Assert.True(CompositionComparison.Compare(Measured, Designed, 3).AllAgree);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositionComparison.Compare(Measured, Designed, 0));
        var exact = MeasuredComposition.ParseRatio("Li:Ni", "1.2:0.4");
        Assert.Throws<ArgumentException>(() => CompositionComparison.Compare(exact, Designed));
    }

    // Reference s.u. from a numerical Jacobian in numpy (central differences, h = 1e-7) of
    // n = 2·m/Σm applied to independent σ: [0.02897331, 0.01908822, 0.03295865].
    [Fact]
    public void Normalising_to_two_cations_propagates_the_uncertainties()
    {
        MeasuredComposition n = Measured.NormalizeTo(2);
        Assert.Equal(1.17, n.Amount(E("Li")).Value, 12);
        Assert.Equal(0.02897331, n.Amount(E("Li")).StandardUncertainty, 7);
        Assert.Equal(0.01908822, n.Amount(E("Ni")).StandardUncertainty, 7);
        Assert.Equal(0.03295865, n.Amount(E("Ru")).StandardUncertainty, 7);

        // Halved measurement (per cation site), renormalised: the same numbers come back.
        MeasuredComposition half = MeasuredComposition.ParseRatio("Li:Ni:Ru", "0.585(15):0.220(10):0.195(20)").NormalizeTo(2);
        Assert.Equal(0.44, half.Amount(E("Ni")).Value, 12);
        Assert.Equal(0.01908822, half.Amount(E("Ni")).StandardUncertainty, 7);
    }

    // numpy as above with O outside the basis: O 2.10(5) → 2.10, s.u. 0.07548013.
    [Fact]
    public void Normalising_over_a_basis_of_cations_rescales_the_anion_too()
    {
        var withOxygen = MeasuredComposition.ParseRatio("Li:Ni:Ru:O", "1.17(3):0.44(2):0.39(4):2.10(5)");
        MeasuredComposition n = withOxygen.NormalizeTo(2, [E("Li"), E("Ni"), E("Ru")]);
        Assert.Equal(2.10, n.Amount(E("O")).Value, 12);
        Assert.Equal(0.07548013, n.Amount(E("O")).StandardUncertainty, 7);
        Assert.Equal(0.02897331, n.Amount(E("Li")).StandardUncertainty, 7);
        Assert.Throws<ArgumentException>(() => withOxygen.NormalizeTo(2, [E("Co")]));
        Assert.Throws<ArgumentException>(() => withOxygen.NormalizeTo(0));
        // Against the design, oxygen counts too now: (2.10 − 2)/0.07548013 = 1.3249 s.u.
        Assert.Equal(0.1 / 0.07548013, n.CompareWith(Designed).For(E("O")).ZScore, 1e-6);
    }
}
