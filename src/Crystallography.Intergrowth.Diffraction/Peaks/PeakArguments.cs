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

    /// <summary>A crystallite size in µm: positive, or +∞ for no size broadening.</summary>
    internal static double CrystalliteSize(double value, string name) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "The crystallite size must be positive (µm), or +∞ for no size broadening.");

    /// <summary>A microstrain in 10⁻⁶: finite, zero or positive.</summary>
    internal static double Microstrain(double value, string name)
    {
        CheckNonNegative(value, name);
        return value;
    }

    /// <summary>Whether isotropic size and strain broadening values are in range (the non-throwing form of the checks above).</summary>
    internal static bool IsBroadeningValid(double size, double sizeFraction, double strain, double strainFraction) =>
        size > 0 && sizeFraction >= 0 && sizeFraction <= 1 && strain >= 0 && double.IsFinite(strain) && strainFraction >= 0 && strainFraction <= 1;

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
