using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class SiteCommandTests
{
    [Fact]
    public void Oxygen_of_the_layered_phase_is_snapped_onto_6c()
    {
        var result = Cli.Run("site", "R-3m", "0.0001", "0", "0.2571");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var lines = result.StdoutLines;
        Assert.Equal("R -3 m :H  (No. 166)", lines[0]);
        Assert.Contains("  Input             0.0001 0 0.2571", lines);
        Assert.Contains("  Wyckoff position  6c  site symmetry 3m  (0,0,z)", lines);
        Assert.Contains("  Snapped position  0 0 0.2571", lines);
        Assert.Contains(lines, l => l.StartsWith("  Shift             0.0001", StringComparison.Ordinal));
        Assert.Contains("  Orbit size        6", lines);
    }

    [Fact]
    public void Json_gives_the_snapped_position_and_orbit()
    {
        var result = Cli.Run("site", "R-3m", "0.0001", "0", "0.2571", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var site = doc.RootElement;
        Assert.Equal("6c", site.GetProperty("wyckoff").GetString());
        Assert.Equal("3m", site.GetProperty("siteSymmetry").GetString());
        var position = site.GetProperty("position").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(0, position[0], 12);
        Assert.Equal(0, position[1], 12);
        Assert.Equal(0.2571, position[2], 12);
        Assert.Equal(1e-4, site.GetProperty("shift").GetDouble(), 12);
        Assert.Equal(6, site.GetProperty("orbitSize").GetInt32());
        Assert.Equal(6, site.GetProperty("orbit").GetArrayLength());
        Assert.Equal(6, site.GetProperty("siteOperations").GetArrayLength());
    }

    [Theory]
    [InlineData("Fm-3m", "1/2", "1/2", "1/2", "4b")]
    [InlineData("Fm-3m", "0", "0", "0", "4a")]
    [InlineData("R-3m", "0", "0", "1/2", "3b")]
    [InlineData("R-3m", "-0.00005", "0.00002", "0.0", "3a")]
    [InlineData("R-3m", "0.13", "0.27", "0.31", "36i")]
    [InlineData("R-3m", "0.1", "0.2", "0.3", "18h")]
    public void Fractions_and_negative_coordinates_are_read(string symbol, string x, string y, string z, string label)
    {
        var result = Cli.Run("site", symbol, x, y, z, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(label, doc.RootElement.GetProperty("wyckoff").GetString());
    }

    [Fact]
    public void Tolerance_option_is_passed_to_the_library()
    {
        // 0.002 from the threefold axis: the general position at the default tolerance, 6c at 0.01.
        Assert.Contains("36i", Cli.Run("site", "R-3m", "0.002", "0", "0.2571").Stdout);
        Assert.Contains("6c", Cli.Run("site", "R-3m", "0.002", "0", "0.2571", "--tolerance", "0.01").Stdout);
        Assert.Contains("6c", Cli.Run("site", "R-3m", "0.002", "0", "0.2571", "--tolerance=0.01").Stdout);
    }

    [Fact]
    public void Impossible_tolerance_is_invalid_input_with_the_library_message()
    {
        var result = Cli.Run("site", "R-3m", "0", "0", "0", "--tolerance", "0.3");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("tolerance must be positive and below 0.25", result.Stderr);
    }

    [Theory]
    [InlineData("site", "R-3m", "0", "0")]
    [InlineData("site", "R-3m", "x", "0", "0")]
    [InlineData("site", "R-3m", "0", "0", "0", "--tolerance")]
    [InlineData("site", "R-3m", "0", "0", "0", "--tolerance", "small")]
    public void Malformed_input_is_a_usage_error(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("Usage: intergrowth site", result.Stderr);
    }

    [Fact]
    public void Unknown_symbol_exits_1()
    {
        var result = Cli.Run("site", "R-3q", "0", "0", "0");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("Did you mean", result.Stderr);
    }
}
