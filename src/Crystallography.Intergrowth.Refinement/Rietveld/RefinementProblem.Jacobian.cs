using Crystallography.Intergrowth.Constraints;

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
    // The rows that are computed go through ReducedParameterSpace.ChainJacobianRows, the arithmetic of ChainJacobian
    // entry by entry: the result is bitwise ChainJacobian's on the full J_p (RefinementJacobianRowsTests).
    private sealed class VariableMap
    {
        private readonly ReducedParameterSpace _space;
        // T's columns (per variable, the parameters it moves), in ascending parameter index.
        private readonly int[] _start, _parameter;
        private readonly int[] _backgroundPattern;    // per parameter: the pattern whose background term it is, or −1

        public VariableMap(ReducedParameterSpace space, PatternModel[] patterns)
        {
            _space = space;
            int m = space.VariableCount, n = space.ParameterCount;
            var parameters = new List<int>();
            _start = new int[m + 1];
            for (int j = 0; j < m; j++)
            {
                _start[j] = parameters.Count;
                for (int i = 0; i < n; i++)
                {
                    if (space.Transform(i, j) != 0) parameters.Add(i);
                }
            }
            _start[m] = parameters.Count;
            _parameter = [.. parameters];
            _backgroundPattern = new int[n];
            Array.Fill(_backgroundPattern, -1);
            for (int p = 0; p < patterns.Length; p++)
                foreach (int column in patterns[p].BackgroundColumns)
                    if (column >= 0) _backgroundPattern[column] = p;
        }

        // candidates empty: zeros written on every row that is not computed; otherwise only on the rows of segments where
        // the variable is a candidate (the rest is left as it was: the engine reads candidates only).
        public void Chain(PatternModel[] patterns, double[] parameterJacobian, double[] rowScale, Span<double> variableJacobian,
                          ReadOnlySpan<ulong> candidates, int words)
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
                    if (full)
                    {
                        // A background term: every row of the pattern (peak columns mixed in are zero outside their windows).
                        Rows(j, pattern, 0, pattern.Count, parameterJacobian, rowScale, variableJacobian);
                    }
                    else if (windows)
                    {
                        int at = 0;
                        for (int r = 0; r < pattern.RunCount; r++)
                        {
                            var (from, to) = pattern.Run(r);
                            Zero(column, pattern.Offset + at, pattern.Offset + from, j, candidates, words);
                            Rows(j, pattern, from, to, parameterJacobian, rowScale, variableJacobian);
                            at = to;
                        }
                        Zero(column, pattern.Offset + at, pattern.Offset + pattern.Count, j, candidates, words);
                    }
                    else
                    {
                        Zero(column, pattern.Offset, pattern.Offset + pattern.Count, j, candidates, words);
                    }
                }
            }
        }

        // Zeros rows [from, to) of variable j's column: all of them, or with candidates only those in segments where j is one.
        private static void Zero(Span<double> column, int from, int to, int j, ReadOnlySpan<ulong> candidates, int words)
        {
            if (to <= from) return;
            if (candidates.IsEmpty)
            {
                column[from..to].Clear();
                return;
            }
            int segment = NormalEquations.SegmentRows;
            ulong bit = 1UL << (j & 63);
            for (int s = from / segment; s * segment < to; s++)
                if ((candidates[s * words + (j >> 6)] & bit) != 0)
                    column[Math.Max(from, s * segment)..Math.Min(to, (s + 1) * segment)].Clear();
        }

        // Rows [from, to) of pattern p (relative to its offset) of variable column j.
        private void Rows(int j, PatternModel pattern, int from, int to, double[] parameterJacobian, double[] rowScale, Span<double> variableJacobian) =>
            _space.ChainJacobianRows(parameterJacobian, rowScale, variableJacobian, j, pattern.Offset + from, pattern.Offset + to);
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
