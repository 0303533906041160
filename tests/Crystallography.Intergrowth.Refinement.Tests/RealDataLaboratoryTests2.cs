using System.Diagnostics;
using System.Globalization;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

using static Crystallography.Intergrowth.Refinement.Tests.RealData;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// Real laboratory and synchrotron X-ray patterns refined against published or saved refinements of the same data
/// (docs/refinement-real-data-lab.md): rutile + anatase (FullProf's "rutana" example, weight fractions), Mg2Si
/// (an IUCr-journal pdCIF, SPring-8), LiCoO2 (PowBase data, BBO-Rietveld's GSAS-II fits, COD models) and LaB6
/// (xrayutilities' fundamental-parameters example). None of these data may be copied into the repository (GPL,
/// PowBase copyleft, IUCr): every test reads ../shared/data in place and is reported as skipped, with the reason,
/// when that folder is absent. Each reference number asserted is quoted from the folder's PROVENANCE.md or from
/// the reference file itself (.sum, pdCIF, COD CIF); each tolerance is stated and explained where it is used.
/// </summary>
public sealed class RealDataLaboratoryTests2(ITestOutputHelper output)
{
    private const string RutileAnataseFolder = "rutile-anatase-qpa-lab-cuka";
    private const string Mg2SiFolder = "pdcif-iucr-rietveld-mg2si-c4br4s";
    private const string LiCoO2Folder = "licoo2-lab-cuka-bruker";
    private const string LaB6Folder = "lab6-lab-cuka-xrayutilities";

    private static string Shared(string folder, string file) =>
        Path.Combine(RepositoryLayout.SharedData ?? throw new InvalidOperationException("../shared/data is absent"), folder, file);

    // ------------------------------------------------------------------ rutile + anatase, FullProf "rutana"

    /// <summary>
    /// Two-phase quantitative analysis of FullProf's rutile/anatase example against its rutana.sum: weight fractions
    /// 78.05(68) / 21.95(33) %, cells, O positions, Rwp 12.6 % (all points, not background-corrected).
    /// </summary>
    /// <remarks>
    /// <para>Instrument from rutana.pcr: λ 1.5406/1.5443 Å, ratio 0.5, Cthm = cos²2θ_m = 0.7998 with Rpolarz 0.5, i.e.
    /// FullProf's (1 − K + K·Cthm·cos²2θ) = ours P + (1 − P)cos²2θ with P = 1/(1 + 0.7998); starting zero −0.03978° and
    /// the rutile profile (U 0.033578, V −0.023517, W 0.007986 deg², FullProf Y = 0.048037° on 1/cos θ = our X). Form
    /// factors: International Tables Ti4+ and O2− with f′, f″ at Cu Kα1 (FullProf's TI+4, O-2 with its dispersion).</para>
    /// <para>Structures: standard descriptions, not the .pcr's refined ones — rutile P4₂/mnm, Ti 2a, O 4f (x, x, 0),
    /// x = 0.3048 (Howard, Sabine &amp; Dickson, Acta Cryst. B47 (1991) 462); anatase I4₁/amd origin choice 1, Ti 4a
    /// (0, 0, 0), O 8e (0, 0, z), z = 0.2081 (Horn, Schwerdtfeger &amp; Meagher, Z. Kristallogr. 136 (1972) 273);
    /// FullProf's file uses origin choice 2 with Ti on 4b (0, ¼, ⅜), where its O z is ⅜ − ours.</para>
    /// <para>What differs from FullProf (and is why the tolerances are what they are): one TCH profile for both phases
    /// (FullProf refines U V W X Y per phase; anatase's peaks are broader, with its own tan θ Lorentzian), and FCJ axial
    /// asymmetry (S/L = H/L refined) instead of FullProf's Bérar–Baldinozzi function below 60°. The refinement is run
    /// twice: without any asymmetry every axis of both phases comes out 0.9–1.6·10⁻⁴ (relative) shorter than FullProf's;
    /// with FCJ, Rwp falls from ≈ 14.7 % to ≈ 12.9 % and every axis comes out 3.0–3.5·10⁻⁴ longer. FCJ's position parameter is
    /// the Bragg angle without axial divergence (the peak's maximum lies below it), a symmetric peak's is its maximum, and
    /// a Bérar–Baldinozzi peak's is in between; FullProf's cells lie between ours, which is asserted.</para>
    /// </remarks>
    [SharedDataFact(RutileAnataseFolder)]
    public void RutileAnataseWeightFractionsReproduceFullProf()
    {
        var watch = Stopwatch.StartNew();
        var data = FullProfDataFile.Read(Shared(RutileAnataseFolder, "rutana.dat"));
        // "20.00 0.010 99.00": 7901 steps; the file holds 8001 counts and FullProf reads the first 7901.
        Assert.Equal(7901, data.Count);
        Assert.Equal("100", data.Metadata["ExtraValues"]);

        var rutile = Phase.Create("rutile").WithSpaceGroup("P 42/m n m").WithCell(UnitCell.Tetragonal(4.594, 2.959))
            .AddSite("Ti", 0, 0, 0, "Ti4+").AddSite("O", 0.3048, 0.3048, 0, "O2-")
            .WithUiso("Ti", 0.01).WithUiso("O", 0.01).PerFormulaUnit("TiO2").Build();
        var anatase = Phase.Create("anatase").WithSpaceGroup("I 41/a m d").WithCell(UnitCell.Tetragonal(3.785, 9.514))
            .AddSite("Ti", 0, 0, 0, "Ti4+").AddSite("O", 0, 0, 0.2081, "O2-")
            .WithUiso("Ti", 0.01).WithUiso("O", 0.01).PerFormulaUnit("TiO2").Build();
        Assert.Equal((2, 4), (rutile.FormulaUnitsPerCell, anatase.FormulaUnitsPerCell));
        Assert.Equal([2, 4], rutile.Sites.Select(s => s.Multiplicity));
        Assert.Equal([4, 8], anatase.Sites.Select(s => s.Multiplicity));

        var tube = new LaboratoryXRays(1.5406, 1.5443, 0.5, new Polarisation(1 / (1 + 0.7998)), Anode.Copper);
        var instrument = Instrument.ConstantWavelength(tube, ProfileConventions.FromFullProf(0.033578, -0.023517, 0.007986, 0, 0.048037),
                                                       new FcjAsymmetry(0.01, 0.01), zeroShift: -0.03978);
        var scattering = ScatteringModel.XRay(FormFactorTable.InternationalTablesC1992).WithIonFormFactors().WithAnomalousDispersion(Anode.Copper);
        // FullProf: a 6-coefficient polynomial background (3 refined); here 6 Chebyshev terms over 20–99°.
        var pattern = RefinementPattern.FromPowderPattern("lab", data, instrument, 6).WithScattering(scattering);

        RefinementResult Run(bool asymmetric)
        {
            RefinementBuilder Builder() => asymmetric
                ? Refinement.Of(rutile, anatase).Against(pattern).WithOptions(RealDataOptions).Constrain("hist:lab/SL - hist:lab/HL = 0")
                : Refinement.Of(rutile, anatase).Against(pattern).WithOptions(RealDataOptions).StartingAt("hist:lab/SL", 0).StartingAt("hist:lab/HL", 0);
            var s0 = Builder().WithScales(("rutile", 1), ("anatase", 0.1)).StartingAt("hist:lab/bkg[0]", 60)
                .Refine("rutile/scale", "anatase/scale").RefineWhere(Background).WithMaximumCycles(5).Run();
            string[] cells = ["rutile/scale", "anatase/scale", "hist:lab/zero", "rutile/cell/a", "rutile/cell/c", "anatase/cell/a", "anatase/cell/c"];
            var s1 = Builder().StartingFrom(s0).Refine(cells).RefineWhere(Background).Run();
            string[] profile = [.. cells, "hist:lab/U", "hist:lab/V", "hist:lab/W", "hist:lab/X", "hist:lab/Y", .. asymmetric ? new[] { "hist:lab/SL", "hist:lab/HL" } : []];
            var s2 = Builder().StartingFrom(s1).Refine(profile).RefineWhere(Background).Run();
            var s3 = Builder().StartingFrom(s2).Refine(profile).Refine("rutile/O/x", "anatase/O/z")
                .RefineWhere(id => Background(id) || id.Name == "Uiso").Run();
            Report(asymmetric ? "TCH + FCJ" : "TCH, symmetric", s3);
            output.WriteLine($"   rutile a {s3["rutile/cell/a"]}, c {s3["rutile/cell/c"]}, O x {s3["rutile/O/x"]}; anatase a {s3["anatase/cell/a"]}, c {s3["anatase/cell/c"]}, O z {s3["anatase/O/z"]}; zero {s3["hist:lab/zero"]}");
            return s3;
        }

        var symmetric = Run(asymmetric: false);
        var fcj = Run(asymmetric: true);
        output.WriteLine(fcj.Table().ToText());
        output.WriteLine($"{watch.ElapsedMilliseconds} ms for both refinements");

        // rutana.sum: a, c of rutile 4.59275(6), 2.95898(5); of anatase 3.78190(8), 9.52779(25) Å.
        (string Id, double Value)[] cellsFullProf =
            [("rutile/cell/a", 4.59275), ("rutile/cell/c", 2.95898), ("anatase/cell/a", 3.78190), ("anatase/cell/c", 9.52779)];
        foreach (var result in new[] { symmetric, fcj })
        {
            Assert.Equal(LeastSquaresStatus.Converged, result.Status);
            // Weight fractions 78.05(68) / 21.95(33) %: within 2 of FullProf's s.u.
            AssertClose(0.7805, result.WeightFractions["rutile"].Value, 2 * 0.0068, "rutile weight fraction");
            AssertClose(0.2195, result.WeightFractions["anatase"].Value, 2 * 0.0068, "anatase weight fraction");
            // O positions: rutile x 0.30509(39); anatase z 0.16772(61) in FullProf's origin-2 setting = ⅜ − our z.
            AssertClose(0.30509, result["rutile/O/x"].Value, 3 * Math.Sqrt(Math.Pow(result["rutile/O/x"].StandardUncertainty, 2) + 0.00039 * 0.00039), "rutile O x");
            AssertClose(0.16772, 0.375 - result["anatase/O/z"].Value, 3 * Math.Sqrt(Math.Pow(result["anatase/O/z"].StandardUncertainty, 2) + 0.00061 * 0.00061), "anatase O z (origin 2)");
        }
        // Cells: FullProf's asymmetry lies between none and FCJ, and so do its cells: every axis of both phases lies between
        // our symmetric fit's (shorter) and our FCJ fit's (longer), and each fit is within 5·10⁻⁴ (relative) of FullProf's.
        foreach (var (id, value) in cellsFullProf)
        {
            AssertClose(value, symmetric[id].Value, 5e-4 * value, $"{id} (no asymmetry)");
            AssertClose(value, fcj[id].Value, 5e-4 * value, $"{id} (FCJ)");
            Assert.True(symmetric[id].Value < value && value < fcj[id].Value, $"{id}: FullProf's {value} not between {symmetric[id]} (no asymmetry) and {fcj[id]} (FCJ)");
        }
        // Rwp (all points, not background-corrected, as rutana.sum's 12.6 %): the FCJ fit within 15 % (relative) above it,
        // for the shared profile; and the asymmetry must pay (the symmetric fit is worse).
        double rwp = fcj.Patterns[0].Agreement.Rwp;
        Assert.True(rwp <= 1.15 * 0.126, $"Rwp {rwp:P2} vs FullProf 12.6 %");
        Assert.True(rwp < symmetric.Patterns[0].Agreement.Rwp);
    }

    // ------------------------------------------------------------------ Mg2Si, SPring-8, IUCr pdCIF

    /// <summary>
    /// The weights of gw5052Mg2Si's data loop. Its <c>_pd_proc_ls_weight</c> column holds √I (41.35 beside 1710 counts),
    /// not a weight 1/σ²: the column is σ = √I under the wrong name. The file's own calculated pattern
    /// (<c>_pd_calc_intensity_net</c>) gives the published Rwp 0.0351 with w = 1/I and not with w = the column, so the
    /// published refinement weighted by 1/I, and so does <see cref="Mg2SiSynchrotronReproducesPublishedRefinement"/>.
    /// </summary>
    [SharedDataFact(Mg2SiFolder)]
    public void Mg2SiWeightColumnIsTheSquareRootOfTheCounts()
    {
        string path = Shared(Mg2SiFolder, "gw5052Mg2Si_100K_LTsup2.rtv.combined.cif");
        var data = PdCifReader.Read(path);
        var (observed, calculated, column) = ReadMg2SiLoop(path);
        Assert.Equal(6801, data.Count);
        Assert.Equal(observed, data.Y.ToArray());
        for (int i = 0; i < observed.Length; i++)
        {
            // The reader takes the column at its word (σ = 1/√w); the column is √I to its two printed decimals.
            Assert.Equal(1 / Math.Sqrt(column[i]), data.Sigma[i], 12);
            Assert.True(Math.Abs(column[i] - Math.Sqrt(observed[i])) <= 0.0051, $"point {i}: column {column[i]} vs √I {Math.Sqrt(observed[i])}");
        }
        double Rwp(Func<int, double> weight)
        {
            double num = 0, den = 0;
            for (int i = 0; i < observed.Length; i++)
            {
                num += weight(i) * Math.Pow(observed[i] - calculated[i], 2);
                den += weight(i) * observed[i] * observed[i];
            }
            return Math.Sqrt(num / den);
        }
        double countingRwp = Rwp(i => 1 / observed[i]), columnRwp = Rwp(i => column[i]);
        output.WriteLine(FormattableString.Invariant($"Rwp of the published fit: w = 1/I {100 * countingRwp:F3} %, w = column {100 * columnRwp:F3} % (published 3.51 %)"));
        Assert.Equal(0.0351, countingRwp, 4);
        Assert.True(Math.Abs(columnRwp - 0.0351) > 0.001);
    }

    /// <summary>
    /// Mg2Si (Fm-3m, antifluorite) at 100 K, SPring-8 BL44B2 Debye–Scherrer camera, λ 0.49935 Å, against the published
    /// refinement in the same pdCIF: a = 6.334697(10) Å, Uiso Mg 0.00572(6), Si 0.00448(6) Å², Rwp 3.51 %, GoF 1.00,
    /// pseudo-Voigt, 12-term polynomial background, 32 parameters. Weights w = 1/I (see
    /// <see cref="Mg2SiWeightColumnIsTheSquareRootOfTheCounts"/>).
    /// </summary>
    /// <remarks>
    /// <para>Ours: TCH U V W X Y, FCJ S/L = H/L, zero, a, two Uiso, scale, 12 Chebyshev terms (24 parameters); P = 0.99
    /// (a vertical diffraction plane; a horizontal one, P ≈ 0, would cut the 75° intensities to cos²75° = 7 % and is
    /// incompatible with positive Uiso). The file does not name the program; its profile is an asymmetric pseudo-Voigt.</para>
    /// <para>Our Rwp is ≈ 4.2 %: 97 % of the χ² in excess of the published fit's lies between 11° and 19° (the strongest
    /// reflections, 220 at 12.8° and 311 at 15.0°, whose low-angle flank rises more steeply than a TCH × FCJ peak);
    /// above 19° our χ² equals the published fit's to a few percent (asserted within 10 %). The Uiso come out ≈ 0.001 Å²
    /// lower than published; leaving out the 220 reflection alone moves them up by ≈ 0.0005 Å², so they carry a profile
    /// model error of that order beside their 0.00008 Å² statistical s.u.: the tolerance is 0.0015 Å² (B ± 0.12 Å²),
    /// and the difference U(Mg) − U(Si), where a common bias cancels, within 0.0006 Å² of the published 0.00124 Å².</para>
    /// </remarks>
    [SharedDataFact(Mg2SiFolder)]
    public void Mg2SiSynchrotronReproducesPublishedRefinement()
    {
        var watch = Stopwatch.StartNew();
        string path = Shared(Mg2SiFolder, "gw5052Mg2Si_100K_LTsup2.rtv.combined.cif");
        var data = PdCifReader.Read(path);
        Assert.Equal(0.49935, data.Wavelength);
        Assert.Equal((7.0, 75.0), (data.XMin, data.XMax));
        var phase = Phase.Create("mg2si").WithSpaceGroup("F m -3 m").WithCell(UnitCell.Cubic(6.33))
            .AddSite("Mg", 0.25, 0.25, 0.25, "Mg").AddSite("Si", 0, 0, 0, "Si")
            .WithUiso("Mg", 0.005).WithUiso("Si", 0.005).PerFormulaUnit("Mg2Si").Build();
        var instrument = Instrument.ConstantWavelength(new SynchrotronXRays(0.49935, 0.99),
            new TchProfile { W = 0.0025 }, new FcjAsymmetry(0.001, 0.001));
        var pattern = new RefinementPattern("spring8", data.X, data.Y, data.Y.Select(y => 1 / y), instrument,
                                            new ChebyshevBackground(data.XMin, data.XMax, new double[12]));

        RefinementBuilder Builder() => Refinement.Of(phase).Against(pattern).WithOptions(RealDataOptions).Constrain("hist:spring8/SL - hist:spring8/HL = 0");
        var s0 = Builder().StartingAt("hist:spring8/bkg[0]", 800).Refine("hist:spring8/scale").RefineWhere(Background).WithMaximumCycles(5).Run();
        string[] profile = ["hist:spring8/scale", "hist:spring8/zero", "mg2si/cell/a",
                            "hist:spring8/U", "hist:spring8/V", "hist:spring8/W", "hist:spring8/X", "hist:spring8/Y"];
        var s1 = Builder().StartingFrom(s0).Refine(profile).RefineWhere(Background).Run();
        var s2 = Builder().StartingFrom(s1).Refine(profile).Refine("mg2si/Mg/Uiso", "mg2si/Si/Uiso", "hist:spring8/SL", "hist:spring8/HL")
            .RefineWhere(Background).Run();
        Report("Mg2Si", s2);
        output.WriteLine(s2.Table().ToText());

        // χ² by region, ours and the published fit's (its calculated column with w = 1/I).
        var fit = s2.Patterns[0];
        var (_, published, _) = ReadMg2SiLoop(path);
        double oursAbove = 0, theirsAbove = 0;
        for (double from = 7; from < 75; from += 4)
        {
            double ours = 0, theirs = 0;
            for (int i = 0; i < fit.X.Length; i++)
            {
                if (fit.X[i] < from || fit.X[i] >= from + 4) continue;
                ours += Math.Pow(fit.Observed[i] - fit.Calculated[i], 2) / fit.Observed[i];
                theirs += Math.Pow(fit.Observed[i] - published[i], 2) / fit.Observed[i];
            }
            if (from >= 19) (oursAbove, theirsAbove) = (oursAbove + ours, theirsAbove + theirs);
            output.WriteLine(FormattableString.Invariant($"  2θ {from,2}–{from + 4,2}°: χ² ours {ours,7:F0}, published {theirs,7:F0}"));
        }
        output.WriteLine($"{watch.ElapsedMilliseconds} ms");

        Assert.Equal(LeastSquaresStatus.Converged, s2.Status);
        var a = s2["mg2si/cell/a"];
        AssertClose(6.334697, a.Value, 3 * Math.Sqrt(a.StandardUncertainty * a.StandardUncertainty + 0.00001 * 0.00001), "a (Å)");
        AssertClose(0.00572, s2["mg2si/Mg/Uiso"].Value, 0.0015, "Mg Uiso (Å²)");
        AssertClose(0.00448, s2["mg2si/Si/Uiso"].Value, 0.0015, "Si Uiso (Å²)");
        AssertClose(0.00572 - 0.00448, s2["mg2si/Mg/Uiso"].Value - s2["mg2si/Si/Uiso"].Value, 0.0006, "Uiso(Mg) − Uiso(Si) (Å²)");
        double rwp = fit.Agreement.Rwp;
        Assert.True(rwp <= 1.25 * 0.0351, $"Rwp {rwp:P2} vs published 3.51 %");
        Assert.True(oursAbove <= 1.10 * theirsAbove, $"χ² above 19°: ours {oursAbove:F0}, published {theirsAbove:F0}");
    }

    /// <summary>The data loop of gw5052Mg2Si (observed, the published calculated intensity, the weight column), read directly.</summary>
    private static (double[] Observed, double[] Calculated, double[] WeightColumn) ReadMg2SiLoop(string path)
    {
        var block = CifDocument.Load(path).FindBlock("profile1") ?? throw new InvalidOperationException("no data_profile1 block");
        var loop = block.FindLoop("_pd_proc_intensity_net") ?? throw new InvalidOperationException("no data loop");
        double[] Column(string tag) => [.. loop.Column(tag).Select(v => v.AsNumber()!.Value.Value)];
        return (Column("_pd_proc_intensity_net"), Column("_pd_calc_intensity_net"), Column("_pd_proc_ls_weight"));
    }

    // ------------------------------------------------------------------ LiCoO2, PowBase, Bruker

    /// <summary>
    /// LiCoO2 (R-3m), laboratory Cu Kα1/Kα2 (Bruker UXD: 1.5406/1.54443 Å, ratio 0.514), refined over the range of
    /// BBO-Rietveld's best GSAS-II fit (32.76–86.56°, Rwp 8.4466 %, 9 background terms) from the COD 1550397 model
    /// (Rosolen et al. 1997, a powder refinement with Cu Kα). Refined: scale, 9 Chebyshev terms, zero, a, c, U V W X Y,
    /// S/L = H/L, O z (21 parameters).
    /// </summary>
    /// <remarks>
    /// <para>Assertions: a and c inside the span of the three COD models (a 2.814–2.8185, c 14.048–14.0664 Å); Rwp at
    /// most 1.2 × 8.4466 %. The cell is not a reference value for this pattern (no refinement of it is published):
    /// with a sample displacement instead of the zero, a and c come out 0.001 and 0.005 Å lower (the two shifts are
    /// 99 % correlated over this range), still inside the span.</para>
    /// <para>O z: LiCoO2 platelets lie flat on a Bragg–Brentano holder, so (0 0 l) lines are too strong and (1 0 1),
    /// (0 1 2) too weak against a random-powder model (obs/calc ≈ 1.2–1.5 and ≈ 0.7–0.8 over the full range). The engine
    /// has no preferred-orientation parameter (a March–Dollase patch is proposed in docs/refinement-real-data-lab.md), so
    /// O z, which moves the 00l intensities, absorbs part of it: 0.2618 here, 0.267 over 16–136°, against 0.2603 from the
    /// single-crystal COD 4505482 (½ − 0.2397) and 0.2592 from COD 1550397. Asserted within 0.003 of 0.2603.</para>
    /// </remarks>
    [SharedDataFact(LiCoO2Folder)]
    public void LiCoO2LaboratoryCellLiesInsideTheCodModels()
    {
        var watch = Stopwatch.StartNew();
        var data = BrukerUxdReader.Read(Shared(LiCoO2Folder, "LiCoO2.UXD"));
        Assert.Equal(4001, data.Count);
        Assert.Equal(0.514, data.WavelengthIntensityRatio);
        // The same counts as the binary RAW file (which stores no Kα2 ratio).
        Assert.True(data.Y.SequenceEqual(BrukerRawReader.Read(Shared(LiCoO2Folder, "LiCoO2.RAW")).Y));
        var phase = Cif.ReadPhase(Shared(LiCoO2Folder, "1550397.cif")).WithName("licoo2");
        Assert.Equal(0.2592, phase.Sites.Single(s => s.Label == "O1").Position.Z);

        var tube = new LaboratoryXRays(data.Wavelengths[0], data.Wavelengths[1], data.WavelengthIntensityRatio!.Value, Polarisation.Unpolarised, Anode.Copper);
        var instrument = Instrument.ConstantWavelength(tube, new TchProfile { U = 0.01, V = -0.005, W = 0.01, X = 0.02, Y = 0.02 }, new FcjAsymmetry(0.01, 0.01));
        var pattern = RefinementPattern.FromPowderPattern("lab", data, instrument, 9, (32.76, 86.56)).WithScattering(ScatteringModel.For(tube, anomalousDispersion: true));
        RefinementBuilder Builder() => Refinement.Of(phase).Against(pattern).WithOptions(RealDataOptions).Constrain("hist:lab/SL - hist:lab/HL = 0");
        var s0 = Builder().StartingAt("hist:lab/bkg[0]", 500).Refine("hist:lab/scale").RefineWhere(Background).WithMaximumCycles(5).Run();
        string[] cell = ["hist:lab/scale", "hist:lab/zero", "licoo2/cell/a", "licoo2/cell/c", "hist:lab/W"];
        var s1 = Builder().StartingFrom(s0).Refine(cell).RefineWhere(Background).Run();
        string[] profile = [.. cell, "hist:lab/U", "hist:lab/V", "hist:lab/X", "hist:lab/Y", "hist:lab/SL", "hist:lab/HL"];
        var s2 = Builder().StartingFrom(s1).Refine(profile).RefineWhere(Background).Run();
        var s3 = Builder().StartingFrom(s2).Refine(profile).Refine("licoo2/O1/z").RefineWhere(Background).Run();
        Report("LiCoO2", s3);
        output.WriteLine(s3.Table().ToText());
        output.WriteLine($"{watch.ElapsedMilliseconds} ms");

        Assert.Equal(LeastSquaresStatus.Converged, s3.Status);
        Assert.Equal(21, s3.Refined.Length);
        Assert.InRange(s3["licoo2/cell/a"].Value, 2.814, 2.8185);
        Assert.InRange(s3["licoo2/cell/c"].Value, 14.048, 14.0664);
        AssertClose(0.5 - 0.2397, s3["licoo2/O1/z"].Value, 0.003, "O z (COD 4505482, single crystal)");
        double rwp = s3.Patterns[0].Agreement.Rwp;
        Assert.True(rwp <= 1.2 * 0.084466, $"Rwp {rwp:P2} vs BBO-Rietveld's GSAS-II 8.45 %");
    }

    /// <summary>
    /// The same refinement as <see cref="LiCoO2LaboratoryCellLiesInsideTheCodModels"/> plus a March–Dollase ratio along
    /// (0 0 1) (<c>hist:lab/licoo2.MD</c>): the platelet texture the random-powder fit leaves in its residuals. The ratio
    /// comes out below 1 (platelets), Rwp falls below BBO-Rietveld's best GSAS-II fit (8.4466 %), and O z returns to the
    /// single-crystal value of COD 4505482 (½ − 0.2397(2)), within 3 × the combined s.u.
    /// </summary>
    [SharedDataFact(LiCoO2Folder)]
    public void LiCoO2PreferredOrientationRestoresTheOxygenPosition()
    {
        var watch = Stopwatch.StartNew();
        var data = BrukerUxdReader.Read(Shared(LiCoO2Folder, "LiCoO2.UXD"));
        var phase = Cif.ReadPhase(Shared(LiCoO2Folder, "1550397.cif")).WithName("licoo2");
        var tube = new LaboratoryXRays(data.Wavelengths[0], data.Wavelengths[1], data.WavelengthIntensityRatio!.Value, Polarisation.Unpolarised, Anode.Copper);
        var instrument = Instrument.ConstantWavelength(tube, new TchProfile { U = 0.01, V = -0.005, W = 0.01, X = 0.02, Y = 0.02 }, new FcjAsymmetry(0.01, 0.01));
        var pattern = RefinementPattern.FromPowderPattern("lab", data, instrument, 9, (32.76, 86.56)).WithScattering(ScatteringModel.For(tube, anomalousDispersion: true));
        Assert.Equal(new MillerIndex(0, 0, 1), pattern.PreferredOrientationAxis("licoo2"));
        RefinementBuilder Builder() => Refinement.Of(phase).Against(pattern).WithOptions(RealDataOptions).Constrain("hist:lab/SL - hist:lab/HL = 0");
        var s0 = Builder().StartingAt("hist:lab/bkg[0]", 500).Refine("hist:lab/scale").RefineWhere(Background).WithMaximumCycles(5).Run();
        string[] cell = ["hist:lab/scale", "hist:lab/zero", "licoo2/cell/a", "licoo2/cell/c", "hist:lab/W"];
        var s1 = Builder().StartingFrom(s0).Refine(cell).RefineWhere(Background).Run();
        string[] profile = [.. cell, "hist:lab/U", "hist:lab/V", "hist:lab/X", "hist:lab/Y", "hist:lab/SL", "hist:lab/HL"];
        var s2 = Builder().StartingFrom(s1).Refine(profile).RefineWhere(Background).Run();
        var s3 = Builder().StartingFrom(s2).Refine(profile).Refine("licoo2/O1/z", "hist:lab/licoo2.MD").RefineWhere(Background).Run();
        Report("LiCoO2 + March–Dollase", s3);
        output.WriteLine(s3.Table().ToText());
        output.WriteLine($"{watch.ElapsedMilliseconds} ms");

        Assert.Equal(LeastSquaresStatus.Converged, s3.Status);
        var ratio = s3["hist:lab/licoo2.MD"];
        Assert.True(ratio.Value < 1 - 3 * ratio.StandardUncertainty, $"March–Dollase ratio {ratio}");
        var z = s3["licoo2/O1/z"];
        AssertClose(0.5 - 0.2397, z.Value, 3 * Math.Sqrt(z.StandardUncertainty * z.StandardUncertainty + 0.0002 * 0.0002), "O z (COD 4505482, single crystal)");
        Assert.InRange(s3["licoo2/cell/a"].Value, 2.814, 2.8185);
        Assert.InRange(s3["licoo2/cell/c"].Value, 14.048, 14.0664);
        double rwp = s3.Patterns[0].Agreement.Rwp;
        Assert.True(rwp <= 0.084466, $"Rwp {rwp:P2} vs BBO-Rietveld's GSAS-II 8.45 %");
    }

    // ------------------------------------------------------------------ LaB6, xrayutilities

    /// <summary>
    /// LaB6 (Pm-3m, a = 4.15692 Å fixed, La 1a, B 6f x = 0.1975, B_iso 0.05 and 0.15 Å², all as in xrayutilities'
    /// test_simpack_powdermodel.py) with a TCH × FCJ profile instead of the reference's fundamental-parameters model:
    /// Cu Kα1/Kα2 with the reference's emission intensities 1 : 0.45, weights 1/σ² from the file, the reference's
    /// range 18–148°, 12 Chebyshev terms (the reference: a spline through 14 fixed points). Refined: scale, background,
    /// zero, displacement, transparency, U V W X Y, S/L = H/L (23 parameters).
    /// </summary>
    /// <remarks>
    /// The reference requires χ² = Σ w (yo − yc)² / (N − Nvar) &lt; 1.5 (its <c>chi2max</c>; Rietveld_error_metrics), the
    /// same quantity as our reduced χ². We reach ≈ 1.37: the FPA's source of truth (tube tails, the Si strip detector's
    /// window, the flat-specimen and axial terms from the geometry) is replaced by refined widths and FCJ, which
    /// describe this instrument's peaks closely enough. Asserted: convergence and the reference's own bound.
    /// </remarks>
    [SharedDataFact(LaB6Folder)]
    public void LaB6TchFcjFitMeetsTheFundamentalParametersBound()
    {
        var watch = Stopwatch.StartNew();
        var data = PowderFile.ReadSingle(Shared(LaB6Folder, "LaB6_d500_si_psd.xye"));
        Assert.Equal(17381, data.Count);
        Assert.Equal(SigmaSource.File, data.SigmaSource);
        var phase = Phase.Create("lab6").WithSpaceGroup("P m -3 m").WithCell(UnitCell.Cubic(4.15692))
            .AddSite("La", 0, 0, 0, "La").AddSite("B", 0.1975, 0.5, 0.5, "B")
            .WithUiso("La", 0.05 / EightPiSquared).WithUiso("B", 0.15 / EightPiSquared).Build();
        var tube = LaboratoryXRays.Copper.WithKAlpha2Ratio(0.45);
        var instrument = Instrument.ConstantWavelength(tube, new TchProfile { U = 0.002, V = -0.001, W = 0.003, X = 0.01, Y = 0.01 }, new FcjAsymmetry(0.01, 0.01));
        var pattern = RefinementPattern.FromPowderPattern("psd", data, instrument, 12, (18, 148)).WithScattering(ScatteringModel.For(tube, anomalousDispersion: true));
        RefinementBuilder Builder() => Refinement.Of(phase).Against(pattern).WithOptions(RealDataOptions).Constrain("hist:psd/SL - hist:psd/HL = 0");
        var s0 = Builder().StartingAt("hist:psd/bkg[0]", 200).Refine("hist:psd/scale").RefineWhere(Background).WithMaximumCycles(5).Run();
        var s1 = Builder().StartingFrom(s0).Refine("hist:psd/scale", "hist:psd/zero", "hist:psd/W").RefineWhere(Background).Run();
        string[] all = ["hist:psd/scale", "hist:psd/zero", "hist:psd/displacement", "hist:psd/transparency",
                        "hist:psd/U", "hist:psd/V", "hist:psd/W", "hist:psd/X", "hist:psd/Y", "hist:psd/SL", "hist:psd/HL"];
        var s2 = Builder().StartingFrom(s1).Refine(all).RefineWhere(Background).Run();
        Report("LaB6", s2);
        output.WriteLine(s2.Table().ToText());
        output.WriteLine($"{watch.ElapsedMilliseconds} ms");

        Assert.Equal(LeastSquaresStatus.Converged, s2.Status);
        Assert.Equal(23, s2.Refined.Length);
        var agreement = s2.Patterns[0].Agreement;
        Assert.True(agreement.ReducedChiSquared < 1.5, $"reduced χ² {agreement.ReducedChiSquared:F3} vs the reference's bound 1.5");
    }

    // ------------------------------------------------------------------ helpers

    private void Report(string stage, RefinementResult r)
    {
        output.WriteLine($"{stage}: {r}");
        foreach (var p in r.Patterns)
            output.WriteLine(FormattableString.Invariant(
                $"   {p.Name}: Rwp {100 * p.Agreement.Rwp:F3} %, Rexp {100 * p.Agreement.Rexp:F3} %, reduced χ² {p.Agreement.ReducedChiSquared:F3}"));
        foreach (var (phase, w) in r.WeightFractions) output.WriteLine($"   {phase}: weight fraction {w}");
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            FormattableString.Invariant($"{what}: {actual:G7} vs reference {expected:G7} (tolerance ±{tolerance:G3})"));

    /// <summary>A fact that reads ../shared/data/FOLDER in place: skipped, with the reason, when the folder is absent.</summary>
    private sealed class SharedDataFactAttribute : FactAttribute
    {
        public SharedDataFactAttribute(string folder)
        {
            if (RepositoryLayout.SharedData is not { } root || !Directory.Exists(Path.Combine(root, folder)))
                Skip = $"../shared/data/{folder} is absent: this test reads data that may not be copied into the repository (GPL, PowBase or IUCr)";
        }
    }
}
