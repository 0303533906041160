using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// A recipe input that cannot be used although the recipe itself reads: a data, CIF or
/// instrument file that is missing or does not read, a CIF block that is not there, a stage
/// the engine refuses. The message names the recipe, the phase or pattern and the file.
/// </summary>
internal sealed class RecipeInputException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>One stage as it runs: every parameter it refines and holds, matched from the recipe's patterns.</summary>
/// <param name="Number">The 1-based stage number.</param>
/// <param name="Count">The number of stages.</param>
/// <param name="Name">The stage's name, or null.</param>
/// <param name="Refine">The parameters refined (the catalog's order).</param>
/// <param name="Hold">The parameters held at their values.</param>
/// <param name="Cycles">The least-squares cycles of the stage.</param>
internal sealed record PlannedStage(int Number, int Count, string? Name, ImmutableArray<ParameterId> Refine, ImmutableArray<ParameterId> Hold, int Cycles)
{
    /// <summary>"stage 2/4 'profiles'", or "stage 1/1".</summary>
    public string Label => Name is null
        ? string.Create(CultureInfo.InvariantCulture, $"stage {Number}/{Count}")
        : string.Create(CultureInfo.InvariantCulture, $"stage {Number}/{Count} '{Name}'");
}

/// <summary>The result of one stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Result">What the engine returned.</param>
internal sealed record StageOutcome(PlannedStage Stage, RefinementResult Result);

/// <summary>
/// Runs a <see cref="RefinementRecipe"/> on the engine: reads the phases (CIF files or inline
/// structures) and the patterns (data files, instruments, ranges, backgrounds), matches the
/// recipe's parameter patterns against the catalog of the refinement, and runs the cumulative
/// stages in order, each starting where the one before ended.
/// </summary>
/// <remarks>
/// Everything that can be checked before the first cycle is checked in <see cref="Prepare"/>: every
/// file is read, every refine, hold and bound pattern must match at least one parameter, every
/// constraint must read and name parameters of the refinement. When the recipe's text is given,
/// such a refusal is a <see cref="RecipeFormatException"/> at the entry's line and column.
/// Wildcards are matched against the independent parameters of the catalog, so that
/// <c>layered/cell/*</c> is a and c of a hexagonal cell; b follows a by symmetry.
/// </remarks>
internal sealed class RecipeRunner
{
    private readonly RecipeDocument? _document;

    private RecipeRunner(RefinementRecipe recipe, string recipeName, RecipeDocument? document)
    {
        Recipe = recipe;
        RecipeName = recipeName;
        _document = document;
    }

    /// <summary>The recipe.</summary>
    public RefinementRecipe Recipe { get; }

    /// <summary>The recipe's name in messages (the file as given).</summary>
    public string RecipeName { get; }

    /// <summary>The phases as the refinement starts from them, named as in the recipe.</summary>
    public ImmutableArray<Phase> Phases { get; private set; }

    /// <summary>The patterns, in the recipe's order.</summary>
    public ImmutableArray<RefinementPattern> Patterns { get; private set; }

    /// <summary>Starting phase scales stated by the recipe.</summary>
    public ImmutableDictionary<string, double> Scales { get; private set; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>Starting mole fractions stated by the recipe.</summary>
    public ImmutableDictionary<string, double> Fractions { get; private set; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>Every parameter of the refinement with its starting value.</summary>
    public ParameterCatalog Catalog { get; private set; } = null!;

    /// <summary>The stages, cumulative, with their parameters.</summary>
    public ImmutableArray<PlannedStage> Stages { get; private set; }

    /// <summary>The bounds per parameter, the last pattern written winning.</summary>
    public ImmutableArray<(ParameterId Parameter, double Lower, double Upper)> Bounds { get; private set; }

    /// <summary>
    /// Reads every input of the recipe and matches its patterns; nothing is refined yet.
    /// </summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="recipeName">Its name in messages: the file as given.</param>
    /// <param name="recipeUtf8">The recipe's text, to put a refusal at its line and column; or null.</param>
    /// <exception cref="RecipeFormatException">A pattern that matches no parameter, or a constraint that does not read (with the recipe's text).</exception>
    /// <exception cref="FormatException">The same, without the recipe's text.</exception>
    /// <exception cref="RecipeInputException">A file that is missing or does not read, a CIF block that is not there.</exception>
    public static RecipeRunner Prepare(RefinementRecipe recipe, string recipeName, byte[]? recipeUtf8 = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipeName);
        var runner = new RecipeRunner(recipe, recipeName, recipeUtf8 is null ? null : RecipeDocument.Read(recipeUtf8, recipeName));
        runner.ReadPhases();
        runner.ReadPatterns();
        runner.Catalog = runner.NewBuilder().Catalog();
        runner.MatchPatterns();
        runner.CheckConstraints();
        return runner;
    }

    /// <summary>
    /// Runs the stages in order, each starting from the result of the one before; stops after a
    /// stage that ends singular or diverged.
    /// </summary>
    /// <param name="starting">Called before each stage, or null.</param>
    /// <param name="progress">Called after each cycle, synchronously, or null.</param>
    /// <param name="finished">Called after each stage, or null.</param>
    /// <returns>One outcome per stage run.</returns>
    /// <exception cref="RecipeInputException">The engine refuses a stage (too few points, constraints in conflict).</exception>
    public IReadOnlyList<StageOutcome> Run(Action<PlannedStage>? starting = null, Action<PlannedStage, RefinementProgress>? progress = null,
                                           Action<StageOutcome>? finished = null)
    {
        var outcomes = new List<StageOutcome>();
        RefinementResult? previous = null;
        foreach (var stage in Stages)
        {
            starting?.Invoke(stage);
            var builder = NewBuilder()
                .Refine(stage.Refine)
                .WithMaximumCycles(stage.Cycles);
            if (!stage.Hold.IsEmpty) builder.Hold(stage.Hold.Select(id => id.ToString()));
            foreach (string constraint in Recipe.Constraints) builder.Constrain(constraint);
            foreach (var (id, lower, upper) in Bounds) builder.Bound(id.ToString(), lower, upper);
            if (previous is not null) builder.StartingFrom(previous);
            RefinementResult result;
            try
            {
                result = builder.Run(progress is null ? null : new Relay(p => progress(stage, p)));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                // The engine refuses the stage as set up: too few points for the variables, constraints in conflict.
                string message = e is ArgumentException a ? WithoutParameterName(a) : e.Message;
                throw new RecipeInputException($"{RecipeName}: {stage.Label}: {message}", e);
            }
            var outcome = new StageOutcome(stage, result);
            outcomes.Add(outcome);
            finished?.Invoke(outcome);
            if (result.Status is LeastSquaresStatus.Singular or LeastSquaresStatus.Diverged or LeastSquaresStatus.Cancelled) break;
            previous = result;
        }
        return outcomes;
    }

    private RefinementBuilder NewBuilder()
    {
        var builder = Refinement.Refinement.Of(Phases);
        foreach (var pattern in Patterns) builder.Against(pattern);
        if (!Scales.IsEmpty) builder.WithScales(Scales.Select(kv => (kv.Key, kv.Value)));
        if (!Fractions.IsEmpty) builder.WithFractions(Fractions.Select(kv => (kv.Key, kv.Value)));
        return builder;
    }

    // ------------------------------------------------------------------ phases

    private void ReadPhases()
    {
        var phases = ImmutableArray.CreateBuilder<Phase>(Recipe.Phases.Length);
        var scales = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var fractions = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var recipePhase in Recipe.Phases)
        {
            var phase = recipePhase.Source switch
            {
                RecipeCifFile cif => FromCif(recipePhase.Name, cif),
                RecipeStructure structure => Inline(recipePhase.Name, structure),
                _ => throw new InvalidOperationException($"Unknown phase source {recipePhase.Source.GetType().Name}."),
            };
            if (recipePhase.FormulaUnit is { } unit) phase = Checked(recipePhase.Name, () => phase.PerFormulaUnit(unit));
            phases.Add(phase);
            if (recipePhase.Scale is { } scale) scales[recipePhase.Name] = scale;
            if (recipePhase.Fraction is { } fraction) fractions[recipePhase.Name] = fraction;
        }
        Phases = phases.MoveToImmutable();
        Scales = scales.ToImmutable();
        Fractions = fractions.ToImmutable();
    }

    private Phase FromCif(string name, RecipeCifFile cif)
    {
        string where = $"{RecipeName}: phase '{name}': 'cif' {cif.Path.Text}";
        IReadOnlyList<Phase> read;
        try
        {
            if (!File.Exists(cif.Path.FullPath)) throw new FileNotFoundException($"CIF file not found: {cif.Path.FullPath}", cif.Path.FullPath);
            read = Cif.ReadPhases(cif.Path.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new RecipeInputException($"{where}: {e.Message}", e);
        }
        Phase phase;
        if (cif.Block is { } block)
        {
            string wanted = block.StartsWith("data_", StringComparison.OrdinalIgnoreCase) ? block["data_".Length..] : block;
            phase = read.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase))
                ?? throw new RecipeInputException($"{where}: no data block '{block}' describes a structure; the file's phases are {string.Join(", ", read.Select(p => p.Name))}.");
        }
        else if (read.Count == 1)
        {
            phase = read[0];
        }
        else
        {
            throw new RecipeInputException($"{where}: the file holds {read.Count} phases ({string.Join(", ", read.Select(p => p.Name))}); give 'block' to choose one.");
        }
        return Checked(name, () => phase.WithName(name));
    }

    private Phase Inline(string name, RecipeStructure structure) => Checked(name, () =>
    {
        var cell = structure.Cell;
        var builder = Phase.Create(name)
            .WithSpaceGroup(structure.SpaceGroup)
            .WithCell(cell.A, cell.B, cell.C, cell.Alpha, cell.Beta, cell.Gamma);
        foreach (var site in structure.Sites)
        {
            var displacement = site.Uaniso is { } u
                ? AtomicDisplacement.FromAnisotropic(new AnisotropicU(u.U11, u.U22, u.U33, u.U12, u.U13, u.U23))
                : AtomicDisplacement.Isotropic(site.Uiso ?? 0);
            builder.AddSite(site.Label, new FractionalPosition(site.X, site.Y, site.Z),
                            site.Occupants.Select(o => new SiteOccupant(o.Species, o.Occupancy)), displacement);
        }
        return builder.Build();
    });

    private Phase Checked(string name, Func<Phase> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            string message = e is ArgumentException a ? WithoutParameterName(a) : e.Message;
            throw new RecipeInputException($"{RecipeName}: phase '{name}': {message}", e);
        }
    }

    // ------------------------------------------------------------------ patterns

    private void ReadPatterns()
    {
        var patterns = ImmutableArray.CreateBuilder<RefinementPattern>(Recipe.Patterns.Length);
        foreach (var recipePattern in Recipe.Patterns) patterns.Add(ReadPattern(recipePattern));
        Patterns = patterns.MoveToImmutable();
    }

    private RefinementPattern ReadPattern(RecipePattern recipe)
    {
        string where = $"{RecipeName}: pattern '{recipe.Name}'";
        var data = ReadData(recipe, where);
        var instrument = ReadInstrument(recipe, where);
        try
        {
            (double, double)? range = recipe.Range is { } r ? (r.Min, r.Max) : null;
            var pattern = RefinementPattern.FromPowderPattern(recipe.Name, data, instrument, recipe.Background.Terms, range,
                                                              [.. recipe.Exclude.Select(e => (e.Min, e.Max))], recipe.Weight);
            if (!recipe.Background.Coefficients.IsEmpty)
                pattern = pattern.WithBackground(pattern.Background.WithCoefficients(recipe.Background.Coefficients));
            return pattern;
        }
        catch (ArgumentException e)
        {
            throw new RecipeInputException($"{where}: {recipe.Data.Text}: {WithoutParameterName(e)}", e);
        }
    }

    private static PowderPattern ReadData(RecipePattern recipe, string where)
    {
        string path = recipe.Data.FullPath;
        ImmutableArray<PowderPattern> banks;
        try
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"powder data file not found: {path}", path);
            banks = recipe.Format switch
            {
                null => PowderFile.Read(path),
                PowderFileFormat.Columns => [XyFile.Read(path)],
                PowderFileFormat.GsasRaw => GsasRawFile.Read(path),
                PowderFileFormat.FullProfFreeFormat => [FullProfDataFile.Read(path, FullProfDataLayout.FreeFormat)],
                PowderFileFormat.FullProfXyData => [FullProfDataFile.Read(path, FullProfDataLayout.XYSigma)],
                PowderFileFormat.Xrdml => [.. XrdmlReader.ReadAll(path)],
                PowderFileFormat.BrukerRaw => [.. BrukerRawReader.ReadAll(path)],
                PowderFileFormat.BrukerUxd => [.. BrukerUxdReader.ReadAll(path)],
                PowderFileFormat.BrukerBrml => [.. BrukerBrmlReader.ReadAll(path)],
                PowderFileFormat.RigakuRasx => [.. RigakuRasxReader.ReadAll(path)],
                PowderFileFormat.PdCif => [.. PdCifReader.ReadAll(path)],
                var other => throw new FormatException($"the format {other} cannot be read here."),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            string message = e is ArgumentException a ? WithoutParameterName(a) : e.Message;
            throw new RecipeInputException($"{where}: 'data' {recipe.Data.Text}: {message}", e);
        }
        if (banks.IsEmpty) throw new RecipeInputException($"{where}: 'data' {recipe.Data.Text} ({path}) holds no pattern.");
        var numbered = banks.FirstOrDefault(b => b.Bank == recipe.Bank);
        if (numbered is not null) return numbered;
        if (recipe.Bank <= banks.Length) return banks[recipe.Bank - 1];
        throw new RecipeInputException(string.Create(CultureInfo.InvariantCulture,
            $"{where}: 'data' {recipe.Data.Text} ({path}) has no bank {recipe.Bank}: it holds {banks.Length} pattern(s)."));
    }

    private static Instrument ReadInstrument(RecipePattern recipe, string where)
    {
        Instrument instrument;
        if (recipe.Instrument.Preset is { } preset)
        {
            instrument = Instrument.Preset(preset) ?? throw new RecipeInputException($"{where}: '{preset}' is not an instrument preset.");
        }
        else
        {
            var file = recipe.Instrument.File!;
            int bank = recipe.Instrument.Bank ?? recipe.Bank;
            try
            {
                if (!File.Exists(file.FullPath)) throw new FileNotFoundException($"instrument parameter file not found: {file.FullPath}", file.FullPath);
                instrument = Instrument.FromFile(file.FullPath, bank);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                string message = e is ArgumentException a ? WithoutParameterName(a) : e.Message;
                throw new RecipeInputException($"{where}: 'instrument' {file.Text}: {message}", e);
            }
        }
        if (recipe.Wavelength is { } wavelength)
        {
            Radiation radiation = instrument.Radiation switch
            {
                SynchrotronXRays s => s.WithWavelength(wavelength),
                ConstantWavelengthNeutrons n => n.WithWavelength(wavelength),
                // Kα2 keeps its ratio to Kα1: a calibrated Kα1 moves both lines of the tube.
                LaboratoryXRays lab => lab.WithWavelengths(wavelength, wavelength * lab.KAlpha2 / lab.KAlpha1),
                _ => throw new RecipeInputException($"{where}: 'wavelength' does not apply to the instrument {recipe.Instrument} ({instrument.Radiation})."),
            };
            instrument = instrument.WithRadiation(radiation);
        }
        return instrument;
    }

    // ------------------------------------------------------------------ parameter patterns

    /// <summary>Where a pattern was written: the field, its JSON path, the object a message is about, and how to find its node.</summary>
    private readonly record struct Entry(string Pattern, string Field, string Path, string Context, Func<RecipeNode, long?> Offset);

    private void MatchPatterns()
    {
        var independent = Catalog.Parameters;
        var matches = new Dictionary<string, ImmutableArray<ParameterId>>(StringComparer.Ordinal);
        foreach (var entry in Entries())
        {
            if (matches.ContainsKey(entry.Pattern)) continue;
            ImmutableArray<ParameterId> found = [.. independent.Where(id => RecipeParameterPattern.Matches(entry.Pattern, id))];
            if (found.IsEmpty) throw Refuse(entry, $"'{entry.Field}': '{entry.Pattern}' matches no parameter of this refinement{Hint(entry.Pattern)}.");
            matches[entry.Pattern] = found;
        }

        ImmutableArray<ParameterId> Expand(IEnumerable<string> patterns)
        {
            var set = patterns.SelectMany(p => matches[p]).ToHashSet();
            return [.. independent.Where(set.Contains)];
        }

        var cumulative = Recipe.CumulativeStages();
        var stages = ImmutableArray.CreateBuilder<PlannedStage>(cumulative.Length);
        for (int i = 0; i < cumulative.Length; i++)
        {
            var stage = cumulative[i];
            var hold = Expand(stage.Hold);
            var refine = Expand(stage.Refine);
            var planned = new PlannedStage(i + 1, cumulative.Length, stage.Name, refine, hold, stage.Cycles ?? Recipe.Cycles);
            if (!refine.Except(hold).Any())
                throw new FormatException($"{RecipeName}: {planned.Label} refines nothing: " +
                                          (refine.IsEmpty ? "give 'refine' patterns (at the top or in the stage)." : "its 'hold' patterns hold everything it refines."));
            stages.Add(planned);
        }
        Stages = stages.MoveToImmutable();

        var bounds = new Dictionary<ParameterId, (double, double)>();
        var order = new List<ParameterId>();
        foreach (var bound in Recipe.Bounds)
            foreach (var id in matches[bound.Pattern])
            {
                if (!bounds.ContainsKey(id)) order.Add(id);
                bounds[id] = (bound.Lower, bound.Upper);
            }
        Bounds = [.. order.Select(id => (id, bounds[id].Item1, bounds[id].Item2))];
    }

    /// <summary>Every refine, hold and bound pattern of the recipe, in the order written, with where it is.</summary>
    private IEnumerable<Entry> Entries()
    {
        for (int i = 0; i < Recipe.Refine.Length; i++)
        {
            int item = i;
            yield return new Entry(Recipe.Refine[i], "refine", $"$.refine[{item}]", "", root => Item(Property(root, "refine"), item)?.Offset);
        }
        for (int i = 0; i < Recipe.Hold.Length; i++)
        {
            int item = i;
            yield return new Entry(Recipe.Hold[i], "hold", $"$.hold[{item}]", "", root => Item(Property(root, "hold"), item)?.Offset);
        }
        for (int s = 0; s < Recipe.Stages.Length; s++)
        {
            var stage = Recipe.Stages[s];
            int index = s;
            string context = string.Create(CultureInfo.InvariantCulture, $"stage {s + 1}") + (stage.Name is { } name ? $" '{name}'" : "");
            for (int i = 0; i < stage.Refine.Length; i++)
            {
                int item = i;
                yield return new Entry(stage.Refine[i], "refine", $"$.stages[{index}].refine[{item}]", context,
                                       root => Item(Property(Item(Property(root, "stages"), index), "refine"), item)?.Offset);
            }
            for (int i = 0; i < stage.Hold.Length; i++)
            {
                int item = i;
                yield return new Entry(stage.Hold[i], "hold", $"$.stages[{index}].hold[{item}]", context,
                                       root => Item(Property(Item(Property(root, "stages"), index), "hold"), item)?.Offset);
            }
        }
        foreach (var bound in Recipe.Bounds)
        {
            string key = bound.Pattern;
            yield return new Entry(key, "bounds", $"$.bounds['{key}']", "", root => Property(root, "bounds")?.Properties.Find(p => p.Name == key)?.Offset);
        }
    }

    private void CheckConstraints()
    {
        for (int i = 0; i < Recipe.Constraints.Length; i++)
        {
            string text = Recipe.Constraints[i];
            int item = i;
            var entry = new Entry(text, "constraints", $"$.constraints[{item}]", "", root => Item(Property(root, "constraints"), item)?.Offset);
            LinearConstraint constraint;
            try
            {
                constraint = LinearConstraint.Parse(text);
            }
            catch (FormatException e)
            {
                throw Refuse(entry, $"'constraints': '{text}' does not read: {e.Message}");
            }
            foreach (var id in constraint.Parameters)
            {
                if (!Catalog.Contains(id))
                    throw Refuse(entry, $"'constraints': '{text}' names {id}, which is not a parameter of this refinement{Hint(id.ToString())}.");
            }
        }
    }

    /// <summary>Why a pattern may match nothing, when a likely cause is seen: a site, a pattern parameter, a background index.</summary>
    private string Hint(string pattern)
    {
        string[] segments = pattern.Split('/');
        string? scope = RecipeParameterPattern.Scope(pattern, out bool histogram);
        if (histogram && scope is not null && segments.Length == 2)
        {
            var found = Patterns.FirstOrDefault(p => p.Name == scope);
            if (found is null) return $": there is no pattern '{scope}'";
            string last = segments[1];
            int open = last.IndexOf('[', StringComparison.Ordinal);
            string stem = open > 0 ? last[..open] : last;
            int terms = found.Background.Coefficients.Count;
            if (stem == "bkg")
                return string.Create(CultureInfo.InvariantCulture, $": pattern '{scope}' has {terms} background terms, bkg[0] … bkg[{terms - 1}]");
            if (stem != "*" && !found.ParameterNames.Contains(stem))
                return $": pattern '{scope}' ({(found.IsTimeOfFlight ? "time of flight" : "constant wavelength")}) has {string.Join(", ", found.ParameterNames)} and bkg[k]";
            return "";
        }
        if (!histogram && segments.Length == 3 && segments[2] is "U11" or "U22" or "U33" or "U12" or "U13" or "U23")
        {
            var phases = scope is null ? Phases : [.. Phases.Where(p => p.Name == scope)];
            if (phases.Length > 0 && phases.All(p => p.Sites.All(s => s.Displacement.Anisotropic is null)))
                return $": no site of {(scope is null ? "any phase" : $"phase '{scope}'")} is anisotropic; refine Uiso instead";
        }
        if (!histogram && scope is not null && segments.Length == 3)
        {
            var phase = Phases.FirstOrDefault(p => p.Name == scope);
            if (phase is null) return $": there is no phase '{scope}'";
            string site = segments[1];
            if (site != "*" && site != "cell" && phase.Sites.All(s => s.Label != site))
                return $": phase '{scope}' has no site '{site}'; its sites are {string.Join(", ", phase.Sites.Select(s => s.Label))}";
            if (ParameterId.TryParse(pattern, out var id) && id is not null && Catalog.DependentParameters.Contains(id))
                return $": {id} is tied to another parameter by symmetry ({Catalog.SymmetryConstraints.First(c => c.CoefficientOf(id) != 0)}) and follows it; refine that one";
        }
        if (!histogram && scope is not null && segments.Length == 2 && segments[1] == "fraction" && !Fractions.ContainsKey(scope))
            return $": phase '{scope}' has no mole fraction; give it 'fraction' in the recipe";
        return "";
    }

    private Exception Refuse(Entry entry, string reason)
    {
        string message = entry.Context.Length == 0 ? reason : $"{entry.Context}: {reason}";
        if (_document is not null && entry.Offset(_document.Root) is { } offset)
        {
            var (line, column) = _document.PositionOf(offset);
            return new RecipeFormatException(RecipeName, line, column, entry.Path, message);
        }
        return new FormatException($"{RecipeName}: {message}");
    }

    private static RecipeNode? Property(RecipeNode? node, string name) =>
        node?.Kind == RecipeNodeKind.Object ? node.Properties.Find(p => p.Name == name)?.Value : null;

    private static RecipeNode? Item(RecipeNode? node, int index) =>
        node?.Kind == RecipeNodeKind.Array && index < node.Items.Count ? node.Items[index] : null;

    private static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    // Relays the engine's reports synchronously (Progress<T> would post them to a context).
    private sealed class Relay(Action<RefinementProgress> action) : IProgress<RefinementProgress>
    {
        public void Report(RefinementProgress value) => action(value);
    }
}
