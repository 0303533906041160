using Crystallography.Intergrowth.Symmetry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Symmetry.Tests;

public class UnitCellTests
{
    // ---------------------------------------------------------------- generators

    /// <summary>A uniform double in [lo, hi] with a resolution of 1e-6 of the range.</summary>
    private static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(0, 1_000_000).Select(i => lo + (hi - lo) * i / 1_000_000.0);

    /// <summary>Three generators drawn together.</summary>
    private static Gen<(T1, T2, T3)> Zip3<T1, T2, T3>(Gen<T1> first, Gen<T2> second, Gen<T3> third) =>
        Gen.Zip(Gen.Zip(first, second), third, (pair, z) => (pair.Item1, pair.Item2, z));

    /// <summary>
    /// The volume factor 1 − cos²α − cos²β − cos²γ + 2 cos α cos β cos γ = V²/(abc)², computed
    /// here from the angles alone so that the generator does not lean on the code under test.
    /// </summary>
    private static double VolumeFactor(double alpha, double beta, double gamma)
    {
        double ca = Math.Cos(alpha * Math.PI / 180), cb = Math.Cos(beta * Math.PI / 180), cg = Math.Cos(gamma * Math.PI / 180);
        return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
    }

    /// <summary>
    /// Random valid triclinic cells: lengths 2–20 Å, angles 30–150°, and a volume factor of at
    /// least 0.2 (an orthogonal cell has 1), i.e. the metric is positive definite with margin
    /// and the cell is far from flat, so finite differences stay well conditioned.
    /// </summary>
    private static readonly Gen<UnitCell> TriclinicCells =
        Gen.Zip(Zip3(Uniform(2, 20), Uniform(2, 20), Uniform(2, 20)),
                Zip3(Uniform(30, 150), Uniform(30, 150), Uniform(30, 150)))
            .Where(t => VolumeFactor(t.Item2.Item1, t.Item2.Item2, t.Item2.Item3) >= 0.2)
            .Select(t => new UnitCell(t.Item1.Item1, t.Item1.Item2, t.Item1.Item3, t.Item2.Item1, t.Item2.Item2, t.Item2.Item3));

    /// <summary>Random monoclinic cells, unique axis b, β in 60–150°.</summary>
    private static readonly Gen<UnitCell> MonoclinicCells =
        Gen.Zip(Zip3(Uniform(2, 20), Uniform(2, 20), Uniform(2, 20)), Uniform(60, 150))
            .Select(t => UnitCell.Monoclinic(t.Item1.Item1, t.Item1.Item2, t.Item1.Item3, t.Item2));

    /// <summary>
    /// Random hexagonal-axes cells: a 2–20 Å, c/a 0.5–12 (every such cell has a rhombohedral R
    /// cell). The upper bound keeps α_R above ~9.5°: for sharper rhombohedra the entries of the
    /// rhombohedral G* grow like 1/(1 − cos α) and cancel in hᵀG*h, so the two axis systems can
    /// only agree to ~ε/(1 − cos α); real R structures have c/a ≲ 12 (layered oxides ≈ 4.9).
    /// </summary>
    private static readonly Gen<UnitCell> HexagonalCells =
        Gen.Zip(Uniform(2, 20), Uniform(0.5, 12)).Select(t => UnitCell.Hexagonal(t.Item1, t.Item1 * t.Item2));

    /// <summary>Random Miller indices in −6..6, never 000.</summary>
    private static readonly Gen<(int H, int K, int L)> Reflections =
        Zip3(Gen.Choose(-6, 6), Gen.Choose(-6, 6), Gen.Choose(-6, 6))
            .Where(t => t != (0, 0, 0));

    private static readonly CellParameter[] AllParameters = Enum.GetValues<CellParameter>();

    // ---------------------------------------------------------------- slow reference

    /// <summary>
    /// The slow, obvious d-spacing: build the direct basis in Cartesian coordinates (a along x,
    /// b in the xy plane), form the reciprocal basis by cross products a* = (b × c)/V, …, and
    /// take 1/|h a* + k b* + l c*|. No metric tensor involved.
    /// </summary>
    private static double ReferenceDSpacing(double a, double b, double c, double alpha, double beta, double gamma, int h, int k, int l)
    {
        var (av, bv, cv) = CartesianBasis(a, b, c, alpha, beta, gamma);
        double volume = Dot(av, Cross(bv, cv));
        var aStar = Scale(Cross(bv, cv), 1 / volume);
        var bStar = Scale(Cross(cv, av), 1 / volume);
        var cStar = Scale(Cross(av, bv), 1 / volume);
        var s = Add(Add(Scale(aStar, h), Scale(bStar, k)), Scale(cStar, l));
        return 1 / Math.Sqrt(Dot(s, s));
    }

    private static ((double, double, double) A, (double, double, double) B, (double, double, double) C) CartesianBasis(
        double a, double b, double c, double alpha, double beta, double gamma)
    {
        double ca = Math.Cos(alpha * Math.PI / 180), cb = Math.Cos(beta * Math.PI / 180);
        double cg = Math.Cos(gamma * Math.PI / 180), sg = Math.Sin(gamma * Math.PI / 180);
        double cx = c * cb;
        double cy = c * (ca - cb * cg) / sg;
        double cz = Math.Sqrt(c * c - cx * cx - cy * cy);
        return ((a, 0, 0), (b * cg, b * sg, 0), (cx, cy, cz));
    }

    private static (double, double, double) Cross((double X, double Y, double Z) u, (double X, double Y, double Z) v) =>
        (u.Y * v.Z - u.Z * v.Y, u.Z * v.X - u.X * v.Z, u.X * v.Y - u.Y * v.X);

    private static double Dot((double X, double Y, double Z) u, (double X, double Y, double Z) v) => u.X * v.X + u.Y * v.Y + u.Z * v.Z;

    private static (double, double, double) Scale((double X, double Y, double Z) u, double f) => (u.X * f, u.Y * f, u.Z * f);

    private static (double, double, double) Add((double X, double Y, double Z) u, (double X, double Y, double Z) v) => (u.X + v.X, u.Y + v.Y, u.Z + v.Z);

    private static void AssertRelative(double expected, double actual, double relativeTolerance, string what = "")
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= relativeTolerance * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R}, relative error {error / Math.Abs(expected):G3} > {relativeTolerance:G3}");
    }

    // ---------------------------------------------------------------- cubic and hexagonal closed forms

    [Fact]
    public void Cubic_rocksalt_cell_has_volume_a_cubed_and_textbook_spacings()
    {
        const double a = 4.16;
        var cell = UnitCell.Cubic(a);
        AssertRelative(a * a * a, cell.Volume, 1e-14, "V");
        AssertRelative(1 / (a * a * a), cell.ReciprocalVolume, 1e-14, "V*");
        AssertRelative(a / Math.Sqrt(3), cell.DSpacing(1, 1, 1), 1e-14, "d(111)");
        AssertRelative(a / 2, cell.DSpacing(2, 0, 0), 1e-14, "d(200)");
        AssertRelative(a / Math.Sqrt(8), cell.DSpacing(2, 2, 0), 1e-14, "d(220)");
        AssertRelative(1 / a, cell.AStar, 1e-14, "a*");
        Assert.Equal(90, cell.AlphaStar, 12);
        Assert.Equal(90, cell.GammaStar, 12);
    }

    [Theory]
    [InlineData(0, 0, 3)]
    [InlineData(1, 0, 4)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(0, 1, 8)]
    [InlineData(-2, 1, 5)]
    [InlineData(2, -1, 7)]
    public void Hexagonal_spacing_follows_the_hexagonal_formula(int h, int k, int l)
    {
        // 1/d² = 4/3 (h² + hk + k²)/a² + l²/c² for hexagonal axes.
        const double a = 2.94, c = 14.41;
        var cell = UnitCell.Hexagonal(a, c);
        double expected = 4.0 / 3 * (h * h + h * k + k * k) / (a * a) + (double)(l * l) / (c * c);
        AssertRelative(expected, cell.InverseDSquared(h, k, l), 1e-14, $"1/d²({h}{k}{l})");
        AssertRelative(1 / Math.Sqrt(expected), cell.DSpacing(h, k, l), 1e-14, $"d({h}{k}{l})");
    }

    [Fact]
    public void Hexagonal_reciprocal_angle_gamma_star_is_60_degrees()
    {
        var cell = UnitCell.Hexagonal(2.94, 14.41);
        Assert.Equal(60, cell.GammaStar, 10);
        Assert.Equal(90, cell.AlphaStar, 10);
        AssertRelative(2 / (Math.Sqrt(3) * 2.94), cell.AStar, 1e-14, "a*");
    }

    // ---------------------------------------------------------------- cctbx cross-check

    // Reference numbers from cctbx uctbx (Debian python3-cctbx 2022.9), computed with
    //   uctbx.unit_cell((a, b, c, al, be, ga)).d((h, k, l)), .volume(), .reciprocal_parameters()
    // and pasted here; they are independent of this library's formulas.
    [Theory]
    [InlineData(5.1, 6.3, 7.7, 78.2, 95.4, 104.9, 1, 2, 3, 1.8192494993494)]
    [InlineData(5.1, 6.3, 7.7, 78.2, 95.4, 104.9, -2, 1, 4, 1.6018189334992)]
    [InlineData(5.1, 6.3, 7.7, 78.2, 95.4, 104.9, 3, -1, -2, 1.6030389865325)]
    [InlineData(9.87, 11.02, 12.31, 101.3, 109.7, 93.2, 1, 1, 1, 4.8997154847916)]
    [InlineData(9.87, 11.02, 12.31, 101.3, 109.7, 93.2, 4, -3, 2, 1.8307143419576)]
    [InlineData(5.43, 7.91, 9.12, 90, 103.7, 90, -1, 2, 3, 2.3306432761349)]
    [InlineData(5.43, 7.91, 9.12, 90, 103.7, 90, 2, 0, -4, 1.9372596530202)]
    [InlineData(5.43, 7.91, 9.12, 90, 103.7, 90, 1, 1, 0, 4.3889331403987)]
    public void DSpacing_matches_cctbx(double a, double b, double c, double alpha, double beta, double gamma, int h, int k, int l, double cctbxD)
    {
        var cell = new UnitCell(a, b, c, alpha, beta, gamma);
        // cctbx printed 14 significant digits.
        AssertRelative(cctbxD, cell.DSpacing(h, k, l), 1e-12, $"d({h} {k} {l})");
    }

    [Theory]
    [InlineData(5.1, 6.3, 7.7, 78.2, 95.4, 104.9, 233.804370185288,
        0.20309653318797, 0.16721551577064, 0.13280189503724, 100.80124537273, 87.484010311543, 75.870927923909)]
    [InlineData(9.87, 11.02, 12.31, 101.3, 109.7, 93.2, 1225.305618765766,
        0.10856594159482, 0.09335498589219, 0.088629158563295, 76.792931319504, 69.177892199148, 82.414256201834)]
    [InlineData(5.43, 7.91, 9.12, 90, 103.7, 90, 380.571195185925,
        0.18955507119964, 0.12642225031606, 0.112860091734, 90, 76.3, 90)]
    public void Volume_and_reciprocal_parameters_match_cctbx(
        double a, double b, double c, double alpha, double beta, double gamma, double volume,
        double aStar, double bStar, double cStar, double alphaStar, double betaStar, double gammaStar)
    {
        var cell = new UnitCell(a, b, c, alpha, beta, gamma);
        AssertRelative(volume, cell.Volume, 1e-13, "V");
        AssertRelative(1 / volume, cell.ReciprocalVolume, 1e-13, "V*");
        AssertRelative(aStar, cell.AStar, 1e-12, "a*");
        AssertRelative(bStar, cell.BStar, 1e-12, "b*");
        AssertRelative(cStar, cell.CStar, 1e-12, "c*");
        AssertRelative(alphaStar, cell.AlphaStar, 1e-12, "α*");
        AssertRelative(betaStar, cell.BetaStar, 1e-12, "β*");
        AssertRelative(gammaStar, cell.GammaStar, 1e-12, "γ*");
    }

    // ---------------------------------------------------------------- slow reference, random cells

    [Property]
    public Property Triclinic_spacing_agrees_with_the_Cartesian_reference() =>
        Prop.ForAll(Arb.From(Gen.Zip(TriclinicCells, Reflections)), t =>
        {
            var (cell, (h, k, l)) = t;
            double expected = ReferenceDSpacing(cell.A, cell.B, cell.C, cell.Alpha, cell.Beta, cell.Gamma, h, k, l);
            // Two different roundings of the same quantity; the cells are far from flat
            // (volume factor ≥ 0.2), so 1e-12 leaves a factor ~100 above double rounding.
            AssertRelative(expected, cell.DSpacing(h, k, l), 1e-12, $"{cell} d({h} {k} {l})");
        });

    [Property]
    public Property Monoclinic_spacing_agrees_with_the_Cartesian_reference() =>
        Prop.ForAll(Arb.From(Gen.Zip(MonoclinicCells, Reflections)), t =>
        {
            var (cell, (h, k, l)) = t;
            double expected = ReferenceDSpacing(cell.A, cell.B, cell.C, cell.Alpha, cell.Beta, cell.Gamma, h, k, l);
            AssertRelative(expected, cell.DSpacing(h, k, l), 1e-12, $"{cell} d({h} {k} {l})");
        });

    [Property]
    public Property Volume_agrees_with_the_Cartesian_triple_product() =>
        Prop.ForAll(Arb.From(TriclinicCells), cell =>
        {
            var (av, bv, cv) = CartesianBasis(cell.A, cell.B, cell.C, cell.Alpha, cell.Beta, cell.Gamma);
            AssertRelative(Dot(av, Cross(bv, cv)), cell.Volume, 1e-12, $"{cell} V");
            AssertRelative(Math.Sqrt(cell.DirectMetric.Determinant), cell.Volume, 1e-12, $"{cell} sqrt(det G)");
        });

    // ---------------------------------------------------------------- metric

    [Property]
    public Property Direct_metric_times_reciprocal_metric_is_the_identity() =>
        Prop.ForAll(Arb.From(TriclinicCells), cell =>
        {
            var g = cell.DirectMetric;
            var gs = cell.ReciprocalMetric;
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    double product = 0;
                    for (int m = 0; m < 3; m++)
                    {
                        product += g[i, m] * gs[m, j];
                    }
                    // Each entry is a sum of three terms of size up to |gᵢₘ g*ₘⱼ| ≲ 20² · 1/(2² · 0.2) ≈ 500,
                    // rounded at 1e-16 relative: 1e-12 is ~20 times that bound and far below any formula error.
                    double expected = i == j ? 1 : 0;
                    Assert.True(Math.Abs(product - expected) <= 1e-12, $"{cell}: (G G*)[{i},{j}] = {product:R}");
                }
            }
        });

    [Fact]
    public void Direct_metric_holds_scalar_products_of_the_basis_vectors()
    {
        var cell = new UnitCell(5.1, 6.3, 7.7, 78.2, 95.4, 104.9);
        var (av, bv, cv) = CartesianBasis(5.1, 6.3, 7.7, 78.2, 95.4, 104.9);
        var basis = new[] { av, bv, cv };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(Dot(basis[i], basis[j]), cell.DirectMetric[i, j], 12);
            }
        }
    }

    // ---------------------------------------------------------------- derivatives

    [Property]
    public Property Inverse_d_squared_gradient_agrees_with_central_differences() =>
        Prop.ForAll(Arb.From(Gen.Zip(TriclinicCells, Reflections)), t =>
        {
            var (cell, (h, k, l)) = t;
            var gradient = cell.InverseDSquaredGradient(h, k, l);
            Span<double> written = stackalloc double[6];
            cell.InverseDSquaredGradient(h, k, l, written);
            double q = cell.InverseDSquared(h, k, l);
            foreach (var p in AllParameters)
            {
                Assert.Equal(gradient[p], written[(int)p]);
                bool isLength = p <= CellParameter.C;
                double value = cell.Get(p);
                // Steps: 1e-5 of a length, 1e-4 degree of an angle. Central differences err by
                // δ²/6·f''' (≲ 1e-9 relative for these steps on cells with volume factor ≥ 0.2)
                // plus rounding ε·f/δ (≲ 1e-10 relative); 1e-6 of the derivative's natural scale
                // leaves a wide margin yet catches a wrong term or a degree/radian mix-up (×57).
                double step = isLength ? 1e-5 * value : 1e-4;
                double numeric = (cell.With(p, value + step).InverseDSquared(h, k, l)
                                - cell.With(p, value - step).InverseDSquared(h, k, l)) / (2 * step);
                // Natural scale: a relative change of a length changes 1/d² by O(1/d²); one radian
                // of an angle changes it by O(1/d²), i.e. π/180 · 1/d² per degree.
                double scale = isLength ? q / value : q * Math.PI / 180;
                double tolerance = 1e-6 * (Math.Abs(gradient[p]) + scale);
                Assert.True(Math.Abs(numeric - gradient[p]) <= tolerance,
                    $"{cell} hkl {h} {k} {l}: ∂(1/d²)/∂{p} analytic {gradient[p]:R}, central difference {numeric:R}");
            }
        });

    [Fact]
    public void Inverse_d_squared_gradient_of_a_cubic_cell_is_the_textbook_one()
    {
        // 1/d² = (h² + k² + l²)/a² for a cubic cell, but the gradient is taken with a, b, c
        // independent: ∂/∂a = −2h²/a³; the angle derivatives vanish at 90°.
        var cell = UnitCell.Cubic(4.16);
        var gradient = cell.InverseDSquaredGradient(1, 2, 3);
        AssertRelative(-2.0 * 1 / Math.Pow(4.16, 3), gradient.DA, 1e-14, "∂/∂a");
        AssertRelative(-2.0 * 4 / Math.Pow(4.16, 3), gradient.DB, 1e-14, "∂/∂b");
        AssertRelative(-2.0 * 9 / Math.Pow(4.16, 3), gradient.DC, 1e-14, "∂/∂c");
        // Angles by hand: near α = 90°, g*₂₃ = −cos α/(bc) to first order (the other cosines are 0),
        // so 1/d² gains 2kl·g*₂₃ = −2kl cos α/(bc) and ∂/∂α = 2kl sin α/(bc) per radian = 2kl/(bc) at 90°.
        AssertRelative(2.0 * 2 * 3 / (4.16 * 4.16) * Math.PI / 180, gradient.DAlpha, 1e-12, "∂/∂α per degree");
    }

    [Fact]
    public void Gradient_span_form_rejects_a_short_destination()
    {
        var cell = UnitCell.Cubic(4.16);
        var ex = Assert.Throws<ArgumentException>(() => cell.InverseDSquaredGradient(1, 1, 1, new double[5]));
        Assert.Equal("destination", ex.ParamName);
    }

    // ---------------------------------------------------------------- A1..A6

    [Property]
    public Property Reciprocal_metric_coefficients_round_trip() =>
        Prop.ForAll(Arb.From(Gen.Zip(TriclinicCells, Reflections)), t =>
        {
            var (cell, (h, k, l)) = t;
            var coefficients = cell.ReciprocalMetricCoefficients;
            AssertRelative(cell.InverseDSquared(h, k, l), coefficients.InverseDSquared(h, k, l), 1e-12, "1/d² from A1..A6");
            var back = UnitCell.FromReciprocalMetricCoefficients(coefficients);
            // Two inversions of a well-conditioned 3×3 metric: 1e-10 relative for lengths and
            // 1e-8 degree for angles are ~1000 times the rounding expected.
            foreach (var p in AllParameters)
            {
                double tolerance = p <= CellParameter.C ? 1e-10 * cell.Get(p) : 1e-8;
                Assert.True(Math.Abs(back.Get(p) - cell.Get(p)) <= tolerance, $"{cell} -> {back}: {p}");
            }
        });

    [Fact]
    public void Reciprocal_metric_coefficients_follow_the_GSAS_II_definitions()
    {
        var cell = new UnitCell(5.1, 6.3, 7.7, 78.2, 95.4, 104.9);
        var coefficients = cell.ReciprocalMetricCoefficients;
        // A1 = a*², A2 = b*², A3 = c*², A4 = 2a*b* cos γ*, A5 = 2a*c* cos β*, A6 = 2b*c* cos α*,
        // with the cctbx reciprocal parameters of this cell (see Volume_and_reciprocal_parameters_match_cctbx).
        double aS = 0.20309653318797, bS = 0.16721551577064, cS = 0.13280189503724;
        double alS = 100.80124537273 * Math.PI / 180, beS = 87.484010311543 * Math.PI / 180, gaS = 75.870927923909 * Math.PI / 180;
        AssertRelative(aS * aS, coefficients.A1, 1e-12, "A1");
        AssertRelative(bS * bS, coefficients.A2, 1e-12, "A2");
        AssertRelative(cS * cS, coefficients.A3, 1e-12, "A3");
        AssertRelative(2 * aS * bS * Math.Cos(gaS), coefficients.A4, 1e-11, "A4");
        AssertRelative(2 * aS * cS * Math.Cos(beS), coefficients.A5, 1e-10, "A5");
        AssertRelative(2 * bS * cS * Math.Cos(alS), coefficients.A6, 1e-11, "A6");
    }

    [Fact]
    public void Coefficients_that_are_not_a_metric_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            UnitCell.FromReciprocalMetricCoefficients(new ReciprocalMetricCoefficients(0.1, 0.1, 0.1, 0.5, 0, 0)));
        Assert.Equal("coefficients", ex.ParamName);
    }

    // ---------------------------------------------------------------- hexagonal <-> rhombohedral

    [Fact]
    public void Layered_cell_on_rhombohedral_axes_matches_cctbx()
    {
        // cctbx: unit_cell((2.94, 2.94, 14.41, 90, 90, 120)).change_basis(
        //   space_group_info("R -3 m :R").change_of_basis_op_to_reference_setting().inverse())
        // gives a_R = 5.0944294195828 Å, α = 33.542389245965°, V_R = 35.95572238865948 Å³
        // (Debian python3-cctbx 2022.9).
        var rhombohedral = UnitCell.Hexagonal(2.94, 14.41).ToRhombohedralAxes();
        Assert.True(rhombohedral.ConformsTo(CrystalSystem.Trigonal, rhombohedralAxes: true, tolerance: 0));
        AssertRelative(5.0944294195828, rhombohedral.A, 1e-12, "a_R");
        AssertRelative(33.542389245965, rhombohedral.Alpha, 1e-12, "α_R");
        AssertRelative(35.95572238865948, rhombohedral.Volume, 1e-12, "V_R");
    }

    [Property]
    public Property Hexagonal_to_rhombohedral_and_back_round_trips_with_a_third_of_the_volume() =>
        Prop.ForAll(Arb.From(Gen.Zip(HexagonalCells, Reflections)), t =>
        {
            var (hexagonal, (hR, kR, lR)) = t;
            var rhombohedral = hexagonal.ToRhombohedralAxes();
            var back = rhombohedral.ToHexagonalAxes();
            AssertRelative(hexagonal.A, back.A, 1e-12, "a_H");
            AssertRelative(hexagonal.C, back.C, 1e-12, "c_H");
            Assert.Equal(120, back.Gamma);
            AssertRelative(hexagonal.Volume, 3 * rhombohedral.Volume, 1e-12, "V_H = 3 V_R");

            // Obverse setting, ITA Table 5.1.3.1: a_H = a_R − b_R, b_H = b_R − c_R,
            // c_H = a_R + b_R + c_R; Miller indices transform like the basis vectors.
            int h = hR - kR, k = kR - lR, l = hR + kR + lR;
            // Every such reflection obeys the obverse condition −h + k + l = 3n, and the inverse
            // relation h_R = (2h + k + l)/3, k_R = (−h + k + l)/3, l_R = (−h − 2k + l)/3 recovers it.
            Assert.Equal(0, ((-h + k + l) % 3 + 3) % 3);
            Assert.Equal((hR, kR, lR), ((2 * h + k + l) / 3, (-h + k + l) / 3, (-h - 2 * k + l) / 3));
            AssertRelative(hexagonal.DSpacing(h, k, l), rhombohedral.DSpacing(hR, kR, lR), 1e-12, $"d(hkl) H {h} {k} {l} / R {hR} {kR} {lR}");
        });

    [Property]
    public Property Rhombohedral_to_hexagonal_and_back_round_trips() =>
        Prop.ForAll(Arb.From(Gen.Zip(Uniform(2, 20), Uniform(5, 115))), t =>
        {
            var rhombohedral = UnitCell.Rhombohedral(t.Item1, t.Item2);
            var back = rhombohedral.ToHexagonalAxes().ToRhombohedralAxes();
            AssertRelative(rhombohedral.A, back.A, 1e-12, "a_R");
            AssertRelative(rhombohedral.Alpha, back.Alpha, 1e-10, "α_R");
        });

    [Fact]
    public void Axis_changes_refuse_cells_on_the_wrong_axes()
    {
        Assert.Throws<InvalidOperationException>(() => UnitCell.Tetragonal(3, 5).ToRhombohedralAxes());
        Assert.Throws<InvalidOperationException>(() => UnitCell.Hexagonal(3, 5).ToHexagonalAxes());
        Assert.Throws<InvalidOperationException>(() => UnitCell.Orthorhombic(3, 4, 5).PseudoCubic());
    }

    // ---------------------------------------------------------------- layered <-> rocksalt

    [Fact]
    public void Layered_cell_of_the_study_is_pseudo_cubic_with_a_near_4_16()
    {
        // Study: layered R-3m a ≈ 2.94 Å, c ≈ 14.41 Å; rocksalt Fm-3m a ≈ 4.16 Å.
        // Independent arithmetic: √2·2.94 = 4.1577878733769, 14.41/(2√3) = 4.159808689511254,
        // V_H = (√3/2)·2.94²·14.41 = 107.8671671659784 Å³ and (2V_H/3)^(1/3) = 4.158461369653317.
        var pseudoCubic = UnitCell.Hexagonal(2.94, 14.41).PseudoCubic();
        AssertRelative(4.1577878733769, pseudoCubic.AFromA, 1e-12, "a_c from a");
        AssertRelative(4.159808689511254, pseudoCubic.AFromC, 1e-12, "a_c from c");
        AssertRelative(4.158461369653317, pseudoCubic.AFromVolume, 1e-12, "a_c from V");
        Assert.Equal(4.16, pseudoCubic.AFromA, 2);
        Assert.Equal(4.16, pseudoCubic.AFromC, 2);
        Assert.Equal(4.16, pseudoCubic.AFromVolume, 2);
        AssertRelative(14.41 / 2.94, pseudoCubic.CoverARatio, 1e-15, "c/a");
        AssertRelative(2 * Math.Sqrt(6), PseudoCubicParameters.IdealCoverA, 1e-15, "2√6");
        AssertRelative(0.00048603156195015096, pseudoCubic.Distortion, 1e-9, "distortion");
    }

    [Fact]
    public void Undistorted_layered_cell_gives_one_pseudo_cubic_parameter()
    {
        // a_H = a_c/√2, c_H = 2√3 a_c: all three estimates agree and the distortion is zero.
        const double ac = 4.16;
        var pseudoCubic = UnitCell.Hexagonal(ac / Math.Sqrt(2), 2 * Math.Sqrt(3) * ac).PseudoCubic();
        AssertRelative(ac, pseudoCubic.AFromA, 1e-14, "from a");
        AssertRelative(ac, pseudoCubic.AFromC, 1e-14, "from c");
        AssertRelative(ac, pseudoCubic.AFromVolume, 1e-14, "from V");
        Assert.True(Math.Abs(pseudoCubic.Distortion) < 1e-14);
    }

    // ---------------------------------------------------------------- crystal-system restrictions

    private static readonly Gen<(CrystalSystem System, bool Rhombohedral, UniqueAxis Axis)> Systems =
        Zip3(Gen.Elements(Enum.GetValues<CrystalSystem>()), Gen.Elements(true, false), Gen.Elements(Enum.GetValues<UniqueAxis>()))
            .Select(t => (t.Item1, t.Item1 == CrystalSystem.Trigonal && t.Item2, t.Item3));

    [Property]
    public Property Symmetrize_makes_the_cell_conform_exactly() =>
        Prop.ForAll(Arb.From(Gen.Zip(TriclinicCells, Systems)), t =>
        {
            var (cell, (system, rhombohedral, axis)) = t;
            var symmetric = cell.Symmetrize(system, rhombohedral, axis);
            Assert.True(symmetric.ConformsTo(system, rhombohedral, tolerance: 0, uniqueAxis: axis), $"{cell} -> {symmetric} for {system}");
            // Free parameters keep their values unless a tied parameter was averaged into them.
            Assert.Equal(symmetric, symmetric.Symmetrize(system, rhombohedral, axis));
        });

    [Fact]
    public void Symmetrize_averages_tied_parameters()
    {
        var cell = new UnitCell(2.94, 2.95, 14.41, 90.01, 89.99, 119.9);
        var symmetric = cell.Symmetrize(CrystalSystem.Trigonal);
        Assert.Equal(2.945, symmetric.A, 14);
        Assert.Equal(symmetric.A, symmetric.B);
        Assert.Equal(14.41, symmetric.C);
        Assert.Equal((90.0, 90.0, 120.0), (symmetric.Alpha, symmetric.Beta, symmetric.Gamma));

        var rhombohedral = new UnitCell(5.09, 5.10, 5.11, 33.5, 33.6, 33.7).Symmetrize(CrystalSystem.Trigonal, rhombohedralAxes: true);
        Assert.Equal(5.10, rhombohedral.A, 13);
        Assert.Equal(33.6, rhombohedral.Alpha, 12);
        Assert.True(rhombohedral.ConformsTo(CrystalSystem.Trigonal, rhombohedralAxes: true, tolerance: 0));
    }

    [Fact]
    public void CheckConformsTo_says_which_restriction_is_broken()
    {
        var cell = new UnitCell(2.94, 2.95, 14.41, 90, 90, 90);
        Assert.True(cell.ConformsTo(CrystalSystem.Orthorhombic));
        Assert.False(cell.ConformsTo(CrystalSystem.Tetragonal));
        Assert.True(cell.ConformsTo(CrystalSystem.Tetragonal, tolerance: 0.02));
        var ex = Assert.Throws<ArgumentException>(() => cell.CheckConformsTo(CrystalSystem.Tetragonal));
        Assert.Contains("a = b required for Tetragonal; a = 2.94, b = 2.95", ex.Message);

        var monoclinicC = new UnitCell(5, 6, 7, 90, 90, 100);
        Assert.True(monoclinicC.ConformsTo(CrystalSystem.Monoclinic, uniqueAxis: UniqueAxis.C));
        var mono = Assert.Throws<ArgumentException>(() => monoclinicC.CheckConformsTo(CrystalSystem.Monoclinic));
        Assert.Contains("γ = 90° required for Monoclinic (unique axis b); γ = 100", mono.Message);

        var hexagonal = Assert.Throws<ArgumentException>(() => UnitCell.Tetragonal(3, 5).CheckConformsTo(CrystalSystem.Hexagonal));
        Assert.Contains("γ = 120° required for Hexagonal; γ = 90", hexagonal.Message);
    }

    [Fact]
    public void Rhombohedral_axes_belong_to_the_trigonal_system_only()
    {
        var ex = Assert.Throws<ArgumentException>(() => UnitCell.Cubic(4).ConformsTo(CrystalSystem.Cubic, rhombohedralAxes: true));
        Assert.Equal("rhombohedralAxes", ex.ParamName);
    }

    [Theory]
    [InlineData(CrystalSystem.Triclinic, false, UniqueAxis.B, new[] { CellParameter.A, CellParameter.B, CellParameter.C, CellParameter.Alpha, CellParameter.Beta, CellParameter.Gamma })]
    [InlineData(CrystalSystem.Monoclinic, false, UniqueAxis.B, new[] { CellParameter.A, CellParameter.B, CellParameter.C, CellParameter.Beta })]
    [InlineData(CrystalSystem.Monoclinic, false, UniqueAxis.C, new[] { CellParameter.A, CellParameter.B, CellParameter.C, CellParameter.Gamma })]
    [InlineData(CrystalSystem.Monoclinic, false, UniqueAxis.A, new[] { CellParameter.A, CellParameter.B, CellParameter.C, CellParameter.Alpha })]
    [InlineData(CrystalSystem.Orthorhombic, false, UniqueAxis.B, new[] { CellParameter.A, CellParameter.B, CellParameter.C })]
    [InlineData(CrystalSystem.Tetragonal, false, UniqueAxis.B, new[] { CellParameter.A, CellParameter.C })]
    [InlineData(CrystalSystem.Trigonal, false, UniqueAxis.B, new[] { CellParameter.A, CellParameter.C })]
    [InlineData(CrystalSystem.Trigonal, true, UniqueAxis.B, new[] { CellParameter.A, CellParameter.Alpha })]
    [InlineData(CrystalSystem.Hexagonal, false, UniqueAxis.B, new[] { CellParameter.A, CellParameter.C })]
    [InlineData(CrystalSystem.Cubic, false, UniqueAxis.B, new[] { CellParameter.A })]
    public void FreeParameters_per_crystal_system(CrystalSystem system, bool rhombohedral, UniqueAxis axis, CellParameter[] expected) =>
        Assert.Equal(expected, UnitCell.FreeParameters(system, rhombohedral, axis));

    [Fact]
    public void Factories_conform_to_their_systems()
    {
        Assert.True(UnitCell.Cubic(4.16).ConformsTo(CrystalSystem.Cubic, tolerance: 0));
        Assert.True(UnitCell.Tetragonal(4, 6).ConformsTo(CrystalSystem.Tetragonal, tolerance: 0));
        Assert.True(UnitCell.Hexagonal(2.94, 14.41).ConformsTo(CrystalSystem.Hexagonal, tolerance: 0));
        Assert.True(UnitCell.Hexagonal(2.94, 14.41).ConformsTo(CrystalSystem.Trigonal, tolerance: 0));
        Assert.True(UnitCell.Rhombohedral(5.09, 33.5).ConformsTo(CrystalSystem.Trigonal, rhombohedralAxes: true, tolerance: 0));
        Assert.True(UnitCell.Orthorhombic(3, 4, 5).ConformsTo(CrystalSystem.Orthorhombic, tolerance: 0));
        Assert.True(UnitCell.Monoclinic(3, 4, 5, 100).ConformsTo(CrystalSystem.Monoclinic, tolerance: 0));
        Assert.False(UnitCell.Monoclinic(3, 4, 5, 100).ConformsTo(CrystalSystem.Orthorhombic));
    }

    // ---------------------------------------------------------------- validation

    [Theory]
    [InlineData(-1, 5, 5, 90, 90, 90, "a")]
    [InlineData(5, 0, 5, 90, 90, 90, "b")]
    [InlineData(5, 5, double.NaN, 90, 90, 90, "c")]
    [InlineData(5, 5, double.PositiveInfinity, 90, 90, 90, "c")]
    [InlineData(5, 5, 5, 0, 90, 90, "alpha")]
    [InlineData(5, 5, 5, 90, 180, 90, "beta")]
    [InlineData(5, 5, 5, 90, 90, -10, "gamma")]
    [InlineData(5, 5, 5, 60, 60, 150, "gamma")]   // γ > α + β: the three axes cannot close
    [InlineData(5, 5, 5, 150, 60, 60, "alpha")]
    [InlineData(5, 5, 5, 120, 120, 120, "alpha")] // flat: α + β + γ = 360°
    [InlineData(5, 5, 5, 100, 170, 100, "beta")]  // α + β + γ > 360°
    public void Impossible_cells_are_rejected_naming_the_parameter(double a, double b, double c, double alpha, double beta, double gamma, string parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new UnitCell(a, b, c, alpha, beta, gamma));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Impossible_angle_message_gives_the_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => new UnitCell(5, 5, 5, 60, 60, 150));
        Assert.Contains("α = 60°, β = 60°, γ = 150°", ex.Message);
        Assert.Contains("(parameter gamma = 150°)", ex.Message);
    }

    [Fact]
    public void Rhombohedral_factory_rejects_an_angle_of_120_or_more()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => UnitCell.Rhombohedral(5, 120));
        Assert.Equal("alpha", ex.ParamName);
    }

    [Fact]
    public void Spacing_of_000_is_refused()
    {
        Assert.Throws<ArgumentException>(() => UnitCell.Cubic(4).DSpacing(0, 0, 0));
        Assert.Equal(0, UnitCell.Cubic(4).InverseDSquared(0, 0, 0));
    }

    // ---------------------------------------------------------------- documentation

    [Fact]
    public void Documentation_example_is_this_test_line_for_line() =>
        Crystallography.Intergrowth.TestKit.DocumentationExample.AssertMirrored(
            "unit-cell.md", "tests", "Crystallography.Intergrowth.Symmetry.Tests", "UnitCellTests.cs");

    [Fact]
    public void Documentation_example_runs()
    {
        // The example of docs/unit-cell.md, line for line; d values from cctbx uctbx
        // (Debian python3-cctbx 2022.9): d(003) = 4.803333333333335, d(104) = 2.0792305757426357.
        var layered = UnitCell.Hexagonal(2.94, 14.41);
        double d003 = layered.DSpacing(0, 0, 3);
        double d104 = layered.DSpacing(1, 0, 4);
        double volume = layered.Volume;

        var rhombohedral = layered.ToRhombohedralAxes();
        var pseudoCubic = layered.PseudoCubic();
        var rocksalt = UnitCell.Cubic(4.16);

        ReciprocalMetricCoefficients a = layered.ReciprocalMetricCoefficients;
        CellParameterGradient gradient = layered.InverseDSquaredGradient(1, 0, 4);
        IReadOnlyList<CellParameter> free = UnitCell.FreeParameters(CrystalSystem.Trigonal);
        layered.CheckConformsTo(CrystalSystem.Trigonal);

        Console.WriteLine(layered);
        AssertRelative(4.803333333333335, d003, 1e-14, "d(003)");
        AssertRelative(2.0792305757426357, d104, 1e-14, "d(104)");
        Assert.Equal(107.867, volume, 3);
        Assert.Equal("a = 5.094429 Å, b = 5.094429 Å, c = 5.094429 Å, α = 33.5424°, β = 33.5424°, γ = 33.5424°", rhombohedral.ToString());
        AssertRelative(volume / 3, rhombohedral.Volume, 1e-14, "V_R");
        Assert.Equal(4.1578, pseudoCubic.AFromA, 4);
        Assert.Equal(4.1598, pseudoCubic.AFromC, 4);
        Assert.Equal(4.1585, pseudoCubic.AFromVolume, 4);
        Assert.Equal(2.08, rocksalt.DSpacing(2, 0, 0), 14);
        AssertRelative(layered.InverseDSquared(1, 0, 4), a.InverseDSquared(1, 0, 4), 1e-14, "A1..A6");
        Assert.True(gradient.DA < 0 && gradient.DC < 0);
        Assert.Equal(new[] { CellParameter.A, CellParameter.C }, free);
        Assert.Equal("a = 2.94 Å, b = 2.94 Å, c = 14.41 Å, α = 90°, β = 90°, γ = 120°", layered.ToString());
    }

    // ---------------------------------------------------------------- value semantics and text

    [Fact]
    public void Cells_have_value_equality_and_With_returns_changed_copies()
    {
        var cell = UnitCell.Hexagonal(2.94, 14.41);
        Assert.Equal(new UnitCell(2.94, 2.94, 14.41, 90, 90, 120), cell);
        Assert.True(cell == new UnitCell(2.94, 2.94, 14.41, 90, 90, 120));
        Assert.Equal(cell.GetHashCode(), new UnitCell(2.94, 2.94, 14.41, 90, 90, 120).GetHashCode());
        var longer = cell.WithC(14.5);
        Assert.NotEqual(cell, longer);
        Assert.True(cell != longer);
        Assert.Equal(14.41, cell.C);
        Assert.Equal(14.5, longer.C);
        Assert.Equal(new UnitCell(3, 2.94, 14.41, 90, 90, 120), cell.WithA(3));
        Assert.Equal(new UnitCell(2.94, 3, 14.41, 90, 90, 120), cell.WithB(3));
        Assert.Equal(new UnitCell(2.94, 2.94, 14.41, 91, 90, 120), cell.WithAlpha(91));
        Assert.Equal(new UnitCell(2.94, 2.94, 14.41, 90, 91, 120), cell.WithBeta(91));
        Assert.Equal(new UnitCell(2.94, 2.94, 14.41, 90, 90, 119), cell.WithGamma(119));
        Assert.Equal("a", Assert.ThrowsAny<ArgumentException>(() => cell.WithA(-2.94)).ParamName);
    }

    [Fact]
    public void ToString_reads_like_a_paper()
    {
        Assert.Equal("a = 2.94 Å, b = 2.94 Å, c = 14.41 Å, α = 90°, β = 90°, γ = 120°", UnitCell.Hexagonal(2.94, 14.41).ToString());
        Assert.Equal("a = 5.094429 Å, b = 5.094429 Å, c = 5.094429 Å, α = 33.5424°, β = 33.5424°, γ = 33.5424°",
            UnitCell.Hexagonal(2.94, 14.41).ToRhombohedralAxes().ToString());
    }
}
