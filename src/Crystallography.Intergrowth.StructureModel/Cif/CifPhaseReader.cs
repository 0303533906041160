using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// Turns CIF data blocks into phases: cell, symmetry, sites with occupants and displacements. Each
/// item is looked up under its CIF 1.1 name and its DDLm (CIF 2.0 dictionary) name, e.g.
/// _cell_length_a and _cell.length_a.
/// </summary>
internal static class CifPhaseReader
{
    /// <summary>Rows whose coordinates agree within this (fractional units, modulo 1) are one mixed site.</summary>
    internal const double SamePositionTolerance = 1e-4;

    /// <summary>True when the block describes a structure: it has a cell or atom sites.</summary>
    public static bool HasStructure(CifBlock block) =>
        block.FirstPresent(Names("atom_site", "fract_x")) is not null;

    public static Phase Read(CifBlock block, string? fileName)
    {
        var context = new Context(block, fileName);
        var builder = Phase.Create(block.Name);
        var cell = ReadCell(context, builder);
        var group = ReadSpaceGroup(context);
        builder.WithSpaceGroup(group);
        ReadSites(context, builder, group, cell);
        ReadFormulaUnit(context, builder);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Point at the atom-site row when the builder names a site, and drop the
            // " (Parameter '…')" suffix: the reader of the message knows the file, not our API.
            string message = e is ArgumentException { ParamName: { } name }
                ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                : e.Message;
            throw context.Error(LineOfSiteNamedIn(block, message) ?? block.Line,
                $"data block {block.Name} does not make a valid phase: {message}", e);
        }
    }

    /// <summary>The line of the _atom_site_label value a builder message names ("site 'Li1'"), if any.</summary>
    private static int? LineOfSiteNamedIn(CifBlock block, string message)
    {
        const string marker = "site '";
        int start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        int end = message.IndexOf('\'', start);
        if (end < 0) return null;
        string label = message[start..end];
        foreach (var value in block.FindAll("_atom_site_label"))
            if (value.Text == label) return value.Line;
        return null;
    }

    private static string[] Names(string category, string attribute) =>
        [$"_{category}_{attribute}", $"_{category}.{attribute}"];

    private sealed class Context(CifBlock block, string? fileName)
    {
        public CifBlock Block { get; } = block;

        public string? FileName { get; } = fileName;

        public CifFormatException Error(int line, string reason, Exception? inner = null) =>
            new(FileName, line, reason, inner);

        public CifValue? Find(string category, string attribute) =>
            Block.FirstPresent(Names(category, attribute)) is { } tag ? Block.Find(tag) : null;

        public IReadOnlyList<CifValue> FindAll(string category, string attribute) =>
            Block.FirstPresent(Names(category, attribute)) is { } tag ? Block.FindAll(tag) : [];

        public MeasuredValue? Number(CifValue? value, string what)
        {
            if (value is null || value.IsMissing) return null;
            if (value.TryGetNumber(out var number)) return number;
            throw Error(value.Line, $"expected a number for {what} but found '{value.Text}'.");
        }
    }

    private static UnitCell ReadCell(Context c, PhaseBuilder builder)
    {
        string[] attributes = ["length_a", "length_b", "length_c", "angle_alpha", "angle_beta", "angle_gamma"];
        var values = new MeasuredValue[6];
        var missing = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            var number = c.Number(c.Find("cell", attributes[i]), "_cell_" + attributes[i]);
            if (number is { } n) values[i] = n;
            else missing.Add("_cell_" + attributes[i]);
        }
        if (missing.Count > 0)
            throw c.Error(c.Block.Line, $"data block {c.Block.Name} has atom sites but no complete unit cell: expected {string.Join(", ", missing)}.");
        UnitCell cell;
        try
        {
            cell = new UnitCell(values[0].Value, values[1].Value, values[2].Value, values[3].Value, values[4].Value, values[5].Value);
            builder.WithCell(cell);
        }
        catch (ArgumentException e)
        {
            throw c.Error(c.Block.Line, $"data block {c.Block.Name}: the cell is not valid: {e.Message}", e);
        }
        builder.WithCellUncertainty(new CellUncertainty(values[0].StandardUncertainty, values[1].StandardUncertainty, values[2].StandardUncertainty,
            values[3].StandardUncertainty, values[4].StandardUncertainty, values[5].StandardUncertainty));
        return cell;
    }

    /// <summary>
    /// Symmetry from a Hall symbol, else an H-M symbol (with the IT number and coordinate-system code
    /// to pick the setting), else the number; explicit operations, when present, decide the setting
    /// and must agree with the symbol.
    /// </summary>
    private static SpaceGroup ReadSpaceGroup(Context c)
    {
        var block = c.Block;
        SpaceGroup? fromSymbol = null;
        bool settingStated = false;
        string? symbolText = null;
        int symbolLine = block.Line;

        var hall = FirstText(block, "_space_group_name_Hall", "_symmetry_space_group_name_Hall", "_space_group.name_Hall");
        var hm = FirstText(block, "_space_group_name_H-M_alt", "_symmetry_space_group_name_H-M", "_space_group.name_H-M_alt", "_space_group_name_H-M_ref", "_space_group.name_H-M_ref");
        var numberValue = block.Find(block.FirstPresent("_space_group_IT_number", "_symmetry_Int_Tables_number", "_space_group.IT_number") ?? "_");
        int? number = null;
        if (numberValue is { IsMissing: false })
        {
            if (!int.TryParse(numberValue.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n is < 1 or > 230)
                throw c.Error(numberValue.Line, $"expected a space-group number 1–230 but found '{numberValue.Text}'.");
            number = n;
        }
        var code = FirstText(block, "_space_group_IT_coordinate_system_code", "_space_group.IT_coordinate_system_code");

        if (hall is not null)
        {
            symbolText = hall.Text;
            symbolLine = hall.Line;
            try
            {
                fromSymbol = SpaceGroup.FromHall(hall.Text);
                settingStated = true;
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw c.Error(hall.Line, $"the Hall symbol '{hall.Text}' is not one of the 530 standard settings: {e.Message}", e);
            }
        }
        else if (hm is not null)
        {
            symbolText = hm.Text;
            symbolLine = hm.Line;
            string text = hm.Text.Trim();
            settingStated = text.Contains(':', StringComparison.Ordinal);
            if (!settingStated && code is not null && !SpaceGroup.TryParse(text + " :" + code.Text.Trim(), out _))
                code = null;
            if (!settingStated && code is not null)
            {
                text = text + " :" + code.Text.Trim();
                settingStated = true;
            }
            if (!SpaceGroup.TryParse(text, out fromSymbol) && AxesWithoutColon(text) is { } withColon && SpaceGroup.TryParse(withColon, out fromSymbol))
            {
                settingStated = true;
            }
            if (fromSymbol is null)
            {
                if (number is null)
                    throw c.Error(hm.Line, $"the space-group symbol '{hm.Text}' is not recognised; did you mean {string.Join(", ", SpaceGroup.Suggest(hm.Text, 3))}?");
                fromSymbol = null;
            }
            if (fromSymbol is not null && number is { } n && fromSymbol.Number != n)
                throw c.Error(hm.Line, $"the symbol '{hm.Text}' is space group {fromSymbol.Number}, but the block states number {n}.");
        }
        if (fromSymbol is null && number is { } only)
        {
            fromSymbol = SpaceGroup.FromNumber(only);
            symbolText ??= only.ToString(CultureInfo.InvariantCulture);
            if (numberValue is not null) symbolLine = numberValue.Line;
        }

        var operationValues = FirstAll(block, "_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz", "_space_group_symop.operation_xyz");
        if (operationValues.Count == 0)
        {
            return fromSymbol ?? throw c.Error(block.Line,
                $"data block {block.Name} has no symmetry: expected _space_group_name_Hall, _space_group_name_H-M_alt, _space_group_IT_number or a _space_group_symop_operation_xyz loop.");
        }

        var operations = new List<SymmetryOperation>(operationValues.Count);
        foreach (var v in operationValues)
        {
            if (v.IsMissing) continue;
            if (!SymmetryOperation.TryParse(v.Text.Trim(), out var op))
                throw c.Error(v.Line, $"expected a symmetry operation such as -y,x-y,z+1/3 but found '{v.Text}'.");
            operations.Add(op);
        }
        SpaceGroup? fromOperations;
        try
        {
            fromOperations = SpaceGroup.FromOperations(operations);
        }
        catch (ArgumentException e)
        {
            throw c.Error(operationValues[0].Line, $"the symmetry operations do not form a space group: {e.Message}", e);
        }
        if (fromOperations is null)
            throw c.Error(operationValues[0].Line,
                $"the {operations.Count} symmetry operations match none of the 530 standard space-group settings (a non-standard setting is not supported).");
        if (fromSymbol is not null && !Agrees(fromSymbol, fromOperations, settingStated))
            throw c.Error(symbolLine,
                $"the space-group symbol '{symbolText}' ({fromSymbol.UniversalHermannMauguin}, {fromSymbol.Setting.Hall}) disagrees with the symmetry operations listed, which are those of {fromOperations.UniversalHermannMauguin} ({fromOperations.Setting.Hall}).");
        return fromOperations;
    }

    /// <summary>
    /// A symbol that leaves the setting open (F d -3 m without :1 or :2) agrees with operations of any
    /// setting of the same Hermann–Mauguin symbol; a Hall symbol or a symbol with an extension must
    /// match exactly.
    /// </summary>
    private static bool Agrees(SpaceGroup symbol, SpaceGroup operations, bool settingStated) =>
        settingStated
            ? symbol.Equals(operations)
            : symbol.Number == operations.Number && symbol.HermannMauguin == operations.HermannMauguin;

    /// <summary>
    /// "R -3 c H" → "R -3 c :H", and the ICSD/TOPAS origin suffixes "I 41/a m d S" → ":1" (standard,
    /// origin choice 1) and "… Z" → ":2" (origin at the centre of symmetry), as the COMCIFS pdCIF
    /// example writes them; null when the symbol does not end so.
    /// </summary>
    private static string? AxesWithoutColon(string symbol)
    {
        int space = symbol.LastIndexOf(' ');
        if (space <= 0) return null;
        string? extension = symbol[(space + 1)..].ToUpperInvariant() switch
        {
            "H" => "H",
            "R" => "R",
            "1" or "S" => "1",
            "2" or "Z" => "2",
            _ => null,
        };
        return extension is null ? null : symbol[..space] + " :" + extension;
    }

    private static CifValue? FirstText(CifBlock block, params string[] tags)
    {
        foreach (string tag in tags)
        {
            if (block.Find(tag) is { IsMissing: false } value && value.Text.Trim().Length > 0) return value;
        }
        return null;
    }

    private static IReadOnlyList<CifValue> FirstAll(CifBlock block, params string[] tags)
    {
        foreach (string tag in tags)
        {
            var all = block.FindAll(tag);
            if (all.Count > 0) return all;
        }
        return [];
    }

    private sealed record Row(int Index, string Label, CifValue LabelValue, Species Species, FractionalPosition Position,
                              FractionalPosition PositionUncertainty, MeasuredValue Occupancy, AtomicDisplacement Displacement, char? Wyckoff);

    private static void ReadSites(Context c, PhaseBuilder builder, SpaceGroup group, UnitCell cell)
    {
        var labels = c.FindAll("atom_site", "label");
        var xs = c.FindAll("atom_site", "fract_x");
        int count = xs.Count;
        if (count == 0)
            throw c.Error(c.Block.Line, $"data block {c.Block.Name} has no atom sites: expected an _atom_site_fract_x loop.");
        IReadOnlyList<CifValue> Column(string attribute)
        {
            var column = c.FindAll("atom_site", attribute);
            if (column.Count != 0 && column.Count != count)
                throw c.Error(column[0].Line, $"_atom_site_{attribute} has {column.Count} values but there are {count} atom sites: expected it in the atom-site loop.");
            return column;
        }
        var ys = Column("fract_y");
        var zs = Column("fract_z");
        if (ys.Count == 0 || zs.Count == 0)
            throw c.Error(xs[0].Line, "expected _atom_site_fract_y and _atom_site_fract_z beside _atom_site_fract_x.");
        if (labels.Count != 0 && labels.Count != count)
            throw c.Error(labels[0].Line, $"_atom_site_label has {labels.Count} values but there are {count} atom sites.");
        var types = Column("type_symbol");
        var occupancies = Column("occupancy");
        var uisos = Column("U_iso_or_equiv");
        var bisos = Column("B_iso_or_equiv");
        var adpTypes = Column("adp_type");
        var wyckoffs = Column("Wyckoff_symbol");
        var oxidation = ReadOxidationNumbers(c);
        var aniso = ReadAnisotropic(c);

        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            var labelValue = labels.Count > 0 ? labels[i] : xs[i];
            string label = labels.Count > 0 && !labels[i].IsMissing ? labels[i].Text : $"site{i + 1}";
            string where = $"site {label}";
            var species = ReadSpecies(c, types.Count > 0 ? types[i] : null, labelValue, label, oxidation);
            var x = c.Number(xs[i], $"_atom_site_fract_x of {where}") ?? throw c.Error(xs[i].Line, $"{where} has no x coordinate.");
            var y = c.Number(ys[i], $"_atom_site_fract_y of {where}") ?? throw c.Error(ys[i].Line, $"{where} has no y coordinate.");
            var z = c.Number(zs[i], $"_atom_site_fract_z of {where}") ?? throw c.Error(zs[i].Line, $"{where} has no z coordinate.");
            var occupancy = (occupancies.Count > 0 ? c.Number(occupancies[i], $"_atom_site_occupancy of {where}") : null) ?? new MeasuredValue(1);

            string adpType = adpTypes.Count > 0 && !adpTypes[i].IsMissing ? adpTypes[i].Text : "";
            AtomicDisplacement displacement = AtomicDisplacement.None;
            bool isotropicStated = adpType.Equals("Uiso", StringComparison.OrdinalIgnoreCase) || adpType.Equals("Biso", StringComparison.OrdinalIgnoreCase);
            try
            {
                if (!isotropicStated && aniso.TryGetValue(label, out var tensor))
                {
                    displacement = AtomicDisplacement.FromAnisotropic(
                        WithinUncertaintyOfSiteSymmetry(tensor.U, tensor.Uncertainty, group, cell, new FractionalPosition(x.Value, y.Value, z.Value)),
                        tensor.Uncertainty);
                }
                else if ((uisos.Count > 0 ? c.Number(uisos[i], $"_atom_site_U_iso_or_equiv of {where}") : null) is { } u)
                {
                    displacement = AtomicDisplacement.Isotropic(u.Value, u.StandardUncertainty);
                }
                else if ((bisos.Count > 0 ? c.Number(bisos[i], $"_atom_site_B_iso_or_equiv of {where}") : null) is { } b)
                {
                    displacement = AtomicDisplacement.FromBiso(b.Value, b.StandardUncertainty);
                }
            }
            catch (ArgumentException e)
            {
                throw c.Error(labelValue.Line, $"{where}: bad displacement parameters: {e.Message}", e);
            }

            char? wyckoff = null;
            if (wyckoffs.Count > 0 && !wyckoffs[i].IsMissing)
            {
                string w = wyckoffs[i].Text.Trim();
                if (w.Length == 0 || !char.IsAsciiLetter(w[^1]))
                    throw c.Error(wyckoffs[i].Line, $"expected a Wyckoff letter (such as 3a or a) for {where} but found '{w}'.");
                wyckoff = w[^1];
            }
            rows.Add(new Row(i, label, labelValue, species, new FractionalPosition(x.Value, y.Value, z.Value),
                new FractionalPosition(x.StandardUncertainty, y.StandardUncertainty, z.StandardUncertainty), occupancy, displacement, wyckoff));
        }

        // Rows on one position (a mixed Li/Ni/Ru site written as Li2, Ni2, Ru2) become one site with
        // several occupants, labelled by the first row; its displacement and Wyckoff letter are the first row's.
        var used = new bool[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            if (used[i]) continue;
            var first = rows[i];
            var occupants = new List<SiteOccupant> { new(first.Species, first.Occupancy.Value, first.Occupancy.StandardUncertainty) };
            for (int j = i + 1; j < rows.Count; j++)
            {
                if (used[j] || !SamePosition(first.Position, rows[j].Position)) continue;
                used[j] = true;
                occupants.Add(new SiteOccupant(rows[j].Species, rows[j].Occupancy.Value, rows[j].Occupancy.StandardUncertainty));
            }
            builder.AddSite(first.Label, first.Position, occupants, first.Displacement, first.Wyckoff, first.PositionUncertainty);
        }
    }

    /// <summary>
    /// A tensor that breaks its site symmetry by no more than three standard uncertainties per
    /// component is projected onto it (COD 4505482, Li1 on 3a: U12 = 0.0076(18) where -3m asks for
    /// U11/2 = 0.0075). Larger departures are left for the phase builder to reject, naming the site.
    /// </summary>
    private static AnisotropicU WithinUncertaintyOfSiteSymmetry(AnisotropicU u, AnisotropicU? uncertainty, SpaceGroup group, UnitCell cell, FractionalPosition position)
    {
        if (uncertainty is not { } s) return u;
        SiteLocation location;
        try
        {
            location = group.Locate(position, PhaseBuilder.DefaultSiteTolerance);
        }
        catch (ArgumentException)
        {
            return u;
        }
        var symmetric = AtomicDisplacement.Symmetrize(u, cell, location.SiteOperations);
        for (int i = 0; i < 3; i++)
        {
            for (int j = i; j < 3; j++)
            {
                if (Math.Abs(u[i, j] - symmetric[i, j]) > 3 * s[i, j] + 1e-12) return u;
            }
        }
        return symmetric;
    }

    private static bool SamePosition(FractionalPosition a, FractionalPosition b)
    {
        static bool Same(double u, double v)
        {
            double d = u - v;
            return Math.Abs(d - Math.Round(d)) <= SamePositionTolerance;
        }
        return Same(a.X, b.X) && Same(a.Y, b.Y) && Same(a.Z, b.Z);
    }

    private static Species ReadSpecies(Context c, CifValue? type, CifValue labelValue, string label, Dictionary<string, int> oxidation)
    {
        string text;
        int line;
        if (type is { IsMissing: false })
        {
            text = type.Text.Trim();
            line = type.Line;
        }
        else
        {
            // No type symbol: the element is the label's leading letters ("Li2" → Li, "O1a" → O).
            text = new string(label.TakeWhile(char.IsAsciiLetter).ToArray());
            line = labelValue.Line;
            if (text.Length > 2) text = text[..2];
        }
        Species species;
        try
        {
            species = Species.Parse(text);
        }
        catch (FormatException e)
        {
            throw c.Error(line, $"site {label}: '{text}' is not an element symbol with an optional charge (such as Ni2+): {e.Message}", e);
        }
        if (species.Charge is null && type is { IsMissing: false } && oxidation.TryGetValue(type.Text.Trim(), out int charge))
            species = species with { Charge = charge };
        else if (species.Charge is null && oxidation.TryGetValue(species.Symbol, out int byElement))
            species = species with { Charge = byElement };
        return species;
    }

    /// <summary>Oxidation numbers from the _atom_type loop, by type symbol (case-insensitive).</summary>
    private static Dictionary<string, int> ReadOxidationNumbers(Context c)
    {
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var symbols = c.FindAll("atom_type", "symbol");
        var numbers = c.FindAll("atom_type", "oxidation_number");
        if (symbols.Count == 0 || numbers.Count != symbols.Count) return result;
        for (int i = 0; i < symbols.Count; i++)
        {
            if (symbols[i].IsMissing || numbers[i].IsMissing) continue;
            var n = c.Number(numbers[i], $"_atom_type_oxidation_number of {symbols[i].Text}")!.Value;
            if (n.Value != Math.Round(n.Value) || Math.Abs(n.Value) > 8)
                throw c.Error(numbers[i].Line, $"expected an integer oxidation number for atom type {symbols[i].Text} but found '{numbers[i].Text}'.");
            result[symbols[i].Text.Trim()] = (int)n.Value;
        }
        return result;
    }

    private static Dictionary<string, (AnisotropicU U, AnisotropicU? Uncertainty)> ReadAnisotropic(Context c)
    {
        var result = new Dictionary<string, (AnisotropicU, AnisotropicU?)>(StringComparer.Ordinal);
        var labels = c.FindAll("atom_site_aniso", "label");
        if (labels.Count == 0) return result;
        string[] ij = ["11", "22", "33", "12", "13", "23"];
        bool isB = c.FindAll("atom_site_aniso", "U_11").Count == 0 && c.FindAll("atom_site_aniso", "B_11").Count > 0;
        string prefix = isB ? "B_" : "U_";
        double scale = isB ? 1 / AtomicDisplacement.BOverU : 1;
        var columns = ij.Select(k => c.FindAll("atom_site_aniso", prefix + k)).ToArray();
        if (columns.Any(col => col.Count != labels.Count))
            throw c.Error(labels[0].Line, $"the anisotropic displacement loop needs _atom_site_aniso_{prefix}11 … {prefix}23 for every label.");
        for (int r = 0; r < labels.Count; r++)
        {
            var v = new double[6];
            var s = new double[6];
            bool anyUncertainty = false;
            for (int k = 0; k < 6; k++)
            {
                var m = c.Number(columns[k][r], $"_atom_site_aniso_{prefix}{ij[k]} of {labels[r].Text}") ?? new MeasuredValue(0);
                v[k] = m.Value * scale;
                s[k] = m.StandardUncertainty * scale;
                anyUncertainty |= m.HasUncertainty;
            }
            result[labels[r].Text] = (new AnisotropicU(v[0], v[1], v[2], v[3], v[4], v[5]),
                anyUncertainty ? new AnisotropicU(s[0], s[1], s[2], s[3], s[4], s[5]) : null);
        }
        return result;
    }

    /// <summary>
    /// The formula unit: with _cell_formula_units_Z, the cell content divided by Z (so Z is the
    /// file's, whatever rounding its formula sum has); else _chemical_formula_sum when the sites
    /// contain a whole number of it… or any positive number: when its element ratios agree with the
    /// sites. Otherwise none is stated and Z follows from the site multiplicities.
    /// </summary>
    private static void ReadFormulaUnit(Context c, PhaseBuilder builder)
    {
        var zValue = c.Find("cell", "formula_units_Z");
        var z = c.Number(zValue, "_cell_formula_units_Z");
        var sum = c.Find("chemical", "formula_sum");
        if (z is null && sum is not { IsMissing: false }) return;
        Phase probe;
        try
        {
            probe = builder.Build();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return; // Build() reports the problem again, naming the site.
        }
        if (probe.CellContent.IsEmpty) return;
        if (z is { } stated)
        {
            if (!(stated.Value > 0))
                throw c.Error(zValue!.Line, $"expected a positive _cell_formula_units_Z but found '{zValue.Text}'.");
            builder.PerFormulaUnit(probe.CellContent.Scale(1 / stated.Value));
            return;
        }
        if (!Composition.TryParse(sum!.Text, out var formula) || formula is null || formula.IsEmpty) return;
        try
        {
            double units = probe.CellContent.FormulaUnitsIn(formula);
            if (double.IsFinite(units) && units > 0) builder.PerFormulaUnit(formula);
        }
        catch (ArgumentException)
        {
            // The formula sum does not match the sites (hydrogen left out, rounding): not used.
        }
    }
}
