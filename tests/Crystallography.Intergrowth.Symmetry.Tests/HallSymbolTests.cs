using System.Text.Json;

namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// Hall symbols: groups generated from symbols with a change of basis against cctbx
/// (Reference/hall-change-of-basis.json, made by tools/reference/make_hall_change_of_basis.py),
/// standard settings found from Hall symbols written in another basis, and the messages for
/// malformed symbols.
/// </summary>
public sealed class HallSymbolTests
{
    private static readonly Lazy<JsonElement[]> Reference = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "hall-change-of-basis.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("groups").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static TheoryData<string> ReferenceSymbols()
    {
        var data = new TheoryData<string>();
        foreach (var g in Reference.Value) data.Add(g.GetProperty("hall").GetString()!);
        return data;
    }

    [Fact]
    public void The_reference_file_holds_the_ten_symbols_of_the_script() =>
        Assert.Equal(10, Reference.Value.Length);

    [Theory]
    [MemberData(nameof(ReferenceSymbols))]
    public void Operations_with_a_change_of_basis_match_cctbx(string hall)
    {
        var r = Reference.Value.Single(g => g.GetProperty("hall").GetString() == hall);
        var expected = r.GetProperty("operations").EnumerateArray()
            .Select(o => SymmetryOperation.Parse(o.GetString()!).Normalized()).ToHashSet();
        var generated = HallSymbol.Parse(hall).GenerateOperations();
        var actual = generated.Select(o => o.Normalized()).ToHashSet();
        Assert.True(expected.SetEquals(actual),
            $"{hall}: missing {string.Join("; ", expected.Except(actual))}; extra {string.Join("; ", actual.Except(expected))}");
        // The order (number of operations in the cell, centring included), and no duplicates.
        Assert.Equal(r.GetProperty("order").GetInt32(), generated.Length);
        Assert.Equal(generated.Length, actual.Count);
        Assert.True(generated[0].IsIdentity);
        Assert.All(generated, o => Assert.Equal(o.Normalized(), o)); // translations in [0, 1)
    }

    [Theory]
    // Hall symbols in a changed basis whose operations are those of a standard setting; each pair
    // checked with cctbx (sgtbx.space_group(hall) has the same operations as
    // space_group_info(setting).group()).
    [InlineData("F 4d 2 3 -1d (x-1/8,y-1/8,z-1/8)", "F d -3 m :2")]
    [InlineData("F 4d 2 3 -1d", "F d -3 m :1")]
    [InlineData("-F 4vw 2vw 3 (x+1/8,y+1/8,z+1/8)", "F d -3 m :1")]
    [InlineData("-R 3 2\" (-y+z,x+z,-x+y+z)", "R -3 m :R")]
    [InlineData("P 2yb (x,y,-x+z)", "P 1 21 1")]
    [InlineData("P 61 2 (0 0 5)", "P 61 2 2")]
    [InlineData("P 31 2 (0 0 4)", "P 31 1 2")]
    [InlineData("-I 4bd 2 (x+1/2,y+1/4,z+1/8)", "I 41/a m d :1")]
    public void FromHall_finds_the_standard_setting(string hall, string setting)
    {
        Assert.Equal(setting, SpaceGroup.FromHall(hall).UniversalHermannMauguin);
        Assert.Equal(setting, SpaceGroup.Parse("Hall: " + hall).UniversalHermannMauguin);
    }

    [Fact]
    public void A_Hall_symbol_of_a_setting_outside_the_530_is_reported()
    {
        // P21/c with the origin moved by 1/4 along c: a valid group (cctbx: "P 1 21/c 1 (a,b,c+1/4)")
        // in no standard setting.
        var e = Assert.Throws<UnknownSpaceGroupException>(() => SpaceGroup.FromHall("-P 2ybc (x,y,z+1/4)"));
        Assert.Contains("-P 2ybc (x,y,z+1/4)", e.Message);
        Assert.False(SpaceGroup.TryParse("-P 2ybc (x,y,z+1/4)", out _));
    }

    [Fact]
    public void Parse_reads_the_parts_of_the_symbol()
    {
        var r3m = HallSymbol.Parse("-R 3 2\"");
        Assert.Equal('R', r3m.LatticeSymbol);
        Assert.True(r3m.HasInversionAtOrigin);
        Assert.Equal(3, r3m.Generators.Length); // −1, 3 along c, 2 along a+b
        Assert.Contains(SymmetryOperation.Parse("-y,x-y,z"), r3m.Generators);
        Assert.Contains(SymmetryOperation.Parse("y,x,-z"), r3m.Generators);
        Assert.True(r3m.ChangeOfBasis.IsIdentity);
        Assert.Equal(36, r3m.GenerateOperations().Length);

        var p6122 = HallSymbol.Parse("P 61 2 (0 0 5)");
        Assert.False(p6122.HasInversionAtOrigin);
        Assert.Contains(SymmetryOperation.Parse("x-y,x,z+1/6"), p6122.Generators);
        Assert.Equal("x,y,z+5/12", p6122.ChangeOfBasis.ToString()); // (0 0 5) is in twelfths
        Assert.Equal("P 61 2 (0 0 5)", p6122.ToString());
        Assert.Equal("x,y,z+1/8", HallSymbol.Parse("P 2 2 (x,y,z+1/8)").ChangeOfBasis.ToString());
        Assert.Equal(0.5, HallSymbol.Parse("-I 4 2 (1/2*x+1/2*y,-1/2*x+1/2*y,z)").ChangeOfBasis.Determinant, 15);

        Assert.True(HallSymbol.TryParse("P 2yb", out var p21));
        Assert.Equal(SymmetryOperation.Parse("-x,y+1/2,-z"), p21!.Generators.Single());
    }

    [Theory]
    // symbol, a fragment the message must contain
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("Q 2", "'Q' is not a lattice symbol")]
    [InlineData("-", "not a lattice symbol")]
    [InlineData("P 5", "rotation order")]
    [InlineData("P 2q", "'q'")]
    [InlineData("P 2q", "not a translation symbol")]
    [InlineData("P 4 3", "explicit axis")] // a threefold in second place has no default axis
    [InlineData("P 23", "screw component 3")]
    [InlineData("P 2 2 2 2 2", "at most 4")]
    [InlineData("P 3'", "Hall's notation does not define")]
    [InlineData("P 2 (x,y)", "three comma-separated expressions")]
    [InlineData("P 2 (1 2)", "origin shift")]
    [InlineData("P 2 (x,y,z", "closed by ')'")]
    [InlineData("P 2 (0 0 1", "closed by ')'")]
    [InlineData("P 2 x,y,z)", "rotation order")]
    [InlineData("P 2 (x,y,z))", "')'")]
    [InlineData("P 2 (x,x,z)", "singular")]
    public void Malformed_symbols_throw_a_message_naming_the_problem(string hall, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => HallSymbol.Parse(hall));
        Assert.Contains(fragment, e.Message);
        Assert.False(HallSymbol.TryParse(hall, out _));
        Assert.Throws<FormatException>(() => SpaceGroup.FromHall(hall));
    }

    [Fact]
    public void A_change_of_basis_that_does_not_keep_the_lattice_is_rejected()
    {
        // (2x, y, z) makes a cell half as long along a: the old lattice vector a becomes a
        // translation by 2 in the new basis, but the new a is no translation of the old lattice.
        var e = Assert.Throws<FormatException>(() => HallSymbol.Parse("P 2 (2*x,y,z)").GenerateOperations());
        Assert.Contains("lattice", e.Message);
        Assert.Throws<ArgumentNullException>(() => HallSymbol.Parse(null!));
        Assert.False(HallSymbol.TryParse(null, out _));
    }
}
