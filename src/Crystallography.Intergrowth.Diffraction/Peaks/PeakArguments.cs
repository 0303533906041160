namespace Crystallography.Intergrowth.Diffraction;

/// <summary>Argument checks shared by the peak-shape and background kernels (done once at entry).</summary>
internal static class PeakArguments
{
    internal static void CheckLength(ReadOnlySpan<double> x, Span<double> destination, string name)
    {
        if (destination.Length != x.Length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} values but there are {x.Length} abscissae; they must be equal.", name);
        }
    }

    /// <summary>The value, after <see cref="CheckFinite"/>: for validating init accessors.</summary>
    internal static double Finite(double value, string name)
    {
        CheckFinite(value, name);
        return value;
    }

    /// <summary>The value, after <see cref="CheckMixing"/>: for validating init accessors of fractions in [0, 1].</summary>
    internal static double Fraction(double value, string name)
    {
        CheckMixing(value, name);
        return value;
    }

    internal static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }

    internal static void CheckPositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
        }
    }

    internal static void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be zero or positive, and finite.");
        }
    }

    internal static void CheckMixing(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "A mixing fraction must lie in [0, 1].");
        }
    }
}
