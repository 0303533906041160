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

    /// <summary>The anisotropic displacement component U¹¹ (Å², CIF <c>_atom_site_aniso_U_11</c>; anisotropic sites only).</summary>
    U11,

    /// <summary>The anisotropic displacement component U²² (Å², CIF <c>_atom_site_aniso_U_22</c>; anisotropic sites only).</summary>
    U22,

    /// <summary>The anisotropic displacement component U³³ (Å², CIF <c>_atom_site_aniso_U_33</c>; anisotropic sites only).</summary>
    U33,

    /// <summary>
    /// The anisotropic displacement component U¹² = U²¹ (Å², CIF <c>_atom_site_aniso_U_12</c>; anisotropic
    /// sites only). One number for both off-diagonal elements: its derivative counts both.
    /// </summary>
    U12,

    /// <summary>The anisotropic displacement component U¹³ = U³¹ (Å², CIF <c>_atom_site_aniso_U_13</c>; anisotropic sites only); its derivative counts both elements.</summary>
    U13,

    /// <summary>The anisotropic displacement component U²³ = U³² (Å², CIF <c>_atom_site_aniso_U_23</c>; anisotropic sites only); its derivative counts both elements.</summary>
    U23,
}

/// <summary>
/// One entry of the gradient <see cref="StructureFactorEvaluator.SquaredModulus(Symmetry.MillerIndex, Span{double})"/>
/// writes: a site (by index in <c>Phase.Sites</c>), what of it, and for occupancies which occupant.
/// </summary>
/// <param name="SiteIndex">The index of the site in the phase.</param>
/// <param name="Kind">Coordinate, Uiso, a component Uij of an anisotropic site, or occupancy.</param>
/// <param name="OccupantIndex">For <see cref="StructureFactorParameterKind.Occupancy"/>, the index of the occupant on the site; −1 otherwise.</param>
public readonly record struct StructureFactorParameter(int SiteIndex, StructureFactorParameterKind Kind, int OccupantIndex = -1)
{
    /// <summary>"site 1 occupancy 2", "site 0 X", "site 2 U12".</summary>
    public override string ToString() => Kind == StructureFactorParameterKind.Occupancy
        ? string.Create(CultureInfo.InvariantCulture, $"site {SiteIndex} occupancy {OccupantIndex}")
        : string.Create(CultureInfo.InvariantCulture, $"site {SiteIndex} {Kind}");
}
