using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Constraints.Tests;

/// <summary>The example of docs/constraints-chemistry.md, run: every line of its code block appears here and its comments' values are asserted.</summary>
public sealed class ChemistryDocsExampleTests
{
    [Fact]
    public void Example_runs_and_gives_what_its_comments_say()
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+", 1)],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257);
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16,
            [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);

        var transfer = ElementTransfer.Between("Li", new SiteShare(layered, "Li1", 0.7), new SiteShare(rocksalt, "M1", 0.3));
        double[] derived = transfer.Coefficients.Select(c => c.Coefficient).ToArray();   // 0.7, 0.6
        double[] integers = transfer.IntegerCoefficients!.Value.Select(c => c.Coefficient).ToArray();   // 7, 6
        LinearConstraint equation = transfer.IntegerConstraint!;   // 7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6
        string explanation = transfer.Explain();                   // printed below

        var prose = LinearConstraint.Parse("6*Δlayered/Li1/occ[Li] + 7*Δrocksalt/M1/occ[Li] = 0", transfer.CurrentValues);
        bool proseAgrees = transfer.Constraints[0].IsEquivalentTo(prose);   // false: the 6-and-7 swap is caught
        bool integerFormAgrees = transfer.Constraints[0].IsEquivalentTo(equation);   // true

        var full = OccupancySum.Full(layered, "M1");               // layered/M1/occ[Li] + layered/M1/occ[Ni] + layered/M1/occ[Ru] = 1
        var vacancy = OccupancySum.KeepCurrent(rocksalt, "M1");    // rocksalt/M1/occ[Li] + rocksalt/M1/occ[Ni] + rocksalt/M1/occ[Ru] = 1
        var exchange = SiteExchange.Create(layered, "Li1", "Li", "M1", "Ni");   // three equations, z = layered/Li1/occ[Ni]
        var atFivePercent = exchange.Occupancies(0.05);            // Ni 3b 0.05, Li 3b 0.95, Li 3a 0.25, Ni 3a 0.35
        var icp = ElementTotal.FixedTo("Li", 0.5, [new PhaseShare(layered, 0.7), new PhaseShare(rocksalt, 0.3)]);
                                                                   // 0.7*layered/Li1/occ[Li] + 0.7*layered/M1/occ[Li] + 0.6*rocksalt/M1/occ[Li] = 0.5
        var charge = ChargeNeutrality.Of(layered);                 // layered/Li1/occ[Li] + layered/M1/occ[Li] + 2*layered/M1/occ[Ni] + 5*layered/M1/occ[Ru] = 4

        var conservation = transfer.ToBilinear();                  // layered/fraction*layered/Li1/occ[Li] + 2*rocksalt/fraction*rocksalt/M1/occ[Li] = 1.06
        var values = new Dictionary<ParameterId, double>(transfer.CurrentValues)
        {
            [ParameterId.PhaseFraction("layered")] = 0.72,
            [ParameterId.PhaseFraction("rocksalt")] = 0.28,
        };
        LinearConstraint tangent = conservation.Linearize(values);   // the linear constraint of this cycle's step
        var projected = ConstraintProjection.Project([conservation], values, [ParameterId.Occupancy("rocksalt", "M1", "Li")]);
                                                                   // rocksalt/M1/occ[Li] = (1.06 − 0.72)/0.56 = 0.607143; residual < 1e-12

        Assert.Equal(0.7, derived[0], 15);
        Assert.Equal(0.6, derived[1], 15);
        Assert.Equal([7.0, 6.0], integers);
        Assert.Equal("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6", equation.ToString());
        Assert.False(proseAgrees);
        Assert.True(integerFormAgrees);
        Assert.Equal("layered/M1/occ[Li] + layered/M1/occ[Ni] + layered/M1/occ[Ru] = 1", full.Constraints[0].ToString());
        Assert.Equal("rocksalt/M1/occ[Li] + rocksalt/M1/occ[Ni] + rocksalt/M1/occ[Ru] = 1", vacancy.Constraints[0].ToString());
        Assert.Equal(3, exchange.Constraints.Length);
        Assert.Equal(ParameterId.Parse("layered/Li1/occ[Ni]"), exchange.Variable);
        Assert.Equal(0.05, atFivePercent[ParameterId.Parse("layered/Li1/occ[Ni]")], 15);
        Assert.Equal(0.95, atFivePercent[ParameterId.Parse("layered/Li1/occ[Li]")], 15);
        Assert.Equal(0.25, atFivePercent[ParameterId.Parse("layered/M1/occ[Li]")], 15);
        Assert.Equal(0.35, atFivePercent[ParameterId.Parse("layered/M1/occ[Ni]")], 15);
        Assert.Equal("0.7*layered/Li1/occ[Li] + 0.7*layered/M1/occ[Li] + 0.6*rocksalt/M1/occ[Li] = 0.5", icp.Constraints[0].ToString());
        Assert.Equal("layered/Li1/occ[Li] + layered/M1/occ[Li] + 2*layered/M1/occ[Ni] + 5*layered/M1/occ[Ru] = 4", charge.Constraints[0].ToString());
        Assert.Equal("layered/fraction*layered/Li1/occ[Li] + 2*rocksalt/fraction*rocksalt/M1/occ[Li] = 1.06", conservation.ToString());
        // At a point off the surface the tangent's residual is the constraint's own (−0.004 here):
        // Σ gᵢ·pᵢ = Σ gᵢ·pᵢ⁰ − r(p⁰) is zero where the first-order correction lands.
        Assert.Equal(conservation.Residual(values), tangent.Residual(values), 14);
        Assert.Equal(-0.004, tangent.Residual(values), 14);
        Assert.True(projected.Converged);
        Assert.Equal((1.06 - 0.72) / 0.56, projected.Values[ParameterId.Occupancy("rocksalt", "M1", "Li")], 12);
        Assert.True(Math.Abs(conservation.Residual(projected.Values)) < 1e-12);
        Assert.Equal(1, projected.Values[ParameterId.Occupancy("layered", "Li1", "Li")]);

        // The printed derivation on the page is the one Explain() gives.
        string page = File.ReadAllText(RepositoryLayout.PathOf("docs", "constraints-chemistry.md"));
        Assert.Contains("```text\n" + explanation.Replace("\r\n", "\n") + "\n```", page.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Page_code_is_mirrored_here() =>
        DocumentationExample.AssertMirrored("constraints-chemistry.md", "tests", "Crystallography.Intergrowth.Constraints.Tests", "ChemistryDocsExampleTests.cs");
}
