using Crystallography.Intergrowth.StructureModel;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

public class DesignerTests
{
    private static readonly CompositionFamily Study = CompositionFamily.LithiumNickelRuthenate;

    private static Species S(string text) => Species.Parse(text);

    [Fact]
    public void Li1_2Ni0_4Ru0_4O2_is_the_member_at_x_0_2()
    {
        DesignedComposition d = CompositionDesigner.Design(Study, Fraction.Parse("0.2"));
        Assert.Equal(new Fraction(6, 5), d.Amount(S("Li+")));
        Assert.Equal(new Fraction(2, 5), d.Amount(S("Ni2+")));
        Assert.Equal(new Fraction(2, 5), d.Amount(S("Ru5+")));
        Assert.Equal(new Fraction(2, 1), d.Amount(S("O2-")));
        // 1.2 + 2·0.4 + 5·0.4 = 4 = 2·2: balanced.
        Assert.Equal(Fraction.Zero, d.Charge);
        Assert.Equal(new Fraction(2, 1), d.CationSum);
        Assert.Equal("Li6/5Ni2/5Ru2/5O2", d.Formula);
        Assert.Equal("Li1.2Ni0.4Ru0.4O2", d.Composition.ToString());
        Assert.Equal(Composition.Parse("Li1.2Ni0.4Ru0.4O2"), d.Composition.WithCharges(
            S("Li"), S("Ni"), S("Ru"), S("O")));
    }

    [Fact]
    public void Li7_6Ni4_9Ru7_18O2_is_the_member_at_x_one_sixth()
    {
        // a + b = 5/6 and 2a + 5b = 17/6 give b = 7/18, a = 4/9: the example formula.
        DesignedComposition d = CompositionDesigner.Design(Study, new Fraction(1, 6));
        Assert.Equal("Li7/6Ni4/9Ru7/18O2", d.Formula);
        Assert.Equal(new Fraction(4, 9), d.Amount(S("Ni2+")));
        Assert.Equal(new Fraction(7, 18), d.Amount(S("Ru5+")));
        Assert.Equal(Fraction.Zero, d.Charge);
        // pymatgen 2022.11.7: Composition({'Li': 7/6, 'Ni': 4/9, 'Ru': 7/18, 'O': 2}).weight
        Assert.Equal(105.48758888888888, d.Composition.MolarMass, 1e-9);
    }

    [Theory]
    [InlineData("0", "LiNi2/3Ru1/3O2")]
    [InlineData("1/6", "Li7/6Ni4/9Ru7/18O2")]
    [InlineData("1/5", "Li6/5Ni2/5Ru2/5O2")]
    [InlineData("1/3", "Li4/3Ni2/9Ru4/9O2")]
    [InlineData("1/2", "Li3/2Ru1/2O2")] // Ni vanishes: Li3RuO4
    public void Members_of_the_study_family(string x, string formula)
    {
        DesignedComposition d = CompositionDesigner.Design(Study, Fraction.Parse(x));
        Assert.Equal(formula, d.Formula);
        // a = (2 − 4x)/3, b = (1 + x)/3 in closed form.
        Fraction fx = Fraction.Parse(x);
        Assert.Equal((2 - 4 * fx) / 3, d.Amount(S("Ni2+")));
        Assert.Equal((1 + fx) / 3, d.Amount(S("Ru5+")));
    }

    [Fact]
    public void Feasible_range_of_the_study_family_is_minus_one_to_one_half()
    {
        Assert.Equal((new Fraction(-1, 1), new Fraction(1, 2)), Study.ExcessRange);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CompositionDesigner.Design(Study, new Fraction(3, 5)));
        Assert.Contains("Ni2+", e.Message);
        Assert.False(CompositionDesigner.TryDesign(Study, new Fraction(3, 5), out _));
        Assert.True(CompositionDesigner.TryDesign(Study, new Fraction(1, 2), out var edge));
        Assert.Equal(Fraction.Zero, edge!.Amount(S("Ni2+")));
    }

    [Fact]
    public void A_grid_from_0_to_one_third()
    {
        var grid = CompositionDesigner.DesignGrid(Study, Fraction.Zero, new Fraction(1, 3), new Fraction(1, 30));
        Assert.Equal(11, grid.Count);
        Assert.Equal(new Fraction(1, 3), grid[^1].X);
        Assert.Contains(grid, d => d.Formula == "Li6/5Ni2/5Ru2/5O2");
        Assert.All(grid, d => Assert.Equal(Fraction.Zero, d.Charge));
        var sixths = CompositionDesigner.DesignGrid(Study, Fraction.Zero, new Fraction(1, 3), new Fraction(1, 12));
        Assert.Equal(["LiNi2/3Ru1/3O2", "Li13/12Ni5/9Ru13/36O2", "Li7/6Ni4/9Ru7/18O2", "Li5/4Ni1/3Ru5/12O2", "Li4/3Ni2/9Ru4/9O2"],
            sixths.Select(d => d.Formula));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositionDesigner.DesignGrid(Study, Fraction.Zero, Fraction.One, new Fraction(1, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositionDesigner.DesignGrid(Study, Fraction.Zero, Fraction.One, Fraction.Zero));
    }

    [Fact]
    public void Three_metals_with_a_fixed_ratio()
    {
        // Li(1+x) (Ni2+ Co3+ 1:1)(g1) Ru5+(g2) O2: the first group's mean charge is 5/2.
        var family = new CompositionFamily(S("Li+"),
            TransitionMetalGroup.Of([KeyValuePair.Create(S("Ni2+"), Fraction.One), KeyValuePair.Create(S("Co3+"), Fraction.One)]),
            TransitionMetalGroup.Single(S("Ru5+")), S("O2-"), 2, 1);
        DesignedComposition d = CompositionDesigner.Design(family, new Fraction(1, 5));
        // g1 + g2 = 4/5 and 5/2·g1 + 5·g2 = 14/5 give g2 = (14/5 − 2)/(5/2) = 8/25, g1 = 12/25.
        Assert.Equal(new Fraction(6, 25), d.Amount(S("Ni2+")));
        Assert.Equal(new Fraction(6, 25), d.Amount(S("Co3+")));
        Assert.Equal(new Fraction(8, 25), d.Amount(S("Ru5+")));
        Assert.Equal(Fraction.Zero, d.Charge);
        Assert.Equal(new Fraction(2, 1), d.CationSum);
    }

    [Fact]
    public void Families_that_cannot_fix_their_amounts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CompositionFamily.LithiumExcess(S("Ni2+"), S("Co2+")));
        Assert.Throws<ArgumentException>(() => CompositionFamily.LithiumExcess(S("Ni"), S("Ru5+")));
        Assert.Throws<ArgumentException>(() => CompositionFamily.LithiumExcess(S("Li+"), S("Ru5+")));
        // Mixed valence of one element is a valid family: Li(1+x) Mn3+ Mn4+ O2.
        DesignedComposition mixed = CompositionDesigner.Design(CompositionFamily.LithiumExcess(S("Mn3+"), S("Mn4+")), new Fraction(1, 5));
        Assert.Equal(Fraction.Zero, mixed.Charge);
        Assert.Equal("Li6/5Mn4/5O2", mixed.Formula);
        Assert.Throws<ArgumentException>(() => new CompositionFamily(S("Li+"), TransitionMetalGroup.Single(S("Ni2+")),
            TransitionMetalGroup.Single(S("Ru5+")), S("O2+"), 2, 1));
    }

    // Arbitrary x inside the feasible range of arbitrary two-metal families (charges 1..7, a
    // chosen anion count): every member is balanced exactly, fills the cation sites exactly and
    // has no negative amount.
    [Property(MaxTest = 300)]
    public Property Every_designed_composition_is_balanced_and_full(PositiveInt q1, PositiveInt q2, PositiveInt anions, int k, PositiveInt steps)
    {
        int charge1 = q1.Get % 7 + 1;
        int charge2 = q2.Get % 7 + 1;
        if (charge1 == charge2) charge2 = charge1 % 7 + 1;
        var family = new CompositionFamily(S("Li+"),
            TransitionMetalGroup.Single(new Species(Element.FromSymbol("Mn"), charge1)),
            TransitionMetalGroup.Single(new Species(Element.FromSymbol("Ru"), charge2)),
            S("O2-"), anions.Get % 3 + 1, 1);
        if (family.ExcessRange is not var (min, max))
            return true.Label("no feasible x");
        int n = steps.Get % 997 + 1;
        Fraction x = min + (max - min) * new Fraction(((k % (n + 1)) + n + 1) % (n + 1), n);
        DesignedComposition d = CompositionDesigner.Design(family, x);
        Fraction exactCharge = Fraction.Zero;
        Fraction cations = Fraction.Zero;
        foreach (var (species, amount) in d.Amounts)
        {
            exactCharge += species.Charge!.Value * amount;
            if (species.Charge > 0) cations += amount;
        }
        bool ok = exactCharge == Fraction.Zero && d.Charge == Fraction.Zero
            && cations == family.CationSites && d.CationSum == family.CationSites
            && d.Amounts.All(p => p.Value >= Fraction.Zero)
            && d.Composition.ExactCharge == Fraction.Zero;
        return ok.Label($"{family} at x = {x}: {d}");
    }

    [Property(MaxTest = 200)]
    public bool Every_member_of_the_study_family_on_a_grid_is_balanced(PositiveInt denominator, int numerator)
    {
        int q = denominator.Get % 60 + 1;
        // x = p/q within [−1, 1/2].
        int p = ((numerator % (3 * q / 2 + q + 1)) + (3 * q / 2 + q + 1)) % (3 * q / 2 + q + 1) - q;
        var x = new Fraction(p, q);
        if (x > new Fraction(1, 2)) return true;
        DesignedComposition d = CompositionDesigner.Design(Study, x);
        return d.Charge.IsZero && d.CationSum == 2
            && d.Amount(S("Li+")) + 2 * d.Amount(S("Ni2+")) + 5 * d.Amount(S("Ru5+")) == 4;
    }
}
