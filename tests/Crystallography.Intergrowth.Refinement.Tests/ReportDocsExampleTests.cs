using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The example of docs/agreement-factors.md, run: every line of its code block appears here, its comments' values and its printed table are asserted.</summary>
public sealed class ReportDocsExampleTests
{
    [Fact]
    public void Example_runs_and_gives_what_its_comments_say()
    {
        double[] yo = [10, 20, 30, 40];
        double[] yc = [12, 18, 30, 41];
        double[] w = [0.1, 0.05, 1.0 / 30, 0.025];                 // 1/σ² = 1/yo
        double[] yb = [5, 5, 5, 5];
        var sxrd = AgreementFactors.Compute(yo, yc, w, refinedParameters: 1, background: yb);
        double rp = sxrd.Rp;                                       // 0.05 = 5/100
        double rwp = sxrd.Rwp;                                     // 0.0791 = √(0.625/100)
        double rpb = sxrd.RpBackgroundSubtracted!.Value;           // 0.0625 = 5/80
        double gof = sxrd.GoodnessOfFit;                           // 0.456 = √(0.625/3)
        var overall = AgreementFactors.Combine([(sxrd, 1.0)], refinedParameters: 1);   // equals sxrd

        ReflectionWindow[] reflections = [new(0, new double[] { 4, 2 }), new(1, new double[] { 2, 6, 2 })];
        var bragg = BraggAgreement.Compute([6, 4, 7, 2], [5, 5, 7, 3], reflections, background: [1, 1, 1, 1]);   // R_Bragg = 2/15

        var table = new RefinementTableBuilder()
            .AddParameter(ParameterId.Parse("layered/cell/a"), 2.94194, 0.00007, ParameterStatus.Refined, shiftOverSu: 0.02)
            .AddParameter(ParameterId.Parse("hist:sxrd/zero"), 0, 0, ParameterStatus.Fixed)
            .AddPhaseFraction("layered", new MeasuredValue(0.7, 0.006), new MeasuredValue(0.721, 0.0052))
            .AddAgreement("sxrd", sxrd)
            .AddBragg("layered", bragg)
            .Build();
        string text = table.ToText();                              // printed below

        Assert.Equal(0.05, rp, 14);
        Assert.Equal(Math.Sqrt(0.625 / 100), rwp, 14);
        Assert.Equal(0.0625, rpb, 14);
        Assert.Equal(Math.Sqrt(0.625 / 3), gof, 14);
        Assert.Equal(sxrd, overall);
        Assert.Equal(2.0 / 15, bragg.RBragg, 14);
        Assert.Equal(PrintedTable(), text);
    }

    [Fact]
    public void Page_code_is_mirrored_here() =>
        DocumentationExample.AssertMirrored("agreement-factors.md", "tests", "Crystallography.Intergrowth.Refinement.Tests", "ReportDocsExampleTests.cs");

    // The page's ```text block, the table the example prints.
    private static string PrintedTable()
    {
        string doc = File.ReadAllText(RepositoryLayout.PathOf("docs", "agreement-factors.md"));
        int start = doc.IndexOf("```text\n", StringComparison.Ordinal) + "```text\n".Length;
        int end = doc.IndexOf("```", start, StringComparison.Ordinal);
        return doc[start..end];
    }
}
