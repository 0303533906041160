#r "nuget: Crystallography.Intergrowth, 0.1.0"
// Rietveld-refine one phase against one synchrotron X-ray pattern (λ = 0.4137 Å). The "measured" pattern is simulated
// from the layered phase of Li1.2Ni0.4Ru0.4O2 with Poisson-like counting noise, so the script checks itself: the refined
// cell, oxygen z and displacement come back near the values the pattern was made from. Runs in a few seconds.
using System;
using System.Linq;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

Phase Layered(double a, double c, double oxygenZ, double metalUiso) => StructurePrototypes.Layered("layered", a, c,
    [SiteOccupant.Of("Li+")],
    [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)],
    oxygenZ, lithiumLayerUiso: 0.012, metalLayerUiso: metalUiso, oxygenUiso: 0.008);

// The measured pattern: the true phase scaled so that its strongest point has 20 000 counts, a flat background of 100
// counts and counting noise (seeded).
var truth = Layered(2.94194, 14.40729, 0.25716, 0.0035);
var instrument = Instrument.Synchrotron(0.4137);
var range = PatternRange.Uniform(3, 0.005, 20);
var simulator = new PatternSimulator(instrument);
double scale = 20000 / simulator.Simulate([new SimulatedPhase(truth)], range).Y.Max();
var expected = simulator.Simulate([new SimulatedPhase(truth, scale)], range).Y.Select(y => y + 100).ToArray();
var random = new Random(7);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
double[] counts = [.. expected.Select(y => Math.Round(y + Math.Sqrt(y) * Gaussian()))];
var pattern = RefinementPattern.WithCountingWeights("sxrd", range.X, counts, instrument,
    new ChebyshevBackground(range.X[0], range.X[^1], [0, 0]));

// Start off the truth and refine scale, background, zero shift, cell, oxygen z and the metal layer's Uiso.
var result = Refinement.Of(Layered(2.9405, 14.415, 0.2600, 0.006))
    .Against(pattern)
    .StartingAt("layered/scale", 0.8 * scale)
    .Refine("layered/scale", "hist:sxrd/zero", "layered/cell/a", "layered/cell/c", "layered/O1/z", "layered/M1/Uiso")
    .RefineWhere(id => id.Name == "bkg")
    .WithMaximumCycles(30)
    .Run();

Console.WriteLine(result);                                          // status, R factors, the refined values with s.u.
Console.WriteLine(result.Table().ToText());                         // the report table
result                                                              // the script's value: the RefinementResult
