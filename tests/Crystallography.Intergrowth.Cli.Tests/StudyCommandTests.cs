using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class StudyCommandTests
{
    [Fact]
    public void Study_gives_both_Table_S1_phases_per_O2_with_independent_masses_and_densities()
    {
        var result = Cli.Run("study", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var phases = doc.RootElement.GetProperty("phases").EnumerateArray().ToArray();
        Assert.Equal(2, phases.Length);
        var (layered, rocksalt) = (phases[0], phases[1]);
        Assert.Equal(166, layered.GetProperty("spaceGroup").GetProperty("number").GetInt32());
        Assert.Equal(225, rocksalt.GetProperty("spaceGroup").GetProperty("number").GetInt32());
        Assert.Equal(3, layered.GetProperty("formulaUnitsPerCell").GetDouble(), 12);
        Assert.Equal(2, rocksalt.GetProperty("formulaUnitsPerCell").GetDouble(), 12);
        Assert.Equal(104.23336, layered.GetProperty("molarMass").GetDouble(), 5);
        Assert.Equal(104.23336, rocksalt.GetProperty("molarMass").GetDouble(), 5);
        // pymatgen (Debian): 4.808355151309254 g/cm³ for the layered phase.
        Assert.Equal(4.808355151309254, layered.GetProperty("density").GetDouble(), 6);
        Assert.Equal(4.81283, rocksalt.GetProperty("density").GetDouble(), 5);
    }

    [Fact]
    public void Oxidation_states_are_assigned_and_both_phases_are_charge_balanced()
    {
        using var doc = JsonDocument.Parse(Cli.Run("study", "--json").Stdout);
        foreach (var phase in doc.RootElement.GetProperty("phases").EnumerateArray())
        {
            Assert.Equal(0, phase.GetProperty("charge").GetDouble(), 9);
            var species = phase.GetProperty("sites").EnumerateArray()
                .SelectMany(s => s.GetProperty("occupants").EnumerateArray())
                .Select(o => o.GetProperty("species").GetString())
                .ToHashSet();
            Assert.Subset(new HashSet<string?> { "Li+", "Ni2+", "Ru5+", "O2-" }, species);
        }
    }

    [Fact]
    public void Pseudo_cubic_parameters_and_mismatch_follow_from_the_cells()
    {
        using var doc = JsonDocument.Parse(Cli.Run("study", "--json").Stdout);
        var pc = doc.RootElement.GetProperty("pseudoCubic");
        // a_c = √2·2.94194, 14.40729/(2√3); c/a = 14.40729/2.94194.
        Assert.Equal(Math.Sqrt(2) * 2.94194, pc.GetProperty("aFromA").GetDouble(), 10);
        Assert.Equal(14.40729 / (2 * Math.Sqrt(3)), pc.GetProperty("aFromC").GetDouble(), 10);
        Assert.Equal(14.40729 / 2.94194, pc.GetProperty("cOverA").GetDouble(), 10);
        Assert.Equal(2 * Math.Sqrt(6), pc.GetProperty("idealCOverA").GetDouble(), 12);
        var mismatch = doc.RootElement.GetProperty("mismatch");
        Assert.Equal(4.15874, mismatch.GetProperty("rocksaltA").GetDouble(), 12);
        Assert.Equal(Math.Sqrt(2) * 2.94194 / 4.15874 - 1, mismatch.GetProperty("inPlane").GetDouble(), 12);
    }

    [Fact]
    public void Seventy_thirty_by_moles_is_seventy_thirty_by_weight_for_equal_formula_units()
    {
        using var doc = JsonDocument.Parse(Cli.Run("study", "--json").Stdout);
        Assert.True(doc.RootElement.GetProperty("sameFormulaUnit").GetBoolean());
        var fractions = doc.RootElement.GetProperty("phaseFractions").EnumerateArray().ToArray();
        Assert.Equal(0.7, fractions[0].GetProperty("moleFraction").GetDouble(), 12);
        Assert.Equal(0.7, fractions[0].GetProperty("weightFraction").GetDouble(), 12);
        Assert.Equal(0.3, fractions[1].GetProperty("weightFraction").GetDouble(), 12);
    }

    [Fact]
    public void Molar_ratio_option_changes_the_fractions()
    {
        using var doc = JsonDocument.Parse(Cli.Run("study", "--molar-ratio", "3:1", "--json").Stdout);
        var fractions = doc.RootElement.GetProperty("phaseFractions").EnumerateArray().ToArray();
        Assert.Equal(0.75, fractions[0].GetProperty("moleFraction").GetDouble(), 12);
        Assert.Equal(0.25, fractions[1].GetProperty("weightFraction").GetDouble(), 12);
    }

    [Fact]
    public void Text_has_the_phases_compositions_pseudo_cubic_cell_and_fractions()
    {
        var result = Cli.Run("study");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Contains("layered_S1", lines);
        Assert.Contains("rocksalt_S1", lines);
        Assert.Contains("  Density        4.80836 g/cm³", lines);
        Assert.Contains("  Density        4.81283 g/cm³", lines);
        Assert.Contains(lines, l => l.StartsWith("  rocksalt_S1  Li1.2Ni0.4Ru0.4O2  Z = 2  M = 104.23336 g/mol  charge 0  (balanced)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  c/a = 4.89721 against 2·sqrt(6) = 4.89898", StringComparison.Ordinal));
        Assert.Contains("  Both formula units have the same composition, hence the same M: mol % and wt % coincide.", lines);
    }

    [Theory]
    [InlineData("study", "extra")]
    [InlineData("study", "--molar-ratio", "70")]
    [InlineData("study", "--molar-ratio", "a:b")]
    [InlineData("study", "--molar-ratio", "0:0")]
    public void Usage_errors_exit_2(params string[] args)
    {
        Assert.Equal(CommandLine.UsageError, Cli.Run(args).ExitCode);
    }
}
