namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Conversions between the profile parameters of GSAS / GSAS-II / FullProf and this library's
/// (docs/diffraction.md, "Conventions", has the table).
/// </summary>
/// <remarks>
/// <para>
/// GSAS and GSAS-II write the Caglioti U, V, W (and GSAS's GP) as coefficients of the Gaussian
/// <em>variance</em> σ² in centidegrees² (GSAS-II GSASIIpwd.getWidthsCW: <c>sig = U tan²θ + V tanθ + W</c>,
/// then FWHM = √(8 ln 2 · σ²)). <see cref="TchProfile"/> holds coefficients of the Gaussian FWHM² in deg²,
/// as FullProf does: FWHM² = 8 ln 2 · σ² and 1 centideg² = 10⁻⁴ deg², so U_ours = 8 ln 2 · U_GSAS / 10⁴.
/// The Lorentzian X, Y are FWHM coefficients in centidegrees in GSAS/GSAS-II and in degrees here:
/// X_ours = X_GSAS / 100. Roles: GSAS-II X multiplies 1/cos θ and Y multiplies tan θ, as here;
/// FullProf's X multiplies tan θ and its Y multiplies 1/cos θ (the swap).
/// </para>
/// <para>
/// GSAS-II "SH/L" is S/L + H/L with S/L = H/L = SH/L / 2 (GSAS-II psvfcj.for: <c>A = SHL/2</c>);
/// GSAS profile function 3 gives S/L and H/L separately.
/// </para>
/// </remarks>
public static class ProfileConventions
{
    /// <summary>8 ln 2: FWHM² of a Gaussian over its variance.</summary>
    public const double EightLn2 = 5.5451774444795624753378569716654;

    /// <summary>A GSAS/GSAS-II Gaussian variance coefficient (centideg²) as an FWHM² coefficient in deg²: × 8 ln 2 / 10⁴.</summary>
    /// <param name="centidegreesSquared">U, V, W or GP as GSAS writes them.</param>
    public static double FwhmSquaredFromGsasVariance(double centidegreesSquared) => EightLn2 * centidegreesSquared / 1e4;

    /// <summary>The inverse of <see cref="FwhmSquaredFromGsasVariance"/>: deg² FWHM² → centideg² variance.</summary>
    /// <param name="degreesSquared">U, V, W or P of <see cref="TchProfile"/>.</param>
    public static double GsasVarianceFromFwhmSquared(double degreesSquared) => degreesSquared * 1e4 / EightLn2;

    /// <summary>Centidegrees to degrees (÷ 100): GSAS X, Y, GSAS zero shift.</summary>
    /// <param name="centidegrees">The value in centidegrees.</param>
    public static double DegreesFromCentidegrees(double centidegrees) => centidegrees / 100;

    /// <summary>
    /// A TCH profile from GSAS-II constant-wavelength values: U, V, W in centideg² (variance), X, Y in
    /// centideg (Lorentzian FWHM, X with 1/cos θ, Y with tan θ), and GSAS's GP in centideg².
    /// </summary>
    /// <param name="u">GSAS-II U.</param>
    /// <param name="v">GSAS-II V.</param>
    /// <param name="w">GSAS-II W.</param>
    /// <param name="x">GSAS-II X.</param>
    /// <param name="y">GSAS-II Y.</param>
    /// <param name="p">GSAS GP (0 in GSAS-II, which has no such term).</param>
    public static TchProfile FromGsasII(double u, double v, double w, double x, double y, double p = 0) => new()
    {
        U = FwhmSquaredFromGsasVariance(u),
        V = FwhmSquaredFromGsasVariance(v),
        W = FwhmSquaredFromGsasVariance(w),
        P = FwhmSquaredFromGsasVariance(p),
        X = DegreesFromCentidegrees(x),
        Y = DegreesFromCentidegrees(y),
    };

    /// <summary>
    /// A TCH profile from FullProf's (Npr = 7) values: U, V, W in deg² (FWHM²), X the tan θ and Y the
    /// 1/cos θ Lorentzian coefficients in degrees — swapped into ours.
    /// </summary>
    /// <param name="u">FullProf U.</param>
    /// <param name="v">FullProf V.</param>
    /// <param name="w">FullProf W.</param>
    /// <param name="x">FullProf X (tan θ).</param>
    /// <param name="y">FullProf Y (1/cos θ).</param>
    public static TchProfile FromFullProf(double u, double v, double w, double x, double y) => new()
    {
        U = u,
        V = v,
        W = w,
        X = y,
        Y = x,
    };

    /// <summary>The FCJ asymmetry of a GSAS-II "SH/L": S/L = H/L = SH/L / 2.</summary>
    /// <param name="shL">GSAS-II SH/L, zero or positive.</param>
    public static FcjAsymmetry AsymmetryFromGsasII(double shL) => new(shL / 2, shL / 2);
}
