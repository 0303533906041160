namespace Crystallography.Intergrowth.TestKit;

/// <summary>Where tests find the repository's files and the project's shared data.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the folder above the test binaries that holds Crystallography.Intergrowth.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root, e.g. <c>Path("docs", "symmetry.md")</c>.</summary>
    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>
    /// The project's shared data folder (../shared/data beside the repository), or null when it is
    /// absent — tests that read licence-restricted data in place must then say so and return.
    /// </summary>
    public static string? SharedData
    {
        get
        {
            string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "data"));
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Crystallography.Intergrowth.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Crystallography.Intergrowth.sln.");
    }
}
