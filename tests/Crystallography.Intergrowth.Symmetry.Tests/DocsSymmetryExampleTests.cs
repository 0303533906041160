using Crystallography.Intergrowth.Symmetry;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>The example of docs/symmetry.md, run: every line of its code block appears here and its comments' values are asserted.</summary>
public sealed class DocsSymmetryExampleTests
{
    [Fact]
    public void Example_runs_and_gives_what_its_comments_say()
    {
        var layered = SpaceGroup.Parse("R-3m");                       // R -3 m :H, No. 166
        int order = layered.Order;                                    // 36: 12 rotations × 3 centring translations
        var oxygen = layered.Locate(new FractionalPosition(0.0001, 0, 0.2572), tolerance: 1e-3);
        string label = oxygen.Wyckoff.Label;                          // "6c", site symmetry "3m"
        var snapped = oxygen.Position;                                // (0, 0, 0.2572)
        bool absent = layered.IsSystematicallyAbsent(new MillerIndex(1, 0, 0));   // true: -h+k+l = 3n
        int multiplicity = layered.Multiplicity(new MillerIndex(1, 0, 4));        // 6
        double d003 = UnitCell.Hexagonal(2.94194, 14.40729).DSpacing(0, 0, 3);    // 4.80243 Å

        var spinel = SpaceGroup.Parse("Fd-3m:2");                     // origin choice 2, Hall -F 4vw 2vw 3
        var tetrahedral = spinel.Wyckoff('a');                        // 8a, -43m, 1/8,1/8,1/8
        var rocksalt = SpaceGroup.Parse("F m -3 m");
        string[] conditions = rocksalt.ReflectionConditions.Select(c => c.ToString()).ToArray();
                                                                      // "hkl: h+k,h+l,k+l=2n", …

        Assert.Equal("R -3 m :H", layered.UniversalHermannMauguin);
        Assert.Equal(166, layered.Number);
        Assert.Equal(36, order);
        Assert.Equal("6c", label);
        Assert.Equal("3m", oxygen.Wyckoff.SiteSymmetry);
        Assert.Equal(new FractionalPosition(0, 0, 0.2572), snapped);
        Assert.True(absent);
        Assert.Equal(6, multiplicity);
        Assert.Equal(4.80243, d003, 5);
        Assert.Equal("-F 4vw 2vw 3", spinel.Setting.Hall);
        Assert.Equal("8a", tetrahedral.Label);
        Assert.Equal("-43m", tetrahedral.SiteSymmetry);
        Assert.Equal("1/8,1/8,1/8", tetrahedral.Representative.ToString());
        Assert.Equal("hkl: h+k,h+l,k+l=2n", conditions[0]);
    }

    [Fact]
    public void Every_code_line_of_the_doc_example_is_in_this_test() =>
        DocumentationExample.AssertMirrored("symmetry.md", "tests", "Crystallography.Intergrowth.Symmetry.Tests", "DocsSymmetryExampleTests.cs");
}
