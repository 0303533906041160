using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// What a diffractometer does to a reflection, described: the radiation, the instrumental profile
/// (Thompson–Cox–Hastings widths and Finger–Cox–Jephcoat asymmetry at constant wavelength; the GSAS
/// back-to-back-exponential parameters for time of flight), a zero shift and a background.
/// Immutable; <c>With…</c> methods return checked copies. <see cref="PatternSimulator"/> executes it.
/// </summary>
/// <remarks>
/// <para>Units are the library's (docs/diffraction.md has the table against GSAS-II and FullProf):
/// TCH U, V, W, P in deg² of FWHM², X, Y in degrees; TOF α, β in µs⁻¹, σ² in µs², γ in µs.</para>
/// <para>Peak positions: constant wavelength 2θ = 2 asin(λ/2d) + <see cref="ZeroShift"/> (degrees;
/// GSAS-II's "Zero" sign); time of flight TOF = ZERO + DIFC·d + DIFA·d² + DIFB/d + <see cref="ZeroShift"/>
/// (µs), where ZERO, DIFC, DIFA belong to the <see cref="TimeOfFlightNeutrons"/> calibration and
/// <see cref="DifB"/> (GSAS-II difB) to the instrument, because the radiation type has no DIFB term.
/// An instrument read from a file keeps the file's TOF Zero in the radiation and
/// <see cref="ZeroShift"/> = 0.</para>
/// </remarks>
public sealed record Instrument
{
    private Instrument(Radiation radiation, TchProfile? tch, FcjAsymmetry asymmetry, TofProfile? tof, double difB,
                       double zeroShift, PatternBackground background, string? name)
    {
        Radiation = radiation;
        ConstantWavelengthProfile = tch;
        Asymmetry = asymmetry;
        TimeOfFlightProfile = tof;
        DifB = difB;
        ZeroShift = zeroShift;
        Background = background;
        Name = name;
    }

    /// <summary>A constant-wavelength instrument (laboratory or synchrotron X-rays, CW neutrons).</summary>
    /// <param name="radiation">The radiation.</param>
    /// <param name="profile">The TCH widths (deg², deg).</param>
    /// <param name="asymmetry">The FCJ asymmetry; default none.</param>
    /// <param name="zeroShift">Zero shift in degrees 2θ, added to every position.</param>
    /// <param name="background">The background; none when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A zero shift that is not finite.</exception>
    public static Instrument ConstantWavelength(ConstantWavelengthRadiation radiation, TchProfile profile,
                                                FcjAsymmetry asymmetry = default, double zeroShift = 0,
                                                PatternBackground? background = null)
    {
        ArgumentNullException.ThrowIfNull(radiation);
        ArgumentNullException.ThrowIfNull(profile);
        return new(radiation, profile, asymmetry, null, 0, CheckFinite(zeroShift, nameof(zeroShift)),
                   background ?? PatternBackground.None, null);
    }

    /// <summary>A time-of-flight bank.</summary>
    /// <param name="radiation">The bank's calibration and 2θ.</param>
    /// <param name="profile">α, β, σ², γ as functions of d.</param>
    /// <param name="difB">GSAS-II difB in µs·Å (TOF += DIFB/d).</param>
    /// <param name="zeroShift">A further zero shift in µs, added to every position.</param>
    /// <param name="background">The background; none when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">DIFB or the shift not finite.</exception>
    public static Instrument TimeOfFlight(TimeOfFlightNeutrons radiation, TofProfile profile, double difB = 0,
                                          double zeroShift = 0, PatternBackground? background = null)
    {
        ArgumentNullException.ThrowIfNull(radiation);
        ArgumentNullException.ThrowIfNull(profile);
        return new(radiation, null, default, profile, CheckFinite(difB, nameof(difB)),
                   CheckFinite(zeroShift, nameof(zeroShift)), background ?? PatternBackground.None, null);
    }

    /// <summary>The radiation.</summary>
    public Radiation Radiation { get; }

    /// <summary>Constant wavelength (x = 2θ in degrees) or time of flight (x = TOF in µs).</summary>
    public DiffractionMode Mode => Radiation is TimeOfFlightNeutrons ? DiffractionMode.TimeOfFlight : DiffractionMode.ConstantWavelength;

    /// <summary>The axis of the patterns this instrument records.</summary>
    public AxisKind Axis => Mode == DiffractionMode.TimeOfFlight ? AxisKind.TimeOfFlightMicroseconds : AxisKind.TwoThetaDegrees;

    /// <summary>The TCH profile of a constant-wavelength instrument; null for time of flight.</summary>
    public TchProfile? ConstantWavelengthProfile { get; }

    /// <summary>The FCJ axial-divergence asymmetry (constant wavelength); symmetric by default.</summary>
    public FcjAsymmetry Asymmetry { get; }

    /// <summary>The time-of-flight profile; null for constant wavelength.</summary>
    public TofProfile? TimeOfFlightProfile { get; }

    /// <summary>GSAS-II difB in µs·Å (time of flight; 0 otherwise).</summary>
    public double DifB { get; }

    /// <summary>Zero shift added to every peak position: degrees 2θ, or µs.</summary>
    public double ZeroShift { get; }

    /// <summary>The background.</summary>
    public PatternBackground Background { get; }

    /// <summary>A name for presets and files ("11-BM", the file read), or null.</summary>
    public string? Name { get; }

    /// <summary>The position of a reflection with spacing d at the principal wavelength (2θ in degrees or TOF in µs), zero shift included; NaN when it cannot diffract.</summary>
    /// <param name="dSpacing">d in Å.</param>
    public double Position(double dSpacing) => Radiation switch
    {
        TimeOfFlightNeutrons tof => tof.TimeOfFlight(dSpacing) + DifB / dSpacing + ZeroShift,
        ConstantWavelengthRadiation cw => cw.TwoTheta(dSpacing) + ZeroShift,
        _ => Radiation.Position(dSpacing) + ZeroShift,
    };

    /// <summary>2θ (degrees, zero shift included) of a reflection at another wavelength of the beam (the Kα2 line).</summary>
    /// <param name="dSpacing">d in Å.</param>
    /// <param name="wavelength">λ in Å.</param>
    public double Position(double dSpacing, double wavelength) =>
        ConstantWavelengthRadiation.TwoTheta(dSpacing, wavelength) + ZeroShift;

    /// <summary>A copy with another zero shift (degrees 2θ or µs).</summary>
    /// <param name="zeroShift">The shift.</param>
    public Instrument WithZeroShift(double zeroShift) =>
        new(Radiation, ConstantWavelengthProfile, Asymmetry, TimeOfFlightProfile, DifB, CheckFinite(zeroShift, nameof(zeroShift)), Background, Name);

    /// <summary>A copy with another background.</summary>
    /// <param name="background">The background.</param>
    public Instrument WithBackground(PatternBackground background)
    {
        ArgumentNullException.ThrowIfNull(background);
        return new(Radiation, ConstantWavelengthProfile, Asymmetry, TimeOfFlightProfile, DifB, ZeroShift, background, Name);
    }

    /// <summary>A copy with another TCH profile (constant wavelength only).</summary>
    /// <param name="profile">The profile.</param>
    /// <exception cref="InvalidOperationException">A time-of-flight instrument.</exception>
    public Instrument WithProfile(TchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (Mode != DiffractionMode.ConstantWavelength)
            throw new InvalidOperationException("A time-of-flight instrument takes a TofProfile, not a TCH profile.");
        return new(Radiation, profile, Asymmetry, null, 0, ZeroShift, Background, Name);
    }

    /// <summary>A copy with another TOF profile (time of flight only).</summary>
    /// <param name="profile">The profile.</param>
    /// <exception cref="InvalidOperationException">A constant-wavelength instrument.</exception>
    public Instrument WithProfile(TofProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (Mode != DiffractionMode.TimeOfFlight)
            throw new InvalidOperationException("A constant-wavelength instrument takes a TchProfile, not a TOF profile.");
        return new(Radiation, null, default, profile, DifB, ZeroShift, Background, Name);
    }

    /// <summary>A copy with another FCJ asymmetry (constant wavelength only).</summary>
    /// <param name="asymmetry">S/L and H/L.</param>
    /// <exception cref="InvalidOperationException">A time-of-flight instrument.</exception>
    public Instrument WithAsymmetry(FcjAsymmetry asymmetry)
    {
        if (Mode != DiffractionMode.ConstantWavelength)
            throw new InvalidOperationException("Axial-divergence asymmetry belongs to constant-wavelength instruments.");
        return new(Radiation, ConstantWavelengthProfile, asymmetry, null, 0, ZeroShift, Background, Name);
    }

    /// <summary>A copy with other radiation of the same kind (constant wavelength for CW, a TOF bank for TOF).</summary>
    /// <param name="radiation">The radiation.</param>
    /// <exception cref="ArgumentException">Radiation of the other mode.</exception>
    public Instrument WithRadiation(Radiation radiation)
    {
        ArgumentNullException.ThrowIfNull(radiation);
        if ((radiation is TimeOfFlightNeutrons) != (Mode == DiffractionMode.TimeOfFlight))
            throw new ArgumentException($"The instrument is {Mode}; {radiation} is not.", nameof(radiation));
        return new(radiation, ConstantWavelengthProfile, Asymmetry, TimeOfFlightProfile, DifB, ZeroShift, Background, Name);
    }

    /// <summary>A copy with a name.</summary>
    /// <param name="name">The name, or null.</param>
    public Instrument WithName(string? name) =>
        new(Radiation, ConstantWavelengthProfile, Asymmetry, TimeOfFlightProfile, DifB, ZeroShift, Background, name);

    // ------------------------------------------------------------------ presets

    /// <summary>The names <see cref="Preset"/> knows.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["lab-cu", "synchrotron-11bm", "neutron-cw", "tof-powgen"];

    /// <summary>
    /// A laboratory Cu Kα Bragg–Brentano diffractometer with GSAS-II's default lab profile
    /// (U = 2, V = −2, W = 5 centideg², X = Y = 0, SH/L = 0.002), Kα2/Kα1 = 0.5, unpolarised.
    /// Typical values, not a calibration.
    /// </summary>
    public static Instrument LaboratoryCopper { get; } =
        ConstantWavelength(LaboratoryXRays.Copper, ProfileConventions.FromGsasII(2, -2, 5, 0, 0),
                           ProfileConventions.AsymmetryFromGsasII(0.002)).WithName("lab-cu");

    /// <summary>
    /// A high-resolution synchrotron powder diffractometer: the 11-BM (APS) profile of its LaB6 fit
    /// (GSAS .prm: GU 1.163, GV −0.126, GW 0.063 centideg², LX 0.173 centideg, S/L = H/L = 0.0011),
    /// P = 0.99, at the wavelength given (11-BM's 0.413909 Å by default; the study's is ≈ 0.41 Å).
    /// </summary>
    /// <param name="wavelength">λ in Å.</param>
    public static Instrument Synchrotron(double wavelength = 0.413909) =>
        ConstantWavelength(new SynchrotronXRays(wavelength, 0.99), ProfileConventions.FromGsasII(1.163, -0.126, 0.063, 0.173, 0),
                           new FcjAsymmetry(0.0011, 0.0011)).WithName("synchrotron-11bm");

    /// <summary>
    /// A constant-wavelength neutron powder diffractometer with the D1A (ILL) Gaussian profile of the
    /// PbSO4 round robin (GSAS GU 354.0, GV −760.4, GW 651.6 centideg²), symmetric, at the wavelength
    /// given (1.622 Å, ECHIDNA's, by default). Typical values, not a calibration.
    /// </summary>
    /// <param name="wavelength">λ in Å.</param>
    public static Instrument ConstantWavelengthNeutrons(double wavelength = 1.622) =>
        ConstantWavelength(new ConstantWavelengthNeutrons(wavelength), ProfileConventions.FromGsasII(354.031, -760.404, 651.592, 0, 0))
            .WithName("neutron-cw");

    /// <summary>
    /// The POWGEN (SNS) 90° bank as GSAS-II's POWGEN_2665.instprm calibrates it: DIFC 22598.59 µs/Å,
    /// DIFA 0.6085 µs/Å², DIFB 43.72 µs·Å, ZERO −51.93 µs, α 0.11397, β₀ 0.019221, β₁ 0.069579,
    /// σ₀² 359.63, σ₁² −316.07, σ₂² 84.534, σ_q² 42.623.
    /// </summary>
    public static Instrument Powgen { get; } =
        TimeOfFlight(new TimeOfFlightNeutrons(22598.5929189, 90, 0.608482413519, -51.9252236832),
                     new TofProfile
                     {
                         Alpha1 = 0.113971083793, Beta0 = 0.0192205621316, Beta1 = 0.0695794246829,
                         Sigma0Squared = 359.628514515, Sigma1Squared = -316.074927848, Sigma2Squared = 84.5341148902,
                         SigmaQSquared = 42.6229689423,
                     },
                     difB: 43.7163363246).WithName("tof-powgen");

    /// <summary>A preset by name (case-insensitive): lab-cu, synchrotron-11bm, neutron-cw, tof-powgen; null when unknown.</summary>
    /// <param name="name">The name.</param>
    public static Instrument? Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "lab-cu" => LaboratoryCopper,
            "synchrotron-11bm" => Synchrotron(),
            "neutron-cw" => ConstantWavelengthNeutrons(),
            "tof-powgen" => Powgen,
            _ => null,
        };
    }

    // ------------------------------------------------------------------ from files

    /// <summary>The instrument of bank <paramref name="bank"/> of a GSAS-II .instprm or GSAS .prm file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="bank">The bank (1-based) when the file has several.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such bank.</exception>
    public static Instrument FromFile(string path, int bank = 1)
    {
        var sets = InstrumentParameterFile.Read(path);
        var set = sets.FirstOrDefault(s => (s.Bank ?? 1) == bank)
            ?? throw new ArgumentOutOfRangeException(nameof(bank), bank, $"{path} has no bank {bank} (it has {sets.Length}).");
        return FromParameters(set);
    }

    /// <summary>
    /// The instrument an instrument-parameter set describes, with the values converted to the library's
    /// units (<see cref="ProfileConventions"/>): GSAS-II and GSAS constant wavelength (U, V, W, GP
    /// variance in centideg² → FWHM² in deg²; X, Y centideg → deg; GSAS-II SH/L → S/L = H/L = SH/L/2,
    /// GSAS function 3 S/L and H/L as written; GSAS zero in centidegrees → degrees) and time of flight
    /// (α, β₀, β₁, β_q, σ₀², σ₁², σ₂², σ_q², X, Y, Z as GSAS-II defines them; DIFC, DIFA, ZERO into
    /// the radiation, DIFB into the instrument).
    /// </summary>
    /// <param name="set">The values read from the file.</param>
    /// <exception cref="ArgumentException">A set that lacks what an instrument needs (a wavelength, DIFC), or a FullProf file (not supported here).</exception>
    public static Instrument FromParameters(InstrumentParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Program == InstrumentFileProgram.FullProf)
            throw new ArgumentException("FullProf .irf files are not converted to an Instrument yet; give a GSAS-II .instprm or GSAS .prm.", nameof(set));
        string? name = set.SourceFile is null ? set.Title : Path.GetFileName(set.SourceFile);
        double V(InstrumentQuantity? q) => q?.Value ?? 0;
        if (set.Mode == DiffractionMode.TimeOfFlight)
        {
            double difc = set.DifC?.Value ?? throw new ArgumentException($"{name}: a time-of-flight bank needs difC.", nameof(set));
            var radiation = new TimeOfFlightNeutrons(difc, set.TwoTheta?.Value ?? 90, V(set.DifA), V(set.Zero));
            var profile = new TofProfile
            {
                Alpha1 = V(set.Alpha), Beta0 = V(set.Beta0), Beta1 = V(set.Beta1), BetaQ = V(set.BetaQ),
                Sigma0Squared = V(set.Sig0), Sigma1Squared = V(set.Sig1), Sigma2Squared = V(set.Sig2), SigmaQSquared = V(set.SigQ),
                Gamma0 = V(set.Z), Gamma1 = V(set.X), Gamma2 = V(set.Y),
            };
            if (set.Program == InstrumentFileProgram.Gsas && set.ProfileFunction == 3 && set.ProfileCoefficients.Length >= 9)
            {
                // GSAS TOF function 3: α, β0, β1, σ0², σ1², σ2², γ0, γ1, γ2, … (the reader maps the first six).
                profile = profile with
                {
                    Gamma0 = set.ProfileCoefficients[6], Gamma1 = set.ProfileCoefficients[7], Gamma2 = set.ProfileCoefficients[8],
                };
            }
            return TimeOfFlight(radiation, profile, V(set.DifB)).WithName(name);
        }

        ConstantWavelengthRadiation cw = ConstantWavelengthRadiationOf(set, name);
        double p = 0;
        FcjAsymmetry asymmetry = default;
        if (set.Program == InstrumentFileProgram.Gsas && set.ProfileFunction == 3 && set.ProfileCoefficients.Length >= 8)
        {
            // GSAS function 3: GU GV GW GP LX LY S/L H/L …; read S/L and H/L as written (GSAS-II adds them into SH/L).
            p = set.ProfileCoefficients[3];
            asymmetry = new FcjAsymmetry(Math.Max(0, set.ProfileCoefficients[6]), Math.Max(0, set.ProfileCoefficients[7]));
        }
        else if (set.ShL is { } shl)
        {
            asymmetry = ProfileConventions.AsymmetryFromGsasII(Math.Max(0, shl.Value));
        }
        var tch = ProfileConventions.FromGsasII(V(set.U), V(set.V), V(set.W), V(set.X), V(set.Y), p);
        double zero = set.Zero is { } z ? (z.Unit == "centideg" ? ProfileConventions.DegreesFromCentidegrees(z.Value) : z.Value) : 0;
        return ConstantWavelength(cw, tch, asymmetry, zero).WithName(name);
    }

    private static ConstantWavelengthRadiation ConstantWavelengthRadiationOf(InstrumentParameterSet set, string? name)
    {
        double? polarisation = set.Polarization?.Value;
        bool neutron = set.Probe == InstrumentProbe.Neutron;
        if (set.Wavelength1 is { } l1 && set.Wavelength2 is { } l2 && l2.Value > 0)
        {
            if (neutron) return new ConstantWavelengthNeutrons(l1.Value);
            return new LaboratoryXRays(l1.Value, Math.Max(l1.Value, l2.Value), set.IntensityRatio?.Value ?? 0.5,
                                       polarisation is { } pf ? new Polarisation(pf) : null);
        }
        double lambda = (set.Wavelength ?? set.Wavelength1)?.Value
            ?? throw new ArgumentException($"{name}: a constant-wavelength instrument needs a wavelength.", nameof(set));
        return neutron
            ? new ConstantWavelengthNeutrons(lambda)
            : new SynchrotronXRays(lambda, polarisation ?? 0.99);
    }

    private static double CheckFinite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");

    /// <summary>"synchrotron-11bm: synchrotron X-rays 0.413909 Å …, zero 0".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Name is null ? "" : Name + ": ")}{Radiation}, zero {ZeroShift}, background {Background}");
}
