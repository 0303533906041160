using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class PhaseCommandTests
{
    /// <summary>A committed CIF, by absolute path so that the tests do not depend on the working directory.</summary>
    private static string Cif(params string[] relative) => Path.Combine([Cli.RepositoryRoot().FullName, .. relative]);

    // The study's Table S1 phases, as the tool embeds them and the StructureModel tests commit them.
    private static string LayeredS1 => Cif("src", "Crystallography.Intergrowth.Cli", "Data", "layered_S1.cif");
    private static string RocksaltS1 => Cif("src", "Crystallography.Intergrowth.Cli", "Data", "rocksalt_S1.cif");

    // LiCoO2, COD 1550397: cell and coordinates with standard uncertainties.
    private static string Cod1550397 => Cif("tests", "Crystallography.Intergrowth.StructureModel.Tests", "Data", "cif", "1550397.cif");

    private static string Broken => Cif("tests", "Crystallography.Intergrowth.Cli.Tests", "Data", "unterminated.cif");

    [Fact]
    public void Layered_phase_per_O2_has_Z_3_and_the_independently_computed_mass_and_density()
    {
        var result = Cli.Run("phase", LayeredS1, "--formula-unit", "O2", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var phase = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, phase.ValueKind);
        Assert.Equal("layered_S1", phase.GetProperty("name").GetString());
        Assert.Equal("O2", phase.GetProperty("formulaUnit").GetString());
        Assert.Equal(3, phase.GetProperty("formulaUnitsPerCell").GetDouble(), 12);
        // Σ amount × IUPAC weight: 1.2·6.941 + 0.4·58.6934 + 0.4·101.07 + 2·15.9994 (docs/chemistry.md).
        Assert.Equal(104.23336, phase.GetProperty("molarMass").GetDouble(), 5);
        // pymatgen (Debian) gives 4.808355151309254 g/cm³ for this structure.
        Assert.Equal(4.808355151309254, phase.GetProperty("density").GetDouble(), 6);
        var cell = phase.GetProperty("cell");
        Assert.Equal(2.94194, cell.GetProperty("a").GetDouble(), 10);
        Assert.Equal(14.40729, cell.GetProperty("c").GetDouble(), 10);
        Assert.Equal(120, cell.GetProperty("gamma").GetDouble(), 10);
        Assert.Equal(0, cell.GetProperty("aSu").GetDouble());
        var group = phase.GetProperty("spaceGroup");
        Assert.Equal(166, group.GetProperty("number").GetInt32());
        Assert.Equal("R -3 m :H", group.GetProperty("hermannMauguin").GetString());
        Assert.Equal("-R 3 2\"", group.GetProperty("hall").GetString());
    }

    [Fact]
    public void Three_CIF_rows_on_3a_become_one_mixed_site()
    {
        var result = Cli.Run("phase", LayeredS1, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var sites = doc.RootElement.GetProperty("sites").EnumerateArray().ToArray();
        Assert.Equal(3, sites.Length);
        Assert.Equal(["3b", "3a", "6c"], sites.Select(s => s.GetProperty("wyckoff").GetString()));
        var mixed = sites[1];
        Assert.Equal("Li2", mixed.GetProperty("label").GetString());
        Assert.Equal(3, mixed.GetProperty("multiplicity").GetInt32());
        Assert.Equal("-3m", mixed.GetProperty("siteSymmetry").GetString());
        Assert.Equal(0.0035, mixed.GetProperty("uiso").GetDouble(), 12);
        var occupants = mixed.GetProperty("occupants").EnumerateArray()
            .ToDictionary(o => o.GetProperty("species").GetString()!, o => o.GetProperty("occupancy").GetDouble());
        Assert.Equal(3, occupants.Count);
        Assert.Equal(0.2, occupants["Li"], 12);
        Assert.Equal(0.4, occupants["Ni"], 12);
        Assert.Equal(0.4, occupants["Ru"], 12);
        var oxygen = sites[2];
        Assert.Equal(6, oxygen.GetProperty("multiplicity").GetInt32());
        Assert.Equal(0.25716, oxygen.GetProperty("position")[2].GetDouble(), 12);
        // Without a stated formula unit Z is the gcd of the multiplicities 3, 3, 6.
        Assert.Equal(3, doc.RootElement.GetProperty("formulaUnitsPerCell").GetDouble(), 12);
    }

    [Fact]
    public void Rocksalt_phase_per_O2_has_Z_2()
    {
        var result = Cli.Run("phase", RocksaltS1, "--formula-unit", "O2", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var phase = doc.RootElement;
        Assert.Equal(2, phase.GetProperty("formulaUnitsPerCell").GetDouble(), 12);
        Assert.Equal(104.23336, phase.GetProperty("molarMass").GetDouble(), 5);
        Assert.Equal(4.81283, phase.GetProperty("density").GetDouble(), 5);
        var sites = phase.GetProperty("sites").EnumerateArray().ToArray();
        Assert.Equal(["4a", "4b"], sites.Select(s => s.GetProperty("wyckoff").GetString()));
        Assert.Equal(3, sites[0].GetProperty("occupants").GetArrayLength());
    }

    [Fact]
    public void Text_shows_cell_space_group_sites_formula_Z_mass_and_density()
    {
        var result = Cli.Run("phase", LayeredS1, "--formula-unit", "O2");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal("layered_S1", lines[0]);
        Assert.Contains("  Space group    R -3 m :H  (No. 166, Hall -R 3 2\")", lines);
        Assert.Contains("  Cell           a = 2.94194 Å, b = 2.94194 Å, c = 14.40729 Å", lines);
        Assert.Contains("  Z              3  (formula units per cell, per O2)", lines);
        Assert.Contains("  Molar mass     104.23336 g/mol per formula unit", lines);
        Assert.Contains("  Density        4.80836 g/cm³", lines);
        Assert.Contains(lines, l => l.StartsWith("    Li2", StringComparison.Ordinal) && l.Contains("3a") && l.EndsWith("Li 0.2, Ru 0.4, Ni 0.4", StringComparison.Ordinal));
    }

    [Fact]
    public void Standard_uncertainties_are_printed_in_parenthesis_notation()
    {
        var result = Cli.Run("phase", Cod1550397);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  Cell           a = 2.81850(10) Å, b = 2.81850(10) Å, c = 14.0664(2) Å", result.StdoutLines);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("    O1", StringComparison.Ordinal) && l.Contains("0.25920(10)"));

        using var doc = JsonDocument.Parse(Cli.Run("phase", Cod1550397, "--json").Stdout);
        Assert.Equal(0.0001, doc.RootElement.GetProperty("cell").GetProperty("aSu").GetDouble(), 12);
    }

    [Fact]
    public void Several_files_give_a_JSON_array_with_one_object_per_phase()
    {
        var result = Cli.Run("phase", LayeredS1, RocksaltS1, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(["layered_S1", "rocksalt_S1"], doc.RootElement.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_missing_file_exits_1_naming_it_and_the_other_files_are_still_shown()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.cif");
        var result = Cli.Run("phase", missing, LayeredS1);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Equal($"intergrowth phase: {missing}: no such file.\n", result.Stderr);
        Assert.StartsWith("layered_S1\n", result.Stdout);
    }

    [Fact]
    public void A_malformed_CIF_exits_1_naming_the_file_and_line()
    {
        var result = Cli.Run("phase", Broken);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith($"intergrowth phase: {Broken}:12: ", result.Stderr);
        Assert.Contains("unterminated", result.Stderr);
    }

    [Fact]
    public void A_phase_the_library_refuses_exits_1_naming_the_file_and_site()
    {
        string path = Path.Combine(Path.GetTempPath(), $"overfull-{Guid.NewGuid():N}.cif");
        File.WriteAllText(path, """
            data_overfull
            _cell_length_a 4.1
            _cell_length_b 4.1
            _cell_length_c 4.1
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            _symmetry_space_group_name_H-M 'F m -3 m'
            loop_
            _atom_site_label
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            Li1 0 0 0 0.7
            Ni1 0 0 0 0.5
            """);
        try
        {
            var result = Cli.Run("phase", path);
            Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
            Assert.StartsWith($"intergrowth phase: {path}:", result.Stderr);
            Assert.Contains("Li1", result.Stderr);
            Assert.Contains("1.2", result.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("phase")]
    [InlineData("phase", "x.cif", "--formula-unit", "Xx2")]
    [InlineData("phase", "x.cif", "--tolerance", "1")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("Usage: intergrowth phase", result.Stderr);
    }

    [Fact]
    public void A_formula_unit_the_phase_does_not_hold_exits_1()
    {
        var result = Cli.Run("phase", LayeredS1, "--formula-unit", "F2");
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("F", result.Stderr);
    }
}
