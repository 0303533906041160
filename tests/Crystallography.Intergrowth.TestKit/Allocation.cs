namespace Crystallography.Intergrowth.TestKit;

/// <summary>
/// Allocation checks for hot paths that must allocate nothing in the steady state.
/// </summary>
/// <remarks>
/// <para>
/// GC.GetAllocatedBytesForCurrentThread also counts what the runtime itself now and then allocates
/// on the calling thread in the middle of a call (tiered-compilation bookkeeping under the load of
/// a full-suite run: a few hundred bytes to a few kB, in about one run in five). An allocation in
/// the code under test happens on every call, so a check takes the fewest bytes over several
/// calls and requires zero.
/// </para>
/// <para>
/// Once (CI, 2026-11-26) every one of eight calls of a warm FCJ kernel counted 248 bytes in a
/// full-suite run, where the same test allocates nothing alone, under CPU stress, with tiering
/// held at tier 0 or off, and next to a thread that drives the GC hard. So when the first round
/// is not clean, the check lets the process settle (a pause, in which deferred tier-1 compilation
/// runs, and more warm calls) and measures again, up to <see cref="Rounds"/> rounds. Code that
/// allocates allocates in every round.
/// </para>
/// </remarks>
public static class Allocation
{
    /// <summary>The rounds of measurement before a non-zero count is believed.</summary>
    public const int Rounds = 3;

    /// <summary>
    /// The fewest bytes allocated on this thread by one run of <paramref name="action"/>, over
    /// <paramref name="trials"/> runs, and over further rounds after a pause while that is not zero.
    /// </summary>
    public static long FewestBytes(Action action, int trials = 8)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        long fewest = long.MaxValue;
        for (int round = 0; round < Rounds && fewest != 0; round++)
        {
            if (round > 0)
            {
                Thread.Sleep(250);
                for (int warm = 0; warm < 4 * trials; warm++) action();
            }
            for (int trial = 0; trial < trials; trial++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                action();
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }
        return fewest;
    }
}
