using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// A crystallographic symmetry operation (W, w) acting on fractional coordinates as
/// x' = W·x + w, held exactly: W is an integer matrix and w a vector of twelfths.
/// </summary>
/// <remarks>
/// Every operation of the 530 standard settings has translations that are multiples of 1/12
/// (International Tables Vol. A, §1.2), so twelfths make composition and comparison exact.
/// Operations compare equal when their matrices and translations are equal as written; use
/// <see cref="Normalized"/> to compare modulo lattice translations.
/// </remarks>
public readonly struct SymmetryOperation : IEquatable<SymmetryOperation>
{
    /// <summary>The denominator of the translation parts: translations are multiples of 1/12.</summary>
    public const int TranslationDenominator = 12;

    // Row-major rotation W and translation numerators over 12. Fields, not arrays, so that an
    // operation is a plain value: copying and comparing it allocates nothing.
    private readonly int _r11, _r12, _r13, _r21, _r22, _r23, _r31, _r32, _r33;
    private readonly int _t1, _t2, _t3;

    /// <summary>Creates an operation from its integer matrix W (row-major) and the numerators of w over 12.</summary>
    /// <param name="rotation">Nine integers W11, W12, W13, W21, …, W33.</param>
    /// <param name="translationTwelfths">Three integers: w = translationTwelfths / 12.</param>
    public SymmetryOperation(ReadOnlySpan<int> rotation, ReadOnlySpan<int> translationTwelfths)
    {
        if (rotation.Length != 9)
            throw new ArgumentException($"A rotation needs 9 elements, got {rotation.Length}.", nameof(rotation));
        if (translationTwelfths.Length != 3)
            throw new ArgumentException($"A translation needs 3 elements, got {translationTwelfths.Length}.", nameof(translationTwelfths));
        _r11 = rotation[0]; _r12 = rotation[1]; _r13 = rotation[2];
        _r21 = rotation[3]; _r22 = rotation[4]; _r23 = rotation[5];
        _r31 = rotation[6]; _r32 = rotation[7]; _r33 = rotation[8];
        _t1 = translationTwelfths[0]; _t2 = translationTwelfths[1]; _t3 = translationTwelfths[2];
    }

    private SymmetryOperation(int r11, int r12, int r13, int r21, int r22, int r23, int r31, int r32, int r33,
                              int t1, int t2, int t3)
    {
        _r11 = r11; _r12 = r12; _r13 = r13;
        _r21 = r21; _r22 = r22; _r23 = r23;
        _r31 = r31; _r32 = r32; _r33 = r33;
        _t1 = t1; _t2 = t2; _t3 = t3;
    }

    /// <summary>The identity x, y, z.</summary>
    public static SymmetryOperation Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0);

    /// <summary>The inversion −x, −y, −z through the origin.</summary>
    public static SymmetryOperation Inversion { get; } = new(-1, 0, 0, 0, -1, 0, 0, 0, -1, 0, 0, 0);

    /// <summary>A pure translation by <paramref name="t1"/>/12, <paramref name="t2"/>/12, <paramref name="t3"/>/12.</summary>
    public static SymmetryOperation Translation(int t1, int t2, int t3) => new(1, 0, 0, 0, 1, 0, 0, 0, 1, t1, t2, t3);

    /// <summary>Element W(row, column) of the rotation part, rows and columns counted from 0.</summary>
    public int Rotation(int row, int column) => (row * 3 + column) switch
    {
        0 => _r11, 1 => _r12, 2 => _r13,
        3 => _r21, 4 => _r22, 5 => _r23,
        6 => _r31, 7 => _r32, 8 => _r33,
        _ => throw new ArgumentOutOfRangeException(nameof(row), $"Row {row}, column {column} is outside a 3×3 matrix."),
    };

    /// <summary>Numerator over 12 of translation component <paramref name="axis"/> (0, 1, 2).</summary>
    public int TranslationTwelfths(int axis) => axis switch
    {
        0 => _t1, 1 => _t2, 2 => _t3,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is not 0, 1 or 2."),
    };

    /// <summary>Translation component <paramref name="axis"/> as a double (w_axis = numerator / 12).</summary>
    public double Translation(int axis) => TranslationTwelfths(axis) / (double)TranslationDenominator;

    /// <summary>Determinant of W: +1 for proper rotations, −1 for improper ones.</summary>
    public int Determinant =>
        _r11 * (_r22 * _r33 - _r23 * _r32) - _r12 * (_r21 * _r33 - _r23 * _r31) + _r13 * (_r21 * _r32 - _r22 * _r31);

    /// <summary>Trace of W, which with the determinant fixes the rotation type (ITA Table 1.2.2.1).</summary>
    public int Trace => _r11 + _r22 + _r33;

    /// <summary>
    /// The rotation type in the International Tables' notation: 1, 2, 3, 4, 6 for proper rotations and
    /// −1, −2 (= m), −3, −4, −6 for improper ones, read from the determinant and trace of W.
    /// </summary>
    public int RotationType => (Determinant, Trace) switch
    {
        (1, 3) => 1, (1, -1) => 2, (1, 0) => 3, (1, 1) => 4, (1, 2) => 6,
        (-1, -3) => -1, (-1, 1) => -2, (-1, 0) => -3, (-1, -1) => -4, (-1, -2) => -6,
        _ => throw new InvalidOperationException($"{this} is not a crystallographic rotation (det {Determinant}, trace {Trace})."),
    };

    /// <summary>True when W is the identity matrix (the operation is a pure translation).</summary>
    public bool IsPureTranslation =>
        _r11 == 1 && _r12 == 0 && _r13 == 0 && _r21 == 0 && _r22 == 1 && _r23 == 0 && _r31 == 0 && _r32 == 0 && _r33 == 1;

    /// <summary>True when the operation is x, y, z exactly.</summary>
    public bool IsIdentity => IsPureTranslation && _t1 == 0 && _t2 == 0 && _t3 == 0;

    /// <summary>True when W = −I, i.e. the operation is an inversion (through some point).</summary>
    public bool IsInversion =>
        _r11 == -1 && _r12 == 0 && _r13 == 0 && _r21 == 0 && _r22 == -1 && _r23 == 0 && _r31 == 0 && _r32 == 0 && _r33 == -1;

    /// <summary>The same operation with its translation reduced to [0, 1).</summary>
    public SymmetryOperation Normalized() =>
        new(_r11, _r12, _r13, _r21, _r22, _r23, _r31, _r32, _r33, Mod12(_t1), Mod12(_t2), Mod12(_t3));

    private static int Mod12(int t) => ((t % TranslationDenominator) + TranslationDenominator) % TranslationDenominator;

    /// <summary>The composition this ∘ <paramref name="other"/>: first <paramref name="other"/>, then this.</summary>
    public SymmetryOperation Compose(SymmetryOperation other) => this * other;

    /// <summary>The composition a ∘ b (b acts first): (Wa·Wb, Wa·wb + wa).</summary>
    public static SymmetryOperation operator *(SymmetryOperation a, SymmetryOperation b) => new(
        a._r11 * b._r11 + a._r12 * b._r21 + a._r13 * b._r31,
        a._r11 * b._r12 + a._r12 * b._r22 + a._r13 * b._r32,
        a._r11 * b._r13 + a._r12 * b._r23 + a._r13 * b._r33,
        a._r21 * b._r11 + a._r22 * b._r21 + a._r23 * b._r31,
        a._r21 * b._r12 + a._r22 * b._r22 + a._r23 * b._r32,
        a._r21 * b._r13 + a._r22 * b._r23 + a._r23 * b._r33,
        a._r31 * b._r11 + a._r32 * b._r21 + a._r33 * b._r31,
        a._r31 * b._r12 + a._r32 * b._r22 + a._r33 * b._r32,
        a._r31 * b._r13 + a._r32 * b._r23 + a._r33 * b._r33,
        a._r11 * b._t1 + a._r12 * b._t2 + a._r13 * b._t3 + a._t1,
        a._r21 * b._t1 + a._r22 * b._t2 + a._r23 * b._t3 + a._t2,
        a._r31 * b._t1 + a._r32 * b._t2 + a._r33 * b._t3 + a._t3);

    /// <summary>The inverse (W⁻¹, −W⁻¹·w). W⁻¹ is integral because det W = ±1.</summary>
    public SymmetryOperation Inverse()
    {
        int det = Determinant;
        if (det is not (1 or -1))
            throw new InvalidOperationException($"{this} has determinant {det}: it is not invertible over the integers.");
        // Adjugate divided by the determinant (±1).
        int i11 = (_r22 * _r33 - _r23 * _r32) * det, i12 = (_r13 * _r32 - _r12 * _r33) * det, i13 = (_r12 * _r23 - _r13 * _r22) * det;
        int i21 = (_r23 * _r31 - _r21 * _r33) * det, i22 = (_r11 * _r33 - _r13 * _r31) * det, i23 = (_r13 * _r21 - _r11 * _r23) * det;
        int i31 = (_r21 * _r32 - _r22 * _r31) * det, i32 = (_r12 * _r31 - _r11 * _r32) * det, i33 = (_r11 * _r22 - _r12 * _r21) * det;
        return new SymmetryOperation(i11, i12, i13, i21, i22, i23, i31, i32, i33,
            -(i11 * _t1 + i12 * _t2 + i13 * _t3),
            -(i21 * _t1 + i22 * _t2 + i23 * _t3),
            -(i31 * _t1 + i32 * _t2 + i33 * _t3));
    }

    /// <summary>Applies the operation to a fractional position: W·x + w.</summary>
    public FractionalPosition Apply(FractionalPosition position) => new(
        _r11 * position.X + _r12 * position.Y + _r13 * position.Z + _t1 / (double)TranslationDenominator,
        _r21 * position.X + _r22 * position.Y + _r23 * position.Z + _t2 / (double)TranslationDenominator,
        _r31 * position.X + _r32 * position.Y + _r33 * position.Z + _t3 / (double)TranslationDenominator);

    /// <summary>
    /// Transforms Miller indices as covariant components: h' = h·W (the row vector h times W), which
    /// maps a reflection onto its symmetry equivalent.
    /// </summary>
    public MillerIndex ApplyToReflection(MillerIndex hkl) => new(
        hkl.H * _r11 + hkl.K * _r21 + hkl.L * _r31,
        hkl.H * _r12 + hkl.K * _r22 + hkl.L * _r32,
        hkl.H * _r13 + hkl.K * _r23 + hkl.L * _r33);

    /// <summary>
    /// The phase shift h·w of reflection <paramref name="hkl"/> under this operation, in twelfths of a
    /// full turn (the structure-factor contribution of the image gets exp(2πi·h·w)).
    /// </summary>
    public int PhaseShiftTwelfths(MillerIndex hkl) => hkl.H * _t1 + hkl.K * _t2 + hkl.L * _t3;

    /// <summary>True when both operations have the same rotation part W.</summary>
    public bool HasSameRotation(SymmetryOperation other) =>
        _r11 == other._r11 && _r12 == other._r12 && _r13 == other._r13 &&
        _r21 == other._r21 && _r22 == other._r22 && _r23 == other._r23 &&
        _r31 == other._r31 && _r32 == other._r32 && _r33 == other._r33;

    /// <summary>
    /// Parses the coordinate-triplet form used by CIF and International Tables, such as
    /// "-y,x-y,z+1/3", "x+1/2, -y, z", "1/2-x,y,-z" or "-x+y,y,-z+1/3".
    /// </summary>
    /// <exception cref="FormatException">The text is not a triplet of affine expressions in x, y, z with
    /// translations that are multiples of 1/12, or the matrix is not invertible.</exception>
    public static SymmetryOperation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = TripletParser.ParseIntegerCoefficients(text, TranslationDenominator);
        var op = new SymmetryOperation(
            rows[0], rows[1], rows[2], rows[4], rows[5], rows[6], rows[8], rows[9], rows[10],
            rows[3], rows[7], rows[11]);
        if (op.Determinant is not (1 or -1))
            throw new FormatException($"'{text}' is not a symmetry operation: its matrix has determinant {op.Determinant}.");
        return op;
    }

    /// <summary>Parses like <see cref="Parse"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out SymmetryOperation operation)
    {
        operation = default;
        if (text is null) return false;
        try
        {
            operation = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The coordinate-triplet form, e.g. "-y,x-y,z+1/3" (translations as written, not reduced).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int row = 0; row < 3; row++)
        {
            if (row > 0) sb.Append(',');
            TripletParser.AppendRow(sb, Rotation(row, 0), Rotation(row, 1), Rotation(row, 2),
                TranslationTwelfths(row), TranslationDenominator);
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(SymmetryOperation other) =>
        HasSameRotation(other) && _t1 == other._t1 && _t2 == other._t2 && _t3 == other._t3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SymmetryOperation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_r11); hash.Add(_r12); hash.Add(_r13);
        hash.Add(_r21); hash.Add(_r22); hash.Add(_r23);
        hash.Add(_r31); hash.Add(_r32); hash.Add(_r33);
        hash.Add(_t1); hash.Add(_t2); hash.Add(_t3);
        return hash.ToHashCode();
    }

    /// <summary>Equality of matrix and translation as written.</summary>
    public static bool operator ==(SymmetryOperation left, SymmetryOperation right) => left.Equals(right);

    /// <summary>Inequality of matrix or translation as written.</summary>
    public static bool operator !=(SymmetryOperation left, SymmetryOperation right) => !left.Equals(right);
}

/// <summary>Reads and writes affine coordinate triplets ("x-y+1/2,-y,z") over a fixed denominator.</summary>
internal static class TripletParser
{
    /// <summary>
    /// Parses a triplet into 12 integers: for each row, the coefficients of x, y, z and the constant
    /// term, all as numerators over <paramref name="denominator"/>.
    /// </summary>
    public static int[] Parse(string text, int denominator)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 3)
            throw new FormatException($"'{text}' is not a coordinate triplet: expected three comma-separated expressions, found {parts.Length}.");
        var result = new int[12];
        for (int row = 0; row < 3; row++)
            ParseRow(parts[row], text, denominator, result.AsSpan(row * 4, 4));
        return result;
    }

    /// <summary>
    /// Parses like <see cref="Parse"/> but requires integer coefficients of x, y, z and returns them
    /// as plain integers; constants stay numerators over <paramref name="denominator"/>.
    /// </summary>
    public static int[] ParseIntegerCoefficients(string text, int denominator)
    {
        int[] rows = Parse(text, denominator);
        for (int row = 0; row < 3; row++)
        {
            for (int col = 0; col < 3; col++)
            {
                int v = rows[row * 4 + col];
                if (v % denominator != 0)
                    throw new FormatException($"'{text}': coefficients of x, y, z must be integers.");
                rows[row * 4 + col] = v / denominator;
            }
        }
        return rows;
    }

    private static void ParseRow(string expression, string whole, int denominator, Span<int> row)
    {
        string s = expression.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (s.Length == 0)
            throw new FormatException($"'{whole}' has an empty expression.");
        int i = 0;
        bool any = false;
        while (i < s.Length)
        {
            int sign = 1;
            if (s[i] is '+' or '-')
            {
                sign = s[i] == '-' ? -1 : 1;
                i++;
            }
            else if (any)
            {
                throw new FormatException($"'{whole}': expected '+' or '-' before '{s[i..]}'.");
            }
            if (i >= s.Length)
                throw new FormatException($"'{whole}' ends with a sign.");

            // A term is [number][*]?[x|y|z] or number[/number] or a decimal.
            int start = i;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
            string numberText = s[start..i];
            long numerator = 1, termDenominator = 1;
            bool hasNumber = numberText.Length > 0;
            if (hasNumber)
                (numerator, termDenominator) = ParseNumber(numberText, whole);
            if (i < s.Length && s[i] == '/')
            {
                i++;
                int denStart = i;
                while (i < s.Length && char.IsDigit(s[i])) i++;
                if (i == denStart || !hasNumber)
                    throw new FormatException($"'{whole}' has a malformed fraction.");
                termDenominator *= long.Parse(s[denStart..i], CultureInfo.InvariantCulture);
                if (termDenominator == 0)
                    throw new FormatException($"'{whole}' divides by zero.");
            }
            if (i < s.Length && s[i] == '*') i++;
            if (i < s.Length && s[i] is 'x' or 'y' or 'z')
            {
                long scaledCoefficient = numerator * denominator;
                if (scaledCoefficient % termDenominator != 0)
                    throw new FormatException($"'{whole}': the coefficient {numerator}/{termDenominator} is not a multiple of 1/{denominator}.");
                int axis = s[i] - 'x';
                row[axis] += sign * (int)(scaledCoefficient / termDenominator);
                i++;
                // A trailing "/n" after a variable ("x/2") is not allowed in symmetry operations.
                if (i < s.Length && s[i] == '/')
                    throw new FormatException($"'{whole}': coefficients of x, y, z must be integers.");
            }
            else
            {
                if (!hasNumber)
                    throw new FormatException($"'{whole}': unexpected '{(i < s.Length ? s[i] : ' ')}' in '{expression}'.");
                long scaled = numerator * denominator;
                if (scaled % termDenominator != 0)
                    throw new FormatException($"'{whole}': the translation {numerator}/{termDenominator} is not a multiple of 1/{denominator}.");
                row[3] += sign * (int)(scaled / termDenominator);
            }
            any = true;
        }
    }

    private static (long Numerator, long Denominator) ParseNumber(string text, string whole)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return (long.Parse(text, CultureInfo.InvariantCulture), 1);
        // Decimals such as 0.5, 0.25 or 0.333333 (CIF files write thirds this way).
        double value = double.Parse(text, CultureInfo.InvariantCulture);
        foreach (long den in new long[] { 1, 2, 3, 4, 6, 8, 12, 24 })
        {
            double num = value * den;
            if (Math.Abs(num - Math.Round(num)) < 1e-4 * den)
                return ((long)Math.Round(num), den);
        }
        throw new FormatException($"'{whole}': the decimal {text} is not a simple fraction.");
    }

    /// <summary>Appends one row such as "-x+y+1/3" in the conventional order: x, y, z terms, then the constant.</summary>
    public static void AppendRow(StringBuilder sb, int cx, int cy, int cz, int numerator, int denominator)
    {
        int start = sb.Length;
        AppendTerm(sb, cx, 'x', start);
        AppendTerm(sb, cy, 'y', start);
        AppendTerm(sb, cz, 'z', start);
        if (numerator != 0 || sb.Length == start)
        {
            int g = (int)System.Numerics.BigInteger.GreatestCommonDivisor(Math.Abs(numerator), denominator);
            if (g == 0) g = 1;
            int n = numerator / g, d = denominator / g;
            if (sb.Length > start && n > 0) sb.Append('+');
            if (n < 0) sb.Append('-');
            sb.Append(Math.Abs(n).ToString(CultureInfo.InvariantCulture));
            if (d != 1 && n != 0) sb.Append('/').Append(d.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void AppendTerm(StringBuilder sb, int coefficient, char variable, int start)
    {
        if (coefficient == 0) return;
        if (coefficient < 0) sb.Append('-');
        else if (sb.Length > start) sb.Append('+');
        if (Math.Abs(coefficient) != 1) sb.Append(Math.Abs(coefficient).ToString(CultureInfo.InvariantCulture));
        sb.Append(variable);
    }
}
