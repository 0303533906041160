namespace Crystallography.Intergrowth.Symmetry;

/// <summary>The seven crystal systems of International Tables Vol. A, §2.1.1.</summary>
public enum CrystalSystem
{
    /// <summary>No restriction on the cell: a, b, c, α, β, γ all free.</summary>
    Triclinic,
    /// <summary>One twofold axis or mirror normal: two of the angles are 90°.</summary>
    Monoclinic,
    /// <summary>Three mutually perpendicular twofold axes or mirror normals: α = β = γ = 90°.</summary>
    Orthorhombic,
    /// <summary>A fourfold axis along c: a = b, α = β = γ = 90°.</summary>
    Tetragonal,
    /// <summary>A threefold axis: hexagonal axes (a = b, γ = 120°) or rhombohedral axes (a = b = c, α = β = γ).</summary>
    Trigonal,
    /// <summary>A sixfold axis along c: a = b, α = β = 90°, γ = 120°.</summary>
    Hexagonal,
    /// <summary>Four threefold axes along the body diagonals: a = b = c, α = β = γ = 90°.</summary>
    Cubic,
}
