using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// <see cref="StructureFactorEvaluator.SquaredModulusAtSpacing"/> at the small moves a refinement's cell columns make
/// (±1e-4 Å), from phase sums over the sites' distinct images, against a full evaluation at the moved cell; and over
/// random isotropic structures at random moves, with a Uiso changed after the phase sums were made.
/// </summary>
public class StructureFactorSpacingStepTests
{
    private static ScatteringModel[] Models =>
    [
        ScatteringModel.XRay().WithIonFormFactors().WithAnomalousDispersion(Anode.Copper),
        ScatteringModel.XRay(FormFactorTable.InternationalTablesC1992),
        ScatteringModel.Neutron(),
    ];

    [Theory]
    [InlineData("layered_S1")]
    [InlineData("rocksalt_S1")]
    [InlineData("LiCoO2")]
    public void A_cell_step_gives_the_full_evaluation_at_the_moved_cell(string name)
    {
        var phase = StructureFactorTestPhases.ByName(name);
        var cell = phase.Cell;
        foreach (var model in Models)
        {
            var main = new StructureFactorEvaluator(phase, model);
            var gradient = new double[main.Parameters.Length];
            foreach (var (da, dc) in new[] { (1e-4, 0.0), (-1e-4, 0.0), (0.0, 1e-4), (0.0, -1e-4), (1e-6, -1e-6) })
            {
                bool cubic = cell.A == cell.C;
                double a = cell.A + da, c = cubic ? a : cell.C + dc;
                var moved = new StructureFactorEvaluator(phase, model);
                moved.SetCell(a, a, c, cell.Alpha, cell.Beta, cell.Gamma);
                var geometry = CellGeometry.Create(a, a, c, cell.Alpha, cell.Beta, cell.Gamma);
                for (int h = -6; h <= 6; h++)
                    for (int k = -6; k <= 6; k++)
                        for (int l = -9; l <= 9; l++)
                        {
                            var hkl = new MillerIndex(h, k, l);
                            if (hkl.IsOrigin) continue;
                            double expected = moved.SquaredModulus(hkl);
                            main.SquaredModulus(hkl, gradient);
                            double actual = main.SquaredModulusAtSpacing(hkl, geometry.InverseDSquared(h, k, l));
                            Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(expected, 1e-6),
                                $"{name} {model} {hkl} a {a} c {c}: {actual:R} from the moved exponentials, {expected:R} at the moved cell");
                        }
            }
        }
    }

    [Property(MaxTest = 40)]
    public Property Random_isotropic_structures_at_random_small_spacing_moves(int seed)
    {
        var phase = StructureFactorPropertyTests.RandomPhase(seed, anisotropic: false);
        var random = new Random(seed);
        var cell = phase.Cell;
        foreach (var model in Models)
        {
            var main = new StructureFactorEvaluator(phase, model);
            // Every length scaled by 1 + ε, ε from 1e-7 to 1e-2: 1/d² scales by (1 + ε)⁻² for every reflection.
            double factor = 1 + Math.Pow(10, -7 + 5 * random.NextDouble()) * (random.Next(2) == 0 ? 1 : -1);
            var moved = new StructureFactorEvaluator(phase, model);
            moved.SetCell(cell.A * factor, cell.B * factor, cell.C * factor, cell.Alpha, cell.Beta, cell.Gamma);
            var geometry = CellGeometry.Create(cell.A * factor, cell.B * factor, cell.C * factor, cell.Alpha, cell.Beta, cell.Gamma);
            var list = ReflectionList.Generate(phase, 0.7);
            for (int i = 0; i < Math.Min(list.Count, 40); i++)
            {
                var hkl = list.Index(random.Next(list.Count));
                double expected = moved.SquaredModulus(hkl);
                double actual = main.SquaredModulusAtSpacing(hkl, geometry.InverseDSquared(hkl.H, hkl.K, hkl.L));
                Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(expected, 1e-6),
                    $"{phase.SpaceGroup} {model} {hkl} scale {factor:R}: {actual:R} from the moved exponentials, {expected:R} at the moved cell");
            }
            // A Uiso changed after the phase sums were made is taken at its new value.
            main.SetUiso(0, phase.Sites[0].Displacement.Uiso + 0.01);
            moved.SetUiso(0, phase.Sites[0].Displacement.Uiso + 0.01);
            var first = list.Count > 0 ? list.Index(0) : new MillerIndex(1, 0, 0);
            double q = geometry.InverseDSquared(first.H, first.K, first.L);
            Assert.Equal(moved.SquaredModulus(first), main.SquaredModulusAtSpacing(first, q), 1e-12 * Math.Max(moved.SquaredModulus(first), 1e-6));
        }
        return true.ToProperty();
    }
}
