using Crystallography.Intergrowth.TestKit;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The example of docs/diffraction-scattering.md, run line for line.</summary>
public sealed class ScatteringDocsExampleTests
{
    [Fact]
    public void Example_runs_and_gives_the_ratio_the_page_quotes()
    {
        var layered = Phase.Create("layered")
            .WithCell(UnitCell.Hexagonal(2.94194, 14.40729))
            .WithSpaceGroup("R-3m")
            .AddSite("Li1", 0, 0, 0.5, "Li")
            .AddSite("M1", 0, 0, 0, ("Li", 0.2), ("Ni", 0.4), ("Ru", 0.4))
            .AddSite("O1", 0, 0, 0.25716, "O")
            .Build();

        var xrays = LaboratoryXRays.Copper.WithKAlpha2Ratio(0);           // Cu Kα1 only
        var reflections = ReflectionList.Generate(layered, xrays, 10, 80)  // 2θ range in degrees
            .WithSquaredStructureFactors(layered, ScatteringModel.XRay())  // WK1995, neutral atoms
            .WithIntegratedIntensities(xrays);                             // m·|F|²·LP
        double ratio = reflections.Intensity[reflections.Find(new MillerIndex(0, 0, 3))]
                     / reflections.Intensity[reflections.Find(new MillerIndex(1, 0, 4))];

        Assert.Equal(1.3455, ratio, 0.00005); // cctbx, same model with U = 0: 1.34547
    }

    /// <summary>Every code line of the page's first C# block stands in the test above (comments aside).</summary>
    [Fact]
    public void The_page_shows_the_code_this_test_runs() =>
        DocumentationExample.AssertMirrored("diffraction-scattering.md", "tests", "Crystallography.Intergrowth.Diffraction.Tests", "ScatteringDocsExampleTests.cs");

    private static string Code(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return (comment >= 0 ? line[..comment] : line).Trim();
    }
}
