using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Scripting.Tests;

/// <summary>
/// Runs every script of docs/examples with Roslyn scripting against the built assemblies and checks what each one
/// computes, so the examples cannot rot. A script without a check here fails <see cref="EveryScriptIsRunByATest"/>.
/// </summary>
public sealed class ExampleScriptTests(ITestOutputHelper output)
{
    private static string Examples => RepositoryLayout.PathOf("docs", "examples");

    /// <summary>Each script's checks, by file name.</summary>
    private static readonly Dictionary<string, Action<ScriptOutcome>> Checks = new()
    {
        ["simulate.csx"] = CheckSimulate,
        ["refine-single-phase.csx"] = CheckSinglePhase,
        ["refine-two-phase-joint.csx"] = CheckTwoPhaseJoint,
        ["scan-molar-ratio.csx"] = CheckScan,
        ["sequential-lattice.csx"] = CheckSequential,
    };

    public static TheoryData<string> Scripts() => [.. Checks.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryScriptIsRunByATest()
    {
        var files = Directory.GetFiles(Examples, "*.csx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        Assert.Equal(files, Checks.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptRunsAndComputesWhatItSays(string file)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = ScriptHost.RunFile(Path.Combine(Examples, file));
        output.WriteLine($"{file}: {watch.ElapsedMilliseconds} ms (compilation included)");
        output.WriteLine(outcome.Output);
        Checks[file](outcome);
    }

    // ---- per-script checks ----

    private static void CheckSimulate(ScriptOutcome outcome)
    {
        var ratios = Assert.IsType<double[]>(outcome.ReturnValue);
        Assert.Equal(6, ratios.Length);
        // With no intermixing (003) is the stronger line of the two; each step of z lowers the ratio.
        Assert.True(ratios[0] > 1, $"I(003)/I(104) at z = 0 is {ratios[0]}");
        for (int i = 1; i < ratios.Length; i++) Assert.True(ratios[i] < ratios[i - 1], $"ratio must fall with z: {ratios[i - 1]} → {ratios[i]}");
        Assert.Contains(outcome.Lines, l => l.StartsWith("layered: R -3 m", StringComparison.Ordinal));
        Assert.Contains(outcome.Lines, l => l.Contains("I(003)/I(104)", StringComparison.Ordinal));
    }

    private static void CheckSinglePhase(ScriptOutcome outcome)
    {
        var result = Assert.IsType<RefinementResult>(outcome.ReturnValue);
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        // The pattern was made from a = 2.94194 Å, c = 14.40729 Å, O z = 0.25716; the refinement started 1·10⁻³ Å, 8·10⁻³ Å
        // and 0.003 away. It must come back within 3 s.u., and the fit must be at the noise (GoF near 1).
        AssertWithin(result["layered/cell/a"], 2.94194, 3);
        AssertWithin(result["layered/cell/c"], 14.40729, 3);
        AssertWithin(result["layered/O1/z"], 0.25716, 3);
        AssertWithin(result["layered/M1/Uiso"], 0.0035, 3);
        Assert.InRange(result.Overall.GoodnessOfFit, 0.9, 1.1);
        Assert.Contains(outcome.Lines, l => l.StartsWith("Converged", StringComparison.Ordinal));
    }

    private static void CheckTwoPhaseJoint(ScriptOutcome outcome)
    {
        var result = Assert.IsType<RefinementResult>(outcome.ReturnValue);
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        // The truth: layered Li1 Li 0.30, rocksalt M1 Li 0.25; the start 0 and 0.6. The transfer brings both back within 3 s.u.
        AssertWithin(result["layered/Li1/occ[Li]"], 0.30, 3);
        AssertWithin(result["rocksalt/M1/occ[Li]"], 0.25, 3);
        AssertWithin(result["layered/cell/a"], 2.94194, 3);
        AssertWithin(result["rocksalt/cell/a"], 4.15874, 3);
        AssertWithin(result["layered/O1/z"], 0.25716, 3);
        // The sample's Li stays at 0.5 per O2: 0.7·(occ(Li1) + 0.2) + 0.3·2·occ(M1) — exactly, since one variable moves both.
        double total = 0.7 * (result["layered/Li1/occ[Li]"].Value + 0.2) + 0.3 * 2 * result["rocksalt/M1/occ[Li]"].Value;
        Assert.Equal(0.5, total, 10);
        Assert.All(result.Patterns, fit => Assert.InRange(fit.Agreement.GoodnessOfFit, 0.9, 1.15));
        // The script prints the derived transfer, whose integer form is the study's 7 and 6.
        Assert.Contains(outcome.Lines, l => l.Contains('7') && l.Contains('6') && l.Contains("Li1", StringComparison.Ordinal));
    }

    private static void CheckScan(ScriptOutcome outcome)
    {
        var scan = Assert.IsType<(double Fraction, double Rwp)[]>(outcome.ReturnValue);
        Assert.Equal([0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85], scan.Select(p => p.Fraction));
        // The pattern was simulated at f = 0.70: wRp falls towards it from both ends and is lowest there.
        int best = Array.IndexOf(scan, scan.MinBy(p => p.Rwp));
        Assert.Equal(0.70, scan[best].Fraction, 12);
        for (int i = 1; i <= best; i++) Assert.True(scan[i].Rwp < scan[i - 1].Rwp, $"wRp must fall towards 0.70 at {scan[i].Fraction}");
        for (int i = best + 1; i < scan.Length; i++) Assert.True(scan[i].Rwp > scan[i - 1].Rwp, $"wRp must rise past 0.70 at {scan[i].Fraction}");
        Assert.Contains("lowest wRp at f = 0.70 (ratio 2.33)", outcome.Lines);
    }

    private static void CheckSequential(ScriptOutcome outcome)
    {
        var results = Assert.IsType<RefinementResult[]>(outcome.ReturnValue);
        Assert.Equal(8, results.Length);
        for (int k = 0; k < results.Length; k++)
        {
            // The series was simulated with a = 2.94194·(1 − 0.005·k/7) Å and c = 14.40729·(1 + 0.008·k/7) Å.
            Assert.Equal(LeastSquaresStatus.Converged, results[k].Status);
            AssertWithin(results[k]["layered/cell/a"], 2.94194 * (1 - 0.005 * k / 7), 3);
            AssertWithin(results[k]["layered/cell/c"], 14.40729 * (1 + 0.008 * k / 7), 3);
        }
        // The table's last row: Δa/a ≈ −0.500 %, Δc/c ≈ +0.800 %, ΔV/V = (1 − 0.005)²(1 + 0.008) − 1 = −0.2098 %.
        var last = outcome.Lines.Single(l => l.StartsWith("   7  ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(-0.500, double.Parse(last[3], System.Globalization.CultureInfo.InvariantCulture), 2);
        Assert.Equal(0.800, double.Parse(last[4], System.Globalization.CultureInfo.InvariantCulture), 2);
        Assert.Equal(-0.210, double.Parse(last[5], System.Globalization.CultureInfo.InvariantCulture), 2);
    }

    private static void AssertWithin(StructureModel.MeasuredValue value, double truth, double uncertainties) =>
        Assert.True(Math.Abs(value.Value - truth) < uncertainties * value.StandardUncertainty,
            $"{value} is more than {uncertainties} s.u. from {truth}");
}
