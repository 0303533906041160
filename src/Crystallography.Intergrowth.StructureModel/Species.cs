using System.Globalization;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// An element with an optional oxidation state, as a site occupant: "Li+", "Ni2+", "Ru5+", "O2-",
/// or a neutral atom "Ni".
/// </summary>
/// <param name="Element">The element.</param>
/// <param name="Charge">The formal charge (oxidation state), or null when none is stated.</param>
public sealed record Species(Element Element, int? Charge = null)
{
    /// <summary>The element's symbol.</summary>
    public string Symbol => Element.Symbol;

    /// <summary>True when a charge is stated.</summary>
    public bool HasCharge => Charge.HasValue;

    /// <summary>
    /// Parses the spellings CIF files and papers use: "Ni2+", "Ni+2", "O2-", "O-2", "Li+", "Li1+",
    /// "Ru5+", "Fe3+", "Ni", "NI2+", and CIF type symbols with a label suffix such as "Li1" (read
    /// as Li) — the charge sign is what distinguishes "Li1+" (charge +1) from "Li1" (neutral Li).
    /// </summary>
    /// <exception cref="FormatException">The text does not start with an element symbol or has a malformed charge.</exception>
    public static Species Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        if (s.Length == 0) throw new FormatException("An empty string is not a species.");
        // The element: one capital letter and an optional lower-case letter; try two letters first.
        Element? element = null;
        int consumed = 0;
        if (s.Length >= 2 && char.IsLetter(s[1]) && Element.TryFromSymbol(s[..2], out var two))
        {
            element = two;
            consumed = 2;
        }
        else if (char.IsLetter(s[0]) && Element.TryFromSymbol(s[..1], out var one))
        {
            element = one;
            consumed = 1;
        }
        if (element is null)
            throw new FormatException($"'{text}' does not start with an element symbol.");
        string rest = s[consumed..];
        if (rest.Length == 0) return new Species(element);

        int signIndex = rest.IndexOfAny(['+', '-']);
        if (signIndex < 0)
        {
            // "Li1", "O2a": a label-style suffix without a sign carries no charge.
            return new Species(element);
        }
        int sign = rest[signIndex] == '+' ? 1 : -1;
        string before = rest[..signIndex];
        string after = rest[(signIndex + 1)..];
        string digits = before.Length > 0 ? before : after;
        if ((before.Length > 0 && after.Length > 0) || (digits.Length > 0 && !digits.All(char.IsAsciiDigit)))
            throw new FormatException($"'{text}': the charge must be written like 2+, +2, + or 2-.");
        int magnitude = digits.Length == 0 ? 1 : int.Parse(digits, CultureInfo.InvariantCulture);
        if (magnitude > 8)
            throw new FormatException($"'{text}': a charge of {magnitude} is not an oxidation state.");
        return new Species(element, sign * magnitude);
    }

    /// <summary>Parses like <see cref="Parse"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out Species? species)
    {
        species = null;
        if (text is null) return false;
        try
        {
            species = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The neutral species of an element.</summary>
    public static implicit operator Species(Element element) => new(element);

    /// <summary>Written as CIF writes it: "Ni2+", "O2-", "Li+", "Ni0+" for an explicit zero, "Ni" without a charge.</summary>
    public override string ToString()
    {
        if (Charge is not int q) return Symbol;
        return q switch
        {
            0 => Symbol + "0+",
            1 => Symbol + "+",
            -1 => Symbol + "-",
            > 0 => Symbol + q.ToString(CultureInfo.InvariantCulture) + "+",
            _ => Symbol + (-q).ToString(CultureInfo.InvariantCulture) + "-",
        };
    }
}
