using Crystallography.Intergrowth.TestKit;
namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>The C# example in docs/cif.md is this test's code, line for line (STYLE.md habit 13).</summary>
public sealed class CifDocsTests
{
    [Fact]
    public void The_docs_example_runs()
    {
        // Paths in the example are relative to the repository root.
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(CifTestData.RepositoryRoot);
        try
        {
            // The study's layered phase (Table S1): the mixed 3a site is written as three rows, Li2/Ru1/Ni1.
            var layered = Cif.ReadPhase("tests/Crystallography.Intergrowth.StructureModel.Tests/Data/cif/layered_S1.cif");
            var mixed = layered.Site("Li2");                       // one site, three occupants: Li 0.2, Ru 0.4, Ni 0.4
            string text = Cif.Write(layered.PerFormulaUnit("O2")); // CIF 1.1 text; reading it back gives the same phase
            var again = Cif.ReadPhases(new StringReader(text), "layered.cif");

            Assert.Equal(3, mixed.Occupants.Length);
            CifPhaseTests.AssertSamePhase(layered.PerFormulaUnit("O2"), Assert.Single(again), 1e-12);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void The_docs_example_is_the_code_of_the_test_above() =>
        DocumentationExample.AssertMirrored("cif.md", "tests", "Crystallography.Intergrowth.StructureModel.Tests", "CifDocsTests.cs");
}
