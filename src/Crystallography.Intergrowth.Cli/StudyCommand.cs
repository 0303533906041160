using System.Globalization;
using System.Text.Json;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The command <c>study [--molar-ratio L:R] [--json]</c>: the reference study's two phases (Table S1,
/// read from CIFs embedded in the tool), per O2 formula unit, with their charge balance, the
/// pseudo-cubic description of the layered phase, the lattice mismatch and the phase fractions of
/// the study's 70:30 molar convention.
/// </summary>
internal static class StudyCommand
{
    // The study states both phases per one O2 formula unit (DESIGN.md, "Conventions").
    private const string FormulaUnit = "O2";

    // The study's layered:rocksalt ratio, by moles of O2 formula units (DESIGN.md, "The science").
    private const string DefaultMolarRatio = "70:30";

    // The CIFs give elements only; these are the oxidation states of the study's family.
    private static readonly string[] OxidationStates = ["Li+", "Ni2+", "Ru5+", "O2-"];

    // The embedded Table S1 phases (Data/PROVENANCE.md): layered first, then rocksalt.
    private static readonly string[] Resources = ["layered_S1.cif", "rocksalt_S1.cif"];

    // Charges computed in doubles from occupancies such as 0.2 and 0.4 leave rounding of order 1e-15;
    // anything below 1e-9 electrons per formula unit is balance, not chemistry.
    private const double ChargeRounding = 1e-9;

    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count > 0)
            throw new UsageException($"study takes no arguments, found '{args.Positionals[0]}'.");
        var (layeredMoles, rocksaltMoles) = MolarRatio(args.Option("--molar-ratio") ?? DefaultMolarRatio);

        var species = OxidationStates.Select(Species.Parse).ToArray();
        var phases = Resources.Select(name => new PhaseSource(WithOxidationStates(ReadEmbedded(name), species), $"embedded {name}")).ToArray();
        var layered = phases[0].Phase;
        var rocksalt = phases[1].Phase;
        var pseudoCubic = LatticeComparison.PseudoCubic(layered);
        var mismatch = LatticeComparison.Mismatch(layered, rocksalt);
        var fractions = PhaseFractions([(layered, layeredMoles), (rocksalt, rocksaltMoles)]);
        bool sameFormula = layered.Formula.ApproximatelyEquals(rocksalt.Formula, Composition.FormulaUnitTolerance);

        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w => WriteJson(w, phases, species, mismatch, fractions, sameFormula));
            return CommandLine.Success;
        }

        stdout.WriteLine("Reference study: layered-rocksalt intergrown Li1.2Ni0.4Ru0.4O2, Supplementary Table S1");
        stdout.WriteLine($"Both phases per {FormulaUnit} formula unit; oxidation states {string.Join(", ", species.Select(s => s.ToString()))} assigned (the CIFs give none).");
        foreach (var phase in phases)
        {
            stdout.WriteLine();
            PhaseCommand.WritePhase(stdout, phase);
        }

        stdout.WriteLine();
        stdout.WriteLine($"Compositions per {FormulaUnit} formula unit");
        int nameWidth = phases.Max(p => p.Phase.Name.Length);
        int formulaWidth = phases.Max(p => p.Phase.Formula.ToString(4).Length);
        foreach (var p in phases.Select(p => p.Phase))
        {
            double charge = p.Formula.Charge ?? double.NaN;
            stdout.WriteLine($"  {p.Name.PadRight(nameWidth)}  {p.Formula.ToString(4).PadRight(formulaWidth)}  Z = {Notation.Decimal(p.FormulaUnitsPerCell, 4)}  " +
                             $"M = {Notation.Decimal(p.MolarMass, 5)} g/mol  charge {Notation.Decimal(charge, 6)}  " +
                             (Math.Abs(charge) < ChargeRounding ? "(balanced)" : "(NOT balanced)"));
        }
        if (sameFormula)
            stdout.WriteLine("  The two formula units have the same composition.");

        stdout.WriteLine();
        stdout.WriteLine($"Layered phase as a distorted rocksalt: pseudo-cubic a_c, and mismatch to the rocksalt a = {Notation.Decimal(rocksalt.Cell.A, 5)} Å");
        stdout.WriteLine($"  from a       sqrt(2)·a_H       {Notation.Decimal(pseudoCubic.AFromA, 5)} Å  {Percent(mismatch.InPlane)}");
        stdout.WriteLine($"  from c       c_H/(2·sqrt(3))   {Notation.Decimal(pseudoCubic.AFromC, 5)} Å  {Percent(mismatch.OutOfPlane)}");
        stdout.WriteLine($"  from volume  (2·V_H/3)^(1/3)   {Notation.Decimal(pseudoCubic.AFromVolume, 5)} Å  {Percent(mismatch.Volume)}");
        stdout.WriteLine($"  c/a = {Notation.Decimal(pseudoCubic.CoverARatio, 5)} against 2·sqrt(6) = {Notation.Decimal(IdealCOverA, 5)} " +
                         $"for ideal cubic close packing: distortion {Percent(pseudoCubic.Distortion)}");

        stdout.WriteLine();
        stdout.WriteLine($"Phase fractions: layered:rocksalt {Notation.Decimal(layeredMoles, 4)}:{Notation.Decimal(rocksaltMoles, 4)} by moles of {FormulaUnit} formula units");
        stdout.WriteLine($"  {"phase".PadRight(nameWidth)}  {"mol %",7}  {"M (g/mol)",10}  {"wt %",7}");
        foreach (var f in fractions)
            stdout.WriteLine($"  {f.Phase.Name.PadRight(nameWidth)}  {Notation.Decimal(100 * f.MoleFraction, 3),7}  {Notation.Decimal(f.Phase.MolarMass, 5),10}  {Notation.Decimal(100 * f.WeightFraction, 3),7}");
        stdout.WriteLine("  W_p = x_p·M_p / Σ x·M, with x the mole fraction of formula units and M the molar mass per formula unit.");
        if (sameFormula)
            stdout.WriteLine("  Both formula units have the same composition, hence the same M: mol % and wt % coincide.");
        return CommandLine.Success;
    }

    // 2√6: the c/a of an undistorted cubic close-packed oxygen framework (the library's constant).
    private const double IdealCOverA = PseudoCubicParameters.IdealCoverA;

    /// <summary>A phase with a mole fraction of formula units and the weight fraction it gives.</summary>
    internal sealed record PhaseFraction(Phase Phase, double MoleFraction, double WeightFraction);

    /// <summary>
    /// Mole fractions of formula units from a ratio, and weight fractions W_p = x_p·M_p / Σ x·M with
    /// M the molar mass per formula unit. The library has no quantitative phase analysis yet (the
    /// Refinement assembly will own it, from scale factors by Hill &amp; Howard); this is only the
    /// conversion of a stated ratio, kept here until that exists.
    /// </summary>
    private static PhaseFraction[] PhaseFractions(IReadOnlyList<(Phase Phase, double Moles)> parts)
    {
        double moles = parts.Sum(p => p.Moles);
        double mass = parts.Sum(p => p.Moles * p.Phase.MolarMass);
        return parts.Select(p => new PhaseFraction(p.Phase, p.Moles / moles, p.Moles * p.Phase.MolarMass / mass)).ToArray();
    }

    /// <summary>"70:30", "2.33:1": two positive amounts.</summary>
    private static (double Layered, double Rocksalt) MolarRatio(string text)
    {
        string[] parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new UsageException($"--molar-ratio takes LAYERED:ROCKSALT, e.g. 70:30, not '{text}'.");
        double layered = ParsedArguments.ParseNumber(parts[0], "The layered part of --molar-ratio");
        double rocksalt = ParsedArguments.ParseNumber(parts[1], "The rocksalt part of --molar-ratio");
        if (layered < 0 || rocksalt < 0 || layered + rocksalt <= 0)
            throw new UsageException($"--molar-ratio needs two amounts that are not negative and not both zero, not '{text}'.");
        return (layered, rocksalt);
    }

    /// <summary>The phase of an embedded CIF, stated per O2.</summary>
    private static Phase ReadEmbedded(string name)
    {
        string resource = $"{typeof(StudyCommand).Namespace}.Data.{name}";
        using var stream = typeof(StudyCommand).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The tool lacks its embedded resource {resource}.");
        using var reader = new StreamReader(stream);
        return Cif.ReadPhases(reader, name).Single().PerFormulaUnit(FormulaUnit);
    }

    /// <summary>The phase with every neutral occupant given its element's oxidation state.</summary>
    private static Phase WithOxidationStates(Phase phase, IReadOnlyList<Species> charged) =>
        phase.ToBuilder().WithOxidationStates(charged).Build();

    private static string Percent(double fraction) =>
        (fraction >= 0 ? "+" : "") + (100 * fraction).ToString("0.000", CultureInfo.InvariantCulture) + " %";

    private static void WriteJson(Utf8JsonWriter w, IReadOnlyList<PhaseSource> phases, IReadOnlyList<Species> species,
                                  LatticeMismatch mismatch, IReadOnlyList<PhaseFraction> fractions, bool sameFormula)
    {
        var pc = mismatch.PseudoCubic;
        w.WriteStartObject();
        w.WriteString("study", "layered-rocksalt intergrown Li1.2Ni0.4Ru0.4O2, Supplementary Table S1");
        w.WriteString("formulaUnit", FormulaUnit);
        w.WriteStartArray("oxidationStates");
        foreach (var s in species) w.WriteStringValue(s.ToString());
        w.WriteEndArray();
        w.WriteStartArray("phases");
        foreach (var phase in phases) JsonOutput.WritePhase(w, phase);
        w.WriteEndArray();
        w.WriteStartObject("pseudoCubic");
        w.WriteNumber("aFromA", pc.AFromA);
        w.WriteNumber("aFromC", pc.AFromC);
        w.WriteNumber("aFromVolume", pc.AFromVolume);
        w.WriteNumber("cOverA", pc.CoverARatio);
        w.WriteNumber("idealCOverA", IdealCOverA);
        w.WriteNumber("distortion", pc.Distortion);
        w.WriteEndObject();
        w.WriteStartObject("mismatch");
        w.WriteNumber("rocksaltA", mismatch.RocksaltA);
        w.WriteNumber("inPlane", mismatch.InPlane);
        w.WriteNumber("outOfPlane", mismatch.OutOfPlane);
        w.WriteNumber("volume", mismatch.Volume);
        w.WriteEndObject();
        w.WriteStartArray("phaseFractions");
        foreach (var f in fractions)
        {
            w.WriteStartObject();
            w.WriteString("phase", f.Phase.Name);
            w.WriteNumber("moleFraction", f.MoleFraction);
            w.WriteNumber("molarMass", f.Phase.MolarMass);
            w.WriteNumber("weightFraction", f.WeightFraction);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("sameFormulaUnit", sameFormula);
        w.WriteEndObject();
    }
}
