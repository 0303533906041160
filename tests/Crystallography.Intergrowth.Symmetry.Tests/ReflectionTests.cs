namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// Systematic absences, powder multiplicities, equivalent reflections and the reflection conditions
/// as text, against numbers computed by cctbx sgtbx (Debian python3-cctbx 2022.9):
/// <c>space_group_info(symbol).group().is_sys_absent(hkl)</c> and
/// <c>.multiplicity(hkl, False)</c> (anomalous_flag False: Friedel mates counted, as a powder pattern
/// superimposes them), and against International Tables Vol. A for the conditions.
/// </summary>
public sealed class ReflectionTests
{
    [Theory]
    // symbol (universal H-M), h, k, l, absent?, powder multiplicity — all from cctbx.
    [InlineData("R -3 m :H", 0, 0, 3, false, 2)]
    [InlineData("R -3 m :H", 1, 0, 1, false, 6)]
    [InlineData("R -3 m :H", 1, 0, 4, false, 6)]
    [InlineData("R -3 m :H", 0, 1, 2, false, 6)]
    [InlineData("R -3 m :H", 1, 1, 0, false, 6)]
    [InlineData("R -3 m :H", 0, 0, 1, true, 2)]
    [InlineData("R -3 m :H", 1, 0, 0, true, 6)]
    [InlineData("R -3 m :H", 0, 1, 1, true, 6)]
    [InlineData("R -3 m :H", 1, 1, 3, false, 12)]
    [InlineData("R -3 m :H", 1, 0, -4, true, 6)]
    [InlineData("R -3 m :R", 1, 1, 1, false, 2)]
    [InlineData("R -3 m :R", 1, 0, 0, false, 6)]
    [InlineData("R -3 m :R", 1, 1, 0, false, 6)]
    [InlineData("R -3 m :R", 2, 1, 1, false, 6)]
    [InlineData("R -3 m :R", 1, 1, -1, false, 6)]
    [InlineData("R -3 m :R", 2, 1, 0, false, 12)]
    [InlineData("F m -3 m", 1, 1, 1, false, 8)]
    [InlineData("F m -3 m", 2, 0, 0, false, 6)]
    [InlineData("F m -3 m", 2, 2, 0, false, 12)]
    [InlineData("F m -3 m", 1, 0, 0, true, 6)]
    [InlineData("F m -3 m", 1, 1, 0, true, 12)]
    [InlineData("F m -3 m", 3, 1, 1, false, 24)]
    [InlineData("F m -3 m", 2, 2, 2, false, 8)]
    [InlineData("F m -3 m", 4, 2, 0, false, 24)]
    [InlineData("F m -3 m", 3, 2, 1, true, 48)]
    [InlineData("F m -3 m", 6, 4, 2, false, 48)]
    [InlineData("F d -3 m :1", 1, 1, 1, false, 8)]
    [InlineData("F d -3 m :1", 2, 0, 0, true, 6)]
    [InlineData("F d -3 m :1", 2, 2, 0, false, 12)]
    [InlineData("F d -3 m :1", 3, 1, 1, false, 24)]
    [InlineData("F d -3 m :1", 2, 2, 2, false, 8)]
    [InlineData("F d -3 m :1", 4, 0, 0, false, 6)]
    [InlineData("F d -3 m :1", 4, 4, 2, false, 24)]
    [InlineData("F d -3 m :1", 4, 2, 0, true, 24)]
    [InlineData("F d -3 m :1", 6, 0, 0, true, 6)]
    [InlineData("F d -3 m :1", 6, 4, 2, false, 48)]
    [InlineData("F d -3 m :2", 1, 1, 1, false, 8)]
    [InlineData("F d -3 m :2", 2, 2, 2, false, 8)]
    [InlineData("F d -3 m :2", 4, 2, 0, true, 24)]
    [InlineData("F d -3 m :2", 4, 0, 0, false, 6)]
    [InlineData("F d -3 m :2", 2, 0, 0, true, 6)]
    [InlineData("F d -3 m :2", 5, 3, 1, false, 48)]
    [InlineData("C 1 2/m 1", 1, 1, 0, false, 4)]
    [InlineData("C 1 2/m 1", 1, 0, 0, true, 2)]
    [InlineData("C 1 2/m 1", 2, 0, 0, false, 2)]
    [InlineData("C 1 2/m 1", 0, 0, 1, false, 2)]
    [InlineData("C 1 2/m 1", 2, 0, -1, false, 2)]
    [InlineData("C 1 2/m 1", 1, 1, 1, false, 4)]
    [InlineData("C 1 2/m 1", 0, 1, 0, true, 2)]
    [InlineData("C 1 2/m 1", 0, 2, 0, false, 2)]
    [InlineData("P 1 21/c 1", 0, 1, 0, true, 2)]
    [InlineData("P 1 21/c 1", 0, 2, 0, false, 2)]
    [InlineData("P 1 21/c 1", 1, 0, 1, true, 2)]
    [InlineData("P 1 21/c 1", 1, 0, 2, false, 2)]
    [InlineData("P 1 21/c 1", 1, 1, 1, false, 4)]
    [InlineData("P 1 21/c 1", 1, 0, 0, false, 2)]
    [InlineData("P 1 21/c 1", 0, 0, 1, true, 2)]
    [InlineData("P 1 21/c 1", 0, 0, 2, false, 2)]
    [InlineData("P n m a", 1, 0, 0, true, 2)]
    [InlineData("P n m a", 0, 1, 1, false, 4)]
    [InlineData("P n m a", 1, 0, 1, false, 4)]
    [InlineData("P n m a", 1, 1, 0, true, 4)]
    [InlineData("P n m a", 2, 0, 0, false, 2)]
    [InlineData("P n m a", 0, 1, 0, true, 2)]
    [InlineData("P n m a", 0, 2, 0, false, 2)]
    [InlineData("P n m a", 1, 1, 1, false, 8)]
    [InlineData("P n m a", 2, 1, 0, false, 4)]
    [InlineData("P 63/m m c", 0, 0, 1, true, 2)]
    [InlineData("P 63/m m c", 0, 0, 2, false, 2)]
    [InlineData("P 63/m m c", 1, 0, 0, false, 6)]
    [InlineData("P 63/m m c", 1, 1, 0, false, 6)]
    [InlineData("P 63/m m c", 1, 0, 1, false, 12)]
    [InlineData("P 63/m m c", 1, 1, 1, true, 12)]
    [InlineData("P 63/m m c", 1, 1, 2, false, 12)]
    [InlineData("P 63/m m c", 2, 1, 0, false, 12)]
    [InlineData("P 63/m m c", 2, -1, 1, true, 12)]
    [InlineData("I 41/a m d :2", 1, 0, 1, false, 8)]
    [InlineData("I 41/a m d :2", 2, 0, 0, false, 4)]
    [InlineData("I 41/a m d :2", 1, 1, 0, true, 4)]
    [InlineData("I 41/a m d :2", 2, 2, 0, false, 4)]
    [InlineData("I 41/a m d :2", 0, 0, 4, false, 2)]
    [InlineData("I 41/a m d :2", 0, 0, 2, true, 2)]
    [InlineData("I 41/a m d :2", 1, 1, 2, false, 8)]
    [InlineData("I 41/a m d :2", 2, 1, 1, false, 16)]
    [InlineData("I 41/a m d :2", 1, 0, 3, false, 8)]
    [InlineData("I a -3 d", 2, 1, 1, false, 24)]
    [InlineData("I a -3 d", 2, 2, 0, false, 12)]
    [InlineData("I a -3 d", 1, 1, 0, true, 12)]
    [InlineData("I a -3 d", 2, 0, 0, true, 6)]
    [InlineData("I a -3 d", 4, 0, 0, false, 6)]
    [InlineData("I a -3 d", 3, 2, 1, false, 48)]
    [InlineData("I a -3 d", 4, 2, 0, false, 24)]
    [InlineData("I a -3 d", 3, 3, 2, false, 24)]
    [InlineData("P -1", 1, 0, 0, false, 2)]
    [InlineData("P -1", 1, 1, 1, false, 2)]
    [InlineData("P -1", 1, -1, 2, false, 2)]
    public void Absences_and_multiplicities_match_cctbx(string symbol, int h, int k, int l, bool absent, int multiplicity)
    {
        var group = SpaceGroup.Parse(symbol);
        var hkl = new MillerIndex(h, k, l);
        Assert.Equal(absent, group.IsSystematicallyAbsent(hkl));
        Assert.Equal(!absent, group.IsAllowed(hkl));
        Assert.Equal(multiplicity, group.Multiplicity(hkl));
        Assert.Equal(multiplicity, group.EquivalentReflections(hkl).Count);
        // Absence is a property of the whole family, and so is the multiplicity.
        foreach (var e in group.EquivalentReflections(hkl))
        {
            Assert.Equal(absent, group.IsSystematicallyAbsent(e));
            Assert.Equal(multiplicity, group.Multiplicity(e));
        }
    }

    [Theory]
    // Without Friedel mates: cctbx's multiplicity(hkl, True) for non-centrosymmetric groups.
    [InlineData("R 3 m :H", 1, 0, 4, 3, 6)]
    [InlineData("R 3 m :H", 1, 1, 3, 6, 12)]
    [InlineData("P 63 m c", 1, 0, 1, 6, 12)]
    [InlineData("F -4 3 m", 1, 1, 1, 4, 8)]
    [InlineData("P 21 21 21", 1, 2, 3, 4, 8)]
    [InlineData("P 1", 1, 2, 3, 1, 2)]
    public void Friedel_mates_are_added_only_on_request(string symbol, int h, int k, int l, int withoutFriedel, int withFriedel)
    {
        var group = SpaceGroup.Parse(symbol);
        var hkl = new MillerIndex(h, k, l);
        Assert.Equal(withoutFriedel, group.EquivalentReflections(hkl, includeFriedelMates: false).Count);
        Assert.Equal(withFriedel, group.EquivalentReflections(hkl, includeFriedelMates: true).Count);
        Assert.Equal(withFriedel, group.Multiplicity(hkl));
    }

    [Fact]
    public void The_origin_is_never_allowed_and_has_multiplicity_one()
    {
        var group = SpaceGroup.Parse("R-3m:H");
        Assert.False(group.IsAllowed(new MillerIndex(0, 0, 0)));
        Assert.Equal(1, group.Multiplicity(new MillerIndex(0, 0, 0)));
    }

    [Fact]
    public void Equivalent_reflections_start_with_the_conventional_representative()
    {
        var group = SpaceGroup.Parse("R-3m:H");
        // (1 0 4)'s family, Friedel mates included: six reflections, largest l first.
        var family = group.EquivalentReflections(new MillerIndex(-1, 0, -4));
        Assert.Equal(6, family.Count);
        Assert.Equal(4, family[0].L);
        Assert.Contains(new MillerIndex(1, 0, 4), family);
        Assert.Contains(new MillerIndex(-1, 0, -4), family);
        // (1 0 -4) is another family in R-3m (obverse setting: -h+k+l = -5 is no multiple of 3).
        Assert.DoesNotContain(new MillerIndex(1, 0, -4), family);
    }

    [Fact]
    public void Unique_reflections_hold_each_allowed_family_once()
    {
        var group = SpaceGroup.Parse("R-3m:H");
        var unique = group.UniqueReflections(4);
        Assert.All(unique, m => Assert.True(group.IsAllowed(m)));
        Assert.Contains(new MillerIndex(0, 0, 3), unique);
        Assert.DoesNotContain(new MillerIndex(0, 0, 1), unique);
        // Every allowed reflection in the box is equivalent to exactly one listed representative.
        for (int h = -4; h <= 4; h++)
            for (int k = -4; k <= 4; k++)
                for (int l = -4; l <= 4; l++)
                {
                    var m = new MillerIndex(h, k, l);
                    if (!group.IsAllowed(m)) continue;
                    var family = group.EquivalentReflections(m);
                    Assert.Single(unique, u => family.Contains(u));
                }
        Assert.Throws<ArgumentOutOfRangeException>(() => group.UniqueReflections(-1));
    }

    [Theory]
    // (class, condition) pairs International Tables Vol. A prints, in our three-index class names.
    [InlineData("R-3m:H", "hkl", "-h+k+l=3n")]
    [InlineData("R-3m:H", "00l", "l=3n")]
    [InlineData("R-3m:H", "hhl", "l=3n")] // ITA hh(-2h)l: l=3n
    [InlineData("R-3m:H", "h-hl", "h+l=3n")] // ITA h(-h)0l: h+l=3n
    [InlineData("R-3c:H", "00l", "l=6n")]
    [InlineData("Fm-3m", "hkl", "h+k,h+l,k+l=2n")]
    [InlineData("Fm-3m", "0kl", "k,l=2n")]
    [InlineData("Fm-3m", "hhl", "h+l=2n")]
    [InlineData("Fm-3m", "h00", "h=2n")]
    [InlineData("Fd-3m:1", "hkl", "h+k,h+l,k+l=2n")]
    [InlineData("Fd-3m:2", "hkl", "h+k,h+l,k+l=2n")]
    [InlineData("Fd-3m:2", "hhl", "h+l=2n")]
    [InlineData("Fd-3m:2", "h00", "h=4n")]
    [InlineData("C2/m", "hkl", "h+k=2n")]
    [InlineData("C2/m", "h0l", "h=2n")]
    [InlineData("C2/m", "0k0", "k=2n")]
    [InlineData("P21/c", "h0l", "l=2n")]
    [InlineData("P21/c", "0k0", "k=2n")]
    [InlineData("P21/c", "00l", "l=2n")]
    [InlineData("Pnma", "0kl", "k+l=2n")]
    [InlineData("Pnma", "hk0", "h=2n")]
    [InlineData("Pnma", "h00", "h=2n")]
    [InlineData("P63/mmc", "hhl", "l=2n")]
    [InlineData("P63/mmc", "00l", "l=2n")]
    [InlineData("I41/amd:2", "hkl", "h+k+l=2n")]
    [InlineData("I41/amd:2", "hk0", "h,k=2n")]
    [InlineData("I41/amd:2", "hhl", "2h+l=4n")]
    [InlineData("I41/amd:2", "00l", "l=4n")]
    [InlineData("Ia-3d", "hkl", "h+k+l=2n")]
    [InlineData("Ia-3d", "0kl", "k,l=2n")]
    [InlineData("Ia-3d", "hhl", "2h+l=4n")]
    [InlineData("Ia-3d", "h00", "h=4n")]
    [InlineData("P61", "00l", "l=6n")]
    public void Reflection_conditions_read_as_in_International_Tables(string symbol, string reflectionClass, string condition)
    {
        var conditions = SpaceGroup.Parse(symbol).ReflectionConditions;
        Assert.Contains(new ReflectionCondition(reflectionClass, condition), conditions);
    }

    [Theory]
    // Groups with no integral (centring) condition list nothing for hkl: the absent (1 0 1) of
    // P21/c is explained by the glide, (0 1 0) by the screw axis, not by a general condition.
    [InlineData("P21/c")]
    [InlineData("Pnma")]
    [InlineData("P63/mmc")]
    [InlineData("P61")]
    [InlineData("R-3m:R")]
    [InlineData("P-1")]
    public void Primitive_groups_have_no_general_condition(string symbol) =>
        Assert.DoesNotContain(SpaceGroup.Parse(symbol).ReflectionConditions, c => c.ReflectionClass == "hkl");

    [Theory]
    [InlineData("P-1")]
    [InlineData("R-3m:R")]
    [InlineData("Pm-3m")]
    public void Groups_without_absences_have_no_conditions(string symbol) =>
        Assert.Empty(SpaceGroup.Parse(symbol).ReflectionConditions);

    [Fact]
    public void Every_setting_has_its_absences_described_by_printed_conditions()
    {
        // The finder falls back to a phrase when no listed condition (or pair of them) reproduces the
        // absences of a class; none of the 530 settings should need it.
        var fallbacks = SpaceGroup.All
            .SelectMany(g => g.ReflectionConditions.Select(c => (Group: g, Condition: c)))
            .Where(t => t.Condition.Condition.Contains("absences", StringComparison.Ordinal))
            .Select(t => $"{t.Group}: {t.Condition}")
            .ToList();
        Assert.True(fallbacks.Count == 0, string.Join("\n", fallbacks));
    }

    [Fact]
    public void ReflectionCondition_is_written_class_colon_condition() =>
        Assert.Equal("h0l: l=2n", new ReflectionCondition("h0l", "l=2n").ToString());
}
