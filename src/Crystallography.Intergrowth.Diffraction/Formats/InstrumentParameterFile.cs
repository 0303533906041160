using System.Collections.Immutable;
using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads instrument-parameter files into <see cref="InstrumentParameterSet"/>s, one per bank, keeping each program's
/// units (see the remarks of <see cref="InstrumentParameterSet"/>): GSAS-II <c>.instprm</c>, GSAS <c>.prm</c>/<c>.iparm</c>/<c>.ins</c>
/// (constant wavelength and time of flight), and FullProf time-of-flight <c>.irf</c>. The program is detected from the content.
/// </summary>
public static class InstrumentParameterFile
{
    /// <summary>Reads every bank of an instrument-parameter file.</summary>
    /// <exception cref="PowderDataFormatException">The file is not one of the supported kinds or is malformed.</exception>
    public static ImmutableArray<InstrumentParameterSet> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(PowderFileText.ReadAllText(path), path);
    }

    /// <summary>Parses the text of an instrument-parameter file, detecting its program.</summary>
    public static ImmutableArray<InstrumentParameterSet> Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Detect(text) switch
        {
            InstrumentFileProgram.Gsas => ParseGsas(text, fileName),
            InstrumentFileProgram.GsasII => ParseGsasII(text, fileName),
            InstrumentFileProgram.FullProf => [ParseFullProfIrf(text, fileName)],
            _ => throw new PowderDataFormatException(fileName, 1,
                     "an instrument-parameter file: GSAS-II 'key:value' lines, GSAS 'INS' records, or a FullProf .irf"),
        };
    }

    /// <summary>The program that wrote an instrument file, judged from its text, or null when unrecognised.</summary>
    public static InstrumentFileProgram? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = PowderFileText.SplitLines(text).Select(l => l.Text).Where(l => l.Trim().Length > 0).Take(60).ToList();
        if (lines.Any(l => l.StartsWith("INS ", StringComparison.Ordinal) && l.Length > 6)) return InstrumentFileProgram.Gsas;
        if (lines.Any(l => l.StartsWith("#GSAS-II", StringComparison.OrdinalIgnoreCase))
            || lines.Count(l => l[0] != '#' && l.Contains(':', StringComparison.Ordinal)) >= 3
               && lines.Any(l => l.StartsWith("Type:", StringComparison.Ordinal)))
            return InstrumentFileProgram.GsasII;
        if (lines.Any(l => l.TrimStart().StartsWith("NPROF", StringComparison.OrdinalIgnoreCase)
                        || l.TrimStart().StartsWith("ZD2TOF", StringComparison.OrdinalIgnoreCase)
                        || l.TrimStart().StartsWith("D2TOF", StringComparison.OrdinalIgnoreCase)))
            return InstrumentFileProgram.FullProf;
        return null;
    }

    // ---------------------------------------------------------------- GSAS-II .instprm

    /// <summary>
    /// Parses a GSAS-II <c>.instprm</c>: "key:value" lines, <c>#</c> comments; "#Bank n" comment lines start a new bank
    /// (GSAS-II's multi-bank form). Each bank must give "Type".
    /// </summary>
    public static ImmutableArray<InstrumentParameterSet> ParseGsasII(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var banks = new List<(int Bank, int Line, Dictionary<string, (string Value, int Line)> Items)>();
        var current = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        int bankNo = 1, bankLine = 1;
        string? title = null;
        foreach (var (number, raw) in PowderFileText.SplitLines(text))
        {
            string s = raw.Trim();
            if (s.Length == 0) continue;
            if (s[0] == '#')
            {
                string c = s.TrimStart('#').Trim();
                if (c.StartsWith("Bank", StringComparison.OrdinalIgnoreCase))
                {
                    var t = PowderFileText.Tokens(c[4..].Replace(':', ' '));
                    if (current.Count > 0) banks.Add((bankNo, bankLine, current));
                    current = new(StringComparer.Ordinal);
                    bankNo = t.Length > 0 && int.TryParse(t[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) ? b : banks.Count + 1;
                    bankLine = number;
                }
                else title ??= c;
                continue;
            }
            int colon = s.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new PowderDataFormatException(fileName, number, "'key:value' (GSAS-II .instprm)", s);
            current[s[..colon].Trim()] = (s[(colon + 1)..].Trim(), number);
        }
        if (current.Count > 0) banks.Add((bankNo, bankLine, current));
        if (banks.Count == 0) throw new PowderDataFormatException(fileName, 0, "'key:value' lines (GSAS-II .instprm)");
        return [.. banks.Select(b => GsasIIBank(b.Bank, b.Line, b.Items, fileName, title, banks.Count > 1))];
    }

    private static InstrumentParameterSet GsasIIBank(int bank, int bankLine, Dictionary<string, (string Value, int Line)> items,
                                                     string? fileName, string? title, bool multiBank)
    {
        if (!items.TryGetValue("Type", out var type))
            throw new PowderDataFormatException(fileName, bankLine, $"a 'Type:' entry (PXC, PNC, PNT, …) in bank {bank}");
        string code = type.Value.Trim();
        if (code.Length < 3 || code[0] != 'P')
            throw new PowderDataFormatException(fileName, type.Line, "a powder Type such as PXC, PNC, PXB or PNT", code);
        bool tof = code[2] == 'T';
        InstrumentQuantity? Q(string key, string unit)
        {
            if (!items.TryGetValue(key, out var v)) return null;
            // Older .instprm files write some entries as "[value, value, flag]" lists: take the first number.
            string s = v.Value.Trim().TrimStart('[').Split(',')[0].Trim().TrimEnd(']');
            return new InstrumentQuantity(PowderFileText.Parse(s, fileName, v.Line, $"a number for '{key}'"), unit);
        }
        string lorentzUnitX = tof ? "µs/Å" : "centideg", lorentzUnitY = tof ? "µs/Å²" : "centideg";
        return new InstrumentParameterSet
        {
            Program = InstrumentFileProgram.GsasII,
            Mode = tof ? DiffractionMode.TimeOfFlight : DiffractionMode.ConstantWavelength,
            Probe = code[1] switch { 'X' => InstrumentProbe.XRay, 'N' => InstrumentProbe.Neutron, _ => InstrumentProbe.Unknown },
            SourceFile = fileName,
            Bank = multiBank ? bank : 1,
            TypeCode = code,
            Title = title,
            Wavelength = Q("Lam", "Å"),
            Wavelength1 = Q("Lam1", "Å"),
            Wavelength2 = Q("Lam2", "Å"),
            IntensityRatio = Q("I(L2)/I(L1)", "1"),
            Zero = Q("Zero", tof ? "µs" : "deg"),
            Polarization = Q("Polariz.", "1"),
            U = tof ? null : Q("U", "centideg²"),
            V = tof ? null : Q("V", "centideg²"),
            W = tof ? null : Q("W", "centideg²"),
            X = Q("X", lorentzUnitX),
            Y = Q("Y", lorentzUnitY),
            Z = Q("Z", tof ? "µs" : "centideg"),
            ShL = Q("SH/L", "1"),
            Azimuth = Q("Azimuth", "deg"),
            DifC = Q("difC", "µs/Å"),
            DifA = Q("difA", "µs/Å²"),
            DifB = Q("difB", "µs·Å"),
            TwoTheta = Q("2-theta", "deg"),
            FlightPath = Q("fltPath", "m"),
            Alpha = Q("alpha", "Å/µs"),
            Beta0 = Q("beta-0", "1/µs"),
            Beta1 = Q("beta-1", "Å⁴/µs"),
            BetaQ = Q("beta-q", "Å²/µs"),
            Sig0 = Q("sig-0", "µs²"),
            Sig1 = Q("sig-1", "µs²/Å²"),
            Sig2 = Q("sig-2", "µs²/Å⁴"),
            SigQ = Q("sig-q", "µs²/Å"),
            Raw = items.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal),
        };
    }

    // ---------------------------------------------------------------- GSAS .prm

    /// <summary>
    /// Parses a GSAS instrument-parameter file: "INS  n KEY value" records (columns 1–3 "INS", 4–6 the bank, 7–12 the key,
    /// 13– the values). ICONS is read in its fixed columns (λ1, λ2, ZERO, unused, POLA, IPOLA, KRATIO for CW; DIFC, DIFA,
    /// ZERO for TOF); PRCFk gives the profile function, its number of terms and cut-off, PRCFkj its coefficients.
    /// </summary>
    public static ImmutableArray<InstrumentParameterSet> ParseGsas(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var global = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var perBank = new SortedDictionary<int, Dictionary<string, (string Value, int Line)>>();
        foreach (var (number, raw) in PowderFileText.SplitLines(text))
        {
            if (!raw.StartsWith("INS", StringComparison.Ordinal)) continue; // header rulers and comments
            string padded = raw.PadRight(12);
            string bankField = padded[3..6].Trim();
            string key = padded[6..12].Trim();
            string value = raw.Length > 12 ? raw[12..] : "";
            if (key.Length == 0) throw new PowderDataFormatException(fileName, number, "a record name in columns 7–12 of an INS record", raw.Trim());
            if (bankField.Length == 0) { global[key] = (value, number); continue; }
            if (!int.TryParse(bankField, NumberStyles.Integer, CultureInfo.InvariantCulture, out int bank))
                throw new PowderDataFormatException(fileName, number, "a bank number in columns 4–6 of an INS record", bankField);
            if (!perBank.TryGetValue(bank, out var d)) perBank[bank] = d = new(StringComparer.Ordinal);
            d[key] = (value, number);
        }
        if (perBank.Count == 0) throw new PowderDataFormatException(fileName, 0, "'INS  n' records (GSAS instrument file)");
        if (global.TryGetValue("BANK", out var nb) && int.TryParse(nb.Value.Trim(), out int declared) && declared != perBank.Count)
            throw new PowderDataFormatException(fileName, nb.Line, $"{declared} banks as declared, found records for {perBank.Count}");
        return [.. perBank.Select(kv => GsasBank(kv.Key, kv.Value, global, fileName))];
    }

    private static InstrumentParameterSet GsasBank(int bank, Dictionary<string, (string Value, int Line)> items,
                                                   Dictionary<string, (string Value, int Line)> global, string? fileName)
    {
        string htype = global.TryGetValue("HTYPE", out var h) ? h.Value.Trim() : "";
        if (items.TryGetValue("HTYPE", out var hb)) htype = hb.Value.Trim();
        if (!items.TryGetValue("ICONS", out var icons))
            throw new PowderDataFormatException(fileName, 0, $"an 'INS{bank,3} ICONS' record for bank {bank}");
        bool tof = htype.Length >= 3 ? htype[2] == 'T' : items.ContainsKey("BNKPAR");
        var raw = global.Concat(items).GroupBy(kv => kv.Key).ToImmutableDictionary(g => g.Key, g => g.Last().Value.Value.Trim(), StringComparer.Ordinal);

        // Profile function: PRCF1 "type nterms cutoff", PRCF11.. PRCF1j coefficients, four to a record.
        int? function = null;
        var coefficients = ImmutableArray<double>.Empty;
        if (items.TryGetValue("PRCF1", out var prcf))
        {
            var t = PowderFileText.Tokens(prcf.Value);
            if (t.Length < 2 || !int.TryParse(t[0], out int f) || !int.TryParse(t[1], out int nterms))
                throw new PowderDataFormatException(fileName, prcf.Line, "PRCF1: profile function number and number of terms", prcf.Value.Trim());
            function = f;
            var c = new List<double>();
            for (int j = 1; c.Count < nterms; j++)
            {
                if (!items.TryGetValue("PRCF1" + j.ToString(CultureInfo.InvariantCulture), out var rec))
                    throw new PowderDataFormatException(fileName, prcf.Line, $"{nterms} profile coefficients in PRCF11…, found {c.Count} (record PRCF1{j} missing)");
                foreach (string tok in PowderFileText.Tokens(rec.Value))
                    if (c.Count < nterms) c.Add(PowderFileText.Parse(tok, fileName, rec.Line, $"a number in PRCF1{j}"));
            }
            coefficients = [.. c];
        }
        double C(int k) => k < coefficients.Length ? coefficients[k] : 0.0;
        string? title = items.TryGetValue("I HEAD", out var head) ? head.Value.Trim() : null;
        var probe = htype.Length >= 2 ? htype[1] switch { 'X' => InstrumentProbe.XRay, 'N' => InstrumentProbe.Neutron, _ => InstrumentProbe.Unknown }
                                      : InstrumentProbe.Unknown;
        var set = new InstrumentParameterSet
        {
            Program = InstrumentFileProgram.Gsas,
            Mode = tof ? DiffractionMode.TimeOfFlight : DiffractionMode.ConstantWavelength,
            Probe = probe,
            SourceFile = fileName,
            Bank = bank,
            TypeCode = htype.Length > 0 ? htype : null,
            Title = title,
            ProfileFunction = function,
            ProfileCoefficients = coefficients,
            Raw = raw,
        };
        if (tof)
        {
            var t = PowderFileText.Tokens(icons.Value);
            if (t.Length < 3) throw new PowderDataFormatException(fileName, icons.Line, "ICONS: DIFC DIFA ZERO", icons.Value.Trim());
            set = set with
            {
                DifC = new(PowderFileText.Parse(t[0], fileName, icons.Line, "ICONS: a number DIFC"), "µs/Å"),
                DifA = new(PowderFileText.Parse(t[1], fileName, icons.Line, "ICONS: a number DIFA"), "µs/Å²"),
                Zero = new(PowderFileText.Parse(t[2], fileName, icons.Line, "ICONS: a number ZERO"), "µs"),
            };
            if (items.TryGetValue("BNKPAR", out var bp))
            {
                var b = PowderFileText.Tokens(bp.Value);
                if (b.Length < 2) throw new PowderDataFormatException(fileName, bp.Line, "BNKPAR: flight path and 2θ", bp.Value.Trim());
                set = set with
                {
                    FlightPath = new(PowderFileText.Parse(b[0], fileName, bp.Line, "BNKPAR: a number (flight path)"), "m"),
                    TwoTheta = new(PowderFileText.Parse(b[1], fileName, bp.Line, "BNKPAR: a number (2θ)"), "deg"),
                };
            }
            if (function is >= 1 and <= 3 && coefficients.Length >= 6)
                set = set with
                {
                    Alpha = new(C(0), "Å/µs"), Beta0 = new(C(1), "1/µs"), Beta1 = new(C(2), "Å⁴/µs"),
                    Sig0 = new(C(3), "µs²"), Sig1 = new(C(4), "µs²/Å²"), Sig2 = new(C(5), "µs²/Å⁴"),
                };
            return set;
        }

        // CW ICONS in fixed columns: λ1 (F10), λ2 (F10), ZERO (F10, centidegrees), unused (F10), POLA (F10), IPOLA (I5), KRATIO (F10).
        string v = icons.Value;
        double? F(int start, int width, string what)
        {
            if (start >= v.Length) return null;
            string f = v.Substring(start, Math.Min(width, v.Length - start));
            if (f.Trim().Length == 0) return null;
            return PowderFileText.Parse(f, fileName, icons.Line, $"ICONS: a number ({what}) in columns {start + 13}–{start + 12 + width}");
        }
        double lam1 = F(0, 10, "λ1") ?? throw new PowderDataFormatException(fileName, icons.Line, "ICONS: λ1 in columns 13–22", v.Trim());
        double lam2 = F(10, 10, "λ2") ?? 0;
        double zero = F(20, 10, "ZERO") ?? 0;
        double? pola = F(40, 10, "POLA");
        double? kratio = F(55, 10, "KRATIO");
        set = set with
        {
            Wavelength = lam2 == 0 ? new(lam1, "Å") : null,
            Wavelength1 = lam2 != 0 ? new(lam1, "Å") : null,
            Wavelength2 = lam2 != 0 ? new(lam2, "Å") : null,
            IntensityRatio = lam2 != 0 && kratio is { } k ? new(k, "1") : null,
            Zero = new(zero, "centideg"),
            Polarization = pola is { } p ? new(p, "1") : null,
        };
        if (function is not null && coefficients.Length >= 3)
            set = set with { U = new(C(0), "centideg²"), V = new(C(1), "centideg²"), W = new(C(2), "centideg²") };
        set = function switch
        {
            // 1: Gaussian; GU GV GW asym F1 F2.
            1 => set with { Asymmetry = new(C(3), "1") },
            // 2: pseudo-Voigt; GU GV GW LX LY trns asym shft …
            2 => set with { X = new(C(3), "centideg"), Y = new(C(4), "centideg"), Asymmetry = new(C(6), "1") },
            // 3: TCH pseudo-Voigt with FCJ asymmetry; GU GV GW GP LX LY S/L H/L … — GSAS-II's single SH/L
            // stands for S/L + H/L (its FCJ code uses S/L = H/L = SH/L / 2), so the sum is stored here;
            // the separate values stay in ProfileCoefficients[6] and [7].
            3 => set with { X = new(C(4), "centideg"), Y = new(C(5), "centideg"), ShL = new(C(6) + C(7), "1") },
            _ => set,
        };
        return set;
    }

    // ---------------------------------------------------------------- FullProf .irf (TOF)

    /// <summary>
    /// Parses a FullProf time-of-flight instrumental resolution file: NPROF, TOFRG (min step max), ZD2TOF (Zero Dtt1 Dtt2) or
    /// D2TOF (Dtt1 Dtt2 [Zero]), TWOTH, SIGMA (σ2 σ1 σ0), GAMMA, ALFBE, and the NPROF 9 table LIST_SIG_GAM_ALF_BET_SHIFT
    /// (d, σ², γ, α, β, shift) up to NPOINTS or END. Lines starting with <c>!</c> are comments. One bank.
    /// </summary>
    public static InstrumentParameterSet ParseFullProfIrf(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var table = ImmutableArray.CreateBuilder<TofResolutionPoint>();
        string? title = null;
        bool inTable = false;
        int? nprof = null;
        var set = new InstrumentParameterSet { Program = InstrumentFileProgram.FullProf, Mode = DiffractionMode.TimeOfFlight, Probe = InstrumentProbe.Neutron, SourceFile = fileName, Bank = 1 };
        double[] Numbers(string[] t, int count, int line, string what)
        {
            if (t.Length - 1 < count) throw new PowderDataFormatException(fileName, line, $"{t[0]}: {what}", string.Join(" ", t));
            var r = new double[count];
            for (int k = 0; k < count; k++) r[k] = PowderFileText.Parse(t[k + 1], fileName, line, $"{t[0]}: {what}");
            return r;
        }
        foreach (var (number, rawLine) in PowderFileText.SplitLines(text))
        {
            string s = rawLine.Trim();
            if (s.Length == 0) continue;
            if (s[0] == '!') continue;
            var t = PowderFileText.Tokens(s);
            string key = t[0].ToUpperInvariant();
            if (inTable)
            {
                if (PowderFileText.AllNumbers(t))
                {
                    var n = Numbers(["row", .. t], 6, number, "d, σ², γ, α, β, shift");
                    table.Add(new TofResolutionPoint(n[0], n[1], n[2], n[3], n[4], n[5]));
                    continue;
                }
                inTable = false;
            }
            if (title is null && !PowderFileText.AllNumbers(t) && number == 1) { title = s; continue; }
            raw[key] = string.Join(" ", t.Skip(1));
            switch (key)
            {
                case "NPROF": nprof = (int)Numbers(t, 1, number, "the profile function number")[0]; break;
                case "TOFRG": { var n = Numbers(t, 3, number, "TOF min, step, max"); set = set with { TofRange = (n[0], n[1], n[2]) }; break; }
                case "ZD2TOF":
                    {
                        var n = Numbers(t, 2, number, "Zero Dtt1 [Dtt2]");
                        double dtt2 = t.Length > 3 ? PowderFileText.Parse(t[3], fileName, number, "ZD2TOF: a number Dtt2") : 0;
                        set = set with { Zero = new(n[0], "µs"), DifC = new(n[1], "µs/Å"), DifA = new(dtt2, "µs/Å²") };
                        break;
                    }
                case "D2TOF":
                    {
                        var n = Numbers(t, 1, number, "Dtt1 [Dtt2 [Zero]]");
                        double dtt2 = t.Length > 2 ? PowderFileText.Parse(t[2], fileName, number, "D2TOF: a number Dtt2") : 0;
                        double zero = t.Length > 3 ? PowderFileText.Parse(t[3], fileName, number, "D2TOF: a number Zero") : 0;
                        set = set with { DifC = new(n[0], "µs/Å"), DifA = new(dtt2, "µs/Å²"), Zero = new(zero, "µs") };
                        break;
                    }
                case "TWOTH": set = set with { TwoTheta = new(Numbers(t, 1, number, "the bank 2θ")[0], "deg") }; break;
                case "SIGMA":
                    {
                        var n = Numbers(t, 3, number, "σ2 σ1 σ0");
                        set = set with { Sig2 = new(n[0], "µs²/Å⁴"), Sig1 = new(n[1], "µs²/Å²"), Sig0 = new(n[2], "µs²") };
                        break;
                    }
                case "LIST_SIG_GAM_ALF_BET_SHIFT": inTable = true; break;
                case "NPOINTS":
                    {
                        int declared = (int)Numbers(t, 1, number, "the number of table points")[0];
                        if (declared != table.Count)
                            throw new PowderDataFormatException(fileName, number, $"{declared} table rows as NPOINTS says, found {table.Count}");
                        break;
                    }
            }
        }
        if (set.DifC is null) throw new PowderDataFormatException(fileName, 0, "a ZD2TOF or D2TOF line (TOF calibration)");
        if (nprof == 9 && table.Count == 0) throw new PowderDataFormatException(fileName, 0, "the LIST_SIG_GAM_ALF_BET_SHIFT table required by NPROF 9");
        return set with
        {
            Title = title,
            ProfileFunction = nprof,
            ResolutionTable = table.ToImmutable(),
            Raw = raw.ToImmutableDictionary(StringComparer.Ordinal),
        };
    }
}
