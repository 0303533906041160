#r "nuget: Crystallography.Intergrowth, 0.1.0"
// Scan the layered : rocksalt molar ratio, held fixed at each point, against the weighted profile residual wRp — the
// reference study's way of choosing the ratio. A 70:30 synchrotron X-ray pattern of the two phases of Li1.2Ni0.4Ru0.4O2
// (per O2 formula unit) is simulated with counting noise; at each layered mole fraction f from 0.55 to 0.85 (molar ratio
// 1.2 to 5.7) the pattern scale, zero shift, cells and background are refined, starting from the previous point's result.
// wRp is lowest at the true 0.70. Runs in a few seconds.
using System;
using System.Globalization;
using System.Linq;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;

var layered = StructurePrototypes.Layered("layered", 2.94194, 14.40729, [SiteOccupant.Of("Li+")],
    [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.25716,
    lithiumLayerUiso: 0.0341, metalLayerUiso: 0.0035, oxygenUiso: 0.0078).PerFormulaUnit("O2");
var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.15874,
    [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
    cationUiso: 0.0034, anionUiso: 0.0091).PerFormulaUnit("O2");

// The "measured" pattern: 70:30, the strongest point at 20 000 counts, 100 counts of background, counting noise.
var instrument = Instrument.Synchrotron(0.4137);
var range = PatternRange.Uniform(3, 0.006, 15);
var simulator = new PatternSimulator(instrument);
double scale = 20000 / simulator.Simulate(SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)]), range).Y.Max();
var random = new Random(3);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
double[] counts = [.. simulator.Simulate(SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], scale), range).Y
    .Select(y => y + 100).Select(y => Math.Round(y + Math.Sqrt(y) * Gaussian()))];
var sxrd = RefinementPattern.WithCountingWeights("sxrd", range.X, counts, instrument, new ChebyshevBackground(range.X[0], range.X[^1], [0, 0]));

double[] fractions = [0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85];
var scan = new (double Fraction, double Rwp)[fractions.Length];
RefinementResult? previous = null;
Console.WriteLine("    f  ratio   wRp (%)  cycles");
for (int i = 0; i < fractions.Length; i++)
{
    double f = fractions[i];
    var builder = Refinement.Of(layered, rocksalt).Against(sxrd)
        .WithFractions(("layered", f), ("rocksalt", 1 - f))                 // held: not refined
        .StartingAt("hist:sxrd/scale", scale)
        .Refine("hist:sxrd/scale", "hist:sxrd/zero", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a")
        .RefineWhere(id => id.Name == "bkg")
        .WithMaximumCycles(50);
    if (previous is not null)                                                // continue from the last point, at this f
        builder = builder.StartingFrom(previous).StartingAt("layered/fraction", f).StartingAt("rocksalt/fraction", 1 - f);
    var result = builder.Run();
    scan[i] = (f, result.Overall.Rwp);
    previous = result;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{f,5:F2}  {f / (1 - f),5:F2}  {100 * result.Overall.Rwp,8:F3}  {result.History.Length,6}"));
}
var best = scan.MinBy(p => p.Rwp);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lowest wRp at f = {best.Fraction:F2} (ratio {best.Fraction / (1 - best.Fraction):F2})"));
scan                                                                         // the script's value: (f, wRp) per point
