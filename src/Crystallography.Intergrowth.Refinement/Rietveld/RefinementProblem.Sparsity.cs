using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement;

// Where the Jacobian can be non-zero, so that the normal equations read nothing else (IJacobianSparsity). A pattern's rows
// carry its background terms everywhere and, inside the window of one of its peaks, every variable its peaks can depend
// on — never another pattern's own parameters. In the study's joint problem three quarters of the rows lie between peaks.
public sealed partial class RefinementProblem : IJacobianSparsity
{
    private ulong[] _candidates = [];
    private int _maskWords;

    /// <inheritdoc/>
    ReadOnlySpan<ulong> IJacobianSparsity.CandidateColumns => _candidates;

    // Per pattern, the variables fed by its background terms and the variables fed by any parameter that is not another
    // pattern's own (histogram parameters and background terms), from the constraint map T (variable j is non-zero on a
    // row only if some parameter i with T[i, j] ≠ 0 is).
    private void BuildSparsity()
    {
        int variables = ParameterCount, parameters = Space.ParameterCount;
        _maskWords = NormalEquations.MaskWords(variables);
        _candidates = new ulong[NormalEquations.SegmentCount(ObservationCount) * _maskWords];
        var own = _patterns.Select(p => p.OwnParameterColumns().ToHashSet()).ToArray();
        for (int q = 0; q < _patterns.Length; q++)
        {
            var background = new ulong[_maskWords];
            var peaks = new ulong[_maskWords];
            var backgroundColumns = _patterns[q].BackgroundParameterColumns().ToHashSet();
            for (int i = 0; i < parameters; i++)
            {
                bool others = false;
                for (int r = 0; r < _patterns.Length; r++) others |= r != q && own[r].Contains(i);
                if (others) continue;
                for (int j = 0; j < variables; j++)
                {
                    if (Space.Transform(i, j) == 0) continue;
                    peaks[j >> 6] |= 1UL << (j & 63);
                    if (backgroundColumns.Contains(i)) background[j >> 6] |= 1UL << (j & 63);
                }
            }
            _patterns[q].SetVariableMasks(background, peaks);
        }
    }

    // After an evaluation with a Jacobian: the candidate variables of every segment of rows.
    private void MarkCandidates()
    {
        Array.Clear(_candidates);
        foreach (var pattern in _patterns) pattern.MarkCandidates(_candidates, _maskWords);
    }

    // After an evaluation that failed (a Jacobian of NaN): every variable everywhere, so that the NaN reach the normal matrix.
    private void MarkEveryColumn()
    {
        int variables = ParameterCount;
        for (int s = 0; s < _candidates.Length; s += _maskWords)
            for (int j = 0; j < variables; j++) _candidates[s + (j >> 6)] |= 1UL << (j & 63);
    }

    private sealed partial class PatternModel
    {
        private ulong[] _backgroundVariables = [], _peakVariables = [];

        // The raw parameter columns that belong to this pattern alone: its histogram parameters and background terms.
        public IEnumerable<int> OwnParameterColumns() => _column.Values.Concat(_backgroundColumn).Where(c => c >= 0);

        public IEnumerable<int> BackgroundParameterColumns() => _backgroundColumn.Where(c => c >= 0);

        public void SetVariableMasks(ulong[] background, ulong[] peaks) => (_backgroundVariables, _peakVariables) = (background, peaks);

        // ORs into each segment the background variables on every row of this pattern and the peak variables on the rows
        // of every peak's window — the kernel's own window (PeakWindow, the same arithmetic) widened by a point either side.
        public void MarkCandidates(Span<ulong> candidates, int words)
        {
            if (Count == 0) return;
            Mark(candidates, words, 0, Count, _backgroundVariables);
            for (int k = 0; k < PeakCount; k++)
            {
                PeakWindow window;
                if (_timeOfFlight)
                {
                    double fwhm = TofPeakShape.Widths(_sigmaSquared[k], _gamma[k]).Fwhm;
                    window = PeakWindow.ForTof(_position[k], fwhm, _alpha[k], _beta[k], _windowHalfWidth, _decayLengths);
                }
                else
                {
                    window = _asymmetric
                        ? PeakWindow.ForFcj(_position[k], _fwhm[k], _work.Asymmetry, _windowHalfWidth)
                        : PeakWindow.Symmetric(_position[k], _fwhm[k], _windowHalfWidth);
                }
                var (start, length) = window.IndexRange(_x);
                int from = Math.Max(0, start - 1), to = Math.Min(Count, start + length + 1);
                if (to > from) Mark(candidates, words, from, to, _peakVariables);
            }
        }

        // ORs the mask into the segments that hold this pattern's points [from, to).
        private void Mark(Span<ulong> candidates, int words, int from, int to, ulong[] mask)
        {
            int first = (Offset + from) / NormalEquations.SegmentRows, last = (Offset + to - 1) / NormalEquations.SegmentRows;
            for (int s = first; s <= last; s++)
                for (int w = 0; w < words; w++) candidates[s * words + w] |= mask[w];
        }
    }
}
