using System.Reflection;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Crystallography.Intergrowth.TestKit;
using PublicApiGenerator;

namespace Crystallography.Intergrowth.Packaging.Tests;

/// <summary>
/// The public API of each library assembly, as PublicApiGenerator writes it, against the approved text in Api/: any
/// addition, removal or change of a public signature fails here until the approved file is regenerated and reviewed in
/// the diff (docs/packages.md).
/// </summary>
/// <remarks>
/// Regenerate every baseline with
/// <c>INTERGROWTH_ACCEPT_API=1 dotnet test tests/Crystallography.Intergrowth.Packaging.Tests --filter FullyQualifiedName~PublicApiTests</c>:
/// the test then writes the files in the source tree (and still fails where they differed, so that a run that accepts
/// says so); a second run passes.
/// </remarks>
public sealed class PublicApiTests
{
    /// <summary>Set to 1 to rewrite the approved files from the built assemblies.</summary>
    public const string AcceptVariable = "INTERGROWTH_ACCEPT_API";

    /// <summary>The five library assemblies (the meta-package has no code; the CLI's types are internal).</summary>
    public static readonly string[] AssemblyNames =
    [
        typeof(SpaceGroup).Assembly.GetName().Name!, typeof(Phase).Assembly.GetName().Name!,
        typeof(PatternSimulator).Assembly.GetName().Name!, typeof(LinearConstraint).Assembly.GetName().Name!,
        typeof(Refinement.Refinement).Assembly.GetName().Name!,
    ];

    public static TheoryData<string> Assemblies() => [.. AssemblyNames];

    /// <summary>The API text of one assembly: no assembly attributes (InternalsVisibleTo lists test projects), '\n' ends.</summary>
    public static string PublicApi(string assemblyName) =>
        Assembly.Load(assemblyName).GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false })
            .ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    public static string ApprovedPath(string assemblyName) =>
        RepositoryLayout.PathOf("tests", "Crystallography.Intergrowth.Packaging.Tests", "Api", assemblyName + ".approved.txt");

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicApiMatchesTheApprovedBaseline(string assemblyName)
    {
        string actual = PublicApi(assemblyName), path = ApprovedPath(assemblyName);
        string? approved = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (approved == actual) return;

        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        if (accept) File.WriteAllText(path, actual);
        string how = $"Regenerate with: {AcceptVariable}=1 dotnet test tests/Crystallography.Intergrowth.Packaging.Tests --filter FullyQualifiedName~PublicApiTests "
                     + "(then review the diff of tests/Crystallography.Intergrowth.Packaging.Tests/Api/ and commit it).";
        Assert.Fail(approved is null
            ? $"{assemblyName}: no approved API at {path}. {(accept ? "Written now; run again." : how)}"
            : $"{assemblyName}: the public API differs from {path}.\n{Difference(approved, actual)}\n{(accept ? "Rewritten now; run again." : how)}");
    }

    [Fact]
    public void EveryApprovedFileBelongsToALibraryAssembly()
    {
        var expected = AssemblyNames.Select(ApprovedPath).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.GetDirectoryName(ApprovedPath("x"))!, "*.approved.txt").Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
    }

    // A line diff (longest common subsequence) of the approved and the actual text: "-" lines only approved has, "+" lines
    // only the build has, each with its line number, the first 60 of them. Files of ~1000 lines make the table ~10⁶ cells.
    private static string Difference(string approved, string actual)
    {
        string[] a = approved.Split('\n'), b = actual.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        var lines = new List<string>();
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && lines.Count < 60)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { x++; y++; }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y])) { lines.Add($"+ {y + 1,5}: {b[y].Trim()}{Within(b, y)}"); y++; }
            else { lines.Add($"- {x + 1,5}: {a[x].Trim()}{Within(a, x)}"); x++; }
        }
        return string.Join('\n', lines);
    }

    // "   (in public sealed class Phase …)": the type declaration a member line belongs to, found upwards.
    private static string Within(string[] lines, int index)
    {
        if (!lines[index].StartsWith("        ", StringComparison.Ordinal)) return "";
        for (int i = index - 1; i >= 0; i--)
            if (lines[i].StartsWith("    ", StringComparison.Ordinal) && !lines[i].StartsWith("     ", StringComparison.Ordinal) && lines[i].Trim() is not ("{" or "}"))
            {
                string declaration = lines[i].Trim();
                int colon = declaration.IndexOf(" : ", StringComparison.Ordinal);
                return "   (in " + (colon > 0 ? declaration[..colon] : declaration) + ")";
            }
        return "";
    }
}
