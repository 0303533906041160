namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// An evenly spaced grid of abscissae x_i = Start + i·Step, i = 0 … Count − 1: the 2θ scale of a
/// constant-wavelength pattern. Point i is computed exactly as written, <c>Start + i * Step</c>
/// (one multiplication, one addition, each rounded), by the kernels and by their reference.
/// </summary>
/// <param name="Start">x₀, in the unit of the peak positions (2θ degrees for CW data).</param>
/// <param name="Step">Spacing, positive.</param>
/// <param name="Count">Number of points, zero or more.</param>
public readonly record struct UniformGrid(double Start, double Step, int Count)
{
    /// <summary>The abscissa of point <paramref name="index"/>: Start + index·Step.</summary>
    /// <param name="index">Point index (not range-checked: any integer gives the extended grid).</param>
    /// <returns>x at that index.</returns>
    public double this[int index] => Start + index * Step;

    /// <summary>Throws unless Start and Step are finite, Step is positive, Count is not negative and the last point is finite.</summary>
    /// <param name="parameterName">The name reported in the exception.</param>
    /// <exception cref="ArgumentException">The grid is not usable.</exception>
    internal void Validate(string parameterName)
    {
        if (!double.IsFinite(Start))
        {
            throw new ArgumentException($"The grid's Start is {Start}; it must be a finite number.", parameterName);
        }
        if (!(Step > 0) || !double.IsFinite(Step))
        {
            throw new ArgumentException($"The grid's Step is {Step}; it must be positive and finite.", parameterName);
        }
        if (Count < 0)
        {
            throw new ArgumentException($"The grid's Count is {Count}; it must not be negative.", parameterName);
        }
        if (Count > 0 && !double.IsFinite(this[Count - 1]))
        {
            throw new ArgumentException($"The grid's last point Start + (Count − 1)·Step overflows ({this[Count - 1]}).", parameterName);
        }
    }
}
