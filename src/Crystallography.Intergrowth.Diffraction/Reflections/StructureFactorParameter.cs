using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>What a structure-factor derivative is taken with respect to.</summary>
public enum StructureFactorParameterKind
{
    /// <summary>The fractional coordinate x of a site.</summary>
    X,

    /// <summary>The fractional coordinate y of a site.</summary>
    Y,

    /// <summary>The fractional coordinate z of a site.</summary>
    Z,

    /// <summary>The isotropic displacement Uiso (Å²) of a site (isotropic sites only).</summary>
    Uiso,

    /// <summary>The occupancy of one occupant of a site.</summary>
    Occupancy,
}

/// <summary>
/// One entry of the gradient <see cref="StructureFactorEvaluator.SquaredModulus(Symmetry.MillerIndex, Span{double})"/>
/// writes: a site (by index in <c>Phase.Sites</c>), what of it, and for occupancies which occupant.
/// </summary>
/// <param name="SiteIndex">The index of the site in the phase.</param>
/// <param name="Kind">Coordinate, Uiso or occupancy.</param>
/// <param name="OccupantIndex">For <see cref="StructureFactorParameterKind.Occupancy"/>, the index of the occupant on the site; −1 otherwise.</param>
public readonly record struct StructureFactorParameter(int SiteIndex, StructureFactorParameterKind Kind, int OccupantIndex = -1)
{
    /// <summary>"site 1 occupancy 2", "site 0 X".</summary>
    public override string ToString() => Kind == StructureFactorParameterKind.Occupancy
        ? string.Create(CultureInfo.InvariantCulture, $"site {SiteIndex} occupancy {OccupantIndex}")
        : string.Create(CultureInfo.InvariantCulture, $"site {SiteIndex} {Kind}");
}
