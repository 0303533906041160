using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// <see cref="PseudoVoigtProfileKernel"/> spread over cores. The pattern's points are cut into contiguous blocks, one per
/// worker, of about equal work (a point weighs 1 plus the number of peak windows over it), and each worker runs the
/// one-core kernel on its block with every peak (a peak whose window misses the block costs a binary search). Each
/// point receives the same contributions in the same order as in one call. Workers are persistent background threads,
/// started once, that meet the caller at two barriers per call; a call allocates nothing once its pattern length has
/// been seen.
/// </summary>
/// <remarks>
/// One call runs at a time on an instance: a call that finds the workers busy (another thread's refinement) runs on
/// the calling thread alone, as does a pattern shorter than 64 points per worker. <see cref="Shared"/> has one worker
/// per core. The result equals the one-core result to 10⁻¹⁴ of its largest value: a point that falls in a vector's
/// lanes in one split and in the scalar tail in another gets an exponential that differs in the last bit.
/// </remarks>
public sealed class ParallelProfileKernel : IDisposable
{
    private readonly Barrier? _start, _done;
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private readonly int[] _bounds;
    private int[] _cover = [];
    private volatile bool _disposed;
    private Job _job;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts <paramref name="workers"/> − 1 background threads (the caller is the first worker).</summary>
    /// <param name="workers">At least 1.</param>
    public ParallelProfileKernel(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _bounds = new int[workers + 1];
        _threads = new Thread[workers - 1];
        if (workers > 1)
        {
            _start = new Barrier(workers);
            _done = new Barrier(workers);
        }
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
    /// as <see cref="PseudoVoigtProfileKernel"/> does on one core; with an empty <paramref name="jacobian"/>, the profile alone.
    /// </summary>
    /// <param name="x">Abscissae, ascending.</param>
    /// <param name="peaks">Position, FWHM, mixing and intensity per peak.</param>
    /// <param name="chain">The chain-rule entries (not read without a Jacobian).</param>
    /// <param name="options">Window, Gaussian cut, vector width.</param>
    /// <param name="stride">The Jacobian's column stride (at least x.Length).</param>
    /// <param name="y">The calculated pattern, added into; x.Length values.</param>
    /// <param name="jacobian">The column-major Jacobian, added into; empty for the profile alone.</param>
    /// <exception cref="ArgumentException">As the one-core kernel.</exception>
    /// <exception cref="ObjectDisposedException">The workers were stopped.</exception>
    public void Accumulate(ReadOnlyMemory<double> x, PeakArrays peaks, ChainArrays chain, ProfileKernelOptions options, int stride,
                           Memory<double> y, Memory<double> jacobian)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var job = new Job(x, peaks, chain, options, stride, y, jacobian);
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
            _start!.SignalAndWait();
            Exception? own = null;
            try
            {
                Run(job, _bounds[0], _bounds[1]);
            }
            catch (Exception e)
            {
                own = e;
            }
            _done!.SignalAndWait();
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
            _start?.SignalAndWait();
            foreach (var thread in _threads) thread.Join();
            _start?.Dispose();
            _done?.Dispose();
        }
    }

    private void Work(int block)
    {
        while (true)
        {
            _start!.SignalAndWait();
            if (_disposed) return;
            try
            {
                Run(_job, _bounds[block], _bounds[block + 1]);
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            _done!.SignalAndWait();
        }
    }

    // Block boundaries of about equal work: a point weighs 1 plus the number of peak windows over it.
    private void Partition(in Job job)
    {
        var x = job.X.Span;
        int n = x.Length;
        if (_cover.Length < n + 1) _cover = new int[n + 1];
        var cover = _cover.AsSpan(0, n + 1);
        cover.Clear();
        var position = job.Peaks.Position.Span;
        var fwhm = job.Peaks.Fwhm.Span;
        double k = job.Options.WindowHalfWidth;
        for (int p = 0; p < position.Length; p++)
        {
            int lo = LowerBound(x, position[p] - k * fwhm[p]), hi = LowerBound(x, position[p] + k * fwhm[p]);
            if (hi <= lo) continue;
            cover[lo]++;
            cover[hi]--;
        }
        long total = 0;
        int running = 0;
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

    // Points [from, to). Compiled fully optimised at once, as the kernel's own loops are: at tier 0 the kernel inlined
    // here runs several times slower (9.5 ms against 1.6 ms on the reference problem's Jacobian, measured).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(in Job job, int from, int to)
    {
        if (to <= from) return;
        var x = job.X.Span.Slice(from, to - from);
        var y = job.Y.Span.Slice(from, to - from);
        var p = job.Peaks;
        var peaks = new PseudoVoigtPeaks(p.Position.Span, p.Fwhm.Span, p.Mixing.Span, p.Intensity.Span);
        if (job.Jacobian.IsEmpty)
        {
            PseudoVoigtProfileKernel.AccumulateProfile(x, peaks, job.Options, y);
            return;
        }
        var c = job.Chain;
        var chain = new PeakParameterDerivatives(c.EntryStart.Span, c.Column.Span, c.Intensity.Span, c.Position.Span, c.Width.Span, c.Mixing.Span);
        PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(x, peaks, chain, job.Options, job.Stride, y, job.Jacobian.Span[from..]);
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
