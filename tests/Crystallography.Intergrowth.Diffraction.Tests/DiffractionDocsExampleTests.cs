using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The example of docs/diffraction.md, run line for line (its paths are relative to the repository root, as the page says).</summary>
public sealed class DiffractionDocsExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Example_simulates_the_study_for_three_instruments()
    {
        Directory.SetCurrentDirectory(RepositoryLayout.Root);

        string cifs = "tests/Crystallography.Intergrowth.StructureModel.Tests/Data/cif";
        var layered = Cif.ReadPhases(Path.Combine(cifs, "layered_S1.cif"))[0].PerFormulaUnit("O2");
        var rocksalt = Cif.ReadPhases(Path.Combine(cifs, "rocksalt_S1.cif"))[0].PerFormulaUnit("O2");
        var phases = SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)]);  // 70:30 by O2 formula units

        var xrays = new PatternSimulator(Instrument.Synchrotron(0.4137))       // 11-BM profile, λ = 0.4137 Å
            .Simulate(phases, PatternRange.Uniform(2, 0.002, 30));             // 2θ in degrees
        var cwNeutrons = new PatternSimulator(Instrument.ConstantWavelengthNeutrons(1.622))
            .Simulate(phases, PatternRange.Uniform(10, 0.05, 150));
        var tofNeutrons = new PatternSimulator(Instrument.Powgen)              // POWGEN 90° bank
            .Simulate(phases, PatternRange.Logarithmic(10000, 90000, 4e-4));   // TOF in µs, Δt/t = 4·10⁻⁴

        var strongest = xrays.TickMarks.MaxBy(r => r.Intensity);               // (0 0 3) of the layered phase, 2θ = 4.94°
        var ticks = tofNeutrons.TickMarks.Where(r => r.PhaseIndex == 1).ToList(); // the rocksalt phase's tick marks
        XyFile.Write(xrays.ToPowderPattern(), Path.Combine(Path.GetTempPath(), "layered-rocksalt-0.4137.xye"));

        output.WriteLine($"{strongest}; {ticks.Count} rocksalt TOF ticks; {cwNeutrons}");
        Assert.Equal(0, strongest.PhaseIndex);
        Assert.Equal(new Symmetry.MillerIndex(0, 0, 3), strongest.Index);
        Assert.Equal(4.94, strongest.Position, 0.005);
        Assert.Equal(2, xrays.PhaseContributions.Length);
        Assert.True(cwNeutrons.Y.Max() > 0);
        Assert.NotEmpty(ticks);
        File.Delete(Path.Combine(Path.GetTempPath(), "layered-rocksalt-0.4137.xye"));
    }

    [Fact]
    public void The_page_shows_the_code_this_test_runs() =>
        DocumentationExample.AssertMirrored("diffraction.md", "tests", "Crystallography.Intergrowth.Diffraction.Tests", "DiffractionDocsExampleTests.cs");
}
