using Crystallography.Intergrowth.TestKit;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>The example of docs/chemistry.md, run: every line of its code block appears here and its comments' values are asserted.</summary>
public sealed class DocsChemistryExampleTests
{
    [Fact]
    public void Example_runs_and_gives_what_its_comments_say()
    {
        var formula = Composition.Parse("Li1.2(Ni0.4Ru0.4)O2");   // exact: Li 6/5, Ni 2/5, Ru 2/5, O 2
        var ions = formula.WithCharges(Species.Parse("Li+"), Species.Parse("Ni2+"), Species.Parse("Ru5+"), Species.Parse("O2-"));
        double molarMass = ions.MolarMass;                        // 104.23336 g/mol
        Fraction? charge = ions.ExactCharge;                      // 0 exactly
        double unitsPerCell = Composition.Parse("Li3.6Ni1.2Ru1.2O6").FormulaUnitsIn(Composition.Parse("O2"));   // 3

        var family = CompositionFamily.LithiumNickelRuthenate;     // Li+(1+x) Ni2+ Ru5+ O2-(2), cation sites 2
        var grid = CompositionDesigner.DesignGrid(family, Fraction.Zero, new Fraction(1, 3), new Fraction(1, 6));
        string[] formulas = grid.Select(d => d.Formula).ToArray();
                                                                  // LiNi2/3Ru1/3O2, Li7/6Ni4/9Ru7/18O2, Li4/3Ni2/9Ru4/9O2
        var designed = CompositionDesigner.Design(family, Fraction.Parse("0.2"));   // Li6/5Ni2/5Ru2/5O2

        var measured = MeasuredComposition.ParseRatio("Li:Ni:Ru", "1.17(3):0.44(2):0.39(4)");
        var comparison = measured.CompareWith(designed.Composition, coverage: 2);
        bool agrees = comparison.AllAgree;                        // true: z = -1, +2, -0.25; chi^2 = 5.0625
        var perTwoCations = measured.NormalizeTo(2);              // Li 1.17(3): s.u. propagated, 0.02897

        Assert.Equal([new Fraction(6, 5), new Fraction(2, 5), new Fraction(2, 5), new Fraction(2, 1)], formula.ExactAmounts!.Select(p => p.Value));
        Assert.Equal(104.23336, molarMass, 1e-9); // pymatgen 2022.11.7, Composition("Li1.2Ni0.4Ru0.4O2").weight
        Assert.Equal(Fraction.Zero, charge);
        Assert.Equal(3, unitsPerCell, 12);
        Assert.Equal("Li+(1+x) Ni2+ Ru5+ O2-(2), cation sites 2", family.ToString());
        Assert.Equal(["LiNi2/3Ru1/3O2", "Li7/6Ni4/9Ru7/18O2", "Li4/3Ni2/9Ru4/9O2"], formulas);
        Assert.Equal("Li6/5Ni2/5Ru2/5O2", designed.Formula);
        Assert.True(agrees);
        Assert.Equal([-1, 2, -0.25], comparison.Elements.Select(e => Math.Round(e.ZScore, 9)));
        Assert.Equal(5.0625, comparison.ChiSquared, 9);
        Assert.Equal("1.17(3)", perTwoCations.Amount(Element.FromSymbol("Li")).ToString());
        Assert.Equal(0.02897, perTwoCations.Amount(Element.FromSymbol("Li")).StandardUncertainty, 5);
    }

    [Fact]
    public void Every_code_line_of_the_doc_example_is_in_this_test() =>
        DocumentationExample.AssertMirrored("chemistry.md", "tests", "Crystallography.Intergrowth.StructureModel.Tests", "DocsChemistryExampleTests.cs");
}
