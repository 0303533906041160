using FsCheck;
using FsCheck.Fluent;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>FsCheck generators of peak-shape parameters in physically sensible ranges.</summary>
internal static class PeakGenerators
{
    /// <summary>A double uniform in [low, high] on a grid of 10⁶ steps.</summary>
    public static Gen<double> Uniform(double low, double high) =>
        Gen.Choose(0, 1_000_000).Select(i => low + (high - low) * i / 1_000_000.0);

    /// <summary>A double log-uniform in [low, high].</summary>
    public static Gen<double> LogUniform(double low, double high) =>
        Uniform(Math.Log(low), Math.Log(high)).Select(Math.Exp);

    /// <summary>Points spread over ±span about a centre, in ascending order.</summary>
    public static double[] Grid(double centre, double span, int count)
    {
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = centre - span + 2 * span * i / (count - 1);
        }
        return x;
    }
}
