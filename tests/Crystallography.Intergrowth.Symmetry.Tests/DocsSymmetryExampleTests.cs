using Crystallography.Intergrowth.Symmetry;

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
    public void Every_code_line_of_the_doc_example_is_in_this_test()
    {
        string root = RepositoryRoot();
        string doc = File.ReadAllText(Path.Combine(root, "docs", "symmetry.md"));
        string test = File.ReadAllText(Path.Combine(root, "tests", "Crystallography.Intergrowth.Symmetry.Tests", "DocsSymmetryExampleTests.cs"));
        int start = doc.IndexOf("```csharp", StringComparison.Ordinal);
        int end = doc.IndexOf("```", start + 9, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/symmetry.md has no ```csharp block");
        var lines = doc[(start + 9)..end].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using", StringComparison.Ordinal));
        foreach (string line in lines)
            Assert.True(test.Contains(line, StringComparison.Ordinal), $"docs/symmetry.md line not mirrored in the test: {line}");
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crystallography.Intergrowth.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (with Crystallography.Intergrowth.sln) was not found above " + AppContext.BaseDirectory);
    }
}
