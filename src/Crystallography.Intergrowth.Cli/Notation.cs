using System.Globalization;
using System.Numerics;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli;

/// <summary>How the tool writes numbers, translations and names, in the invariant culture.</summary>
internal static class Notation
{
    /// <summary>The crystal system as a lower-case word: "trigonal", "cubic".</summary>
    public static string CrystalSystemName(CrystalSystem system) => system.ToString().ToLowerInvariant();

    /// <summary>The translation part of an operation as reduced fractions: "2/3,1/3,1/3", "0,1/2,1/2".</summary>
    public static string Translation(SymmetryOperation operation) =>
        string.Join(",", Enumerable.Range(0, 3).Select(axis =>
            Fraction(operation.TranslationTwelfths(axis), SymmetryOperation.TranslationDenominator)));

    /// <summary>
    /// A coordinate with up to 6 decimals. Averaging images leaves rounding noise such as −1e-17 on
    /// exact zeros; printing it as "-0" would suggest a sign that is not there.
    /// </summary>
    public static string Coordinate(double value)
    {
        string text = value.ToString("0.######", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>A position as three coordinates separated by spaces, as they are typed to <c>site</c>.</summary>
    public static string Position(FractionalPosition p) => $"{Coordinate(p.X)} {Coordinate(p.Y)} {Coordinate(p.Z)}";

    /// <summary>
    /// A number with up to <paramref name="decimals"/> decimals, trailing zeros trimmed ("1.2", "0.4444");
    /// "-0" from rounding a tiny negative value is written "0".
    /// </summary>
    public static string Decimal(double value, int decimals)
    {
        string text = value.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// A value read or refined with a standard uncertainty in parenthesis notation ("2.94194(7)",
    /// <see cref="MeasuredValue"/>), or without one as a coordinate (up to 6 decimals: "0.25716").
    /// </summary>
    public static string Measured(double value, double standardUncertainty) =>
        standardUncertainty > 0 ? new MeasuredValue(value, standardUncertainty).ToString() : Coordinate(value);

    /// <summary>An integer in the invariant culture.</summary>
    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fraction(int numerator, int denominator)
    {
        if (numerator == 0) return "0";
        int gcd = (int)BigInteger.GreatestCommonDivisor(numerator, denominator);
        return denominator / gcd == 1
            ? Integer(numerator / gcd)
            : string.Create(CultureInfo.InvariantCulture, $"{numerator / gcd}/{denominator / gcd}");
    }
}
