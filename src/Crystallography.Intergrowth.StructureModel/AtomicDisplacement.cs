using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// The six components of an anisotropic displacement tensor U (Å²) on the reciprocal axes, as CIF's
/// _atom_site_aniso_U_ij give them (Trueblood et al., Acta Cryst. A52 (1996) 770).
/// </summary>
/// <param name="U11">U¹¹.</param>
/// <param name="U22">U²².</param>
/// <param name="U33">U³³.</param>
/// <param name="U12">U¹².</param>
/// <param name="U13">U¹³.</param>
/// <param name="U23">U²³.</param>
public readonly record struct AnisotropicU(double U11, double U22, double U33, double U12, double U13, double U23)
{
    /// <summary>Component (i, j), indices 0..2, symmetric.</summary>
    public double this[int i, int j] => (Math.Min(i, j), Math.Max(i, j)) switch
    {
        (0, 0) => U11, (1, 1) => U22, (2, 2) => U33,
        (0, 1) => U12, (0, 2) => U13, (1, 2) => U23,
        _ => throw new ArgumentOutOfRangeException(nameof(i), $"({i}, {j}) is outside a 3×3 tensor."),
    };

    /// <summary>Builds the tensor from a symmetric 3×3 array.</summary>
    internal static AnisotropicU FromMatrix(double[,] m) => new(m[0, 0], m[1, 1], m[2, 2], m[0, 1], m[0, 2], m[1, 2]);

    internal double MaxAbsDifference(AnisotropicU other) =>
        new[] { U11 - other.U11, U22 - other.U22, U33 - other.U33, U12 - other.U12, U13 - other.U13, U23 - other.U23 }
            .Max(Math.Abs);

    internal double MaxAbs => new[] { U11, U22, U33, U12, U13, U23 }.Max(Math.Abs);
}

/// <summary>
/// Atomic displacement parameters of a site: isotropic Uiso (Å²) or an anisotropic tensor, with
/// standard uncertainties. Biso = 8π²·Uiso is offered as a conversion (DESIGN.md conventions).
/// </summary>
public sealed class AtomicDisplacement : IEquatable<AtomicDisplacement>
{
    /// <summary>8π², the factor between B and U.</summary>
    public const double BOverU = 8 * Math.PI * Math.PI;

    private AtomicDisplacement(double uiso, double uisoUncertainty, AnisotropicU? u, AnisotropicU? uncertainty)
    {
        Uiso = uiso;
        UisoUncertainty = uisoUncertainty;
        Anisotropic = u;
        AnisotropicUncertainty = uncertainty;
    }

    /// <summary>No displacement (Uiso = 0): the default for a site given none.</summary>
    public static AtomicDisplacement None { get; } = new(0, 0, null, null);

    /// <summary>Isotropic displacement Uiso in Å² with its standard uncertainty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Uiso or its uncertainty is not finite, or the uncertainty is negative.</exception>
    public static AtomicDisplacement Isotropic(double uiso, double uncertainty = 0)
    {
        if (!double.IsFinite(uiso))
            throw new ArgumentOutOfRangeException(nameof(uiso), uiso, "Uiso must be a finite number of Å².");
        if (!double.IsFinite(uncertainty) || uncertainty < 0)
            throw new ArgumentOutOfRangeException(nameof(uncertainty), uncertainty, "A standard uncertainty must be finite and non-negative.");
        return new AtomicDisplacement(uiso, uncertainty, null, null);
    }

    /// <summary>Isotropic displacement from Biso in Å² (Uiso = Biso / 8π²).</summary>
    public static AtomicDisplacement FromBiso(double biso, double uncertainty = 0) =>
        Isotropic(biso / BOverU, uncertainty / BOverU);

    /// <summary>
    /// Anisotropic displacement. The equivalent Uiso needs the cell: use <see cref="EquivalentUiso"/>;
    /// <see cref="Uiso"/> holds the arithmetic mean of the diagonal until a phase fixes the cell.
    /// </summary>
    public static AtomicDisplacement FromAnisotropic(AnisotropicU u, AnisotropicU? uncertainty = null)
    {
        if (!double.IsFinite(u.MaxAbs))
            throw new ArgumentOutOfRangeException(nameof(u), u, "Every U_ij must be finite.");
        return new AtomicDisplacement((u.U11 + u.U22 + u.U33) / 3, 0, u, uncertainty);
    }

    /// <summary>Uiso in Å² (for an anisotropic site, the value stored at construction; prefer <see cref="EquivalentUiso"/>).</summary>
    public double Uiso { get; }

    /// <summary>The standard uncertainty of Uiso (0 when unknown).</summary>
    public double UisoUncertainty { get; }

    /// <summary>Biso = 8π²·Uiso in Å².</summary>
    public double Biso => Uiso * BOverU;

    /// <summary>True when the displacement is anisotropic.</summary>
    public bool IsAnisotropic => Anisotropic.HasValue;

    /// <summary>The anisotropic tensor, or null for an isotropic site.</summary>
    public AnisotropicU? Anisotropic { get; }

    /// <summary>The standard uncertainties of the anisotropic components, or null.</summary>
    public AnisotropicU? AnisotropicUncertainty { get; }

    /// <summary>
    /// Ueq = ⅓ Σᵢⱼ Uⁱʲ aᵢ* aⱼ* aᵢ·aⱼ (Fischer &amp; Tillmanns, Acta Cryst. C44 (1988) 775), or Uiso for an
    /// isotropic site.
    /// </summary>
    public double EquivalentUiso(UnitCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (Anisotropic is not { } u) return Uiso;
        double[] star = [cell.AStar, cell.BStar, cell.CStar];
        var g = cell.DirectMetric;
        double sum = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                sum += u[i, j] * star[i] * star[j] * g[i, j];
        return sum / 3;
    }

    /// <summary>
    /// The tensor projected onto the restrictions the site symmetry imposes: the average of
    /// W·β·Wᵀ over the site-symmetry operations, with β = 2π² N U N and N = diag(a*, b*, c*)
    /// (β transforms with the rotation part W of each operation; ITA Vol. D §1.2.2).
    /// </summary>
    internal static AnisotropicU Symmetrize(AnisotropicU u, UnitCell cell, IReadOnlyList<SymmetryOperation> siteOperations)
    {
        double[] n = [cell.AStar, cell.BStar, cell.CStar];
        var beta = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) beta[i, j] = u[i, j] * n[i] * n[j];
        var sum = new double[3, 3];
        foreach (var op in siteOperations)
        {
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    double s = 0;
                    for (int k = 0; k < 3; k++)
                        for (int l = 0; l < 3; l++) s += op.Rotation(i, k) * beta[k, l] * op.Rotation(j, l);
                    sum[i, j] += s;
                }
        }
        var result = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) result[i, j] = sum[i, j] / siteOperations.Count / (n[i] * n[j]);
        return AnisotropicU.FromMatrix(result);
    }

    internal AtomicDisplacement WithAnisotropic(AnisotropicU u, UnitCell cell)
    {
        var changed = new AtomicDisplacement(0, 0, u, AnisotropicUncertainty);
        return new AtomicDisplacement(changed.EquivalentUiso(cell), 0, u, AnisotropicUncertainty);
    }

    /// <inheritdoc />
    public bool Equals(AtomicDisplacement? other) =>
        other is not null && Uiso.Equals(other.Uiso) && UisoUncertainty.Equals(other.UisoUncertainty) &&
        Anisotropic.Equals(other.Anisotropic) && AnisotropicUncertainty.Equals(other.AnisotropicUncertainty);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AtomicDisplacement);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Uiso, UisoUncertainty, Anisotropic, AnisotropicUncertainty);

    /// <summary>"Uiso = 0.0100 Å²" or "Uaniso (…)".</summary>
    public override string ToString() => Anisotropic is { } u
        ? FormattableString.Invariant($"Uaniso ({u.U11:0.#####}, {u.U22:0.#####}, {u.U33:0.#####}, {u.U12:0.#####}, {u.U13:0.#####}, {u.U23:0.#####}) Å²")
        : FormattableString.Invariant($"Uiso = {new MeasuredValue(Uiso, UisoUncertainty)} Å²");
}
