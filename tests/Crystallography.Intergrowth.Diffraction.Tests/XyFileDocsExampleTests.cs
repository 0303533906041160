using Crystallography.Intergrowth.TestKit;
namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The C# example of docs/diffraction-files.md is this test's code, line for line (STYLE.md habit 13).</summary>
public sealed class XyFileDocsExampleTests
{
    private static string RepositoryRoot() => RepositoryLayout.Root;

    [Fact]
    public void The_docs_example_runs()
    {
        string data = "tests/Crystallography.Intergrowth.Diffraction.Tests/Data";
        data = Path.Combine(RepositoryRoot(), data); // the docs' paths are relative to the repository root
        var xray = PowderFile.Read($"{data}/pbso4-xray-neutron-cw/PBSO4.XRA")[0];       // GSAS STD: 6001 points, 10–160° 2θ
        var lbco = XyFile.Read($"{data}/lbco-hrpt-cwneutron-easydiffraction/hrpt_lbco.xye"); // 3098 points with σ
        var powgen = InstrumentParameterFile.Read($"{data}/nac-sxrd-tof/POWGEN_2665.instprm")[0];
        var difC = powgen.DifC;                                                         // 22598.5929189 µs/Å, as GSAS-II wrote it
        string xye = XyFile.Format(xray);                                               // "# xye written by Crystallography.Intergrowth" …

        Assert.Equal(6001, xray.Count);
        Assert.Equal(3098, lbco.Count);
        Assert.Equal(new InstrumentQuantity(22598.5929189, "µs/Å"), difC);
        Assert.StartsWith("# xye written by Crystallography.Intergrowth", xye);
    }

    [Fact]
    public void The_docs_example_is_the_code_of_the_test_above() =>
        DocumentationExample.AssertMirrored("diffraction-files.md", "tests", "Crystallography.Intergrowth.Diffraction.Tests", "XyFileDocsExampleTests.cs");
}
