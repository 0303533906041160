using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// Writes a <see cref="RefinementRecipe"/> as the JSON <see cref="RecipeParser"/> reads, field by
/// field in the order docs/recipes.md documents, leaving out what is absent or default.
/// </summary>
internal static class RecipeWriter
{
    public static string Write(RefinementRecipe recipe)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            // A file for people to read and edit: '+' in "Li+" and non-ASCII as they are, not \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        };
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            WriteRecipe(w, recipe);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void WriteRecipe(Utf8JsonWriter w, RefinementRecipe r)
    {
        w.WriteStartObject();
        if (r.Title is not null) w.WriteString("title", r.Title);

        w.WriteStartArray("phases");
        foreach (var phase in r.Phases) WritePhase(w, phase, r.BaseDirectory);
        w.WriteEndArray();

        w.WriteStartArray("patterns");
        foreach (var pattern in r.Patterns) WritePattern(w, pattern, r.BaseDirectory);
        w.WriteEndArray();

        WriteStrings(w, "refine", r.Refine);
        WriteStrings(w, "hold", r.Hold);
        WriteStrings(w, "constraints", r.Constraints);
        if (!r.Bounds.IsEmpty)
        {
            w.WriteStartObject("bounds");
            foreach (var bound in r.Bounds)
            {
                w.WriteStartArray(bound.Pattern);
                if (double.IsInfinity(bound.Lower)) w.WriteNullValue();
                else w.WriteNumberValue(bound.Lower);
                if (double.IsInfinity(bound.Upper)) w.WriteNullValue();
                else w.WriteNumberValue(bound.Upper);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        if (!r.Stages.IsEmpty)
        {
            w.WriteStartArray("stages");
            foreach (var stage in r.Stages)
            {
                w.WriteStartObject();
                if (stage.Name is not null) w.WriteString("name", stage.Name);
                WriteStrings(w, "refine", stage.Refine);
                WriteStrings(w, "hold", stage.Hold);
                if (stage.Cycles is { } c) w.WriteNumber("cycles", c);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteNumber("cycles", r.Cycles);
        if (r.Output.Json is not null || r.Output.Cif is not null)
        {
            w.WriteStartObject("output");
            if (r.Output.Json is { } json) w.WriteString("json", PathText(json, r.BaseDirectory));
            if (r.Output.Cif is { } cif) w.WriteString("cif", PathText(cif, r.BaseDirectory));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WritePhase(Utf8JsonWriter w, RecipePhase phase, string baseDirectory)
    {
        w.WriteStartObject();
        w.WriteString("name", phase.Name);
        switch (phase.Source)
        {
            case RecipeCifFile cif:
                w.WriteString("cif", PathText(cif.Path, baseDirectory));
                if (cif.Block is not null) w.WriteString("block", cif.Block);
                break;
            case RecipeStructure structure:
                w.WriteString("spaceGroup", structure.SpaceGroup);
                var cell = structure.Cell;
                w.WriteStartObject("cell");
                w.WriteNumber("a", cell.A);
                w.WriteNumber("b", cell.B);
                w.WriteNumber("c", cell.C);
                w.WriteNumber("alpha", cell.Alpha);
                w.WriteNumber("beta", cell.Beta);
                w.WriteNumber("gamma", cell.Gamma);
                w.WriteEndObject();
                w.WriteStartArray("sites");
                foreach (var site in structure.Sites) WriteSite(w, site);
                w.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Unknown phase source {phase.Source.GetType().Name}.");
        }
        if (phase.FormulaUnit is not null) w.WriteString("formulaUnit", phase.FormulaUnit);
        if (phase.Scale is { } scale) w.WriteNumber("scale", scale);
        if (phase.Fraction is { } fraction) w.WriteNumber("fraction", fraction);
        w.WriteEndObject();
    }

    private static void WriteSite(Utf8JsonWriter w, RecipeSite site)
    {
        w.WriteStartObject();
        w.WriteString("label", site.Label);
        w.WriteNumber("x", site.X);
        w.WriteNumber("y", site.Y);
        w.WriteNumber("z", site.Z);
        if (site.Uiso is { } uiso) w.WriteNumber("uiso", uiso);
        if (site.Uaniso is { } u)
        {
            w.WriteStartArray("uaniso");
            foreach (double value in new[] { u.U11, u.U22, u.U33, u.U12, u.U13, u.U23 }) w.WriteNumberValue(value);
            w.WriteEndArray();
        }
        w.WriteStartArray("occupants");
        foreach (var occupant in site.Occupants)
        {
            w.WriteStartObject();
            w.WriteString("species", occupant.Species.ToString());
            w.WriteNumber("occupancy", occupant.Occupancy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePattern(Utf8JsonWriter w, RecipePattern pattern, string baseDirectory)
    {
        w.WriteStartObject();
        w.WriteString("name", pattern.Name);
        w.WriteString("data", PathText(pattern.Data, baseDirectory));
        if (pattern.Format is { } format) w.WriteString("format", RecipeParser.FormatName(format));
        if (pattern.Bank != 1) w.WriteNumber("bank", pattern.Bank);
        var instrument = pattern.Instrument;
        w.WriteString("instrument", instrument.Preset ?? PathText(instrument.File!, baseDirectory));
        if (instrument.Bank is { } instrumentBank) w.WriteNumber("instrumentBank", instrumentBank);
        if (pattern.Wavelength is { } wavelength) w.WriteNumber("wavelength", wavelength);
        if (pattern.Range is { } range) WriteRange(w, "range", range);
        if (!pattern.Exclude.IsEmpty)
        {
            w.WriteStartArray("exclude");
            foreach (var region in pattern.Exclude) WriteRange(w, null, region);
            w.WriteEndArray();
        }
        w.WriteStartObject("background");
        w.WriteNumber("terms", pattern.Background.Terms);
        if (!pattern.Background.Coefficients.IsEmpty)
        {
            w.WriteStartArray("coefficients");
            foreach (double c in pattern.Background.Coefficients) w.WriteNumberValue(c);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        if (pattern.Weight != 1) w.WriteNumber("weight", pattern.Weight);
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, string? name, RecipeRange range)
    {
        if (name is null) w.WriteStartArray();
        else w.WriteStartArray(name);
        w.WriteNumberValue(range.Min);
        w.WriteNumberValue(range.Max);
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        if (!values.Any()) return;
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    /// <summary>
    /// The path as written when it still resolves to the same file against the recipe's folder (the
    /// usual case), else the absolute path: a path made against another folder must not change meaning.
    /// </summary>
    private static string PathText(RecipePath path, string baseDirectory) =>
        new RecipePath(path.Text, baseDirectory).Equals(path) ? path.Text : path.FullPath;
}
