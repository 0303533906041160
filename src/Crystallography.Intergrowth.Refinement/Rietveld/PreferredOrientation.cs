using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// March–Dollase preferred orientation of a phase in one pattern (GSAS-II "Pref.Ori." MD): each powder line is
/// scaled by the mean over its symmetry-equivalent reflections h of (r² cos² α + sin² α / r)^(−3/2), α the angle
/// between h and the pattern's direction for that phase (<see cref="RefinementPattern.PreferredOrientationAxis"/>,
/// (0 0 1) by default). The ratio r is <c>hist:PATTERN/PHASE.MD</c>, 1 (random) unless started elsewhere; it must stay
/// positive. The factor is that of <see cref="Diffraction.MarchDollase"/> (Dollase 1986, eq. 9).
/// </summary>
public static class PreferredOrientation
{
    /// <summary>The parameter id of the ratio: <c>hist:PATTERN/PHASE.MD</c>.</summary>
    /// <param name="pattern">The histogram name.</param>
    /// <param name="phase">The phase name.</param>
    public static ParameterId Parameter(string pattern, string phase) => ParameterId.Histogram(pattern, $"{phase}.MD");

    /// <summary>
    /// The factor of one reflection and its derivative with respect to r, for cos² α given:
    /// x = r² cos² α + (1 − cos² α)/r, P = x^(−3/2), ∂P/∂r = −(3/2) x^(−5/2) (2 r cos² α − (1 − cos² α)/r²).
    /// </summary>
    /// <param name="ratio">r, positive.</param>
    /// <param name="cosSquared">cos² α.</param>
    public static (double Factor, double PerRatio) Factor(double ratio, double cosSquared)
    {
        double x = ratio * ratio * cosSquared + (1 - cosSquared) / ratio;
        double factor = 1 / (x * Math.Sqrt(x));
        return (factor, -1.5 * factor / x * (2 * ratio * cosSquared - (1 - cosSquared) / (ratio * ratio)));
    }

    /// <summary>cos² of the angle between two reciprocal-lattice vectors, from 1/d² alone: h·G*·u = (q(h + u) − q(h) − q(u))/2.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="h">A reflection.</param>
    /// <param name="u">The direction.</param>
    public static double CosSquared(in CellGeometry cell, MillerIndex h, MillerIndex u)
    {
        double qh = cell.InverseDSquared(h.H, h.K, h.L), qu = cell.InverseDSquared(u.H, u.K, u.L);
        double hu = 0.5 * (cell.InverseDSquared(h.H + u.H, h.K + u.K, h.L + u.L) - qh - qu);
        return Math.Clamp(hu * hu / (qh * qu), 0, 1);
    }
}
