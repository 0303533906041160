using System.Numerics;
using System.Text;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// An exact change of basis x_new = M·x_old + m with rational M and m, as written in parentheses
/// after a Hall symbol: "(x,y,z+1/4)", "(-x+z,y,-x)" or the origin-shift form "(0 0 1)" in twelfths.
/// </summary>
/// <remarks>
/// Symmetry operations transform as S_new = P·S_old·P⁻¹ (International Tables Vol. A, §1.5.2.3,
/// with P the coordinate transformation). The translations of a change of basis need a finer
/// denominator than those of operations (origin shifts of 1/8), so the numbers are held as
/// rationals over one common denominator.
/// </remarks>
public sealed class ChangeOfBasis
{
    // Row-major 3×4 numerators [M | m] over a single positive denominator, reduced by their gcd.
    private readonly long[] _numerators;
    private readonly long _denominator;

    private ChangeOfBasis(long[] numerators, long denominator)
    {
        if (denominator < 0)
        {
            denominator = -denominator;
            for (int i = 0; i < 12; i++) numerators[i] = -numerators[i];
        }
        long g = denominator;
        foreach (long n in numerators) g = (long)BigInteger.GreatestCommonDivisor(g, Math.Abs(n));
        if (g > 1)
        {
            for (int i = 0; i < 12; i++) numerators[i] /= g;
            denominator /= g;
        }
        _numerators = numerators;
        _denominator = denominator;
    }

    /// <summary>The identity change of basis x, y, z.</summary>
    public static ChangeOfBasis Identity { get; } = new([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], 1);

    /// <summary>
    /// Parses "x,y,z+1/4"-style triplets (coefficients and constants may be fractions written before
    /// the variable: "1/2*x+1/2*y") or three numbers "0 0 1" meaning an origin shift in twelfths, as
    /// in Hall's notation.
    /// </summary>
    /// <exception cref="FormatException">The text is neither form, or the matrix is singular.</exception>
    public static ChangeOfBasis Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string body = text.Trim();
        if (body.StartsWith('(') && body.EndsWith(')')) body = body[1..^1].Trim();
        if (!body.Contains(','))
        {
            string[] parts = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || !parts.All(p => int.TryParse(p, out _)))
                throw new FormatException($"'{text}' is neither a triplet such as (x,y,z+1/4) nor an origin shift such as (0 0 1).");
            return new ChangeOfBasis([
                1 * 12, 0, 0, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                0, 1 * 12, 0, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                0, 0, 1 * 12, int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)], 12);
        }
        // Constants over 144 cover every shift met in practice (1/8, 1/12, 1/16, 1/48).
        const int denominator = 144;
        int[] rows = TripletParser.Parse(body, denominator);
        var numerators = new long[12];
        for (int k = 0; k < 12; k++) numerators[k] = rows[k];
        var result = new ChangeOfBasis(numerators, denominator);
        if (result.DeterminantNumerator() == 0)
            throw new FormatException($"'{text}' is a singular change of basis.");
        return result;
    }

    /// <summary>True when this is x, y, z.</summary>
    public bool IsIdentity => _denominator == 1 && _numerators.AsSpan().SequenceEqual(Identity._numerators);

    /// <summary>The determinant of M: the ratio of the new cell's volume to the old one's, inverted.</summary>
    public double Determinant => DeterminantNumerator() / Math.Pow(_denominator, 3);

    private long M(int row, int col) => _numerators[row * 4 + col];

    private long DeterminantNumerator() =>
        M(0, 0) * (M(1, 1) * M(2, 2) - M(1, 2) * M(2, 1)) -
        M(0, 1) * (M(1, 0) * M(2, 2) - M(1, 2) * M(2, 0)) +
        M(0, 2) * (M(1, 0) * M(2, 1) - M(1, 1) * M(2, 0));

    /// <summary>The inverse change of basis.</summary>
    public ChangeOfBasis Inverse()
    {
        // M⁻¹ = adj(M)/det(M) with M = N/d: (N/d)⁻¹ = d·adj(N)/det(N).
        long det = DeterminantNumerator();
        var adj = new long[9]
        {
            M(1, 1) * M(2, 2) - M(1, 2) * M(2, 1), M(0, 2) * M(2, 1) - M(0, 1) * M(2, 2), M(0, 1) * M(1, 2) - M(0, 2) * M(1, 1),
            M(1, 2) * M(2, 0) - M(1, 0) * M(2, 2), M(0, 0) * M(2, 2) - M(0, 2) * M(2, 0), M(0, 2) * M(1, 0) - M(0, 0) * M(1, 2),
            M(1, 0) * M(2, 1) - M(1, 1) * M(2, 0), M(0, 1) * M(2, 0) - M(0, 0) * M(2, 1), M(0, 0) * M(1, 1) - M(0, 1) * M(1, 0),
        };
        // New matrix numerators over det: d·adj(N); new shift −M⁻¹·m = −(d·adj(N)/det)·(n_m/d) = −adj(N)·n_m/det.
        var result = new long[12];
        for (int row = 0; row < 3; row++)
        {
            long shift = 0;
            for (int col = 0; col < 3; col++)
            {
                result[row * 4 + col] = _denominator * adj[row * 3 + col];
                shift -= adj[row * 3 + col] * _numerators[col * 4 + 3];
            }
            result[row * 4 + 3] = shift;
        }
        return new ChangeOfBasis(result, det);
    }

    /// <summary>The composition a·b (b applied first).</summary>
    public static ChangeOfBasis operator *(ChangeOfBasis a, ChangeOfBasis b)
    {
        var result = new long[12];
        for (int row = 0; row < 3; row++)
        {
            for (int col = 0; col < 4; col++)
            {
                long sum = 0;
                for (int k = 0; k < 3; k++) sum += a._numerators[row * 4 + k] * b._numerators[k * 4 + col];
                if (col == 3) sum += a._numerators[row * 4 + 3] * b._denominator;
                result[row * 4 + col] = sum;
            }
        }
        return new ChangeOfBasis(result, a._denominator * b._denominator);
    }

    internal static ChangeOfBasis FromOperation(SymmetryOperation op)
    {
        var n = new long[12];
        for (int row = 0; row < 3; row++)
        {
            for (int col = 0; col < 3; col++) n[row * 4 + col] = op.Rotation(row, col) * (long)SymmetryOperation.TranslationDenominator;
            n[row * 4 + 3] = op.TranslationTwelfths(row);
        }
        return new ChangeOfBasis(n, SymmetryOperation.TranslationDenominator);
    }

    /// <summary>
    /// Converts back to an operation when M is integral and m a multiple of 1/12; otherwise returns
    /// false (the transformed operation does not exist in this basis with exact twelfths).
    /// </summary>
    internal bool TryToOperation(out SymmetryOperation operation)
    {
        operation = default;
        Span<int> rot = stackalloc int[9];
        Span<int> tr = stackalloc int[3];
        for (int row = 0; row < 3; row++)
        {
            for (int col = 0; col < 3; col++)
            {
                long n = _numerators[row * 4 + col];
                if (n % _denominator != 0) return false;
                rot[row * 3 + col] = (int)(n / _denominator);
            }
            long t = _numerators[row * 4 + 3] * SymmetryOperation.TranslationDenominator;
            if (t % _denominator != 0) return false;
            tr[row] = (int)(t / _denominator);
        }
        operation = new SymmetryOperation(rot, tr);
        return true;
    }

    /// <summary>The transformed operation P·S·P⁻¹, or an exception when it is not exact in twelfths.</summary>
    public SymmetryOperation Transform(SymmetryOperation operation)
    {
        var product = this * FromOperation(operation) * Inverse();
        if (!product.TryToOperation(out var result))
            throw new ArgumentException(
                $"The change of basis {this} maps {operation} onto {product}, which is not an operation with an integer matrix and translations in twelfths.",
                nameof(operation));
        return result;
    }

    /// <summary>
    /// Maps a lattice translation (numerators over 12) into the new basis: only the linear part M acts
    /// on translations. Returns false when the image is not a multiple of 1/12.
    /// </summary>
    internal bool TryTransformTranslation(int t1, int t2, int t3, out (int, int, int) image)
    {
        image = default;
        Span<int> r = stackalloc int[3];
        for (int row = 0; row < 3; row++)
        {
            long sum = M(row, 0) * t1 + M(row, 1) * t2 + M(row, 2) * t3;
            if (sum % _denominator != 0) return false;
            r[row] = (int)(sum / _denominator);
        }
        image = (r[0], r[1], r[2]);
        return true;
    }

    /// <summary>The triplet form, e.g. "x,y,z+1/4".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int row = 0; row < 3; row++)
        {
            if (row > 0) sb.Append(',');
            int start = sb.Length;
            for (int col = 0; col < 3; col++)
            {
                long n = M(row, col);
                if (n == 0) continue;
                AppendFraction(sb, n, _denominator, sb.Length > start);
                sb.Append((char)('x' + col));
            }
            long t = _numerators[row * 4 + 3];
            if (t != 0 || sb.Length == start) AppendFraction(sb, t, _denominator, sb.Length > start, constant: true);
        }
        return sb.ToString();
    }

    private static void AppendFraction(StringBuilder sb, long n, long d, bool withPlus, bool constant = false)
    {
        long g = (long)BigInteger.GreatestCommonDivisor(Math.Abs(n), d);
        if (g == 0) g = 1;
        n /= g; d /= g;
        if (n < 0) sb.Append('-');
        else if (withPlus) sb.Append('+');
        long a = Math.Abs(n);
        if (d == 1)
        {
            if (a != 1 || constant) sb.Append(a);
        }
        else
        {
            sb.Append(a).Append('/').Append(d);
            if (!constant) sb.Append('*');
        }
    }
}
