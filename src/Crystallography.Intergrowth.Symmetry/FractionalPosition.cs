using System.Globalization;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>A position in fractional coordinates of the unit cell (x, y, z), each in units of a, b, c.</summary>
/// <param name="X">Coordinate along a.</param>
/// <param name="Y">Coordinate along b.</param>
/// <param name="Z">Coordinate along c.</param>
public readonly record struct FractionalPosition(double X, double Y, double Z)
{
    /// <summary>The same position translated into the cell [0, 1)³.</summary>
    public FractionalPosition Reduced() => new(ReduceCoordinate(X), ReduceCoordinate(Y), ReduceCoordinate(Z));

    /// <summary>Component <paramref name="axis"/> (0, 1, 2).</summary>
    public double this[int axis] => axis switch
    {
        0 => X, 1 => Y, 2 => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is not 0, 1 or 2."),
    };

    /// <summary>Component-wise difference.</summary>
    public static FractionalPosition operator -(FractionalPosition a, FractionalPosition b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Component-wise sum.</summary>
    public static FractionalPosition operator +(FractionalPosition a, FractionalPosition b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>
    /// The largest component of the shortest lattice-equivalent difference between two positions,
    /// i.e. the distance modulo lattice translations in the maximum norm, in fractional units.
    /// </summary>
    public static double LatticeDistance(FractionalPosition a, FractionalPosition b)
    {
        double dx = a.X - b.X, dy = a.Y - b.Y, dz = a.Z - b.Z;
        return Math.Max(Math.Abs(dx - Math.Round(dx)), Math.Max(Math.Abs(dy - Math.Round(dy)), Math.Abs(dz - Math.Round(dz))));
    }

    /// <summary>Reduces one coordinate into [0, 1), mapping values within 1e-12 of 1 to 0.</summary>
    internal static double ReduceCoordinate(double v)
    {
        double r = v - Math.Floor(v);
        return r >= 1.0 - 1e-12 ? 0.0 : r;
    }

    /// <summary>Written as "(0.25, 0.5, 0.257)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({X:0.######}, {Y:0.######}, {Z:0.######})");
}
