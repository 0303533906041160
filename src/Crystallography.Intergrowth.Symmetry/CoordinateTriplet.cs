using System.Text;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// The coordinates of a Wyckoff position as International Tables write them, e.g. "x,x,z",
/// "1/2,y,1/4" or "x,-x+1/8,1/8": an affine map from free parameters (x, y, z) to fractional
/// coordinates, exact, with integer coefficients and constants in 1/24.
/// </summary>
/// <remarks>
/// Constants need 1/24 rather than the operations' 1/12 because origin choice 1 settings place
/// special positions at eighths (Fd-3m:1, 16c at 1/8, 1/8, 1/8).
/// </remarks>
public sealed class CoordinateTriplet : IEquatable<CoordinateTriplet>
{
    /// <summary>The denominator of the constant terms.</summary>
    public const int ConstantDenominator = 24;

    private readonly int[] _rows; // 3 × (cx, cy, cz, constant numerator)

    private CoordinateTriplet(int[] rows) => _rows = rows;

    /// <summary>Parses a triplet such as "x,-x,z" or "1/2,0,1/8".</summary>
    /// <exception cref="FormatException">The text is not three affine expressions in x, y, z with constants in 1/24.</exception>
    public static CoordinateTriplet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CoordinateTriplet(TripletParser.ParseIntegerCoefficients(text, ConstantDenominator));
    }

    /// <summary>Coefficient of free parameter <paramref name="parameter"/> (0 = x, 1 = y, 2 = z) in coordinate <paramref name="axis"/>.</summary>
    public int Coefficient(int axis, int parameter) => _rows[axis * 4 + parameter];

    /// <summary>The constant term of coordinate <paramref name="axis"/>.</summary>
    public double Constant(int axis) => _rows[axis * 4 + 3] / (double)ConstantDenominator;

    /// <summary>The number of free parameters: 0 for a point, 1 for a line, 2 for a plane, 3 for the general position.</summary>
    public int DegreesOfFreedom
    {
        get
        {
            var m = new double[3, 3];
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++) m[r, c] = Coefficient(r, c);
            return LinearAlgebra.Rank(m);
        }
    }

    /// <summary>The position for given values of the free parameters x, y, z.</summary>
    public FractionalPosition Evaluate(double x, double y, double z) => new(
        Coefficient(0, 0) * x + Coefficient(0, 1) * y + Coefficient(0, 2) * z + Constant(0),
        Coefficient(1, 0) * x + Coefficient(1, 1) * y + Coefficient(1, 2) * z + Constant(1),
        Coefficient(2, 0) * x + Coefficient(2, 1) * y + Coefficient(2, 2) * z + Constant(2));

    /// <summary>The triplet mapped by a symmetry operation: W·(triplet) + w, as a new triplet.</summary>
    public CoordinateTriplet Transform(SymmetryOperation operation)
    {
        var rows = new int[12];
        const int scale = ConstantDenominator / SymmetryOperation.TranslationDenominator;
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                int sum = 0;
                for (int k = 0; k < 3; k++) sum += operation.Rotation(r, k) * _rows[k * 4 + c];
                rows[r * 4 + c] = sum;
            }
            rows[r * 4 + 3] += operation.TranslationTwelfths(r) * scale;
        }
        return new CoordinateTriplet(rows);
    }

    /// <summary>The same triplet with constants reduced to [0, 1).</summary>
    public CoordinateTriplet Reduced()
    {
        var rows = (int[])_rows.Clone();
        for (int r = 0; r < 3; r++)
            rows[r * 4 + 3] = ((rows[r * 4 + 3] % ConstantDenominator) + ConstantDenominator) % ConstantDenominator;
        return new CoordinateTriplet(rows);
    }

    /// <summary>The form International Tables print: "x,-x,z", "1/2,0,1/8".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int r = 0; r < 3; r++)
        {
            if (r > 0) sb.Append(',');
            TripletParser.AppendRow(sb, _rows[r * 4], _rows[r * 4 + 1], _rows[r * 4 + 2], _rows[r * 4 + 3], ConstantDenominator);
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(CoordinateTriplet? other) => other is not null && _rows.AsSpan().SequenceEqual(other._rows);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CoordinateTriplet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int v in _rows) hash.Add(v);
        return hash.ToHashCode();
    }
}

/// <summary>Small dense linear algebra for 3×3 problems in symmetry work.</summary>
internal static class LinearAlgebra
{
    /// <summary>Rank by Gaussian elimination with partial pivoting.</summary>
    public static int Rank(double[,] matrix)
    {
        var m = (double[,])matrix.Clone();
        int rows = m.GetLength(0), cols = m.GetLength(1), rank = 0;
        for (int c = 0; c < cols && rank < rows; c++)
        {
            int pivot = rank;
            for (int r = rank + 1; r < rows; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            if (Math.Abs(m[pivot, c]) < 1e-9) continue;
            for (int k = 0; k < cols; k++) (m[rank, k], m[pivot, k]) = (m[pivot, k], m[rank, k]);
            for (int r = rank + 1; r < rows; r++)
            {
                double f = m[r, c] / m[rank, c];
                for (int k = c; k < cols; k++) m[r, k] -= f * m[rank, k];
            }
            rank++;
        }
        return rank;
    }

    /// <summary>
    /// Least-squares solution p of A·p = b for a 3×3 A of any rank (minimum-norm via the normal
    /// equations regularised on the null space), returning the residual's largest component.
    /// </summary>
    public static double ResidualOfBestFit(double[,] a, ReadOnlySpan<double> b)
    {
        // Project b onto the column space of A with Gram–Schmidt on A's columns.
        Span<double> q = stackalloc double[9];
        int basis = 0;
        for (int c = 0; c < 3; c++)
        {
            double v0 = a[0, c], v1 = a[1, c], v2 = a[2, c];
            for (int k = 0; k < basis; k++)
            {
                double dot = v0 * q[k * 3] + v1 * q[k * 3 + 1] + v2 * q[k * 3 + 2];
                v0 -= dot * q[k * 3]; v1 -= dot * q[k * 3 + 1]; v2 -= dot * q[k * 3 + 2];
            }
            double norm = Math.Sqrt(v0 * v0 + v1 * v1 + v2 * v2);
            if (norm < 1e-9) continue;
            q[basis * 3] = v0 / norm; q[basis * 3 + 1] = v1 / norm; q[basis * 3 + 2] = v2 / norm;
            basis++;
        }
        double r0 = b[0], r1 = b[1], r2 = b[2];
        for (int k = 0; k < basis; k++)
        {
            double dot = b[0] * q[k * 3] + b[1] * q[k * 3 + 1] + b[2] * q[k * 3 + 2];
            r0 -= dot * q[k * 3]; r1 -= dot * q[k * 3 + 1]; r2 -= dot * q[k * 3 + 2];
        }
        return Math.Max(Math.Abs(r0), Math.Max(Math.Abs(r1), Math.Abs(r2)));
    }
}
