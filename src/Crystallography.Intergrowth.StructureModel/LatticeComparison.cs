using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// Lattice mismatch between a layered R-3m phase and a cubic rocksalt phase that share one oxygen
/// framework, as (a_pseudo-cubic − a_rocksalt) / a_rocksalt for each way of reading the layered cell.
/// </summary>
/// <param name="PseudoCubic">The pseudo-cubic parameters of the layered phase.</param>
/// <param name="RocksaltA">The rocksalt cell parameter, Å.</param>
/// <param name="InPlane">Mismatch of √2·a_H (the close-packed layers) against a_rocksalt.</param>
/// <param name="OutOfPlane">Mismatch of c_H/(2√3) (the stacking direction) against a_rocksalt.</param>
/// <param name="Volume">Mismatch of the volume-based a (equal volume per oxygen) against a_rocksalt.</param>
public sealed record LatticeMismatch(PseudoCubicParameters PseudoCubic, double RocksaltA, double InPlane, double OutOfPlane, double Volume);

/// <summary>Relative changes of the cell between two states (in-situ series, "zero strain"): (after − before) / before.</summary>
/// <param name="A">Δa/a.</param>
/// <param name="B">Δb/b.</param>
/// <param name="C">Δc/c.</param>
/// <param name="Volume">ΔV/V.</param>
public sealed record RelativeCellChange(double A, double B, double C, double Volume)
{
    /// <summary>The largest of |Δa/a|, |Δb/b|, |Δc/c| and |ΔV/V|: a "zero-strain" material keeps it below about 1 %.</summary>
    public double LargestMagnitude => new[] { A, B, C, Volume }.Max(Math.Abs);

    /// <summary>Written as percentages: "Δa/a = -0.12 %, …".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"Δa/a = {A * 100:0.###} %, Δb/b = {B * 100:0.###} %, Δc/c = {C * 100:0.###} %, ΔV/V = {Volume * 100:0.###} %");
}

/// <summary>The layered ↔ rocksalt comparisons of the reference study.</summary>
public static class LatticeComparison
{
    /// <summary>
    /// The pseudo-cubic description of a layered phase on hexagonal axes (a_c ≈ √2·a_H ≈ c_H/(2√3)),
    /// with c/a against the ideal cubic-close-packed 2√6.
    /// </summary>
    /// <exception cref="ArgumentException">The phase is not on hexagonal axes.</exception>
    public static PseudoCubicParameters PseudoCubic(Phase layered)
    {
        ArgumentNullException.ThrowIfNull(layered);
        if (layered.SpaceGroup.CrystalSystem is not (CrystalSystem.Trigonal or CrystalSystem.Hexagonal) || layered.SpaceGroup.HasRhombohedralAxes)
            throw new ArgumentException($"Phase '{layered.Name}' ({layered.SpaceGroup}) is not a layered phase on hexagonal axes.", nameof(layered));
        return layered.Cell.PseudoCubic();
    }

    /// <summary>The lattice mismatch between a layered phase and a cubic rocksalt phase.</summary>
    /// <exception cref="ArgumentException">The first phase is not on hexagonal axes or the second is not cubic.</exception>
    public static LatticeMismatch Mismatch(Phase layered, Phase rocksalt)
    {
        ArgumentNullException.ThrowIfNull(rocksalt);
        var pc = PseudoCubic(layered);
        if (rocksalt.SpaceGroup.CrystalSystem != CrystalSystem.Cubic)
            throw new ArgumentException($"Phase '{rocksalt.Name}' ({rocksalt.SpaceGroup}) is not cubic.", nameof(rocksalt));
        double a = rocksalt.Cell.A;
        return new LatticeMismatch(pc, a, pc.AFromA / a - 1, pc.AFromC / a - 1, pc.AFromVolume / a - 1);
    }

    /// <summary>Relative changes of a, b, c and V from one cell to another.</summary>
    public static RelativeCellChange RelativeChange(UnitCell before, UnitCell after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new RelativeCellChange(after.A / before.A - 1, after.B / before.B - 1, after.C / before.C - 1,
            after.Volume / before.Volume - 1);
    }
}
