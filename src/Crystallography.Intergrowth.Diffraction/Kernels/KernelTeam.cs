using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>Work over the points [from, to) of a pattern, one block of a <see cref="KernelTeam"/> call.</summary>
public interface IRangeWork
{
    /// <summary>Does the work for the points [<paramref name="from"/>, <paramref name="to"/>). Blocks run at the same time on different threads and must write disjoint points.</summary>
    /// <param name="from">The first point.</param>
    /// <param name="to">One past the last point.</param>
    void Run(int from, int to);
}

/// <summary>
/// Where a <see cref="KernelTeam"/> cuts one kind of work into blocks, kept from call to call: each call moves the
/// boundaries half way towards those that would have equalised the previous call's measured block times (the cost taken
/// as uniform inside each block). One per kind of work (a pattern, say), so that alternating works do not disturb each
/// other's cut.
/// </summary>
public sealed class RangePartition
{
    private readonly int[] _bounds, _previous;
    private readonly long[] _elapsed;
    private int _length = -1;

    /// <summary>A partition for <paramref name="workers"/> blocks (a team's <see cref="KernelTeam.Workers"/>).</summary>
    /// <param name="workers">At least 1.</param>
    public RangePartition(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _bounds = new int[workers + 1];
        _previous = new int[workers + 1];
        _elapsed = new long[workers];
    }

    /// <summary>The number of blocks.</summary>
    public int Workers { get; }

    /// <summary>Block w is [Bound(w), Bound(w + 1)).</summary>
    /// <param name="index">0 … <see cref="Workers"/>.</param>
    public int Bound(int index) => _bounds[index];

    /// <summary>
    /// Starts the cut afresh for <paramref name="length"/> points from a cost per point, given as its running sum
    /// (<paramref name="cumulativeCost"/>[i] = cost of points 0 … i): the blocks get equal shares of the total.
    /// </summary>
    /// <param name="length">The number of points.</param>
    /// <param name="cumulativeCost">length non-decreasing running sums.</param>
    public void CutByCost(int length, ReadOnlySpan<long> cumulativeCost)
    {
        _length = length;
        _bounds[0] = 0;
        _bounds[Workers] = length;
        long total = length == 0 ? 0 : cumulativeCost[length - 1];
        int next = 1;
        for (int i = 0; i < length && next < Workers; i++)
            while (next < Workers && cumulativeCost[i] * Workers >= total * next) _bounds[next++] = i + 1;
        while (next < Workers) _bounds[next++] = length;
        Array.Clear(_elapsed);
    }

    /// <summary>Whether the cut was made for <paramref name="length"/> points.</summary>
    /// <param name="length">A pattern length.</param>
    public bool IsFor(int length) => _length == length;

    // Before a call: the boundaries from the last call's times, or equal blocks for a new length.
    internal void Prepare(int length)
    {
        if (_length != length)
        {
            _length = length;
            for (int w = 0; w <= Workers; w++) _bounds[w] = (int)((long)length * w / Workers);
            Array.Clear(_elapsed);
            return;
        }
        long total = 0;
        for (int w = 0; w < Workers; w++)
        {
            if (_elapsed[w] <= 0) return;
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
        for (int w = 1; w < Workers; w++) _bounds[w] = Math.Clamp(_bounds[w], _bounds[w - 1], length);
    }

    internal void Record(int block, long ticks) => _elapsed[block] = ticks;
}

/// <summary>
/// Persistent worker threads that run one <see cref="IRangeWork"/> over contiguous blocks of points, one block per
/// worker, the caller being the first. What <see cref="ParallelProfileKernel"/> and the refinement's FCJ and TOF
/// patterns spread over cores.
/// </summary>
/// <remarks>
/// <para>
/// Hand-off: a call publishes its work and bumps a generation counter; a worker spins on the counter for 4 ms after its
/// last block (not at all when there are more workers than cores) and then sleeps on a semaphore that the next call
/// releases — a refinement calls every millisecond or two, and waking a sleeping thread cost as much as a whole call
/// on these machines. The caller runs the first block and spins until the others report. Nothing is allocated per
/// call.
/// </para>
/// <para>
/// One call runs at a time: a call that finds the team busy (another thread's refinement, or a call made from inside
/// one of this team's blocks) runs on the calling thread alone, as does a pattern shorter than 64 points per worker. An exception in any block reaches the caller once all
/// blocks have stopped (other blocks may have written their points).
/// </para>
/// </remarks>
public sealed class KernelTeam : IDisposable
{
    private readonly long _spinTicks;
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private volatile bool _disposed;
    private volatile bool _inside;          // a call is running (set and cleared under the gate)
    private int _generation;
    private int _pending;
    private IRangeWork? _work;
    private RangePartition? _partition;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts <paramref name="workers"/> − 1 background threads (the caller is the first worker).</summary>
    /// <param name="workers">At least 1.</param>
    public KernelTeam(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _spinTicks = workers <= Environment.ProcessorCount ? Stopwatch.Frequency / 250 : 0;   // 4 ms
        _threads = new Thread[workers - 1];
        _wake = [.. Enumerable.Range(0, workers).Select(_ => new SemaphoreSlim(0))];
        _sleeping = new int[workers];
        for (int w = 0; w < _threads.Length; w++)
        {
            int block = w + 1;
            _threads[w] = new Thread(() => Work(block)) { IsBackground = true, Name = $"kernel team worker {block}" };
            _threads[w].Start();
        }
    }

    /// <summary>One worker per core of this machine, for the process.</summary>
    public static KernelTeam Shared { get; } = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>The number of blocks a call is cut into.</summary>
    public int Workers { get; }

    /// <summary>Runs <paramref name="work"/> over [0, <paramref name="length"/>) in blocks cut by <paramref name="partition"/>.</summary>
    /// <param name="work">The work.</param>
    /// <param name="length">The number of points.</param>
    /// <param name="partition">This work's cut, with <see cref="Workers"/> blocks.</param>
    /// <returns>Whether the call ran on several threads (false: on the calling thread alone).</returns>
    /// <exception cref="ArgumentException">A partition for another number of workers.</exception>
    /// <exception cref="ObjectDisposedException">The workers were stopped.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Run(IRangeWork work, int length, RangePartition partition)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(partition);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (partition.Workers != Workers)
            throw new ArgumentException($"The partition has {partition.Workers} blocks; this team has {Workers} workers.", nameof(partition));
        // The gate is re-entrant for the thread that holds it: a call made from inside a block of this team's own call
        // (the caller's block) must not start a second generation over the first, so it runs alone like any other
        // caller that finds the team busy.
        if (Workers == 1 || length < 64 * Workers || _inside || !Monitor.TryEnter(_gate))
        {
            work.Run(0, length);
            return false;
        }
        _inside = true;
        try
        {
            partition.Prepare(length);
            _work = work;
            _partition = partition;
            _failure = null;
            Volatile.Write(ref _pending, Workers - 1);
            Interlocked.Increment(ref _generation);
            for (int w = 1; w < Workers; w++)
                if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].Release();
            Exception? own = null;
            long begin = Stopwatch.GetTimestamp();
            try
            {
                if (partition.Bound(1) > 0) work.Run(0, partition.Bound(1));
            }
            catch (Exception e)
            {
                own = e;
            }
            partition.Record(0, Stopwatch.GetTimestamp() - begin);
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
            _work = null;
            _partition = null;
            if (own is not null) ExceptionDispatchInfo.Capture(own).Throw();
            _failure?.Throw();
            return true;
        }
        finally
        {
            _inside = false;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Work(int block)
    {
        // The generation the team was made with, not the one this thread finds when it first runs: a call made before the
        // thread got going (its start, and the compilation of this method, can take longer than a caller takes to arrive)
        // has already moved the generation on and must still be worked.
        int seen = 0;
        while (true)
        {
            // Wait for the next generation: spin a while, then sleep until a call releases the semaphore.
            long spinUntil = Stopwatch.GetTimestamp() + _spinTicks;
            int spins = 0;
            while (Volatile.Read(ref _generation) == seen)
            {
                if ((++spins & 63) != 0 || Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                // A full fence between announcing the sleep and reading the generation: with a plain store the read may be
                // satisfied first, miss a call whose Exchange in Run then reads 0 and releases nothing, and sleep through it.
                Interlocked.Exchange(ref _sleeping[block], 1);
                if (Volatile.Read(ref _generation) != seen)
                {
                    // A call came in between: take it; if the call already released the semaphore, drain that release.
                    if (Interlocked.Exchange(ref _sleeping[block], 0) == 0) _wake[block].Wait();
                    break;
                }
                _wake[block].Wait();
                spinUntil = Stopwatch.GetTimestamp() + _spinTicks;
            }
            seen = Volatile.Read(ref _generation);
            if (_disposed) return;
            var partition = _partition!;
            long begin = Stopwatch.GetTimestamp();
            try
            {
                int from = partition.Bound(block), to = partition.Bound(block + 1);
                if (to > from) _work!.Run(from, to);
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            partition.Record(block, Stopwatch.GetTimestamp() - begin);
            Interlocked.Decrement(ref _pending);
        }
    }
}
