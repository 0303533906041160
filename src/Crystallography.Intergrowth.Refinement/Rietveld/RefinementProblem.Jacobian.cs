using Crystallography.Intergrowth.Constraints;
using Simd = System.Numerics;

namespace Crystallography.Intergrowth.Refinement;

public sealed partial class RefinementProblem
{
    // The weighted Jacobian J_v = diag(√w)·J_p·T over the rows that can be non-zero only.
    //
    // Most of J_p is known to be zero: a pattern's histogram parameters vanish on the other patterns' rows, and the
    // peak columns (everything the kernels accumulate into) vanish outside the union of the peak windows — on the study's
    // two-phase problem 23,029 of the 30,802 rows carry only their background terms. So J_p keeps an invariant instead of
    // being cleared per evaluation: its background columns hold the Chebyshev basis Tₖ on their pattern's rows (written
    // once, at construction: the basis does not depend on the parameters), and a pattern's peak columns are zero outside
    // the windows of its last evaluation (PatternModel clears those rows, and only those, before its kernel runs).
    // The chain then computes each variable column only over the rows where one of its parameters can be non-zero and
    // writes zeros elsewhere, instead of reading all N × P entries of J_p.
    //
    // The arithmetic per entry is that of ReducedParameterSpace.ChainJacobian (a plain copy scaled by √w when the
    // variable's column of T is one coefficient 1, otherwise Σ tᵢ·J_p[:, i] in ascending i then ·√w), and zero
    // contributions, which it adds and this skips, change no bit (a sum started at +0 never becomes −0): the result is
    // bitwise ChainJacobian's on the full J_p (RefinementJacobianRowsTests).
    private sealed class VariableMap
    {
        // T's columns (per variable: parameter, coefficient), in ascending parameter index as the space stores them.
        private readonly int[] _start, _parameter;
        private readonly double[] _coefficient;
        private readonly int[] _backgroundPattern;    // per parameter: the pattern whose background term it is, or −1

        public VariableMap(ReducedParameterSpace space, PatternModel[] patterns)
        {
            int m = space.VariableCount, n = space.ParameterCount;
            var parameters = new List<int>();
            var coefficients = new List<double>();
            _start = new int[m + 1];
            for (int j = 0; j < m; j++)
            {
                _start[j] = parameters.Count;
                for (int i = 0; i < n; i++)
                {
                    double t = space.Transform(i, j);
                    if (t == 0) continue;
                    parameters.Add(i);
                    coefficients.Add(t);
                }
            }
            _start[m] = parameters.Count;
            _parameter = [.. parameters];
            _coefficient = [.. coefficients];
            _backgroundPattern = new int[n];
            Array.Fill(_backgroundPattern, -1);
            for (int p = 0; p < patterns.Length; p++)
                foreach (int column in patterns[p].BackgroundColumns)
                    if (column >= 0) _backgroundPattern[column] = p;
        }

        public void Chain(PatternModel[] patterns, double[] parameterJacobian, double[] rowScale, Span<double> variableJacobian)
        {
            int rows = rowScale.Length;
            for (int j = 0; j < _start.Length - 1; j++)
            {
                var column = variableJacobian.Slice(j * rows, rows);
                for (int p = 0; p < patterns.Length; p++)
                {
                    var pattern = patterns[p];
                    bool full = false, windows = false;
                    for (int e = _start[j]; e < _start[j + 1]; e++)
                    {
                        int i = _parameter[e];
                        full |= _backgroundPattern[i] == p;
                        windows |= pattern.IsPeakColumn(i);
                    }
                    var slice = column.Slice(pattern.Offset, pattern.Count);
                    if (full)
                    {
                        // A background term: every row of the pattern (peak columns mixed in are zero outside their windows).
                        Rows(j, p, pattern, 0, pattern.Count, parameterJacobian, rowScale, column);
                    }
                    else if (windows)
                    {
                        int at = 0;
                        for (int r = 0; r < pattern.RunCount; r++)
                        {
                            var (from, to) = pattern.Run(r);
                            slice[at..from].Clear();
                            Rows(j, p, pattern, from, to, parameterJacobian, rowScale, column);
                            at = to;
                        }
                        slice[at..].Clear();
                    }
                    else
                    {
                        slice.Clear();
                    }
                }
            }
        }

        // Rows [from, to) of pattern p (relative to its offset) of variable column j.
        private void Rows(int j, int p, PatternModel pattern, int from, int to, double[] parameterJacobian, double[] rowScale, Span<double> column)
        {
            int rows = rowScale.Length, offset = pattern.Offset + from, length = to - from;
            var destination = column.Slice(offset, length);
            var scale = rowScale.AsSpan(offset, length);
            int start = _start[j], end = _start[j + 1];
            if (end - start == 1 && _coefficient[start] == 1)
            {
                Multiply(parameterJacobian.AsSpan(_parameter[start] * rows + offset, length), scale, destination);
                return;
            }
            destination.Clear();
            for (int e = start; e < end; e++)
            {
                int i = _parameter[e];
                if (_backgroundPattern[i] != p && !pattern.IsPeakColumn(i)) continue;   // zero on these rows
                MultiplyAdd(parameterJacobian.AsSpan(i * rows + offset, length), _coefficient[e], destination);
            }
            Multiply(destination, scale, destination);
        }

        // z = x·y and y += a·x as ReducedParameterSpace computes them (the same vector and scalar arithmetic).
        private static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
        {
            int i = 0;
            if (Simd.Vector.IsHardwareAccelerated && x.Length >= Simd.Vector<double>.Count)
                for (; i <= x.Length - Simd.Vector<double>.Count; i += Simd.Vector<double>.Count)
                    (new Simd.Vector<double>(x[i..]) * new Simd.Vector<double>(y[i..])).CopyTo(z[i..]);
            for (; i < x.Length; i++) z[i] = x[i] * y[i];
        }

        private static void MultiplyAdd(ReadOnlySpan<double> x, double a, Span<double> y)
        {
            int i = 0;
            if (Simd.Vector.IsHardwareAccelerated && x.Length >= Simd.Vector<double>.Count)
            {
                var va = new Simd.Vector<double>(a);
                for (; i <= x.Length - Simd.Vector<double>.Count; i += Simd.Vector<double>.Count)
                {
                    var vy = new Simd.Vector<double>(y[i..]) + va * new Simd.Vector<double>(x[i..]);
                    vy.CopyTo(y[i..]);
                }
            }
            for (; i < x.Length; i++) y[i] += a * x[i];
        }
    }

    // Tests: the weighted Jacobian of the last evaluation by the obvious route, ReducedParameterSpace.ChainJacobian over
    // the whole J_p (allocates).
    internal double[] ChainedOverAllRows()
    {
        var jacobian = new double[ObservationCount * ParameterCount];
        Space.ChainJacobian(_parameterJacobian, _rowScale, jacobian);
        return jacobian;
    }
}
