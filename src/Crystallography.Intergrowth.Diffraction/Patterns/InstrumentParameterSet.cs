using System.Collections.Immutable;
using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>The program whose instrument-parameter file was read; it fixes the units and conventions of the values.</summary>
public enum InstrumentFileProgram
{
    /// <summary>GSAS-II <c>.instprm</c> ("key:value" lines).</summary>
    GsasII,

    /// <summary>GSAS (EXPGUI era) <c>.prm</c>/<c>.iparm</c> ("INS  n KEY" records).</summary>
    Gsas,

    /// <summary>FullProf instrumental resolution file <c>.irf</c>.</summary>
    FullProf,
}

/// <summary>Whether an instrument works at constant wavelength (angle dispersive) or by time of flight.</summary>
public enum DiffractionMode
{
    /// <summary>Constant wavelength, x = 2θ.</summary>
    ConstantWavelength,

    /// <summary>Neutron time of flight, x = TOF.</summary>
    TimeOfFlight,
}

/// <summary>The probe an instrument file says it describes.</summary>
public enum InstrumentProbe
{
    /// <summary>The file does not say.</summary>
    Unknown,

    /// <summary>X-rays (GSAS-II type PXC, GSAS HTYPE PX…).</summary>
    XRay,

    /// <summary>Neutrons (GSAS-II type PNC/PNT, GSAS HTYPE PN…).</summary>
    Neutron,
}

/// <summary>
/// One value of an instrument file with the unit of the program that wrote it, kept as written
/// (no conversion): e.g. GSAS-II U = 2.0 "centideg²". Conversions to the library's own
/// instrument description happen elsewhere, where the conventions table of docs/diffraction.md applies.
/// </summary>
/// <param name="Value">The number as written in the file.</param>
/// <param name="Unit">Its unit in the source program ("Å", "deg", "centideg²", "µs", "µs/Å", "1" for dimensionless, …).</param>
public readonly record struct InstrumentQuantity(double Value, string Unit)
{
    /// <summary>Written as "2 centideg²".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value} {Unit}");
}

/// <summary>One row of a FullProf numerical resolution table (NPROF 9 <c>.irf</c>): values at one d-spacing, FullProf units.</summary>
/// <param name="D">d-spacing, Å.</param>
/// <param name="SigmaSquared">Gaussian variance σ², µs².</param>
/// <param name="Gamma">Lorentzian FWHM γ, µs.</param>
/// <param name="Alpha">Rise exponent α, 1/µs.</param>
/// <param name="Beta">Decay exponent β, 1/µs.</param>
/// <param name="Shift">Peak shift, µs.</param>
public readonly record struct TofResolutionPoint(double D, double SigmaSquared, double Gamma, double Alpha, double Beta, double Shift);

/// <summary>
/// The content of one bank of an instrument-parameter file as typed values, in the units of the
/// program that wrote it (each <see cref="InstrumentQuantity"/> names its unit), plus every raw
/// key → value pair. A property is null when the file does not give that value.
/// </summary>
/// <remarks>
/// <para>Units by program (kept, not converted):</para>
/// <list type="bullet">
/// <item>GSAS-II CW: Lam/Lam1/Lam2 Å; Zero deg 2θ; Polariz. fraction; U, V, W centideg² (Gaussian variance
/// σ² = U tan²θ + V tanθ + W); X, Y centideg (Lorentzian FWHM γ = X/cosθ + Y tanθ); SH/L dimensionless; Azimuth deg.</item>
/// <item>GSAS-II TOF: difC µs/Å, difA µs/Å², difB µs·Å, Zero µs (TOF = Zero + difC d + difA d² + difB/d);
/// 2-theta deg; fltPath m; alpha Å/µs (α = alpha/d); beta-0 1/µs, beta-1 Å⁴/µs, beta-q Å²/µs (β = β0 + β1/d⁴ + βq/d²);
/// sig-0 µs², sig-1 µs²/Å², sig-2 µs²/Å⁴, sig-q µs²/Å (σ² = σ0 + σ1 d² + σ2 d⁴ + σq d);
/// X µs/Å, Y µs/Å², Z µs (γ = X d + Y d² + Z).</item>
/// <item>GSAS .prm CW: the same as GSAS-II except that Zero is in centidegrees; U, V, W are GU, GV, GW (centideg²),
/// X, Y are LX, LY (centideg); SH/L is (S/L + H/L)/2 for profile function 3 and 4 (as GSAS-II imports it);
/// <see cref="ProfileFunction"/> is the PRCF function number; the coefficients are in <see cref="ProfileCoefficients"/>.</item>
/// <item>GSAS .prm TOF: difC, difA, Zero from ICONS (µs/Å, µs/Å², µs); flight path (m) and 2θ (deg) from BNKPAR;
/// the PRCF coefficients are kept in file order in <see cref="ProfileCoefficients"/> and, for functions 1–3, α, β0, β1,
/// σ0, σ1, σ2 are also mapped to their typed properties in GSAS units.</item>
/// <item>FullProf TOF <c>.irf</c>: Zero µs, Dtt1 = difC µs/Å, Dtt2 = difA µs/Å², TWOTH deg, TOF range µs, and either
/// the numerical table (<see cref="ResolutionTable"/>, NPROF 9) or the analytic coefficients in <see cref="Raw"/>.</item>
/// </list>
/// </remarks>
public sealed record InstrumentParameterSet
{
    /// <summary>The program that wrote the file.</summary>
    public required InstrumentFileProgram Program { get; init; }

    /// <summary>Constant wavelength or time of flight.</summary>
    public required DiffractionMode Mode { get; init; }

    /// <summary>X-rays, neutrons, or unknown.</summary>
    public InstrumentProbe Probe { get; init; }

    /// <summary>The file read, or null.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The bank number (1 when the file has only one), or null when the format has no banks.</summary>
    public int? Bank { get; init; }

    /// <summary>The file's instrument type code as written (GSAS-II "PXC", "PNT"; GSAS HTYPE "PXCR"), or null.</summary>
    public string? TypeCode { get; init; }

    /// <summary>A title or heading line from the file, or null.</summary>
    public string? Title { get; init; }

    // ---- constant wavelength ----

    /// <summary>Single wavelength (GSAS-II Lam; GSAS ICONS λ1 when λ2 = 0), Å.</summary>
    public InstrumentQuantity? Wavelength { get; init; }

    /// <summary>First wavelength of a doublet (GSAS-II Lam1; GSAS ICONS λ1 when λ2 ≠ 0), Å.</summary>
    public InstrumentQuantity? Wavelength1 { get; init; }

    /// <summary>Second wavelength of a doublet (GSAS-II Lam2; GSAS ICONS λ2), Å.</summary>
    public InstrumentQuantity? Wavelength2 { get; init; }

    /// <summary>I(λ2)/I(λ1) (GSAS-II "I(L2)/I(L1)"; GSAS ICONS KRATIO), dimensionless.</summary>
    public InstrumentQuantity? IntensityRatio { get; init; }

    /// <summary>Zero shift: deg 2θ (GSAS-II CW), centideg (GSAS CW), µs (TOF).</summary>
    public InstrumentQuantity? Zero { get; init; }

    /// <summary>Polarisation (GSAS-II "Polariz."; GSAS ICONS POLA), fraction.</summary>
    public InstrumentQuantity? Polarization { get; init; }

    /// <summary>Caglioti U (GSAS GU), centideg².</summary>
    public InstrumentQuantity? U { get; init; }

    /// <summary>Caglioti V (GSAS GV), centideg².</summary>
    public InstrumentQuantity? V { get; init; }

    /// <summary>Caglioti W (GSAS GW), centideg².</summary>
    public InstrumentQuantity? W { get; init; }

    /// <summary>Lorentzian X: CW centideg (GSAS LX); TOF µs/Å.</summary>
    public InstrumentQuantity? X { get; init; }

    /// <summary>Lorentzian Y: CW centideg (GSAS LY); TOF µs/Å².</summary>
    public InstrumentQuantity? Y { get; init; }

    /// <summary>Lorentzian Z: GSAS-II TOF µs, GSAS-II CW centideg.</summary>
    public InstrumentQuantity? Z { get; init; }

    /// <summary>Finger–Cox–Jephcoat asymmetry (S+H)/L (GSAS-II "SH/L"), dimensionless.</summary>
    public InstrumentQuantity? ShL { get; init; }

    /// <summary>GSAS profile functions 1 and 2: the "asym" coefficient, dimensionless.</summary>
    public InstrumentQuantity? Asymmetry { get; init; }

    /// <summary>Detector azimuth (GSAS-II Azimuth), deg.</summary>
    public InstrumentQuantity? Azimuth { get; init; }

    // ---- time of flight ----

    /// <summary>DIFC, µs/Å.</summary>
    public InstrumentQuantity? DifC { get; init; }

    /// <summary>DIFA, µs/Å².</summary>
    public InstrumentQuantity? DifA { get; init; }

    /// <summary>DIFB (GSAS-II), µs·Å.</summary>
    public InstrumentQuantity? DifB { get; init; }

    /// <summary>Bank scattering angle 2θ, deg.</summary>
    public InstrumentQuantity? TwoTheta { get; init; }

    /// <summary>Total or secondary flight path (GSAS-II fltPath, GSAS BNKPAR L), m.</summary>
    public InstrumentQuantity? FlightPath { get; init; }

    /// <summary>Rise exponent coefficient α (GSAS-II alpha; α(d) = alpha/d), Å/µs.</summary>
    public InstrumentQuantity? Alpha { get; init; }

    /// <summary>β0, 1/µs.</summary>
    public InstrumentQuantity? Beta0 { get; init; }

    /// <summary>β1, Å⁴/µs.</summary>
    public InstrumentQuantity? Beta1 { get; init; }

    /// <summary>βq (GSAS-II beta-q), Å²/µs.</summary>
    public InstrumentQuantity? BetaQ { get; init; }

    /// <summary>σ0, µs².</summary>
    public InstrumentQuantity? Sig0 { get; init; }

    /// <summary>σ1, µs²/Å².</summary>
    public InstrumentQuantity? Sig1 { get; init; }

    /// <summary>σ2, µs²/Å⁴.</summary>
    public InstrumentQuantity? Sig2 { get; init; }

    /// <summary>σq (GSAS-II sig-q), µs²/Å.</summary>
    public InstrumentQuantity? SigQ { get; init; }

    /// <summary>TOF range covered by a FullProf .irf (min, step, max), µs; null otherwise.</summary>
    public (double Min, double Step, double Max)? TofRange { get; init; }

    // ---- program specific ----

    /// <summary>The GSAS profile function number (PRCF n), or the FullProf NPROF, or null.</summary>
    public int? ProfileFunction { get; init; }

    /// <summary>The GSAS PRCF coefficients in file order (empty when not a GSAS file).</summary>
    public ImmutableArray<double> ProfileCoefficients { get; init; } = [];

    /// <summary>The FullProf NPROF 9 numerical resolution table (empty otherwise).</summary>
    public ImmutableArray<TofResolutionPoint> ResolutionTable { get; init; } = [];

    /// <summary>Every key → value pair of the file as text, keyed by the file's own names (GSAS records keyed without the "INS  n" prefix).</summary>
    public ImmutableDictionary<string, string> Raw { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <inheritdoc />
    public bool Equals(InstrumentParameterSet? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        return Program == other.Program && Mode == other.Mode && Probe == other.Probe
            && SourceFile == other.SourceFile && Bank == other.Bank && TypeCode == other.TypeCode && Title == other.Title
            && Wavelength == other.Wavelength && Wavelength1 == other.Wavelength1 && Wavelength2 == other.Wavelength2
            && IntensityRatio == other.IntensityRatio && Zero == other.Zero && Polarization == other.Polarization
            && U == other.U && V == other.V && W == other.W && X == other.X && Y == other.Y && Z == other.Z
            && ShL == other.ShL && Asymmetry == other.Asymmetry && Azimuth == other.Azimuth
            && DifC == other.DifC && DifA == other.DifA && DifB == other.DifB && TwoTheta == other.TwoTheta
            && FlightPath == other.FlightPath && Alpha == other.Alpha && Beta0 == other.Beta0 && Beta1 == other.Beta1
            && BetaQ == other.BetaQ && Sig0 == other.Sig0 && Sig1 == other.Sig1 && Sig2 == other.Sig2 && SigQ == other.SigQ
            && TofRange == other.TofRange && ProfileFunction == other.ProfileFunction
            && ProfileCoefficients.AsSpan().SequenceEqual(other.ProfileCoefficients.AsSpan())
            && ResolutionTable.AsSpan().SequenceEqual(other.ResolutionTable.AsSpan())
            && Raw.Count == other.Raw.Count
            && Raw.All(kv => other.Raw.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Program, Mode, Bank, Wavelength, DifC, Zero, Raw.Count);
}
