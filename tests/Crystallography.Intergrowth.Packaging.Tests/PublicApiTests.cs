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

    // The lines only one side has (set difference, in order), at most 40 of each: enough to see what changed.
    private static string Difference(string approved, string actual)
    {
        string[] before = approved.Split('\n'), after = actual.Split('\n');
        var removed = before.Except(after).Take(40).Select(l => "- " + l);
        var added = after.Except(before).Take(40).Select(l => "+ " + l);
        return string.Join('\n', removed.Concat(added));
    }
}
