namespace Crystallography.Intergrowth.TestKit;

/// <summary>
/// Allocation checks for hot paths that must allocate nothing in the steady state.
/// </summary>
/// <remarks>
/// GC.GetAllocatedBytesForCurrentThread also counts what the runtime itself now and then allocates
/// on the calling thread in the middle of a call (tiered-compilation bookkeeping under the load of
/// a full-suite run: a few hundred bytes to a few kB, in about one run in five). An allocation in
/// the code under test happens on every call, so a check takes the fewest bytes over several
/// calls and requires zero.
/// </remarks>
public static class Allocation
{
    /// <summary>The fewest bytes allocated on this thread by one run of <paramref name="action"/>, over <paramref name="trials"/> runs.</summary>
    public static long FewestBytes(Action action, int trials = 8)
    {
        ArgumentNullException.ThrowIfNull(action);
        long fewest = long.MaxValue;
        for (int trial = 0; trial < trials; trial++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
