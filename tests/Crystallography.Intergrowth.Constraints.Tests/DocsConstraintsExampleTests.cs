using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Constraints.Tests;

/// <summary>The example of docs/constraints.md, run: every line of its code block appears here and its comments' values are asserted.</summary>
public sealed class DocsConstraintsExampleTests
{
    [Fact]
    public void Example_runs_and_gives_what_its_comments_say()
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257);
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16,
            [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);
        var catalog = ParameterCatalog.Create([layered, rocksalt]);
        string tie = catalog.SymmetryConstraints[0].ToString();              // "layered/cell/a - layered/cell/b = 0"

        var liLayered = ParameterId.Parse("layered/Li1/occ[Li]");
        var liRocksalt = ParameterId.Occupancy("rocksalt", "M1", "Li");
        var transfer = LinearConstraint.Parse("7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0", catalog.Values);
        string written = transfer.ToString();                                // "7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 9.4"

        var set = ConstraintSet.CreateBuilder()
            .Refine(liLayered, liRocksalt)
            .Refine("layered/cell/a", "layered/O1/z", "layered/M1/occ[Li]")
            .Add(transfer)
            .Hold(ParameterId.Parse("layered/M1/occ[Li]"))
            .Bound(liLayered, 0, 1)
            .Build();
        var space = set.Reduce(catalog.Values);
        int variables = space.VariableCount;                                 // 3: four varied parameters, one constraint
        string held = space.Report.Diagnostics[0].Message;                   // "layered/M1/occ[Li] is listed as refined but held at 0.2."

        double[] p = space.ToParameters(new double[variables]);               // p₀ = the current values: they obey the constraint
        p[space.IndexOf(liLayered)] = 0.86;                                   // Li leaves the layered phase…
        p[space.IndexOf(liRocksalt)] = 0.4 + 7 * (1 - 0.86) / 6;              // …and enters the rocksalt phase: 0.56333
        double[] v = space.ToVariables(p);
        var values = space.ToValues(v);
        double residual = transfer.Residual(values);                         // 0 (to 1e-15)
        var phases = catalog.ToPhases(values);                               // new phases; layered and rocksalt are unchanged
        double left = phases[0].Site("Li1").OccupancyOf(Species.Parse("Li")); // 0.86

        var jacobianOfParameters = new double[5 * space.ParameterCount];     // 5 points × 4 parameters, column-major
        var jacobianOfVariables = new double[5 * space.VariableCount];
        space.ChainJacobian(jacobianOfParameters, jacobianOfVariables);     // J_v = J_p·T, no allocation
        var su = space.StandardUncertainties(new double[,] { { 1e-4, 0, 0 }, { 0, 1e-8, 0 }, { 0, 0, 1e-6 } });
        double suLayered = su[space.IndexOf(liLayered)];                     // 0.01·6/√85 = 0.0065079 if the Li variable has s.u. 0.01

        Assert.Equal("layered/cell/a - layered/cell/b = 0", tie);
        Assert.Equal("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 9.4", written);
        Assert.Equal(3, variables);
        Assert.Equal("layered/M1/occ[Li] is listed as refined but held at 0.2.", held);
        Assert.Equal(0.56333, p[space.IndexOf(liRocksalt)], 5);
        Assert.True(Math.Abs(residual) < 1e-14);
        Assert.Equal(0.86, left, 14);
        Assert.Equal(1, layered.Site("Li1").OccupancyOf(Species.Parse("Li")));
        Assert.Equal(0.4, rocksalt.Site("M1").OccupancyOf(Species.Parse("Li")));
        // The variable order follows the first parameter: the Li pair comes first, then a, then z; the
        // s.u. quoted in the page holds for whichever of them carries the Li pair.
        int liVariable = Enumerable.Range(0, variables).Single(j => space.Transform(space.IndexOf(liLayered), j) != 0);
        Assert.Equal(0, liVariable);
        Assert.Equal(0.01 * 6 / Math.Sqrt(85), suLayered, 12);
        Assert.Equal(0.0065079, suLayered, 7);

        DocumentationExample.AssertMirrored("constraints.md", "tests", "Crystallography.Intergrowth.Constraints.Tests", "DocsConstraintsExampleTests.cs");
    }
}
