using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class DesignCommandTests
{
    private static JsonElement[] Compositions(JsonDocument doc) =>
        doc.RootElement.GetProperty("compositions").EnumerateArray().ToArray();

    [Fact]
    public void Default_grid_is_the_study_family_from_0_to_one_third_in_steps_of_one_thirtieth()
    {
        var result = Cli.Run("design", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["Ni2+", "Ru5+"], doc.RootElement.GetProperty("metals").EnumerateArray().Select(m => m.GetString()));
        var members = Compositions(doc);
        Assert.Equal(11, members.Length);
        Assert.Equal("0", members[0].GetProperty("x").GetString());
        Assert.Equal("1/3", members[^1].GetProperty("x").GetString());
        Assert.All(members, m =>
        {
            Assert.Equal("0", m.GetProperty("charge").GetString());
            Assert.Equal("2", m.GetProperty("cationSum").GetString());
        });
    }

    [Theory]
    [InlineData("1/5", "Li1.2Ni0.4Ru0.4O2", "Li6/5Ni2/5Ru2/5O2")]
    [InlineData("1/6", "Li1.1667Ni0.4444Ru0.3889O2", "Li7/6Ni4/9Ru7/18O2")]
    public void The_study_compositions_are_on_the_grid(string x, string formula, string exact)
    {
        using var doc = JsonDocument.Parse(Cli.Run("design", "--json").Stdout);
        var member = Compositions(doc).Single(m => m.GetProperty("x").GetString() == x);
        Assert.Equal(formula, member.GetProperty("formula").GetString());
        Assert.Equal(exact, member.GetProperty("exactFormula").GetString());
        Assert.Equal("0", member.GetProperty("charge").GetString());
        Assert.Equal("2", member.GetProperty("cationSum").GetString());
    }

    [Fact]
    public void Text_table_shows_x_formula_fractions_charge_and_cation_sum()
    {
        var result = Cli.Run("design");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal("Family Li+(1+x) Ni2+ Ru5+ O2-(2), cation sites 2", lines[0]);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["1/6", "0.1667", "Li1.1667Ni0.4444Ru0.3889O2", "Li7/6Ni4/9Ru7/18O2", "0", "2"]);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["1/5", "0.2", "Li1.2Ni0.4Ru0.4O2", "Li6/5Ni2/5Ru2/5O2", "0", "2"]);
    }

    [Fact]
    public void Grid_options_take_decimals_and_fractions()
    {
        var result = Cli.Run("design", "--excess-from", "1/6", "--excess-to", "0.2", "--step", "1/30", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["1/6", "1/5"], Compositions(doc).Select(m => m.GetProperty("x").GetString()));
    }

    [Fact]
    public void Metals_option_gives_another_family()
    {
        // Li(1+x) Ni2+ Mn4+ O2: (1+x) + 2a + 4b = 4 and (1+x) + a + b = 2, so at x = 0 a = b = 1/2.
        var result = Cli.Run("design", "--metals", "Ni2+,Mn4+", "--excess-to", "0", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var member = Assert.Single(Compositions(doc));
        Assert.Equal("LiNi1/2Mn1/2O2", member.GetProperty("exactFormula").GetString());
        Assert.Equal("0", member.GetProperty("charge").GetString());
    }

    [Fact]
    public void An_x_outside_the_family_range_exits_1_with_the_library_message()
    {
        var result = Cli.Run("design", "--excess-from", "0.6", "--excess-to", "0.7");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("x from -1 to 1/2", result.Stderr);
        Assert.DoesNotContain("Actual value", result.Stderr);
        Assert.DoesNotContain("Parameter", result.Stderr);
    }

    [Fact]
    public void A_metal_without_charge_exits_1()
    {
        var result = Cli.Run("design", "--metals", "Ni,Ru5+");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("oxidation state", result.Stderr);
    }

    [Theory]
    [InlineData("design", "--step", "abc")]
    [InlineData("design", "--metals", "Ni2+")]
    [InlineData("design", "--metals", "Qq2+,Ru5+")]
    [InlineData("design", "extra")]
    [InlineData("design", "--against", "Li1.2Ni0.4Ru0.4O2")]
    [InlineData("design", "--check", "Li:Ni:Ru=1.17(3):0.44(2):0.39(4)")]
    [InlineData("design", "--check", "1.17(3):0.44(2)", "--against", "LiO2")]
    [InlineData("design", "--check", "Li:Ni=1.17(3):0.44(2)", "--against", "Li1.2Q")]
    [InlineData("design", "--check", "Li:Ni=1.17(3):0.44(2)", "--against", "LiNiO2", "--step", "1/6")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("Usage: intergrowth design", result.Stderr);
    }

    [Fact]
    public void The_measured_composition_of_the_study_agrees_within_2_su()
    {
        var result = Cli.Run("design", "--check", "Li:Ni:Ru=1.17(3):0.44(2):0.39(4)", "--against", "Li1.2Ni0.4Ru0.4O2", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("allAgree").GetBoolean());
        Assert.Equal(2, root.GetProperty("coverage").GetDouble());
        var z = root.GetProperty("elements").EnumerateArray()
            .ToDictionary(e => e.GetProperty("element").GetString()!, e => e.GetProperty("zScore").GetDouble());
        Assert.Equal(-1, z["Li"], 9);
        Assert.Equal(2, z["Ni"], 9);
        Assert.Equal(-0.25, z["Ru"], 9);
        Assert.Equal(5.0625, root.GetProperty("chiSquared").GetDouble(), 9);
    }

    [Fact]
    public void Check_text_gives_z_scores_and_the_verdict()
    {
        var result = Cli.Run("design", "--check", "Li:Ni:Ru=1.17(3):0.44(2):0.39(4)", "--against", "Li7/6Ni4/9Ru7/18O2");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["Li", "1.17(3)", "1.1667", "+0.0033", "+0.11", "yes"]);
        Assert.Contains(lines, l => l.StartsWith("All 3 elements agree within 2 s.u.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tighter_coverage_reports_the_elements_outside_it()
    {
        var result = Cli.Run("design", "--check", "Li:Ni:Ru=1.17(3):0.44(2):0.39(4)", "--against", "Li1.2Ni0.4Ru0.4O2", "--coverage", "1.5");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Not all agree within 1.5 s.u.: Ni (z = +2.00).", result.StdoutLines);
    }
}
