using System.Globalization;
using System.Text.Json;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli.Tests;

/// <summary>
/// <c>intergrowth refine RECIPE</c>: a two-phase recipe with inline structures runs against a pattern
/// simulated from a known model (synchrotron X-rays, counting noise from a seeded generator) and
/// gives the model back within 3 s.u.; the JSON report and the CIF are written and read back; inputs
/// that cannot be used are refused with the file, or the recipe's line and column, named.
/// </summary>
public sealed class RefineCommandTests : IDisposable
{
    // The model the pattern is simulated from: the truth the refinement must find.
    private const double LayeredA = 2.9420;
    private const double LayeredC = 14.4070;
    private const double OxygenZ = 0.2572;
    private const double RocksaltA = 4.1590;
    private const double LayeredFraction = 0.7;
    private const double Wavelength = 0.4137;
    private const double OverallScale = 0.05;
    private const double FlatBackground = 100;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"intergrowth-refine-{Guid.NewGuid():N}");

    public RefineCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string InFolder(string name) => Path.Combine(_folder, name);

    // ------------------------------------------------------------------ the model and its pattern

    /// <summary>The layered R-3m phase as the recipe writes it inline, per O2.</summary>
    private static Phase Layered(double a, double c, double oxygenZ) =>
        Phase.Create("layered").WithSpaceGroup("R-3m").WithCell(a, a, c, 90, 90, 120)
            .AddSite("Li1", new FractionalPosition(0, 0, 0.5), [SiteOccupant.Of("Li+")], AtomicDisplacement.Isotropic(0.012))
            .AddSite("M1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)],
                     AtomicDisplacement.Isotropic(0.006))
            .AddSite("O1", new FractionalPosition(0, 0, oxygenZ), [SiteOccupant.Of("O2-")], AtomicDisplacement.Isotropic(0.008))
            .PerFormulaUnit("O2").Build();

    /// <summary>The rocksalt Fm-3m phase as the recipe writes it inline, per O2.</summary>
    private static Phase Rocksalt(double a) =>
        Phase.Create("rocksalt").WithSpaceGroup("Fm-3m").WithCell(a, a, a, 90, 90, 90)
            .AddSite("M1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
                     AtomicDisplacement.Isotropic(0.007))
            .AddSite("O1", new FractionalPosition(0.5, 0.5, 0.5), [SiteOccupant.Of("O2-")], AtomicDisplacement.Isotropic(0.009))
            .PerFormulaUnit("O2").Build();

    /// <summary>
    /// Writes an xye pattern of the true model: 11-BM's profile at λ = 0.4137 Å, 2θ 4–18° in steps of
    /// 0.005°, mole fractions 0.7:0.3 (about 10⁵ counts at the strongest peak), a flat background of
    /// 100 counts, Gaussian counting noise (σ = √y) from a seeded generator.
    /// </summary>
    private static void WritePattern(string path, int seed) =>
        WriteSimulatedPattern(path, [(Layered(LayeredA, LayeredC, OxygenZ), LayeredFraction), (Rocksalt(RocksaltA), 1 - LayeredFraction)],
                              PatternRange.Uniform(4, 0.005, 18), seed);

    /// <summary>
    /// The generator of the test patterns and of the docs example's pattern (Data/refine/PROVENANCE.md):
    /// <see cref="PatternSimulator"/> with the synchrotron-11bm preset at λ = 0.4137 Å, the phases at
    /// mole fractions of their formula units with the overall scale 0.05, plus a flat background of 100
    /// counts; each point drawn from a normal distribution of variance y (Box–Muller, <see cref="Random"/>
    /// with the seed), rounded to whole counts; σ = √max(counts, 1).
    /// </summary>
    private static void WriteSimulatedPattern(string path, IReadOnlyList<(Phase Phase, double MoleFraction)> phases, PatternRange range, int seed)
    {
        var expected = SimulatedCounts(phases, range, seed);
        var sigma = expected.Select(c => Math.Sqrt(Math.Max(c, 1))).ToArray();
        XyFile.Write(PowderPattern.Create(AxisKind.TwoThetaDegrees, range.X.AsSpan(), expected, sigma), path);
    }

    private static double[] SimulatedCounts(IReadOnlyList<(Phase Phase, double MoleFraction)> phases, PatternRange range, int seed)
    {
        var mixture = SimulatedPhase.FromMoleFractions(phases, OverallScale);
        var expected = new PatternSimulator(Instrument.Synchrotron(Wavelength)).Simulate(mixture, range).Y;
        var random = new Random(seed);
        var counts = new double[expected.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            double y = expected[i] + FlatBackground;
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            counts[i] = Math.Max(0, Math.Round(y + Math.Sqrt(y) * gaussian));
        }
        return counts;
    }

    /// <summary>
    /// A recipe that starts off the truth (cells 0.1 % short, O z and the fractions off) and refines in
    /// two stages: scales, background, cells and zero; then the oxygen z and the fractions (Σf = 1).
    /// The phase scales carry the overall scale, so the pattern scale starts at its true value 1.
    /// </summary>
    private static string Recipe(string data, string refineExtra = "", string stageExtra = "", string output = "") =>
        string.Create(CultureInfo.InvariantCulture, $$"""
        // Two phases against one simulated synchrotron pattern.
        {
          "title": "refine test: layered + rocksalt",
          "phases": [
            {
              "name": "layered", "spaceGroup": "R-3m",
              "cell": { "a": 2.9395, "b": 2.9395, "c": 14.392, "alpha": 90, "beta": 90, "gamma": 120 },
              "sites": [
                { "label": "Li1", "x": 0, "y": 0, "z": "1/2", "uiso": 0.012, "occupants": [{ "species": "Li+" }] },
                { "label": "M1", "x": 0, "y": 0, "z": 0, "uiso": 0.006,
                  "occupants": [{ "species": "Li+", "occupancy": 0.2 }, { "species": "Ni2+", "occupancy": 0.4 }, { "species": "Ru5+", "occupancy": 0.4 }] },
                { "label": "O1", "x": 0, "y": 0, "z": 0.2555, "uiso": 0.008, "occupants": [{ "species": "O2-" }] },
              ],
              "formulaUnit": "O2", "scale": {{OverallScale}}, "fraction": 0.6,
            },
            {
              "name": "rocksalt", "spaceGroup": "Fm-3m",
              "cell": { "a": 4.1555, "b": 4.1555, "c": 4.1555, "alpha": 90, "beta": 90, "gamma": 90 },
              "sites": [
                { "label": "M1", "x": 0, "y": 0, "z": 0, "uiso": 0.007,
                  "occupants": [{ "species": "Li+", "occupancy": 0.6 }, { "species": "Ni2+", "occupancy": 0.2 }, { "species": "Ru5+", "occupancy": 0.2 }] },
                { "label": "O1", "x": "1/2", "y": "1/2", "z": "1/2", "uiso": 0.009, "occupants": [{ "species": "O2-" }] },
              ],
              "formulaUnit": "O2", "scale": {{OverallScale}}, "fraction": 0.4,
            },
          ],
          "patterns": [
            {
              "name": "sxrd", "data": "{{data}}", "instrument": "synchrotron-11bm", "wavelength": {{Wavelength}},
              "range": [4.5, 17.5], "exclude": [[10.0, 10.05]], "background": { "terms": 3 },
            },
          ],
          "refine": ["hist:*/scale", "hist:sxrd/bkg[*]"{{refineExtra}}],
          "constraints": ["layered/fraction + rocksalt/fraction = 1"],
          "bounds": { "*/fraction": [0, 1] },
          "stages": [
            { "name": "cells", "refine": ["*/cell/*", "hist:sxrd/zero"{{stageExtra}}], "cycles": 10 },
            { "name": "structure", "refine": ["layered/O1/z", "*/fraction"], "cycles": 15 },
          ],
          {{output}}
        }
        """);

    /// <summary>Writes the recipe and the pattern into the test's folder and returns the recipe's path.</summary>
    private string Setup(string recipe, bool withData = true)
    {
        if (withData) WritePattern(InFolder("pattern.xye"), seed: 7);
        string path = InFolder("recipe.json");
        File.WriteAllText(path, recipe);
        return path;
    }

    // ------------------------------------------------------------------ a refinement

    [Fact]
    public void A_two_phase_recipe_refines_to_the_true_model_and_writes_its_report_and_CIF()
    {
        string recipe = Setup(Recipe("pattern.xye", output: """ "output": { "json": "out/from-recipe.json" }, """));
        string json = InFolder("report.json");
        string cif = InFolder("refined.cif");

        var result = Cli.Run("refine", recipe, "--json", json, "--cif", cif);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // Progress on standard error, one line per cycle of each stage.
        Assert.Contains("stage 1/2 'cells' cycle 1: chi^2 = ", result.Stderr);
        Assert.Contains("stage 2/2 'structure' cycle 1: chi^2 = ", result.Stderr);
        Assert.Contains("max shift/s.u. = ", result.Stderr);
        // The table and the R factors on standard output.
        Assert.Contains("Refinement: refine test: layered + rocksalt", result.Stdout);
        Assert.Contains("Parameters", result.Stdout);
        Assert.Contains("layered/cell/a", result.Stdout);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("  sxrd: Rp ", StringComparison.Ordinal) && l.Contains("R_Bragg layered", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("Status: ", StringComparison.Ordinal) && l.Contains("in stage 2/2 'structure'", StringComparison.Ordinal));

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Contains(root.GetProperty("status").GetString(), new[] { "converged", "maximumCycles" });
        Assert.True(root.GetProperty("cycles").GetInt32() >= 2);
        Assert.Equal(2, root.GetProperty("stages").GetArrayLength());
        Assert.Equal("cells", root.GetProperty("stages")[0].GetProperty("name").GetString());

        var parameters = root.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        // The truth within 3 s.u. (the s.u. from the inverse normal matrix scaled by the reduced χ²).
        AssertWithin(parameters["layered/cell/a"], LayeredA);
        AssertWithin(parameters["layered/cell/c"], LayeredC);
        AssertWithin(parameters["rocksalt/cell/a"], RocksaltA);
        AssertWithin(parameters["layered/O1/z"], OxygenZ);
        AssertWithin(parameters["layered/fraction"], LayeredFraction);
        Assert.Equal(parameters["layered/cell/a"].GetProperty("value").GetDouble(), parameters["layered/cell/b"].GetProperty("value").GetDouble());
        Assert.False(parameters["layered/O1/Uiso"].GetProperty("refined").GetBoolean());
        Assert.Contains("layered/cell/a", root.GetProperty("refined").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("correlations").ValueKind);
        Assert.All(root.GetProperty("correlations").EnumerateArray(), c => Assert.True(Math.Abs(c.GetProperty("coefficient").GetDouble()) >= 0.8));

        var pattern = Assert.Single(root.GetProperty("patterns").EnumerateArray());
        Assert.Equal("sxrd", pattern.GetProperty("name").GetString());
        foreach (string name in new[] { "rp", "rwp", "rexp", "chiSquared", "gof" })
            Assert.True(pattern.GetProperty(name).GetDouble() > 0, name);
        // Counting noise on the true model: GoF near 1.
        Assert.InRange(pattern.GetProperty("gof").GetDouble(), 0.9, 1.2);
        Assert.Equal(["layered", "rocksalt"], pattern.GetProperty("bragg").EnumerateArray().Select(b => b.GetProperty("phase").GetString()!).ToArray());
        Assert.All(pattern.GetProperty("bragg").EnumerateArray(), b => Assert.True(b.GetProperty("rBragg").GetDouble() > 0));

        var fractions = root.GetProperty("fractions").EnumerateArray().ToDictionary(f => f.GetProperty("phase").GetString()!);
        var mole = fractions["layered"];
        Assert.True(Math.Abs(mole.GetProperty("moleFraction").GetDouble() - LayeredFraction) <= 3 * mole.GetProperty("moleFractionSu").GetDouble());
        double weights = fractions.Values.Sum(f => f.GetProperty("weightFraction").GetDouble());
        Assert.Equal(1, weights, 9);
        Assert.Equal(2, root.GetProperty("phases").GetArrayLength());
        Assert.True(root.GetProperty("history").GetArrayLength() == root.GetProperty("cycles").GetInt32());

        // The CIF reads back as the two refined phases.
        var phases = Cif.ReadPhases(cif);
        Assert.Equal(["layered", "rocksalt"], phases.Select(p => p.Name).ToArray());
        Assert.Equal(parameters["layered/cell/a"].GetProperty("value").GetDouble(), phases[0].Cell.A, 5);
        Assert.True(phases[0].CellUncertainty.A > 0);

        // The recipe's own output, relative to its folder.
        Assert.True(File.Exists(InFolder(Path.Combine("out", "from-recipe.json"))));
    }

    private static void AssertWithin(JsonElement parameter, double truth)
    {
        double value = parameter.GetProperty("value").GetDouble();
        double su = parameter.GetProperty("su").GetDouble();
        Assert.True(parameter.GetProperty("refined").GetBoolean());
        Assert.True(su > 0, $"{parameter.GetProperty("id").GetString()}: no s.u.");
        Assert.True(Math.Abs(value - truth) <= 3 * su,
            $"{parameter.GetProperty("id").GetString()} = {value} ± {su}, truth {truth}: {Math.Abs(value - truth) / su:F1} s.u. away");
    }

    [Fact]
    public void Quiet_prints_no_progress()
    {
        string recipe = Setup(Recipe("pattern.xye").Replace("\"cycles\": 15", "\"cycles\": 1", StringComparison.Ordinal)
                                                 .Replace("\"cycles\": 10", "\"cycles\": 1", StringComparison.Ordinal));
        var result = Cli.Run("refine", recipe, "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stderr);
        Assert.Contains("stopped at the cycle limit", result.Stdout);
    }

    // ------------------------------------------------------------------ refusals

    [Fact]
    public void A_missing_data_file_is_named()
    {
        string recipe = Setup(Recipe("no-such-pattern.xye"), withData: false);
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("pattern 'sxrd'", result.Stderr);
        Assert.Contains("no-such-pattern.xye", result.Stderr);
        Assert.Contains("not found", result.Stderr);
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_is_refused_at_its_line()
    {
        // Both phases are isotropic, so no U11 exists anywhere.
        string recipe = Setup(Recipe("pattern.xye", stageExtra: """, "*/*/U11" """));
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        int line = LineOf(recipe, "*/*/U11");
        Assert.Contains($"recipe.json line {line}, column ", result.Stderr);
        Assert.Contains("stage 1 'cells': 'refine': '*/*/U11' matches no parameter of this refinement", result.Stderr);
    }

    [Fact]
    public void An_unknown_parameter_id_is_refused_with_the_sites_there_are()
    {
        string recipe = Setup(Recipe("pattern.xye", refineExtra: """, "rocksalt/O9/z" """));
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains($"recipe.json line {LineOf(recipe, "rocksalt/O9/z")}, column ", result.Stderr);
        Assert.Contains("'refine': 'rocksalt/O9/z' matches no parameter of this refinement: phase 'rocksalt' has no site 'O9'; its sites are M1, O1", result.Stderr);
    }

    [Fact]
    public void A_pattern_parameter_the_instrument_does_not_have_is_refused()
    {
        string recipe = Setup(Recipe("pattern.xye", refineExtra: """, "hist:sxrd/difc" """));
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("'hist:sxrd/difc' matches no parameter of this refinement: pattern 'sxrd' (constant wavelength) has scale, zero", result.Stderr);
    }

    [Fact]
    public void A_constraint_on_a_parameter_that_is_not_there_is_refused_at_its_line()
    {
        string recipe = Setup(Recipe("pattern.xye").Replace("layered/fraction + rocksalt/fraction = 1", "layered/fraction + spinel/fraction = 1", StringComparison.Ordinal));
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains($"recipe.json line {LineOf(recipe, "spinel/fraction")}, column ", result.Stderr);
        Assert.Contains("names spinel/fraction, which is not a parameter of this refinement", result.Stderr);
    }

    [Fact]
    public void A_recipe_that_does_not_read_gives_its_line()
    {
        string recipe = Setup(Recipe("pattern.xye").Replace("\"range\"", "\"rnage\"", StringComparison.Ordinal), withData: false);
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains($"recipe.json line {LineOf(recipe, "rnage")}, column ", result.Stderr);
        Assert.Contains("unknown field 'rnage' (did you mean 'range'?)", result.Stderr);
    }

    [Fact]
    public void A_missing_instrument_file_is_named()
    {
        string recipe = Setup(Recipe("pattern.xye").Replace("\"instrument\": \"synchrotron-11bm\"", "\"instrument\": \"instruments/11bm.instprm\"", StringComparison.Ordinal));
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("pattern 'sxrd': 'instrument' instruments/11bm.instprm: instrument parameter file not found: ", result.Stderr);
    }

    [Fact]
    public void A_CIF_block_that_is_not_there_is_refused_with_the_blocks_there_are()
    {
        File.Copy(Path.Combine(ExampleFolder, "layered_S1.cif"), InFolder("layered_S1.cif"));
        string json = File.ReadAllText(Path.Combine(ExampleFolder, "no-match.json"))
            .Replace("\"cif\": \"layered_S1.cif\"", "\"cif\": \"layered_S1.cif\", \"block\": \"layered_S2\"", StringComparison.Ordinal);
        string recipe = Setup(json, withData: false);
        var result = Cli.Run("refine", recipe);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("phase 'layered': 'cif' layered_S1.cif: no data block 'layered_S2' describes a structure; the file's phases are layered_S1.", result.Stderr);
    }

    [Fact]
    public void A_missing_recipe_is_named()
    {
        string missing = InFolder("nothing-here.json");
        var result = Cli.Run("refine", missing);
        Assert.Equal(CommandLine.InvalidInput, result.ExitCode);
        Assert.Contains("nothing-here.json", result.Stderr);
    }

    [Theory]
    [InlineData]
    [InlineData("a.json", "b.json")]
    public void Not_one_recipe_is_a_usage_error(params string[] recipes)
    {
        var result = Cli.Run(["refine", .. recipes]);
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("Usage: intergrowth refine RECIPE", result.Stderr);
    }

    [Fact]
    public void A_singular_refinement_exits_2_and_names_the_parameters_the_data_do_not_determine()
    {
        // The pattern scale and the two phase scales multiply each other: only two of the three are determined.
        string recipe = Setup(Recipe("pattern.xye", refineExtra: """, "*/scale" """));
        string json = InFolder("singular.json");
        var result = Cli.Run("refine", recipe, "--json", json, "--quiet");
        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        Assert.Contains("stage 1/2 'cells' ended singular", result.Stderr);
        Assert.Contains("The data do not determine these parameters together: ", result.Stderr);
        Assert.Contains("scale", result.Stderr.Split('\n').Single(l => l.StartsWith("The data do not determine", StringComparison.Ordinal)));
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("singular", report.RootElement.GetProperty("status").GetString());
        Assert.NotEqual(0, report.RootElement.GetProperty("nullSpace").GetArrayLength());
        Assert.Equal("notRun", report.RootElement.GetProperty("stages")[1].GetProperty("status").GetString());
    }

    // ------------------------------------------------------------------ the docs example

    private static string ExampleFolder => Path.Combine(Cli.RepositoryRoot().FullName, "tests", "Crystallography.Intergrowth.Cli.Tests", "Data", "refine");

    /// <summary>
    /// The pattern of docs/cli.md's example is this generator's: the study's layered phase (Table S1
    /// CIF) with a = 2.9435 Å, c = 14.4150 Å and O z = 0.2580, and the rocksalt phase with
    /// a = 4.1610 Å, 70:30 by moles of O2, 2θ 4–16°, seed 11 (Data/refine/PROVENANCE.md).
    /// </summary>
    [Fact]
    public void The_docs_example_pattern_is_what_the_generator_writes()
    {
        var cif = Cif.ReadPhases(Path.Combine(ExampleFolder, "layered_S1.cif"))[0];
        var layered = cif.ToBuilder().WithName("layered").WithCell(2.9435, 2.9435, 14.4150, 90, 90, 120)
            .WithSitePosition("O1", new FractionalPosition(0, 0, 0.2580)).PerFormulaUnit("O2").Build();
        var rocksalt = Phase.Create("rocksalt").WithSpaceGroup("Fm-3m").WithCell(4.1610, 4.1610, 4.1610, 90, 90, 90)
            .AddSite("M1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Li", 0.6), SiteOccupant.Of("Ni", 0.2), SiteOccupant.Of("Ru", 0.2)],
                     AtomicDisplacement.Isotropic(0.0034))
            .AddSite("O1", new FractionalPosition(0.5, 0.5, 0.5), [SiteOccupant.Of("O")], AtomicDisplacement.Isotropic(0.0091))
            .PerFormulaUnit("O2").Build();
        var range = PatternRange.Uniform(4, 0.005, 16);
        var counts = SimulatedCounts([(layered, 0.7), (rocksalt, 0.3)], range, seed: 11);

        var shipped = XyFile.Read(Path.Combine(ExampleFolder, "lnro-11bm-simulated.xye"));
        Assert.Equal(range.X.Length, shipped.Count);
        for (int i = 0; i < counts.Length; i++)
        {
            Assert.Equal(range.X[i], shipped.X[i], 9);
            // Whole counts; a last-bit difference of the simulation may round a half count the other way.
            Assert.True(Math.Abs(counts[i] - shipped.Y[i]) <= 1, $"point {i}: {shipped.Y[i]}, the generator gives {counts[i]}");
        }
    }

    [Fact]
    public void The_recipe_docs_cli_md_shows_is_the_one_the_example_runs()
    {
        string page = File.ReadAllText(Path.Combine(Cli.RepositoryRoot().FullName, "docs", "cli.md")).ReplaceLineEndings("\n");
        string recipe = File.ReadAllText(Path.Combine(ExampleFolder, "lnro-sxrd.json")).ReplaceLineEndings("\n");
        Assert.Contains("```json\n" + recipe + "```\n", page);
    }

    private static int LineOf(string path, string text)
    {
        var lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the recipe");
        return index + 1;
    }
}
