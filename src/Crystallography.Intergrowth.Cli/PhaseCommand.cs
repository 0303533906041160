using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Cli;

/// <summary>A phase together with where it was read from, as the tool prints it.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Source">The file as the user typed it, or "embedded NAME" for the tool's own data.</param>
internal sealed record PhaseSource(Phase Phase, string Source);

/// <summary>
/// The command <c>phase FILE.cif [FILE.cif…] [--formula-unit F] [--json]</c>: the phases of CIF files,
/// read by <see cref="Cif.ReadPhases(string)"/>, with cell, space group, sites, formula, Z, molar
/// mass and density.
/// </summary>
internal static class PhaseCommand
{
    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count == 0) throw new UsageException("Give at least one CIF file.");
        Composition? formulaUnit = FormulaUnit(args.Option("--formula-unit"));

        // As 'describe' does with symbols: files that read are printed even when another does not;
        // the exit code then says that something failed.
        int exitCode = CommandLine.Success;
        var phases = new List<PhaseSource>();
        foreach (string path in args.Positionals)
        {
            IReadOnlyList<Phase> read;
            try
            {
                read = Cif.ReadPhases(path);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                // CifFormatException's message starts with "file:line:". .NET's message for a missing
                // file holds the absolute path; the path as typed is what the user recognises.
                string message = e switch
                {
                    FormatException => e.Message,
                    FileNotFoundException or DirectoryNotFoundException => $"{path}: no such file.",
                    _ => $"{path}: {e.Message}",
                };
                stderr.WriteLine($"intergrowth phase: {message}");
                exitCode = CommandLine.InvalidInput;
                continue;
            }
            foreach (var phase in read)
                phases.Add(new PhaseSource(formulaUnit is null ? phase : phase.ToBuilder().PerFormulaUnit(formulaUnit).Build(), path));
        }

        if (args.HasFlag("--json"))
        {
            if (phases.Count > 0)
                JsonOutput.WriteDocument(stdout, w => JsonOutput.WritePhases(w, phases));
            return exitCode;
        }
        for (int i = 0; i < phases.Count; i++)
        {
            if (i > 0) stdout.WriteLine();
            WritePhase(stdout, phases[i]);
        }
        return exitCode;
    }

    /// <summary>The formula unit of <c>--formula-unit</c> ("O2"); a formula that does not parse is a usage error.</summary>
    internal static Composition? FormulaUnit(string? text)
    {
        if (text is null) return null;
        try
        {
            return Composition.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--formula-unit: {e.Message}");
        }
    }

    /// <summary>The readable form of one phase: cell, space group, formula, Z, molar mass, density, then one line per site.</summary>
    internal static void WritePhase(TextWriter w, PhaseSource source)
    {
        var phase = source.Phase;
        var cell = phase.Cell;
        var su = phase.CellUncertainty;
        var group = phase.SpaceGroup;
        w.WriteLine(phase.Name);
        Field("Source", source.Source);
        Field("Space group", $"{group.UniversalHermannMauguin}  (No. {group.Number}, Hall {group.Hall.Text})");
        Field("Cell", $"a = {Notation.Measured(cell.A, su.A)} Å, b = {Notation.Measured(cell.B, su.B)} Å, c = {Notation.Measured(cell.C, su.C)} Å");
        Field("", $"α = {Notation.Measured(cell.Alpha, su.Alpha)}°, β = {Notation.Measured(cell.Beta, su.Beta)}°, γ = {Notation.Measured(cell.Gamma, su.Gamma)}°");
        Field("Volume", $"{Notation.Decimal(cell.Volume, 4)} Å³");
        Field("Cell content", phase.CellContent.ToString(4));
        Field("Formula", phase.Formula.ToString(4));
        Field("Z", $"{Notation.Decimal(phase.FormulaUnitsPerCell, 4)}  " + (phase.StatedFormulaUnit is { } unit
            ? $"(formula units per cell, per {unit})"
            : "(formula units per cell, from the site multiplicities)"));
        Field("Molar mass", $"{Notation.Decimal(phase.MolarMass, 5)} g/mol per formula unit");
        Field("Density", $"{Notation.Decimal(phase.Density, 5)} g/cm³");
        if (phase.Formula.Charge is { } charge)
            Field("Charge", $"{Notation.Decimal(charge, 6)} per formula unit");
        w.WriteLine($"  Sites ({phase.Sites.Length})");

        string[] header = ["label", "Wyckoff", "symmetry", "x", "y", "z", "Uiso (Å²)", "occupants"];
        var rows = phase.Sites.Select(s => new[]
        {
            s.Label, s.Wyckoff.Label, s.Wyckoff.SiteSymmetry,
            Notation.Measured(s.Position.X, s.PositionUncertainty.X),
            Notation.Measured(s.Position.Y, s.PositionUncertainty.Y),
            Notation.Measured(s.Position.Z, s.PositionUncertainty.Z),
            Notation.Measured(s.Displacement.Uiso, s.Displacement.UisoUncertainty) + (s.Displacement.IsAnisotropic ? " (Ueq)" : ""),
            string.Join(", ", s.Occupants),
        }).ToList();
        int[] widths = Enumerable.Range(0, header.Length)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        w.WriteLine(Row(header));
        foreach (var row in rows) w.WriteLine(Row(row));

        void Field(string name, string value) => w.WriteLine($"  {name,-13}  {value}");

        string Row(string[] cells) =>
            ("    " + string.Join("  ", cells.Select((c, i) => i is 1 ? c.PadLeft(widths[i]) : c.PadRight(widths[i])))).TrimEnd();
    }
}
