using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli;

/// <summary>The commands <c>spacegroups</c>, <c>spacegroup</c> and <c>describe</c>: look settings up and print them.</summary>
internal static class SpaceGroupCommands
{
    // How many coordinate triplets of a Wyckoff position the readable form shows before "…".
    private const int TripletsShown = 6;

    /// <summary><c>spacegroups [--json]</c>.</summary>
    public static int List(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count > 0)
            throw new UsageException($"spacegroups takes no arguments, found '{args.Positionals[0]}'.");
        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w =>
            {
                w.WriteStartArray();
                foreach (var group in SpaceGroup.All) JsonOutput.WriteSpaceGroup(w, group);
                w.WriteEndArray();
            });
            return CommandLine.Success;
        }

        int symbolWidth = Math.Max("Hermann-Mauguin".Length, SpaceGroup.All.Max(g => g.UniversalHermannMauguin.Length));
        int compactWidth = SpaceGroup.All.Max(g => g.Setting.CompactSymbol.Length);
        int hallWidth = SpaceGroup.All.Max(g => g.Hall.Text.Length);
        stdout.WriteLine(Row("No.", "Hermann-Mauguin", "Symbol", "Hall", "System", "Order"));
        foreach (var group in SpaceGroup.All)
        {
            stdout.WriteLine(Row(Notation.Integer(group.Number), group.UniversalHermannMauguin,
                group.Setting.CompactSymbol, group.Hall.Text, Notation.CrystalSystemName(group.CrystalSystem),
                Notation.Integer(group.Order)));
        }
        return CommandLine.Success;

        string Row(string number, string symbol, string compact, string hall, string system, string order) =>
            $"{number,3}  {symbol.PadRight(symbolWidth)}  {compact.PadRight(compactWidth)}  {hall.PadRight(hallWidth)}  {system,-12}  {order,5}".TrimEnd();
    }

    /// <summary><c>spacegroup SYMBOL [--json]</c>.</summary>
    public static int Show(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count != 1)
            throw new UsageException(args.Positionals.Count == 0
                ? "Give one space-group symbol."
                : $"Give one space-group symbol, found {args.Positionals.Count}: quote symbols with spaces, e.g. \"R -3 m :R\".");
        var group = SpaceGroup.Parse(args.Positionals[0]);
        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w => JsonOutput.WriteSpaceGroup(w, group));
            return CommandLine.Success;
        }
        WriteFull(stdout, group);
        return CommandLine.Success;
    }

    /// <summary><c>describe SYMBOL [SYMBOL…]</c>: every symbol that matches is described; unknown ones are reported and make the exit code 1.</summary>
    public static int Describe(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count == 0) throw new UsageException("Give at least one space-group symbol.");
        int exitCode = CommandLine.Success;
        bool first = true;
        foreach (string symbol in args.Positionals)
        {
            SpaceGroup group;
            try
            {
                group = SpaceGroup.Parse(symbol);
            }
            catch (UnknownSpaceGroupException e)
            {
                CommandLine.WriteUnknownSymbol(e, stderr);
                exitCode = CommandLine.InvalidInput;
                continue;
            }
            if (!first) stdout.WriteLine();
            first = false;
            WriteDescription(stdout, group);
        }
        return exitCode;
    }

    /// <summary>The compact description of <c>describe</c>.</summary>
    private static void WriteDescription(TextWriter w, SpaceGroup group)
    {
        w.WriteLine($"{group.UniversalHermannMauguin}  (No. {group.Number}, {group.Setting.CompactSymbol}, Hall {group.Hall.Text})");
        string pointGroup = group.PointGroup.Symbol == group.PointGroup.TypeSymbol
            ? group.PointGroup.TypeSymbol
            : $"{group.PointGroup.TypeSymbol} ({group.PointGroup.Symbol})";
        w.WriteLine($"  {Notation.CrystalSystemName(group.CrystalSystem)}, point group {pointGroup}, Laue class {group.LaueClass}, " +
                    $"{(group.IsCentrosymmetric ? "centrosymmetric" : "non-centrosymmetric")}, {group.LatticeType} lattice, order {group.Order}");
        var conditions = group.ReflectionConditions;
        w.WriteLine("  reflection conditions: " +
                    (conditions.Count == 0 ? "none" : string.Join("; ", conditions.Select(c => c.ToString()))));
        w.WriteLine("  Wyckoff positions:");
        WriteWyckoffTable(w, group, "    ");
    }

    /// <summary>The full readable form of <c>spacegroup</c>.</summary>
    private static void WriteFull(TextWriter w, SpaceGroup group)
    {
        var s = group.Setting;
        w.WriteLine($"Space group {group.Number}  {group.UniversalHermannMauguin}");
        Field("Symbol", s.CompactSymbol);
        Field("Hermann-Mauguin", group.HermannMauguin);
        if (s.Extension.Length > 0) Field("Extension", $"{s.Extension} ({ExtensionMeaning(s.Extension)})");
        if (s.Qualifier.Length > 0) Field("Setting", s.Qualifier);
        Field("Hall", group.Hall.Text);
        Field("Crystal system", Notation.CrystalSystemName(group.CrystalSystem));
        Field("Point group", group.PointGroup.Symbol == group.PointGroup.TypeSymbol
            ? group.PointGroup.TypeSymbol
            : $"{group.PointGroup.TypeSymbol} (oriented {group.PointGroup.Symbol})");
        Field("Laue class", group.LaueClass);
        Field("Centring", group.CentringTranslations.Length == 1
            ? $"{group.LatticeType} (primitive)"
            : $"{group.LatticeType} ({string.Join("; ", group.CentringTranslations.Select(Notation.Translation))})");
        Field("Centrosymmetric", group.IsCentrosymmetric ? "yes" : "no");
        Field("Order", group.CentringTranslations.Length == 1
            ? $"{group.Order}"
            : $"{group.Order} ({group.PrimitiveOperations.Length} x {group.CentringTranslations.Length} centring translations)");

        w.WriteLine();
        w.WriteLine("Reflection conditions");
        var conditions = group.ReflectionConditions;
        if (conditions.Count == 0) w.WriteLine("  none");
        int classWidth = conditions.Count == 0 ? 0 : conditions.Max(c => c.ReflectionClass.Length);
        foreach (var c in conditions) w.WriteLine($"  {c.ReflectionClass.PadRight(classWidth)}  {c.Condition}");

        w.WriteLine();
        w.WriteLine("Wyckoff positions");
        WriteWyckoffTable(w, group, "  ");

        w.WriteLine();
        w.WriteLine($"Symmetry operations ({group.Order})");
        if (group.CentringTranslations.Length > 1)
            w.WriteLine("  " + string.Join(" ", group.CentringTranslations.Select(t => $"({Notation.Translation(t)})+")));
        int numberWidth = Notation.Integer(group.PrimitiveOperations.Length).Length;
        for (int i = 0; i < group.PrimitiveOperations.Length; i++)
            w.WriteLine($"  {Notation.Integer(i + 1).PadLeft(numberWidth)}  {group.PrimitiveOperations[i]}");

        void Field(string name, string value) => w.WriteLine($"  {name,-16}  {value}");
    }

    /// <summary>One line per Wyckoff position: label, site symmetry, the first coordinate triplets.</summary>
    private static void WriteWyckoffTable(TextWriter w, SpaceGroup group, string indent)
    {
        var positions = group.WyckoffPositions;
        int labelWidth = positions.Max(p => p.Label.Length);
        int siteWidth = Math.Max(positions.Max(p => p.SiteSymmetry.Length), 4);
        foreach (var p in positions)
        {
            var shown = p.Coordinates.Take(TripletsShown).Select(t => $"({t})");
            string more = p.Coordinates.Length > TripletsShown ? " …" : "";
            w.WriteLine($"{indent}{p.Label.PadLeft(labelWidth)}  {p.SiteSymmetry.PadRight(siteWidth)}  {string.Join(" ", shown)}{more}");
        }
    }

    private static string ExtensionMeaning(string extension) => extension switch
    {
        "1" => "origin choice 1",
        "2" => "origin choice 2",
        "H" => "hexagonal axes",
        "R" => "rhombohedral axes",
        _ => "setting",
    };
}
