namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Where the vendor-format and pdCIF reader tests find their files. (Kept in a PdCif* file only
/// because of how the reader work was split; the Bruker, Rigaku, XRDML and PRN tests use it too.)
/// </summary>
internal static class ReaderTestFiles
{
    /// <summary>A permissively licensed file committed under Data/ and copied beside the test binaries.</summary>
    public static string Committed(string folder, string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", folder, fileName);
        Assert.True(File.Exists(path), $"committed test file missing: {path}");
        return path;
    }

    /// <summary>
    /// ../shared/data beside the repository (GPL, unlicensed and IUCr data read in place, never copied),
    /// or null when that folder is absent; <see cref="SharedFolderFactAttribute"/> then skips the test.
    /// </summary>
    public static string? SharedData { get; } = FindSharedData();

    /// <summary>A file in ../shared/data/<paramref name="folder"/>.</summary>
    public static string Shared(string folder, string fileName) =>
        Path.Combine(SharedData ?? throw new InvalidOperationException("../shared/data is absent"), folder, fileName);

    private static string? FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crystallography.Intergrowth.sln")))
            {
                string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(path) ? path : null;
            }
        }
        return null;
    }
}

/// <summary>
/// A fact that needs a folder of ../shared/data; reported as skipped, with the reason, when the folder
/// is absent (a clone without the shared data), so a missing file never passes silently.
/// </summary>
internal sealed class SharedFolderFactAttribute : FactAttribute
{
    public SharedFolderFactAttribute(string folder)
    {
        if (ReaderTestFiles.SharedData is null || !Directory.Exists(Path.Combine(ReaderTestFiles.SharedData, folder)))
            Skip = $"../shared/data/{folder} is absent: this test reads data that may not be copied into the repository";
    }
}
