using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// Where a kernel's grid points are: computed from an index (uniform 2θ grid) or read from a span
/// (time of flight, or any ascending grid). A generic struct parameter of the kernel, so the choice
/// costs nothing in the loop.
/// </summary>
internal interface IAbscissae
{
    /// <summary>Number of grid points.</summary>
    int Count { get; }

    /// <summary>x at indices <paramref name="index"/> … <paramref name="index"/> + width − 1.</summary>
    TVector At<TOperations, TVector>(int index)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct;

    /// <summary>The points with <paramref name="lower"/> ≤ x ≤ <paramref name="upper"/>.</summary>
    GridWindow Window(double lower, double upper);
}

/// <summary>x_i = Start + i·Step, computed exactly as <see cref="UniformGrid"/> says.</summary>
internal readonly struct UniformAbscissae(UniformGrid grid) : IAbscissae
{
    private readonly double _start = grid.Start;
    private readonly double _step = grid.Step;

    public int Count { get; } = grid.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector At<TOperations, TVector>(int index)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct =>
        TOperations.Add(TOperations.Broadcast(_start), TOperations.Multiply(TOperations.ConsecutiveIndices(index), TOperations.Broadcast(_step)));

    public GridWindow Window(double lower, double upper)
    {
        int start = FirstAtOrAbove(lower);
        int end = FirstAbove(upper);
        return new GridWindow(start, Math.Max(0, end - start));
    }

    private double X(int index) => _start + index * _step;

    // The estimate from the division can be one off either way; the comparisons make it exact for
    // the points as computed, so a uniform grid and the same points given as a span agree.
    private int FirstAtOrAbove(double value)
    {
        int i = Estimate(value);
        while (i > 0 && X(i - 1) >= value)
        {
            i--;
        }
        while (i < Count && X(i) < value)
        {
            i++;
        }
        return i;
    }

    private int FirstAbove(double value)
    {
        int i = Estimate(value);
        while (i > 0 && X(i - 1) > value)
        {
            i--;
        }
        while (i < Count && X(i) <= value)
        {
            i++;
        }
        return i;
    }

    private int Estimate(double value) => (int)Math.Clamp(Math.Ceiling((value - _start) / _step), 0, Count);
}

/// <summary>x_i read from an ascending span.</summary>
internal readonly ref struct ExplicitAbscissae(ReadOnlySpan<double> x) : IAbscissae
{
    private readonly ReadOnlySpan<double> _x = x;

    public int Count => _x.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector At<TOperations, TVector>(int index)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct =>
        TOperations.Load(ref MemoryMarshal.GetReference(_x), index);

    public GridWindow Window(double lower, double upper)
    {
        int start = FirstAtOrAbove(lower);
        int end = FirstAbove(upper);
        return new GridWindow(start, Math.Max(0, end - start));
    }

    private int FirstAtOrAbove(double value)
    {
        int lo = 0, hi = _x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_x[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private int FirstAbove(double value)
    {
        int lo = 0, hi = _x.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_x[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
