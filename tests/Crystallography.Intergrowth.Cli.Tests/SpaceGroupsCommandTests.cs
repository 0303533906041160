using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class SpaceGroupsCommandTests
{
    private static readonly string[] RequiredKeys =
    [
        "number", "hermannMauguin", "hall", "centrosymmetric", "operations", "wyckoff",
        "extension", "qualifier", "crystalSystem", "pointGroup", "laueClass", "centring", "order",
        "reflectionConditions",
    ];

    // Produced once: the whole table takes about a second to build and write.
    private static readonly Lazy<CliResult> Json = new(() => Cli.Run("spacegroups", "--json"));

    [Fact]
    public void Json_is_one_array_of_530_objects_with_every_required_key()
    {
        var result = Json.Value;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(530, doc.RootElement.GetArrayLength());
        foreach (var group in doc.RootElement.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Object, group.ValueKind);
            foreach (string key in RequiredKeys)
                Assert.True(group.TryGetProperty(key, out _), $"{group.GetProperty("hermannMauguin")} lacks '{key}'.");
            Assert.Equal(group.GetProperty("order").GetInt32(), group.GetProperty("operations").GetArrayLength());
            Assert.InRange(group.GetProperty("number").GetInt32(), 1, 230);
            foreach (var w in group.GetProperty("wyckoff").EnumerateArray())
                foreach (string key in new[] { "letter", "multiplicity", "siteSymmetry", "position" })
                    Assert.True(w.TryGetProperty(key, out _), $"a Wyckoff position of {group.GetProperty("hermannMauguin")} lacks '{key}'.");
            foreach (var c in group.GetProperty("reflectionConditions").EnumerateArray())
            {
                Assert.Equal(JsonValueKind.String, c.GetProperty("class").ValueKind);
                Assert.Equal(JsonValueKind.String, c.GetProperty("condition").ValueKind);
            }
        }
        // Every setting once: the universal symbols with their qualifiers are distinct.
        var names = doc.RootElement.EnumerateArray()
            .Select(g => g.GetProperty("hermannMauguin").GetString() + "|" + g.GetProperty("qualifier").GetString()).ToList();
        Assert.Equal(530, names.Distinct().Count());
        Assert.Equal(230, doc.RootElement.EnumerateArray().Select(g => g.GetProperty("number").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void Json_R_3m_hexagonal_has_order_36_and_18h_on_a_mirror()
    {
        using var doc = JsonDocument.Parse(Json.Value.Stdout);
        var r3m = doc.RootElement.EnumerateArray().Single(g => g.GetProperty("hermannMauguin").GetString() == "R -3 m :H");
        Assert.Equal(166, r3m.GetProperty("number").GetInt32());
        Assert.Equal(36, r3m.GetProperty("order").GetInt32());
        Assert.Equal("R", r3m.GetProperty("centring").GetString());
        Assert.Equal("trigonal", r3m.GetProperty("crystalSystem").GetString());
        Assert.Equal("H", r3m.GetProperty("extension").GetString());
        var h = r3m.GetProperty("wyckoff").EnumerateArray().Single(w => w.GetProperty("letter").GetString() == "h");
        Assert.Equal(18, h.GetProperty("multiplicity").GetInt32());
        Assert.Equal("m", h.GetProperty("siteSymmetry").GetString());
        Assert.Equal("x,-x,z", h.GetProperty("position").GetString());
    }

    [Fact]
    public void Json_Fm_3m_has_order_192_and_is_cubic()
    {
        using var doc = JsonDocument.Parse(Json.Value.Stdout);
        var fm3m = doc.RootElement.EnumerateArray().Single(g => g.GetProperty("hermannMauguin").GetString() == "F m -3 m");
        Assert.Equal(225, fm3m.GetProperty("number").GetInt32());
        Assert.Equal(192, fm3m.GetProperty("order").GetInt32());
        Assert.Equal("m-3m", fm3m.GetProperty("laueClass").GetString());
        Assert.Equal(4, fm3m.GetProperty("centringTranslations").GetArrayLength());
    }

    [Fact]
    public void Table_has_a_header_and_one_line_per_setting()
    {
        var result = Cli.Run("spacegroups");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines.Where(l => l.Length > 0).ToArray();
        Assert.Equal(531, lines.Length);
        Assert.StartsWith("No.", lines[0]);
        Assert.Contains(lines, l => l.Contains("R -3 m :H", StringComparison.Ordinal) && l.Contains("-R 3 2\"", StringComparison.Ordinal)
                                    && l.Contains("trigonal", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 36", StringComparison.Ordinal));
    }

    [Fact]
    public void Positional_argument_is_a_usage_error()
    {
        var result = Cli.Run("spacegroups", "R-3m");
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("takes no arguments", result.Stderr);
    }
}
