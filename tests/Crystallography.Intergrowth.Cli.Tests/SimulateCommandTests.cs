namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class SimulateCommandTests
{
    private static string Cif(string name) =>
        Path.Combine(Cli.RepositoryRoot().FullName, "tests", "Crystallography.Intergrowth.StructureModel.Tests", "Data", "cif", name);

    private static string Output(string name) => Path.Combine(Path.GetTempPath(), $"intergrowth-{Guid.NewGuid():N}-{name}");

    [Fact]
    public void Two_phases_with_fractions_write_an_xye_that_reads_back()
    {
        string path = Output("two.xye");
        try
        {
            var result = Cli.Run("simulate", Cif("layered_S1.cif"), Cif("rocksalt_S1.cif"), "--instrument", "lab-cu",
                                 "--range", "10:0.02:80", "-o", path, "--fractions", "0.7,0.3", "--formula-unit", "O2");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("layered_S1: scale", result.Stdout);
            var pattern = Diffraction.XyFile.Read(path);
            Assert.Equal(3501, pattern.Count);
            Assert.Equal(10, pattern.X[0], 9);
            Assert.True(pattern.Y.Max() > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_instrument_file_is_accepted()
    {
        string path = Output("file.xye");
        string prm = Path.Combine(Cli.RepositoryRoot().FullName, "tests", "Crystallography.Intergrowth.Diffraction.Tests", "Data", "pbso4-xray-neutron-cw", "inst_d1a.prm");
        try
        {
            var result = Cli.Run("simulate", Cif("rocksalt_S1.cif"), "--instrument", prm, "--range", "20:0.05:120", "--output", path);
            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--instrument", "lab-cu", "--range", "10:0.02:80")] // no -o
    [InlineData("--instrument", "no-such-preset", "--range", "10:0.02:80", "--output", "x.xye")]
    [InlineData("--instrument", "lab-cu", "--range", "10-80", "--output", "x.xye")]
    [InlineData("--instrument", "lab-cu", "--range", "10:0.02:80", "--output", "x.xye", "--fractions", "0.5,0.3,0.2")]
    public void Usage_errors_exit_with_2(params string[] options)
    {
        var result = Cli.Run(["simulate", Cif("layered_S1.cif"), .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("intergrowth simulate:", result.Stderr);
    }
}
