using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Refinement;

// Patterns evaluated side by side. Each pattern's peak table, kernels and background write only its own rows (of the
// calculated pattern, the background and every column of the per-parameter Jacobian) and its own scratch, and read the
// phases' state, which PhaseModel.Load set before; so a pattern gives the same numbers, bit for bit, on whichever thread
// it runs. Used when there are several patterns and none spreads its own kernel over the cores (TOF patterns do: the
// team is then theirs).
public sealed partial class RefinementProblem
{
    private PatternWork? _patternWork;

    /// <summary>Whether the patterns are evaluated on several cores (tests compare both ways).</summary>
    internal bool PatternsInParallel { get; set; }

    private void SetUpParallelPatterns()
    {
        var team = KernelTeam.Shared;
        PatternsInParallel = team.Workers > 1 && _patterns.Length > 1 && _patterns.All(p => !p.IsTimeOfFlight && p.Count > 0);
        if (!PatternsInParallel) return;
        // A pattern belongs to the block that holds its first row; the cut gives each block an equal share of patterns
        // (one unit of cost at each pattern's first row) and is made afresh before every call, so the measured times
        // never move a pattern.
        var cost = new long[ObservationCount];
        int q = 0;
        for (int i = 0; i < cost.Length; i++)
        {
            long before = i > 0 ? cost[i - 1] : 0;
            while (q < _patterns.Length && _patterns[q].Offset == i) { before++; q++; }
            cost[i] = before;
        }
        _patternWork = new PatternWork(this, cost, new RangePartition(team.Workers));
    }

    // Every pattern's Calculate; false if any failed.
    private bool CalculatePatterns(bool jacobian, int n)
    {
        if (!PatternsInParallel || _patternWork is null)
        {
            foreach (var pattern in _patterns)
                if (!pattern.Calculate(_values, jacobian, n, _calculated, _background, _parameterJacobian)) return false;
            return true;
        }
        return _patternWork.Run(jacobian, n);
    }

    private sealed class PatternWork(RefinementProblem owner, long[] cost, RangePartition partition) : IRangeWork
    {
        private readonly bool[] _ok = new bool[owner._patterns.Length];
        private bool _jacobian;
        private int _stride;

        public bool Run(bool jacobian, int stride)
        {
            _jacobian = jacobian;
            _stride = stride;
            Array.Clear(_ok);
            partition.CutByCost(cost.Length, cost);
            KernelTeam.Shared.Run(this, cost.Length, partition);
            foreach (bool ok in _ok)
                if (!ok) return false;
            return true;
        }

        public void Run(int from, int to)
        {
            var patterns = owner._patterns;
            for (int q = 0; q < patterns.Length; q++)
            {
                int offset = patterns[q].Offset;
                if (offset >= from && offset < to)
                    _ok[q] = patterns[q].Calculate(owner._values, _jacobian, _stride, owner._calculated, owner._background, owner._parameterJacobian);
            }
        }
    }
}
