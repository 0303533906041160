using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The JSON the tool prints, written field by field with <see cref="Utf8JsonWriter"/> so that the
/// names and their order are fixed here and documented in docs/cli.md.
/// </summary>
internal static class JsonOutput
{
    /// <summary>Writes one JSON document, indented, to a text writer, followed by a newline.</summary>
    public static void WriteDocument(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            // Output goes to a terminal or a file, not into HTML: write '"' in Hall symbols as \"
            // and non-ASCII characters as they are rather than as \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = output.NewLine == "\r\n" ? "\r\n" : "\n",
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
    }

    /// <summary>
    /// One setting: symbols, classification, operations, reflection conditions and Wyckoff
    /// positions. The same object for <c>spacegroup --json</c> and each element of <c>spacegroups --json</c>.
    /// </summary>
    public static void WriteSpaceGroup(Utf8JsonWriter w, SpaceGroup group)
    {
        w.WriteStartObject();
        w.WriteNumber("number", group.Number);
        w.WriteString("hermannMauguin", group.UniversalHermannMauguin);
        w.WriteString("hermannMauguinShort", group.HermannMauguin);
        w.WriteString("symbol", group.Setting.CompactSymbol);
        w.WriteString("extension", group.Setting.Extension);
        w.WriteString("qualifier", group.Setting.Qualifier);
        w.WriteString("hall", group.Hall.Text);
        w.WriteString("crystalSystem", Notation.CrystalSystemName(group.CrystalSystem));
        w.WriteString("pointGroup", group.PointGroup.TypeSymbol);
        w.WriteString("pointGroupOriented", group.PointGroup.Symbol);
        w.WriteString("laueClass", group.LaueClass);
        w.WriteString("centring", group.LatticeType.ToString());
        w.WriteBoolean("centrosymmetric", group.IsCentrosymmetric);
        w.WriteNumber("order", group.Order);

        w.WriteStartArray("centringTranslations");
        foreach (var t in group.CentringTranslations) w.WriteStringValue(Notation.Translation(t));
        w.WriteEndArray();

        w.WriteStartArray("operations");
        foreach (var op in group.Operations) w.WriteStringValue(op.ToString());
        w.WriteEndArray();

        w.WriteStartArray("reflectionConditions");
        foreach (var condition in group.ReflectionConditions)
        {
            w.WriteStartObject();
            w.WriteString("class", condition.ReflectionClass);
            w.WriteString("condition", condition.Condition);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("wyckoff");
        foreach (var wyckoff in group.WyckoffPositions)
        {
            w.WriteStartObject();
            w.WriteString("letter", wyckoff.Letter.ToString());
            w.WriteNumber("multiplicity", wyckoff.Multiplicity);
            w.WriteString("label", wyckoff.Label);
            w.WriteString("siteSymmetry", wyckoff.SiteSymmetry);
            w.WriteString("position", wyckoff.Representative.ToString());
            w.WriteNumber("degreesOfFreedom", wyckoff.DegreesOfFreedom);
            w.WriteStartArray("coordinates");
            foreach (var triplet in wyckoff.Coordinates) w.WriteStringValue(triplet.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteEndObject();
    }

    /// <summary>The result of <c>site</c>: the input, the Wyckoff position, the snapped position, the shift and the orbit.</summary>
    public static void WriteSite(Utf8JsonWriter w, SpaceGroup group, FractionalPosition input, double tolerance,
                                 SiteLocation location, IReadOnlyList<FractionalPosition> orbit)
    {
        w.WriteStartObject();
        w.WriteString("spaceGroup", group.UniversalHermannMauguin);
        w.WriteNumber("number", group.Number);
        WritePosition(w, "input", input);
        w.WriteNumber("tolerance", tolerance);
        w.WriteString("wyckoff", location.Wyckoff.Label);
        w.WriteString("letter", location.Wyckoff.Letter.ToString());
        w.WriteNumber("multiplicity", location.Multiplicity);
        w.WriteString("siteSymmetry", location.Wyckoff.SiteSymmetry);
        w.WriteString("wyckoffPosition", location.Wyckoff.Representative.ToString());
        WritePosition(w, "position", location.Position);
        w.WriteNumber("shift", location.Shift);
        w.WriteStartArray("siteOperations");
        foreach (var op in location.SiteOperations) w.WriteStringValue(op.ToString());
        w.WriteEndArray();
        w.WriteNumber("orbitSize", orbit.Count);
        w.WriteStartArray("orbit");
        foreach (var p in orbit)
        {
            w.WriteStartArray();
            w.WriteNumberValue(p.X);
            w.WriteNumberValue(p.Y);
            w.WriteNumberValue(p.Z);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The phases of <c>phase --json</c>: one object for one phase, an array of them for several.</summary>
    public static void WritePhases(Utf8JsonWriter w, IReadOnlyList<PhaseSource> phases)
    {
        if (phases.Count == 1)
        {
            WritePhase(w, phases[0]);
            return;
        }
        w.WriteStartArray();
        foreach (var phase in phases) WritePhase(w, phase);
        w.WriteEndArray();
    }

    /// <summary>
    /// One phase: name, source, formula, Z, molar mass (g/mol per formula unit), density (g/cm³),
    /// cell with s.u., space group and sites with their Wyckoff positions and occupants.
    /// </summary>
    public static void WritePhase(Utf8JsonWriter w, PhaseSource source)
    {
        var phase = source.Phase;
        w.WriteStartObject();
        w.WriteString("name", phase.Name);
        w.WriteString("source", source.Source);
        w.WriteString("formula", phase.Formula.ToString(6));
        if (phase.StatedFormulaUnit is { } unit) w.WriteString("formulaUnit", unit.ToString(6));
        else w.WriteNull("formulaUnit");
        w.WriteNumber("formulaUnitsPerCell", phase.FormulaUnitsPerCell);
        w.WriteNumber("molarMass", phase.MolarMass);
        w.WriteNumber("cellMass", phase.CellMass);
        w.WriteNumber("density", phase.Density);
        w.WriteString("cellContent", phase.CellContent.ToString(6));
        if (phase.Formula.Charge is { } charge) w.WriteNumber("charge", charge);
        else w.WriteNull("charge");

        var cell = phase.Cell;
        var su = phase.CellUncertainty;
        w.WriteStartObject("cell");
        w.WriteNumber("a", cell.A);
        w.WriteNumber("b", cell.B);
        w.WriteNumber("c", cell.C);
        w.WriteNumber("alpha", cell.Alpha);
        w.WriteNumber("beta", cell.Beta);
        w.WriteNumber("gamma", cell.Gamma);
        w.WriteNumber("aSu", su.A);
        w.WriteNumber("bSu", su.B);
        w.WriteNumber("cSu", su.C);
        w.WriteNumber("alphaSu", su.Alpha);
        w.WriteNumber("betaSu", su.Beta);
        w.WriteNumber("gammaSu", su.Gamma);
        w.WriteNumber("volume", cell.Volume);
        w.WriteEndObject();

        var group = phase.SpaceGroup;
        w.WriteStartObject("spaceGroup");
        w.WriteNumber("number", group.Number);
        w.WriteString("hermannMauguin", group.UniversalHermannMauguin);
        w.WriteString("symbol", group.Setting.CompactSymbol);
        w.WriteString("hall", group.Hall.Text);
        w.WriteEndObject();

        w.WriteStartArray("sites");
        foreach (var site in phase.Sites)
        {
            w.WriteStartObject();
            w.WriteString("label", site.Label);
            w.WriteString("wyckoff", site.Wyckoff.Label);
            w.WriteString("letter", site.Wyckoff.Letter.ToString());
            w.WriteNumber("multiplicity", site.Multiplicity);
            w.WriteString("siteSymmetry", site.Wyckoff.SiteSymmetry);
            WritePosition(w, "position", site.Position);
            WritePosition(w, "positionSu", site.PositionUncertainty);
            w.WriteNumber("uiso", site.Displacement.Uiso);
            w.WriteNumber("uisoSu", site.Displacement.UisoUncertainty);
            if (site.Displacement.Anisotropic is { } u)
            {
                w.WriteStartObject("uaniso");
                w.WriteNumber("u11", u.U11);
                w.WriteNumber("u22", u.U22);
                w.WriteNumber("u33", u.U33);
                w.WriteNumber("u12", u.U12);
                w.WriteNumber("u13", u.U13);
                w.WriteNumber("u23", u.U23);
                w.WriteEndObject();
            }
            w.WriteStartArray("occupants");
            foreach (var o in site.Occupants)
            {
                w.WriteStartObject();
                w.WriteString("species", o.Species.ToString());
                w.WriteString("element", o.Species.Symbol);
                if (o.Species.Charge is int q) w.WriteNumber("charge", q);
                else w.WriteNull("charge");
                w.WriteNumber("occupancy", o.Occupancy);
                w.WriteNumber("occupancySu", o.OccupancyUncertainty);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The result of <c>design --json</c>: the family and its members at each x, amounts exact as "7/6" and as numbers.</summary>
    public static void WriteDesign(Utf8JsonWriter w, CompositionFamily family, IReadOnlyList<DesignedComposition> members)
    {
        w.WriteStartObject();
        w.WriteString("family", family.ToString());
        w.WriteString("lithium", family.Lithium.ToString());
        w.WriteStartArray("metals");
        w.WriteStringValue(family.First.ToString());
        w.WriteStringValue(family.Second.ToString());
        w.WriteEndArray();
        w.WriteString("anion", family.Anion.ToString());
        w.WriteString("anionAmount", family.AnionAmount.ToString());
        w.WriteString("cationSites", family.CationSites.ToString());
        if (family.ExcessRange is var (min, max))
        {
            w.WriteStartObject("excessRange");
            w.WriteString("minimum", min.ToString());
            w.WriteString("maximum", max.ToString());
            w.WriteEndObject();
        }
        w.WriteStartArray("compositions");
        foreach (var m in members)
        {
            w.WriteStartObject();
            w.WriteString("x", m.X.ToString());
            w.WriteNumber("xValue", m.X.ToDouble());
            w.WriteString("formula", m.Composition.ToString(4));
            w.WriteString("exactFormula", m.Formula);
            w.WriteString("charge", m.Charge.ToString());
            w.WriteString("cationSum", m.CationSum.ToString());
            w.WriteNumber("molarMass", m.Composition.MolarMass);
            w.WriteStartArray("amounts");
            foreach (var (species, amount) in m.Amounts)
            {
                w.WriteStartObject();
                w.WriteString("species", species.ToString());
                w.WriteString("amount", amount.ToString());
                w.WriteNumber("value", amount.ToDouble());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The result of <c>design --check … --json</c>: per element the z-score and agreement, then χ².</summary>
    public static void WriteCompositionCheck(Utf8JsonWriter w, string measured, string against, CompositionComparison comparison)
    {
        w.WriteStartObject();
        w.WriteString("measured", measured);
        w.WriteString("against", against);
        w.WriteNumber("coverage", comparison.Coverage);
        w.WriteStartArray("elements");
        foreach (var e in comparison.Elements)
        {
            w.WriteStartObject();
            w.WriteString("element", e.Element.Symbol);
            w.WriteNumber("measured", e.Measured.Value);
            w.WriteNumber("su", e.Measured.StandardUncertainty);
            w.WriteNumber("expected", e.Expected);
            w.WriteNumber("difference", e.Difference);
            w.WriteNumber("zScore", e.ZScore);
            w.WriteBoolean("agrees", e.Agrees);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("chiSquared", comparison.ChiSquared);
        w.WriteNumber("reducedChiSquared", comparison.ReducedChiSquared);
        w.WriteBoolean("allAgree", comparison.AllAgree);
        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, string name, FractionalPosition p)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(p.X);
        w.WriteNumberValue(p.Y);
        w.WriteNumberValue(p.Z);
        w.WriteEndArray();
    }
}
