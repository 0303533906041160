using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>One free hydrostatic-strain term of a phase in one pattern.</summary>
/// <param name="Name">GSAS-II's name: D11, D22, D33, D12, D13 or D23.</param>
/// <param name="Monomials">How the term adds to 1/d²: coefficients of h², k², l², hk, hl, kl.</param>
public readonly record struct HydrostaticStrainTerm(string Name, ImmutableArray<double> Monomials);

/// <summary>
/// Per-pattern hydrostatic strain of a phase (GSAS-II "HStrain"): 1/d² of the pattern is the cell's plus
/// D11 h² + D22 k² + D33 l² + D12 hk + D13 hl + D23 kl (Å⁻²), so that one pattern's d-spacings can differ
/// from another's by a small homogeneous strain (a wavelength or calibration error, a temperature
/// difference) while the structure is shared. The terms the Laue class allows are free; the ids are
/// <c>hist:PATTERN/PHASE.D11</c>.
/// </summary>
/// <remarks>
/// Cubic: D11 (on h² + k² + l²). Tetragonal: D11 (h² + k²), D33. Hexagonal axes: D11 (h² + k² + hk), D33.
/// Rhombohedral axes: D11 (h² + k² + l²), D12 (hk + hl + kl). Orthorhombic: D11, D22, D33. Monoclinic:
/// those and the term of the unique axis' angle (D13 for b, D12 for c, D23 for a). Triclinic: all six.
/// The strain moves positions and widths through d and the Lorentz factor with it; |F|² keeps the cell's
/// d-spacing (GSAS-II also strains the metric of |F|² and 1/V: a relative effect below 10⁻³ of |F|² for
/// the strains of a refinement).
/// </remarks>
public static class HydrostaticStrain
{
    /// <summary>The free terms of a phase.</summary>
    /// <param name="phase">The phase.</param>
    public static ImmutableArray<HydrostaticStrainTerm> Terms(Phase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var group = phase.SpaceGroup;
        return group.CrystalSystem switch
        {
            CrystalSystem.Cubic => [Term("D11", 1, 1, 1, 0, 0, 0)],
            CrystalSystem.Tetragonal => [Term("D11", 1, 1, 0, 0, 0, 0), Term("D33", 0, 0, 1, 0, 0, 0)],
            CrystalSystem.Trigonal when group.HasRhombohedralAxes => [Term("D11", 1, 1, 1, 0, 0, 0), Term("D12", 0, 0, 0, 1, 1, 1)],
            CrystalSystem.Trigonal or CrystalSystem.Hexagonal => [Term("D11", 1, 1, 0, 1, 0, 0), Term("D33", 0, 0, 1, 0, 0, 0)],
            CrystalSystem.Orthorhombic => [Term("D11", 1, 0, 0, 0, 0, 0), Term("D22", 0, 1, 0, 0, 0, 0), Term("D33", 0, 0, 1, 0, 0, 0)],
            CrystalSystem.Monoclinic => [Term("D11", 1, 0, 0, 0, 0, 0), Term("D22", 0, 1, 0, 0, 0, 0), Term("D33", 0, 0, 1, 0, 0, 0), MonoclinicTerm(phase.Cell)],
            _ => [Term("D11", 1, 0, 0, 0, 0, 0), Term("D22", 0, 1, 0, 0, 0, 0), Term("D33", 0, 0, 1, 0, 0, 0),
                  Term("D12", 0, 0, 0, 1, 0, 0), Term("D13", 0, 0, 0, 0, 1, 0), Term("D23", 0, 0, 0, 0, 0, 1)],
        };
    }

    /// <summary>The parameter id of a term: <c>hist:PATTERN/PHASE.D11</c>.</summary>
    /// <param name="pattern">The histogram name.</param>
    /// <param name="phase">The phase name.</param>
    /// <param name="term">D11 … D23.</param>
    public static ParameterId Parameter(string pattern, string phase, string term) => ParameterId.Histogram(pattern, $"{phase}.{term}");

    private static HydrostaticStrainTerm Term(string name, params double[] monomials) => new(name, [.. monomials]);

    private static HydrostaticStrainTerm MonoclinicTerm(UnitCell cell) =>
        cell.Gamma != 90 ? Term("D12", 0, 0, 0, 1, 0, 0)
        : cell.Alpha != 90 ? Term("D23", 0, 0, 0, 0, 0, 1)
        : Term("D13", 0, 0, 0, 0, 1, 0);
}
