namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>The grid points a peak is evaluated at: indices Start … Start + Length − 1.</summary>
/// <param name="Start">First index; when Length is 0 it is where the window would begin (0 … grid length).</param>
/// <param name="Length">Number of points, zero or more.</param>
public readonly record struct GridWindow(int Start, int Length)
{
    /// <summary>One past the last index.</summary>
    public int End => Start + Length;
}
