using System.Globalization;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// A number with its standard uncertainty, written and read in crystallographers' parenthesis
/// notation: 2.94194(7) means 2.94194 ± 0.00007, 1.17(3) means 1.17 ± 0.03, 14.41(12) means
/// 14.41 ± 0.12.
/// </summary>
/// <param name="Value">The value.</param>
/// <param name="StandardUncertainty">The standard uncertainty (one standard deviation), 0 when exact or unknown.</param>
public readonly record struct MeasuredValue(double Value, double StandardUncertainty = 0)
{
    /// <summary>True when a non-zero standard uncertainty is attached.</summary>
    public bool HasUncertainty => StandardUncertainty > 0;

    /// <summary>An exact value (no uncertainty).</summary>
    public static implicit operator MeasuredValue(double value) => new(value);

    /// <summary>
    /// Parses "2.94194(7)", "1.17(3)", "-0.5(12)", "14.41", "1.2e-3(4)" and "5(2)" (the digits in
    /// parentheses are the uncertainty in units of the last digit of the value).
    /// </summary>
    /// <exception cref="FormatException">The text is not a number with an optional (digits) suffix.</exception>
    public static MeasuredValue Parse(string text)
    {
        if (TryParse(text, out var value)) return value;
        throw new FormatException($"'{text}' is not a number with an optional standard uncertainty in parentheses, such as 2.94194(7).");
    }

    /// <summary>Parses like <see cref="Parse"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out MeasuredValue value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string s = text.Trim();
        int open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain) || !double.IsFinite(plain))
                return false;
            value = new MeasuredValue(plain);
            return true;
        }
        int close = s.IndexOf(')', open);
        if (close < 0) return false;
        string mantissaText = s[..open];
        string suText = s[(open + 1)..close];
        string exponentText = s[(close + 1)..];
        if (suText.Length == 0 || !suText.All(char.IsAsciiDigit)) return false;
        if (exponentText.Length > 0 && exponentText[0] is not ('e' or 'E')) return false;
        if (!double.TryParse(mantissaText + exponentText, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            return false;
        // The uncertainty counts units of the last decimal of the mantissa, scaled by any exponent.
        int dot = mantissaText.IndexOf('.', StringComparison.Ordinal);
        int decimals = dot < 0 ? 0 : mantissaText.Length - dot - 1;
        int exponent = 0;
        if (exponentText.Length > 0 && !int.TryParse(exponentText[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            return false;
        double su = long.Parse(suText, CultureInfo.InvariantCulture) * Math.Pow(10, exponent - decimals);
        value = new MeasuredValue(v, su);
        return true;
    }

    /// <summary>
    /// The parenthesis notation with the uncertainty written by the "rule of 19" of the IUCr (Notes
    /// for Authors; CIF core dictionary): two digits when they are 19 or less, otherwise one, and
    /// the value rounded to the same decimal: 2.94194(7), 14.41(12), 0.2571(3). Without an
    /// uncertainty, the value with up to <paramref name="exactDigits"/> significant digits.
    /// </summary>
    public string ToString(int exactDigits)
    {
        if (!HasUncertainty || !double.IsFinite(StandardUncertainty))
            return Value.ToString("G" + exactDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int magnitude = (int)Math.Floor(Math.Log10(StandardUncertainty));
        double leading = StandardUncertainty / Math.Pow(10, magnitude);
        int significant = leading < 1.95 ? 2 : 1;
        int decimals = significant - 1 - magnitude;
        long suDigits = (long)Math.Round(StandardUncertainty * Math.Pow(10, decimals));
        if (suDigits >= 10 && significant == 1)
        {
            // 9.6 in the last place rounds to 10: one decimal fewer, uncertainty 1.
            decimals--;
            suDigits = (long)Math.Round(StandardUncertainty * Math.Pow(10, decimals));
        }
        if (decimals >= 0)
        {
            string v = Math.Round(Value, Math.Min(decimals, 15)).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return $"{v}({suDigits.ToString(CultureInfo.InvariantCulture)})";
        }
        // Uncertainty larger than 1 in the units place (e.g. 1234(56) → 1230(60)): written as integers.
        double scale = Math.Pow(10, -decimals);
        long rounded = (long)(Math.Round(Value / scale) * scale);
        long su = (long)(suDigits * scale);
        return $"{rounded.ToString(CultureInfo.InvariantCulture)}({su.ToString(CultureInfo.InvariantCulture)})";
    }

    /// <summary>The parenthesis notation (see <see cref="ToString(int)"/>), six significant digits for exact values.</summary>
    public override string ToString() => ToString(6);
}
