using System.Globalization;
using Crystallography.Intergrowth.StructureModel;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Issue 4, "real patterns": the PbSO4 lab X-ray and D1A neutron patterns and the NAC + CaF2 POWGEN
/// TOF pattern simulated from their CIFs and instrument files, with nothing refined, scaled to the
/// data by one least-squares factor plus a fitted straight-line background.
/// </summary>
/// <remarks>
/// <para>What is tested, honestly: for each of the N strongest <em>isolated</em> calculated peaks
/// (no other reflection above 20 % of its intensity within 1.5 FWHM), the maximum of the calculated
/// pattern within ±1 FWHM of the Bragg position (so the Kα2 line and the FCJ asymmetry move it as they
/// move the data's) is compared with the maximum of the observed pattern within ±1 FWHM of it;
/// |Δ| must be below 0.5 FWHM. An argmax on a grid has an error of half a step, which is well below
/// 0.5 FWHM on all three patterns (X-ray: step 0.025°, FWHM ≥ 0.06°; neutron: 0.05°, ≥ 0.3°; TOF:
/// Δt/t = 4·10⁻⁴, FWHM/t ≈ 2·10⁻³); positions are refined to a fraction of a step by the vertex of
/// the parabola through the maximum and its neighbours. Δ is divided by the <em>observed</em> peak's
/// FWHM (measured at half height above the fitted background), because the instrument files' widths
/// are not refined to these data (INST_XRY.PRM holds GSAS-II's default lab widths, 0.05° against the
/// data's 0.13–0.2°). Intensities are not tested: Rwp is printed for information.</para>
/// <para>NAC + CaF2: only NAC's peaks (phase 0) are held to the criterion; the minor CaF2 phase's
/// strongest isolated peak, (1 1 1) near 71 200 µs, sits 0.6–0.7 observed FWHM above the data's
/// maximum with the CIF's starting cell (a = 5.4646 Å); it is printed, not asserted. GSAS-II's own
/// tutorial refines both cells before anything else.</para>
/// <para>Data: the PbSO4 files and all CIFs are committed under Data/ (GSAS-II licence); PG3_22048.gsa
/// (540 kB) is read in place from ../shared/data, like the reader tests do, and the test says
/// "NOT RUN" when it is absent.</para>
/// </remarks>
public sealed class RealPatternTests(ITestOutputHelper output)
{
    private const int StrongestPeaks = 15;

    [Fact]
    public void PbSO4_lab_xray_peaks_fall_on_the_data()
    {
        var phase = Cif.ReadPhases(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "PbSO4-Wyckoff.cif"))[0];
        var data = PowderFile.ReadSingle(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "PBSO4.XRA")).Slice(16, 110);
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "INST_XRY.PRM"));
        Check("PbSO4 X-ray (INST_XRY.PRM)", instrument, [new SimulatedPhase(phase)], data);
    }

    [Fact]
    public void PbSO4_cw_neutron_peaks_fall_on_the_data()
    {
        var phase = Cif.ReadPhases(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "PbSO4-Wyckoff.cif"))[0];
        var data = PowderFile.ReadSingle(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "PBSO4.CWN")).Slice(19, 120);
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "inst_d1a.prm"));
        Check("PbSO4 D1A neutrons (inst_d1a.prm)", instrument, [new SimulatedPhase(phase)], data);
    }

    [Theory]
    [InlineData("POWGEN_2665.instprm")] // the pairing of GSAS-II's regression test (PROVENANCE.md)
    [InlineData("POWGEN_1066.instprm")] // the frame the file header names (1.066 Å)
    public void NAC_time_of_flight_peaks_fall_on_the_data(string instrumentFile)
    {
        string? path = ReaderSharedData.Shared(output, "nac-sxrd-tof", "PG3_22048.gsa");
        if (path is null) return;
        var nac = Cif.ReadPhases(ReaderSharedData.Committed("nac-sxrd-tof", "NAC.cif"))[0];
        var caf2 = Cif.ReadPhases(ReaderSharedData.Committed("nac-sxrd-tof", "CaF2.cif"))[0];
        var data = PowderFile.ReadSingle(path).Slice(11000, 100000);
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("nac-sxrd-tof", instrumentFile));
        // ~10 % CaF2 (PROVENANCE.md), taken as weight fractions 0.9 : 0.1; the common factor is fitted.
        Check($"NAC + CaF2 POWGEN TOF ({instrumentFile})", instrument,
              SimulatedPhase.FromWeightFractions([(nac, 0.9), (caf2, 0.1)]), data, assertedPhases: 1);
    }

    // assertedPhases: the phases 0 … n − 1 whose peaks are held to the criterion; the others are printed only.
    private void Check(string label, Instrument instrument, IReadOnlyList<SimulatedPhase> phases, PowderPattern data, int assertedPhases = int.MaxValue)
    {
        var simulated = new PatternSimulator(instrument).Simulate(phases, PatternRange.FromPoints(data.X));
        var calc = simulated.Y.ToArray();
        var (scale, b0, b1) = FitScaleAndLine(data, calc);
        double x0 = data.X[0], span = data.X[^1] - data.X[0];
        var model = new double[calc.Length];
        for (int i = 0; i < calc.Length; i++) model[i] = scale * calc[i] + b0 + b1 * (data.X[i] - x0) / span;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {data.Count} points, {simulated.TickMarks.Count()} reflections; scale {scale:G6}, background {b0:G5} + {b1:G5}·t; Rwp (unrefined, background included) = {100 * WeightedProfileR(data, model):0.00} %"));

        var ticks = simulated.TickMarks.Where(r => r.Position > data.X[0] && r.Position < data.X[^1]).ToList();
        var isolated = ticks
            .Where(r => !ticks.Any(o => o != r && Math.Abs(o.Position - r.Position) < 1.5 * r.Fwhm && o.Intensity > 0.2 * r.Intensity))
            .OrderByDescending(r => r.Intensity)
            .Take(StrongestPeaks)
            .ToList();
        Assert.True(isolated.Count >= 8, $"{label}: only {isolated.Count} isolated strong peaks");
        double worst = 0;
        var background = new double[model.Length];
        for (int i = 0; i < model.Length; i++) background[i] = b0 + b1 * (data.X[i] - x0) / span;
        foreach (var peak in isolated)
        {
            int calcIndex = ArgMax(data.X, model, peak.Position - peak.Fwhm, peak.Position + peak.Fwhm);
            double calcMax = Vertex(data.X, model, calcIndex);
            double window = Math.Max(peak.Fwhm, 3 * Step(data.X, calcIndex));
            int obsIndex = ArgMax(data.X, data.Y, calcMax - window, calcMax + window);
            double obsMax = Vertex(data.X, data.Y, obsIndex);
            double obsFwhm = WidthAtHalfHeight(data.X, data.Y, background, obsIndex);
            double error = (obsMax - calcMax) / obsFwhm;
            if (peak.PhaseIndex < assertedPhases) worst = Math.Max(worst, Math.Abs(error));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {peak.Index} (phase {peak.PhaseIndex}) at {peak.Position:0.###}: calc max {calcMax:0.####}, obs max {obsMax:0.####}, FWHM calc {peak.Fwhm:0.####} obs {obsFwhm:0.####}, Δ = {error:+0.00;-0.00} FWHM(obs)"));
            if (peak.PhaseIndex >= assertedPhases) continue;
            Assert.True(Math.Abs(error) < 0.5, $"{label}: {peak.Index} observed at {obsMax}, calculated at {calcMax}: {error:0.00} observed FWHM apart");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  largest |Δ| = {worst:0.00} FWHM over {isolated.Count} peaks"));
    }

    private static int ArgMax(IReadOnlyList<double> x, IReadOnlyList<double> y, double lo, double hi)
    {
        double best = double.NegativeInfinity;
        int at = -1;
        for (int i = 0; i < x.Count; i++)
            if (x[i] >= lo && x[i] <= hi && y[i] > best)
            {
                best = y[i];
                at = i;
            }
        Assert.True(at >= 0, $"no point in [{lo}, {hi}]");
        return at;
    }

    private static double Step(IReadOnlyList<double> x, int i) => i + 1 < x.Count ? x[i + 1] - x[i] : x[i] - x[i - 1];

    /// <summary>The vertex of the parabola through the maximum and its two neighbours: the position to a fraction of a step.</summary>
    private static double Vertex(IReadOnlyList<double> x, IReadOnlyList<double> y, int i)
    {
        if (i == 0 || i == x.Count - 1) return x[i];
        double x0 = x[i - 1], x1 = x[i], x2 = x[i + 1], y0 = y[i - 1], y1 = y[i], y2 = y[i + 1];
        double denominator = (x0 - x1) * (x0 - x2) * (x1 - x2);
        double a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denominator;
        double b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denominator;
        if (!(a < 0)) return x1;
        return Math.Clamp(-b / (2 * a), x0, x2);
    }

    /// <summary>The observed peak's full width at half its height above the fitted background, interpolated between points.</summary>
    private static double WidthAtHalfHeight(IReadOnlyList<double> x, IReadOnlyList<double> y, double[] background, int peak)
    {
        double half = background[peak] + 0.5 * (y[peak] - background[peak]);
        int l = peak, r = peak;
        while (l > 0 && y[l] > half) l--;
        while (r < x.Count - 1 && y[r] > half) r++;
        double left = x[l] + (half - y[l]) / (y[l + 1] - y[l]) * (x[l + 1] - x[l]);
        double right = x[r - 1] + (y[r - 1] - half) / (y[r - 1] - y[r]) * (x[r] - x[r - 1]);
        return right - left;
    }

    /// <summary>Weighted least squares for y ≈ s·calc + b0 + b1·t, t = (x − x0)/span, w = 1/σ² (σ = 0 → weight 0).</summary>
    private static (double Scale, double B0, double B1) FitScaleAndLine(PowderPattern data, double[] calc)
    {
        var a = new double[3, 3];
        var b = new double[3];
        double x0 = data.X[0], span = data.X[^1] - data.X[0];
        for (int i = 0; i < data.Count; i++)
        {
            double s = data.Sigma[i];
            if (!(s > 0)) continue;
            double w = 1 / (s * s);
            double[] f = [calc[i], 1, (data.X[i] - x0) / span];
            for (int r = 0; r < 3; r++)
            {
                b[r] += w * f[r] * data.Y[i];
                for (int c = 0; c < 3; c++) a[r, c] += w * f[r] * f[c];
            }
        }
        // Gaussian elimination with partial pivoting on the 3×3 normal equations.
        for (int col = 0; col < 3; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int c = 0; c < 3; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < 3; r++)
            {
                double factor = a[r, col] / a[col, col];
                for (int c = col; c < 3; c++) a[r, c] -= factor * a[col, c];
                b[r] -= factor * b[col];
            }
        }
        var p = new double[3];
        for (int r = 2; r >= 0; r--)
        {
            double sum = b[r];
            for (int c = r + 1; c < 3; c++) sum -= a[r, c] * p[c];
            p[r] = sum / a[r, r];
        }
        return (p[0], p[1], p[2]);
    }

    private static double WeightedProfileR(PowderPattern data, double[] model)
    {
        double num = 0, den = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double s = data.Sigma[i];
            if (!(s > 0)) continue;
            double w = 1 / (s * s);
            num += w * (data.Y[i] - model[i]) * (data.Y[i] - model[i]);
            den += w * data.Y[i] * data.Y[i];
        }
        return Math.Sqrt(num / den);
    }
}
