using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crystallography.Intergrowth.Cli.Demo;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The command <c>demo [pbso4] [--plot FILE] [--json FILE] [--quiet]</c>. Without an argument: the reference study's joint
/// two-phase refinement of Li1.2Ni0.4Ru0.4O2 on the two patterns embedded in the tool, simulated from Table S1
/// (<see cref="StudyDemoModel"/>, Data/demo/README.md), from a perturbed start in three stages, then the refined values
/// with s.u. beside the true ones, the mole and weight fractions, the R factors and the Rietveld plot. With <c>pbso4</c>:
/// the real PbSO4 X-ray + neutron recipe of docs/examples, run from its embedded copy by <see cref="RefineCommand"/>.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The plot file written when <c>--plot</c> is not given.</summary>
    public const string DefaultPlot = "intergrowth-demo.svg";

    /// <summary>The PbSO4 example's plot file when <c>--plot</c> is not given.</summary>
    public const string DefaultPbSO4Plot = "intergrowth-demo-pbso4.svg";

    private const string ResourcePrefix = "Crystallography.Intergrowth.Cli.Demo.";
    private const string PbSO4Prefix = "pbso4/";
    private const string PbSO4Recipe = "docs/examples/pbso4-joint.json";

    // The perturbed start: every refined structural parameter off Table S1 by many s.u., the molar ratio at 50:50, 3 % Ni on
    // the Li layer (the truth has none), zero shifts at 0, backgrounds flat at 0, the overall scales estimated from the data.
    private static readonly (double A, double C, double OxygenZ, double MetalUiso, double OxygenUiso, double Antisite) LayeredStart =
        (2.9412, 14.404, 0.2585, 0.006, 0.010, 0.03);
    private static readonly (double A, double CationUiso, double AnionUiso) RocksaltStart = (4.1580, 0.006, 0.006);
    private const double StartingLayeredFraction = 0.5;

    private static readonly ParameterId Antisite = ParameterId.Occupancy("layered", "Li1", "Ni");

    // What each stage adds, crystallographers' order: linear terms first, then positions of peaks, then intensities.
    private static readonly (string Name, string[] Parameters)[] Stages =
    [
        ("scales, zero shifts, backgrounds", ["hist:sxrd/scale", "hist:cwn/scale", "hist:sxrd/zero", "hist:cwn/zero"]),
        ("+ cells and molar ratio", ["layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/fraction", "rocksalt/fraction"]),
        ("+ O z, Uiso, Li/Ni exchange", ["layered/O1/z", "layered/M1/Uiso", "layered/O1/Uiso", "rocksalt/M1/Uiso", "rocksalt/O1/Uiso",
            "layered/Li1/occ[Ni]", "layered/Li1/occ[Li]", "layered/M1/occ[Li]", "layered/M1/occ[Ni]"]),
    ];

    private const int CyclesPerStage = 30;

    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count > 1)
            throw new UsageException($"demo takes at most one example name, found {args.Positionals.Count}: {string.Join(" ", args.Positionals)}.");
        string example = args.Positionals.Count == 0 ? "study" : args.Positionals[0];
        return example.ToLowerInvariant() switch
        {
            "study" => RunStudy(args, stdout, stderr),
            "pbso4" => RunPbSO4(args, stdout, stderr),
            _ => throw new UsageException($"unknown example '{example}'; the examples are 'study' (the default) and 'pbso4'."),
        };
    }

    // ------------------------------------------------------------------ the study

    private static int RunStudy(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        bool quiet = args.HasFlag("--quiet");
        string plot = args.Option("--plot") ?? DefaultPlot;
        var watch = Stopwatch.StartNew();

        stdout.WriteLine("Demo: the reference study's joint two-phase Rietveld refinement of Li1.2Ni0.4Ru0.4O2");
        stdout.WriteLine("Data: SIMULATED from Supplementary Table S1 (layered R-3m + rocksalt Fm-3m, 70:30 per O2) with Poisson counting noise,");
        stdout.WriteLine("      embedded in the tool (Data/demo/README.md); the 'true' column below is the model they were simulated from.");
        var patterns = StudyDemoModel.Patterns.Select(Load).ToArray();
        foreach (var (pattern, demo) in patterns.Zip(StudyDemoModel.Patterns))
            stdout.WriteLine($"  {pattern.Name}: {demo.Description}, {pattern.X.Length} points");

        var layered = StudyDemoModel.Layered(LayeredStart.A, LayeredStart.C, LayeredStart.OxygenZ, LayeredStart.MetalUiso, LayeredStart.OxygenUiso,
                                             LayeredStart.Antisite);
        var rocksalt = StudyDemoModel.Rocksalt(RocksaltStart.A, RocksaltStart.CationUiso, RocksaltStart.AnionUiso);
        var exchange = SiteExchange.Create(layered, "Li1", "Li", "M1", "Ni");
        var sumOfFractions = LinearConstraint.Parse("layered/fraction + rocksalt/fraction = 1");
        stdout.WriteLine("Constraints:");
        stdout.WriteLine($"  {sumOfFractions} (mole fractions of O2 formula units)");
        foreach (var c in exchange.Constraints) stdout.WriteLine($"  {c.Description ?? c.ToString()}");
        stdout.WriteLine($"  (Li/Ni exchange between 3b and 3a, one variable z = {Antisite}: both sites stay full, the composition is kept)");
        stdout.WriteLine();

        RefinementResult? previous = null;
        ParameterCatalog? start = null;
        var refined = new List<string>();
        for (int s = 0; s < Stages.Length; s++)
        {
            refined.AddRange(Stages[s].Parameters);
            var builder = Refinement.Refinement.Of(layered, rocksalt)
                .Against(patterns[0]).Against(patterns[1])
                .WithFractions(("layered", StartingLayeredFraction), ("rocksalt", 1 - StartingLayeredFraction))
                .Refine(refined)
                .RefineWhere(id => id.Name == "bkg")
                .WithMaximumCycles(CyclesPerStage);
            builder = previous is null
                ? builder.StartingAt("hist:sxrd/scale", StartingScale(patterns[0], layered, rocksalt)).StartingAt("hist:cwn/scale", StartingScale(patterns[1], layered, rocksalt))
                : builder.StartingFrom(previous);
            if (s >= 1) builder = builder.Constrain(sumOfFractions);
            if (s >= 2) builder = builder.Constrain(exchange.Constraints).Bound(Antisite.ToString(), 0, 0.4);
            string label = $"stage {s + 1}/{Stages.Length} ({Stages[s].Name})";
            if (!quiet) stderr.WriteLine($"{label}: {refined.Count} parameters + backgrounds refined");
            previous = builder.Run(quiet ? null : new Relay(p => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label} cycle {p.Cycle}: chi^2 = {p.ChiSquared:0.###}, Rwp = {100 * p.Rwp:0.00} %, max shift/s.u. = {p.LargestShiftOverUncertainty:0.000}"))));
            start ??= previous.Problem.Catalog;
            if (!quiet) stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {StatusText(previous.Status)} after {previous.LeastSquares.Cycles} cycles, Rwp = {100 * previous.Overall.Rwp:0.00} %, {watch.Elapsed.TotalSeconds:0.0} s"));
        }
        var result = previous!;
        var truth = Truth();

        stdout.WriteLine("Refined values (s.u. in parentheses) beside the model the data were simulated from");
        var rows = truth.Keys.Select(name => (Name: name, Start: Start(start!, name), Refined: result[name], True: truth[name])).ToList();
        int width = Math.Max(24, rows.Max(r => r.Name.Length));
        stdout.WriteLine($"  {"parameter".PadRight(width)}  {"start",12}  {"refined",16}  {"true",12}  {"(refined-true)/s.u.",19}");
        foreach (var row in rows)
        {
            string deviation = row.Refined.StandardUncertainty > 0
                ? ((row.Refined.Value - row.True) / row.Refined.StandardUncertainty).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)
                : "(at bound)";
            stdout.WriteLine($"  {row.Name.PadRight(width)}  {Number(row.Start),12}  {Notation.Measured(row.Refined.Value, row.Refined.StandardUncertainty),16}  {Number(row.True),12}  {deviation,19}");
        }
        stdout.WriteLine();
        stdout.WriteLine("Phase fractions (per O2 formula unit; weight from the molar masses)");
        foreach (string phase in new[] { "layered", "rocksalt" })
        {
            var mole = result.MoleFractions[phase];
            var weight = result.WeightFractions[phase];
            double trueMole = phase == "layered" ? StudyDemoModel.LayeredFraction : 1 - StudyDemoModel.LayeredFraction;
            stdout.WriteLine($"  {phase,-9} {Notation.Measured(100 * mole.Value, 100 * mole.StandardUncertainty),12} mol %  (true {Number(100 * trueMole)})   " +
                             $"{Notation.Measured(100 * weight.Value, 100 * weight.StandardUncertainty),12} wt %");
        }
        stdout.WriteLine();
        stdout.WriteLine("R factors per pattern");
        foreach (var fit in result.Patterns)
        {
            var a = fit.Agreement;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {fit.Name}: Rp {100 * a.Rp:0.00} %, Rwp {100 * a.Rwp:0.00} %, Rexp {100 * a.Rexp:0.00} %, GoF {a.GoodnessOfFit:0.000}"));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  joint: Rwp {100 * result.Overall.Rwp:0.00} %, GoF {result.Overall.GoodnessOfFit:0.000}"));
        // The time goes with the progress (standard error), so that standard output is the same on every machine.
        stdout.WriteLine($"Status: {StatusText(result.Status)} in the last of {Stages.Length} stages, after {result.LeastSquares.Cycles} cycles.");
        if (!quiet) stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Refined in {watch.Elapsed.TotalSeconds:0.0} s."));

        RietveldPlot.WriteSvg(result, plot, RietveldPlotOptions.Default with { LabelReflections = true, ShowReflectionIndices = true });
        stdout.WriteLine($"Rietveld plot written to {plot}");
        if (args.Option("--json") is { } json)
        {
            using (var writer = new StreamWriter(json, append: false) { NewLine = "\n" })
                JsonOutput.WriteDocument(writer, w => WriteJson(w, result, rows.Select(r => (r.Name, r.Start, r.Refined, r.True))));
            stdout.WriteLine($"Report written to {json}");
        }
        return result.Status is LeastSquaresStatus.Converged or LeastSquaresStatus.MaximumCycles ? CommandLine.Success : RefineCommand.Failed;
    }

    /// <summary>The embedded pattern as a refinement pattern: weights 1/σ² from the file, a flat background of three terms at 0, the instrument without its zero shift.</summary>
    private static RefinementPattern Load(DemoPattern demo)
    {
        var pattern = XyFile.Parse(ReadEmbedded(demo.Resource), demo.Resource);
        return RefinementPattern.FromPowderPattern(demo.Name, pattern, demo.Instrument.WithZeroShift(0), demo.Background.Length);
    }

    // The overall scale to start from, estimated from the data as one would by eye: the height of the strongest peak above
    // the lowest count over that of the starting model at scale 1, rounded down to one significant figure.
    private static double StartingScale(RefinementPattern pattern, Phase layered, Phase rocksalt)
    {
        var mixture = SimulatedPhase.FromMoleFractions([(layered, StartingLayeredFraction), (rocksalt, 1 - StartingLayeredFraction)]);
        double model = new PatternSimulator(pattern.Instrument).Simulate(mixture, PatternRange.FromPoints(pattern.X)).Y.Max();
        double estimate = (pattern.Observed.Max() - pattern.Observed.Min()) / model, power = Math.Pow(10, Math.Floor(Math.Log10(estimate)));
        return Math.Floor(estimate / power) * power;
    }

    /// <summary>The values the data were simulated from, for every reported parameter.</summary>
    private static Dictionary<string, double> Truth() => new()
    {
        ["layered/fraction"] = StudyDemoModel.LayeredFraction,
        ["layered/cell/a"] = StudyDemoModel.LayeredA,
        ["layered/cell/c"] = StudyDemoModel.LayeredC,
        ["rocksalt/cell/a"] = StudyDemoModel.RocksaltA,
        ["layered/O1/z"] = StudyDemoModel.OxygenZ,
        ["layered/M1/Uiso"] = StudyDemoModel.LayeredMetalUiso,
        ["layered/O1/Uiso"] = StudyDemoModel.LayeredOxygenUiso,
        ["rocksalt/M1/Uiso"] = StudyDemoModel.RocksaltCationUiso,
        ["rocksalt/O1/Uiso"] = StudyDemoModel.RocksaltAnionUiso,
        [Antisite.ToString()] = StudyDemoModel.TrueAntisite,
        ["hist:sxrd/scale"] = StudyDemoModel.OverallScale(StudyDemoModel.Synchrotron),
        ["hist:cwn/scale"] = StudyDemoModel.OverallScale(StudyDemoModel.Neutrons),
        ["hist:sxrd/zero"] = StudyDemoModel.Synchrotron.Instrument.ZeroShift,
        ["hist:cwn/zero"] = StudyDemoModel.Neutrons.Instrument.ZeroShift,
    };

    private static double Start(ParameterCatalog catalog, string name) =>
        catalog.Values.TryGetValue(ParameterId.Parse(name), out double value) ? value : double.NaN;

    private static void WriteJson(Utf8JsonWriter w, RefinementResult result, IEnumerable<(string Name, double Start, MeasuredValue Refined, double True)> rows)
    {
        w.WriteStartObject();
        w.WriteString("example", "Li1.2Ni0.4Ru0.4O2, simulated from Table S1");
        w.WriteString("status", result.Status.ToString().ToLowerInvariant());
        w.WriteStartArray("parameters");
        foreach (var (name, start, refined, value) in rows)
        {
            w.WriteStartObject();
            w.WriteString("id", name);
            if (double.IsFinite(start)) w.WriteNumber("start", start);
            w.WriteNumber("value", refined.Value);
            w.WriteNumber("su", refined.StandardUncertainty);
            w.WriteNumber("true", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("moleFractions");
        foreach (var (phase, f) in result.MoleFractions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(phase);
            w.WriteNumber("value", f.Value);
            w.WriteNumber("su", f.StandardUncertainty);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("patterns");
        foreach (var fit in result.Patterns)
        {
            w.WriteStartObject();
            w.WriteString("name", fit.Name);
            w.WriteNumber("rp", fit.Agreement.Rp);
            w.WriteNumber("rwp", fit.Agreement.Rwp);
            w.WriteNumber("rexp", fit.Agreement.Rexp);
            w.WriteNumber("gof", fit.Agreement.GoodnessOfFit);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------ PbSO4

    private static int RunPbSO4(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        // The recipe names its files relative to itself (../../tests/…); the embedded copies are written into a scratch folder
        // under the same relative paths, so that the recipe of docs/examples runs as it is.
        string folder = Path.Combine(Path.GetTempPath(), $"intergrowth-demo-pbso4-{Guid.NewGuid():N}");
        try
        {
            var assembly = typeof(DemoCommand).Assembly;
            foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(PbSO4Prefix, StringComparison.Ordinal)))
            {
                string path = Path.Combine(folder, name[PbSO4Prefix.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var input = assembly.GetManifestResourceStream(name)!;
                using var output = File.Create(path);
                input.CopyTo(output);
            }
            stdout.WriteLine("Demo: PbSO4 (IUCr round robin), laboratory Cu K-alpha X-rays + D1A CW neutrons, refined jointly from the starting CIF.");
            stdout.WriteLine("Data, instrument files and CIF: GSAS-II's tests/testinp (BSD-like GSAS-II licence), embedded in the tool;");
            stdout.WriteLine($"the recipe is {PbSO4Recipe}.");
            stdout.WriteLine();
            var options = new List<string> { Path.Combine(folder, PbSO4Recipe), "--plot", args.Option("--plot") ?? DefaultPbSO4Plot };
            if (args.HasFlag("--quiet")) options.Add("--quiet");
            if (args.Option("--json") is { } json) options.AddRange(["--json", json]);
            return RefineCommand.Run(ParsedArguments.Parse(options, ["--quiet"], ["--json", "--cif", "--plot"]), stdout, stderr);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The text of an embedded demo file (Data/demo).</summary>
    internal static string ReadEmbedded(string resource)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(ResourcePrefix + resource)
            ?? throw new InvalidOperationException($"The tool was built without its embedded demo file '{resource}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static string StatusText(LeastSquaresStatus status) => status switch
    {
        LeastSquaresStatus.Converged => "converged",
        LeastSquaresStatus.MaximumCycles => "stopped at the cycle limit",
        LeastSquaresStatus.Singular => "singular",
        LeastSquaresStatus.Diverged => "diverged",
        LeastSquaresStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };

    private sealed class Relay(Action<RefinementProgress> action) : IProgress<RefinementProgress>
    {
        public void Report(RefinementProgress value) => action(value);
    }
}
