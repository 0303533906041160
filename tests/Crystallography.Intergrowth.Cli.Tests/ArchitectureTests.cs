using System.Xml.Linq;

namespace Crystallography.Intergrowth.Cli.Tests;

/// <summary>
/// The dependency direction of docs (DESIGN.md, "Assemblies and their direction"), read from the
/// project files: Symmetry ← StructureModel ← Diffraction ← Refinement, Constraints between
/// StructureModel and Refinement, the command-line tool on top and used by none.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Prefix = "Crystallography.Intergrowth.";
    private const string CliProject = "Cli";
    private const string PlottingProject = "Plotting";

    // The library projects DESIGN.md names, each with exactly the projects it may reference.
    private static readonly Dictionary<string, string[]> AllowedReferences = new()
    {
        ["Symmetry"] = [],
        ["StructureModel"] = ["Symmetry"],
        ["Diffraction"] = ["Symmetry", "StructureModel"],
        ["Constraints"] = ["Symmetry", "StructureModel"],
        ["Refinement"] = ["Symmetry", "StructureModel", "Diffraction", "Constraints"],
    };

    // The only third-party packages the libraries may carry (DESIGN.md, "Performance core").
    private static readonly string[] AllowedPackages = ["MathNet.Numerics", "System.Numerics.Tensors"];

    private static DirectoryInfo Src => new(Path.Combine(Cli.RepositoryRoot().FullName, "src"));

    /// <summary>Every project under src/, by short name ("Symmetry"), with its project file.</summary>
    private static Dictionary<string, XDocument> SourceProjects() =>
        Src.GetDirectories()
            .SelectMany(d => d.GetFiles("*.csproj"))
            .ToDictionary(f => ShortName(f.Name), f => XDocument.Load(f.FullName));

    private static string ShortName(string projectPath)
    {
        string name = Path.GetFileNameWithoutExtension(projectPath.Replace('\\', '/'));
        return name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
    }

    private static IEnumerable<string> ProjectReferences(XDocument project) =>
        project.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => ShortName((string?)e.Attribute("Include") ?? ""));

    private static IEnumerable<string> PackageReferences(XDocument project) =>
        project.Descendants().Where(e => e.Name.LocalName == "PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? (string?)e.Attribute("Update") ?? "");

    [Fact]
    public void Every_library_project_of_the_design_exists()
    {
        var projects = SourceProjects();
        foreach (string name in AllowedReferences.Keys.Append(CliProject))
            Assert.True(projects.ContainsKey(name), $"src/{Prefix}{name} is missing.");
    }

    [Theory]
    [InlineData("Symmetry")]
    [InlineData("StructureModel")]
    [InlineData("Diffraction")]
    [InlineData("Constraints")]
    [InlineData("Refinement")]
    public void Library_references_exactly_the_layers_below_it(string library)
    {
        var references = ProjectReferences(SourceProjects()[library]).Order(StringComparer.Ordinal).ToArray();
        var allowed = AllowedReferences[library].Order(StringComparer.Ordinal).ToArray();
        Assert.True(allowed.SequenceEqual(references),
            $"{library} references [{string.Join(", ", references)}]; DESIGN.md allows exactly [{string.Join(", ", allowed)}].");
    }

    [Fact]
    public void No_library_references_the_command_line_tool_or_a_layer_it_may_not_use()
    {
        foreach (var (name, project) in SourceProjects())
        {
            if (name == CliProject) continue;
            var references = ProjectReferences(project).ToArray();
            Assert.DoesNotContain(CliProject, references);
            // A project the design does not name yet (plotting, the meta-package) may use the
            // libraries but not the tool; the five named ones are checked exactly above.
            if (AllowedReferences.TryGetValue(name, out var allowed))
                Assert.All(references, r => Assert.Contains(r, allowed));
        }
    }

    [Fact]
    public void Libraries_carry_no_package_but_MathNet_Numerics_and_System_Numerics_Tensors()
    {
        var root = Cli.RepositoryRoot();
        // Packages referenced in Directory.Build.props reach every project, libraries included.
        var shared = new[] { "Directory.Build.props", "Directory.Build.targets" }
            .Select(f => Path.Combine(root.FullName, f))
            .Where(File.Exists)
            .SelectMany(f => PackageReferences(XDocument.Load(f)).Select(p => (Where: Path.GetFileName(f), Package: p)));
        // The optional plotting package exists to carry a graphics dependency (ScottPlot, SkiaSharp) so that the libraries
        // need none (DESIGN.md); it is checked by The_plotting_package_carries_ScottPlot_only.
        var perProject = SourceProjects().Where(p => p.Key != CliProject && p.Key != PlottingProject)
            .SelectMany(p => PackageReferences(p.Value).Select(package => (Where: Prefix + p.Key, Package: package)));
        var forbidden = shared.Concat(perProject).Where(r => !AllowedPackages.Contains(r.Package)).ToArray();
        Assert.True(forbidden.Length == 0,
            "Packages outside the allowed set: " + string.Join("; ", forbidden.Select(r => $"{r.Where} → {r.Package}")));
    }

    [Fact]
    public void The_plotting_package_carries_ScottPlot_only()
    {
        if (!SourceProjects().TryGetValue(PlottingProject, out var project)) return;
        Assert.Equal(["ScottPlot"], PackageReferences(project).ToArray());
        // No library and not the tool depends on it: the core stays free of native graphics.
        Assert.All(SourceProjects().Where(p => p.Key != PlottingProject), p => Assert.DoesNotContain(PlottingProject, ProjectReferences(p.Value)));
    }

    [Fact]
    public void The_command_line_tool_uses_no_third_party_package()
    {
        Assert.Empty(PackageReferences(SourceProjects()[CliProject]));
    }
}
