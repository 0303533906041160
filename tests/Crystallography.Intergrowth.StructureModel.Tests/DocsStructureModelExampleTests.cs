using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>The example of docs/structure-model.md, run line for line, with its comments' values asserted.</summary>
public sealed class DocsStructureModelExampleTests
{
    [Fact]
    public void Example_runs_and_gives_what_its_comments_say()
    {
        var layered = Phase.Create("layered")
            .WithCell(UnitCell.Hexagonal(2.94194, 14.40729))
            .WithSpaceGroup("R-3m")
            .AddSite("Li1", 0, 0, 0.5, "Li+")
            .AddSite("M1", 0, 0, 0, ("Li+", 0.2), ("Ni2+", 0.4), ("Ru5+", 0.4))
            .AddSite("O1", 0, 0, 0.25716, "O2-")
            .WithUiso("O1", 0.0078)
            .PerFormulaUnit("O2")
            .Build();
        string wyckoff = layered.Site("M1").Wyckoff.Label;     // "3a"
        double z = layered.FormulaUnitsPerCell;                 // 3 formula units of O2 per cell
        string formula = layered.Formula.ToString();            // "Li1.2Ni0.4Ru0.4O2"
        double molarMass = layered.MolarMass;                   // 104.2334 g/mol per O2
        double density = layered.Density;                       // 4.8084 g/cm³

        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.15874,
            [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);
        double zRocksalt = rocksalt.FormulaUnitsPerCell;        // 2 formula units of O2 per cell

        var intermixed = layered.ToBuilder()                   // several changes, checked once in Build
            .WithOccupancy("Li1", "Li+", 0.9).WithOccupancy("Li1", "Ni2+", 0.1)
            .WithOccupancy("M1", "Li+", 0.3).WithOccupancy("M1", "Ni2+", 0.3)
            .Build();                                           // Li/Ni intermixing z = 0.1, same formula
        var mismatch = LatticeComparison.Mismatch(layered, rocksalt);
        double inPlane = mismatch.InPlane;                      // √2·a_H / a_rocksalt − 1 = +0.00043

        Assert.Equal("3a", wyckoff);
        Assert.Equal(3, z, 12);
        Assert.Equal("Li1.2Ni0.4Ru0.4O2", formula);
        Assert.Equal(104.2334, molarMass, 4);
        Assert.Equal(4.8084, density, 4);
        Assert.Equal(2, zRocksalt, 12);
        Assert.Equal("Li1.2Ni0.4Ru0.4O2", intermixed.Formula.ToString());
        Assert.Equal(0.1, intermixed.Site("Li1").OccupancyOf(Species.Parse("Ni2+")), 12);
        Assert.Equal(0.00043, inPlane, 5);
    }

    [Fact]
    public void Every_code_line_of_the_doc_example_is_in_this_test() =>
        DocumentationExample.AssertMirrored("structure-model.md", "tests", "Crystallography.Intergrowth.StructureModel.Tests", "DocsStructureModelExampleTests.cs");
}
