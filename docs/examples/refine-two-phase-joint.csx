#r "nuget: Crystallography.Intergrowth, 0.1.0"
// The reference study's joint two-phase refinement: a layered (R-3m) : rocksalt (Fm-3m) = 70:30 intergrowth of
// delithiated Li0.5Ni0.4Ru0.4O2, seen by synchrotron X-rays (λ = 0.4137 Å) and constant-wavelength neutrons (1.622 Å),
// refined jointly with Li allowed to move between the phases while the sample's total Li stays fixed. Both phases are
// described per O2 formula unit, so the mole fractions are the study's molar ratio. The patterns are simulated from the
// truth (layered Li-layer Li 0.30, rocksalt Li 0.25) with counting noise; the refinement starts with all the removed Li
// taken from the layered phase (layered 0, rocksalt at the pristine 0.6). Runs in a few seconds.
using System;
using System.Linq;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;

Phase Layered(double li1, double a = 2.94194, double c = 14.40729, double oxygenZ = 0.25716) =>
    StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+", li1)],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ,
        lithiumLayerUiso: 0.0341, metalLayerUiso: 0.0035, oxygenUiso: 0.0078).PerFormulaUnit("O2");
Phase Rocksalt(double li, double a = 4.15874) =>
    StructurePrototypes.Rocksalt("rocksalt", a, [SiteOccupant.Of("Li+", li), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
        cationUiso: 0.0034, anionUiso: 0.0091).PerFormulaUnit("O2");

// "Measured" patterns: 70:30 by O2 formula units, the strongest point at 20 000 counts, 100 counts of background.
var random = new Random(11);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
(RefinementPattern Pattern, double Scale) Measured(string name, Instrument instrument, PatternRange range)
{
    var simulator = new PatternSimulator(instrument);
    var truth = new[] { (Layered(0.30), 0.7), (Rocksalt(0.25), 0.3) };
    double scale = 20000 / simulator.Simulate(SimulatedPhase.FromMoleFractions(truth), range).Y.Max();
    var expected = simulator.Simulate(SimulatedPhase.FromMoleFractions(truth, scale), range).Y.Select(y => y + 100);
    double[] counts = [.. expected.Select(y => Math.Round(y + Math.Sqrt(y) * Gaussian()))];
    return (RefinementPattern.WithCountingWeights(name, range.X, counts, instrument, new ChebyshevBackground(range.X[0], range.X[^1], [0, 0])),
            scale);
}
var (sxrd, sxrdScale) = Measured("sxrd", Instrument.Synchrotron(0.4137), PatternRange.Uniform(3, 0.006, 15));
var (cwn, cwnScale) = Measured("cwn", Instrument.ConstantWavelengthNeutrons(1.622), PatternRange.Uniform(15, 0.1, 125));

// The start: cells and oxygen off the truth, the removed Li all taken from the layered phase (total Li 0.5 per O2).
var layered = Layered(0, a: 2.9412, c: 14.404, oxygenZ: 0.2585);
var rocksalt = Rocksalt(0.6, a: 4.1580);

// Li moves between layered Li1 (3b) and rocksalt M1 (4a) with the sample's total kept: the library derives the
// coefficients from the mole fractions, Z and the site multiplicities — 7·Δocc(layered) + 6·Δocc(rocksalt) = 0.
var transfer = ElementTransfer.Between("Li", new SiteShare(layered, "Li1", 0.7), new SiteShare(rocksalt, "M1", 0.3));
Console.WriteLine(transfer.Explain());

var result = Refinement.Of(layered, rocksalt)
    .Against(sxrd).Against(cwn)
    .WithFractions(("layered", 0.7), ("rocksalt", 0.3))                // the molar ratio held at 70:30
    .StartingAt("hist:sxrd/scale", 0.9 * sxrdScale).StartingAt("hist:cwn/scale", 1.1 * cwnScale)
    .Refine("hist:sxrd/scale", "hist:cwn/scale", "hist:sxrd/zero", "hist:cwn/zero")
    .Refine("layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z")
    .Refine("layered/Li1/occ[Li]", "rocksalt/M1/occ[Li]")
    .RefineWhere(id => id.Name == "bkg")
    .Constrain(transfer.Constraints)
    .WithMaximumCycles(50)
    .Run();

Console.WriteLine(result);
result
