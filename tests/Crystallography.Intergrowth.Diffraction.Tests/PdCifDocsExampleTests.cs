using Crystallography.Intergrowth.TestKit;
namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The C# example of docs/diffraction-files-2.md is this test's code, line for line (STYLE.md habit 13).</summary>
public sealed class PdCifDocsExampleTests
{
    private static string RepositoryRoot() => RepositoryLayout.Root;

    [Fact]
    public void The_docs_example_runs()
    {
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepositoryRoot());   // paths in the example are relative to the repository root
        try
        {
            var xrdml = XrdmlReader.Read("tests/Crystallography.Intergrowth.Diffraction.Tests/Data/vendor-formats-nomad-measurements/XRD-918-16_10.xrdml");
            string cif = PdCifWriter.Write(xrdml, "empyrean");          // _pd_meas_2theta_scan and _pd_meas_counts_total
            var back = PdCifReader.ParseAll(cif, "empyrean.cif")[0];   // the same 5027 points, σ, Kα1/Kα2 and ratio

            Assert.Contains("_pd_meas_counts_total", cif);
            Assert.Equal(5027, back.Count);
            Assert.Equal(xrdml.X.ToArray(), back.X.ToArray());
            Assert.Equal(xrdml.Sigma.ToArray(), back.Sigma.ToArray());
            Assert.Equal(xrdml.Wavelengths.ToArray(), back.Wavelengths.ToArray());
            Assert.Equal(0.5, back.WavelengthIntensityRatio);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void The_docs_example_is_the_code_of_the_test_above() =>
        DocumentationExample.AssertMirrored("diffraction-files-2.md", "tests", "Crystallography.Intergrowth.Diffraction.Tests", "PdCifDocsExampleTests.cs");
}
