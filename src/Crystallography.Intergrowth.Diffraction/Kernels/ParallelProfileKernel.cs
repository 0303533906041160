using System.Runtime.CompilerServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// <see cref="PseudoVoigtProfileKernel"/> spread over cores. The pattern's points are cut into contiguous blocks, one per
/// worker of a <see cref="KernelTeam"/>, and each worker runs the kernel over its block: every peak's window and
/// Gaussian run are found on the whole pattern and clipped to the block (a peak whose window misses the block is
/// skipped without a search), so each point receives bitwise the same contributions, in the same order, as in one
/// call on one core, whatever the number of workers. A call allocates nothing once its pattern length has been seen.
/// </summary>
/// <remarks>
/// <para>
/// Blocks are cut to about equal work. On the first call a point weighs 1 plus the number of peak windows over it plus
/// the number of Gaussian runs over it (the exponential is most of a point's cost); later calls on the same pattern
/// move the boundaries from the time each block actually took (<see cref="RangePartition"/>), so that a cost the model
/// misses (chain-rule entries, cache effects, a busy core) is evened out within a few calls without a pass over the
/// points. Where the cut falls never changes the results.
/// </para>
/// <para>
/// The hand-off and what happens when the team is busy are <see cref="KernelTeam"/>'s. <see cref="Shared"/> runs on
/// <see cref="KernelTeam.Shared"/>.
/// </para>
/// </remarks>
public sealed class ParallelProfileKernel : IDisposable
{
    private readonly KernelTeam _team;
    private readonly bool _ownsTeam;
    private readonly RangePartition _partition;
    private readonly Block _block = new();
    private readonly object _gate = new();
    private int _partitionedPeaks = -1;
    private long[] _cover = [];

    /// <summary>Starts <paramref name="workers"/> − 1 background threads (the caller is the first worker).</summary>
    /// <param name="workers">At least 1.</param>
    public ParallelProfileKernel(int workers) : this(new KernelTeam(workers), ownsTeam: true)
    {
    }

    private ParallelProfileKernel(KernelTeam team, bool ownsTeam)
    {
        _team = team;
        _ownsTeam = ownsTeam;
        _partition = new RangePartition(team.Workers);
    }

    /// <summary>One worker per core of this machine, for the process (on <see cref="KernelTeam.Shared"/>).</summary>
    public static ParallelProfileKernel Shared { get; } = new(KernelTeam.Shared, ownsTeam: false);

    /// <summary>The number of blocks a call is cut into.</summary>
    public int Workers => _team.Workers;

    /// <summary>
    /// y_i += Σ_k I_k·pV_k(x_i) and, with a Jacobian, its columns through the chain rule of <see cref="PeakParameterDerivatives"/>,
    /// as <see cref="PseudoVoigtProfileKernel"/> does on one core (bitwise the same numbers); with an empty
    /// <paramref name="jacobian"/>, the profile alone.
    /// </summary>
    /// <param name="x">Abscissae, ascending.</param>
    /// <param name="peaks">Position, FWHM, mixing and intensity per peak.</param>
    /// <param name="chain">The chain-rule entries (not read without a Jacobian).</param>
    /// <param name="options">Window, Gaussian cut, vector width.</param>
    /// <param name="stride">The Jacobian's column stride (at least x.Length).</param>
    /// <param name="y">The calculated pattern, added into; x.Length values.</param>
    /// <param name="jacobian">The column-major Jacobian, added into; empty for the profile alone.</param>
    /// <exception cref="ArgumentException">As the one-core kernel; checked before anything is written.</exception>
    /// <exception cref="ObjectDisposedException">The workers were stopped.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(ReadOnlyMemory<double> x, PeakArrays peaks, ChainArrays chain, ProfileKernelOptions options, int stride,
                           Memory<double> y, Memory<double> jacobian)
    {
        var job = new Job(x, peaks, chain, options, stride, y, jacobian);
        Check(job);
        // One call at a time per instance (its block and partition); a concurrent call runs on its own thread.
        if (!Monitor.TryEnter(_gate))
        {
            Run(job, 0, x.Length);
            return;
        }
        try
        {
            if (!_partition.IsFor(x.Length) || _partitionedPeaks != peaks.Position.Length) CutByCover(job);
            _block.Job = job;
            _team.Run(_block, x.Length, _partition);
        }
        finally
        {
            _block.Job = default;
            Monitor.Exit(_gate);
        }
    }

    /// <summary>Stops the workers (of an instance that started its own).</summary>
    public void Dispose()
    {
        if (_ownsTeam) _team.Dispose();
    }

    private static void Check(in Job job)
    {
        var p = job.Peaks;
        var peaks = new PseudoVoigtPeaks(p.Position.Span, p.Fwhm.Span, p.Mixing.Span, p.Intensity.Span);
        var c = job.Chain;
        var chain = job.Jacobian.IsEmpty
            ? default
            : new PeakParameterDerivatives(c.EntryStart.Span, c.Column.Span, c.Intensity.Span, c.Position.Span, c.Width.Span, c.Mixing.Span);
        PseudoVoigtProfileKernel.CheckForRanges(job.X.Span, peaks, chain, !job.Jacobian.IsEmpty, job.Options, job.Stride, job.Y.Span, job.Jacobian.Span);
    }

    // The first cut on a pattern: 1 per point, 1 per window over it, 1 per Gaussian run over it, in equal shares.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CutByCover(in Job job)
    {
        var x = job.X.Span;
        int n = x.Length;
        _partitionedPeaks = job.Peaks.Position.Length;
        if (_cover.Length < n + 1) _cover = new long[n + 1];
        var cover = _cover.AsSpan(0, n + 1);
        cover.Clear();
        var position = job.Peaks.Position.Span;
        var fwhm = job.Peaks.Fwhm.Span;
        double k = job.Options.WindowHalfWidth, g = Math.Min(job.Options.GaussianHalfWidth, k);
        for (int pass = 0; pass < 2; pass++)
            for (int p = 0; p < position.Length; p++)
            {
                double multiple = pass == 0 ? k : g;
                int lo = LowerBound(x, position[p] - multiple * fwhm[p]), hi = LowerBound(x, position[p] + multiple * fwhm[p]);
                if (hi <= lo) continue;
                cover[lo]++;
                cover[hi]--;
            }
        // Running sums in place: cover[i] becomes the cost of points 0 … i.
        long running = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            running += cover[i];
            total += 1 + running;
            cover[i] = total;
        }
        _partition.CutByCost(n, cover[..n]);
    }

    // The first index whose x is not below the value.
    private static int LowerBound(ReadOnlySpan<double> x, double value)
    {
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    // Points [from, to) of the whole call. Compiled fully optimised at once, as the kernel's own loops are: at tier 0 the
    // kernel inlined here runs several times slower (9.5 ms against 1.6 ms on the reference problem's Jacobian, measured).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(in Job job, int from, int to)
    {
        if (to <= from) return;
        var p = job.Peaks;
        var peaks = new PseudoVoigtPeaks(p.Position.Span, p.Fwhm.Span, p.Mixing.Span, p.Intensity.Span);
        bool jacobian = !job.Jacobian.IsEmpty;
        var c = job.Chain;
        var chain = jacobian
            ? new PeakParameterDerivatives(c.EntryStart.Span, c.Column.Span, c.Intensity.Span, c.Position.Span, c.Width.Span, c.Mixing.Span)
            : default;
        PseudoVoigtProfileKernel.AccumulateRange(job.X.Span, peaks, chain, jacobian, job.Options, job.Stride, from, to, job.Y.Span, job.Jacobian.Span);
    }

    private sealed class Block : IRangeWork
    {
        public Job Job;

        public void Run(int from, int to) => ParallelProfileKernel.Run(Job, from, to);
    }

    private readonly record struct Job(ReadOnlyMemory<double> X, PeakArrays Peaks, ChainArrays Chain, ProfileKernelOptions Options, int Stride,
                                       Memory<double> Y, Memory<double> Jacobian);
}

/// <summary>A peak table as memory (what <see cref="ParallelProfileKernel"/> hands to its workers).</summary>
/// <param name="Position">P_k.</param>
/// <param name="Fwhm">H_k.</param>
/// <param name="Mixing">η_k.</param>
/// <param name="Intensity">I_k.</param>
public readonly record struct PeakArrays(ReadOnlyMemory<double> Position, ReadOnlyMemory<double> Fwhm, ReadOnlyMemory<double> Mixing,
                                         ReadOnlyMemory<double> Intensity);

/// <summary>Chain-rule entries as memory (<see cref="PeakParameterDerivatives"/>'s arrays).</summary>
/// <param name="EntryStart">Per peak (and one more), the first entry.</param>
/// <param name="Column">Per entry, the Jacobian column.</param>
/// <param name="Intensity">Per entry, ∂I/∂θ.</param>
/// <param name="Position">Per entry, ∂P/∂θ.</param>
/// <param name="Width">Per entry, ∂H/∂θ.</param>
/// <param name="Mixing">Per entry, ∂η/∂θ.</param>
public readonly record struct ChainArrays(ReadOnlyMemory<int> EntryStart, ReadOnlyMemory<int> Column, ReadOnlyMemory<double> Intensity,
                                          ReadOnlyMemory<double> Position, ReadOnlyMemory<double> Width, ReadOnlyMemory<double> Mixing);
