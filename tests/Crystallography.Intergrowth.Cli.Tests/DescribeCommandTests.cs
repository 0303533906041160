namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class DescribeCommandTests
{
    [Fact]
    public void Describes_the_two_phases_of_the_reference_study()
    {
        var result = Cli.Run("describe", "R-3m", "Fm-3m");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var lines = result.StdoutLines;
        Assert.Equal("R -3 m :H  (No. 166, R-3m:H, Hall -R 3 2\")", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("F m -3 m  (No. 225", StringComparison.Ordinal));
        Assert.Contains("  trigonal, point group -3m, Laue class -3m, centrosymmetric, R lattice, order 36", lines);
        Assert.Contains("  cubic, point group m-3m, Laue class m-3m, centrosymmetric, F lattice, order 192", lines);
        Assert.Contains(lines, l => l.StartsWith("  reflection conditions: hkl: -h+k+l=3n", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  reflection conditions: hkl: h+k,h+l,k+l=2n", StringComparison.Ordinal));
        // The sites of the study: 3a, 3b, 6c of the layered phase and 4a, 4b of the rocksalt phase.
        Assert.Contains(lines, l => l.StartsWith("     3a  -3m   (0,0,0)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("     3b  -3m   (0,0,1/2)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("     6c  3m    (0,0,z)", StringComparison.Ordinal));
        Assert.Contains("      4a  m-3m  (0,0,0) (0,1/2,1/2) (1/2,0,1/2) (1/2,1/2,0)", lines);
        Assert.Contains("      4b  m-3m  (1/2,1/2,1/2) (1/2,0,0) (0,1/2,0) (0,0,1/2)", lines);
    }

    [Fact]
    public void Non_centrosymmetric_primitive_group_without_conditions()
    {
        var result = Cli.Run("describe", "P1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  triclinic, point group 1, Laue class -1, non-centrosymmetric, P lattice, order 1", result.StdoutLines);
        Assert.Contains("  reflection conditions: none", result.StdoutLines);
    }

    [Fact]
    public void Unknown_symbol_among_known_ones_describes_the_rest_and_exits_1()
    {
        var result = Cli.Run("describe", "R-3m", "R-3q", "Fm-3m");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("R -3 m :H", result.Stdout);
        Assert.Contains("F m -3 m", result.Stdout);
        Assert.Contains("'R-3q'", result.Stderr);
        Assert.Contains("Did you mean", result.Stderr);
    }

    [Fact]
    public void No_symbol_is_a_usage_error()
    {
        var result = Cli.Run("describe");
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("at least one", result.Stderr);
    }
}
