using System.Numerics;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The evaluator sums a site on a special position over its distinct images (one class of operations per image) rather
/// than over every primitive operation. These tests hold it to the plain sum over all primitive operations, the one it
/// replaced (<see cref="AllOperationsStructureFactor"/>), for values and every derivative, over random structures with
/// special positions, and check when the classes are kept and when they are found anew as sites move.
/// </summary>
public class StructureFactorOrbitTests(ITestOutputHelper output)
{
    // Both sums are the same number up to the order of the additions and the rounding of the coordinates (images that
    // agree to 1e-14, phases to 2π|h|₁·1e-14). Measured over these tests: below 2e-15 of the scale below.
    private const double Tolerance = 1e-12;

    private static ScatteringModel[] Models =>
    [
        ScatteringModel.XRay().WithIonFormFactors().WithAnomalousDispersion(Anode.Copper),
        ScatteringModel.Neutron(),
    ];

    [Property(MaxTest = 60)]
    public Property Orbit_sum_equals_the_sum_over_all_operations(int seed)
    {
        var phase = StructureFactorPropertyTests.RandomPhase(seed);
        var random = new Random(seed);
        foreach (var model in Models)
        {
            var evaluator = new StructureFactorEvaluator(phase, model);
            CheckAgainstReference(evaluator, phase, model, Positions(phase), RandomReflections(phase, random, 12));
        }
        return true.ToProperty();
    }

    [Property(MaxTest = 40)]
    public Property A_site_moved_along_its_special_position_keeps_its_images_and_the_sum(int seed)
    {
        var phase = StructureFactorPropertyTests.RandomPhase(seed);
        var random = new Random(seed);
        var model = Models[random.Next(Models.Length)];
        var evaluator = new StructureFactorEvaluator(phase, model);
        var positions = Positions(phase);
        int nc = phase.SpaceGroup.CentringTranslations.Length;
        for (int s = 0; s < phase.Sites.Length; s++)
        {
            var site = phase.Sites[s];
            var location = phase.SpaceGroup.Locate(site.Position, 1e-6);
            // A step in a random direction projected onto the special position (the mean of its site-symmetry images):
            // the move a refinement makes under the special position's constraints.
            var moved = Project(location.SiteOperations,
                site.Position + new FractionalPosition(0.02 * random.NextDouble() - 0.01, 0.02 * random.NextDouble() - 0.01, 0.02 * random.NextDouble() - 0.01));
            positions[s] = moved;
            evaluator.SetPosition(s, moved.X, moved.Y, moved.Z);
            if (!site.Displacement.IsAnisotropic)
                Assert.Equal(site.Multiplicity / nc, evaluator.ImageCount(s));
        }
        CheckAgainstReference(evaluator, phase, model, positions, RandomReflections(phase, random, 12));
        return true.ToProperty();
    }

    [Property(MaxTest = 40)]
    public Property A_site_moved_off_its_special_position_is_summed_over_every_operation(int seed)
    {
        var phase = StructureFactorPropertyTests.RandomPhase(seed);
        var random = new Random(seed);
        var model = Models[random.Next(Models.Length)];
        var evaluator = new StructureFactorEvaluator(phase, model);
        var positions = Positions(phase);
        int s = random.Next(phase.Sites.Length);
        var start = positions[s];
        // Off by 1e-3, and by 1e-12 (beyond the tolerance for coincident images, far below any chemical one): the
        // multiplicity stays the special position's, as SetPosition documents, and the sum follows every operation.
        foreach (double offset in new[] { 1e-3, 1e-12 })
        {
            var off = start + new FractionalPosition(offset * (0.5 + random.NextDouble()), -offset * (0.5 + random.NextDouble()), offset * (0.5 + random.NextDouble()));
            positions[s] = off;
            evaluator.SetPosition(s, off.X, off.Y, off.Z);
            Assert.Equal(phase.SpaceGroup.PrimitiveOperations.Length, evaluator.ImageCount(s));
            CheckAgainstReference(evaluator, phase, model, positions, RandomReflections(phase, random, 8));
        }
        // Back onto it: still the plain sum's value (the classes are found again when the evaluator is updated).
        positions[s] = start;
        evaluator.SetPosition(s, start.X, start.Y, start.Z);
        CheckAgainstReference(evaluator, phase, model, positions, RandomReflections(phase, random, 8));
        evaluator.Update(phase);
        if (!phase.Sites[s].Displacement.IsAnisotropic)
            Assert.Equal(phase.Sites[s].Multiplicity / phase.SpaceGroup.CentringTranslations.Length, evaluator.ImageCount(s));
        return true.ToProperty();
    }

    [Fact]
    public void The_study_phases_are_summed_over_their_distinct_images()
    {
        // R-3m:H 3a, 3b (one image modulo centring), 6c (two); Fm-3m 4a, 4b (one each, of 48 operations).
        var layered = new StructureFactorEvaluator(StructureFactorTestPhases.Layered(0.05), ScatteringModel.XRay());
        Assert.Equal([1, 1, 2], Enumerable.Range(0, 3).Select(layered.ImageCount));
        var rocksalt = new StructureFactorEvaluator(StructureFactorTestPhases.Rocksalt(), ScatteringModel.XRay());
        Assert.Equal([1, 1], Enumerable.Range(0, 2).Select(rocksalt.ImageCount));
        // z of O1 moves along the threefold axis: two images still.
        layered.SetPosition(2, 0, 0, 0.2612);
        Assert.Equal(2, layered.ImageCount(2));
        // (1e-3, 0, z) leaves the axis: every operation.
        layered.SetPosition(2, 1e-3, 0, 0.2612);
        Assert.Equal(12, layered.ImageCount(2));
    }

    [Fact]
    public void Anisotropic_sites_are_summed_over_every_operation()
    {
        var phase = Phase.Create("aniso").WithCell(UnitCell.Hexagonal(2.9, 14.2)).WithSpaceGroup("R-3m")
            .AddSite("M1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Ni", 1)],
                AtomicDisplacement.FromAnisotropic(new AnisotropicU(0.01, 0.01, 0.02, 0.005, 0, 0)))
            .Build();
        var evaluator = new StructureFactorEvaluator(phase, ScatteringModel.XRay());
        Assert.Equal(12, evaluator.ImageCount(0));
        CheckAgainstReference(evaluator, phase, ScatteringModel.XRay(), Positions(phase), RandomReflections(phase, new Random(3), 20));
    }

    [Fact]
    public void The_study_phases_agree_with_the_sum_over_all_operations_on_their_reflection_lists()
    {
        double worst = 0;
        foreach (var phase in new[] { StructureFactorTestPhases.Layered(0.05), StructureFactorTestPhases.Rocksalt() })
        {
            var list = ReflectionList.Generate(phase, 0.5);
            var reflections = Enumerable.Range(0, list.Count).Select(list.Index).ToArray();
            foreach (var model in Models)
                worst = Math.Max(worst, CheckAgainstReference(new StructureFactorEvaluator(phase, model), phase, model, Positions(phase), reflections));
        }
        output.WriteLine($"largest difference from the all-operations sum, relative to the scale: {worst:G3}");
    }

    // Checks value and gradient against the reference; returns the largest difference relative to the scale.
    private static double CheckAgainstReference(StructureFactorEvaluator evaluator, Phase phase, ScatteringModel model,
                                                FractionalPosition[] positions, IEnumerable<MillerIndex> reflections)
    {
        var gradient = new double[evaluator.Parameters.Length];
        double worst = 0;
        foreach (var hkl in reflections)
        {
            double f2 = evaluator.SquaredModulus(hkl, gradient);
            var (referenceF2, referenceGradient, magnitude) = AllOperationsStructureFactor.SquaredModulus(phase, model, positions, hkl);
            // Every derivative is F times a sum of the same terms as F with factors up to 2π|h|₁ (coordinates), 8π²s²
            // (Uiso) or 2π²|h|²N² (Uij): the scale is Σ|terms|² times the largest factor.
            double s2 = phase.Cell.InverseDSquared(hkl.H, hkl.K, hkl.L) / 4;
            int h1 = Math.Abs(hkl.H) + Math.Abs(hkl.K) + Math.Abs(hkl.L);
            double scale = magnitude * magnitude * (1 + 2 * Math.PI * h1 + 8 * Math.PI * Math.PI * s2 * (1 + h1 * h1));
            double difference = Math.Abs(f2 - referenceF2) / (magnitude * magnitude + double.Epsilon);
            Assert.True(difference <= Tolerance, $"{phase.SpaceGroup} {model} {hkl}: |F|² {f2:R} vs all operations {referenceF2:R}.");
            worst = Math.Max(worst, difference);
            Assert.Equal(f2, evaluator.SquaredModulus(hkl));
            for (int p = 0; p < gradient.Length; p++)
            {
                double d = Math.Abs(gradient[p] - referenceGradient[p]) / (scale + double.Epsilon);
                Assert.True(d <= Tolerance,
                    $"{phase.SpaceGroup} {model} {hkl} {evaluator.Parameters[p]}: {gradient[p]:R} vs all operations {referenceGradient[p]:R}.");
                worst = Math.Max(worst, d);
            }
        }
        return worst;
    }

    private static FractionalPosition[] Positions(Phase phase) => [.. phase.Sites.Select(s => s.Position)];

    private static FractionalPosition Project(IReadOnlyList<SymmetryOperation> siteOperations, FractionalPosition position)
    {
        double x = 0, y = 0, z = 0;
        foreach (var op in siteOperations)
        {
            var image = op.Apply(position);
            x += image.X;
            y += image.Y;
            z += image.Z;
        }
        return new FractionalPosition(x / siteOperations.Count, y / siteOperations.Count, z / siteOperations.Count);
    }

    // Some reflections of the list and random indices (absent ones, by centring or otherwise, included).
    private static IEnumerable<MillerIndex> RandomReflections(Phase phase, Random random, int count)
    {
        var list = ReflectionList.Generate(phase, 0.8);
        for (int i = 0; i < count; i++)
        {
            yield return list.Count > 0 && random.Next(2) == 0
                ? list.Index(random.Next(list.Count))
                : new MillerIndex(random.Next(-9, 10), random.Next(-9, 10), random.Next(-9, 10));
        }
    }
}

/// <summary>
/// The plain structure factor over every primitive operation, as the evaluator computed it before it summed over
/// distinct images: F = Σ_sites (m/n_P) C(h) f_site DW Σ_P T_P e^{2πi(hW·x + h·w)}, with the derivatives of |F|² in the
/// evaluator's layout, written out with complex numbers and no precomputation.
/// </summary>
internal static class AllOperationsStructureFactor
{
    /// <summary>|F|², its gradient, and Σ_sites m Σ_occupants |occupancy · f| (the size of the terms, for tolerances).</summary>
    public static (double F2, double[] Gradient, double Magnitude) SquaredModulus(Phase phase, ScatteringModel model,
                                                                                  FractionalPosition[] positions, MillerIndex hkl)
    {
        var group = phase.SpaceGroup;
        var operations = group.PrimitiveOperations;
        int[] h = [hkl.H, hkl.K, hkl.L];
        var cell = phase.Cell;
        double s2 = hkl.IsOrigin ? 0 : cell.InverseDSquared(hkl.H, hkl.K, hkl.L) / 4;
        double[] n = [cell.AStar, cell.BStar, cell.CStar];
        bool allowed = group.CentringTranslations.All(t =>
            (h[0] * t.TranslationTwelfths(0) + h[1] * t.TranslationTwelfths(1) + h[2] * t.TranslationTwelfths(2)) % SymmetryOperation.TranslationDenominator == 0);

        var f = Complex.Zero;
        var derivatives = new List<Complex>();
        double magnitude = 0;
        for (int s = 0; s < phase.Sites.Length; s++)
        {
            var site = phase.Sites[s];
            var x = positions[s];
            double weight = site.Multiplicity / (double)operations.Length;
            var scatter = Complex.Zero;
            var occupantScatter = new Complex[site.Occupants.Length];
            for (int o = 0; o < site.Occupants.Length; o++)
            {
                occupantScatter[o] = model.Resolve(site.Occupants[o].Species).Evaluate(s2);
                scatter += site.Occupants[o].Occupancy * occupantScatter[o];
                magnitude += site.Multiplicity * Complex.Abs(site.Occupants[o].Occupancy * occupantScatter[o]);
            }
            var u = site.Displacement.Anisotropic;
            double isotropic = u is null ? Math.Exp(-8 * Math.PI * Math.PI * site.Displacement.Uiso * s2) : 1;

            var sum = Complex.Zero;
            var coordinateSum = new Complex[3];
            var tensorSum = new Complex[6];
            foreach (var op in operations)
            {
                var rotated = new int[3];
                for (int j = 0; j < 3; j++)
                    for (int i = 0; i < 3; i++) rotated[j] += h[i] * op.Rotation(i, j);
                double turns = rotated[0] * x.X + rotated[1] * x.Y + rotated[2] * x.Z
                               + (h[0] * op.TranslationTwelfths(0) + h[1] * op.TranslationTwelfths(1) + h[2] * op.TranslationTwelfths(2))
                               / (double)SymmetryOperation.TranslationDenominator;
                double t = 1;
                if (u is { } tensor)
                {
                    double q = 0;
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++) q += 2 * Math.PI * Math.PI * n[i] * n[j] * tensor[i, j] * rotated[i] * rotated[j];
                    t = Math.Exp(-q);
                }
                var term = t * Complex.FromPolarCoordinates(1, 2 * Math.PI * turns);
                sum += term;
                for (int j = 0; j < 3; j++) coordinateSum[j] += rotated[j] * term;
                int[,] pairs = { { 0, 0 }, { 1, 1 }, { 2, 2 }, { 0, 1 }, { 0, 2 }, { 1, 2 } };
                for (int k = 0; k < 6; k++)
                {
                    int a = pairs[k, 0], b = pairs[k, 1];
                    // ∂/∂U^ab of −Σ 2π² N_i N_j U^ij h'_i h'_j, one number for U^ab and U^ba.
                    tensorSum[k] += -(a == b ? 1 : 2) * 2 * Math.PI * Math.PI * n[a] * n[b] * rotated[a] * rotated[b] * term;
                }
            }
            if (!allowed)
            {
                sum = Complex.Zero;
                Array.Clear(coordinateSum);
                Array.Clear(tensorSum);
            }
            var siteF = weight * isotropic * scatter * sum;
            f += siteF;
            for (int j = 0; j < 3; j++) derivatives.Add(weight * isotropic * scatter * 2 * Math.PI * Complex.ImaginaryOne * coordinateSum[j]);
            if (u is not null)
                for (int k = 0; k < 6; k++) derivatives.Add(weight * scatter * tensorSum[k]);
            else
                derivatives.Add(-8 * Math.PI * Math.PI * s2 * siteF);
            for (int o = 0; o < site.Occupants.Length; o++) derivatives.Add(weight * isotropic * occupantScatter[o] * sum);
        }
        var gradient = derivatives.Select(d => 2 * (f.Real * d.Real + f.Imaginary * d.Imaginary)).ToArray();
        return (f.Real * f.Real + f.Imaginary * f.Imaginary, gradient, magnitude);
    }
}
