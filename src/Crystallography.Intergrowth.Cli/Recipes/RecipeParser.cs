using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// Turns a recipe's JSON (<see cref="RecipeDocument"/>) into a <see cref="RefinementRecipe"/>, with a
/// message that gives the line, column, object and field for everything it refuses. The JSON kinds,
/// required and unknown fields and cross-references are checked here; the values' own rules are the
/// recipe types', whose messages are put at the place of the field they name.
/// </summary>
internal sealed class RecipeParser
{
    private static readonly string[] RecipeFields = ["title", "phases", "patterns", "refine", "hold", "constraints", "bounds", "stages", "cycles", "output"];
    private static readonly string[] PhaseFields = ["name", "cif", "block", "spaceGroup", "cell", "sites", "formulaUnit", "scale", "fraction"];
    private static readonly string[] CellFields = ["a", "b", "c", "alpha", "beta", "gamma"];
    private static readonly string[] SiteFields = ["label", "x", "y", "z", "uiso", "uaniso", "occupants"];
    private static readonly string[] OccupantFields = ["species", "occupancy"];
    private static readonly string[] PatternFields = ["name", "data", "format", "bank", "instrument", "instrumentBank", "wavelength", "range", "exclude", "background", "weight"];
    private static readonly string[] BackgroundFields = ["terms", "coefficients"];
    private static readonly string[] StageFields = ["name", "refine", "hold", "cycles"];
    private static readonly string[] OutputFields = ["json", "cif"];

    private readonly RecipeDocument _document;
    private readonly string _baseDirectory;
    // Names read so far, with the index of the phase or pattern that bears each.
    private readonly Dictionary<string, int> _phaseNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _patternNames = new(StringComparer.Ordinal);

    private RecipeParser(RecipeDocument document, string baseDirectory)
    {
        _document = document;
        _baseDirectory = baseDirectory;
    }

    public static RefinementRecipe Parse(byte[] utf8, string baseDirectory, string recipeName)
    {
        var document = RecipeDocument.Read(utf8, recipeName);
        return new RecipeParser(document, Path.GetFullPath(baseDirectory)).Recipe(document.Root);
    }

    /// <summary>The JSON path of a field and the object a message is about ("pattern 'sxrd'").</summary>
    private readonly record struct Where(string Path, string Context)
    {
        public Where Field(string name) => this with { Path = $"{Path}.{name}" };

        public Where Item(int index) => this with { Path = $"{Path}[{index}]" };

        public Where Key(string key) => this with { Path = $"{Path}['{key}']" };

        public Where About(string context) => this with { Context = context };

        public string Say(string reason) => Context.Length == 0 ? reason : $"{Context}: {reason}";
    }

    // ------------------------------------------------------------------ the recipe

    private RefinementRecipe Recipe(RecipeNode root)
    {
        var where = new Where("$", "");
        var fields = Open(root, where, "the recipe");
        fields.RejectUnknown(RecipeFields, "a recipe");

        var phases = List(fields.Required("phases", "the list of phases"), where.Field("phases"), "phases", "phase", Phase);
        var patterns = List(fields.Required("patterns", "the list of patterns (histograms)"), where.Field("patterns"), "patterns", "pattern", Pattern);

        var recipe = new RefinementRecipe(_baseDirectory, phases, patterns);
        if (fields.Value("title") is { } title) recipe = recipe with { Title = String(title, where.Field("title"), "title") };
        if (fields.Value("refine") is { } refine) recipe = recipe with { Refine = Patterns(refine, where.Field("refine"), "refine") };
        if (fields.Value("hold") is { } hold) recipe = recipe with { Hold = Patterns(hold, where.Field("hold"), "hold") };
        if (fields.Value("constraints") is { } constraints) recipe = recipe with { Constraints = Strings(constraints, where.Field("constraints"), "constraints") };
        if (fields.Value("bounds") is { } bounds) recipe = recipe with { Bounds = Bounds(bounds, where.Field("bounds")) };
        if (fields.Value("stages") is { } stages)
        {
            var list = stages.Kind == RecipeNodeKind.Array && stages.Items.Count == 0
                ? throw Fail(stages, where.Field("stages"), "'stages' is empty: leave it out for a single stage, or list the stages.")
                : List(stages, where.Field("stages"), "stages", "stage", Stage);
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i].Name is not { } name) continue;
                if (names.TryGetValue(name, out int first))
                {
                    var nameNode = stages.Items[i].Properties.First(p => p.Name == "name");
                    throw Fail(nameNode.Value, where.Field("stages").Item(i).Field("name").About($"stage {i + 1}"),
                        $"'name' '{name}' is already the name of stage {first + 1}; stage names must be unique.");
                }
                names.Add(name, i);
            }
            recipe = recipe with { Stages = list };
        }
        if (fields.Value("cycles") is { } cycles)
            recipe = Build(cycles, where.Field("cycles"), () => recipe with { Cycles = Integer(cycles, where.Field("cycles"), "cycles") });
        if (fields.Value("output") is { } output) recipe = recipe with { Output = Output(output, where.Field("output").About("output")) };
        return recipe;
    }

    /// <summary>A non-empty list of objects (phases, patterns, stages), each read by <paramref name="read"/> with its index.</summary>
    private ImmutableArray<T> List<T>(RecipeNode node, Where where, string field, string what, Func<RecipeNode, Where, int, T> read)
    {
        if (node.Kind != RecipeNodeKind.Array)
            throw Fail(node, where, $"'{field}' must be a list [{{…}}, …] of {field}, not {node.Describe()}.");
        if (node.Items.Count == 0) throw Fail(node, where, $"'{field}' must list at least one {what}.");
        var items = ImmutableArray.CreateBuilder<T>(node.Items.Count);
        for (int i = 0; i < node.Items.Count; i++) items.Add(read(node.Items[i], where.Item(i), i));
        return items.MoveToImmutable();
    }

    // ------------------------------------------------------------------ phases

    private RecipePhase Phase(RecipeNode node, Where where, int index)
    {
        where = where.About($"phase {index + 1}");
        var fields = Open(node, where, "each entry of 'phases'");
        string name = UniqueName(fields, where, "phase", index, _phaseNames);
        where = where.About($"phase '{name}'");
        fields.Where = where;
        fields.RejectUnknown(PhaseFields, "a phase");

        RecipePhaseSource source;
        var inline = new[] { "spaceGroup", "cell", "sites" }.Select(f => fields[f]).OfType<RecipeProperty>().ToList();
        if (fields.Value("cif") is { } cif)
        {
            if (inline.Count > 0)
                throw Fail(inline[0].Offset, where.Field(inline[0].Name),
                    $"'{inline[0].Name}' is given with 'cif': give either 'cif' or the structure inline ('spaceGroup', 'cell', 'sites'), not both.");
            var path = FilePath(cif, where.Field("cif"), "cif");
            string? block = fields.Value("block") is { } b ? String(b, where.Field("block"), "block") : null;
            source = new RecipeCifFile(path, block);
        }
        else
        {
            if (fields["block"] is { } block)
                throw Fail(block.Offset, where.Field("block"), "'block' picks a data block of the 'cif' file, and this phase has no 'cif'.");
            if (inline.Count == 0)
                throw Fail(node, where, "give 'cif' (a CIF file) or the structure inline: 'spaceGroup', 'cell' and 'sites'.");
            var groupNode = fields.Required("spaceGroup", "the space group of a structure given inline (or give 'cif')");
            var cellNode = fields.Required("cell", "the cell of a structure given inline (or give 'cif')");
            var sitesNode = fields.Required("sites", "the sites of a structure given inline (or give 'cif')");
            string group = String(groupNode, where.Field("spaceGroup"), "spaceGroup");
            try
            {
                _ = SpaceGroup.Parse(group);
            }
            catch (UnknownSpaceGroupException e)
            {
                throw Fail(groupNode, where.Field("spaceGroup"), $"'spaceGroup': {e.Message}");
            }
            var cell = Cell(cellNode, where.Field("cell"));
            var sites = Sites(sitesNode, where.Field("sites"), name);
            source = Build(node, where, () => new RecipeStructure(group, cell, sites));
        }

        var phase = new RecipePhase(name, source);
        if (fields.Value("formulaUnit") is { } unit)
            phase = Build(unit, where.Field("formulaUnit"), () => phase with { FormulaUnit = String(unit, where.Field("formulaUnit"), "formulaUnit") });
        if (fields.Value("scale") is { } scale)
            phase = Build(scale, where.Field("scale"), () => phase with { Scale = Number(scale, where.Field("scale"), "scale") });
        if (fields.Value("fraction") is { } fraction)
            phase = Build(fraction, where.Field("fraction"), () => phase with { Fraction = Number(fraction, where.Field("fraction"), "fraction") });
        return phase;
    }

    private RecipeCell Cell(RecipeNode node, Where where)
    {
        var fields = Open(node, where, "'cell'");
        where = where.About($"{where.Context}, cell");
        fields.Where = where;
        fields.RejectUnknown(CellFields, "the cell");
        double[] values = [.. CellFields.Select(f => Number(fields.Required(f, f is "a" or "b" or "c" ? "a length in Å" : "an angle in degrees"), where.Field(f), f))];
        return Build(fields, () => new RecipeCell(values[0], values[1], values[2], values[3], values[4], values[5]));
    }

    private ImmutableArray<RecipeSite> Sites(RecipeNode node, Where where, string phase)
    {
        if (node.Kind != RecipeNodeKind.Array)
            throw Fail(node, where, $"'sites' must be a list of sites [{{\"label\": …}}, …], not {node.Describe()}.");
        if (node.Items.Count == 0) throw Fail(node, where, "'sites' must list at least one site.");
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var sites = ImmutableArray.CreateBuilder<RecipeSite>(node.Items.Count);
        for (int i = 0; i < node.Items.Count; i++)
        {
            var siteWhere = where.Item(i).About($"phase '{phase}', site {i + 1}");
            var fields = Open(node.Items[i], siteWhere, "each entry of 'sites'");
            var labelNode = fields.Required("label", "the site's label, e.g. O1");
            string label = String(labelNode, siteWhere.Field("label"), "label");
            if (labels.TryGetValue(label, out int first))
                throw Fail(labelNode, siteWhere.Field("label"), $"'label' '{label}' is already the label of site {first + 1}; labels must be unique in a phase.");
            labels.Add(label, i);
            siteWhere = siteWhere.About($"phase '{phase}', site '{label}'");
            fields.Where = siteWhere;
            fields.RejectUnknown(SiteFields, "a site");
            sites.Add(Site(fields, siteWhere, label));
        }
        return sites.MoveToImmutable();
    }

    private RecipeSite Site(Fields fields, Where where, string label)
    {
        double x = NumberOrFraction(fields.Required("x", "fractional x"), where.Field("x"), "x");
        double y = NumberOrFraction(fields.Required("y", "fractional y"), where.Field("y"), "y");
        double z = NumberOrFraction(fields.Required("z", "fractional z"), where.Field("z"), "z");
        var uiso = fields.Value("uiso");
        var uaniso = fields["uaniso"];
        if (uiso is not null && uaniso is not null)
            throw Fail(uaniso.Offset, where.Field("uaniso"), "give 'uiso' or 'uaniso', not both.");
        if (uiso is null && uaniso is null)
            throw Fail(fields.Node, where, "'uiso' (Å²) or 'uaniso' ([U11, U22, U33, U12, U13, U23], Å²) is required.");

        var occupantsNode = fields.Required("occupants", "the species on the site, [{\"species\": \"Li+\", \"occupancy\": 1}, …]");
        var occupants = Occupants(occupantsNode, where.Field("occupants"));
        if (uiso is not null)
        {
            double u = Number(uiso, where.Field("uiso"), "uiso");
            return Build(fields, () => new RecipeSite(label, x, y, z, u, occupants));
        }
        var u6 = uaniso!.Value;
        if (u6.Kind != RecipeNodeKind.Array || u6.Items.Count != 6)
            throw Fail(u6, where.Field("uaniso"), $"'uaniso' must be six numbers [U11, U22, U33, U12, U13, U23] in Å², not {Show(u6)}.");
        double[] u6Values = [.. u6.Items.Select((n, i) => Number(n, where.Field("uaniso").Item(i), "uaniso"))];
        var displacement = new RecipeAnisotropicDisplacement(u6Values[0], u6Values[1], u6Values[2], u6Values[3], u6Values[4], u6Values[5]);
        return Build(fields, () => new RecipeSite(label, x, y, z, displacement, occupants));
    }

    private ImmutableArray<RecipeOccupant> Occupants(RecipeNode node, Where where)
    {
        if (node.Kind != RecipeNodeKind.Array)
            throw Fail(node, where, $"'occupants' must be a list [{{\"species\": \"Li+\", \"occupancy\": 1}}, …], not {node.Describe()}.");
        if (node.Items.Count == 0) throw Fail(node, where, "'occupants' must list at least one species.");
        var elements = new Dictionary<string, Species>(StringComparer.Ordinal);
        var occupants = ImmutableArray.CreateBuilder<RecipeOccupant>(node.Items.Count);
        for (int i = 0; i < node.Items.Count; i++)
        {
            var item = where.Item(i);
            var fields = Open(node.Items[i], item, "each entry of 'occupants'");
            fields.RejectUnknown(OccupantFields, "an occupant");
            var speciesNode = fields.Required("species", "the element with an optional charge, e.g. Li+ or Ni2+");
            string text = String(speciesNode, item.Field("species"), "species");
            if (!Species.TryParse(text, out var species))
                throw Fail(speciesNode, item.Field("species"), $"'species' must be an element with an optional charge (Li+, Ni2+, O2-, Ni), not \"{text}\".");
            if (elements.TryGetValue(species!.Symbol, out var before))
                throw Fail(speciesNode, item.Field("species"),
                    $"'species' {text}: the element {species.Symbol} is already on this site (as {before}); occupancy parameters (occ[{species.Symbol}]) are per element.");
            elements.Add(species.Symbol, species);
            double occupancy = fields.Value("occupancy") is { } o ? NumberOrFraction(o, item.Field("occupancy"), "occupancy") : 1;
            occupants.Add(Build(fields, () => new RecipeOccupant(species, occupancy)));
        }
        return occupants.MoveToImmutable();
    }

    // ------------------------------------------------------------------ patterns

    private RecipePattern Pattern(RecipeNode node, Where where, int index)
    {
        where = where.About($"pattern {index + 1}");
        var fields = Open(node, where, "each entry of 'patterns'");
        string name = UniqueName(fields, where, "pattern", index, _patternNames);
        where = where.About($"pattern '{name}'");
        fields.Where = where;
        fields.RejectUnknown(PatternFields, "a pattern");

        var data = FilePath(fields.Required("data", "the powder-data file"), where.Field("data"), "data");
        var instrumentNode = fields.Required("instrument", $"a preset ({string.Join(", ", Instrument.PresetNames)}) or an instrument-parameter file (.prm, .instprm, .irf)");
        string instrumentText = String(instrumentNode, where.Field("instrument"), "instrument");
        RecipeInstrument instrument;
        int? instrumentBank = null;
        if (fields.Value("instrumentBank") is { } ib) instrumentBank = Integer(ib, where.Field("instrumentBank"), "instrumentBank");
        if (RecipeInstrument.IsPresetName(instrumentText))
        {
            if (fields["instrumentBank"] is { } bankProperty)
                throw Fail(bankProperty.Offset, where.Field("instrumentBank"),
                    $"'instrumentBank' picks a bank of an instrument-parameter file, and '{instrumentText}' is a preset.");
            instrument = RecipeInstrument.FromPreset(instrumentText);
        }
        else
        {
            var file = FilePath(instrumentNode, where.Field("instrument"), "instrument");
            instrument = Build(fields.Value("instrumentBank") ?? instrumentNode, where.Field("instrumentBank"), () => RecipeInstrument.FromFile(file, instrumentBank));
        }

        var pattern = new RecipePattern(name, data, instrument);
        if (fields.Value("format") is { } format)
            pattern = pattern with { Format = Format(format, where.Field("format")) };
        if (fields.Value("bank") is { } bank)
            pattern = Build(bank, where.Field("bank"), () => pattern with { Bank = Integer(bank, where.Field("bank"), "bank") });
        if (fields.Value("wavelength") is { } wavelength)
            pattern = Build(wavelength, where.Field("wavelength"), () => pattern with { Wavelength = Number(wavelength, where.Field("wavelength"), "wavelength") });
        if (fields.Value("range") is { } range)
            pattern = pattern with { Range = Range(range, where.Field("range"), "range", "'range'") };
        if (fields.Value("exclude") is { } exclude)
        {
            if (exclude.Kind != RecipeNodeKind.Array)
                throw Fail(exclude, where.Field("exclude"), $"'exclude' must be a list of ranges [[from, to], …], not {exclude.Describe()}.");
            pattern = pattern with { Exclude = [.. exclude.Items.Select((n, i) => Range(n, where.Field("exclude").Item(i), "exclude", "each region of 'exclude'"))] };
        }
        if (fields.Value("background") is { } background)
            pattern = pattern with { Background = Background(background, where.Field("background")) };
        if (fields.Value("weight") is { } weight)
            pattern = Build(weight, where.Field("weight"), () => pattern with { Weight = Number(weight, where.Field("weight"), "weight") });
        return pattern;
    }

    private PowderFileFormat? Format(RecipeNode node, Where where)
    {
        string text = String(node, where, "format");
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var format in Enum.GetValues<PowderFileFormat>())
        {
            if (format != PowderFileFormat.Unknown && text.Equals(format.ToString(), StringComparison.OrdinalIgnoreCase)) return format;
        }
        throw Fail(node, where, $"'format' must be auto or one of {string.Join(", ", FormatNames())}, not \"{text}\".");
    }

    /// <summary>The format names a recipe uses: <see cref="PowderFileFormat"/>'s members in camel case ("gsasRaw").</summary>
    internal static IEnumerable<string> FormatNames() =>
        Enum.GetValues<PowderFileFormat>().Where(f => f != PowderFileFormat.Unknown).Select(FormatName);

    internal static string FormatName(PowderFileFormat format)
    {
        string name = format.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private RecipeBackground Background(RecipeNode node, Where where)
    {
        var fields = Open(node, where, "'background'");
        var inside = where.About($"{where.Context}, background");
        fields.Where = inside;
        fields.RejectUnknown(BackgroundFields, "the background");
        int? terms = fields.Value("terms") is { } t ? Integer(t, inside.Field("terms"), "terms") : null;
        ImmutableArray<double>? coefficients = null;
        if (fields.Value("coefficients") is { } c)
        {
            if (c.Kind != RecipeNodeKind.Array)
                throw Fail(c, inside.Field("coefficients"), $"'coefficients' must be a list of numbers [c0, c1, …], not {c.Describe()}.");
            coefficients = [.. c.Items.Select((n, i) => Number(n, inside.Field("coefficients").Item(i), "coefficients"))];
        }
        if (terms is null && coefficients is null)
            throw Fail(node, where, "'background' needs 'terms' (the number of Chebyshev terms) or 'coefficients'.");
        return Build(fields, () => new RecipeBackground(terms ?? coefficients!.Value.Length, coefficients));
    }

    // ------------------------------------------------------------------ refine, hold, bounds, stages, output

    private ImmutableArray<string> Patterns(RecipeNode node, Where where, string field)
    {
        var texts = Strings(node, where, field);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < texts.Length; i++)
        {
            CheckPattern(texts[i], node.Items[i], where.Item(i), field);
            if (!seen.Add(texts[i])) throw Fail(node.Items[i], where.Item(i), $"'{field}' lists '{texts[i]}' twice.");
        }
        return texts;
    }

    /// <summary>A pattern that is well formed and names, where it names one, a phase or pattern of the recipe.</summary>
    private void CheckPattern(string pattern, RecipeNode node, Where where, string field)
    {
        if (!RecipeParameterPattern.IsValid(pattern, out string? problem)) throw Fail(node, where, $"'{field}': {problem}");
        if (RecipeParameterPattern.Scope(pattern, out bool histogram) is not { } scope) return;
        var (known, what) = histogram ? (_patternNames, "pattern") : (_phaseNames, "phase");
        if (!known.ContainsKey(scope))
            throw Fail(node, where,
                $"'{field}': '{pattern}' names the {what} '{scope}', which is not one of the recipe's {what}s ({string.Join(", ", known.Keys)}).");
    }

    private ImmutableArray<RecipeBound> Bounds(RecipeNode node, Where where)
    {
        if (node.Kind != RecipeNodeKind.Object)
            throw Fail(node, where, $"'bounds' must be an object {{\"PATTERN\": [lower, upper], …}}, not {node.Describe()}.");
        var bounds = ImmutableArray.CreateBuilder<RecipeBound>(node.Properties.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            var at = where.Key(property.Name);
            if (!seen.Add(property.Name)) throw Fail(property.Offset, at, $"'bounds' names '{property.Name}' twice.");
            var nameNode = new RecipeNode(RecipeNodeKind.String, property.Offset) { Text = property.Name };
            CheckPattern(property.Name, nameNode, at, "bounds");
            var value = property.Value;
            if (value.Kind != RecipeNodeKind.Array || value.Items.Count != 2
                || value.Items.Any(n => n.Kind is not (RecipeNodeKind.Number or RecipeNodeKind.Null)))
                throw Fail(value, at, $"the bounds of '{property.Name}' must be [lower, upper], numbers or null for an open side, not {Show(value)}.");
            double lower = value.Items[0].Kind == RecipeNodeKind.Null ? double.NegativeInfinity : Number(value.Items[0], at.Item(0), "bounds");
            double upper = value.Items[1].Kind == RecipeNodeKind.Null ? double.PositiveInfinity : Number(value.Items[1], at.Item(1), "bounds");
            bounds.Add(Build(value, at, () => new RecipeBound(property.Name, lower, upper)));
        }
        return bounds.ToImmutable();
    }

    private RecipeStage Stage(RecipeNode node, Where where, int index)
    {
        where = where.About($"stage {index + 1}");
        var fields = Open(node, where, "each entry of 'stages'");
        string? name = fields.Value("name") is { } n ? String(n, where.Field("name"), "name") : null;
        if (name is not null) where = where.About($"stage {index + 1} '{name}'");
        fields.Where = where;
        fields.RejectUnknown(StageFields, "a stage");
        var stage = new RecipeStage { Name = name };
        if (fields.Value("refine") is { } refine) stage = stage with { Refine = Patterns(refine, where.Field("refine"), "refine") };
        if (fields.Value("hold") is { } hold) stage = stage with { Hold = Patterns(hold, where.Field("hold"), "hold") };
        if (fields.Value("cycles") is { } cycles)
            stage = Build(cycles, where.Field("cycles"), () => stage with { Cycles = Integer(cycles, where.Field("cycles"), "cycles") });
        return stage;
    }

    private RecipeOutput Output(RecipeNode node, Where where)
    {
        var fields = Open(node, where, "'output'");
        fields.RejectUnknown(OutputFields, "the output");
        return new RecipeOutput
        {
            Json = fields.Value("json") is { } json ? FilePath(json, where.Field("json"), "json") : null,
            Cif = fields.Value("cif") is { } cif ? FilePath(cif, where.Field("cif"), "cif") : null,
        };
    }

    // ------------------------------------------------------------------ values

    private string UniqueName(Fields fields, Where where, string what, int index, Dictionary<string, int> names)
    {
        var node = fields.Required("name", $"the {what}'s name in parameter ids");
        string name = String(node, where.Field("name"), "name");
        if (RecipeChecks.NameProblem(name, "name") is { } problem) throw Fail(node, where.Field("name"), problem + ".");
        if (names.TryGetValue(name, out int first))
            throw Fail(node, where.Field("name"), $"'name' '{name}' is already the name of {what} {first + 1}; {what} names must be unique.");
        names.Add(name, index);
        return name;
    }

    private RecipePath FilePath(RecipeNode node, Where where, string field)
    {
        string text = String(node, where, field);
        return Build(node, where, () => new RecipePath(text, _baseDirectory));
    }

    private string String(RecipeNode node, Where where, string field)
    {
        if (node.Kind != RecipeNodeKind.String) throw Fail(node, where, $"'{field}' must be text in quotes, not {node.Describe()}.");
        if (string.IsNullOrWhiteSpace(node.Text)) throw Fail(node, where, $"'{field}' must not be empty.");
        return node.Text;
    }

    private ImmutableArray<string> Strings(RecipeNode node, Where where, string field)
    {
        if (node.Kind != RecipeNodeKind.Array) throw Fail(node, where, $"'{field}' must be a list of texts [\"…\", …], not {node.Describe()}.");
        foreach (var (item, i) in node.Items.Select((item, i) => (item, i)))
        {
            if (item.Kind != RecipeNodeKind.String) throw Fail(item, where.Item(i), $"each entry of '{field}' must be text in quotes, not {item.Describe()}.");
        }
        return [.. node.Items.Select((item, i) => String(item, where.Item(i), field))];
    }

    private double Number(RecipeNode node, Where where, string field)
    {
        if (node.Kind != RecipeNodeKind.Number) throw Fail(node, where, $"'{field}' must be a number, not {node.Describe()}.");
        if (double.IsNaN(node.Number)) throw Fail(node, where, $"'{field}' must be a finite number, not {node.Text}.");
        return node.Number;
    }

    /// <summary>A number, or a fraction in quotes ("1/3", "-2/3") as special positions are often written.</summary>
    private double NumberOrFraction(RecipeNode node, Where where, string field)
    {
        if (node.Kind != RecipeNodeKind.String) return Number(node, where, field);
        string[] parts = node.Text.Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double numerator)
            && double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double denominator)
            && denominator != 0)
            return numerator / denominator;
        throw Fail(node, where, $"'{field}' must be a number or a fraction in quotes (\"1/3\"), not {node.Describe()}.");
    }

    private int Integer(RecipeNode node, Where where, string field)
    {
        if (node.Kind != RecipeNodeKind.Number
            || !int.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw Fail(node, where, $"'{field}' must be a whole number, not {node.Describe()}.");
        return value;
    }

    /// <summary>[min, max] of the field <paramref name="field"/>; <paramref name="what"/> is how messages name it: "'range'", "each region of 'exclude'".</summary>
    private RecipeRange Range(RecipeNode node, Where where, string field, string what)
    {
        if (node.Kind != RecipeNodeKind.Array || node.Items.Count != 2 || node.Items.Any(n => n.Kind != RecipeNodeKind.Number))
            throw Fail(node, where, $"{what} must be two numbers [min, max], not {Show(node)}.");
        double min = Number(node.Items[0], where.Item(0), field);
        double max = Number(node.Items[1], where.Item(1), field);
        if (!(min < max)) throw Fail(node, where, $"{what} must run from low to high, [min, max] with min < max, not {Show(node)}.");
        return new RecipeRange(min, max);
    }

    /// <summary>A short array written out ([40, 5]), anything else described.</summary>
    private static string Show(RecipeNode node) =>
        node.Kind == RecipeNodeKind.Array && node.Items.Count <= 8 && node.Items.All(n => n.Kind is not (RecipeNodeKind.Object or RecipeNodeKind.Array))
            ? "[" + string.Join(", ", node.Items.Select(n => n.Describe())) + "]"
            : node.Describe();

    // ------------------------------------------------------------------ errors

    private RecipeFormatException Fail(RecipeNode node, Where where, string reason) => Fail(node.Offset, where, reason);

    private RecipeFormatException Fail(long offset, Where where, string reason) => _document.Error(offset, where.Path, where.Say(reason));

    /// <summary>Runs a recipe type's constructor or <c>with</c>, putting its refusal at <paramref name="node"/>.</summary>
    private T Build<T>(RecipeNode node, Where where, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw Fail(node, where, Plain(e));
        }
    }

    /// <summary>Like <see cref="Build{T}(RecipeNode, Where, Func{T})"/>, at the field the refusal names (its parameter), else at the object.</summary>
    private T Build<T>(Fields fields, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            var property = e.ParamName is null ? null : fields.Find(e.ParamName);
            throw property is null
                ? Fail(fields.Node, fields.Where, Plain(e))
                : Fail(property.Value, fields.Where.Field(property.Name), Plain(e));
        }
    }

    /// <summary>The message without the " (Parameter 'x')" that .NET appends: the user wrote JSON, not C#.</summary>
    private static string Plain(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private Fields Open(RecipeNode node, Where where, string description)
    {
        if (node.Kind != RecipeNodeKind.Object)
            throw Fail(node, where, $"{description} must be an object {{…}}, not {node.Describe()}.");
        var fields = new Fields(this, node, where);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            if (!seen.Add(property.Name))
                throw Fail(property.Offset, where.Field(property.Name), $"'{property.Name}' is given twice.");
        }
        return fields;
    }

    /// <summary>The members of one JSON object, looked up by name.</summary>
    private sealed class Fields(RecipeParser parser, RecipeNode node, Where where)
    {
        public RecipeNode Node { get; } = node;

        /// <summary>Where messages about this object point; set again once the object's name is known.</summary>
        public Where Where { get; set; } = where;

        public RecipeProperty? this[string name] => Node.Properties.Find(p => p.Name == name);

        public RecipeNode? Value(string name) => this[name]?.Value;

        /// <summary>The member a parameter name of a recipe type stands for ("Weight" → 'weight'), or null.</summary>
        public RecipeProperty? Find(string parameter) =>
            Node.Properties.Find(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase));

        public RecipeNode Required(string name, string explanation) =>
            Value(name) ?? throw parser.Fail(Node, Where, $"'{name}' is required: {explanation}.");

        public void RejectUnknown(string[] known, string what)
        {
            foreach (var property in Node.Properties)
            {
                if (known.Contains(property.Name, StringComparer.Ordinal)) continue;
                string? near = Nearest(property.Name, known);
                throw parser.Fail(property.Offset, Where.Field(property.Name),
                    $"unknown field '{property.Name}'{(near is null ? "" : $" (did you mean '{near}'?)")}; the fields of {what} are {string.Join(", ", known)}.");
            }
        }
    }

    /// <summary>The known name within two edits of <paramref name="name"/> (case ignored), or null.</summary>
    private static string? Nearest(string name, string[] known)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string candidate in known)
        {
            int distance = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit ("rnage" → "range").</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
