using System.Globalization;
using System.Text;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>What kind of quantity a <see cref="ParameterId"/> names.</summary>
public enum ParameterKind
{
    /// <summary>A cell parameter a, b, c (Å) or α, β, γ (degrees) of a phase: <c>layered/cell/a</c>.</summary>
    Cell,
    /// <summary>A fractional coordinate x, y or z of a site: <c>layered/O1/z</c>.</summary>
    Coordinate,
    /// <summary>The isotropic displacement Uiso (Å²) of a site: <c>layered/O1/Uiso</c>.</summary>
    Uiso,
    /// <summary>A component U11 … U23 (Å²) of a site's anisotropic displacement: <c>layered/M1/U11</c>.</summary>
    Uaniso,
    /// <summary>The occupancy of one element on a site: <c>layered/Li1/occ[Li]</c>.</summary>
    Occupancy,
    /// <summary>The scale factor of a phase: <c>layered/scale</c>.</summary>
    PhaseScale,
    /// <summary>The (mole) fraction of a phase: <c>layered/fraction</c>.</summary>
    PhaseFraction,
    /// <summary>
    /// A parameter of a histogram or instrument declared by another layer (zero shift, profile,
    /// background coefficient…): <c>hist:sxrd/zero</c>, <c>hist:sxrd/bkg[3]</c>. This assembly only
    /// names it; the layer that owns it gives it meaning.
    /// </summary>
    Histogram,
}

/// <summary>
/// The identity of one refinable quantity, with a readable text form that round-trips:
/// <c>layered/Li1/occ[Li]</c>, <c>rocksalt/cell/a</c>, <c>layered/O1/z</c>, <c>layered/scale</c>,
/// <c>hist:sxrd/zero</c>, <c>hist:sxrd/bkg[3]</c>.
/// </summary>
/// <remarks>
/// Phase, site and histogram names may hold any characters except '/', '[', ']', whitespace and
/// the '+', '-', '*', '=' that the constraint syntax uses (write "layered_S1", not "layered-S1");
/// a leading "hist:" marks a histogram.
/// Identities compare by value, case-sensitively.
/// </remarks>
public sealed record ParameterId
{
    private ParameterId(ParameterKind kind, string scope, string? site, string name, string? qualifier)
    {
        Kind = kind;
        Scope = scope;
        Site = site;
        Name = name;
        Qualifier = qualifier;
    }

    /// <summary>What the parameter is.</summary>
    public ParameterKind Kind { get; }

    /// <summary>The phase name, or for <see cref="ParameterKind.Histogram"/> the histogram name (without "hist:").</summary>
    public string Scope { get; }

    /// <summary>The site label for coordinates, displacements and occupancies; null otherwise.</summary>
    public string? Site { get; }

    /// <summary>The parameter name: "a"…"gamma", "x", "y", "z", "Uiso", "U11"…"U23", "occ", "scale", "fraction", or a histogram parameter's name.</summary>
    public string Name { get; }

    /// <summary>The element of an occupancy ("Li"), or the index of a histogram parameter ("3"); null otherwise.</summary>
    public string? Qualifier { get; }

    /// <summary>A cell parameter of a phase.</summary>
    public static ParameterId Cell(string phase, CellParameter parameter) =>
        new(ParameterKind.Cell, CheckName(phase, nameof(phase)), null, CellName(parameter), null);

    /// <summary>A fractional coordinate (axis 0, 1, 2 for x, y, z) of a site.</summary>
    public static ParameterId Coordinate(string phase, string site, int axis) =>
        new(ParameterKind.Coordinate, CheckName(phase, nameof(phase)), CheckName(site, nameof(site)),
            axis switch { 0 => "x", 1 => "y", 2 => "z", _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "The axis is 0, 1 or 2.") }, null);

    /// <summary>The isotropic displacement of a site.</summary>
    public static ParameterId Uiso(string phase, string site) =>
        new(ParameterKind.Uiso, CheckName(phase, nameof(phase)), CheckName(site, nameof(site)), "Uiso", null);

    /// <summary>An anisotropic displacement component ("U11", "U22", "U33", "U12", "U13", "U23") of a site.</summary>
    public static ParameterId Uaniso(string phase, string site, string component)
    {
        if (component is not ("U11" or "U22" or "U33" or "U12" or "U13" or "U23"))
            throw new ArgumentException($"'{component}' is not one of U11, U22, U33, U12, U13, U23.", nameof(component));
        return new(ParameterKind.Uaniso, CheckName(phase, nameof(phase)), CheckName(site, nameof(site)), component, null);
    }

    /// <summary>The occupancy of an element (its symbol, "Li") on a site.</summary>
    public static ParameterId Occupancy(string phase, string site, string element) =>
        new(ParameterKind.Occupancy, CheckName(phase, nameof(phase)), CheckName(site, nameof(site)), "occ", CheckName(element, nameof(element)));

    /// <summary>The scale factor of a phase.</summary>
    public static ParameterId PhaseScale(string phase) => new(ParameterKind.PhaseScale, CheckName(phase, nameof(phase)), null, "scale", null);

    /// <summary>The mole fraction of a phase.</summary>
    public static ParameterId PhaseFraction(string phase) => new(ParameterKind.PhaseFraction, CheckName(phase, nameof(phase)), null, "fraction", null);

    /// <summary>A histogram or instrument parameter declared by another layer, optionally indexed ("bkg", 3).</summary>
    public static ParameterId Histogram(string histogram, string name, int? index = null)
    {
        if (index is < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "An index is not negative.");
        return new(ParameterKind.Histogram, CheckName(histogram, nameof(histogram)), null, CheckName(name, nameof(name)),
            index?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The text form: <c>layered/Li1/occ[Li]</c>, <c>rocksalt/cell/a</c>, <c>hist:sxrd/bkg[3]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Kind == ParameterKind.Histogram) sb.Append("hist:");
        sb.Append(Scope).Append('/');
        if (Kind == ParameterKind.Cell) sb.Append("cell/");
        if (Site is not null) sb.Append(Site).Append('/');
        sb.Append(Name);
        if (Qualifier is not null) sb.Append('[').Append(Qualifier).Append(']');
        return sb.ToString();
    }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">The text is not a parameter identity; the message says what was expected.</exception>
    public static ParameterId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        string? qualifier = null;
        if (s.EndsWith(']'))
        {
            int open = s.LastIndexOf('[');
            if (open < 0) throw new FormatException($"'{text}': ']' without '['.");
            qualifier = s[(open + 1)..^1];
            s = s[..open];
            if (qualifier.Length == 0) throw new FormatException($"'{text}': empty brackets.");
        }
        string[] parts = s.Split('/');
        try
        {
            if (parts[0].StartsWith("hist:", StringComparison.Ordinal))
            {
                if (parts.Length != 2)
                    throw new FormatException($"'{text}': a histogram parameter is written hist:NAME/PARAMETER or hist:NAME/PARAMETER[INDEX].");
                int? index = null;
                if (qualifier is not null)
                {
                    if (!int.TryParse(qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                        throw new FormatException($"'{text}': the index of a histogram parameter is a non-negative integer.");
                    index = i;
                }
                return Histogram(parts[0]["hist:".Length..], parts[1], index);
            }
            switch (parts.Length)
            {
                case 2 when parts[1] == "scale" && qualifier is null:
                    return PhaseScale(parts[0]);
                case 2 when parts[1] == "fraction" && qualifier is null:
                    return PhaseFraction(parts[0]);
                case 3 when parts[1] == "cell" && qualifier is null:
                    return Cell(parts[0], CellParameterOf(parts[2], text));
                case 3 when qualifier is null && parts[2] is "x" or "y" or "z":
                    return Coordinate(parts[0], parts[1], parts[2][0] - 'x');
                case 3 when qualifier is null && parts[2] == "Uiso":
                    return Uiso(parts[0], parts[1]);
                case 3 when qualifier is null && parts[2].StartsWith('U'):
                    return Uaniso(parts[0], parts[1], parts[2]);
                case 3 when parts[2] == "occ" && qualifier is not null:
                    return Occupancy(parts[0], parts[1], qualifier);
            }
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}': {e.Message}", e);
        }
        throw new FormatException(
            $"'{text}' is not a parameter: expected PHASE/cell/a…gamma, PHASE/SITE/x|y|z|Uiso|U11…U23|occ[ELEMENT], PHASE/scale, PHASE/fraction or hist:NAME/PARAMETER[INDEX].");
    }

    /// <summary>Parses like <see cref="Parse"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out ParameterId? id)
    {
        id = null;
        if (text is null) return false;
        try
        {
            id = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string CellName(CellParameter p) => p switch
    {
        CellParameter.A => "a", CellParameter.B => "b", CellParameter.C => "c",
        CellParameter.Alpha => "alpha", CellParameter.Beta => "beta", CellParameter.Gamma => "gamma",
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "Not a cell parameter."),
    };

    private static CellParameter CellParameterOf(string name, string text) => name switch
    {
        "a" => CellParameter.A, "b" => CellParameter.B, "c" => CellParameter.C,
        "alpha" => CellParameter.Alpha, "beta" => CellParameter.Beta, "gamma" => CellParameter.Gamma,
        _ => throw new FormatException($"'{text}': '{name}' is not a cell parameter (a, b, c, alpha, beta, gamma)."),
    };

    private static string CheckName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '/' or '[' or ']' or '+' or '-' or '*' or '='))
            throw new ArgumentException($"'{name}' cannot name a phase, site, element or histogram in a parameter: it is empty or holds whitespace, '/', '[', ']', '+', '-', '*' or '='.", parameter);
        return name;
    }
}
