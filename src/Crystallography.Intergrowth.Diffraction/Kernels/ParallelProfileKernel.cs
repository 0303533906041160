using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// <see cref="PseudoVoigtProfileKernel"/> spread over cores. The pattern's points are cut into contiguous blocks, one per
/// worker, and each worker runs the kernel over its block: every peak's window and Gaussian run are found on the whole
/// pattern and clipped to the block, so each point receives bitwise the same contributions, in the same order, as in
/// one call on one core, whatever the number of workers. Workers are persistent background threads, started once, that
/// own nothing but their block bounds; a call allocates nothing once its pattern length has been seen.
/// </summary>
/// <remarks>
/// <para>
/// Blocks are cut to about equal work. On the first call a point weighs 1 plus the number of peak windows over it plus
/// the number of Gaussian runs over it (the exponential is most of a point's cost); later calls on the same pattern
/// move the boundaries from the time each block actually took, so that a cost the model misses (chain-rule entries,
/// cache effects, a busy core) is evened out within a few calls without a pass over the points. Where the cut falls
/// never changes the results.
/// </para>
/// <para>
/// Hand-off: a call publishes its job and bumps a generation counter; a worker spins on the counter for 4 ms after each
/// job (not at all when there are more workers than cores) and then sleeps on a semaphore, which the next call releases. The caller runs the
/// first block itself and spins until the others are done. One call runs at a time on an instance: a call that finds
/// the workers busy (another thread's refinement) runs on the calling thread alone, as does a pattern shorter than
/// 64 points per worker. <see cref="Shared"/> has one worker per core.
/// </para>
/// </remarks>
public sealed class ParallelProfileKernel : IDisposable
{
    // How long a worker spins after its last job before it sleeps: a refinement calls the kernel every millisecond or
    // two, and waking a sleeping thread costs about as much as the whole call on these machines (measured: a two-core
    // call took 1.3 ms against 0.6 ms on one core when the workers slept between calls).
    // With more workers than cores the spinning would take the cores from the workers that have work: no spin then.
    private readonly long _spinTicks;

    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private readonly int[] _bounds;
    private readonly int[] _previous;
    private int _partitionedLength = -1, _partitionedPeaks = -1;
    private readonly long[] _elapsed;
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private long[] _cover = [];
    private volatile bool _disposed;
    private int _generation;
    private int _pending;
    private Job _job;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts <paramref name="workers"/> − 1 background threads (the caller is the first worker).</summary>
    /// <param name="workers">At least 1.</param>
    public ParallelProfileKernel(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _spinTicks = workers <= Environment.ProcessorCount ? System.Diagnostics.Stopwatch.Frequency / 250 : 0;   // 4 ms
        _bounds = new int[workers + 1];
        _previous = new int[workers + 1];
        _elapsed = new long[workers];
        _threads = new Thread[workers - 1];
        _wake = [.. Enumerable.Range(0, workers).Select(_ => new SemaphoreSlim(0))];
        _sleeping = new int[workers];
        for (int w = 0; w < _threads.Length; w++)
        {
            int block = w + 1;
            _threads[w] = new Thread(() => Work(block)) { IsBackground = true, Name = $"profile kernel worker {block}" };
            _threads[w].Start();
        }
    }

    /// <summary>One worker per core of this machine, for the process.</summary>
    public static ParallelProfileKernel Shared { get; } = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>The number of blocks a call is cut into.</summary>
    public int Workers { get; }

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
        ObjectDisposedException.ThrowIf(_disposed, this);
        var job = new Job(x, peaks, chain, options, stride, y, jacobian);
        Check(job);
        if (Workers == 1 || x.Length < 64 * Workers || !Monitor.TryEnter(_gate))
        {
            Run(job, 0, x.Length);
            return;
        }
        try
        {
            Partition(job);
            _job = job;
            _failure = null;
            Volatile.Write(ref _pending, Workers - 1);
            Interlocked.Increment(ref _generation);
            for (int w = 1; w < Workers; w++)
                if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].Release();
            Exception? own = null;
            long begin = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                Run(job, _bounds[0], _bounds[1]);
            }
            catch (Exception e)
            {
                own = e;
            }
            _elapsed[0] = System.Diagnostics.Stopwatch.GetTimestamp() - begin;
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
            _job = default;
            if (own is not null) ExceptionDispatchInfo.Capture(own).Throw();
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Interlocked.Increment(ref _generation);
            for (int w = 1; w < Workers; w++) _wake[w].Release();
            foreach (var thread in _threads) thread.Join();
            foreach (var semaphore in _wake) semaphore.Dispose();
        }
    }

    private void Work(int block)
    {
        int seen = Volatile.Read(ref _generation);
        while (true)
        {
            // Wait for the next generation: spin a while, then sleep until a call releases the semaphore.
            long spinUntil = System.Diagnostics.Stopwatch.GetTimestamp() + _spinTicks;
            int spins = 0;
            while (Volatile.Read(ref _generation) == seen)
            {
                if ((++spins & 63) != 0 || System.Diagnostics.Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                Volatile.Write(ref _sleeping[block], 1);
                if (Volatile.Read(ref _generation) != seen)
                {
                    // A call came in between: take it; if the call already released the semaphore, drain that release.
                    if (Interlocked.Exchange(ref _sleeping[block], 0) == 0) _wake[block].Wait();
                    break;
                }
                _wake[block].Wait();
                spinUntil = System.Diagnostics.Stopwatch.GetTimestamp() + _spinTicks;
            }
            seen = Volatile.Read(ref _generation);
            if (_disposed) return;
            long begin = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                Run(_job, _bounds[block], _bounds[block + 1]);
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            _elapsed[block] = System.Diagnostics.Stopwatch.GetTimestamp() - begin;
            Interlocked.Decrement(ref _pending);
        }
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

    // Block boundaries. The first call on a pattern (and any call whose pattern length or peak count differs) cuts the
    // cumulative work — 1 per point, 1 per window over it, 1 per Gaussian run over it — into equal parts. Later calls move
    // the previous boundaries half way towards those that would have equalised the previous call's measured block times
    // (the cost taken as uniform inside each block): O(workers) instead of a pass over the points, and it follows what
    // the model misses (chain-rule entries, caches, a busy core).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Partition(in Job job)
    {
        int n = job.X.Length, peaks = job.Peaks.Position.Length;
        if (n == _partitionedLength && peaks == _partitionedPeaks && Rebalance(n)) return;
        _partitionedLength = n;
        _partitionedPeaks = peaks;
        var x = job.X.Span;
        if (_cover.Length < n + 1) _cover = new long[n + 1];
        var cover = _cover.AsSpan(0, n + 1);
        cover.Clear();
        var position = job.Peaks.Position.Span;
        var fwhm = job.Peaks.Fwhm.Span;
        double k = job.Options.WindowHalfWidth, g = Math.Min(job.Options.GaussianHalfWidth, k);
        for (int p = 0; p < position.Length; p++)
        {
            int lo = LowerBound(x, position[p] - k * fwhm[p]), hi = LowerBound(x, position[p] + k * fwhm[p]);
            if (hi > lo)
            {
                cover[lo]++;
                cover[hi]--;
            }
            lo = LowerBound(x, position[p] - g * fwhm[p]);
            hi = LowerBound(x, position[p] + g * fwhm[p]);
            if (hi > lo)
            {
                cover[lo]++;
                cover[hi]--;
            }
        }
        long total = 0, running = 0;
        for (int i = 0; i < n; i++)
        {
            running += cover[i];
            total += 1 + running;
        }
        _bounds[0] = 0;
        _bounds[Workers] = n;
        long sum = 0;
        int next = 1;
        running = 0;
        for (int i = 0; i < n && next < Workers; i++)
        {
            running += cover[i];
            sum += 1 + running;
            while (next < Workers && sum * Workers >= total * next) _bounds[next++] = i + 1;
        }
        while (next < Workers) _bounds[next++] = n;
        Array.Clear(_elapsed);
    }

    // New boundaries from the last call's block times; false when there is nothing to go by.
    private bool Rebalance(int n)
    {
        long total = 0;
        for (int w = 0; w < Workers; w++)
        {
            if (_elapsed[w] <= 0) return false;
            total += _elapsed[w];
        }
        _bounds.CopyTo(_previous, 0);
        long before = 0;
        int block = 0;
        for (int next = 1; next < Workers; next++)
        {
            double target = (double)total * next / Workers;
            while (block < Workers - 1 && before + _elapsed[block] < target) before += _elapsed[block++];
            double within = Math.Clamp((target - before) / _elapsed[block], 0, 1);
            double ideal = _previous[block] + within * (_previous[block + 1] - _previous[block]);
            _bounds[next] = (int)Math.Round(0.5 * (_previous[next] + ideal));
        }
        for (int w = 1; w < Workers; w++) _bounds[w] = Math.Clamp(_bounds[w], _bounds[w - 1], n);
        return true;
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
