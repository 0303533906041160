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

    /// <summary>
    /// Throws unless every x is finite and the x do not decrease, naming the first index that fails. Every kernel call
    /// on an explicit grid makes this check (a refinement, every evaluation, over tens of thousands of points), so the
    /// common case is a vector pass; the scalar loop runs only to word the exception.
    /// </summary>
    /// <param name="x">The abscissae.</param>
    /// <param name="one">What one abscissa is, for the message ("abscissa", "time of flight").</param>
    /// <param name="many">The plural ("abscissae", "times of flight").</param>
    /// <param name="parameterName">The caller's parameter.</param>
    public static void Validate(ReadOnlySpan<double> x, string one, string many, string parameterName)
    {
        if (AscendingAndFinite(x)) return;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i])) throw new ArgumentException($"x[{i}] is {x[i]}; every {one} must be finite.", parameterName);
            if (i > 0 && x[i] < x[i - 1])
                throw new ArgumentException($"x decreases at index {i} ({x[i - 1]} then {x[i]}); the {many} must be in ascending order.", parameterName);
        }
    }

    private static bool AscendingAndFinite(ReadOnlySpan<double> x)
    {
        int n = x.Length, i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            // Pairs (x_i, x_{i+1}) a vector at a time; x − x is 0 only for finite x (NaN compares false, ∞ − ∞ is NaN).
            int width = System.Numerics.Vector<double>.Count;
            for (; i + width < n; i += width)
            {
                var a = new System.Numerics.Vector<double>(x[i..]);
                var b = new System.Numerics.Vector<double>(x[(i + 1)..]);
                if (!System.Numerics.Vector.LessThanOrEqualAll(a, b) || !System.Numerics.Vector.EqualsAll(a - a, System.Numerics.Vector<double>.Zero))
                    return false;
            }
        }
        for (; i < n; i++)
            if (!double.IsFinite(x[i]) || (i + 1 < n && x[i + 1] < x[i])) return false;
        return true;
    }

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
