using System.Globalization;
using System.Text.Json;
using Crystallography.Intergrowth.Cli.Recipes;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Refinement;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The command <c>refine RECIPE [--json FILE] [--cif FILE] [--plot FILE] [--quiet]</c>: runs a refinement recipe
/// (docs/recipes.md) with <see cref="RecipeRunner"/>, stage after stage, prints the progress of each
/// cycle on standard error and the final table and R factors on standard output, and writes the
/// JSON report and the CIF of the refined phases where the options and the recipe's <c>output</c> say.
/// </summary>
/// <remarks>
/// Exit codes: 0 when the last stage converged or reached its cycle limit; 1 when the recipe or an
/// input does not read (the message gives the recipe's line and column, or the file); 2 when a stage
/// ends singular or diverged (the parameters the data do not determine are printed) — the report and
/// the CIF are still written, so that the failed state can be looked at.
/// </remarks>
internal static class RefineCommand
{
    /// <summary>Exit code of a refinement that ended singular or diverged.</summary>
    public const int Failed = 2;

    // The engine's threshold for StrongestCorrelations, repeated in the JSON so that readers know it.
    private const double CorrelationThreshold = 0.8;

    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count == 0) throw new UsageException("Give the recipe file.");
        if (args.Positionals.Count > 1)
            throw new UsageException($"refine takes one recipe, found {args.Positionals.Count}: {string.Join(" ", args.Positionals)}.");
        string recipePath = args.Positionals[0];
        bool quiet = args.HasFlag("--quiet");

        RecipeRunner runner;
        IReadOnlyList<StageOutcome> outcomes;
        try
        {
            if (!File.Exists(recipePath)) throw new FileNotFoundException($"recipe file not found: {recipePath}", recipePath);
            byte[] text = File.ReadAllBytes(recipePath);
            var recipe = RefinementRecipe.Load(recipePath);
            runner = RecipeRunner.Prepare(recipe, recipePath, text);
            outcomes = runner.Run(
                quiet ? null : stage => stderr.WriteLine(StageHeader(stage)),
                quiet ? null : (stage, p) => stderr.WriteLine(CycleLine(stage, p)),
                quiet ? null : outcome => stderr.WriteLine(StageEnd(outcome)));
        }
        catch (RecipeInputException e)
        {
            stderr.WriteLine($"intergrowth refine: {e.Message}");
            return CommandLine.InvalidInput;
        }

        var last = outcomes[^1];
        var result = last.Result;

        stdout.WriteLine($"Refinement: {runner.Recipe.Title ?? recipePath}");
        stdout.WriteLine();
        stdout.Write(result.Table().ToText());
        stdout.WriteLine();
        stdout.WriteLine("R factors per pattern");
        foreach (var fit in result.Patterns) stdout.WriteLine("  " + PatternLine(fit));
        stdout.WriteLine(Summary(outcomes, runner.Stages.Length));

        foreach (string path in OutputPaths(args.Option("--json"), runner.Recipe.Output.Json))
        {
            Write(path, w => JsonOutput.WriteDocument(w, json => WriteReport(json, recipePath, runner, outcomes)));
            stdout.WriteLine($"Report written to {path}");
        }
        foreach (string path in OutputPaths(args.Option("--cif"), runner.Recipe.Output.Cif))
        {
            Write(path, w => w.Write(result.ToCif()));
            stdout.WriteLine($"Refined phases written to {path}");
        }
        if (args.Option("--plot") is { } plot)
        {
            Write(plot, w => w.Write(RietveldPlot.ToSvg(result, RietveldPlotOptions.Default with { LabelReflections = true })));
            stdout.WriteLine($"Rietveld plot written to {plot}");
        }

        if (result.Status is LeastSquaresStatus.Converged or LeastSquaresStatus.MaximumCycles) return CommandLine.Success;
        stderr.WriteLine($"intergrowth refine: {last.Stage.Label} ended {StatusText(result.Status)}.");
        if (result.Status == LeastSquaresStatus.Singular)
        {
            stderr.WriteLine(result.NullSpaceParameters.IsEmpty
                ? "The data do not determine some combination of the refined parameters."
                : $"The data do not determine these parameters together: {string.Join(", ", result.NullSpaceParameters)}.");
            stderr.WriteLine("Hold one of them, constrain them, or refine them in a later stage.");
        }
        else if (result.Status == LeastSquaresStatus.Diverged)
        {
            stderr.WriteLine("No step from the best state gave a finite fit; start closer to the answer or refine fewer parameters at once.");
        }
        return Failed;
    }

    // ------------------------------------------------------------------ text

    private static string StageHeader(PlannedStage stage) => string.Create(CultureInfo.InvariantCulture,
        $"{stage.Label}: {stage.Refine.Length} parameters refined{(stage.Hold.IsEmpty ? "" : $", {stage.Hold.Length} held")}, up to {stage.Cycles} cycles");

    private static string CycleLine(PlannedStage stage, RefinementProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{stage.Label} cycle {p.Cycle}: chi^2 = {Number(p.ChiSquared)}, Rwp = {Percent(p.Rwp)} %, max shift/s.u. = {Shift(p.LargestShiftOverUncertainty)}");

    private static string StageEnd(StageOutcome outcome) => string.Create(CultureInfo.InvariantCulture,
        $"{outcome.Stage.Label}: {StatusText(outcome.Result.Status)} after {outcome.Result.LeastSquares.Cycles} cycles, " +
        $"Rwp = {Percent(outcome.Result.Overall.Rwp)} %, GoF = {Decimal(outcome.Result.Overall.GoodnessOfFit, 3)}");

    private static string PatternLine(PatternFit fit)
    {
        var a = fit.Agreement;
        string bragg = fit.Bragg.IsEmpty
            ? ""
            : "  R_Bragg " + string.Join(", ", fit.Bragg.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key} {Percent(b.Value.RBragg)} %"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{fit.Name}: Rp {Percent(a.Rp)} %, Rwp {Percent(a.Rwp)} %, Rexp {Percent(a.Rexp)} %, chi^2 {Number(a.ChiSquared)} over {a.Points} points, GoF {Decimal(a.GoodnessOfFit, 3)}{bragg}");
    }

    private static string Summary(IReadOnlyList<StageOutcome> outcomes, int stages)
    {
        var last = outcomes[^1];
        int total = outcomes.Sum(o => o.Result.LeastSquares.Cycles);
        string status = StatusText(last.Result.Status);
        return string.Create(CultureInfo.InvariantCulture,
            $"Status: {status} in {last.Stage.Label} after {last.Result.LeastSquares.Cycles} cycles ({total} cycles in {outcomes.Count} of {stages} stages).");
    }

    private static string StatusText(LeastSquaresStatus status) => status switch
    {
        LeastSquaresStatus.Converged => "converged",
        LeastSquaresStatus.MaximumCycles => "stopped at the cycle limit",
        LeastSquaresStatus.Singular => "singular",
        LeastSquaresStatus.Diverged => "diverged",
        LeastSquaresStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };

    private static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    private static string Decimal(double value, int decimals) =>
        double.IsFinite(value) ? Notation.Decimal(value, decimals) : "n/a";

    private static string Shift(double value) =>
        double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    // ------------------------------------------------------------------ files

    /// <summary>The command line's path (relative to the working folder) and the recipe's (resolved against its folder), each once.</summary>
    private static IEnumerable<string> OutputPaths(string? option, RecipePath? recipe)
    {
        var paths = new List<string>();
        if (option is not null) paths.Add(option);
        if (recipe is not null && !paths.Any(p => Path.GetFullPath(p) == recipe.FullPath)) paths.Add(recipe.FullPath);
        return paths;
    }

    private static void Write(string path, Action<TextWriter> write)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        write(writer);
    }

    // ------------------------------------------------------------------ JSON

    /// <summary>
    /// The report: the recipe, the status and cycles, each stage, every parameter with its value and
    /// s.u., the refined ones, the strong correlations, the R factors per pattern and overall, R_Bragg
    /// per phase and pattern, the phase fractions, the refined phases and the history of cycles.
    /// </summary>
    private static void WriteReport(Utf8JsonWriter w, string recipePath, RecipeRunner runner, IReadOnlyList<StageOutcome> outcomes)
    {
        var last = outcomes[^1];
        var result = last.Result;
        w.WriteStartObject();
        w.WriteString("recipe", recipePath);
        if (runner.Recipe.Title is { } title) w.WriteString("title", title);
        else w.WriteNull("title");
        w.WriteString("status", StatusName(result.Status));
        w.WriteNumber("cycles", outcomes.Sum(o => o.Result.LeastSquares.Cycles));
        w.WriteStartArray("nullSpace");
        foreach (string name in result.NullSpaceParameters) w.WriteStringValue(name);
        w.WriteEndArray();

        w.WriteStartArray("stages");
        foreach (var stage in runner.Stages)
        {
            var outcome = outcomes.FirstOrDefault(o => o.Stage == stage);
            w.WriteStartObject();
            w.WriteNumber("number", stage.Number);
            if (stage.Name is { } name) w.WriteString("name", name);
            else w.WriteNull("name");
            w.WriteNumber("maximumCycles", stage.Cycles);
            WriteIds(w, "refine", stage.Refine);
            WriteIds(w, "hold", stage.Hold);
            if (outcome is null)
            {
                w.WriteString("status", "notRun");
                w.WriteNull("cycles");
                w.WriteNull("chiSquared");
                w.WriteNull("rwp");
            }
            else
            {
                w.WriteString("status", StatusName(outcome.Result.Status));
                w.WriteNumber("cycles", outcome.Result.LeastSquares.Cycles);
                Number(w, "chiSquared", outcome.Result.Overall.ChiSquared);
                Number(w, "rwp", outcome.Result.Overall.Rwp);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var refined = result.Refined.ToHashSet();
        w.WriteStartArray("parameters");
        foreach (var (id, value) in result.Values.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", id.ToString());
            Number(w, "value", value.Value);
            Number(w, "su", value.StandardUncertainty);
            w.WriteBoolean("refined", refined.Contains(id));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteIds(w, "refined", result.Refined);

        w.WriteNumber("correlationThreshold", CorrelationThreshold);
        w.WriteStartArray("correlations");
        foreach (var c in result.StrongestCorrelations)
        {
            w.WriteStartObject();
            w.WriteString("first", c.First.ToString());
            w.WriteString("second", c.Second.ToString());
            Number(w, "coefficient", c.Coefficient);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("patterns");
        foreach (var fit in result.Patterns)
        {
            w.WriteStartObject();
            w.WriteString("name", fit.Name);
            WriteAgreement(w, fit.Agreement);
            w.WriteStartArray("bragg");
            foreach (var (phase, bragg) in fit.Bragg.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("phase", phase);
                Number(w, "rBragg", bragg.RBragg);
                Number(w, "rF", bragg.RF);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("overall");
        WriteAgreement(w, result.Overall);
        w.WriteEndObject();

        w.WriteStartArray("fractions");
        foreach (var phase in result.Phases)
        {
            w.WriteStartObject();
            w.WriteString("phase", phase.Name);
            if (result.MoleFractions.TryGetValue(phase.Name, out var mole))
            {
                Number(w, "moleFraction", mole.Value);
                Number(w, "moleFractionSu", mole.StandardUncertainty);
            }
            else
            {
                w.WriteNull("moleFraction");
                w.WriteNull("moleFractionSu");
            }
            if (result.WeightFractions.TryGetValue(phase.Name, out var weight))
            {
                Number(w, "weightFraction", weight.Value);
                Number(w, "weightFractionSu", weight.StandardUncertainty);
            }
            else
            {
                w.WriteNull("weightFraction");
                w.WriteNull("weightFractionSu");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("phases");
        foreach (var phase in result.Phases) JsonOutput.WritePhase(w, new PhaseSource(phase, "refined"));
        w.WriteEndArray();

        w.WriteStartArray("history");
        foreach (var outcome in outcomes)
            foreach (var p in outcome.Result.History)
            {
                w.WriteStartObject();
                w.WriteNumber("stage", outcome.Stage.Number);
                w.WriteNumber("cycle", p.Cycle);
                Number(w, "chiSquared", p.ChiSquared);
                Number(w, "rwp", p.Rwp);
                Number(w, "maxShiftOverSu", p.LargestShiftOverUncertainty);
                w.WriteEndObject();
            }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAgreement(Utf8JsonWriter w, AgreementFactors a)
    {
        w.WriteNumber("points", a.Points);
        w.WriteNumber("parameters", a.RefinedParameters);
        Number(w, "rp", a.Rp);
        Number(w, "rwp", a.Rwp);
        Number(w, "rexp", a.Rexp);
        Number(w, "chiSquared", a.ChiSquared);
        Number(w, "reducedChiSquared", a.ReducedChiSquared);
        Number(w, "gof", a.GoodnessOfFit);
    }

    private static void WriteIds(Utf8JsonWriter w, string name, IEnumerable<ParameterId> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids) w.WriteStringValue(id.ToString());
        w.WriteEndArray();
    }

    /// <summary>A number, or null where it is not finite (a GoF without degrees of freedom, a shift without s.u.): JSON has no NaN.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    /// <summary>The status as the report spells it: converged, maximumCycles, singular, diverged, cancelled.</summary>
    private static string StatusName(LeastSquaresStatus status)
    {
        string name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
