using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// <see cref="KernelTeam"/>: every point is worked exactly once, in disjoint blocks, for any length and number of
/// workers; exceptions reach the caller; a call allocates nothing; <see cref="RangePartition"/> cuts by cost and follows
/// the measured block times.
/// </summary>
public sealed class KernelTeamTests
{
    private sealed class Counting(int length) : IRangeWork
    {
        public readonly int[] Visits = new int[length];
        public int Blocks;

        public void Run(int from, int to)
        {
            Interlocked.Increment(ref Blocks);
            for (int i = from; i < to; i++) Visits[i]++;
        }
    }

    private sealed class Failing : IRangeWork
    {
        public void Run(int from, int to)
        {
            if (from > 0) throw new InvalidOperationException("block " + from);
        }
    }

    [Fact]
    public void EveryPointIsWorkedExactlyOnce()
    {
        foreach (int workers in new[] { 1, 2, 3, 4 })
        {
            using var team = new KernelTeam(workers);
            var partition = new RangePartition(workers);
            foreach (int length in new[] { 0, 1, 63, 64 * workers - 1, 64 * workers, 1000, 30_000 })
                for (int repeat = 0; repeat < 4; repeat++)   // the cut moves with the measured times
                {
                    var work = new Counting(length);
                    team.Run(work, length, partition);
                    Assert.True(work.Visits.All(v => v == 1), $"{workers} workers, {length} points: a point worked {work.Visits.DefaultIfEmpty(1).Max()} or {work.Visits.DefaultIfEmpty(1).Min()} times");
                }
        }
    }

    /// <summary>
    /// A call made at once on a new team, before its threads have started, is worked: a worker that took the generation
    /// it found on starting as its last seen one slept through that call and left the caller spinning.
    /// </summary>
    [Fact]
    public async Task ACallOnANewTeamIsWorked()
    {
        var run = Task.Run(() =>
        {
            for (int trial = 0; trial < 50; trial++)
            {
                using var team = new KernelTeam(2 + trial % 3);
                var work = new Counting(1000);
                team.Run(work, work.Visits.Length, new RangePartition(team.Workers));
                Assert.True(work.Visits.All(v => v == 1));
            }
        });
        await run.WaitAsync(TimeSpan.FromSeconds(60));   // a TimeoutException: a call on a new team never returned
    }

    /// <summary>
    /// Workers that sleep after every block (more workers than cores: no spinning) are woken for every call, many times
    /// over: the worker's announcement that it sleeps and the caller's new generation are ordered by full fences.
    /// </summary>
    [Fact]
    public async Task SleepingWorkersAreWokenForEveryCall()
    {
        var run = Task.Run(() =>
        {
            using var team = new KernelTeam(Environment.ProcessorCount + 1);
            var partition = new RangePartition(team.Workers);
            var work = new Counting(64 * team.Workers);
            for (int call = 0; call < 2000; call++) team.Run(work, work.Visits.Length, partition);
            Assert.True(work.Visits.All(v => v == 2000));
        });
        await run.WaitAsync(TimeSpan.FromSeconds(60));   // a TimeoutException: a call with sleeping workers never returned
    }

    // Each block makes a call of its own on the same team (a pattern whose kernel spreads over the cores, evaluated in a
    // block of a call that spreads the patterns).
    private sealed class Nesting(KernelTeam team, int length) : IRangeWork
    {
        public readonly Counting Inner = new(length);
        private readonly RangePartition[] _partitions = [new(team.Workers), new(team.Workers), new(team.Workers), new(team.Workers)];
        public int SpreadInside;

        public void Run(int from, int to)
        {
            // Every block runs the inner work over its own slice of the points.
            if (team.Run(new Slice(Inner, from, to), to - from, _partitions[Math.Min(3, from == 0 ? 0 : 1)])) Interlocked.Increment(ref SpreadInside);
        }
    }

    private sealed class Slice(Counting work, int offset, int end) : IRangeWork
    {
        public void Run(int from, int to) => work.Run(offset + from, Math.Min(end, offset + to));
    }

    /// <summary>
    /// A call made from inside a block — on the caller's thread, where the team's gate is re-entrant, or on a worker —
    /// runs on that thread alone: every point is still worked once, and no inner call spreads.
    /// </summary>
    [Fact]
    public void ACallFromInsideABlockRunsAlone()
    {
        using var team = new KernelTeam(2);
        var partition = new RangePartition(2);
        for (int repeat = 0; repeat < 20; repeat++)
        {
            var work = new Nesting(team, 20_000);
            Assert.True(team.Run(work, 20_000, partition));
            Assert.True(work.Inner.Visits.All(v => v == 1), "a point worked twice or never");
            Assert.Equal(0, work.SpreadInside);
        }
    }

    [Fact]
    public void ABlocksExceptionReachesTheCallerAndAStoppedTeamRefusesWork()
    {
        var team = new KernelTeam(2);
        var partition = new RangePartition(2);
        var e = Assert.Throws<InvalidOperationException>(() => team.Run(new Failing(), 10_000, partition));
        Assert.StartsWith("block ", e.Message);
        Assert.Throws<ArgumentException>(() => team.Run(new Counting(1000), 1000, new RangePartition(3)));
        team.Dispose();
        Assert.Throws<ObjectDisposedException>(() => team.Run(new Counting(1000), 1000, partition));
    }

    [Fact]
    public void ACallAllocatesNothing()
    {
        using var team = new KernelTeam(2);
        var partition = new RangePartition(2);
        var work = new Counting(20_000);
        team.Run(work, 20_000, partition);
        Assert.Equal(0, Allocation.FewestBytes(() => team.Run(work, 20_000, partition), trials: 16));
    }

    [Fact]
    public void APartitionCutsByCostAndFollowsTheMeasuredTimes()
    {
        var partition = new RangePartition(2);
        // Cost 1 per point on the first 100 points, 3 per point on the next 100: half of the 400 is reached at point 133.
        var cumulative = new long[200];
        long sum = 0;
        for (int i = 0; i < 200; i++) cumulative[i] = sum += i < 100 ? 1 : 3;
        partition.CutByCost(200, cumulative);
        Assert.Equal(134, partition.Bound(1));
        Assert.True(partition.IsFor(200));
        // The first block took three times as long as the second: the boundary moves half way towards equal times.
        partition.Record(0, 300);
        partition.Record(1, 100);
        partition.Prepare(200);
        // Equal times would put it where the first block's cost reaches 200 of 400: at 134·200/300 ≈ 89.3; half way: 111.7.
        Assert.Equal(112, partition.Bound(1));
        // A new length starts from equal blocks.
        partition.Prepare(1000);
        Assert.Equal(500, partition.Bound(1));
    }
}
