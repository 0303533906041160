using System.Globalization;
using System.Numerics;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// An exact rational number p/q with 64-bit numerator and denominator, always in lowest terms with a
/// positive denominator. Used where chemistry must be exact: amounts written in formulas ("7/6",
/// "1.2" = 6/5) and the compositions the <see cref="CompositionDesigner"/> solves for, whose charge
/// balance is checked as an identity rather than within a tolerance.
/// </summary>
/// <remarks>
/// Intermediate products are formed in 128-bit integers and reduced before they are narrowed, so an
/// operation throws <see cref="OverflowException"/> only when the reduced result itself does not fit
/// in 64 bits; it never wraps around silently. <c>default(Fraction)</c> is zero.
/// </remarks>
public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>, IComparable,
    IAdditionOperators<Fraction, Fraction, Fraction>, ISubtractionOperators<Fraction, Fraction, Fraction>,
    IMultiplyOperators<Fraction, Fraction, Fraction>, IDivisionOperators<Fraction, Fraction, Fraction>,
    IUnaryNegationOperators<Fraction, Fraction>, IComparisonOperators<Fraction, Fraction, bool>
{
    // Stored as denominator − 1 so that default(Fraction) is 0/1.
    private readonly long _denominatorMinusOne;

    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/>, reduced to lowest terms.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public Fraction(long numerator, long denominator)
        : this(Reduce(numerator, denominator))
    {
    }

    private Fraction((long Numerator, long Denominator) reduced)
    {
        Numerator = reduced.Numerator;
        _denominatorMinusOne = reduced.Denominator - 1;
    }

    /// <summary>The numerator (carries the sign).</summary>
    public long Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public long Denominator => _denominatorMinusOne + 1;

    /// <summary>0.</summary>
    public static Fraction Zero => default;

    /// <summary>1.</summary>
    public static Fraction One => new(1, 1);

    /// <summary>True for 0.</summary>
    public bool IsZero => Numerator == 0;

    /// <summary>True when the value is an integer (denominator 1).</summary>
    public bool IsInteger => Denominator == 1;

    /// <summary>The sign: −1, 0 or +1.</summary>
    public int Sign => Math.Sign(Numerator);

    /// <summary>The nearest double.</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>An integer as a fraction.</summary>
    public static implicit operator Fraction(long value) => new(value, 1);

    /// <summary>The nearest double.</summary>
    public static explicit operator double(Fraction value) => value.ToDouble();

    /// <summary>The sum.</summary>
    public static Fraction operator +(Fraction left, Fraction right) =>
        FromWide((Int128)left.Numerator * right.Denominator + (Int128)right.Numerator * left.Denominator,
            (Int128)left.Denominator * right.Denominator);

    /// <summary>The difference.</summary>
    public static Fraction operator -(Fraction left, Fraction right) =>
        FromWide((Int128)left.Numerator * right.Denominator - (Int128)right.Numerator * left.Denominator,
            (Int128)left.Denominator * right.Denominator);

    /// <summary>The product.</summary>
    public static Fraction operator *(Fraction left, Fraction right) =>
        FromWide((Int128)left.Numerator * right.Numerator, (Int128)left.Denominator * right.Denominator);

    /// <summary>The quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Fraction operator /(Fraction left, Fraction right)
    {
        if (right.IsZero) throw new DivideByZeroException("Division of a fraction by zero.");
        return FromWide((Int128)left.Numerator * right.Denominator, (Int128)left.Denominator * right.Numerator);
    }

    /// <summary>The negation.</summary>
    public static Fraction operator -(Fraction value) => FromWide(-(Int128)value.Numerator, value.Denominator);

    /// <summary>The absolute value.</summary>
    public static Fraction Abs(Fraction value) => value.Numerator < 0 ? -value : value;

    /// <summary>The reciprocal 1/value.</summary>
    /// <exception cref="DivideByZeroException">The value is zero.</exception>
    public Fraction Reciprocal() => One / this;

    /// <inheritdoc />
    public static bool operator ==(Fraction left, Fraction right) => left.Equals(right);

    /// <inheritdoc />
    public static bool operator !=(Fraction left, Fraction right) => !left.Equals(right);

    /// <inheritdoc />
    public static bool operator <(Fraction left, Fraction right) => left.CompareTo(right) < 0;

    /// <inheritdoc />
    public static bool operator >(Fraction left, Fraction right) => left.CompareTo(right) > 0;

    /// <inheritdoc />
    public static bool operator <=(Fraction left, Fraction right) => left.CompareTo(right) <= 0;

    /// <inheritdoc />
    public static bool operator >=(Fraction left, Fraction right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Fraction other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <inheritdoc />
    public int CompareTo(Fraction other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Fraction other => CompareTo(other),
        _ => throw new ArgumentException("The object is not a Fraction.", nameof(obj)),
    };

    /// <summary>"7/6", "-1/3", or "2" for an integer.</summary>
    public override string ToString() =>
        IsInteger
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses "7/6", "-1/3", "2", and decimals read exactly: "1.2" is 6/5, "0.125" is 1/8, "-.5" is
    /// −1/2. The numerator of a fraction may itself be a decimal ("1.5/2" = 3/4). No exponents, no
    /// thousands separators, no surrounding text other than white space.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a number, or its denominator is zero.</exception>
    /// <exception cref="OverflowException">The number needs more than 64 bits.</exception>
    public static Fraction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), text);
    }

    /// <summary>Parses like <see cref="Parse(string)"/> and reports failure (including overflow) instead of throwing.</summary>
    public static bool TryParse(string? text, out Fraction value)
    {
        value = default;
        if (text is null) return false;
        try
        {
            value = Parse(text.AsSpan(), text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// The decimal's exact value: 0.1 becomes 1/10 (not the binary double nearest 0.1), by way of
    /// <see cref="decimal"/> — that is, the shortest round-trip decimal text of the double.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not finite.</exception>
    /// <exception cref="OverflowException">The decimal needs more than 64 bits.</exception>
    public static Fraction FromDecimalDigits(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} is not a finite number.", nameof(value));
        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static Fraction Parse(ReadOnlySpan<char> span, string original)
    {
        span = span.Trim();
        int slash = span.IndexOf('/');
        if (slash < 0) return ParseDecimal(span, original);
        Fraction numerator = ParseDecimal(span[..slash], original);
        ReadOnlySpan<char> denominatorText = span[(slash + 1)..];
        if (denominatorText.Length == 0 || !IsAllDigits(denominatorText))
            throw new FormatException($"'{original}': the denominator must be a whole number.");
        long denominator = long.Parse(denominatorText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (denominator == 0) throw new FormatException($"'{original}': the denominator is zero.");
        return numerator / denominator;
    }

    private static Fraction ParseDecimal(ReadOnlySpan<char> span, string original)
    {
        bool negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        int dot = span.IndexOf('.');
        ReadOnlySpan<char> whole = dot < 0 ? span : span[..dot];
        ReadOnlySpan<char> decimals = dot < 0 ? [] : span[(dot + 1)..];
        if ((whole.Length == 0 && decimals.Length == 0) || !IsAllDigits(whole) || !IsAllDigits(decimals))
            throw new FormatException($"'{original}' is not a number such as 2, 1.2 or 7/6.");
        // Trailing zeros of the decimals change nothing; dropping them keeps 1.2000000000000000000 in range.
        decimals = decimals.TrimEnd('0');
        if (decimals.Length > 18) throw new OverflowException($"'{original}' has more decimals than a 64-bit fraction holds.");
        Int128 numerator = 0;
        foreach (char c in whole) numerator = checked(numerator * 10 + (c - '0'));
        Int128 denominator = 1;
        foreach (char c in decimals)
        {
            numerator = checked(numerator * 10 + (c - '0'));
            denominator *= 10;
        }
        return FromWide(negative ? -numerator : numerator, denominator);
    }

    private static bool IsAllDigits(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static (long, long) Reduce(long numerator, long denominator)
    {
        if (denominator == 0) throw new DivideByZeroException("A fraction's denominator cannot be zero.");
        Fraction f = FromWide(numerator, denominator);
        return (f.Numerator, f.Denominator);
    }

    private static Fraction FromWide(Int128 numerator, Int128 denominator)
    {
        if (denominator == 0) throw new DivideByZeroException("A fraction's denominator cannot be zero.");
        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        Int128 gcd = Gcd(Int128.Abs(numerator), denominator);
        if (gcd > 1)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        if (numerator > long.MaxValue || numerator < -long.MaxValue || denominator > long.MaxValue)
            throw new OverflowException($"The fraction {numerator}/{denominator} does not fit in 64-bit integers.");
        return new Fraction(((long)numerator, (long)denominator));
    }

    private static Int128 Gcd(Int128 a, Int128 b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a == 0 ? 1 : a;
    }
}
