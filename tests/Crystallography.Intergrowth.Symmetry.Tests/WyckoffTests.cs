namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// Wyckoff positions checked by hand against International Tables Vol. A (letters, multiplicities,
/// site-symmetry types and coordinates) for the groups of the reference study and a few more, and
/// <see cref="SpaceGroup.Locate"/> on nearly special positions and on bad input.
/// </summary>
public sealed class WyckoffTests
{
    [Theory]
    // R-3m, hexagonal axes: the layered phase's 3a, 3b and 6c.
    [InlineData("R-3m:H", 'a', 3, "-3m", "0,0,0", 0)]
    [InlineData("R-3m:H", 'b', 3, "-3m", "0,0,1/2", 0)]
    [InlineData("R-3m:H", 'c', 6, "3m", "0,0,z", 1)]
    [InlineData("R-3m:H", 'd', 9, "2/m", "1/2,0,1/2", 0)]
    [InlineData("R-3m:H", 'e', 9, "2/m", "1/2,0,0", 0)]
    [InlineData("R-3m:H", 'f', 18, "2", "x,0,0", 1)]
    [InlineData("R-3m:H", 'g', 18, "2", "x,0,1/2", 1)]
    [InlineData("R-3m:H", 'h', 18, "m", "x,-x,z", 2)]
    [InlineData("R-3m:H", 'i', 36, "1", "x,y,z", 3)]
    // Fm-3m: the rocksalt phase's 4a and 4b; ITA writes 24e's site symmetry 4m.m, type 4mm.
    [InlineData("Fm-3m", 'a', 4, "m-3m", "0,0,0", 0)]
    [InlineData("Fm-3m", 'b', 4, "m-3m", "1/2,1/2,1/2", 0)]
    [InlineData("Fm-3m", 'c', 8, "-43m", "1/4,1/4,1/4", 0)]
    [InlineData("Fm-3m", 'd', 24, "mmm", "0,1/4,1/4", 0)]
    [InlineData("Fm-3m", 'e', 24, "4mm", "x,0,0", 1)]
    [InlineData("Fm-3m", 'f', 32, "3m", "x,x,x", 1)]
    [InlineData("Fm-3m", 'l', 192, "1", "x,y,z", 3)]
    // Fd-3m origin choice 2 (inversion centre at the origin): 8a at 1/8,1/8,1/8; 32e .3m.
    [InlineData("Fd-3m:2", 'a', 8, "-43m", "1/8,1/8,1/8", 0)]
    [InlineData("Fd-3m:2", 'b', 8, "-43m", "3/8,3/8,3/8", 0)]
    [InlineData("Fd-3m:2", 'c', 16, "-3m", "0,0,0", 0)]
    [InlineData("Fd-3m:2", 'd', 16, "-3m", "1/2,1/2,1/2", 0)]
    [InlineData("Fd-3m:2", 'e', 32, "3m", "x,x,x", 1)]
    [InlineData("Fd-3m:2", 'f', 48, "mm2", "x,1/8,1/8", 1)]
    [InlineData("Fd-3m:2", 'i', 192, "1", "x,y,z", 3)]
    // Fd-3m origin choice 1: the table (from cctbx) writes 8a as 1/4,1/4,1/4, which ITA lists as
    // 3/4,1/4,3/4 + (1/2,0,1/2); see Fd3m_origin_choice_1_puts_8a_on_the_origin.
    [InlineData("Fd-3m:1", 'a', 8, "-43m", "1/4,1/4,1/4", 0)]
    [InlineData("Fd-3m:1", 'c', 16, "-3m", "1/8,1/8,1/8", 0)]
    // C2/m (unique axis b, cell choice 1).
    [InlineData("C2/m", 'a', 2, "2/m", "0,0,0", 0)]
    [InlineData("C2/m", 'e', 4, "-1", "1/4,1/4,0", 0)]
    [InlineData("C2/m", 'g', 4, "2", "0,y,0", 1)]
    [InlineData("C2/m", 'i', 4, "m", "x,0,z", 2)]
    [InlineData("C2/m", 'j', 8, "1", "x,y,z", 3)]
    public void Positions_agree_with_International_Tables(
        string symbol, char letter, int multiplicity, string siteSymmetry, string representative, int freedom)
    {
        var group = SpaceGroup.Parse(symbol);
        var w = group.Wyckoff(letter);
        Assert.Equal(letter, w.Letter);
        Assert.Equal(multiplicity, w.Multiplicity);
        Assert.Equal(siteSymmetry, w.SiteSymmetry);
        Assert.Equal(representative, w.Representative.ToString());
        Assert.Equal(freedom, w.DegreesOfFreedom);
        Assert.Equal($"{multiplicity}{letter}", w.Label);
        Assert.Equal(multiplicity, w.Coordinates.Length);
        Assert.Equal(w.Representative, w.Coordinates[0]);

        // The coordinates are the orbit: evaluated at generic parameters they are distinct points,
        // each in the orbit of the first. Generic values, away from 0, 1/8, 1/4, … and from each
        // other, so that no coordinate triplets coincide by accident.
        const double x = 0.0713, y = 0.1897, z = 0.3129;
        var first = w.Representative.Evaluate(x, y, z);
        var orbit = group.Orbit(first);
        Assert.Equal(multiplicity, orbit.Count);
        foreach (var triplet in w.Coordinates)
        {
            var p = triplet.Evaluate(x, y, z);
            // 1e-9: positions are sums of a few doubles in [−2, 2]; rounding is ~1e-16.
            Assert.Contains(orbit, q => FractionalPosition.LatticeDistance(p, q) < 1e-9);
        }
    }

    [Fact]
    public void Fd3m_origin_choice_1_puts_8a_on_the_origin()
    {
        // ITA: origin choice 1, 8a at 0,0,0 and 3/4,1/4,3/4; 8b at 1/2,1/2,1/2 and 1/4,3/4,1/4.
        var group = SpaceGroup.Parse("Fd-3m:1");
        Assert.Equal('a', group.WyckoffPositionOf(new FractionalPosition(0, 0, 0)).Letter);
        Assert.Equal('a', group.WyckoffPositionOf(new FractionalPosition(0.75, 0.25, 0.75)).Letter);
        Assert.Equal('b', group.WyckoffPositionOf(new FractionalPosition(0.5, 0.5, 0.5)).Letter);
        Assert.Equal('b', group.WyckoffPositionOf(new FractionalPosition(0.25, 0.75, 0.25)).Letter);
        // and origin choice 2 puts the inversion centre (16c) there instead.
        Assert.Equal('c', SpaceGroup.Parse("Fd-3m:2").WyckoffPositionOf(new FractionalPosition(0, 0, 0)).Letter);
    }

    [Fact]
    public void The_lists_run_from_the_general_position_to_a()
    {
        var r3m = SpaceGroup.Parse("R-3m:H");
        Assert.Equal("ihgfedcba", string.Concat(r3m.WyckoffPositions.Select(w => w.Letter)));
        Assert.Equal("lkjihgfedcba", string.Concat(SpaceGroup.Parse("Fm-3m").WyckoffPositions.Select(w => w.Letter)));
        Assert.Equal("6c (3m) 0,0,z", r3m.Wyckoff('c').ToString());
        // 6c's six coordinates as ITA lists them (0,0,z; 0,0,-z, plus (2/3,1/3,1/3) and (1/3,2/3,2/3)).
        var six = r3m.Wyckoff('c').Coordinates.Select(t => t.ToString()).ToHashSet();
        Assert.Equal(new HashSet<string> { "0,0,z", "0,0,-z", "2/3,1/3,z+1/3", "2/3,1/3,-z+1/3", "1/3,2/3,z+2/3", "1/3,2/3,-z+2/3" }, six);
    }

    [Fact]
    public void A_nearly_special_position_snaps_onto_6c()
    {
        // The example of the documentation, with the default tolerance (1e-4): the point is exactly
        // one tolerance off the threefold axis, so the operations found within the tolerance are only
        // part of the site-symmetry group (the threefold, not its square).
        var group = SpaceGroup.Parse("R-3m:H");
        var location = group.Locate(new FractionalPosition(0.0001, 0, 0.2571));
        Assert.Equal('c', location.Wyckoff.Letter);
        Assert.Equal(6, location.Multiplicity);
        // The snapped point is an average of six images: exact up to a few ulps of 0.2571.
        Assert.Equal(0, location.Position.X, 1e-12);
        Assert.Equal(0, location.Position.Y, 1e-12);
        Assert.Equal(0.2571, location.Position.Z, 1e-12);
        Assert.Equal(1e-4, location.Shift, 1e-12);
        Assert.Equal(6, location.SiteOperations.Length); // 3m

        Assert.Equal('c', group.WyckoffPositionOf(new FractionalPosition(0.0001, 0, 0.2571)).Letter);
        var snapped = group.SnapToSpecialPosition(new FractionalPosition(-0.00004, 0.00003, 0.7429));
        Assert.Equal(0, snapped.X, 1e-12);
        Assert.Equal(0, snapped.Y, 1e-12);
        Assert.Equal(0.7429, snapped.Z, 1e-12);
    }

    [Theory]
    [InlineData("R-3m:H", 0.00005, -0.00002, 0.49996, 'b')]
    [InlineData("R-3m:H", 0.99996, 0.00003, 0.00001, 'a')]
    [InlineData("R-3m:H", 0.2, -0.19995, 0.1, 'h')] // x,-x,z
    [InlineData("R-3m:H", 0.2, 0.3, 0.1, 'i')] // general: unchanged
    [InlineData("Fm-3m", 0.50002, 0.49999, 0.5, 'b')]
    [InlineData("Fm-3m", 0.25003, 0.24998, 0.75001, 'c')]
    [InlineData("Fm-3m", 0.2, 0.00004, -0.00003, 'e')]
    [InlineData("Fd-3m:2", 0.12503, 0.12499, 0.125, 'a')]
    [InlineData("Fd-3m:2", 0.3, 0.29996, 0.30002, 'e')]
    [InlineData("C2/m", 0.3, 0.00006, 0.7, 'i')]
    public void Locate_finds_the_letter_of_nearly_special_positions(string symbol, double x, double y, double z, char letter)
    {
        var group = SpaceGroup.Parse(symbol);
        var location = group.Locate(new FractionalPosition(x, y, z));
        Assert.Equal(letter, location.Wyckoff.Letter);
        // Every input is within 6e-5 of its special position per coordinate; the projection moves it
        // at most a small multiple of that.
        Assert.True(location.Shift < 1e-4, $"shift {location.Shift}");
        // Snapped exactly: its site symmetry at a tight tolerance gives the Wyckoff multiplicity.
        Assert.Equal(group.Order / location.Wyckoff.Multiplicity, group.SiteSymmetryOperations(location.Position, 1e-9).Length);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    [InlineData(0.25)]
    [InlineData(double.PositiveInfinity)]
    public void A_tolerance_that_is_not_positive_and_small_is_rejected(double tolerance)
    {
        var group = SpaceGroup.Parse("R-3m:H");
        var p = new FractionalPosition(0, 0, 0.25);
        Assert.Throws<ArgumentOutOfRangeException>(() => group.Locate(p, tolerance));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.Orbit(p, tolerance));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.SiteSymmetryOperations(p, tolerance));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.WyckoffPositionOf(p, tolerance));
    }

    [Fact]
    public void An_unknown_letter_is_rejected_with_the_valid_letters()
    {
        var group = SpaceGroup.Parse("R-3m:H");
        var e = Assert.Throws<ArgumentException>(() => group.Wyckoff('z'));
        Assert.Equal("letter", e.ParamName);
        Assert.Contains("a, b, c, d, e, f, g, h, i", e.Message);
        Assert.Throws<ArgumentException>(() => group.Wyckoff('A'));
        Assert.Throws<ArgumentException>(() => SpaceGroup.Parse("Fm-3m").Wyckoff('m'));
    }
}
