using System.Globalization;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// A unit cell: the lengths a, b, c (Å) of the basis vectors and the angles α = ∠(b, c),
/// β = ∠(a, c), γ = ∠(a, b) (degrees), with its direct and reciprocal metric. Immutable, with
/// value equality on the six parameters.
/// </summary>
/// <remarks>
/// The metric relations follow International Tables for Crystallography Vol. B (2008), §1.1.2
/// (direct space) and §1.1.3 (reciprocal space): gᵢⱼ = aᵢ·aⱼ, G* = G⁻¹, V² = det G and
/// 1/d²(hkl) = hᵀ G* h. The reciprocal-metric coefficients A1..A6 are those of GSAS-II
/// (GSASIIlattice.py, <c>cell2A</c>/<c>A2cell</c>).
/// </remarks>
public sealed class UnitCell : IEquatable<UnitCell>
{
    private const double DegreesToRadians = Math.PI / 180;

    // cos α, cos β, cos γ and sin α, sin β, sin γ, kept for the metric and its derivatives.
    private readonly double _cosAlpha, _cosBeta, _cosGamma, _sinAlpha, _sinBeta, _sinGamma;
    private readonly CellGeometry _geometry;

    /// <summary>A cell from its six parameters.</summary>
    /// <param name="a">Length a in Å, positive and finite.</param>
    /// <param name="b">Length b in Å, positive and finite.</param>
    /// <param name="c">Length c in Å, positive and finite.</param>
    /// <param name="alpha">Angle α = ∠(b, c) in degrees, in (0, 180).</param>
    /// <param name="beta">Angle β = ∠(a, c) in degrees, in (0, 180).</param>
    /// <param name="gamma">Angle γ = ∠(a, b) in degrees, in (0, 180).</param>
    /// <exception cref="ArgumentOutOfRangeException">A length not positive, or an angle outside (0°, 180°).</exception>
    /// <exception cref="ArgumentException">
    /// The three angles give no cell of positive volume: one angle is not less than the sum of the
    /// other two, or the three add up to 360° or more.
    /// </exception>
    public UnitCell(double a, double b, double c, double alpha, double beta, double gamma)
    {
        _geometry = CellGeometry.Create(a, b, c, alpha, beta, gamma);
        A = a;
        B = b;
        C = c;
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        (_sinAlpha, _cosAlpha) = (_geometry.SinAlpha, _geometry.CosAlpha);
        (_sinBeta, _cosBeta) = (_geometry.SinBeta, _geometry.CosBeta);
        (_sinGamma, _cosGamma) = (_geometry.SinGamma, _geometry.CosGamma);
        Volume = _geometry.Volume;
        DirectMetric = _geometry.DirectMetric;
        ReciprocalMetric = _geometry.ReciprocalMetric;
    }

    /// <summary>The metrics of the cell as a value (what a refinement needs per evaluation, without an object).</summary>
    public CellGeometry Geometry => _geometry;

    /// <summary>Length a in Å.</summary>
    public double A { get; }

    /// <summary>Length b in Å.</summary>
    public double B { get; }

    /// <summary>Length c in Å.</summary>
    public double C { get; }

    /// <summary>Angle α = ∠(b, c) in degrees.</summary>
    public double Alpha { get; }

    /// <summary>Angle β = ∠(a, c) in degrees.</summary>
    public double Beta { get; }

    /// <summary>Angle γ = ∠(a, b) in degrees.</summary>
    public double Gamma { get; }

    /// <summary>The cell volume V = sqrt(det G) in Å³.</summary>
    public double Volume { get; }

    /// <summary>The reciprocal-cell volume V* = 1/V in Å⁻³.</summary>
    public double ReciprocalVolume => 1 / Volume;

    /// <summary>The direct metric tensor G, gᵢⱼ = aᵢ·aⱼ, in Å².</summary>
    public MetricTensor DirectMetric { get; }

    /// <summary>The reciprocal metric tensor G* = G⁻¹, g*ᵢⱼ = aᵢ*·aⱼ*, in Å⁻².</summary>
    public MetricTensor ReciprocalMetric { get; }

    /// <summary>The reciprocal length a* = sqrt(g*₁₁) in Å⁻¹.</summary>
    public double AStar => Math.Sqrt(ReciprocalMetric.G11);

    /// <summary>The reciprocal length b* = sqrt(g*₂₂) in Å⁻¹.</summary>
    public double BStar => Math.Sqrt(ReciprocalMetric.G22);

    /// <summary>The reciprocal length c* = sqrt(g*₃₃) in Å⁻¹.</summary>
    public double CStar => Math.Sqrt(ReciprocalMetric.G33);

    /// <summary>The reciprocal angle α* = ∠(b*, c*) in degrees; cos α* = (cos β cos γ − cos α)/(sin β sin γ).</summary>
    public double AlphaStar => AcosDegrees((_cosBeta * _cosGamma - _cosAlpha) / (_sinBeta * _sinGamma));

    /// <summary>The reciprocal angle β* = ∠(a*, c*) in degrees; cos β* = (cos α cos γ − cos β)/(sin α sin γ).</summary>
    public double BetaStar => AcosDegrees((_cosAlpha * _cosGamma - _cosBeta) / (_sinAlpha * _sinGamma));

    /// <summary>The reciprocal angle γ* = ∠(a*, b*) in degrees; cos γ* = (cos α cos β − cos γ)/(sin α sin β).</summary>
    public double GammaStar => AcosDegrees((_cosAlpha * _cosBeta - _cosGamma) / (_sinAlpha * _sinBeta));

    /// <summary>
    /// The GSAS-II reciprocal-metric coefficients A1..A6 of this cell, with
    /// 1/d² = A1 h² + A2 k² + A3 l² + A4 hk + A5 hl + A6 kl.
    /// </summary>
    public ReciprocalMetricCoefficients ReciprocalMetricCoefficients => new(
        ReciprocalMetric.G11, ReciprocalMetric.G22, ReciprocalMetric.G33,
        2 * ReciprocalMetric.G12, 2 * ReciprocalMetric.G13, 2 * ReciprocalMetric.G23);

    /// <summary>A cubic cell: a = b = c, α = β = γ = 90°.</summary>
    /// <param name="a">The cell edge in Å.</param>
    /// <returns>The cell.</returns>
    public static UnitCell Cubic(double a) => new(a, a, a, 90, 90, 90);

    /// <summary>A tetragonal cell: a = b, α = β = γ = 90°.</summary>
    /// <param name="a">Length a = b in Å.</param>
    /// <param name="c">Length c in Å.</param>
    /// <returns>The cell.</returns>
    public static UnitCell Tetragonal(double a, double c) => new(a, a, c, 90, 90, 90);

    /// <summary>A hexagonal-axes cell (hexagonal, or trigonal on hexagonal axes): a = b, α = β = 90°, γ = 120°.</summary>
    /// <param name="a">Length a = b in Å.</param>
    /// <param name="c">Length c in Å.</param>
    /// <returns>The cell.</returns>
    public static UnitCell Hexagonal(double a, double c) => new(a, a, c, 90, 90, 120);

    /// <summary>A rhombohedral-axes cell: a = b = c, α = β = γ.</summary>
    /// <param name="a">The common length in Å.</param>
    /// <param name="alpha">The common angle in degrees, in (0°, 120°).</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> outside (0°, 120°), where no rhombohedron exists.</exception>
    public static UnitCell Rhombohedral(double a, double alpha)
    {
        if (!(alpha > 0 && alpha < 120))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
                "The rhombohedral angle α must lie in (0°, 120°): at 120° the three axes are coplanar.");
        }
        return new UnitCell(a, a, a, alpha, alpha, alpha);
    }

    /// <summary>An orthorhombic cell: α = β = γ = 90°.</summary>
    /// <param name="a">Length a in Å.</param>
    /// <param name="b">Length b in Å.</param>
    /// <param name="c">Length c in Å.</param>
    /// <returns>The cell.</returns>
    public static UnitCell Orthorhombic(double a, double b, double c) => new(a, b, c, 90, 90, 90);

    /// <summary>A monoclinic cell with unique axis b (the standard setting): α = γ = 90°.</summary>
    /// <param name="a">Length a in Å.</param>
    /// <param name="b">Length b in Å.</param>
    /// <param name="c">Length c in Å.</param>
    /// <param name="beta">Angle β in degrees.</param>
    /// <returns>The cell.</returns>
    public static UnitCell Monoclinic(double a, double b, double c, double beta) => new(a, b, c, 90, beta, 90);

    /// <summary>
    /// The cell whose reciprocal metric has the GSAS-II coefficients A1..A6
    /// (g*₁₁ = A1, g*₂₂ = A2, g*₃₃ = A3, g*₁₂ = A4/2, g*₁₃ = A5/2, g*₂₃ = A6/2; G = (G*)⁻¹).
    /// </summary>
    /// <param name="coefficients">The coefficients in Å⁻².</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentException">The coefficients do not form a positive-definite reciprocal metric.</exception>
    public static UnitCell FromReciprocalMetricCoefficients(ReciprocalMetricCoefficients coefficients)
    {
        var reciprocal = new MetricTensor(
            coefficients.A1, coefficients.A2, coefficients.A3,
            coefficients.A4 / 2, coefficients.A5 / 2, coefficients.A6 / 2);
        if (!reciprocal.IsPositiveDefinite)
        {
            throw new ArgumentException(
                $"The reciprocal-metric coefficients {coefficients} do not form a positive-definite metric, so no cell has them.",
                nameof(coefficients));
        }
        var direct = reciprocal.Inverse();
        return FromDirectMetric(direct);
    }

    /// <summary>The cell whose direct metric tensor is <paramref name="metric"/>.</summary>
    /// <param name="metric">The metric G in Å², positive definite.</param>
    /// <returns>The cell: a = sqrt(g₁₁), cos γ = g₁₂/(ab), and so on.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is not positive definite.</exception>
    public static UnitCell FromDirectMetric(MetricTensor metric)
    {
        if (!metric.IsPositiveDefinite)
        {
            throw new ArgumentException($"The metric {metric} is not positive definite, so no cell has it.", nameof(metric));
        }
        double a = Math.Sqrt(metric.G11);
        double b = Math.Sqrt(metric.G22);
        double c = Math.Sqrt(metric.G33);
        return new UnitCell(
            a, b, c,
            AcosDegrees(metric.G23 / (b * c)),
            AcosDegrees(metric.G13 / (a * c)),
            AcosDegrees(metric.G12 / (a * b)));
    }

    /// <summary>A copy with length a replaced.</summary>
    /// <param name="a">The new length a in Å.</param>
    /// <returns>The new cell.</returns>
    public UnitCell WithA(double a) => new(a, B, C, Alpha, Beta, Gamma);

    /// <summary>A copy with length b replaced.</summary>
    /// <param name="b">The new length b in Å.</param>
    /// <returns>The new cell.</returns>
    public UnitCell WithB(double b) => new(A, b, C, Alpha, Beta, Gamma);

    /// <summary>A copy with length c replaced.</summary>
    /// <param name="c">The new length c in Å.</param>
    /// <returns>The new cell.</returns>
    public UnitCell WithC(double c) => new(A, B, c, Alpha, Beta, Gamma);

    /// <summary>A copy with angle α replaced.</summary>
    /// <param name="alpha">The new angle α in degrees.</param>
    /// <returns>The new cell.</returns>
    public UnitCell WithAlpha(double alpha) => new(A, B, C, alpha, Beta, Gamma);

    /// <summary>A copy with angle β replaced.</summary>
    /// <param name="beta">The new angle β in degrees.</param>
    /// <returns>The new cell.</returns>
    public UnitCell WithBeta(double beta) => new(A, B, C, Alpha, beta, Gamma);

    /// <summary>A copy with angle γ replaced.</summary>
    /// <param name="gamma">The new angle γ in degrees.</param>
    /// <returns>The new cell.</returns>
    public UnitCell WithGamma(double gamma) => new(A, B, C, Alpha, Beta, gamma);

    /// <summary>The value of one parameter: a length in Å or an angle in degrees.</summary>
    /// <param name="parameter">Which parameter.</param>
    /// <returns>Its value.</returns>
    public double Get(CellParameter parameter) => parameter switch
    {
        CellParameter.A => A,
        CellParameter.B => B,
        CellParameter.C => C,
        CellParameter.Alpha => Alpha,
        CellParameter.Beta => Beta,
        CellParameter.Gamma => Gamma,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Unknown cell parameter."),
    };

    /// <summary>A copy with one parameter replaced.</summary>
    /// <param name="parameter">Which parameter.</param>
    /// <param name="value">Its new value: a length in Å or an angle in degrees.</param>
    /// <returns>The new cell.</returns>
    public UnitCell With(CellParameter parameter, double value) => parameter switch
    {
        CellParameter.A => WithA(value),
        CellParameter.B => WithB(value),
        CellParameter.C => WithC(value),
        CellParameter.Alpha => WithAlpha(value),
        CellParameter.Beta => WithBeta(value),
        CellParameter.Gamma => WithGamma(value),
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Unknown cell parameter."),
    };

    /// <summary>1/d² = hᵀ G* h for the reflection hkl, in Å⁻² (ITB §1.1.3).</summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    /// <returns>1/d²; zero for 000.</returns>
    public double InverseDSquared(int h, int k, int l) => ReciprocalMetric.QuadraticForm(h, k, l);

    /// <summary>The interplanar spacing d(hkl) = 1/sqrt(hᵀ G* h), in Å.</summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    /// <returns>d in Å.</returns>
    /// <exception cref="ArgumentException">hkl = 000, which has no spacing.</exception>
    public double DSpacing(int h, int k, int l)
    {
        if (h == 0 && k == 0 && l == 0)
        {
            throw new ArgumentException("The reflection 000 has no interplanar spacing.", nameof(h));
        }
        return 1 / Math.Sqrt(InverseDSquared(h, k, l));
    }

    /// <summary>
    /// The derivatives of 1/d²(hkl) with respect to a, b, c (Å⁻² per Å) and α, β, γ
    /// (Å⁻² <b>per degree</b>, matching the angle unit of the API).
    /// </summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    /// <returns>The six derivatives.</returns>
    public CellParameterGradient InverseDSquaredGradient(int h, int k, int l)
    {
        Span<double> gradient = stackalloc double[6];
        InverseDSquaredGradient(h, k, l, gradient);
        return new CellParameterGradient(gradient[0], gradient[1], gradient[2], gradient[3], gradient[4], gradient[5]);
    }

    /// <summary>
    /// The derivatives of 1/d²(hkl) written into <paramref name="destination"/> in the order
    /// a, b, c (Å⁻² per Å), α, β, γ (Å⁻² per degree). Allocates nothing.
    /// </summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    /// <param name="destination">At least six elements; the first six are overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> shorter than six.</exception>
    public void InverseDSquaredGradient(int h, int k, int l, Span<double> destination)
    {
        if (destination.Length < 6)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} elements; the gradient needs 6 (a, b, c, α, β, γ).",
                nameof(destination));
        }
        _geometry.InverseDSquaredGradient(h, k, l, destination);
    }

    /// <summary>
    /// Whether the parameters obey the restrictions of a crystal system (International Tables
    /// Vol. A (2005), Table 2.1.2.1) within <paramref name="tolerance"/>.
    /// </summary>
    /// <param name="system">The crystal system.</param>
    /// <param name="rhombohedralAxes">Only for trigonal: true for rhombohedral axes, false for hexagonal axes.</param>
    /// <param name="tolerance">The largest accepted difference: in Å for lengths, in degrees for angles.</param>
    /// <param name="uniqueAxis">Only for monoclinic: the unique axis, b by default.</param>
    /// <returns>True when every restriction holds.</returns>
    public bool ConformsTo(CrystalSystem system, bool rhombohedralAxes = false, double tolerance = 1e-6, UniqueAxis uniqueAxis = UniqueAxis.B) =>
        FirstBrokenRestriction(system, rhombohedralAxes, tolerance, uniqueAxis) is null;

    /// <summary>
    /// Throws unless the parameters obey the restrictions of a crystal system, saying which
    /// restriction is broken, e.g. "a = b required for Tetragonal; a = 2.94, b = 2.95".
    /// </summary>
    /// <param name="system">The crystal system.</param>
    /// <param name="rhombohedralAxes">Only for trigonal: true for rhombohedral axes, false for hexagonal axes.</param>
    /// <param name="tolerance">The largest accepted difference: in Å for lengths, in degrees for angles.</param>
    /// <param name="uniqueAxis">Only for monoclinic: the unique axis, b by default.</param>
    /// <exception cref="ArgumentException">A restriction is broken.</exception>
    public void CheckConformsTo(CrystalSystem system, bool rhombohedralAxes = false, double tolerance = 1e-6, UniqueAxis uniqueAxis = UniqueAxis.B)
    {
        if (FirstBrokenRestriction(system, rhombohedralAxes, tolerance, uniqueAxis) is { } broken)
        {
            string where = SystemDescription(system, rhombohedralAxes, uniqueAxis);
            string values = broken.EqualTo is { } equalTo
                ? $"{Symbol(equalTo)} = {Format(Get(equalTo))}, {Symbol(broken.Parameter)} = {Format(Get(broken.Parameter))}"
                : $"{Symbol(broken.Parameter)} = {Format(Get(broken.Parameter))}";
            throw new ArgumentException(
                $"{broken} required for {where}; {values} (tolerance {Format(tolerance)} Å or degrees).");
        }
    }

    /// <summary>
    /// A cell that obeys the restrictions of a crystal system exactly: tied parameters are
    /// replaced by their mean, fixed angles set to their values.
    /// </summary>
    /// <param name="system">The crystal system.</param>
    /// <param name="rhombohedralAxes">Only for trigonal: true for rhombohedral axes, false for hexagonal axes.</param>
    /// <param name="uniqueAxis">Only for monoclinic: the unique axis, b by default.</param>
    /// <returns>The symmetrized cell.</returns>
    public UnitCell Symmetrize(CrystalSystem system, bool rhombohedralAxes = false, UniqueAxis uniqueAxis = UniqueAxis.B)
    {
        var restrictions = CellRestriction.For(system, rhombohedralAxes, uniqueAxis);
        Span<double> values = [A, B, C, Alpha, Beta, Gamma];
        foreach (var free in Enum.GetValues<CellParameter>())
        {
            // The mean over a free parameter and every parameter tied to it.
            double sum = Get(free);
            int count = 1;
            foreach (var restriction in restrictions)
            {
                if (restriction.EqualTo == free)
                {
                    sum += Get(restriction.Parameter);
                    count++;
                }
            }
            if (count == 1)
            {
                continue;
            }
            values[(int)free] = sum / count;
            foreach (var restriction in restrictions)
            {
                if (restriction.EqualTo == free)
                {
                    values[(int)restriction.Parameter] = sum / count;
                }
            }
        }
        foreach (var restriction in restrictions)
        {
            if (restriction.FixedValue is { } fixedValue)
            {
                values[(int)restriction.Parameter] = fixedValue;
            }
        }
        return new UnitCell(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /// <summary>
    /// The parameters a crystal system leaves free, in the order a, b, c, α, β, γ; e.g. a and c
    /// for tetragonal, a and α for trigonal on rhombohedral axes. Every other parameter is tied to
    /// one of them or fixed (see <see cref="CellRestriction.For"/>).
    /// </summary>
    /// <param name="system">The crystal system.</param>
    /// <param name="rhombohedralAxes">Only for trigonal: true for rhombohedral axes, false for hexagonal axes.</param>
    /// <param name="uniqueAxis">Only for monoclinic: the unique axis, b by default.</param>
    /// <returns>The free parameters.</returns>
    public static IReadOnlyList<CellParameter> FreeParameters(CrystalSystem system, bool rhombohedralAxes = false, UniqueAxis uniqueAxis = UniqueAxis.B)
    {
        var restrictions = CellRestriction.For(system, rhombohedralAxes, uniqueAxis);
        var free = new List<CellParameter>(6);
        foreach (var parameter in Enum.GetValues<CellParameter>())
        {
            bool restricted = false;
            foreach (var restriction in restrictions)
            {
                restricted |= restriction.Parameter == parameter;
            }
            if (!restricted)
            {
                free.Add(parameter);
            }
        }
        return free.AsReadOnly();
    }

    /// <summary>
    /// The primitive rhombohedral cell of an R lattice given on hexagonal axes, obverse setting
    /// (International Tables Vol. A (2005), Table 5.1.3.1: a_R = (2a_H + b_H + c_H)/3,
    /// b_R = (−a_H + b_H + c_H)/3, c_R = (−a_H − 2b_H + c_H)/3). Then
    /// a_R = sqrt(3a² + c²)/3, sin(α/2) = 3a / (2 sqrt(3a² + c²)), and V_H = 3 V_R.
    /// </summary>
    /// <returns>The rhombohedral-axes cell.</returns>
    /// <exception cref="InvalidOperationException">This cell is not on hexagonal axes (a = b, α = β = 90°, γ = 120°).</exception>
    public UnitCell ToRhombohedralAxes()
    {
        if (!ConformsTo(CrystalSystem.Hexagonal))
        {
            throw new InvalidOperationException($"Rhombohedral axes are derived from a hexagonal-axes cell (a = b, α = β = 90°, γ = 120°); this cell is {this}.");
        }
        double root = Math.Sqrt(3 * A * A + C * C);
        double alpha = 2 * Math.Asin(3 * A / (2 * root)) / DegreesToRadians;
        return new UnitCell(root / 3, root / 3, root / 3, alpha, alpha, alpha);
    }

    /// <summary>
    /// The hexagonal-axes (triple) cell of a rhombohedral cell, obverse setting (International
    /// Tables Vol. A (2005), Table 5.1.3.1: a_H = a_R − b_R, b_H = b_R − c_R, c_H = a_R + b_R + c_R).
    /// Then a_H = 2 a_R sin(α/2), c_H = a_R sqrt(3 (1 + 2 cos α)), and V_H = 3 V_R.
    /// </summary>
    /// <returns>The hexagonal-axes cell.</returns>
    /// <exception cref="InvalidOperationException">This cell is not on rhombohedral axes (a = b = c, α = β = γ).</exception>
    public UnitCell ToHexagonalAxes()
    {
        if (!ConformsTo(CrystalSystem.Trigonal, rhombohedralAxes: true))
        {
            throw new InvalidOperationException($"Hexagonal axes are derived from a rhombohedral-axes cell (a = b = c, α = β = γ); this cell is {this}.");
        }
        double halfAlpha = Alpha * DegreesToRadians / 2;
        return Hexagonal(2 * A * Math.Sin(halfAlpha), A * Math.Sqrt(3 * (1 + 2 * _cosAlpha)));
    }

    /// <summary>
    /// The pseudo-cubic (rocksalt) parameter of a layered α-NaFeO₂-type cell on hexagonal axes
    /// (R-3m, such as LiCoO₂ or Li-rich Li1.2Ni0.4Ru0.4O2): the layered cell is a rocksalt cell
    /// stretched along one body diagonal, with a_H = a_c/√2 and c_H = 2√3 a_c.
    /// </summary>
    /// <returns>The three estimates of a_c and the c/a distortion.</returns>
    /// <exception cref="InvalidOperationException">This cell is not on hexagonal axes.</exception>
    public PseudoCubicParameters PseudoCubic()
    {
        if (!ConformsTo(CrystalSystem.Hexagonal))
        {
            throw new InvalidOperationException($"The layered pseudo-cubic relation needs a hexagonal-axes cell (a = b, α = β = 90°, γ = 120°); this cell is {this}.");
        }
        // Volume per oxygen: the layered cell holds 3 MO2 (6 O), the rocksalt F cell 4 MO (4 O),
        // so V_H / 6 = a_c³ / 4, i.e. a_c = (2 V_H / 3)^(1/3).
        return new PseudoCubicParameters(
            AFromA: Math.Sqrt(2) * A,
            AFromC: C / (2 * Math.Sqrt(3)),
            AFromVolume: Math.Cbrt(2 * Volume / 3),
            CoverARatio: C / A);
    }

    /// <summary>Value equality on the six parameters (exact comparison of the doubles).</summary>
    /// <param name="other">The other cell.</param>
    /// <returns>True when all six parameters are equal.</returns>
    public bool Equals(UnitCell? other) =>
        other is not null
        && A.Equals(other.A) && B.Equals(other.B) && C.Equals(other.C)
        && Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta) && Gamma.Equals(other.Gamma);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as UnitCell);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(A, B, C, Alpha, Beta, Gamma);

    /// <summary>Value equality.</summary>
    /// <param name="left">A cell.</param>
    /// <param name="right">Another cell.</param>
    /// <returns>True when both are null or equal.</returns>
    public static bool operator ==(UnitCell? left, UnitCell? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A cell.</param>
    /// <param name="right">Another cell.</param>
    /// <returns>True unless both are null or equal.</returns>
    public static bool operator !=(UnitCell? left, UnitCell? right) => !(left == right);

    /// <summary>The cell as crystallographers write it: "a = 2.94 Å, b = 2.94 Å, c = 14.41 Å, α = 90°, β = 90°, γ = 120°".</summary>
    /// <returns>The text, culture-invariant.</returns>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv,
            $"a = {A:0.######} Å, b = {B:0.######} Å, c = {C:0.######} Å, α = {Alpha:0.####}°, β = {Beta:0.####}°, γ = {Gamma:0.####}°");
    }

    private CellRestriction? FirstBrokenRestriction(CrystalSystem system, bool rhombohedralAxes, double tolerance, UniqueAxis uniqueAxis)
    {
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be zero or positive.");
        }
        foreach (var restriction in CellRestriction.For(system, rhombohedralAxes, uniqueAxis))
        {
            double target = restriction.EqualTo is { } equalTo ? Get(equalTo) : restriction.FixedValue!.Value;
            if (!(Math.Abs(Get(restriction.Parameter) - target) <= tolerance))
            {
                return restriction;
            }
        }
        return null;
    }

    private static string SystemDescription(CrystalSystem system, bool rhombohedralAxes, UniqueAxis uniqueAxis) => system switch
    {
        CrystalSystem.Trigonal => rhombohedralAxes ? "Trigonal (rhombohedral axes)" : "Trigonal (hexagonal axes)",
        CrystalSystem.Monoclinic => $"Monoclinic (unique axis {uniqueAxis.ToString().ToLowerInvariant()})",
        _ => system.ToString(),
    };

    private static string Symbol(CellParameter parameter) => CellRestriction.Symbol(parameter);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    internal static void CheckLength(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The cell length {name} must be positive and finite (Å).");
        }
    }

    internal static void CheckAngle(double value, string name)
    {
        if (!(value > 0 && value < 180))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The cell angle {name} must lie in (0°, 180°).");
        }
    }

    internal static ArgumentException ImpossibleAngles(double alpha, double beta, double gamma, double volumeFactor)
    {
        // Name the angle that breaks the condition: the largest one, which is either not less
        // than the sum of the other two or makes the three add up to 360° or more.
        string name = alpha >= beta && alpha >= gamma ? nameof(alpha) : beta >= gamma ? nameof(beta) : nameof(gamma);
        double value = name == nameof(alpha) ? alpha : name == nameof(beta) ? beta : gamma;
        return new ArgumentException(
            string.Create(CultureInfo.InvariantCulture,
                $"The angles α = {alpha}°, β = {beta}°, γ = {gamma}° give no cell (parameter {name} = {value}°): each angle must be less than the sum of the other two and α + β + γ < 360°, but 1 − cos²α − cos²β − cos²γ + 2 cos α cos β cos γ = {volumeFactor:G6} ≤ 0."),
            name);
    }


    private static double AcosDegrees(double cosine) => Math.Acos(Math.Clamp(cosine, -1, 1)) / DegreesToRadians;
}

/// <summary>
/// A symmetric 3×3 metric tensor, such as the direct metric G (gᵢⱼ = aᵢ·aⱼ, Å²) or the
/// reciprocal metric G* (Å⁻²). Stored as its six distinct elements.
/// </summary>
/// <param name="G11">Element (1,1).</param>
/// <param name="G22">Element (2,2).</param>
/// <param name="G33">Element (3,3).</param>
/// <param name="G12">Elements (1,2) and (2,1).</param>
/// <param name="G13">Elements (1,3) and (3,1).</param>
/// <param name="G23">Elements (2,3) and (3,2).</param>
public readonly record struct MetricTensor(double G11, double G22, double G33, double G12, double G13, double G23)
{
    /// <summary>The element in row <paramref name="row"/>, column <paramref name="column"/>, both counted from 0.</summary>
    /// <param name="row">Row 0, 1 or 2.</param>
    /// <param name="column">Column 0, 1 or 2.</param>
    /// <returns>The element.</returns>
    public double this[int row, int column] => (row, column) switch
    {
        (0, 0) => G11,
        (1, 1) => G22,
        (2, 2) => G33,
        (0, 1) or (1, 0) => G12,
        (0, 2) or (2, 0) => G13,
        (1, 2) or (2, 1) => G23,
        _ => throw new ArgumentOutOfRangeException(nameof(row), (row, column), "Row and column must be 0, 1 or 2."),
    };

    /// <summary>The determinant.</summary>
    public double Determinant =>
        G11 * (G22 * G33 - G23 * G23) - G12 * (G12 * G33 - G23 * G13) + G13 * (G12 * G23 - G22 * G13);

    /// <summary>Whether the tensor is positive definite (Sylvester's criterion: all leading minors positive).</summary>
    public bool IsPositiveDefinite => G11 > 0 && G11 * G22 - G12 * G12 > 0 && Determinant > 0 && double.IsFinite(Determinant);

    /// <summary>The inverse tensor (adjugate over determinant); the inverse of G is G* and vice versa.</summary>
    /// <returns>The inverse.</returns>
    /// <exception cref="InvalidOperationException">The tensor is singular.</exception>
    public MetricTensor Inverse()
    {
        double det = Determinant;
        if (det == 0 || !double.IsFinite(det))
        {
            throw new InvalidOperationException($"The metric {this} is singular and has no inverse.");
        }
        return new MetricTensor(
            (G22 * G33 - G23 * G23) / det,
            (G11 * G33 - G13 * G13) / det,
            (G11 * G22 - G12 * G12) / det,
            (G13 * G23 - G12 * G33) / det,
            (G12 * G23 - G13 * G22) / det,
            (G12 * G13 - G11 * G23) / det);
    }

    /// <summary>The quadratic form xᵀ M x, e.g. 1/d² = hᵀ G* h for a reflection or |r|² = xᵀ G x for a fractional vector.</summary>
    /// <param name="x">First component.</param>
    /// <param name="y">Second component.</param>
    /// <param name="z">Third component.</param>
    /// <returns>The value.</returns>
    public double QuadraticForm(double x, double y, double z) =>
        G11 * x * x + G22 * y * y + G33 * z * z + 2 * (G12 * x * y + G13 * x * z + G23 * y * z);
}

/// <summary>
/// The GSAS-II reciprocal-metric coefficients (GSASIIlattice.py, <c>cell2A</c>): A1 = a*²,
/// A2 = b*², A3 = c*², A4 = 2a*b* cos γ*, A5 = 2a*c* cos β*, A6 = 2b*c* cos α*, all in Å⁻², so that
/// 1/d² = A1 h² + A2 k² + A3 l² + A4 hk + A5 hl + A6 kl is linear in them.
/// </summary>
/// <param name="A1">a*² in Å⁻².</param>
/// <param name="A2">b*² in Å⁻².</param>
/// <param name="A3">c*² in Å⁻².</param>
/// <param name="A4">2a*b* cos γ* in Å⁻².</param>
/// <param name="A5">2a*c* cos β* in Å⁻².</param>
/// <param name="A6">2b*c* cos α* in Å⁻².</param>
public readonly record struct ReciprocalMetricCoefficients(double A1, double A2, double A3, double A4, double A5, double A6)
{
    /// <summary>1/d² = A1 h² + A2 k² + A3 l² + A4 hk + A5 hl + A6 kl, in Å⁻².</summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    /// <returns>1/d².</returns>
    public double InverseDSquared(int h, int k, int l) =>
        A1 * h * h + A2 * k * k + A3 * l * l + A4 * h * k + A5 * h * l + A6 * k * l;
}

/// <summary>
/// The derivatives of a quantity with respect to the six cell parameters: per Å for a, b, c and
/// <b>per degree</b> for α, β, γ (the units of the parameters at the API).
/// </summary>
/// <param name="DA">Derivative with respect to a (per Å).</param>
/// <param name="DB">Derivative with respect to b (per Å).</param>
/// <param name="DC">Derivative with respect to c (per Å).</param>
/// <param name="DAlpha">Derivative with respect to α (per degree).</param>
/// <param name="DBeta">Derivative with respect to β (per degree).</param>
/// <param name="DGamma">Derivative with respect to γ (per degree).</param>
public readonly record struct CellParameterGradient(double DA, double DB, double DC, double DAlpha, double DBeta, double DGamma)
{
    /// <summary>The derivative with respect to one parameter.</summary>
    /// <param name="parameter">Which parameter.</param>
    /// <returns>The derivative.</returns>
    public double this[CellParameter parameter] => parameter switch
    {
        CellParameter.A => DA,
        CellParameter.B => DB,
        CellParameter.C => DC,
        CellParameter.Alpha => DAlpha,
        CellParameter.Beta => DBeta,
        CellParameter.Gamma => DGamma,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Unknown cell parameter."),
    };
}

/// <summary>
/// The pseudo-cubic (rocksalt) description of a layered α-NaFeO₂-type cell on hexagonal axes:
/// a_H = a_c/√2 and c_H = 2√3 a_c for an undistorted oxygen framework, so c/a = 2√6.
/// </summary>
/// <param name="AFromA">a_c = √2 a_H, in Å.</param>
/// <param name="AFromC">a_c = c_H / (2√3), in Å.</param>
/// <param name="AFromVolume">
/// a_c from the volume per oxygen, V_H/6 = a_c³/4 (3 MO₂ per layered cell, 4 MO per rocksalt F
/// cell), so a_c = (2V_H/3)^(1/3), in Å.
/// </param>
/// <param name="CoverARatio">c_H / a_H.</param>
public readonly record struct PseudoCubicParameters(double AFromA, double AFromC, double AFromVolume, double CoverARatio)
{
    /// <summary>The c/a ratio of an undistorted cubic close-packed oxygen framework, 2√6 ≈ 4.899.</summary>
    public const double IdealCoverA = 4.898979485566356;

    /// <summary>The trigonal distortion (c/a)/(2√6) − 1: zero for cubic, positive when stretched along c.</summary>
    public double Distortion => CoverARatio / IdealCoverA - 1;
}

/// <summary>
/// The metrics of a cell from its six parameters, as a value: volume, direct and reciprocal metric
/// tensors, 1/d² and its gradient, the gradient of the volume. <see cref="UnitCell"/> is built on it; a
/// refinement that moves a cell at every evaluation uses it directly and allocates nothing.
/// </summary>
public readonly struct CellGeometry
{
    private const double DegreesToRadians = Math.PI / 180;

    private CellGeometry(double a, double b, double c, double sinAlpha, double cosAlpha, double sinBeta, double cosBeta,
                         double sinGamma, double cosGamma, double volume, MetricTensor direct, MetricTensor reciprocal)
    {
        A = a;
        B = b;
        C = c;
        SinAlpha = sinAlpha;
        CosAlpha = cosAlpha;
        SinBeta = sinBeta;
        CosBeta = cosBeta;
        SinGamma = sinGamma;
        CosGamma = cosGamma;
        Volume = volume;
        DirectMetric = direct;
        ReciprocalMetric = reciprocal;
    }

    /// <summary>Length a in Å.</summary>
    public double A { get; }

    /// <summary>Length b in Å.</summary>
    public double B { get; }

    /// <summary>Length c in Å.</summary>
    public double C { get; }

    /// <summary>sin α.</summary>
    public double SinAlpha { get; }

    /// <summary>cos α.</summary>
    public double CosAlpha { get; }

    /// <summary>sin β.</summary>
    public double SinBeta { get; }

    /// <summary>cos β.</summary>
    public double CosBeta { get; }

    /// <summary>sin γ.</summary>
    public double SinGamma { get; }

    /// <summary>cos γ.</summary>
    public double CosGamma { get; }

    /// <summary>V in Å³.</summary>
    public double Volume { get; }

    /// <summary>The direct metric tensor G in Å².</summary>
    public MetricTensor DirectMetric { get; }

    /// <summary>The reciprocal metric tensor G* = G⁻¹ in Å⁻².</summary>
    public MetricTensor ReciprocalMetric { get; }

    /// <summary>The geometry of a cell, checked as <see cref="UnitCell"/>'s constructor checks it. Allocates nothing unless it throws.</summary>
    /// <param name="a">a in Å, positive and finite.</param>
    /// <param name="b">b in Å, positive and finite.</param>
    /// <param name="c">c in Å, positive and finite.</param>
    /// <param name="alpha">α in degrees, in (0, 180).</param>
    /// <param name="beta">β in degrees, in (0, 180).</param>
    /// <param name="gamma">γ in degrees, in (0, 180).</param>
    /// <exception cref="ArgumentOutOfRangeException">A length not positive and finite, or an angle outside (0°, 180°).</exception>
    /// <exception cref="ArgumentException">The three angles give no cell of positive volume.</exception>
    public static CellGeometry Create(double a, double b, double c, double alpha, double beta, double gamma)
    {
        UnitCell.CheckLength(a, nameof(a));
        UnitCell.CheckLength(b, nameof(b));
        UnitCell.CheckLength(c, nameof(c));
        UnitCell.CheckAngle(alpha, nameof(alpha));
        UnitCell.CheckAngle(beta, nameof(beta));
        UnitCell.CheckAngle(gamma, nameof(gamma));
        var geometry = Compute(a, b, c, alpha, beta, gamma, out double volumeFactor);
        if (!(volumeFactor > 0)) throw UnitCell.ImpossibleAngles(alpha, beta, gamma, volumeFactor);
        return geometry;
    }

    /// <summary>
    /// The geometry of a cell, or false when the parameters give no cell (a length not positive and finite, an angle
    /// outside (0°, 180°), or angles with no positive volume). Allocates nothing.
    /// </summary>
    /// <param name="a">a in Å.</param>
    /// <param name="b">b in Å.</param>
    /// <param name="c">c in Å.</param>
    /// <param name="alpha">α in degrees.</param>
    /// <param name="beta">β in degrees.</param>
    /// <param name="gamma">γ in degrees.</param>
    /// <param name="geometry">The geometry when the parameters make a cell.</param>
    public static bool TryCreate(double a, double b, double c, double alpha, double beta, double gamma, out CellGeometry geometry)
    {
        geometry = default;
        if (!(a > 0 && b > 0 && c > 0 && double.IsFinite(a) && double.IsFinite(b) && double.IsFinite(c))) return false;
        if (!(alpha > 0 && alpha < 180 && beta > 0 && beta < 180 && gamma > 0 && gamma < 180)) return false;
        geometry = Compute(a, b, c, alpha, beta, gamma, out double volumeFactor);
        return volumeFactor > 0;
    }

    // The metrics, with the factor det G/(abc)² whose sign says whether the angles make a cell (checked by the callers).
    internal static CellGeometry Compute(double a, double b, double c, double alpha, double beta, double gamma, out double volumeFactor)
    {
        var (sinAlpha, cosAlpha) = SinCosDegrees(alpha);
        var (sinBeta, cosBeta) = SinCosDegrees(beta);
        var (sinGamma, cosGamma) = SinCosDegrees(gamma);
        // V = abc·sqrt(1 − cos²α − cos²β − cos²γ + 2 cos α cos β cos γ) (ITB §1.1.2, Table 1.1.2.1).
        // The root's argument is det G / (abc)²; it is positive exactly when the three basis
        // vectors span space, i.e. when each angle is less than the sum of the other two and the
        // three add up to less than 360°.
        volumeFactor = 1 - cosAlpha * cosAlpha - cosBeta * cosBeta - cosGamma * cosGamma + 2 * cosAlpha * cosBeta * cosGamma;
        double volume = volumeFactor > 0 ? a * b * c * Math.Sqrt(volumeFactor) : double.NaN;
        var direct = new MetricTensor(a * a, b * b, c * c, a * b * cosGamma, a * c * cosBeta, b * c * cosAlpha);
        // G* = adj(G) / det G with det G = V² (ITB §1.1.3, eq. 1.1.3.6); written out in the
        // parameters so that no cancellation of large cofactors enters for nearly orthogonal cells.
        double v2 = volume * volume;
        var reciprocal = new MetricTensor(
            b * b * c * c * sinAlpha * sinAlpha / v2,
            a * a * c * c * sinBeta * sinBeta / v2,
            a * a * b * b * sinGamma * sinGamma / v2,
            a * b * c * c * (cosAlpha * cosBeta - cosGamma) / v2,
            a * b * b * c * (cosAlpha * cosGamma - cosBeta) / v2,
            a * a * b * c * (cosBeta * cosGamma - cosAlpha) / v2);
        return new CellGeometry(a, b, c, sinAlpha, cosAlpha, sinBeta, cosBeta, sinGamma, cosGamma, volume, direct, reciprocal);
    }

    /// <summary>1/d² = hᵀ G* h in Å⁻².</summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    public double InverseDSquared(int h, int k, int l) => ReciprocalMetric.QuadraticForm(h, k, l);

    /// <summary>∂(1/d²)/∂(a, b, c) per Å and ∂(1/d²)/∂(α, β, γ) per degree, into <paramref name="destination"/>. Allocates nothing.</summary>
    /// <param name="h">Miller index h.</param>
    /// <param name="k">Miller index k.</param>
    /// <param name="l">Miller index l.</param>
    /// <param name="destination">At least six elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> shorter than six.</exception>
    public void InverseDSquaredGradient(int h, int k, int l, Span<double> destination)
    {
        if (destination.Length < 6)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} elements; the gradient needs 6 (a, b, c, α, β, γ).",
                nameof(destination));
        }
        // 1/d² = hᵀ G* h and dG*/dp = −G* (dG/dp) G* (derivative of a matrix inverse), so
        // ∂(1/d²)/∂p = −uᵀ (dG/dp) u with u = G* h. dG/dp is analytic from
        // G = [[a², ab cos γ, ac cos β], [ab cos γ, b², bc cos α], [ac cos β, bc cos α, c²]]:
        //   dG/da has row and column 1 equal to (2a, b cos γ, c cos β), the rest zero, so
        //   ∂/∂a = −2 u₁ (a u₁ + b cos γ u₂ + c cos β u₃), and likewise for b and c;
        //   dG/dα has only g₂₃ = g₃₂ = −bc sin α (per radian), so ∂/∂α = 2 bc sin α u₂ u₃.
        var gs = ReciprocalMetric;
        double u1 = gs.G11 * h + gs.G12 * k + gs.G13 * l;
        double u2 = gs.G12 * h + gs.G22 * k + gs.G23 * l;
        double u3 = gs.G13 * h + gs.G23 * k + gs.G33 * l;
        destination[0] = -2 * u1 * (A * u1 + B * CosGamma * u2 + C * CosBeta * u3);
        destination[1] = -2 * u2 * (A * CosGamma * u1 + B * u2 + C * CosAlpha * u3);
        destination[2] = -2 * u3 * (A * CosBeta * u1 + B * CosAlpha * u2 + C * u3);
        // Per radian, then times π/180: the angles are degrees at the API.
        destination[3] = 2 * B * C * SinAlpha * u2 * u3 * DegreesToRadians;
        destination[4] = 2 * A * C * SinBeta * u1 * u3 * DegreesToRadians;
        destination[5] = 2 * A * B * SinGamma * u1 * u2 * DegreesToRadians;
    }

    /// <summary>∂V/∂(a, b, c) in Å² and ∂V/∂(α, β, γ) in Å³ per degree, into <paramref name="destination"/>. Allocates nothing.</summary>
    /// <param name="destination">At least six elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> shorter than six.</exception>
    public void VolumeGradient(Span<double> destination)
    {
        if (destination.Length < 6)
            throw new ArgumentException($"The destination holds {destination.Length} elements; the gradient needs 6.", nameof(destination));
        // V = abc·√F, F = 1 − Σcos² + 2Πcos: ∂V/∂a = V/a; ∂F/∂α = 2 sin α (cos α − cos β cos γ), ∂V/∂α = abc ∂F/∂α/(2√F).
        double abc = A * B * C, root = Volume / abc;
        destination[0] = Volume / A;
        destination[1] = Volume / B;
        destination[2] = Volume / C;
        destination[3] = abc * SinAlpha * (CosAlpha - CosBeta * CosGamma) / root * DegreesToRadians;
        destination[4] = abc * SinBeta * (CosBeta - CosAlpha * CosGamma) / root * DegreesToRadians;
        destination[5] = abc * SinGamma * (CosGamma - CosAlpha * CosBeta) / root * DegreesToRadians;
    }

    // Exact values for the right angle and 120°, so that orthogonal and hexagonal cells have
    // metric entries of exactly 0 and −ab/2 rather than 6e-17.
    internal static (double Sin, double Cos) SinCosDegrees(double degrees)
    {
        if (degrees == 90) return (1, 0);
        if (degrees == 120) return (Math.Sqrt(3) / 2, -0.5);
        if (degrees == 60) return (Math.Sqrt(3) / 2, 0.5);
        return Math.SinCos(degrees * DegreesToRadians);
    }
}
