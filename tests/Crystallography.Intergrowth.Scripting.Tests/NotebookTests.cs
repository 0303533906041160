using System.Text.Json;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Scripting.Tests;

/// <summary>
/// Runs the C# code cells of every notebook in docs/notebooks, in order and in one session as the Polyglot Notebooks C#
/// kernel does (its default imports, the package's <c>#r</c>/<c>#i</c> lines replaced by the built assemblies), and checks
/// what the two-phase refinement notebook computes.
/// </summary>
public sealed class NotebookTests(ITestOutputHelper output)
{
    private static string Notebooks => RepositoryLayout.PathOf("docs", "notebooks");

    /// <summary>The C# code cells of a .ipynb file, in order.</summary>
    public static IReadOnlyList<string> CodeCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<string>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            string language = cell.TryGetProperty("metadata", out var metadata)
                && metadata.TryGetProperty("polyglot_notebook", out var polyglot)
                && polyglot.TryGetProperty("kernelName", out var kernel) ? kernel.GetString() ?? "csharp" : "csharp";
            Assert.True(language == "csharp", $"{path}: a code cell in kernel '{language}'; the test runs C# cells only");
            var source = cell.GetProperty("source");
            cells.Add(source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
                : source.GetString() ?? "");
        }
        return cells;
    }

    [Fact]
    public void EveryNotebookIsChecked()
    {
        var files = Directory.GetFiles(Notebooks, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["two-phase-refinement.ipynb"], files);
    }

    [Fact]
    public void TwoPhaseRefinementNotebookRunsAndRecoversTheLithiumDistribution()
    {
        string path = Path.Combine(Notebooks, "two-phase-refinement.ipynb");
        var cells = CodeCells(path);
        // The first code cell is the package reference the test replaces with the built assemblies.
        Assert.Contains("#r \"nuget: Crystallography.Intergrowth, 0.1.0\"", cells[0], StringComparison.Ordinal);
        Assert.Equal("", ScriptHost.WithoutPackageDirectives(cells[0]).Trim());

        var outcome = ScriptHost.RunCells(cells, path, ScriptHost.NotebookImports);
        output.WriteLine(outcome.Output);
        var result = Assert.IsType<RefinementResult>(outcome.ReturnValue);
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        // The truth it simulated: layered Li1 Li 0.30, rocksalt M1 Li 0.25, from a start of 0 and 0.6.
        foreach (var (id, truth) in new[] { ("layered/Li1/occ[Li]", 0.30), ("rocksalt/M1/occ[Li]", 0.25), ("layered/cell/c", 14.40729) })
        {
            var value = result[id];
            Assert.True(Math.Abs(value.Value - truth) < 3 * value.StandardUncertainty, $"{id}: {value}, truth {truth}");
        }
        Assert.Contains(outcome.Lines, l => l.EndsWith("Li per O2 0.500000", StringComparison.Ordinal));
        Assert.Contains(outcome.Lines, l => l.Contains("in smallest integers: 7·Δlayered/Li1/occ[Li] + 6·Δrocksalt/M1/occ[Li] = 0", StringComparison.Ordinal));
    }
}
