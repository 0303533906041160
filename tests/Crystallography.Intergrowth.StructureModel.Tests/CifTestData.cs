using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>Where the CIF tests find their files.</summary>
internal static class CifTestData
{
    /// <summary>The repository root: the folder above the test binaries that holds Crystallography.Intergrowth.sln.</summary>
    public static string RepositoryRoot => RepositoryLayout.Root;

    /// <summary>
    /// Test CIFs committed with the tests, read from the source tree (tests/…StructureModel.Tests/Data/cif)
    /// so the project file needs no copy rule.
    /// </summary>
    public static string Committed(string fileName) =>
        Path.Combine(RepositoryRoot, "tests", "Crystallography.Intergrowth.StructureModel.Tests", "Data", "cif", fileName);

    /// <summary>
    /// ../shared/data beside the repository: public data that is not all ours to redistribute, read in
    /// place. Null when that folder is absent (a clone without the shared folder): tests then report
    /// that they did not run and return.
    /// </summary>
    public static string? SharedData => RepositoryLayout.SharedData;
}
