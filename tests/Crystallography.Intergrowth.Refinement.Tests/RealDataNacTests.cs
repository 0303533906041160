using System.Diagnostics;
using System.Globalization;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// Na2Ca3Al2F14 (NAC, I2₁3) with a little CaF2, measured on POWGEN (TOF neutrons) and 11-BM (synchrotron X-rays):
/// (1) the TOF stages of GSAS-II's regression test tests/test_tofref.py, stage by stage against its Rwp values;
/// (2) a joint 11-BM + POWGEN two-phase refinement after GSAS-II's "TOF-CW Joint Refinement" tutorial
/// (docs/refinement-real-data-nac.md has the numbers, the conventions and the remaining differences).
/// </summary>
/// <remarks>
/// <para>Data: ../shared/data/nac-sxrd-tof (GSAS-II tutorials, Argonne licence). The files these tests need weigh
/// 3.1 MB (11BM_NAC.fxye alone 2.6 MB), over the ~3 MB the project copies into the repository, so they are read in
/// place; when the folder is absent each test writes "NOT RUN: …" to its output and returns.</para>
/// <para>GSAS-II's import of a GSAS TOF file is reproduced (GSASIIscriptable.load_pwd_from_reader): the points move to
/// the bin centres (x_i + x_{i+1})/2, y becomes y/Δx and w becomes w·Δx² (the file's Y are counts per bin, "Y multiplied
/// by the bin widths"); points with y ≤ 0 get w = 0 (G2pwd_fxye.GetFXYEdata). Without it stage 1 ends at 30.4 %, not 26.1 %.</para>
/// <para>Each GSAS-II phase–histogram pair carries crystallite size 1 µm and microstrain 1000·10⁻⁶, both Lorentzian, from
/// the start; ours are per pattern (<see cref="TofProfile"/>), so both phases share them. GSAS-II's phase fractions
/// are numbers of cells (intensity ∝ f·|F|²/V): equal starting fractions of one formula unit Na2Ca3Al2F14 (Z = 4) and
/// CaF2 (Z = 4) reproduce its 1 : 1 start.</para>
/// <para>Stage 1 (scale and background: linear, converged in both programs) comes out 4.5 % below GSAS-II's Rwp. The
/// whole difference is GSAS-II's EPSVOIGT, which evaluates the rise term of the Lorentzian part at α(−Δ + iH/2) instead
/// of the convolution's α(Δ + iH/2): with that sign (proposed engine option, see the docs) stage 1 gives 27.3447 % against
/// GSAS-II's 27.34119 %. GSAS-II's stages 2 and 3 are 2 unconverged cycles each, and our Rwp there is lower (by up to
/// 15 % at stage 3, whether after 2 cycles or converged); stage 4 agrees within 3 %.</para>
/// </remarks>
public sealed class RealDataNacTests(ITestOutputHelper output)
{
    private const string Folder = "nac-sxrd-tof";

    /// <summary>The issue's criterion: Rwp within 3 % (relative) of GSAS-II's.</summary>
    private const double RelativeTolerance = 0.03;

    /// <summary>
    /// Stage 1's lower allowance: GSAS-II's EPSVOIGT Lorentzian sign (remarks) puts its Rwp 4.5 % above the
    /// convolution's on these data; 6 % leaves room for the other, small, differences (peak windows, reflections
    /// just below the lower limit).
    /// </summary>
    private const double StageOneEpsVoigtAllowance = 0.06;

    // GSAS-II's Rwp (%) after each TOF stage: PROVENANCE.md, GSAS-II tests/test_tofref.py.
    private static readonly double[] GsasIIRwp = [27.34119, 23.272757, 20.966857, 17.202073];

    private static readonly string[] StageNames = ["scale + background", "+ NAC phase fraction", "+ cells", "+ microstrain"];

    // ------------------------------------------------------------------ part 1: GSAS-II's TOF regression test

    /// <summary>Stage 1 alone (histogram scale and 6 background terms; linear, so converged in two cycles).</summary>
    [Fact]
    public void Tof_stage_one_scale_and_background_against_gsas_ii()
    {
        if (TofInputs() is not { } inputs) return;
        var watch = Stopwatch.StartNew();
        var result = TofStage(inputs, 0, null, LevenbergMarquardtOptions.Default with { MaximumCycles = 10 });
        double rwp = 100 * result.Patterns[0].Agreement.Rwp;
        output.WriteLine(Invariant($"stage 1: {result}; Rwp {rwp:F4} % against GSAS-II {GsasIIRwp[0]} % ({(rwp / GsasIIRwp[0] - 1) * 100:+0.00;-0.00} %), {watch.ElapsedMilliseconds} ms"));
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.InRange(rwp, GsasIIRwp[0] * (1 - StageOneEpsVoigtAllowance), GsasIIRwp[0] * (1 + RelativeTolerance));
    }

    /// <summary>
    /// The four stages as GSAS-II's test runs them: 2 least-squares cycles per stage (<c>set_Controls('cycles', 2)</c>),
    /// each starting where the previous ended. GSAS-II's stages 2 and 3 stop far from convergence, so only stage 4 is
    /// held to the two-sided 3 %; no stage may be worse than GSAS-II's by more than 3 %.
    /// </summary>
    [Fact]
    [Trait("Category", "Exhaustive")]
    public void Tof_stages_two_cycles_each_as_gsas_ii_runs_them()
    {
        if (TofInputs() is not { } inputs) return;
        var rwp = RunTofStages(inputs, LevenbergMarquardtOptions.Default with { MaximumCycles = 2 }, requireConvergence: false);
        if (rwp is null) return;
        Assert.InRange(rwp[0], GsasIIRwp[0] * (1 - StageOneEpsVoigtAllowance), GsasIIRwp[0] * (1 + RelativeTolerance));
        for (int s = 0; s < 4; s++) Assert.True(rwp[s] <= GsasIIRwp[s] * (1 + RelativeTolerance), Invariant($"stage {s + 1}: Rwp {rwp[s]:F3} % > GSAS-II {GsasIIRwp[s]} % + 3 %"));
        Assert.InRange(rwp[3], GsasIIRwp[3] * (1 - RelativeTolerance), GsasIIRwp[3] * (1 + RelativeTolerance));
    }

    /// <summary>
    /// The same stages refined to convergence: every stage converges, none is worse than GSAS-II's 2-cycle value by
    /// more than 3 %, and the last (where GSAS-II is close to converged) agrees within 3 %.
    /// </summary>
    [Fact]
    [Trait("Category", "Exhaustive")]
    public void Tof_stages_refined_to_convergence()
    {
        if (TofInputs() is not { } inputs) return;
        var rwp = RunTofStages(inputs, LevenbergMarquardtOptions.Default with { MaximumCycles = 40 }, requireConvergence: true);
        if (rwp is null) return;
        for (int s = 0; s < 4; s++) Assert.True(rwp[s] <= GsasIIRwp[s] * (1 + RelativeTolerance), Invariant($"stage {s + 1}: Rwp {rwp[s]:F3} % > GSAS-II {GsasIIRwp[s]} % + 3 %"));
        Assert.InRange(rwp[3], GsasIIRwp[3] * (1 - RelativeTolerance), GsasIIRwp[3] * (1 + RelativeTolerance));
    }

    /// <summary>
    /// Stage 1 with GSAS-II's EPSVOIGT (<see cref="TofLorentzianConvention.GsasII"/>): the only model difference left
    /// in this linear stage is gone, and Rwp must equal GSAS-II's within 0.1 %.
    /// </summary>
    [Fact]
    public void Tof_stage_one_matches_gsas_ii_with_its_epsvoigt_convention()
    {
        if (TofInputs() is not { } inputs) return;
        var result = TofStage(inputs, 0, null, LevenbergMarquardtOptions.Default with { MaximumCycles = 10 }, GsasIIEpsVoigt);
        double rwp = 100 * result.Patterns[0].Agreement.Rwp;
        output.WriteLine(Invariant($"stage 1, GSAS-II EPSVOIGT: {result}; Rwp {rwp:F4} % against {GsasIIRwp[0]} % ({(rwp / GsasIIRwp[0] - 1) * 100:+0.000;-0.000} %)"));
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.InRange(rwp, GsasIIRwp[0] * 0.999, GsasIIRwp[0] * 1.001);
    }

    /// <summary>All four stages, converged, with GSAS-II's EPSVOIGT: none worse than GSAS-II by more than 3 %, stage 4 within 3 %.</summary>
    [Fact]
    [Trait("Category", "Exhaustive")]
    public void Tof_stages_with_gsas_ii_epsvoigt_convention()
    {
        if (TofInputs() is not { } inputs) return;
        var rwp = RunTofStages(inputs, LevenbergMarquardtOptions.Default with { MaximumCycles = 40 }, requireConvergence: true, GsasIIEpsVoigt);
        if (rwp is null) return;
        Assert.InRange(rwp[0], GsasIIRwp[0] * 0.999, GsasIIRwp[0] * 1.001);
        for (int s = 0; s < 4; s++) Assert.True(rwp[s] <= GsasIIRwp[s] * (1 + RelativeTolerance), Invariant($"stage {s + 1}: Rwp {rwp[s]:F3} % > GSAS-II {GsasIIRwp[s]} % + 3 %"));
        Assert.InRange(rwp[3], GsasIIRwp[3] * (1 - RelativeTolerance), GsasIIRwp[3] * (1 + RelativeTolerance));
    }

    private static readonly PatternSimulatorOptions GsasIIEpsVoigt = new() { TimeOfFlightLorentzian = TofLorentzianConvention.GsasII };

    private double[]? RunTofStages(TofData inputs, LevenbergMarquardtOptions options, bool requireConvergence, PatternSimulatorOptions? problemOptions = null)
    {
        var watch = Stopwatch.StartNew();
        var rwp = new double[4];
        RefinementResult? previous = null;
        for (int s = 0; s < 4; s++)
        {
            var result = TofStage(inputs, s, previous, options, problemOptions);
            rwp[s] = 100 * result.Patterns[0].Agreement.Rwp;
            output.WriteLine(Invariant($"stage {s + 1} ({StageNames[s]}): {result.Status} after {result.LeastSquares.Cycles} cycles; Rwp {rwp[s]:F4} % against GSAS-II {GsasIIRwp[s]} % ({(rwp[s] / GsasIIRwp[s] - 1) * 100:+0.00;-0.00} %); {watch.ElapsedMilliseconds} ms"));
            output.WriteLine(Invariant($"    NAC:CaF2 cells {result["NAC/fraction"].Value / result["CaF2/fraction"].Value:F3}, a(NAC) {result["NAC/cell/a"]} Å, a(CaF2) {result["CaF2/cell/a"]} Å, microstrain {result["hist:tof/Microstrain"]}"));
            Assert.True(result.Status is LeastSquaresStatus.Converged or LeastSquaresStatus.MaximumCycles, $"stage {s + 1}: {result.Status}");
            if (requireConvergence) Assert.Equal(LeastSquaresStatus.Converged, result.Status);
            previous = result;
        }
        return rwp;
    }

    private sealed record TofData(Phase Nac, Phase CaF2, RefinementPattern Pattern);

    private static readonly string[][] TofRefined =
    [
        ["hist:tof/scale"],
        ["hist:tof/scale", "NAC/fraction"],
        ["hist:tof/scale", "NAC/fraction", "NAC/cell/a", "CaF2/cell/a"],
        ["hist:tof/scale", "NAC/fraction", "NAC/cell/a", "CaF2/cell/a", "hist:tof/Microstrain"],
    ];

    // Stage s of test_tofref.py. GSAS-II refines the histogram scale by default and, from stage 2, NAC's phase
    // fraction with CaF2's held at 1; the 6 background terms throughout.
    private static RefinementResult TofStage(TofData data, int stage, RefinementResult? previous, LevenbergMarquardtOptions options,
                                             PatternSimulatorOptions? problemOptions = null)
    {
        var builder = Refinement.Of(data.Nac, data.CaF2).Against(data.Pattern)
            .WithFractions(("NAC", 0.1), ("CaF2", 0.1))
            .WithOptions(options)
            .WithProblemOptions(problemOptions ?? PatternSimulatorOptions.Default)
            .Refine(TofRefined[stage])
            .RefineWhere(id => id.Name == "bkg");
        if (previous is not null) builder = builder.StartingFrom(previous);
        return builder.Run();
    }

    private TofData? TofInputs()
    {
        if (Shared("PG3_22048.gsa") is not { } gsa || Shared("POWGEN_2665.instprm") is not { } instprm
            || Shared("NAC.cif") is not { } nacCif || Shared("CaF2.cif") is not { } caf2Cif) return null;
        var (nac, caf2) = Phases(nacCif, caf2Cif);
        // PG3_22048.gsa with POWGEN_2665.instprm: the pairing of GSAS-II's test (PROVENANCE.md), limits 11 000–100 000 µs.
        var pattern = TofPattern("tof", gsa, instprm, (11_000, 100_000), microstrain: 1000);
        output.WriteLine(pattern.ToString());
        return new TofData(nac, caf2, pattern);
    }

    // ------------------------------------------------------------------ part 2: joint 11-BM + POWGEN

    /// <summary>
    /// The tutorial's joint refinement, with one TOF bank: 11BM_NAC.fxye (11bm_gsas.prm, 2.5–32° 2θ) and PG3_22048.gsa
    /// (POWGEN_1066.instprm, the tutorial's pairing, 11 700–100 000 µs, d ≥ 0.52 Å), one set of mole fractions shared by
    /// both patterns and constrained to sum to 1. Stages as the tutorial's steps 3–5: scales and backgrounds; + fractions;
    /// + U, V, W and the capillary offset (11-BM), cells, the TOF pattern's hydrostatic strain D11 of each phase; + NAC's
    /// free coordinates and Uij.
    /// </summary>
    [Fact]
    [Trait("Category", "Exhaustive")]
    public void Joint_11bm_and_powgen_two_phase_fit()
    {
        if (Shared("11BM_NAC.fxye") is not { } fxye || Shared("11bm_gsas.prm") is not { } prm || Shared("PG3_22048.gsa") is not { } gsa
            || Shared("POWGEN_1066.instprm") is not { } instprm || Shared("NAC.cif") is not { } nacCif || Shared("CaF2.cif") is not { } caf2Cif) return;
        var watch = Stopwatch.StartNew();
        var (nac, caf2) = Phases(nacCif, caf2Cif);

        // 11-BM as GSAS-II reads 11bm_gsas.prm: only GU, GV, GW (X = Y = 0, SH/L 0.002); size 1 µm and, as the tutorial
        // sets for NAC, microstrain 100·10⁻⁶ in every pattern.
        var xrdInstrument = Instrument.FromFile(prm);
        xrdInstrument = xrdInstrument.WithProfile(xrdInstrument.ConstantWavelengthProfile! with
        {
            X = 0, Y = 0, CrystalliteSize = 1, SizeLorentzianFraction = 1, Microstrain = 100, StrainLorentzianFraction = 1,
        }).WithAsymmetry(ProfileConventions.AsymmetryFromGsasII(0.002));
        var xrd = RefinementPattern.FromPowderPattern("xrd", PowderFile.ReadSingle(fxye), xrdInstrument, 6, (2.5, 32));
        var tof = TofPattern("tof", gsa, instprm, (11_700, 100_000), microstrain: 100);
        output.WriteLine(xrd.ToString());
        output.WriteLine(tof.ToString());

        string[] scales = ["hist:xrd/scale", "hist:tof/scale"];
        string[] fractions = ["NAC/fraction", "CaF2/fraction"];
        string[] nonStructural = ["hist:xrd/U", "hist:xrd/V", "hist:xrd/W", "hist:xrd/offset", "NAC/cell/a", "CaF2/cell/a", "hist:tof/NAC.D11", "hist:tof/CaF2.D11"];
        // GSAS-II stops when χ² falls by less than 10⁻³ in a cycle. Here: χ² by less than 10⁻⁶ and every shift below
        // 5 % of its s.u. The D11 of the minor phase creeps (Gauss–Newton with large residuals converges linearly:
        // CaF2's peaks are broader than the shared profile), so the defaults (10⁻¹⁰, 10⁻⁴) would need ~100 cycles.
        var options = LevenbergMarquardtOptions.Default with { MaximumCycles = 60, RelativeChiSquaredTolerance = 1e-6, ShiftOverUncertaintyTolerance = 0.05 };
        RefinementBuilder Stage(RefinementResult? previous, params string[][] refined)
        {
            var b = Refinement.Of(nac, caf2).Against(xrd).Against(tof)
                .WithFractions(("NAC", 0.9), ("CaF2", 0.1))
                .Constrain("NAC/fraction + CaF2/fraction = 1")
                .WithOptions(options)
                .Refine(refined.SelectMany(r => r))
                .RefineWhere(id => id.Name == "bkg");
            return previous is null ? b : b.StartingFrom(previous);
        }

        var s1 = Stage(null, scales).Run();
        Report("step 3a: scales, backgrounds", s1, watch);
        var s2 = Stage(s1, scales, fractions).Run();
        Report("step 3b: + fractions", s2, watch);
        var s3 = Stage(s2, scales, fractions, nonStructural).Run();
        Report("step 4: + U V W, offset, cells, D11", s3, watch);
        // NAC's coordinates and Uij. CaF2's two Uiso stay at the CIF's values: with one profile per pattern CaF2's
        // broader peaks (GSAS-II gives each phase its own size and strain) drive its Uiso negative (−0.012 Å²).
        var s4 = Stage(s3, scales, fractions, nonStructural)
            .RefineWhere(id => id.Scope == "NAC" && id.Kind is ParameterKind.Coordinate or ParameterKind.Uaniso).Run();
        Report("step 5: + NAC x, Uij", s4, watch);
        output.WriteLine(s4.Table().ToText());

        foreach (var (stage, result) in new[] { ("3a", s1), ("3b", s2), ("4", s3), ("5", s4) })
            Assert.True(result.Status == LeastSquaresStatus.Converged, $"step {stage}: {result.Status}");

        // Fractions: Σ = 1 exactly. CaF2's weight fraction against the GSAS refinement distributed with the tutorial
        // (data/NAC-2015A.EXP, HAP MASSFR: 3.42(4) % PG3_22048, 2.56(2) % PG3_22049, 1.48(1) % 11-BM, fractions per
        // histogram there) — the tutorial's text says only "a minor (~10%) contamination": our one shared fraction must lie
        // in 1–4 wt %, that span widened by about ½ %; and in mole per cent of formula units (the 1.48–3.42 wt % are
        // 8.6–18 mol %) in 5–20 mol %.
        var mole = s4.MoleFractions;
        var weight = s4.WeightFractions;
        Assert.Equal(1.0, mole["NAC"].Value + mole["CaF2"].Value, 12);
        Assert.InRange(weight["CaF2"].Value, 0.01, 0.04);
        Assert.InRange(mole["CaF2"].Value, 0.05, 0.20);
        Assert.True(weight["CaF2"].StandardUncertainty > 0 && weight["CaF2"].StandardUncertainty < 0.002, $"s.u. {weight["CaF2"].StandardUncertainty}");

        // Rwp bounds from the tutorial: its Rw is 7.82 % after step 5 (x and U, three patterns): overall ≤ 1.25 × 7.82 %,
        // the allowance for what this fit lacks (the 2.665 Å bank, per-phase size/strain, refined size/strain);
        // each pattern ≤ 11.97 %, the largest per-histogram wRp of the tutorial's GSAS refinement (NAC-2015A.EXP, 11-BM).
        Assert.True(100 * s4.Overall.Rwp <= 1.25 * 7.82, Invariant($"overall Rwp {100 * s4.Overall.Rwp:F2} %"));
        foreach (var p in s4.Patterns) Assert.True(100 * p.Agreement.Rwp <= 11.97, Invariant($"{p.Name}: Rwp {100 * p.Agreement.Rwp:F2} %"));
        foreach (var (a, b) in new[] { (s1, s2), (s2, s3), (s3, s4) }) Assert.True(b.Overall.Rwp <= a.Overall.Rwp * (1 + 1e-9), "a stage with more parameters fit worse");

        // Cells: NAC ≈ 10.25 Å, CaF2 ≈ 5.464 Å (the CIFs: 10.251218(2), 5.464617(8) Å from the GSAS refinement), within 0.002 Å.
        Assert.Equal(10.251218, s4["NAC/cell/a"].Value, 0.002);
        Assert.Equal(5.464617, s4["CaF2/cell/a"].Value, 0.002);
        Assert.True(s4["NAC/cell/a"].StandardUncertainty is > 0 and < 1e-4);
    }

    private void Report(string stage, RefinementResult r, Stopwatch watch)
    {
        output.WriteLine(Invariant($"{stage}: {r} ({watch.ElapsedMilliseconds} ms); last shift/s.u. {(r.History.IsEmpty ? 0 : r.History[^1].LargestShiftOverUncertainty):G3}"));
        foreach (var p in r.Patterns) output.WriteLine(Invariant($"    {p.Name}: Rwp {100 * p.Agreement.Rwp:F3} %, GoF {p.Agreement.GoodnessOfFit:F2}"));
        foreach (var (phase, m) in r.MoleFractions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            output.WriteLine(Invariant($"    {phase}: {100 * m.Value:F3}({100 * m.StandardUncertainty:F3}) mol %, {100 * r.WeightFractions[phase].Value:F3}({100 * r.WeightFractions[phase].StandardUncertainty:F3}) wt %"));
        output.WriteLine(Invariant($"    a(NAC) {r["NAC/cell/a"]} Å, a(CaF2) {r["CaF2/cell/a"]} Å"));
    }

    // ------------------------------------------------------------------ shared helpers

    private string? Shared(string file)
    {
        string? path = RepositoryLayout.SharedData is { } shared ? Path.Combine(shared, Folder, file) : null;
        if (path is not null && File.Exists(path)) return path;
        output.WriteLine($"NOT RUN: ../shared/data/{Folder}/{file} is absent (read in place, not copied: the files needed weigh 3.1 MB).");
        return null;
    }

    private static (Phase Nac, Phase CaF2) Phases(string nacCif, string caf2Cif) =>
        (Cif.ReadPhases(nacCif)[0].WithName("NAC").PerFormulaUnit("Na2Ca3Al2F14"), Cif.ReadPhases(caf2Cif)[0].WithName("CaF2"));

    // A POWGEN pattern as GSAS-II imports it (see the class remarks), with GSAS-II's default sample broadening.
    private static RefinementPattern TofPattern(string name, string gsa, string instprm, (double From, double To) range, double microstrain)
    {
        var instrument = Instrument.FromFile(instprm);
        instrument = instrument.WithProfile(instrument.TimeOfFlightProfile! with
        {
            CrystalliteSize = 1, SizeLorentzianFraction = 1, Microstrain = microstrain, StrainLorentzianFraction = 1,
        });
        var (x, y, w) = GsasIITimeOfFlight(PowderFile.ReadSingle(gsa));
        return new RefinementPattern(name, x, y, w, instrument, new ChebyshevBackground(range.From, range.To, new double[6]), range);
    }

    /// <summary>GSASIIscriptable.load_pwd_from_reader for GSAS TOF data: bin centres, y/Δx, w·Δx²; y ≤ 0 or σ ≤ 0 → w = 0.</summary>
    private static (double[] X, double[] Y, double[] W) GsasIITimeOfFlight(PowderPattern raw)
    {
        int n = raw.Count - 1;
        var x = new double[n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double width = raw.X[i + 1] - raw.X[i];
            x[i] = raw.X[i] + width / 2;
            bool counted = raw.Y[i] > 0 && raw.Sigma[i] > 0;
            y[i] = counted ? raw.Y[i] / width : 0;
            w[i] = counted ? width * width / (raw.Sigma[i] * raw.Sigma[i]) : 0;
        }
        return (x, y, w);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
