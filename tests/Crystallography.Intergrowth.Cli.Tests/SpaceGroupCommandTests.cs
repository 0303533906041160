using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class SpaceGroupCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void R_3m_json()
    {
        var g = Json("spacegroup", "R-3m", "--json");
        Assert.Equal(JsonValueKind.Object, g.ValueKind);
        Assert.Equal(166, g.GetProperty("number").GetInt32());
        Assert.Equal("R -3 m :H", g.GetProperty("hermannMauguin").GetString());
        Assert.Equal("-R 3 2\"", g.GetProperty("hall").GetString());
        Assert.True(g.GetProperty("centrosymmetric").GetBoolean());
        Assert.Equal(36, g.GetProperty("operations").GetArrayLength());
        Assert.Equal("x,y,z", g.GetProperty("operations")[0].GetString());
        Assert.Contains(g.GetProperty("operations").EnumerateArray(), o => o.GetString() == "-y,x-y,z");
        Assert.Equal("-3m", g.GetProperty("pointGroup").GetString());

        var wyckoff = g.GetProperty("wyckoff").EnumerateArray().ToArray();
        Assert.Equal("ihgfedcba", string.Concat(wyckoff.Select(w => w.GetProperty("letter").GetString())));
        var a = wyckoff[^1];
        Assert.Equal(3, a.GetProperty("multiplicity").GetInt32());
        Assert.Equal("-3m", a.GetProperty("siteSymmetry").GetString());
        Assert.Equal("0,0,0", a.GetProperty("position").GetString());
        var c = wyckoff.Single(w => w.GetProperty("letter").GetString() == "c");
        Assert.Equal(6, c.GetProperty("multiplicity").GetInt32());
        Assert.Equal("3m", c.GetProperty("siteSymmetry").GetString());
        Assert.Equal("0,0,z", c.GetProperty("position").GetString());
        Assert.Equal(6, c.GetProperty("coordinates").GetArrayLength());
    }

    [Fact]
    public void Hall_symbol_is_written_with_a_plain_backslash_quote()
    {
        var result = Cli.Run("spacegroup", "R-3m", "--json");
        Assert.Contains("\"hall\": \"-R 3 2\\\"\"", result.Stdout);
    }

    [Fact]
    public void Fd_3m_origin_choice_2_json()
    {
        var g = Json("spacegroup", "Fd-3m:2", "--json");
        Assert.Equal(227, g.GetProperty("number").GetInt32());
        Assert.Equal("F d -3 m :2", g.GetProperty("hermannMauguin").GetString());
        Assert.Equal("2", g.GetProperty("extension").GetString());
        Assert.Equal("-F 4vw 2vw 3", g.GetProperty("hall").GetString());
        Assert.Equal(192, g.GetProperty("order").GetInt32());
    }

    [Theory]
    [InlineData("R-3m", "R -3 m :H")]
    [InlineData("R -3 m :R", "R -3 m :R")]
    [InlineData("166", "R -3 m :H")]
    [InlineData("166:R", "R -3 m :R")]
    [InlineData("Hall:-R 3 2\"", "R -3 m :H")]
    [InlineData("-R 3 2\"", "R -3 m :H")]
    [InlineData("Fm3m", "F m -3 m")]
    [InlineData("P21/c", "P 1 21/c 1")]
    public void Symbols_in_every_usual_spelling(string symbol, string universal)
    {
        Assert.Equal(universal, Json("spacegroup", symbol, "--json").GetProperty("hermannMauguin").GetString());
    }

    [Fact]
    public void Unknown_symbol_exits_1_with_suggestions_on_stderr()
    {
        var result = Cli.Run("spacegroup", "R-3q");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("R-3q", result.Stderr);
        Assert.Contains("Did you mean", result.Stderr);
        Assert.Contains("R-3m:H", result.Stderr);
        Assert.DoesNotContain("(Parameter", result.Stderr);
    }

    [Fact]
    public void Unknown_symbol_with_json_exits_1_and_prints_no_json()
    {
        var result = Cli.Run("spacegroup", "Q42", "--json");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Did you mean", result.Stderr);
    }

    [Fact]
    public void Readable_form_has_header_conditions_wyckoff_table_and_operations()
    {
        var result = Cli.Run("spacegroup", "R-3m");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal("Space group 166  R -3 m :H", lines[0]);
        Assert.Contains("  Hall              -R 3 2\"", lines);
        Assert.Contains("  Crystal system    trigonal", lines);
        Assert.Contains("  Centrosymmetric   yes", lines);
        Assert.Contains("  Order             36 (12 x 3 centring translations)", lines);
        Assert.Contains("Reflection conditions", lines);
        Assert.Contains("  hkl   -h+k+l=3n", lines);
        Assert.Contains("Wyckoff positions", lines);
        Assert.Contains("   6c  3m    (0,0,z) (0,0,-z) (2/3,1/3,z+1/3) (2/3,1/3,-z+1/3) (1/3,2/3,z+2/3) (1/3,2/3,-z+2/3)", lines);
        Assert.Contains("   3a  -3m   (0,0,0) (2/3,1/3,1/3) (1/3,2/3,2/3)", lines);
        Assert.Contains("   3b  -3m   (0,0,1/2) (2/3,1/3,5/6) (1/3,2/3,1/6)", lines);
        // The general position has 36 triplets: six are shown, then an ellipsis.
        var general = lines.Single(l => l.StartsWith("  36i", StringComparison.Ordinal));
        Assert.EndsWith(" …", general);
        Assert.Equal(6, general.Count(ch => ch == '('));
        Assert.Contains("Symmetry operations (36)", lines);
        Assert.Contains("  (0,0,0)+ (2/3,1/3,1/3)+ (1/3,2/3,2/3)+", lines);
        Assert.Contains("   1  x,y,z", lines);
        Assert.Contains(lines, l => l.StartsWith("  12  ", StringComparison.Ordinal));
    }

    [Fact]
    public void Primitive_group_lists_every_operation_without_a_centring_line()
    {
        var result = Cli.Run("spacegroup", "P21/c");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  Centring          P (primitive)", result.StdoutLines);
        Assert.Contains("Symmetry operations (4)", result.StdoutLines);
        Assert.DoesNotContain(result.StdoutLines, l => l.EndsWith(")+", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData]
    [InlineData("R-3m", "Fm-3m")]
    [InlineData("R", "-3", "m")]
    public void Wrong_number_of_symbols_is_a_usage_error(params string[] symbols)
    {
        var result = Cli.Run(["spacegroup", .. symbols]);
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("Usage: intergrowth spacegroup SYMBOL", result.Stderr);
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var result = Cli.Run("spacegroup", "R-3m", "--jsn");
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("Unknown option '--jsn'", result.Stderr);
    }
}
