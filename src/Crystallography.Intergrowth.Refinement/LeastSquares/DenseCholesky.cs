using System.Diagnostics;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// Cholesky factorisation A = L·Lᵀ of a small dense symmetric positive-definite matrix stored
/// row-major in a span, in place and without allocation. Written here rather than taken from
/// MathNet because MathNet's factorisation allocates a new matrix per call, and the damped normal
/// matrix is factorised at every trial of every cycle (see docs/least-squares.md).
/// </summary>
internal static class DenseCholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="matrix"/> (n × n, row-major) with L.
    /// Returns false when a pivot is not positive and finite (the matrix is not numerically positive definite).</summary>
    public static bool TryFactor(Span<double> matrix, int n)
    {
        Debug.Assert(matrix.Length >= n * n);
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = matrix.Slice(j * n, n);
            double d = rowJ[j];
            for (int k = 0; k < j; k++) d -= rowJ[k] * rowJ[k];
            if (!(d > 0) || double.IsInfinity(d)) return false;
            double ljj = Math.Sqrt(d);
            rowJ[j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = matrix.Slice(i * n, n);
                double s = rowI[j];
                for (int k = 0; k < j; k++) s -= rowI[k] * rowJ[k];
                rowI[j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place (b becomes x), L from <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int n, Span<double> rightHandSide)
    {
        for (int i = 0; i < n; i++)
        {
            double s = rightHandSide[i];
            ReadOnlySpan<double> row = factor.Slice(i * n, n);
            for (int k = 0; k < i; k++) s -= row[k] * rightHandSide[k];
            rightHandSide[i] = s / row[i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = rightHandSide[i];
            for (int k = i + 1; k < n; k++) s -= factor[k * n + i] * rightHandSide[k];
            rightHandSide[i] = s / factor[i * n + i];
        }
    }

    /// <summary>Writes diag(A⁻¹) = Σₖ (L⁻¹)ₖⱼ² into <paramref name="diagonal"/>, using <paramref name="scratch"/> (length n).</summary>
    public static void InverseDiagonal(ReadOnlySpan<double> factor, int n, Span<double> diagonal, Span<double> scratch)
    {
        for (int j = 0; j < n; j++)
        {
            // Forward solve L·y = e_j; y is zero above j.
            double sum = 0;
            for (int i = j; i < n; i++)
            {
                double s = i == j ? 1.0 : 0.0;
                ReadOnlySpan<double> row = factor.Slice(i * n, n);
                for (int k = j; k < i; k++) s -= row[k] * scratch[k];
                double y = s / row[i];
                scratch[i] = y;
                sum += y * y;
            }
            diagonal[j] = sum;
        }
    }

    /// <summary>Writes the full inverse A⁻¹ (row-major) into <paramref name="inverse"/>, using <paramref name="scratch"/> (length n).</summary>
    public static void Invert(ReadOnlySpan<double> factor, int n, Span<double> inverse, Span<double> scratch)
    {
        for (int j = 0; j < n; j++)
        {
            scratch.Slice(0, n).Clear();
            scratch[j] = 1.0;
            Solve(factor, n, scratch.Slice(0, n));
            for (int i = 0; i < n; i++) inverse[i * n + j] = scratch[i];
        }
        // Symmetrise away rounding so the covariance is exactly symmetric.
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double m = 0.5 * (inverse[i * n + j] + inverse[j * n + i]);
                inverse[i * n + j] = m;
                inverse[j * n + i] = m;
            }
        }
    }
}
