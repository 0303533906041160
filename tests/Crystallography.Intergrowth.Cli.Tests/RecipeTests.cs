using System.Collections.Immutable;
using System.Text;
using Crystallography.Intergrowth.Cli.Recipes;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Cli.Tests;

/// <summary>
/// Refinement recipes (docs/recipes.md): the page's recipes parse, every refusal has its message with
/// line, column and field, parameter patterns match as documented, and ToJson round-trips.
/// </summary>
public sealed class RecipeTests
{
    // Parse resolves paths but opens no file, so a folder that need not exist serves as the recipes' home.
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "intergrowth-recipe-tests");

    private static RefinementRecipe Parse(string json) => RefinementRecipe.Parse(json, Home, "recipe.json");

    // ------------------------------------------------------------------ the page's recipes

    /// <summary>The ```json blocks of docs/recipes.md, in order.</summary>
    private static List<string> PageRecipes()
    {
        var blocks = new List<string>();
        StringBuilder? block = null;
        foreach (string line in File.ReadAllLines(RepositoryLayout.PathOf("docs", "recipes.md")))
        {
            if (block is null)
            {
                if (line.TrimEnd() == "```json") block = new StringBuilder();
                continue;
            }
            if (line.TrimEnd() == "```")
            {
                blocks.Add(block.ToString());
                block = null;
                continue;
            }
            block.Append(line).Append('\n');
        }
        Assert.True(block is null, "docs/recipes.md: a ```json block is not closed");
        return blocks;
    }

    public static TheoryData<int> PageRecipeIndexes() => [.. Enumerable.Range(0, PageRecipes().Count)];

    [Fact]
    public void The_page_shows_a_joint_recipe_and_a_single_pattern_one()
    {
        Assert.Equal(2, PageRecipes().Count);
    }

    [Theory]
    [MemberData(nameof(PageRecipeIndexes))]
    public void Every_recipe_on_the_page_parses_and_round_trips(int index)
    {
        var recipe = Parse(PageRecipes()[index]);
        string json = recipe.ToJson();
        var again = RefinementRecipe.Parse(json, recipe.BaseDirectory);
        Assert.Equal(recipe, again);
        Assert.Equal(recipe.GetHashCode(), again.GetHashCode());
        Assert.Equal(json, again.ToJson());
    }

    [Fact]
    public void The_joint_recipe_reads_as_the_page_describes_it()
    {
        var recipe = Parse(PageRecipes()[0]);
        Assert.Equal("Li1.2Ni0.4Ru0.4O2 layered + rocksalt, 11-BM + POWGEN", recipe.Title);
        Assert.Equal(Path.GetFullPath(Home), recipe.BaseDirectory);

        var layered = recipe.Phases[0];
        Assert.Equal("layered", layered.Name);
        var cif = Assert.IsType<RecipeCifFile>(layered.Source);
        Assert.Equal("structures/layered_S1.cif", cif.Path.Text);
        Assert.Equal(Path.Combine(Path.GetFullPath(Home), "structures", "layered_S1.cif"), cif.Path.FullPath);
        Assert.Null(cif.Block);
        Assert.Equal("O2", layered.FormulaUnit);
        Assert.Equal(0.7, layered.Fraction);
        Assert.Null(layered.Scale);

        var rocksalt = recipe.Phases[1];
        var structure = Assert.IsType<RecipeStructure>(rocksalt.Source);
        Assert.Equal("Fm-3m", structure.SpaceGroup);
        Assert.Equal(new RecipeCell(4.15874, 4.15874, 4.15874, 90, 90, 90), structure.Cell);
        Assert.Equal(["M1", "O1"], structure.Sites.Select(s => s.Label));
        var m1 = structure.Sites[0];
        Assert.Equal(0.0034, m1.Uiso);
        Assert.Null(m1.Uaniso);
        Assert.Equal(["Li+", "Ni2+", "Ru5+"], m1.Occupants.Select(o => o.Species.ToString()));
        Assert.Equal([0.6, 0.2, 0.2], m1.Occupants.Select(o => o.Occupancy));
        var o1 = structure.Sites[1];
        Assert.Equal((0.5, 0.5, 0.5), (o1.X, o1.Y, o1.Z)); // written "1/2"
        Assert.Equal(new RecipeOccupant(Species.Parse("O2-"), 1), Assert.Single(o1.Occupants)); // occupancy left out: 1
        Assert.Equal(0.3, rocksalt.Fraction);

        var sxrd = recipe.Patterns[0];
        Assert.Equal("sxrd", sxrd.Name);
        Assert.Equal("synchrotron-11bm", sxrd.Instrument.Preset);
        Assert.Null(sxrd.Instrument.File);
        Assert.Null(sxrd.Format);
        Assert.Equal(1, sxrd.Bank);
        Assert.Equal(0.413685, sxrd.Wavelength);
        Assert.Equal(new RecipeRange(2.5, 42), sxrd.Range);
        Assert.Equal([new RecipeRange(7.05, 7.35)], sxrd.Exclude.ToArray());
        Assert.Equal(new RecipeBackground(12), sxrd.Background);
        Assert.Equal(1, sxrd.Weight);

        var tof = recipe.Patterns[1];
        Assert.Equal(PowderFileFormat.GsasRaw, tof.Format);
        Assert.Equal("instruments/POWGEN_2665.instprm", tof.Instrument.File!.Text);
        Assert.Null(tof.Instrument.Bank);
        Assert.Equal(new RecipeRange(11000, 95000), tof.Range);
        Assert.Equal(8, tof.Background.Terms);
        Assert.Empty(tof.Background.Coefficients);
        Assert.Equal(2, tof.Weight);

        Assert.Equal(["hist:*/scale", "hist:*/bkg[*]"], recipe.Refine.ToArray());
        Assert.Empty(recipe.Hold);
        Assert.Equal(4, recipe.Constraints.Length);
        Assert.Equal("layered/fraction + rocksalt/fraction = 1", recipe.Constraints[3]);
        Assert.Equal([new RecipeBound("*/*/Uiso", 0, 0.05), new RecipeBound("layered/Li2/occ[*]", 0, 1), new RecipeBound("rocksalt/M1/occ[*]", 0, 1)],
            recipe.Bounds.ToArray());
        Assert.Equal(10, recipe.Cycles);
        Assert.Equal("out/lnro-joint.json", recipe.Output.Json!.Text);
        Assert.Equal("out/lnro-joint.cif", recipe.Output.Cif!.Text);
        Assert.Equal(["structures/layered_S1.cif", "data/11bm_LNRO.xye", "data/PG3_LNRO.gsa", "instruments/POWGEN_2665.instprm"],
            recipe.InputFiles.Select(f => f.Text));
    }

    [Fact]
    public void The_joint_recipes_stages_accumulate_as_the_pages_table_shows()
    {
        var stages = Parse(PageRecipes()[0]).CumulativeStages();
        Assert.Equal(["cells and peak positions", "profiles", "oxygen and displacements", "cation mixing and fractions"], stages.Select(s => s.Name));
        Assert.Equal([5, 10, 10, 20], stages.Select(s => s.Cycles!.Value));
        Assert.Equal(["hist:*/scale", "hist:*/bkg[*]", "*/cell/*", "hist:sxrd/zero", "hist:tof/difc"], stages[0].Refine.ToArray());
        Assert.Equal(12, stages[1].Refine.Length);
        Assert.Equal(["layered/O1/z", "*/*/Uiso"], stages[2].Refine[^2..].ToArray());
        Assert.Empty(stages[1].Hold);
        Assert.Equal(["layered/Li1/Uiso"], stages[2].Hold.ToArray());
        Assert.Equal(["layered/Li1/Uiso"], stages[3].Hold.ToArray());
        Assert.Equal(17, stages[3].Refine.Length);
        Assert.Equal(stages[3].Refine.Length, stages[3].Refine.Distinct().Count());
    }

    [Fact]
    public void The_single_pattern_recipe_is_one_stage_of_fifteen_cycles()
    {
        var recipe = Parse(PageRecipes()[1]);
        Assert.Null(recipe.Title);
        Assert.Single(recipe.Phases);
        Assert.Empty(recipe.Stages);
        var stage = Assert.Single(recipe.CumulativeStages());
        Assert.Null(stage.Name);
        Assert.Equal(15, stage.Cycles);
        Assert.Equal(recipe.Refine.ToArray(), stage.Refine.ToArray());
        Assert.Equal(new RecipeBound("layered/*/Uiso", 0, double.PositiveInfinity), Assert.Single(recipe.Bounds));
        Assert.Null(recipe.Output.Json);
        Assert.Equal(Path.Combine(Path.GetFullPath(Home), "LNRO_refined.cif"), recipe.Output.Cif!.FullPath);
    }

    [Fact]
    public void The_pages_csharp_example_runs()
    {
        string folder = Directory.CreateTempSubdirectory("recipe").FullName;
        try
        {
            string recipePath = Path.Combine(folder, "lnro-joint.json");
            File.WriteAllText(recipePath, PageRecipes()[0]);

            var recipe = RefinementRecipe.Load(recipePath);
            string data = recipe.Patterns[0].Data.FullPath;
            var stages = recipe.CumulativeStages();
            bool varied = RecipeParameterPattern.Matches("*/*/Uiso", "layered/Ni1/Uiso");
            var again = RefinementRecipe.Parse(recipe.ToJson(), recipe.BaseDirectory);

            Assert.Equal(Path.Combine(folder, "data", "11bm_LNRO.xye"), data);
            Assert.Equal(4, stages.Length);
            Assert.True(varied);
            Assert.Equal(recipe, again);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        DocumentationExample.AssertMirrored("recipes.md", "tests", "Crystallography.Intergrowth.Cli.Tests", "RecipeTests.cs");
    }

    [Fact]
    public void Every_message_the_page_shows_is_one_the_reader_gives()
    {
        string page = File.ReadAllText(RepositoryLayout.PathOf("docs", "recipes.md"));
        int start = page.IndexOf("```text\n", page.IndexOf("## Errors", StringComparison.Ordinal), StringComparison.Ordinal);
        int end = page.IndexOf("```", start + 8, StringComparison.Ordinal);
        var shown = page[(start + 8)..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(shown);
        var given = ErrorCases.Select(c => c.Message).ToHashSet(StringComparer.Ordinal);
        foreach (string message in shown)
            Assert.True(given.Contains(message), $"docs/recipes.md shows a message no error case gives:\n{message}");
    }

    // ------------------------------------------------------------------ the format

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        string json = """
            /* a recipe */ {
              // the phase
              "phases": [{ "name": "layered", "cif": "layered.cif", },],
              "patterns": [{ "name": "sxrd", "data": "sxrd.xye", "instrument": "LAB-CU" /* any case */ },],
            }
            """;
        var recipe = Parse("\uFEFF" + json);
        Assert.Equal("lab-cu", recipe.Patterns[0].Instrument.Preset);
        Assert.Empty(recipe.Refine);
        Assert.Equal(RefinementRecipe.DefaultCycles, recipe.Cycles);
        Assert.Equal(RecipePattern.DefaultBackgroundTerms, recipe.Patterns[0].Background.Terms);
        Assert.Same(RecipeOutput.None, recipe.Output);
    }

    [Fact]
    public void Paths_are_taken_from_the_recipes_folder_and_absolute_ones_kept()
    {
        string absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "x.xye");
        var recipe = Parse(Recipe(pattern: $$"""{ "name": "sxrd", "data": {{System.Text.Json.JsonSerializer.Serialize(absolute)}}, "instrument": "../instruments/11bm.prm", "instrumentBank": 2 }"""));
        Assert.Equal(absolute, recipe.Patterns[0].Data.FullPath);
        var instrument = recipe.Patterns[0].Instrument;
        Assert.Equal(Path.GetFullPath(Path.Combine(Home, "..", "instruments", "11bm.prm")), instrument.File!.FullPath);
        Assert.Equal("../instruments/11bm.prm", instrument.File.Text);
        Assert.Equal(2, instrument.Bank);
        Assert.Equal(new RecipePath("./a/../x.cif", Home), new RecipePath("x.cif", Home));
    }

    [Fact]
    public void Load_names_the_file_it_was_given_in_its_messages_and_reads_paths_from_the_files_folder()
    {
        string folder = Directory.CreateTempSubdirectory("recipe").FullName;
        try
        {
            string path = Path.Combine(folder, "bad.json");
            File.WriteAllText(path, Recipe(rest: ",\n  \"cycles\": 0"));
            var e = Assert.Throws<RecipeFormatException>(() => RefinementRecipe.Load(path));
            Assert.Equal($"{path} line 5, column 13: 'cycles' must be 1 or more, not 0.", e.Message);
            Assert.Equal(path, e.RecipeName);
            Assert.Equal((5, 13, "$.cycles"), (e.Line, e.Column, e.Field));
            Assert.Equal("'cycles' must be 1 or more, not 0.", e.Reason);

            File.WriteAllText(path, Recipe());
            Assert.Equal(Path.Combine(folder, "layered.cif"), ((RecipeCifFile)RefinementRecipe.Load(path).Phases[0].Source).Path.FullPath);
            Assert.Throws<FileNotFoundException>(() => RefinementRecipe.Load(Path.Combine(folder, "missing.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_syntax_error_after_non_ASCII_text_is_placed_in_characters()
    {
        // "Ω" is two bytes in UTF-8; System.Text.Json counts bytes (it says byte 16 of the line, from 0), the
        // message counts characters: the second string starts in column 16.
        var e = Assert.Throws<RecipeFormatException>(() => Parse("{\n  \"title\": \"Ω\" \"x\"\n}"));
        Assert.Equal((2, 16), (e.Line, e.Column));
        Assert.Null(e.Field);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
    }

    [Fact]
    public void The_tool_reports_a_recipe_error_as_invalid_input()
    {
        // RecipeFormatException is a FormatException, which CommandLine turns into exit code 1.
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<RecipeFormatException>(() => Parse("[]")));
    }

    // ------------------------------------------------------------------ parameter patterns

    [Theory]
    [InlineData("*/*/Uiso", "layered/Ni1/Uiso", true)]
    [InlineData("*/*/Uiso", "rocksalt/O1/Uiso", true)]
    [InlineData("*/*/Uiso", "layered/Ni1/U11", false)]
    [InlineData("*/Uiso", "layered/Ni1/Uiso", false)]
    [InlineData("layered/*/Uiso", "layered/O1/Uiso", true)]
    [InlineData("layered/*/Uiso", "rocksalt/O1/Uiso", false)]
    [InlineData("layered/cell/*", "layered/cell/a", true)]
    [InlineData("layered/cell/*", "layered/cell/gamma", true)]
    [InlineData("layered/cell/*", "rocksalt/cell/a", false)]
    [InlineData("layered/cell/*", "layered/O1/z", false)]
    [InlineData("*/cell/*", "rocksalt/cell/c", true)]
    [InlineData("*/scale", "layered/scale", true)]
    [InlineData("*/scale", "hist:sxrd/scale", false)]
    [InlineData("hist:*/scale", "hist:sxrd/scale", true)]
    [InlineData("hist:*/scale", "layered/scale", false)]
    [InlineData("hist:sxrd/bkg[*]", "hist:sxrd/bkg[3]", true)]
    [InlineData("hist:sxrd/bkg[*]", "hist:sxrd/bkg[12]", true)]
    [InlineData("hist:sxrd/bkg[*]", "hist:sxrd/bkg", false)]
    [InlineData("hist:sxrd/bkg[*]", "hist:tof/bkg[3]", false)]
    [InlineData("hist:sxrd/bkg[*]", "hist:sxrd/bkgx[3]", false)]
    [InlineData("hist:sxrd/*", "hist:sxrd/bkg[3]", true)]
    [InlineData("hist:sxrd/*", "hist:sxrd/zero", true)]
    [InlineData("layered/Li2/occ[*]", "layered/Li2/occ[Ni]", true)]
    [InlineData("layered/Li2/occ[*]", "layered/Li2/x", false)]
    [InlineData("layered/Li2/*", "layered/Li2/occ[Ni]", true)]
    [InlineData("layered/Li2/*", "layered/Li2/x", true)]
    [InlineData("layered/*/occ[Li]", "layered/Li2/occ[Li]", true)]
    [InlineData("layered/*/occ[Li]", "layered/Li2/occ[Ni]", false)]
    [InlineData("layered/O1/z", "layered/O1/z", true)]
    [InlineData("layered/O1/uiso", "layered/O1/Uiso", false)]
    [InlineData("*/*", "layered/fraction", true)]
    [InlineData("*/*", "layered/cell/a", false)]
    [InlineData("*/*/*", "layered/cell/a", true)]
    [InlineData("*/*/*", "layered/Li2/occ[Ni]", true)]
    public void A_star_stands_for_one_segment_or_one_index(string pattern, string id, bool matches)
    {
        Assert.Equal(matches, RecipeParameterPattern.Matches(pattern, id));
        Assert.Equal(matches, RecipeParameterPattern.Matches(pattern, Constraints.ParameterId.Parse(id)));
        Assert.Equal(pattern.Contains('*', StringComparison.Ordinal), RecipeParameterPattern.IsWildcard(pattern));
    }

    private static readonly Gen<Constraints.ParameterId> AnyParameterId = Gen.OneOf(
        from phase in Gen.Elements("layered", "rocksalt", "Ω")
        from site in Gen.Elements("Li1", "O1", "M1")
        from which in Gen.Choose(0, 6)
        from element in Gen.Elements("Li", "Ni", "O")
        select which switch
        {
            0 => Constraints.ParameterId.Cell(phase, Crystallography.Intergrowth.Symmetry.CellParameter.Gamma),
            1 => Constraints.ParameterId.Coordinate(phase, site, 2),
            2 => Constraints.ParameterId.Uiso(phase, site),
            3 => Constraints.ParameterId.Uaniso(phase, site, "U23"),
            4 => Constraints.ParameterId.Occupancy(phase, site, element),
            5 => Constraints.ParameterId.PhaseScale(phase),
            _ => Constraints.ParameterId.PhaseFraction(phase),
        },
        from histogram in Gen.Elements("sxrd", "tof")
        from name in Gen.Elements("zero", "scale", "bkg", "Sigma1Squared")
        from index in Gen.Choose(-1, 20)
        select Constraints.ParameterId.Histogram(histogram, name, name == "bkg" && index >= 0 ? index : null));

    /// <summary>Any id matches itself, and still matches when any of its segments, or its index, is replaced by '*'.</summary>
    [Property(MaxTest = 300)]
    public Property An_id_matches_every_generalisation_of_itself() => Prop.ForAll(Arb.From(
        from id in AnyParameterId
        from mask in Gen.Choose(0, 15)
        select (id, mask)), t =>
    {
        string text = t.id.ToString();
        string[] segments = text.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            if ((t.mask & (1 << i)) == 0) continue;
            segments[i] = i == 0 && segments[0].StartsWith("hist:", StringComparison.Ordinal) ? "hist:*" : "*";
        }
        if ((t.mask & 8) != 0 && segments[^1].EndsWith(']') && !segments[^1].StartsWith('*'))
            segments[^1] = segments[^1][..(segments[^1].IndexOf('[', StringComparison.Ordinal) + 1)] + "*]";
        string pattern = string.Join('/', segments);
        return RecipeParameterPattern.Matches(text, t.id) && RecipeParameterPattern.Matches(pattern, t.id)
            && RecipeParameterPattern.IsValid(pattern, out _) && RecipeParameterPattern.IsValid(text, out _);
    });

    [Theory]
    [InlineData("layered/cell/a")]
    [InlineData("layered/Li2/occ[Ni]")]
    [InlineData("hist:sxrd/bkg[3]")]
    [InlineData("hist:sxrd/Sigma1Squared")]
    [InlineData("*/*/Uiso")]
    [InlineData("*/*/*")]
    [InlineData("*/*")]
    [InlineData("*/cell/a")]
    [InlineData("layered/*/a")]
    [InlineData("layered/*/occ[*]")]
    [InlineData("hist:*/*")]
    [InlineData("hist:*/bkg[*]")]
    public void Patterns_that_fit_an_id_form_are_valid(string pattern)
    {
        Assert.True(RecipeParameterPattern.IsValid(pattern, out string? problem), problem);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("", "an empty parameter pattern.")]
    [InlineData("layered//a", "'layered//a' has an empty segment.")]
    [InlineData("*/Uiso", "Did you mean '*/*/Uiso'?")]
    [InlineData("layered/Uiso", "Did you mean 'layered/*/Uiso'?")]
    [InlineData("*/a", "Did you mean '*/cell/a'?")]
    [InlineData("*/cell/x", "'*/cell/x' matches no parameter")]
    [InlineData("layered/cell/*[*]", "'*' stands for a whole segment or a whole index")]
    [InlineData("hist:*/bkg[x]", "'hist:*/bkg[x]' matches no parameter")]
    [InlineData("hist:sxrd/a/b", "a histogram parameter is written hist:NAME/PARAMETER")]
    [InlineData("layered-S1/*/x", "'layered-S1/*/x' matches no parameter")]
    [InlineData("*/*/occ", "'*/*/occ' matches no parameter")]
    [InlineData("hist:*", "'hist:*' matches no parameter")]
    [InlineData("*[Li]/x", "brackets belong at the end of the last segment")]
    [InlineData("layered/Li1/occ[Li", "brackets belong at the end of the last segment")]
    public void Patterns_that_fit_no_id_form_are_refused_with_the_reason(string pattern, string reason)
    {
        Assert.False(RecipeParameterPattern.IsValid(pattern, out string? problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_with_a_malformed_pattern_is_misuse()
    {
        var e = Assert.Throws<ArgumentException>(() => RecipeParameterPattern.Matches("layered/ cell/a", "layered/cell/a"));
        Assert.Equal("pattern", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => RecipeParameterPattern.Matches(null!, "layered/cell/a"));
    }

    // ------------------------------------------------------------------ the recipe types in code

    private static RecipePattern Sxrd() => new("sxrd", new RecipePath("sxrd.xye", Home), RecipeInstrument.FromPreset("synchrotron-11bm"));

    private static RecipePhase Layered() => new("layered", new RecipeCifFile(new RecipePath("layered.cif", Home)));

    [Fact]
    public void The_types_check_values_when_built_and_when_copied()
    {
        var pattern = Sxrd();
        Assert.Equal("'bank' must be 1 or more, not 0. (Parameter 'Bank')", Assert.Throws<ArgumentException>(() => pattern with { Bank = 0 }).Message);
        Assert.Throws<ArgumentException>(() => pattern with { Weight = double.NaN });
        Assert.Throws<ArgumentException>(() => pattern with { Format = PowderFileFormat.Unknown });
        Assert.Throws<ArgumentException>(() => pattern with { Name = "s/x" });
        var tof = pattern with { Instrument = RecipeInstrument.FromPreset("tof-powgen") };
        Assert.True(tof.Instrument.IsTimeOfFlight);
        Assert.Throws<ArgumentException>(() => tof with { Wavelength = 1.5 });
        Assert.Throws<ArgumentException>(() => (pattern with { Wavelength = 0.41 }) with { Instrument = RecipeInstrument.FromPreset("tof-powgen") });
        Assert.Throws<ArgumentException>(() => RecipeInstrument.FromPreset("d20"));
        Assert.Throws<ArgumentException>(() => RecipeInstrument.FromFile(new RecipePath("x.prm", Home), 0));
        Assert.Throws<ArgumentException>(() => new RecipeRange(5, 5));
        Assert.Throws<ArgumentException>(() => new RecipeRange(double.NegativeInfinity, 5));
        Assert.Throws<ArgumentException>(() => new RecipeBackground(2, [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new RecipeBound("*/Uiso", 0, 1));
        Assert.Throws<ArgumentException>(() => new RecipeBound("*/*/Uiso", double.NaN, 1));
        Assert.Throws<ArgumentException>(() => new RecipeCell(1, 1, 1, 90, 0, 90));
        Assert.Throws<ArgumentException>(() => new RecipePath(" ", Home));

        var phase = Layered();
        Assert.Throws<ArgumentException>(() => phase with { FormulaUnit = "Xq2" });
        Assert.Throws<ArgumentException>(() => phase with { Fraction = 0 });
        Assert.Throws<ArgumentException>(() => new RecipeStructure("R-3n", new RecipeCell(1, 1, 1, 90, 90, 90), []));
        var site = new RecipeSite("O1", 0, 0, 0.25, 0.01, [new RecipeOccupant(Species.Parse("O2-"), 1)]);
        Assert.Throws<ArgumentException>(() => new RecipeStructure("R-3m", new RecipeCell(1, 1, 1, 90, 90, 120), [site, site]));
        Assert.Throws<ArgumentException>(() => site with { Occupants = [new(Species.Parse("Ni2+"), 0.5), new(Species.Parse("Ni3+"), 0.5)] });
        Assert.Throws<ArgumentException>(() => site with { Label = "cell" });
        Assert.Throws<ArgumentException>(() => new RecipeOccupant(Species.Parse("O2-"), -0.1));

        var recipe = new RefinementRecipe(Home, [phase], [pattern]);
        Assert.Throws<ArgumentException>(() => recipe with { Phases = [phase, phase] });
        Assert.Throws<ArgumentException>(() => recipe with { Patterns = [] });
        Assert.Throws<ArgumentException>(() => recipe with { Refine = ["layered/scale", "layered/scale"] });
        Assert.Throws<ArgumentException>(() => recipe with { Hold = ["*/Uiso"] });
        Assert.Throws<ArgumentException>(() => recipe with { Constraints = [" "] });
        Assert.Throws<ArgumentException>(() => recipe with { Bounds = [new("*/*/Uiso", 0, 1), new("*/*/Uiso", 0, 2)] });
        Assert.Throws<ArgumentException>(() => recipe with { Stages = [new() { Name = "a" }, new() { Name = "a" }] });
        Assert.Throws<ArgumentException>(() => recipe with { Cycles = 0 });
        Assert.Empty((recipe with { Refine = default }).Refine);
    }

    [Fact]
    public void Stages_accumulate_refine_and_hold_and_take_the_recipes_cycles()
    {
        var recipe = new RefinementRecipe(Home, [Layered()], [Sxrd()])
        {
            Refine = ["hist:sxrd/scale"],
            Hold = ["layered/Li1/Uiso"],
            Cycles = 7,
            Stages =
            [
                new() { Refine = ["layered/cell/*", "hist:sxrd/scale"], Cycles = 3 },
                new() { Name = "atoms", Refine = ["*/*/Uiso"], Hold = ["layered/O1/Uiso", "layered/Li1/Uiso"] },
                new() { Refine = ["layered/cell/*"] },
            ],
        };
        var stages = recipe.CumulativeStages();
        Assert.Equal([3, 7, 7], stages.Select(s => s.Cycles!.Value));
        Assert.Equal([null, "atoms", null], stages.Select(s => s.Name));
        Assert.Equal(["hist:sxrd/scale", "layered/cell/*"], stages[0].Refine.ToArray());
        Assert.Equal(["layered/Li1/Uiso"], stages[0].Hold.ToArray());
        Assert.Equal(["hist:sxrd/scale", "layered/cell/*", "*/*/Uiso"], stages[1].Refine.ToArray());
        Assert.Equal(["layered/Li1/Uiso", "layered/O1/Uiso"], stages[1].Hold.ToArray());
        Assert.Equal(stages[1].Refine.ToArray(), stages[2].Refine.ToArray());
        Assert.Equal(stages[1].Hold.ToArray(), stages[2].Hold.ToArray());

        var single = Assert.Single((recipe with { Stages = [] }).CumulativeStages());
        Assert.Equal(["hist:sxrd/scale"], single.Refine.ToArray());
        Assert.Equal(["layered/Li1/Uiso"], single.Hold.ToArray());
        Assert.Equal(7, single.Cycles);
    }

    [Fact]
    public void ToJson_writes_what_a_person_would_and_leaves_defaults_out()
    {
        var recipe = new RefinementRecipe(Home, [Layered()], [Sxrd()])
        {
            Refine = ["layered/*/Uiso"],
            Bounds = [new("layered/*/Uiso", 0, double.PositiveInfinity), new("layered/scale", double.NegativeInfinity, 10)],
        };
        string json = recipe.ToJson();
        Assert.Equal(
            """
            {
              "phases": [
                {
                  "name": "layered",
                  "cif": "layered.cif"
                }
              ],
              "patterns": [
                {
                  "name": "sxrd",
                  "data": "sxrd.xye",
                  "instrument": "synchrotron-11bm",
                  "background": {
                    "terms": 3
                  }
                }
              ],
              "refine": [
                "layered/*/Uiso"
              ],
              "bounds": {
                "layered/*/Uiso": [
                  0,
                  null
                ],
                "layered/scale": [
                  null,
                  10
                ]
              },
              "cycles": 10
            }

            """.ReplaceLineEndings("\n"), json);
        Assert.Equal(recipe, RefinementRecipe.Parse(json, Home));
    }

    [Fact]
    public void A_path_resolved_against_another_folder_is_written_absolute()
    {
        string other = Path.Combine(Path.GetTempPath(), "another-folder");
        var recipe = new RefinementRecipe(Home, [new RecipePhase("layered", new RecipeCifFile(new RecipePath("layered.cif", other)))], [Sxrd()]);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(Path.Combine(other, "layered.cif")), recipe.ToJson(), StringComparison.Ordinal);
        Assert.Equal(recipe, RefinementRecipe.Parse(recipe.ToJson(), Home));
    }

    [Fact]
    public void Recipes_differ_when_any_part_differs()
    {
        var recipe = Parse(PageRecipes()[0]);
        Assert.NotEqual(recipe, recipe with { Cycles = 11 });
        Assert.NotEqual(recipe, recipe with { Refine = recipe.Refine.RemoveAt(0) });
        Assert.NotEqual(recipe, recipe with { Patterns = recipe.Patterns.SetItem(0, recipe.Patterns[0] with { Exclude = [] }) });
        var rocksalt = (RecipeStructure)recipe.Phases[1].Source;
        var moved = rocksalt with { Sites = rocksalt.Sites.SetItem(1, rocksalt.Sites[1] with { Z = 0.49 }) };
        Assert.NotEqual(recipe, recipe with { Phases = recipe.Phases.SetItem(1, recipe.Phases[1] with { Source = moved }) });
        Assert.NotEqual(recipe, RefinementRecipe.Parse(recipe.ToJson(), Path.Combine(Home, "sub")));
    }

    // ------------------------------------------------------------------ round trip over generated recipes

    private static readonly string OtherHome = Path.Combine(Path.GetTempPath(), "intergrowth-recipe-tests-elsewhere");

    /// <summary>Finite doubles of every kind: FsCheck's, short decimals, and raw bit patterns (subnormals, 17 digits).</summary>
    private static readonly Gen<double> AnyFinite = Gen.OneOf(
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite),
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0),
        Gen.Two(Gen.Choose(int.MinValue, int.MaxValue))
            .Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2)).Where(double.IsFinite));

    private static readonly Gen<double> Positive = AnyFinite.Select(Math.Abs).Where(x => x > 0);

    private static readonly Gen<double> UnitInterval = Gen.OneOf(AnyFinite.Select(x => Math.Abs(x) % 1), Gen.Constant(0.0), Gen.Constant(1.0));

    private static Gen<double?> Maybe(Gen<double> values) => Gen.OneOf(Gen.Constant<double?>(null), values.Select(x => (double?)x));

    private static Gen<string[]> Distinct(string[] pool, int min, int max) =>
        from n in Gen.Choose(min, max)
        from shuffled in Gen.Shuffle(pool)
        select shuffled.Take(n).ToArray();

    private static readonly Gen<RecipePath> AnyPath =
        from text in Gen.Elements("a.cif", "data/x.xye", "../shared/y.gsa", "sub dir/with space.xye", "ünïcode/ß.cif", "./c/./d.prm",
                                  Path.Combine(Path.GetTempPath(), "abs", "z.xye"))
        from folder in Gen.Elements(Home, Home, OtherHome)
        select new RecipePath(text, folder);

    private static readonly Gen<RecipeRange> AnyRange =
        from pair in Gen.Two(AnyFinite).Where(p => p.Item1 != p.Item2)
        select new RecipeRange(Math.Min(pair.Item1, pair.Item2), Math.Max(pair.Item1, pair.Item2));

    private static Gen<RecipeSite> AnySite(string label) =>
        from x in AnyFinite
        from y in AnyFinite
        from z in AnyFinite
        from anisotropic in Gen.Elements(false, true)
        from uiso in AnyFinite
        from u in AnyFinite.ArrayOf(6)
        from species in Distinct(["Li+", "Ni2+", "Ru5+", "O2-", "Mn4+", "Co", "Fe0+", "Na+"], 1, 3)
        from occupancies in UnitInterval.ArrayOf(3)
        let occupants = species.Select((s, i) => new RecipeOccupant(Species.Parse(s), occupancies[i])).ToArray()
        select anisotropic
            ? new RecipeSite(label, x, y, z, new RecipeAnisotropicDisplacement(u[0], u[1], u[2], u[3], u[4], u[5]), occupants)
            : new RecipeSite(label, x, y, z, uiso, occupants);

    private static Gen<RecipePhase> AnyPhase(string name) =>
        from fromCif in Gen.Elements(false, true)
        from path in AnyPath
        from block in Gen.Elements<string?>(null, "layered_S1", "rocksalt")
        from spaceGroup in Gen.Elements("R-3m", "Fm-3m", "166:R", "P21/c", "Hall:-R 3 2\"", "F d -3 m :2")
        from lengths in Positive.ArrayOf(3)
        from angles in AnyFinite.Select(x => 1 + Math.Abs(x) % 178).ArrayOf(3)
        from labels in Distinct(["Li1", "Li2", "M1", "O1", "O2", "Ni1"], 1, 4)
        from sites in Gen.CollectToArray(labels, AnySite)
        from formulaUnit in Gen.Elements<string?>(null, "O2", "Li1.2Ni0.4Ru0.4O2")
        from scale in Maybe(Positive)
        from fraction in Maybe(UnitInterval.Where(f => f > 0))
        select new RecipePhase(name, fromCif
            ? new RecipeCifFile(path, block)
            : new RecipeStructure(spaceGroup, new RecipeCell(lengths[0], lengths[1], lengths[2], angles[0], angles[1], angles[2]), sites))
        {
            FormulaUnit = formulaUnit,
            Scale = scale,
            Fraction = fraction,
        };

    private static Gen<RecipePattern> AnyPattern(string name) =>
        from data in AnyPath
        from format in Gen.Elements<PowderFileFormat?>([null, .. Enum.GetValues<PowderFileFormat>().Where(f => f != PowderFileFormat.Unknown).Cast<PowderFileFormat?>()])
        from bank in Gen.Choose(1, 4)
        from preset in Gen.Elements<string?>(null, "lab-cu", "Synchrotron-11BM", "neutron-cw", "tof-powgen")
        from file in AnyPath
        from instrumentBank in Gen.Elements<int?>(null, 1, 2)
        from wavelength in Maybe(Positive)
        from range in Gen.OneOf(Gen.Constant<RecipeRange?>(null), AnyRange.Select(r => (RecipeRange?)r))
        from exclude in AnyRange.ListOf()
        from terms in Gen.Choose(1, RecipeBackground.MaximumTerms)
        from withCoefficients in Gen.Elements(false, true)
        from coefficients in AnyFinite.ArrayOf(terms)
        from weight in Positive
        let instrument = preset is null ? RecipeInstrument.FromFile(file, instrumentBank) : RecipeInstrument.FromPreset(preset)
        select new RecipePattern(name, data, instrument)
        {
            Format = format,
            Bank = bank,
            Wavelength = instrument.IsTimeOfFlight ? null : wavelength,
            Range = range,
            Exclude = [.. exclude],
            Background = new RecipeBackground(terms, withCoefficients ? coefficients : null),
            Weight = weight,
        };

    private static string[] ParameterPatterns(string[] phases, string[] patterns) =>
    [
        .. phases.SelectMany(p => new[] { $"{p}/scale", $"{p}/fraction", $"{p}/cell/*", $"{p}/cell/a", $"{p}/O1/z", $"{p}/*/Uiso", $"{p}/M1/occ[*]", $"{p}/Li1/occ[Li]", $"{p}/O1/U11" }),
        .. patterns.SelectMany(h => new[] { $"hist:{h}/scale", $"hist:{h}/bkg[*]", $"hist:{h}/bkg[3]", $"hist:{h}/zero", $"hist:{h}/*" }),
        "*/*/Uiso", "*/cell/*", "hist:*/zero", "*/scale", "*/*/*",
    ];

    private static Gen<RecipeBound> Bound(string pattern) =>
        from pair in Gen.Two(AnyFinite).Where(p => p.Item1 != p.Item2)
        from open in Gen.Choose(0, 2)
        let lower = open == 1 ? double.NegativeInfinity : Math.Min(pair.Item1, pair.Item2)
        let upper = open == 2 ? double.PositiveInfinity : Math.Max(pair.Item1, pair.Item2)
        select new RecipeBound(pattern, lower, upper);

    private static Gen<RecipeStage> AnyStage(string[] candidates, string? name) =>
        from refine in Gen.SubListOf(candidates)
        from hold in Gen.SubListOf(candidates)
        from cycles in Gen.Elements<int?>(null, 1, 5, 40)
        select new RecipeStage { Name = name, Refine = [.. refine], Hold = [.. hold], Cycles = cycles };

    private static readonly Gen<RefinementRecipe> AnyRecipe =
        from phaseNames in Distinct(["layered", "rocksalt", "spinel", "LNRO_1", "Li2MnO3", "a", "ph.2", "Ω"], 1, 3)
        from patternNames in Distinct(["sxrd", "tof", "npd", "bank_2", "lab"], 1, 3)
        from phases in Gen.CollectToArray(phaseNames, AnyPhase)
        from patterns in Gen.CollectToArray(patternNames, AnyPattern)
        let candidates = ParameterPatterns(phaseNames, patternNames)
        from refine in Gen.SubListOf(candidates)
        from hold in Gen.SubListOf(candidates)
        from constraints in Gen.SubListOf(["layered/fraction + rocksalt/fraction = 1", "7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0",
                                            "a \"quoted\" \\ text", "tab\there", "  spaced  "])
        from boundPatterns in Gen.SubListOf(candidates)
        from bounds in Gen.CollectToArray(boundPatterns, Bound)
        from stageNames in Distinct(["scales", "cells", "atoms", "occupancies"], 0, 4)
        from named in Gen.Elements(false, true).ArrayOf(4)
        from stages in Gen.CollectToArray(stageNames.Select((n, i) => named[i] ? n : null), n => AnyStage(candidates, n))
        from cycles in Gen.Choose(1, 200)
        from title in Gen.Elements<string?>(null, "LNRO", "Li₁.₂ \"quoted\" \\ back\nslash\ttab", "ünï")
        from json in Gen.OneOf(Gen.Constant<RecipePath?>(null), AnyPath.Select(p => (RecipePath?)p))
        from cif in Gen.OneOf(Gen.Constant<RecipePath?>(null), AnyPath.Select(p => (RecipePath?)p))
        select new RefinementRecipe(Home, phases, patterns)
        {
            Title = title,
            Refine = [.. refine],
            Hold = [.. hold],
            Constraints = [.. constraints],
            Bounds = [.. bounds],
            Stages = [.. stages],
            Cycles = cycles,
            Output = json is null && cif is null ? RecipeOutput.None : new RecipeOutput { Json = json, Cif = cif },
        };

    [Property(MaxTest = 300)]
    public Property Parse_of_ToJson_gives_the_recipe_back() => Prop.ForAll(Arb.From(AnyRecipe), recipe =>
    {
        string json = recipe.ToJson();
        var again = RefinementRecipe.Parse(json, recipe.BaseDirectory);
        return again.Equals(recipe) && recipe.Equals(again) && again.GetHashCode() == recipe.GetHashCode() && again.ToJson() == json;
    });

    // ------------------------------------------------------------------ every refusal

    private const string DefaultPhase = """{ "name": "layered", "cif": "layered.cif" }""";
    private const string DefaultPattern = """{ "name": "sxrd", "data": "sxrd.xye", "instrument": "synchrotron-11bm" }""";

    /// <summary>A small recipe: line 1 "{", line 2 the phases, line 3 the patterns, line 4 "refine", then <paramref name="rest"/>.</summary>
    private static string Recipe(string phase = DefaultPhase, string pattern = DefaultPattern, string refine = "\"hist:sxrd/scale\"", string rest = "") =>
        $"{{\n  \"phases\": [{phase}],\n  \"patterns\": [{pattern}],\n  \"refine\": [{refine}]{rest}\n}}\n";

    private static string Inline(string sites = """{ "label": "O1", "x": 0, "y": 0, "z": 0.25, "uiso": 0.01, "occupants": [{ "species": "O2-" }] }""",
                                 string cell = """{ "a": 2.9, "b": 2.9, "c": 14.4, "alpha": 90, "beta": 90, "gamma": 120 }""",
                                 string group = "\"R-3m\"") =>
        $$"""{ "name": "layered", "spaceGroup": {{group}}, "cell": {{cell}}, "sites": [{{sites}}] }""";

    private static string Site(string fields) => $$"""{ "label": "M1", "x": 0, "y": 0, "z": 0, {{fields}} }""";

    private static string Pattern(string fields) => $$"""{ "name": "sxrd", "data": "sxrd.xye", "instrument": "synchrotron-11bm", {{fields}} }""";

    public sealed record ErrorCase(string Name, string Json, string Message, string? Field)
    {
        public override string ToString() => Name;
    }

    public static readonly ErrorCase[] ErrorCases =
    [
        new("not JSON", "{\n  \"phases\": []\n  \"patterns\": []\n}",
            "recipe.json line 3, column 3: not valid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'.",
            null),
        new("empty text", "",
            "recipe.json line 1, column 1: the recipe is empty: it must be a JSON object { \"phases\": …, \"patterns\": … }.",
            null),
        new("not an object", "[1, 2]",
            "recipe.json line 1, column 1: the recipe must be an object {…}, not an array.",
            "$"),
        new("unknown field at the top", Recipe(rest: ",\n  \"cycle\": 3"),
            "recipe.json line 5, column 3: unknown field 'cycle' (did you mean 'cycles'?); the fields of a recipe are title, phases, patterns, refine, hold, constraints, bounds, stages, cycles, output.",
            "$.cycle"),
        new("unknown field without a near one", Recipe(rest: ",\n  \"comment\": \"x\""),
            "recipe.json line 5, column 3: unknown field 'comment'; the fields of a recipe are title, phases, patterns, refine, hold, constraints, bounds, stages, cycles, output.",
            "$.comment"),
        new("field given twice", Recipe(rest: ",\n  \"cycles\": 3,\n  \"cycles\": 4"),
            "recipe.json line 6, column 3: 'cycles' is given twice.",
            "$.cycles"),
        new("phases missing", "{\n  \"patterns\": [" + DefaultPattern + "]\n}",
            "recipe.json line 1, column 1: 'phases' is required: the list of phases.",
            "$"),
        new("phases empty", Recipe(phase: ""),
            "recipe.json line 2, column 13: 'phases' must list at least one phase.",
            "$.phases"),
        new("patterns not a list", "{\n  \"phases\": [" + DefaultPhase + "],\n  \"patterns\": " + DefaultPattern + "\n}",
            "recipe.json line 3, column 15: 'patterns' must be a list [{…}, …] of patterns, not an object.",
            "$.patterns"),
        new("phase not an object", Recipe(phase: "\"layered\""),
            "recipe.json line 2, column 14: phase 1: each entry of 'phases' must be an object {…}, not \"layered\".",
            "$.phases[0]"),
        new("phase without a name", Recipe(phase: """{ "cif": "layered.cif" }"""),
            "recipe.json line 2, column 14: phase 1: 'name' is required: the phase's name in parameter ids.",
            "$.phases[0]"),
        new("phase name with a hyphen", Recipe(phase: """{ "name": "layered-S1", "cif": "layered.cif" }"""),
            "recipe.json line 2, column 24: phase 1: 'name' must be a name that can stand in parameter ids: no whitespace, '/', '[', ']', '+', '-', '*' or '=' (write 'layered_S1' for 'layered-S1'), not 'layered-S1'.",
            "$.phases[0].name"),
        new("phase name with hist:", Recipe(phase: """{ "name": "hist:x", "cif": "layered.cif" }"""),
            "recipe.json line 2, column 24: phase 1: 'name' cannot start with 'hist:' (parameter ids add it to histogram names themselves), not 'hist:x'.",
            "$.phases[0].name"),
        new("two phases with one name", Recipe(phase: DefaultPhase + ", " + DefaultPhase),
            "recipe.json line 2, column 69: phase 2: 'name' 'layered' is already the name of phase 1; phase names must be unique.",
            "$.phases[1].name"),
        new("unknown phase field", Recipe(phase: """{ "name": "layered", "cif": "layered.cif", "blok": "x" }"""),
            "recipe.json line 2, column 57: phase 'layered': unknown field 'blok' (did you mean 'block'?); the fields of a phase are name, cif, block, spaceGroup, cell, sites, formulaUnit, scale, fraction.",
            "$.phases[0].blok"),
        new("cif and inline", Recipe(phase: """{ "name": "layered", "cif": "layered.cif", "cell": {} }"""),
            "recipe.json line 2, column 57: phase 'layered': 'cell' is given with 'cif': give either 'cif' or the structure inline ('spaceGroup', 'cell', 'sites'), not both.",
            "$.phases[0].cell"),
        new("block without cif", Recipe(phase: Inline()[..^2] + ", \"block\": \"b\" }"),
            "recipe.json line 2, column 247: phase 'layered': 'block' picks a data block of the 'cif' file, and this phase has no 'cif'.",
            "$.phases[0].block"),
        new("no structure", Recipe(phase: """{ "name": "layered" }"""),
            "recipe.json line 2, column 14: phase 'layered': give 'cif' (a CIF file) or the structure inline: 'spaceGroup', 'cell' and 'sites'.",
            "$.phases[0]"),
        new("inline without sites", Recipe(phase: """{ "name": "layered", "spaceGroup": "R-3m", "cell": { "a": 1, "b": 1, "c": 1, "alpha": 90, "beta": 90, "gamma": 90 } }"""),
            "recipe.json line 2, column 14: phase 'layered': 'sites' is required: the sites of a structure given inline (or give 'cif').",
            "$.phases[0]"),
        new("unknown space group", Recipe(phase: Inline(group: "\"R-3n\"")),
            "recipe.json line 2, column 49: phase 'layered': 'spaceGroup': 'R-3n' is not a space-group symbol, number or Hall symbol of a standard setting. Did you mean: R-3:H (R -3 :H, No. 148), R-3:R (R -3 :R, No. 148), R-3m:H (R -3 m :H, No. 166), R-3m:R (R -3 m :R, No. 166), R-3c:H (R -3 c :H, No. 167)?",
            "$.phases[0].spaceGroup"),
        new("cell without gamma", Recipe(phase: Inline(cell: """{ "a": 2.9, "b": 2.9, "c": 14.4, "alpha": 90, "beta": 90 }""")),
            "recipe.json line 2, column 65: phase 'layered', cell: 'gamma' is required: an angle in degrees.",
            "$.phases[0].cell"),
        new("negative cell length", Recipe(phase: Inline(cell: """{ "a": 2.9, "b": -2.9, "c": 14.4, "alpha": 90, "beta": 90, "gamma": 120 }""")),
            "recipe.json line 2, column 82: phase 'layered', cell: 'b' must be a positive number, not -2.9.",
            "$.phases[0].cell.b"),
        new("flat cell angle", Recipe(phase: Inline(cell: """{ "a": 2.9, "b": 2.9, "c": 14.4, "alpha": 90, "beta": 90, "gamma": 180 }""")),
            "recipe.json line 2, column 132: phase 'layered', cell: 'gamma' must be an angle in degrees between 0 and 180, not 180.",
            "$.phases[0].cell.gamma"),
        new("sites empty", Recipe(phase: Inline(sites: "")),
            "recipe.json line 2, column 148: phase 'layered': 'sites' must list at least one site.",
            "$.phases[0].sites"),
        new("two sites with one label", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Ni\" }]") + ", " + Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Ni\" }]"))),
            "recipe.json line 2, column 253: phase 'layered', site 2: 'label' 'M1' is already the label of site 1; labels must be unique in a phase.",
            "$.phases[0].sites[1].label"),
        new("site labelled cell", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Ni\" }]").Replace("M1", "cell", StringComparison.Ordinal))),
            "recipe.json line 2, column 160: phase 'layered', site 'cell': 'label' cannot be 'cell': PHASE/cell/… names the cell parameters.",
            "$.phases[0].sites[0].label"),
        new("site without a position", Recipe(phase: Inline(sites: """{ "label": "M1", "x": 0, "y": 0, "uiso": 0.01, "occupants": [{ "species": "Ni" }] }""")),
            "recipe.json line 2, column 149: phase 'layered', site 'M1': 'z' is required: fractional z.",
            "$.phases[0].sites[0]"),
        new("uiso and uaniso", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"uaniso\": [0.01, 0.01, 0.01, 0, 0, 0], \"occupants\": [{ \"species\": \"Ni\" }]"))),
            "recipe.json line 2, column 204: phase 'layered', site 'M1': give 'uiso' or 'uaniso', not both.",
            "$.phases[0].sites[0].uaniso"),
        new("no displacement", Recipe(phase: Inline(sites: Site("\"occupants\": [{ \"species\": \"Ni\" }]"))),
            "recipe.json line 2, column 149: phase 'layered', site 'M1': 'uiso' (Å²) or 'uaniso' ([U11, U22, U33, U12, U13, U23], Å²) is required.",
            "$.phases[0].sites[0]"),
        new("uaniso of five", Recipe(phase: Inline(sites: Site("\"uaniso\": [0.01, 0.01, 0.01, 0, 0], \"occupants\": [{ \"species\": \"Ni\" }]"))),
            "recipe.json line 2, column 200: phase 'layered', site 'M1': 'uaniso' must be six numbers [U11, U22, U33, U12, U13, U23] in Å², not [0.01, 0.01, 0.01, 0, 0].",
            "$.phases[0].sites[0].uaniso"),
        new("coordinate as a word", Recipe(phase: Inline(sites: """{ "label": "M1", "x": "zero", "y": 0, "z": 0, "uiso": 0.01, "occupants": [{ "species": "Ni" }] }""")),
            "recipe.json line 2, column 171: phase 'layered', site 'M1': 'x' must be a number or a fraction in quotes (\"1/3\"), not \"zero\".",
            "$.phases[0].sites[0].x"),
        new("coordinate over zero", Recipe(phase: Inline(sites: """{ "label": "M1", "x": "1/0", "y": 0, "z": 0, "uiso": 0.01, "occupants": [{ "species": "Ni" }] }""")),
            "recipe.json line 2, column 171: phase 'layered', site 'M1': 'x' must be a number or a fraction in quotes (\"1/3\"), not \"1/0\".",
            "$.phases[0].sites[0].x"),
        new("no occupants", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": []"))),
            "recipe.json line 2, column 217: phase 'layered', site 'M1': 'occupants' must list at least one species.",
            "$.phases[0].sites[0].occupants"),
        new("unknown species", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Xx2+\" }]"))),
            "recipe.json line 2, column 231: phase 'layered', site 'M1': 'species' must be an element with an optional charge (Li+, Ni2+, O2-, Ni), not \"Xx2+\".",
            "$.phases[0].sites[0].occupants[0].species"),
        new("an element twice on a site", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Li+\", \"occupancy\": 0.5 }, { \"species\": \"Li\", \"occupancy\": 0.5 }]"))),
            "recipe.json line 2, column 271: phase 'layered', site 'M1': 'species' Li: the element Li is already on this site (as Li+); occupancy parameters (occ[Li]) are per element.",
            "$.phases[0].sites[0].occupants[1].species"),
        new("occupancy above one", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Ni2+\", \"occupancy\": 1.5 }]"))),
            "recipe.json line 2, column 252: phase 'layered', site 'M1': 'occupancy' must be between 0 and 1, not 1.5.",
            "$.phases[0].sites[0].occupants[0].occupancy"),
        new("unknown occupant field", Recipe(phase: Inline(sites: Site("\"uiso\": 0.01, \"occupants\": [{ \"species\": \"Ni2+\", \"occ\": 1 }]"))),
            "recipe.json line 2, column 239: phase 'layered', site 'M1': unknown field 'occ'; the fields of an occupant are species, occupancy.",
            "$.phases[0].sites[0].occupants[0].occ"),
        new("formula unit not a formula", Recipe(phase: """{ "name": "layered", "cif": "layered.cif", "formulaUnit": "O2)" }"""),
            "recipe.json line 2, column 72: phase 'layered': 'formulaUnit' must be a formula such as O2 or Li1.2Ni0.4Ru0.4O2, not 'O2)'.",
            "$.phases[0].formulaUnit"),
        new("zero scale", Recipe(phase: """{ "name": "layered", "cif": "layered.cif", "scale": 0 }"""),
            "recipe.json line 2, column 66: phase 'layered': 'scale' must be a positive number, not 0.",
            "$.phases[0].scale"),
        new("fraction above one", Recipe(phase: """{ "name": "layered", "cif": "layered.cif", "fraction": 1.2 }"""),
            "recipe.json line 2, column 69: phase 'layered': 'fraction' (a mole fraction) must be above 0 and at most 1, not 1.2.",
            "$.phases[0].fraction"),
        new("scale as text", Recipe(phase: """{ "name": "layered", "cif": "layered.cif", "scale": "1" }"""),
            "recipe.json line 2, column 66: phase 'layered': 'scale' must be a number, not \"1\".",
            "$.phases[0].scale"),
        new("pattern without data", Recipe(pattern: """{ "name": "sxrd", "instrument": "lab-cu" }"""),
            "recipe.json line 3, column 16: pattern 'sxrd': 'data' is required: the powder-data file.",
            "$.patterns[0]"),
        new("data empty", Recipe(pattern: """{ "name": "sxrd", "data": " ", "instrument": "lab-cu" }"""),
            "recipe.json line 3, column 42: pattern 'sxrd': 'data' must not be empty.",
            "$.patterns[0].data"),
        new("pattern without instrument", Recipe(pattern: """{ "name": "sxrd", "data": "sxrd.xye" }"""),
            "recipe.json line 3, column 16: pattern 'sxrd': 'instrument' is required: a preset (lab-cu, synchrotron-11bm, neutron-cw, tof-powgen) or an instrument-parameter file (.prm, .instprm, .irf).",
            "$.patterns[0]"),
        new("two patterns with one name", Recipe(pattern: DefaultPattern + ", " + DefaultPattern),
            "recipe.json line 3, column 100: pattern 2: 'name' 'sxrd' is already the name of pattern 1; pattern names must be unique.",
            "$.patterns[1].name"),
        new("pattern name with a space", Recipe(pattern: """{ "name": "s xrd", "data": "sxrd.xye", "instrument": "lab-cu" }"""),
            "recipe.json line 3, column 26: pattern 1: 'name' must be a name that can stand in parameter ids: no whitespace, '/', '[', ']', '+', '-', '*' or '=' (write 'layered_S1' for 'layered-S1'), not 's xrd'.",
            "$.patterns[0].name"),
        new("misspelt pattern field", Recipe(pattern: Pattern("\"rnage\": [5, 40]")),
            "recipe.json line 3, column 88: pattern 'sxrd': unknown field 'rnage' (did you mean 'range'?); the fields of a pattern are name, data, format, bank, instrument, instrumentBank, wavelength, range, exclude, background, weight.",
            "$.patterns[0].rnage"),
        new("unknown format", Recipe(pattern: Pattern("\"format\": \"xye\"")),
            "recipe.json line 3, column 98: pattern 'sxrd': 'format' must be auto or one of columns, gsasRaw, fullProfFreeFormat, fullProfXyData, xrdml, brukerRaw, brukerUxd, brukerBrml, rigakuRasx, pdCif, not \"xye\".",
            "$.patterns[0].format"),
        new("bank zero", Recipe(pattern: Pattern("\"bank\": 0")),
            "recipe.json line 3, column 96: pattern 'sxrd': 'bank' must be 1 or more, not 0.",
            "$.patterns[0].bank"),
        new("bank not whole", Recipe(pattern: Pattern("\"bank\": 1.5")),
            "recipe.json line 3, column 96: pattern 'sxrd': 'bank' must be a whole number, not 1.5.",
            "$.patterns[0].bank"),
        new("instrument bank with a preset", Recipe(pattern: Pattern("\"instrumentBank\": 2")),
            "recipe.json line 3, column 88: pattern 'sxrd': 'instrumentBank' picks a bank of an instrument-parameter file, and 'synchrotron-11bm' is a preset.",
            "$.patterns[0].instrumentBank"),
        new("instrument bank zero", Recipe(pattern: """{ "name": "sxrd", "data": "sxrd.xye", "instrument": "11bm.prm", "instrumentBank": 0 }"""),
            "recipe.json line 3, column 98: pattern 'sxrd': 'instrumentBank' must be 1 or more, not 0.",
            "$.patterns[0].instrumentBank"),
        new("wavelength with time of flight", Recipe(pattern: """{ "name": "tof", "data": "tof.gsa", "instrument": "tof-powgen", "wavelength": 1.5 }""", refine: "\"hist:tof/scale\""),
            "recipe.json line 3, column 94: pattern 'tof': 'wavelength' does not apply to the time-of-flight instrument 'tof-powgen'.",
            "$.patterns[0].wavelength"),
        new("negative wavelength", Recipe(pattern: Pattern("\"wavelength\": -0.41")),
            "recipe.json line 3, column 102: pattern 'sxrd': 'wavelength' must be a positive number, not -0.41.",
            "$.patterns[0].wavelength"),
        new("number too large", Recipe(pattern: Pattern("\"wavelength\": 1e400")),
            "recipe.json line 3, column 102: pattern 'sxrd': 'wavelength' must be a finite number, not 1e400.",
            "$.patterns[0].wavelength"),
        new("range of one number", Recipe(pattern: Pattern("\"range\": [5]")),
            "recipe.json line 3, column 97: pattern 'sxrd': 'range' must be two numbers [min, max], not [5].",
            "$.patterns[0].range"),
        new("range reversed", Recipe(pattern: Pattern("\"range\": [40, 5]")),
            "recipe.json line 3, column 97: pattern 'sxrd': 'range' must run from low to high, [min, max] with min < max, not [40, 5].",
            "$.patterns[0].range"),
        new("range as text", Recipe(pattern: Pattern("\"range\": \"5-40\"")),
            "recipe.json line 3, column 97: pattern 'sxrd': 'range' must be two numbers [min, max], not \"5-40\".",
            "$.patterns[0].range"),
        new("exclude not a list of ranges", Recipe(pattern: Pattern("\"exclude\": [7, 8]")),
            "recipe.json line 3, column 100: pattern 'sxrd': each region of 'exclude' must be two numbers [min, max], not 7.",
            "$.patterns[0].exclude[0]"),
        new("exclude reversed", Recipe(pattern: Pattern("\"exclude\": [[7, 8], [9, 8.5]]")),
            "recipe.json line 3, column 108: pattern 'sxrd': each region of 'exclude' must run from low to high, [min, max] with min < max, not [9, 8.5].",
            "$.patterns[0].exclude[1]"),
        new("background of no terms", Recipe(pattern: Pattern("\"background\": { \"terms\": 0 }")),
            "recipe.json line 3, column 113: pattern 'sxrd', background: 'terms' must be 1 to 36, not 0.",
            "$.patterns[0].background.terms"),
        new("background of too many terms", Recipe(pattern: Pattern("\"background\": { \"terms\": 40 }")),
            "recipe.json line 3, column 113: pattern 'sxrd', background: 'terms' must be 1 to 36, not 40.",
            "$.patterns[0].background.terms"),
        new("background coefficients not matching", Recipe(pattern: Pattern("\"background\": { \"terms\": 3, \"coefficients\": [1, 2] }")),
            "recipe.json line 3, column 132: pattern 'sxrd', background: 'coefficients' gives 2 numbers for 3 terms.",
            "$.patterns[0].background.coefficients"),
        new("background empty", Recipe(pattern: Pattern("\"background\": {}")),
            "recipe.json line 3, column 102: pattern 'sxrd': 'background' needs 'terms' (the number of Chebyshev terms) or 'coefficients'.",
            "$.patterns[0].background"),
        new("background as a number", Recipe(pattern: Pattern("\"background\": 3")),
            "recipe.json line 3, column 102: pattern 'sxrd': 'background' must be an object {…}, not 3.",
            "$.patterns[0].background"),
        new("weight zero", Recipe(pattern: Pattern("\"weight\": 0")),
            "recipe.json line 3, column 98: pattern 'sxrd': 'weight' must be a positive number, not 0.",
            "$.patterns[0].weight"),
        new("refine not a list", Recipe(rest: "").Replace("[\"hist:sxrd/scale\"]", "\"hist:sxrd/scale\"", StringComparison.Ordinal),
            "recipe.json line 4, column 13: 'refine' must be a list of texts [\"…\", …], not \"hist:sxrd/scale\".",
            "$.refine"),
        new("refine entry a number", Recipe(refine: "\"hist:sxrd/scale\", 3"),
            "recipe.json line 4, column 33: each entry of 'refine' must be text in quotes, not 3.",
            "$.refine[1]"),
        new("refine with a star in a name", Recipe(refine: "\"layered/Li*/x\""),
            "recipe.json line 4, column 14: 'refine': 'layered/Li*/x': '*' stands for a whole segment or a whole index (layered/cell/*, hist:*/zero, bkg[*]), not part of a name.",
            "$.refine[0]"),
        new("refine with whitespace", Recipe(refine: "\"layered/cell/ a\""),
            "recipe.json line 4, column 14: 'refine': 'layered/cell/ a' holds whitespace.",
            "$.refine[0]"),
        new("refine with brackets in the middle", Recipe(refine: "\"layered/M1[0]/x\""),
            "recipe.json line 4, column 14: 'refine': 'layered/M1[0]/x': brackets belong at the end of the last segment, around an index (occ[Li], bkg[3], bkg[*]).",
            "$.refine[0]"),
        new("refine one segment short", Recipe(refine: "\"*/Uiso\""),
            "recipe.json line 4, column 14: 'refine': '*/Uiso' matches no parameter: parameters are PHASE/scale, PHASE/fraction, PHASE/cell/a…gamma, PHASE/SITE/x|y|z|Uiso|U11…U23|occ[ELEMENT] and hist:NAME/PARAMETER[INDEX], and '*' stands for one whole segment or one index (*/*/Uiso, layered/cell/*, hist:sxrd/bkg[*]). Did you mean '*/*/Uiso'?",
            "$.refine[0]"),
        new("refine cell without cell", Recipe(refine: "\"layered/a\""),
            "recipe.json line 4, column 14: 'refine': 'layered/a' is not a parameter: expected PHASE/cell/a…gamma, PHASE/SITE/x|y|z|Uiso|U11…U23|occ[ELEMENT], PHASE/scale, PHASE/fraction or hist:NAME/PARAMETER[INDEX]. Did you mean 'layered/cell/a'?",
            "$.refine[0]"),
        new("refine not an id", Recipe(refine: "\"layered/cell/q\""),
            "recipe.json line 4, column 14: 'refine': 'layered/cell/q': 'q' is not a cell parameter (a, b, c, alpha, beta, gamma).",
            "$.refine[0]"),
        new("refine an unknown phase", Recipe(refine: "\"layerd/cell/a\""),
            "recipe.json line 4, column 14: 'refine': 'layerd/cell/a' names the phase 'layerd', which is not one of the recipe's phases (layered).",
            "$.refine[0]"),
        new("refine an unknown pattern", Recipe(refine: "\"hist:sxdr/zero\""),
            "recipe.json line 4, column 14: 'refine': 'hist:sxdr/zero' names the pattern 'sxdr', which is not one of the recipe's patterns (sxrd).",
            "$.refine[0]"),
        new("refine twice", Recipe(refine: "\"hist:sxrd/scale\", \"hist:sxrd/scale\""),
            "recipe.json line 4, column 33: 'refine' lists 'hist:sxrd/scale' twice.",
            "$.refine[1]"),
        new("hold a malformed pattern", Recipe(rest: ",\n  \"hold\": [\"hist:sxrd/bkg[\"]"),
            "recipe.json line 5, column 12: 'hold': 'hist:sxrd/bkg[': brackets belong at the end of the last segment, around an index (occ[Li], bkg[3], bkg[*]).",
            "$.hold[0]"),
        new("constraint empty", Recipe(rest: ",\n  \"constraints\": [\"\"]"),
            "recipe.json line 5, column 19: 'constraints' must not be empty.",
            "$.constraints[0]"),
        new("bounds a list", Recipe(rest: ",\n  \"bounds\": [0, 1]"),
            "recipe.json line 5, column 13: 'bounds' must be an object {\"PATTERN\": [lower, upper], …}, not an array.",
            "$.bounds"),
        new("bounds of one number", Recipe(rest: ",\n  \"bounds\": { \"*/*/Uiso\": [0] }"),
            "recipe.json line 5, column 27: the bounds of '*/*/Uiso' must be [lower, upper], numbers or null for an open side, not [0].",
            "$.bounds['*/*/Uiso']"),
        new("bounds reversed", Recipe(rest: ",\n  \"bounds\": { \"*/*/Uiso\": [0.05, 0] }"),
            "recipe.json line 5, column 27: the bounds of '*/*/Uiso' must be [lower, upper] with lower below upper (null for an open side), not [0.05, 0].",
            "$.bounds['*/*/Uiso']"),
        new("bounds open on both sides", Recipe(rest: ",\n  \"bounds\": { \"*/*/Uiso\": [null, null] }"),
            "recipe.json line 5, column 27: the bounds of '*/*/Uiso' are open on both sides: give at least one number.",
            "$.bounds['*/*/Uiso']"),
        new("bounds twice", Recipe(rest: ",\n  \"bounds\": { \"*/*/Uiso\": [0, 1], \"*/*/Uiso\": [0, 2] }"),
            "recipe.json line 5, column 35: 'bounds' names '*/*/Uiso' twice.",
            "$.bounds['*/*/Uiso']"),
        new("bounds of an unknown phase", Recipe(rest: ",\n  \"bounds\": { \"rocksalt/*/Uiso\": [0, 1] }"),
            "recipe.json line 5, column 15: 'bounds': 'rocksalt/*/Uiso' names the phase 'rocksalt', which is not one of the recipe's phases (layered).",
            "$.bounds['rocksalt/*/Uiso']"),
        new("stages empty", Recipe(rest: ",\n  \"stages\": []"),
            "recipe.json line 5, column 13: 'stages' is empty: leave it out for a single stage, or list the stages.",
            "$.stages"),
        new("stage with an unknown field", Recipe(rest: ",\n  \"stages\": [{ \"name\": \"cells\", \"refine\": [\"layered/cell/*\"], \"cylces\": 3 }]"),
            "recipe.json line 5, column 63: stage 1 'cells': unknown field 'cylces' (did you mean 'cycles'?); the fields of a stage are name, refine, hold, cycles.",
            "$.stages[0].cylces"),
        new("two stages with one name", Recipe(rest: ",\n  \"stages\": [{ \"name\": \"cells\" }, { \"name\": \"cells\" }]"),
            "recipe.json line 5, column 45: stage 2: 'name' 'cells' is already the name of stage 1; stage names must be unique.",
            "$.stages[1].name"),
        new("stage cycles zero", Recipe(rest: ",\n  \"stages\": [{ \"refine\": [\"layered/cell/*\"], \"cycles\": 0 }]"),
            "recipe.json line 5, column 56: stage 1: 'cycles' must be 1 or more, not 0.",
            "$.stages[0].cycles"),
        new("stage refining an unknown phase", Recipe(rest: ",\n  \"stages\": [{ \"refine\": [\"rocksalt/cell/*\"] }]"),
            "recipe.json line 5, column 27: stage 1: 'refine': 'rocksalt/cell/*' names the phase 'rocksalt', which is not one of the recipe's phases (layered).",
            "$.stages[0].refine[0]"),
        new("cycles zero", Recipe(rest: ",\n  \"cycles\": 0"),
            "recipe.json line 5, column 13: 'cycles' must be 1 or more, not 0.",
            "$.cycles"),
        new("cycles as text", Recipe(rest: ",\n  \"cycles\": \"ten\""),
            "recipe.json line 5, column 13: 'cycles' must be a whole number, not \"ten\".",
            "$.cycles"),
        new("unknown output field", Recipe(rest: ",\n  \"output\": { \"xye\": \"fit.xye\" }"),
            "recipe.json line 5, column 15: output: unknown field 'xye'; the fields of the output are json, cif.",
            "$.output.xye"),
        new("output path empty", Recipe(rest: ",\n  \"output\": { \"cif\": \"\" }"),
            "recipe.json line 5, column 22: output: 'cif' must not be empty.",
            "$.output.cif"),
        new("title empty", Recipe(rest: ",\n  \"title\": \"\""),
            "recipe.json line 5, column 12: 'title' must not be empty.",
            "$.title"),
    ];

    // By name, so that each case is a test of its own in the runner's list.
    public static TheoryData<string> Errors() => [.. ErrorCases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_refusal_names_the_place_and_the_field(string name)
    {
        var error = ErrorCases.Single(c => c.Name == name);
        var e = Assert.Throws<RecipeFormatException>(() => Parse(error.Json));
        Assert.Equal(error.Message, e.Message);
        Assert.Equal(error.Field, e.Field);
        Assert.Equal($"recipe.json line {e.Line}, column {e.Column}: {e.Reason}", e.Message);
    }

    [Fact]
    public void Error_case_names_are_unique()
    {
        Assert.Equal(ErrorCases.Length, ErrorCases.Select(c => c.Name).Distinct().Count());
    }
}
