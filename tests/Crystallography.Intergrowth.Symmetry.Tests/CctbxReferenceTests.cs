using System.Text.Json;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// Every one of the 530 settings against cctbx sgtbx (Reference/spacegroups.json): the operations
/// we generate from the Hall symbol, centrosymmetry, order, crystal system, Laue class, point-group
/// type and the Wyckoff positions (letter, multiplicity, site symmetry, and that a point on cctbx's
/// representative triplet is located on the position with the same letter).
/// </summary>
public sealed class CctbxReferenceTests
{
    private static readonly Lazy<JsonElement[]> Reference = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "spacegroups.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("settings").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < 530; i++) data.Add(i);
        return data;
    }

    [Fact]
    public void The_table_and_the_reference_both_hold_530_settings_in_the_same_order()
    {
        Assert.Equal(530, Reference.Value.Length);
        Assert.Equal(530, SpaceGroup.All.Count);
        for (int i = 0; i < 530; i++)
        {
            var r = Reference.Value[i];
            var g = SpaceGroup.All[i];
            Assert.Equal(r.GetProperty("number").GetInt32(), g.Number);
            Assert.Equal(r.GetProperty("hermannMauguin").GetString(), g.UniversalHermannMauguin);
            Assert.Equal(r.GetProperty("hall").GetString(), g.Setting.Hall.Trim());
        }
    }

    [Theory]
    [Trait("Category", "Exhaustive")]
    [MemberData(nameof(Indices))]
    public void Setting_matches_cctbx(int index)
    {
        var r = Reference.Value[index];
        var g = SpaceGroup.All[index];
        string name = g.ToString();

        // Operations: the same set, compared as exact operations modulo lattice translations.
        var expected = r.GetProperty("operations").EnumerateArray()
            .Select(o => SymmetryOperation.Parse(o.GetString()!).Normalized()).ToHashSet();
        var actual = g.Operations.Select(o => o.Normalized()).ToHashSet();
        Assert.True(expected.SetEquals(actual),
            $"{name}: operations differ. Missing: {string.Join("; ", expected.Except(actual))}. Extra: {string.Join("; ", actual.Except(expected))}");
        Assert.Equal(r.GetProperty("order").GetInt32(), g.Order);
        Assert.Equal(r.GetProperty("centrosymmetric").GetBoolean(), g.IsCentrosymmetric);
        Assert.Equal(r.GetProperty("crystalSystem").GetString(), g.CrystalSystem.ToString());
        Assert.Equal(r.GetProperty("laueGroup").GetString(), g.LaueClass);
        Assert.Equal(TypeOf(r.GetProperty("pointGroup").GetString()!), g.PointGroup.TypeSymbol);
        // The oriented symbol read from the H-M symbol must be of the type the operations have.
        Assert.Equal(g.PointGroup.TypeSymbol, TypeOf(g.PointGroup.Symbol));

        // Wyckoff positions: same letters, multiplicities and site symmetries, in the same order.
        var expectedWyckoff = r.GetProperty("wyckoff").EnumerateArray().ToArray();
        Assert.Equal(expectedWyckoff.Length, g.WyckoffPositions.Length);
        for (int i = 0; i < expectedWyckoff.Length; i++)
        {
            var ew = expectedWyckoff[i];
            var w = g.WyckoffPositions[i];
            char letter = ew.GetProperty("letter").GetString()![0];
            Assert.Equal(letter, w.Letter);
            Assert.Equal(ew.GetProperty("multiplicity").GetInt32(), w.Multiplicity);
            Assert.Equal(TypeOf(ew.GetProperty("siteSymmetry").GetString()!), w.SiteSymmetry);
            Assert.Equal(w.Multiplicity, w.Coordinates.Length);

            // A point on cctbx's triplet, with free parameters away from any special value, must be
            // located on the position with this letter, and unchanged by snapping.
            var triplet = CoordinateTriplet.Parse(ew.GetProperty("position").GetString()!);
            var point = triplet.Evaluate(0.0731, 0.1893, 0.3127);
            var located = g.Locate(point);
            Assert.True(letter == located.Wyckoff.Letter,
                $"{name}: point {point} on cctbx's {letter} ({triplet}) located on {located.Wyckoff.Letter}");
            Assert.True(located.Shift < 1e-9, $"{name}: {point} moved by {located.Shift} when snapped");
            Assert.Equal(w.Multiplicity, g.Orbit(point).Count);
        }
    }

    /// <summary>cctbx writes some point-group types in other orientations; map them to ITA's standard type symbols.</summary>
    internal static string TypeOf(string symbol) => symbol switch
    {
        "312" or "321" => "32",
        "3m1" or "31m" => "3m",
        "-3m1" or "-31m" => "-3m",
        "-4m2" => "-42m",
        "-62m" => "-6m2",
        "2mm" or "m2m" => "mm2",
        _ => symbol,
    };
}
