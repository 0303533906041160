using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Where the plain-text and GSAS/FullProf reader tests find their files: committed copies of permissively licensed data
/// under Data/ (with their PROVENANCE.md), and ../shared/data beside the repository for data that may not be copied
/// (GPL, unlicensed, or large). xunit 2 has no dynamic skip, so a test whose shared folder is absent writes a visible
/// message to its output and returns.
/// </summary>
internal static class ReaderSharedData
{
    /// <summary>A committed file under Data/, copied beside the test binaries.</summary>
    public static string Committed(string folder, string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", folder, fileName);
        Assert.True(File.Exists(path), $"committed test file missing: {path}");
        return path;
    }

    /// <summary>../shared/data found by walking up from the test binaries to the folder holding the solution, or null.</summary>
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Crystallography.Intergrowth.sln"))) continue;
            string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            return Directory.Exists(path) ? path : null;
        }
        return null;
    }

    /// <summary>
    /// The path of ../shared/data/<paramref name="folder"/>/<paramref name="fileName"/>, or null after writing
    /// "NOT RUN: …" to the test output when it is absent.
    /// </summary>
    public static string? Shared(ITestOutputHelper output, string folder, string fileName)
    {
        string? path = Root is null ? null : Path.Combine(Root, folder, fileName);
        if (path is not null && File.Exists(path)) return path;
        output.WriteLine($"NOT RUN: ../shared/data/{folder}/{fileName} is absent (data read in place, never copied into the repository).");
        return null;
    }
}
