namespace Crystallography.Intergrowth.Refinement;

// Where the Jacobian can be non-zero, so that the normal equations read nothing else (IJacobianSparsity). A pattern's rows
// carry its background terms everywhere and, on the rows its kernel could write (the merged peak windows of the
// evaluation, PatternModel.Run), the variables fed by the columns the kernel accumulated into — never another pattern's
// own parameters. In the study's joint problem three quarters of the rows lie between peaks.
public sealed partial class RefinementProblem : IJacobianSparsity
{
    private ulong[] _candidates = [];
    private ulong[] _variablesOf = [];      // per parameter i, the variables j with T[i, j] ≠ 0 (a mask of _maskWords words)
    private ulong[] _backgroundMasks = [];  // per pattern, the variables fed by its background terms
    private ulong[] _peakMask = [];
    private int _maskWords;

    /// <inheritdoc/>
    ReadOnlySpan<ulong> IJacobianSparsity.CandidateColumns => _candidates;

    /// <inheritdoc/>
    void IJacobianSparsity.EvaluateCandidates(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor) =>
        Evaluate(parameters, weightedResiduals, jacobianColumnMajor, complete: false);

    private void BuildSparsity()
    {
        int variables = ParameterCount, parameters = Space.ParameterCount;
        int words = _maskWords = NormalEquations.MaskWords(variables);
        _candidates = new ulong[NormalEquations.SegmentCount(ObservationCount) * words];
        _peakMask = new ulong[words];
        _variablesOf = new ulong[parameters * words];
        for (int i = 0; i < parameters; i++)
            for (int j = 0; j < variables; j++)
                if (Space.Transform(i, j) != 0) _variablesOf[i * words + (j >> 6)] |= 1UL << (j & 63);
        _backgroundMasks = new ulong[_patterns.Length * words];
        for (int q = 0; q < _patterns.Length; q++)
            foreach (int i in _patterns[q].BackgroundColumns)
                if (i >= 0) Or(_backgroundMasks.AsSpan(q * words, words), _variablesOf.AsSpan(i * words, words));
    }

    // After an evaluation with a Jacobian: the candidate variables of every segment of rows.
    private void MarkCandidates()
    {
        int words = _maskWords;
        Array.Clear(_candidates);
        for (int q = 0; q < _patterns.Length; q++)
        {
            var pattern = _patterns[q];
            if (pattern.Count == 0) continue;
            Mark(pattern.Offset, pattern.Offset + pattern.Count, _backgroundMasks.AsSpan(q * words, words));
            Array.Clear(_peakMask);
            foreach (int i in pattern.PeakColumns) Or(_peakMask, _variablesOf.AsSpan(i * words, words));
            for (int r = 0; r < pattern.RunCount; r++)
            {
                var (from, to) = pattern.Run(r);
                if (to > from) Mark(pattern.Offset + from, pattern.Offset + to, _peakMask);
            }
        }
    }

    // After an evaluation that failed (a Jacobian of NaN): every variable everywhere, so that the NaN reach the normal matrix.
    private void MarkEveryColumn()
    {
        int variables = ParameterCount;
        for (int s = 0; s < _candidates.Length; s += _maskWords)
            for (int j = 0; j < variables; j++) _candidates[s + (j >> 6)] |= 1UL << (j & 63);
    }

    // ORs the mask into the segments that hold rows [from, to).
    private void Mark(int from, int to, ReadOnlySpan<ulong> mask)
    {
        int first = from / NormalEquations.SegmentRows, last = (to - 1) / NormalEquations.SegmentRows;
        for (int s = first; s <= last; s++) Or(_candidates.AsSpan(s * _maskWords, _maskWords), mask);
    }

    private static void Or(Span<ulong> into, ReadOnlySpan<ulong> mask)
    {
        for (int w = 0; w < into.Length; w++) into[w] |= mask[w];
    }
}
