using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    private static void WritePosition(Utf8JsonWriter w, string name, FractionalPosition p)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(p.X);
        w.WriteNumberValue(p.Y);
        w.WriteNumberValue(p.Z);
        w.WriteEndArray();
    }
}
