using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// March–Dollase preferred orientation (Dollase, J. Appl. Cryst. 19 (1986) 267, eq. 9): a reflection
/// whose normal makes the angle α with the preferred direction is scaled by
/// (r² cos² α + sin² α / r)^(−3/2), averaged over the reflections a powder line superimposes
/// (GSAS-II, GSASIIstrMath.GetPrefOri: the sum over the equivalents <c>uniq</c> divided by their number).
/// r = 1 is a random powder; r &lt; 1 platelets whose normals lie along the direction, r &gt; 1 needles.
/// Immutable.
/// </summary>
public sealed record MarchDollase
{
    /// <summary>Creates the description.</summary>
    /// <param name="ratio">r, positive.</param>
    /// <param name="direction">The preferred direction as a reciprocal-lattice vector (the normal of the planes hkl), e.g. (0 0 1) for platelets of a layered oxide.</param>
    public MarchDollase(double ratio, MillerIndex direction)
    {
        if (!(ratio > 0) || !double.IsFinite(ratio))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The March–Dollase ratio must be positive and finite.");
        if (direction.IsOrigin)
            throw new ArgumentException("The preferred direction (0 0 0) is no direction.", nameof(direction));
        Ratio = ratio;
        Direction = direction;
    }

    /// <summary>No preferred orientation: r = 1 along (0 0 1).</summary>
    public static MarchDollase None { get; } = new(1, new MillerIndex(0, 0, 1));

    /// <summary>The ratio r.</summary>
    public double Ratio { get; }

    /// <summary>The preferred direction (a reciprocal-lattice vector).</summary>
    public MillerIndex Direction { get; }

    /// <summary>(r² cos² α + sin² α / r)^(−3/2) for one reflection.</summary>
    /// <param name="ratio">r.</param>
    /// <param name="cosAlpha">cos α.</param>
    public static double Factor(double ratio, double cosAlpha)
    {
        double c2 = cosAlpha * cosAlpha;
        double x = ratio * ratio * c2 + (1 - c2) / ratio;
        return 1 / (x * Math.Sqrt(x));
    }

    /// <summary>The correction of one reflection hkl alone (no averaging).</summary>
    /// <param name="cell">The cell, for the angle between reciprocal vectors.</param>
    /// <param name="hkl">The reflection.</param>
    public double Correction(UnitCell cell, MillerIndex hkl)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return Factor(Ratio, CosAngle(cell.ReciprocalMetric, hkl, Direction));
    }

    /// <summary>The correction of a powder line: the mean over its symmetry-equivalent reflections.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="spaceGroup">The space group whose Laue class gives the equivalents.</param>
    /// <param name="hkl">Any member of the family.</param>
    public double Correction(UnitCell cell, SpaceGroup spaceGroup, MillerIndex hkl)
    {
        ArgumentNullException.ThrowIfNull(spaceGroup);
        return Correction(cell, spaceGroup.EquivalentReflections(hkl, includeFriedelMates: true));
    }

    /// <summary>The mean correction over a given set of reflections.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="equivalents">The reflections of the line; at least one.</param>
    public double Correction(UnitCell cell, IReadOnlyList<MillerIndex> equivalents)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(equivalents);
        if (equivalents.Count == 0) throw new ArgumentException("A powder line has at least one reflection.", nameof(equivalents));
        if (Ratio == 1) return 1;
        double sum = 0;
        foreach (var h in equivalents) sum += Factor(Ratio, CosAngle(cell.ReciprocalMetric, h, Direction));
        return sum / equivalents.Count;
    }

    /// <summary>cos of the angle between two reciprocal-lattice vectors: hᵀG*u / (|h| |u|).</summary>
    internal static double CosAngle(MetricTensor reciprocal, MillerIndex h, MillerIndex u)
    {
        double hu = Bilinear(reciprocal, h, u);
        double hh = Bilinear(reciprocal, h, h);
        double uu = Bilinear(reciprocal, u, u);
        return Math.Clamp(hu / Math.Sqrt(hh * uu), -1, 1);
    }

    private static double Bilinear(MetricTensor g, MillerIndex a, MillerIndex b) =>
        a.H * (g.G11 * b.H + g.G12 * b.K + g.G13 * b.L) +
        a.K * (g.G12 * b.H + g.G22 * b.K + g.G23 * b.L) +
        a.L * (g.G13 * b.H + g.G23 * b.K + g.G33 * b.L);

    /// <summary>"March–Dollase r = 0.9 along (0 0 1)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"March–Dollase r = {Ratio} along {Direction}");
}
