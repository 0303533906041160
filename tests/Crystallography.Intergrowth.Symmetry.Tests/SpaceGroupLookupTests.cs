using System.Diagnostics;

namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// Finding a setting by the spellings people type (Hermann–Mauguin with and without spaces,
/// subscripts or bars, numbers with a setting, Hall symbols), the default settings, every one of the
/// 530 symbols parsed back, suggestions for unknown symbols, and identification from operations.
/// </summary>
public sealed class SpaceGroupLookupTests
{
    [Theory]
    // spelling, expected number, expected universal H-M symbol
    [InlineData("R-3m", 166, "R -3 m :H")]
    [InlineData("R -3 m:H", 166, "R -3 m :H")]
    [InlineData("R -3 m :H", 166, "R -3 m :H")]
    [InlineData("R -3 m :R", 166, "R -3 m :R")]
    [InlineData("R-3m:R", 166, "R -3 m :R")]
    [InlineData("r-3m", 166, "R -3 m :H")]
    [InlineData("  R-3m  ", 166, "R -3 m :H")]
    [InlineData("Fd-3m:2", 227, "F d -3 m :2")]
    [InlineData("Fd-3m:1", 227, "F d -3 m :1")]
    [InlineData("F d -3 m :2", 227, "F d -3 m :2")]
    [InlineData("Fd3m:2", 227, "F d -3 m :2")]
    [InlineData("C2/m", 12, "C 1 2/m 1")]
    [InlineData("C 1 2/m 1", 12, "C 1 2/m 1")]
    [InlineData("C12/m1", 12, "C 1 2/m 1")]
    [InlineData("P21/c", 14, "P 1 21/c 1")]
    [InlineData("P2_1/c", 14, "P 1 21/c 1")]
    [InlineData("P 1 21/c 1", 14, "P 1 21/c 1")]
    [InlineData("P21/n", 14, "P 1 21/n 1")] // cell choice 2, the most used setting of No. 14
    [InlineData("P21/a", 14, "P 1 21/a 1")]
    [InlineData("C2/c", 15, "C 1 2/c 1")]
    [InlineData("I2/a", 15, "I 1 2/a 1")]
    [InlineData("Fm-3m", 225, "F m -3 m")]
    [InlineData("Fm3m", 225, "F m -3 m")]
    [InlineData("F m 3 m", 225, "F m -3 m")]
    [InlineData("Pnma", 62, "P n m a")]
    [InlineData("P6_3/mmc", 194, "P 63/m m c")]
    [InlineData("P63/mmc", 194, "P 63/m m c")]
    [InlineData("Ia-3d", 230, "I a -3 d")]
    [InlineData("I41/amd:2", 141, "I 41/a m d :2")]
    [InlineData("P-1", 2, "P -1")]
    [InlineData("166", 166, "R -3 m :H")]
    [InlineData("166:R", 166, "R -3 m :R")]
    [InlineData("166:h", 166, "R -3 m :H")]
    [InlineData("227", 227, "F d -3 m :1")]
    [InlineData("227:2", 227, "F d -3 m :2")]
    [InlineData("14", 14, "P 1 21/c 1")]
    [InlineData("14:c1", 14, "P 1 1 21/a")] // unique axis c, cell choice 1 (Setting.Qualifier "c1")
    [InlineData("14:b2", 14, "P 1 21/n 1")]
    [InlineData("15:-b1", 15, "A 1 2/a 1")]
    [InlineData("-R 3 2\"", 166, "R -3 m :H")] // Hall symbols
    [InlineData("Hall:-R 3 2\"", 166, "R -3 m :H")]
    [InlineData("hall: -F 4vw 2vw 3", 227, "F d -3 m :2")]
    [InlineData("-P 2ybc", 14, "P 1 21/c 1")]
    public void The_usual_spellings_find_the_setting(string spelling, int number, string universal)
    {
        var group = SpaceGroup.Parse(spelling);
        Assert.Equal(number, group.Number);
        Assert.Equal(universal, group.UniversalHermannMauguin);
        Assert.True(SpaceGroup.TryParse(spelling, out var again));
        Assert.Same(group, again); // one shared instance per setting
    }

    [Fact]
    public void Defaults_are_origin_choice_1_hexagonal_axes_and_unique_axis_b()
    {
        Assert.Equal("1", SpaceGroup.Parse("Fd-3m").Setting.Extension);
        Assert.Equal("H", SpaceGroup.Parse("R-3m").Setting.Extension);
        Assert.Equal("b1", SpaceGroup.Parse("P21/c").Setting.Qualifier);
        Assert.Equal("F d -3 m :1", SpaceGroup.FromNumber(227).UniversalHermannMauguin);
        Assert.Equal("R -3 m :H", SpaceGroup.FromNumber(166).UniversalHermannMauguin);
        Assert.Equal("P 1 21/c 1", SpaceGroup.FromNumber(14).UniversalHermannMauguin);
        Assert.True(SpaceGroup.Parse("R-3m:R").HasRhombohedralAxes);
        Assert.False(SpaceGroup.Parse("R-3m").HasRhombohedralAxes);
        Assert.Equal(2, SpaceGroup.SettingsOf(166).Count);
        Assert.Equal(9, SpaceGroup.SettingsOf(14).Count); // unique axes b, c, a × cell choices 1, 2, 3
        Assert.Equal(18, SpaceGroup.SettingsOf(15).Count); // and for C2/c the "-b" choices too
        Assert.Throws<ArgumentOutOfRangeException>(() => SpaceGroup.FromNumber(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpaceGroup.FromNumber(231));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpaceGroup.SettingsOf(231));
    }

    [Fact]
    public void Every_compact_and_universal_symbol_parses_back_to_its_setting()
    {
        var wrong = new List<string>();
        foreach (var group in SpaceGroup.All)
        {
            string hm = group.HermannMauguin + (group.Setting.Extension.Length > 0 ? ":" + group.Setting.Extension : "");
            foreach (string spelling in new[] { group.Setting.CompactSymbol, group.UniversalHermannMauguin, hm })
            {
                if (!SpaceGroup.TryParse(spelling, out var found) || !ReferenceEquals(found, group))
                    wrong.Add($"'{spelling}' -> {found?.ToString() ?? "nothing"}, expected {group}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_Hall_symbol_finds_a_setting_with_its_operations()
    {
        // Three pairs of the 530 settings share their operations (No. 68 origin choice 1: Ccca/Cccb,
        // Abaa/Acaa, Bbcb/Bbab, whose Hall symbols are equal), so the Hall symbol cannot tell them apart.
        // Without the "Hall:" prefix a Hall symbol can read as a Hermann–Mauguin one ("P 2" is Hall's
        // P 1 1 2 but the short symbol of P 1 2 1), so the prefix is used here.
        foreach (var group in SpaceGroup.All)
        {
            foreach (var found in new[] { SpaceGroup.FromHall(group.Setting.Hall), SpaceGroup.Parse("Hall:" + group.Setting.Hall) })
                Assert.True(Normalized(found.Operations).SetEquals(Normalized(group.Operations)), $"{group.Setting.Hall}: {found} instead of {group}");
        }
    }

    [Fact]
    public void An_unknown_symbol_throws_with_suggestions()
    {
        var e = Assert.Throws<UnknownSpaceGroupException>(() => SpaceGroup.Parse("R-3q"));
        Assert.Equal("R-3q", e.Symbol);
        Assert.NotEmpty(e.Suggestions);
        Assert.Contains(e.Suggestions, s => s.StartsWith("R-3m:H", StringComparison.Ordinal));
        Assert.Contains("R-3q", e.Message);
        Assert.Contains("R-3m", e.Message);
        Assert.IsAssignableFrom<ArgumentException>(e);

        Assert.False(SpaceGroup.TryParse("R-3q", out var none));
        Assert.Null(none);
        Assert.False(SpaceGroup.TryParse("", out _));
        Assert.False(SpaceGroup.TryParse(null, out _));
        Assert.False(SpaceGroup.TryParse("231", out _));
        Assert.False(SpaceGroup.TryParse("166:X", out _));
        Assert.False(SpaceGroup.TryParse("14:-b1", out _)); // No. 14 has no "-b" cell choices
        Assert.Throws<ArgumentNullException>(() => SpaceGroup.Parse(null!));
        Assert.Throws<UnknownSpaceGroupException>(() => SpaceGroup.Parse("Fm-3m:2")); // Fm-3m has one origin
    }

    [Fact]
    public void Suggestions_for_a_misspelling_start_with_the_nearest_symbol()
    {
        Assert.StartsWith("Fd-3m:1", SpaceGroup.Suggest("Fd-3mm")[0], StringComparison.Ordinal);
        Assert.StartsWith("P63/mmc", SpaceGroup.Suggest("P63/mmcc")[0], StringComparison.Ordinal);
        Assert.Equal(3, SpaceGroup.Suggest("Pnma", 3).Count);
    }

    [Fact]
    public void FromOperations_recovers_every_setting()
    {
        // All 530 take ~0.1 s. The three pairs of No. 68 with equal operations resolve to the first
        // of each pair; every other setting must come back as itself.
        var sharing = new HashSet<string> { "C c c b :1", "A c a a :1", "B b a b :1" };
        var stopwatch = Stopwatch.StartNew();
        foreach (var group in SpaceGroup.All)
        {
            var found = SpaceGroup.FromOperations(group.Operations);
            Assert.NotNull(found);
            if (sharing.Contains(group.UniversalHermannMauguin))
                Assert.True(Normalized(found.Operations).SetEquals(Normalized(group.Operations)));
            else
                Assert.Same(group, found);
        }
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void FromOperations_closes_generators_and_accepts_any_lattice_translation()
    {
        // P21/c from its two generators, one written with translations outside [0, 1).
        var p21c = SpaceGroup.FromOperations([SymmetryOperation.Parse("-x,-y,-z"), SymmetryOperation.Parse("-x,y+3/2,-z-1/2")]);
        Assert.Equal("P 1 21/c 1", p21c?.UniversalHermannMauguin);
        // C2/m: the centring translation as a generator.
        var c2m = SpaceGroup.FromOperations([
            SymmetryOperation.Parse("-x,y,-z"), SymmetryOperation.Parse("-x,-y,-z"), SymmetryOperation.Parse("x+1/2,y+1/2,z")]);
        Assert.Equal("C 1 2/m 1", c2m?.UniversalHermannMauguin);
        // The generators of R-3m:H's Hall symbol give P-3m1 without the R centring, R-3m:H with it.
        var generators = HallSymbol.Parse("-R 3 2\"").Generators;
        Assert.Equal("P -3 m 1", SpaceGroup.FromOperations(generators)?.UniversalHermannMauguin);
        Assert.Equal("R -3 m :H", SpaceGroup.FromOperations(generators.Add(SymmetryOperation.Parse("x+2/3,y+1/3,z+1/3")))?.UniversalHermannMauguin);
        // A group in a setting that is not among the 530: P21/c with its origin moved by 1/4 along c.
        Assert.Null(SpaceGroup.FromOperations([SymmetryOperation.Parse("-x,-y,-z+1/2"), SymmetryOperation.Parse("-x,y+1/2,-z")]));
    }

    private static HashSet<SymmetryOperation> Normalized(IEnumerable<SymmetryOperation> operations) =>
        operations.Select(o => o.Normalized()).ToHashSet();
}
