using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Runs the walkthrough of docs/refinement.md line for line and checks what its comments promise.</summary>
public sealed class RefinementDocsExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void TheJointWalkthroughRunsAsWritten()
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
            lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008).PerFormulaUnit("O2");
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16,
            [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
            cationUiso: 0.007, anionUiso: 0.009).PerFormulaUnit("O2");

        RefinementPattern Measured(string name, Instrument instrument, PatternRange range, int seed)
        {
            var mixture = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], 200);
            var expected = new PatternSimulator(instrument).Simulate(mixture, range).Y.Select(y => y + 100).ToArray();
            var random = new Random(seed);
            var counts = expected.Select(y => Math.Round(y + Math.Sqrt(y) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())));
            return RefinementPattern.WithCountingWeights(name, range.X, [.. counts], instrument, new ChebyshevBackground(range.X[0], range.X[^1], [0, 0, 0]));
        }
        var sxrd = Measured("sxrd", Instrument.Synchrotron(0.4137), PatternRange.Uniform(3, 0.004, 15), seed: 1);
        var cwn = Measured("cwn", Instrument.ConstantWavelengthNeutrons(1.622), PatternRange.Uniform(15, 0.05, 125), seed: 2);

        var result = Refinement.Of(layered.WithCell(UnitCell.Hexagonal(2.9415, 14.404)), rocksalt.WithCell(UnitCell.Cubic(4.1588)))
            .Against(sxrd).Against(cwn)
            .WithFractions(("layered", 0.5), ("rocksalt", 0.5))
            .StartingAt("hist:sxrd/scale", 150).StartingAt("hist:cwn/scale", 150)
            .Refine("layered/fraction", "rocksalt/fraction", "hist:sxrd/scale", "hist:cwn/scale")
            .Refine("layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z", "hist:sxrd/zero", "hist:cwn/zero")
            .RefineWhere(id => id.Name == "bkg")
            .Constrain("layered/fraction + rocksalt/fraction = 1")
            .WithMaximumCycles(30)
            .Run();
        string table = result.Table().ToText();                           // parameters with s.u., fractions, R factors
        var fraction = result.MoleFractions["layered"];                   // 0.70 within 3 s.u.
        var a = result["layered/cell/a"];                                 // 2.94 Å within 3 s.u.
        string cif = result.ToCif();                                      // the refined structures

        output.WriteLine(table);
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.True(Math.Abs(fraction.Value - 0.7) < 3 * fraction.StandardUncertainty, $"layered fraction {fraction}");
        Assert.True(Math.Abs(a.Value - 2.94) < 3 * a.StandardUncertainty, $"a = {a}");
        Assert.All(result.Patterns, fit => Assert.InRange(fit.Agreement.GoodnessOfFit, 0.9, 1.2));
        Assert.Contains("_cell_length_a", cif, StringComparison.Ordinal);
        DocumentationExample.AssertMirrored("refinement.md", "tests", "Crystallography.Intergrowth.Refinement.Tests", "RefinementDocsExampleTests.cs");
    }
}
