using System.Numerics;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The production structure factor against the explicit sum over the atoms of the cell, and its
/// derivatives against central differences, over random structures in centrosymmetric and
/// non-centrosymmetric space groups of every crystal system, with special positions, mixed sites,
/// anisotropic displacements, ions and anomalous dispersion.
/// </summary>
public class StructureFactorPropertyTests
{
    private static readonly string[] Groups =
        ["P1", "P-1", "P21/c", "C2/c", "Pna21", "P212121", "Cmcm", "P4/nmm", "I41/amd", "P3121", "R3c", "R-3m", "P63/mmc", "Fm-3m", "Fd-3m", "I-43d"];

    private static readonly string[] SpeciesPool = ["Li", "Li+", "O", "O2-", "Ni", "Ni2+", "Ru", "Co3+", "Mn4+", "Ti", "Gd"];

    /// <summary>A random structure from a seed (FsCheck varies the seed; the structure follows deterministically).</summary>
    internal static Phase RandomPhase(int seed, bool anisotropic = true)
    {
        var random = new Random(seed);
        var group = SpaceGroup.Parse(Groups[random.Next(Groups.Length)]);
        var cell = RandomCell(random, group);
        var builder = Phase.Create("random " + seed).WithCell(cell).WithSpaceGroup(group);
        int siteCount = 1 + random.Next(3);
        for (int s = 0; s < siteCount; s++)
        {
            FractionalPosition position;
            if (random.Next(2) == 0)
            {
                position = new FractionalPosition(random.NextDouble(), random.NextDouble(), random.NextDouble());
            }
            else
            {
                var wyckoff = group.WyckoffPositions[random.Next(group.WyckoffPositions.Length)];
                position = wyckoff.Representative.Evaluate(random.NextDouble(), random.NextDouble(), random.NextDouble());
            }
            var location = group.Locate(position, 1e-3);
            int occupantCount = 1 + random.Next(2);
            var species = SpeciesPool.OrderBy(_ => random.Next()).Take(occupantCount).ToArray();
            var occupants = species.Select(sp => SiteOccupant.Of(sp, 0.1 + 0.35 * random.NextDouble())).ToArray();
            AtomicDisplacement displacement = anisotropic && random.Next(2) == 0
                ? AtomicDisplacement.FromAnisotropic(SymmetrisedU(RandomU(random), cell, location.SiteOperations))
                : AtomicDisplacement.Isotropic(0.001 + 0.03 * random.NextDouble());
            builder.AddSite("S" + s, location.Position, occupants, displacement);
        }
        return builder.Build();
    }

    private static UnitCell RandomCell(Random random, SpaceGroup group)
    {
        double L() => 3 + 6 * random.NextDouble();
        return group.CrystalSystem switch
        {
            CrystalSystem.Triclinic => new UnitCell(L(), L(), L(), 80 + 20 * random.NextDouble(), 85 + 20 * random.NextDouble(), 75 + 20 * random.NextDouble()),
            CrystalSystem.Monoclinic => UnitCell.Monoclinic(L(), L(), L(), 95 + 20 * random.NextDouble()),
            CrystalSystem.Orthorhombic => UnitCell.Orthorhombic(L(), L(), L()),
            CrystalSystem.Tetragonal => UnitCell.Tetragonal(L(), L()),
            CrystalSystem.Trigonal or CrystalSystem.Hexagonal => UnitCell.Hexagonal(L(), L()),
            _ => UnitCell.Cubic(L()),
        };
    }

    // A positive-definite tensor: diagonal 0.005..0.03 Å², off-diagonal up to a quarter of that.
    private static AnisotropicU RandomU(Random random)
    {
        double D() => 0.005 + 0.025 * random.NextDouble();
        double O() => 0.004 * (2 * random.NextDouble() - 1);
        return new AnisotropicU(D(), D(), D(), O(), O(), O());
    }

    // The average of W β Wᵀ over the site-symmetry operations, β = N U N (as the phase builder requires).
    private static AnisotropicU SymmetrisedU(AnisotropicU u, UnitCell cell, IReadOnlyList<SymmetryOperation> siteOperations)
    {
        double[] n = [cell.AStar, cell.BStar, cell.CStar];
        var sum = new double[3, 3];
        foreach (var op in siteOperations)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int a = 0; a < 3; a++)
                        for (int b = 0; b < 3; b++)
                            sum[i, j] += op.Rotation(i, a) * n[a] * n[b] * u[a, b] * op.Rotation(j, b);
        double U(int i, int j) => sum[i, j] / siteOperations.Count / (n[i] * n[j]);
        return new AnisotropicU(U(0, 0), U(1, 1), U(2, 2), U(0, 1), U(0, 2), U(1, 2));
    }

    private static ScatteringModel[] Models =>
    [
        ScatteringModel.XRay().WithIonFormFactors().WithAnomalousDispersion(Anode.Copper),
        ScatteringModel.XRay(FormFactorTable.InternationalTablesC1992),
        ScatteringModel.Neutron(),
    ];

    private static IEnumerable<MillerIndex> SomeReflections(Phase phase) =>
        ReflectionList.Generate(phase, 1.2).H.Length is 0
            ? []
            : Enumerable.Range(0, ReflectionList.Generate(phase, 1.2).Count).Select(ReflectionList.Generate(phase, 1.2).Index)
                .Take(25)
                // Members other than the representative, and their Friedel mates, must give the same |F|².
                .Concat([new MillerIndex(1, -2, 3), new MillerIndex(-2, 1, -1), new MillerIndex(0, 0, 0)]);

    [Property(MaxTest = 40)]
    public Property Production_structure_factor_equals_the_explicit_sum_over_atoms(int seed)
    {
        var phase = RandomPhase(seed);
        foreach (var model in Models)
        {
            var evaluator = new StructureFactorEvaluator(phase, model);
            var scattering = StructureFactorReference.Scattering(model);
            foreach (var hkl in SomeReflections(phase))
            {
                if (hkl.IsOrigin) continue;
                var fast = evaluator.StructureFactor(hkl);
                var slow = StructureFactorReference.StructureFactor(phase, scattering, hkl);
                // Summation order alone separates them; scale by F(000)-like magnitude Σ|f|.
                double scale = phase.Sites.Sum(s => s.Multiplicity * s.Occupants.Sum(o => Complex.Abs(scattering(o.Species, 0)))) + 1;
                Assert.True(Complex.Abs(fast - slow) < 1e-10 * scale,
                    $"{phase.SpaceGroup} {model} {hkl}: production {fast} vs explicit sum {slow}.");
            }
        }
        return true.ToProperty();
    }

    [Property(MaxTest = 25)]
    public Property Every_member_of_a_family_has_the_same_squared_structure_factor(int seed)
    {
        var phase = RandomPhase(seed);
        var evaluator = new StructureFactorEvaluator(phase, ScatteringModel.XRay().WithAnomalousDispersion(Anode.Molybdenum));
        var list = ReflectionList.Generate(phase, 1.5);
        for (int i = 0; i < Math.Min(list.Count, 15); i++)
        {
            double f2 = evaluator.SquaredModulus(list.Index(i));
            // Friedel's law breaks with f″ in a non-centrosymmetric group; the powder line holds both
            // mates, so compare the Laue equivalents without Friedel mates and average each with its mate.
            foreach (var member in phase.SpaceGroup.EquivalentReflections(list.Index(i), includeFriedelMates: false))
            {
                double pair = (evaluator.SquaredModulus(member) + evaluator.SquaredModulus(-member)) / 2;
                double reference = (f2 + evaluator.SquaredModulus(-list.Index(i))) / 2;
                Assert.Equal(reference, pair, 1e-9 * (reference + 1));
            }
        }
        return true.ToProperty();
    }

    [Property(MaxTest = 30)]
    public Property Derivatives_agree_with_central_differences(int seed)
    {
        var phase = RandomPhase(seed);
        foreach (var model in Models)
        {
            var evaluator = new StructureFactorEvaluator(phase, model);
            var gradient = new double[evaluator.Parameters.Length];
            foreach (var hkl in SomeReflections(phase).Take(8))
            {
                double f2 = evaluator.SquaredModulus(hkl, gradient);
                Assert.Equal(evaluator.SquaredModulus(hkl), f2, 1e-12 * (f2 + 1));
                int hMax = Math.Max(Math.Abs(hkl.H), Math.Max(Math.Abs(hkl.K), Math.Abs(hkl.L)));
                for (int p = 0; p < evaluator.Parameters.Length; p++)
                {
                    var parameter = evaluator.Parameters[p];
                    var site = phase.Sites[parameter.SiteIndex];
                    Func<double, double>? f2Of = null;
                    double x0 = 0, step = 0, scale = 0;
                    switch (parameter.Kind)
                    {
                        case StructureFactorParameterKind.X or StructureFactorParameterKind.Y or StructureFactorParameterKind.Z:
                            int axis = (int)parameter.Kind;
                            if (!IsFree(phase, site, axis)) continue; // a constrained direction cannot be moved through the phase
                            x0 = site.Position[axis];
                            step = 1e-6;
                            // |∂|F|²/∂x| ≤ 2|F| · 2π|h| Σ|f|: compare against 2π|h|·(|F|² + F(000)-ish).
                            scale = 2 * Math.PI * (hMax + 1) * (f2 + 1);
                            f2Of = x => SquaredModulus(Move(phase, site, axis, x), model, hkl);
                            break;
                        case StructureFactorParameterKind.Uiso:
                            x0 = site.Displacement.Uiso;
                            step = 1e-5;
                            scale = (f2 + 1) * 8 * Math.PI * Math.PI;
                            f2Of = u => SquaredModulus(phase.WithUiso(site.Label, u), model, hkl);
                            break;
                        case StructureFactorParameterKind.U11 or StructureFactorParameterKind.U22 or StructureFactorParameterKind.U33
                            or StructureFactorParameterKind.U12 or StructureFactorParameterKind.U13 or StructureFactorParameterKind.U23:
                            continue; // checked through the setters, on general and special positions, by StructureFactorGradientTests
                        case StructureFactorParameterKind.Occupancy:
                            var occupant = site.Occupants[parameter.OccupantIndex];
                            x0 = occupant.Occupancy;
                            step = 1e-5;
                            scale = f2 + 1;
                            int index = parameter.OccupantIndex;
                            // WithOccupants, not WithOccupancy: "Ni" would match Ni2+ on the same site too.
                            f2Of = occ => SquaredModulus(phase.WithOccupants(site.Label,
                                [.. site.Occupants.Select((o, i) => i == index ? o with { Occupancy = occ } : o)]), model, hkl);
                            break;
                    }
                    // Through the project's one finite-difference helper (five-point, error ~δ⁴f⁽⁵⁾ ≈ 1e-16 relative
                    // here); 1e-6 of the derivative's scale leaves room for the rounding of |F|² (~1e-16/δ).
                    double numeric = FiniteDifference.Derivative(f2Of!, x0, step);
                    Assert.True(Math.Abs(gradient[p] - numeric) <= 1e-6 * scale,
                        $"{phase.SpaceGroup} {model} {hkl} {parameter} ({site}): analytic {gradient[p]:G10}, finite difference {numeric:G10}.");
                }
            }
        }
        return true.ToProperty();
    }

    [Fact]
    public void Update_takes_new_values_without_changing_the_layout()
    {
        var phase = StructureFactorTestPhases.Layered();
        var evaluator = new StructureFactorEvaluator(phase, ScatteringModel.XRay());
        var moved = phase.WithSitePosition("O1", new FractionalPosition(0, 0, 0.26)).WithUiso("M1", 0.01).WithOccupancy("M1", "Ni", 0.3);
        evaluator.Update(moved);
        var fresh = new StructureFactorEvaluator(moved, ScatteringModel.XRay());
        var hkl = new MillerIndex(1, 0, 4);
        Assert.Equal(fresh.SquaredModulus(hkl), evaluator.SquaredModulus(hkl), 1e-12 * fresh.SquaredModulus(hkl));
        Assert.Throws<ArgumentException>(() => evaluator.Update(StructureFactorTestPhases.Rocksalt()));
    }

    [Fact]
    public void Gradient_layout_lists_coordinates_uiso_and_each_occupancy()
    {
        var evaluator = new StructureFactorEvaluator(StructureFactorTestPhases.Layered(), ScatteringModel.Neutron());
        Assert.Equal(
        [
            "site 0 X", "site 0 Y", "site 0 Z", "site 0 Uiso", "site 0 occupancy 0",
            "site 1 X", "site 1 Y", "site 1 Z", "site 1 Uiso", "site 1 occupancy 0", "site 1 occupancy 1", "site 1 occupancy 2",
            "site 2 X", "site 2 Y", "site 2 Z", "site 2 Uiso", "site 2 occupancy 0",
        ], evaluator.Parameters.Select(p => p.ToString()));
        Assert.Throws<ArgumentException>(() => evaluator.SquaredModulus(new MillerIndex(0, 0, 3), new double[3]));
    }

    [Fact]
    public void Anomalous_dispersion_breaks_friedels_law_only_without_a_centre_of_symmetry()
    {
        // Pna21 (non-centrosymmetric) with Gd, whose f″ at Cu Kα is large: |F(h)|² ≠ |F(−h)|².
        var phase = Phase.Create("acentric").WithCell(UnitCell.Orthorhombic(5.1, 6.3, 7.2)).WithSpaceGroup("Pna21")
            .AddSite("Gd1", 0.11, 0.23, 0.07, "Gd").AddSite("O1", 0.31, 0.12, 0.41, "O").Build();
        var model = ScatteringModel.XRay().WithAnomalousDispersion(Anode.Copper);
        var evaluator = new StructureFactorEvaluator(phase, model);
        var hkl = new MillerIndex(1, 2, 3);
        Assert.NotEqual(evaluator.SquaredModulus(hkl), evaluator.SquaredModulus(-hkl), 1e-3);
        var withoutDispersion = new StructureFactorEvaluator(phase, ScatteringModel.XRay());
        Assert.Equal(withoutDispersion.SquaredModulus(hkl), withoutDispersion.SquaredModulus(-hkl), 1e-9);
    }

    private static bool IsFree(Phase phase, AtomSite site, int axis)
    {
        var p = site.Position;
        var moved = axis switch { 0 => p with { X = p.X + 1e-4 }, 1 => p with { Y = p.Y + 1e-4 }, _ => p with { Z = p.Z + 1e-4 } };
        return phase.SpaceGroup.Locate(moved, 1e-9).Wyckoff.Letter == site.Wyckoff.Letter;
    }

    private static Phase Move(Phase phase, AtomSite site, int axis, double value)
    {
        var p = site.Position;
        var moved = axis switch { 0 => p with { X = value }, 1 => p with { Y = value }, _ => p with { Z = value } };
        return phase.ToBuilder().WithSiteTolerance(1e-9).WithSitePosition(site.Label, moved).Build();
    }

    private static double SquaredModulus(Phase phase, ScatteringModel model, MillerIndex hkl) =>
        new StructureFactorEvaluator(phase, model).SquaredModulus(hkl);
}
