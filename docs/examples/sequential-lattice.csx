#r "nuget: Crystallography.Intergrowth, 0.1.0"
// Sequential refinement of a series of in-situ patterns: follow the layered phase's lattice through a charge, each
// pattern refined starting from the previous pattern's result, and report the relative changes of a, c and V (the
// reference study's "zero strain" check). The series is simulated: eight synchrotron X-ray patterns of the layered
// phase whose a shrinks by 0.5 % and c grows by 0.8 % over the charge, each with its own counting noise. Runs in a few
// seconds.
using System;
using System.Globalization;
using System.Linq;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;

Phase Layered(double a, double c) => StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+")],
    [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.25716,
    lithiumLayerUiso: 0.0341, metalLayerUiso: 0.0035, oxygenUiso: 0.0078);

// The series: step k of 8 has a = a0·(1 − 0.005·k/7), c = c0·(1 + 0.008·k/7).
const double A0 = 2.94194, C0 = 14.40729;
const int Steps = 8;
var instrument = Instrument.Synchrotron(0.4137);
var range = PatternRange.Uniform(3, 0.006, 16);
var simulator = new PatternSimulator(instrument);
double scale = 20000 / simulator.Simulate([new SimulatedPhase(Layered(A0, C0))], range).Y.Max();
var random = new Random(17);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
var series = Enumerable.Range(0, Steps).Select(k =>
{
    var truth = Layered(A0 * (1 - 0.005 * k / (Steps - 1)), C0 * (1 + 0.008 * k / (Steps - 1)));
    double[] counts = [.. simulator.Simulate([new SimulatedPhase(truth, scale)], range).Y
        .Select(y => y + 100).Select(y => Math.Round(y + Math.Sqrt(y) * Gaussian()))];
    return RefinementPattern.WithCountingWeights($"scan{k}", range.X, counts, instrument, new ChebyshevBackground(range.X[0], range.X[^1], [0, 0]));
}).ToList();

// Each pattern starts from the previous result (the first from the nominal model): scale, zero, cell, background.
var results = new RefinementResult[Steps];
for (int k = 0; k < Steps; k++)
{
    var builder = Refinement.Of(Layered(A0, C0)).Against(series[k])
        .StartingAt("layered/scale", scale)
        .Refine("layered/scale", "hist:" + series[k].Name + "/zero", "layered/cell/a", "layered/cell/c")
        .RefineWhere(id => id.Name == "bkg")
        .WithMaximumCycles(30);
    if (k > 0) builder = builder.StartingFrom(results[k - 1]);
    results[k] = builder.Run();
}

// Relative changes against the first pattern, in per cent.
var first = results[0].Phases[0].Cell;
Console.WriteLine("scan  a (Å)          c (Å)           Δa/a (%)  Δc/c (%)  ΔV/V (%)  Rwp (%)");
foreach (var (result, k) in results.Select((r, k) => (r, k)))
{
    var cell = result.Phases[0].Cell;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{k,4}  {result["layered/cell/a"],-13}  {result["layered/cell/c"],-14}  {100 * (cell.A / first.A - 1),8:F3}  {100 * (cell.C / first.C - 1),8:F3}  {100 * (cell.Volume / first.Volume - 1),8:F3}  {100 * result.Overall.Rwp,7:F2}"));
}
results                                                                      // the script's value: one result per pattern
