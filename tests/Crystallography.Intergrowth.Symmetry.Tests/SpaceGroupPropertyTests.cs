using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// Properties that hold in every one of the 530 settings, checked on random settings: the
/// operations form a group, multiplicities agree three ways, equivalent reflections share absence,
/// multiplicity and d-spacing, nearly special positions snap back onto their Wyckoff position, and
/// operations survive a round trip through their text form.
/// </summary>
/// <remarks>
/// Each case is a setting (an index into <see cref="SpaceGroup.All"/>) and a seed for the random
/// choices made inside the property (positions, reflections, cells), so a failure reported by
/// FsCheck names both and can be replayed.
/// </remarks>
public sealed class SpaceGroupPropertyTests
{
    /// <summary>A setting and a seed.</summary>
    public readonly record struct Case(int Index, int Seed)
    {
        public SpaceGroup Group => SpaceGroup.All[Index];

        public Random Random() => new(Seed);

        public override string ToString() => $"{Group} [{Index}], seed {Seed}";
    }

    private static Arbitrary<Case> Cases() => Arb.From(
        from index in Gen.Choose(0, SpaceGroup.All.Count - 1)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new Case(index, seed));

    // (a) Closure: identity, inverses and all products are in the group, modulo lattice translations.
    [Property(MaxTest = 100)]
    public Property Operations_form_a_group() => Prop.ForAll(Cases(), c =>
    {
        var group = c.Group;
        var set = group.Operations.Select(o => o.Normalized()).ToHashSet();
        Assert.Equal(group.Order, set.Count); // no operation listed twice
        Assert.Contains(SymmetryOperation.Identity, set);
        foreach (var a in group.Operations)
        {
            Assert.True(set.Contains(a.Inverse().Normalized()), $"{c}: inverse of {a} missing");
            foreach (var b in group.Operations)
            {
                if (!set.Contains((a * b).Normalized()))
                    Assert.Fail($"{c}: {a} ∘ {b} = {(a * b).Normalized()} is not in the group");
            }
        }
        // The centring translations are a subgroup and the order is their count times the point-group order.
        Assert.Equal(group.Order, group.CentringTranslations.Length * group.PrimitiveOperations.Length);
        Assert.Equal(group.PrimitiveOperations.Length, group.PointGroup.Order);
    });

    // (b) The multiplicity of a generic random position, three ways.
    [Property(MaxTest = 200)]
    public Property Multiplicity_of_a_random_position_is_consistent() => Prop.ForAll(Cases(), c =>
    {
        var group = c.Group;
        var random = c.Random();
        var p = new FractionalPosition(random.NextDouble(), random.NextDouble(), random.NextDouble());
        int siteOrder = group.SiteSymmetryOperations(p).Length;
        Assert.Equal(0, group.Order % siteOrder);
        Assert.Equal(group.Order / siteOrder, group.Orbit(p).Count);
    });

    // (b) A point on a random Wyckoff position, free parameters random: its orbit has the Wyckoff
    // multiplicity, and its site-symmetry group the order Order / multiplicity.
    [Property(MaxTest = 200)]
    public Property A_point_on_a_Wyckoff_position_has_its_multiplicity() => Prop.ForAll(Cases(), c =>
    {
        var group = c.Group;
        var random = c.Random();
        var wyckoff = group.WyckoffPositions[random.Next(group.WyckoffPositions.Length)];
        var p = CleanPointOn(group, wyckoff, random, Margin);
        Assert.Equal(wyckoff.Multiplicity, group.Orbit(p).Count);
        Assert.Equal(group.Order / wyckoff.Multiplicity, group.SiteSymmetryOperations(p).Length);
        Assert.Equal(wyckoff.Letter, group.Locate(p).Wyckoff.Letter);
    });

    // (c) Equivalent reflections share systematic absence and multiplicity, and form one family.
    [Property(MaxTest = 200)]
    public Property Equivalent_reflections_share_absence_and_multiplicity() => Prop.ForAll(Cases(), c =>
    {
        var group = c.Group;
        var hkl = RandomReflection(c.Random());
        var family = group.EquivalentReflections(hkl);
        Assert.Contains(hkl, family);
        Assert.Equal(family.Count, group.Multiplicity(hkl));
        // A powder multiplicity divides twice the point-group order (Friedel mates included).
        Assert.Equal(0, 2 * group.PointGroup.Order % family.Count);
        bool absent = group.IsSystematicallyAbsent(hkl);
        var familySet = family.ToHashSet();
        foreach (var e in family)
        {
            Assert.True(absent == group.IsSystematicallyAbsent(e), $"{c}: {hkl} absent {absent} but its equivalent {e} is not");
            Assert.Equal(family.Count, group.Multiplicity(e));
            Assert.True(familySet.SetEquals(group.EquivalentReflections(e)), $"{c}: the family of {e} differs from that of {hkl}");
        }
    });

    // Equivalent reflections have equal d-spacing in every cell the crystal system allows: this fails
    // if reflections were transformed by W instead of the transpose (h' = h·W), which agrees with the
    // right answer only in cells of higher symmetry than the group's.
    [Property(MaxTest = 300)]
    public Property Equivalent_reflections_have_equal_d_spacing() => Prop.ForAll(Cases(), c =>
    {
        var group = c.Group;
        var random = c.Random();
        var cell = RandomCell(group, random);
        var hkl = RandomReflection(random);
        double d = cell.DSpacing(hkl.H, hkl.K, hkl.L);
        foreach (var e in group.EquivalentReflections(hkl))
        {
            double de = cell.DSpacing(e.H, e.K, e.L);
            // 1/d² is a sum of six products of doubles, exact to a few ulps: 1e-10 relative leaves a wide
            // margin, while a non-equivalent reflection in a random cell differs by far more.
            Assert.True(Math.Abs(de - d) <= 1e-10 * d,
                $"{c}: d{hkl} = {d} but d{e} = {de} in a={cell.A} b={cell.B} c={cell.C} α={cell.Alpha} β={cell.Beta} γ={cell.Gamma}");
        }
    });

    // (d) A point perturbed by at most 1e-5 per coordinate off a random special position is located on
    // the same letter and snapped back with a shift of at most 2e-5: the projection onto the special
    // position moves a point by a small multiple of its distance per coordinate (1 for most sites,
    // 4/3 on a cubic threefold axis, 1.5 for the mirror of x,2x,z on hexagonal axes), so 2e-5 bounds
    // it while a snap onto some other site (≥ 2e-3 away, see Margin) would exceed it.
    [Property(MaxTest = 300)]
    public Property Locate_snaps_a_perturbed_special_position_back() => Prop.ForAll(Cases(), c =>
    {
        var group = c.Group;
        var random = c.Random();
        var special = group.WyckoffPositions.Where(w => w.DegreesOfFreedom < 3).ToArray();
        var wyckoff = special.Length > 0 ? special[random.Next(special.Length)] : group.WyckoffPositions[0];
        var p = CleanPointOn(group, wyckoff, random, Margin);
        var perturbed = new FractionalPosition(
            p.X + (2 * random.NextDouble() - 1) * 1e-5,
            p.Y + (2 * random.NextDouble() - 1) * 1e-5,
            p.Z + (2 * random.NextDouble() - 1) * 1e-5);
        var location = group.Locate(perturbed);
        Assert.True(wyckoff.Letter == location.Wyckoff.Letter,
            $"{c}: {perturbed} near {p} on {wyckoff} located on {location.Wyckoff}");
        Assert.True(location.Shift <= 2e-5, $"{c}: {perturbed} moved by {location.Shift}");
        // Snapped exactly onto the special position: its site symmetry is there at a tight tolerance.
        Assert.Equal(group.Order / wyckoff.Multiplicity, group.SiteSymmetryOperations(location.Position, 1e-9).Length);
        Assert.Equal(group.Order / wyckoff.Multiplicity, location.SiteOperations.Length);
    });

    // (e) Every operation, and the same with any lattice translation added, survives ToString/Parse.
    [Property(MaxTest = 200)]
    public Property Operations_round_trip_through_text() => Prop.ForAll(Cases(), c =>
    {
        var random = c.Random();
        foreach (var op in c.Group.Operations)
        {
            Assert.Equal(op, SymmetryOperation.Parse(op.ToString()));
            var shifted = SymmetryOperation.Translation(12 * random.Next(-2, 3), 12 * random.Next(-2, 3), 12 * random.Next(-2, 3)) * op;
            Assert.Equal(shifted, SymmetryOperation.Parse(shifted.ToString()));
            Assert.Equal(SymmetryOperation.Identity, op * op.Inverse());
        }
    });

    /// <summary>
    /// How far every operation that does not fix a test point must move it: a point this far from
    /// any other special position cannot be mistaken for one by tolerances of 1e-4 (the default) or
    /// perturbations of 1e-5.
    /// </summary>
    private const double Margin = 2e-3;

    /// <summary>
    /// A point on <paramref name="wyckoff"/> at random free parameters such that no operation moves it
    /// by less than <paramref name="margin"/> without fixing it (to 1e-9); random parameters near
    /// special values (0, 1/8, x = 2y, …) are drawn again.
    /// </summary>
    private static FractionalPosition CleanPointOn(SpaceGroup group, WyckoffPosition wyckoff, Random random, double margin)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            var p = wyckoff.Representative.Evaluate(random.NextDouble(), random.NextDouble(), random.NextDouble());
            bool clean = true;
            foreach (var op in group.Operations)
            {
                var image = op.Apply(p);
                double dx = image.X - p.X, dy = image.Y - p.Y, dz = image.Z - p.Z;
                double distance = Math.Max(Math.Abs(dx - Math.Round(dx)), Math.Max(Math.Abs(dy - Math.Round(dy)), Math.Abs(dz - Math.Round(dz))));
                if (distance > 1e-9 && distance < margin) { clean = false; break; }
            }
            if (clean) return p;
        }
        throw new InvalidOperationException($"No point on {wyckoff} of {group} keeps {margin} from every other special position.");
    }

    private static MillerIndex RandomReflection(Random random)
    {
        while (true)
        {
            var hkl = new MillerIndex(random.Next(-6, 7), random.Next(-6, 7), random.Next(-6, 7));
            if (!hkl.IsOrigin) return hkl;
        }
    }

    /// <summary>
    /// A random cell obeying the restrictions of the group's crystal system: for monoclinic settings
    /// the free angle is that of the unique axis (first letter of the qualifier, after an optional
    /// '-'); hexagonal axes have a = b, γ = 120°; rhombohedral axes a = b = c, α = β = γ.
    /// </summary>
    private static UnitCell RandomCell(SpaceGroup group, Random random)
    {
        double Length() => 2.5 + 12 * random.NextDouble();
        double Angle(double from, double to) => from + (to - from) * random.NextDouble();
        double a = Length(), b = Length(), c = Length();
        switch (group.CrystalSystem)
        {
            case CrystalSystem.Triclinic:
                // Angles within 70–110° always make a cell (each less than the sum of the other two).
                return new UnitCell(a, b, c, Angle(70, 110), Angle(70, 110), Angle(70, 110));
            case CrystalSystem.Monoclinic:
                double free = Angle(92, 125);
                return group.Setting.Qualifier.TrimStart('-')[0] switch
                {
                    'a' => new UnitCell(a, b, c, free, 90, 90),
                    'b' => new UnitCell(a, b, c, 90, free, 90),
                    'c' => new UnitCell(a, b, c, 90, 90, free),
                    var axis => throw new InvalidOperationException($"{group}: unique axis '{axis}'?"),
                };
            case CrystalSystem.Orthorhombic:
                return new UnitCell(a, b, c, 90, 90, 90);
            case CrystalSystem.Tetragonal:
                return new UnitCell(a, a, c, 90, 90, 90);
            case CrystalSystem.Trigonal when group.HasRhombohedralAxes:
                double alpha = Angle(45, 110);
                return new UnitCell(a, a, a, alpha, alpha, alpha);
            case CrystalSystem.Trigonal:
            case CrystalSystem.Hexagonal:
                return new UnitCell(a, a, c, 90, 90, 120);
            case CrystalSystem.Cubic:
                return new UnitCell(a, a, a, 90, 90, 90);
            default:
                throw new InvalidOperationException($"{group}: crystal system {group.CrystalSystem}?");
        }
    }
}
