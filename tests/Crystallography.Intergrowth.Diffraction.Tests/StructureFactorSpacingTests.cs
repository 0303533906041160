using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// <see cref="StructureFactorEvaluator.SquaredModulusAtSpacing"/>, the refinement's cell derivatives of |F|², against an
/// evaluator whose cell was actually moved: the positions' phase sums do not depend on the cell.
/// </summary>
public class StructureFactorSpacingTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "layered_S1", "xray" }, { "layered_S1", "neutron" }, { "rocksalt_S1", "xray" }, { "LiCoO2", "xray" },
    };

    private static ScatteringModel Model(string name) => name == "xray" ? ScatteringModel.XRay() : ScatteringModel.Neutron();

    /// <summary>Every reflection up to index 4, a cell moved by 0.3 % in a and −0.2 % in c: equal to 1e-12 relative.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EqualsAFullEvaluationAtTheMovedCell(string phaseName, string model)
    {
        var phase = StructureFactorTestPhases.ByName(phaseName);
        var cell = phase.Cell;
        var main = new StructureFactorEvaluator(phase, Model(model));
        var moved = new StructureFactorEvaluator(phase, Model(model));
        double a = cell.A * 1.003, b = cell.B * (cell.A == cell.B ? 1.003 : 1), c = cell.C * 0.998;
        moved.SetCell(a, b, c, cell.Alpha, cell.Beta, cell.Gamma);
        var geometry = CellGeometry.Create(a, b, c, cell.Alpha, cell.Beta, cell.Gamma);
        int checkedCount = 0;
        for (int h = -4; h <= 4; h++)
            for (int k = -4; k <= 4; k++)
                for (int l = -4; l <= 4; l++)
                {
                    var hkl = new MillerIndex(h, k, l);
                    if (hkl.IsOrigin) continue;
                    double expected = moved.SquaredModulus(hkl);
                    main.SquaredModulus(hkl);
                    double actual = main.SquaredModulusAtSpacing(hkl, geometry.InverseDSquared(h, k, l));
                    Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(expected, 1e-6),
                                $"{phaseName} {model} {hkl}: {actual:R} from the phase sums, {expected:R} at the moved cell");
                    checkedCount++;
                }
        Assert.Equal(9 * 9 * 9 - 1, checkedCount);
    }

    /// <summary>Without a prior evaluation of the reflection, and after positions move, the sums are made afresh.</summary>
    [Fact]
    public void StaleSumsAreNeverUsed()
    {
        var phase = StructureFactorTestPhases.Layered(0.25);
        var main = new StructureFactorEvaluator(phase, ScatteringModel.XRay());
        var fresh = new StructureFactorEvaluator(phase, ScatteringModel.XRay());
        var hkl = new MillerIndex(1, 0, 4);
        double q = phase.Cell.InverseDSquared(1, 0, 4);
        main.SquaredModulus(new MillerIndex(0, 0, 3));
        Assert.Equal(fresh.SquaredModulus(hkl), main.SquaredModulusAtSpacing(hkl, q), 12);
        int oxygen = Enumerable.Range(0, phase.Sites.Length).First(s => phase.Sites[s].Occupants.Any(o => o.Species.Symbol == "O"));
        var site = phase.Sites[oxygen].Position;
        main.SetPosition(oxygen, site.X, site.Y, site.Z + 0.01);
        fresh.SetPosition(oxygen, site.X, site.Y, site.Z + 0.01);
        Assert.Equal(fresh.SquaredModulus(hkl), main.SquaredModulusAtSpacing(hkl, q), 12);
    }
}
