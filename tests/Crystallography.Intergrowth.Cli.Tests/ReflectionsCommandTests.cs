using System.Text.Json;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class ReflectionsCommandTests
{
    private static string Cif(string name) =>
        Path.Combine(Cli.RepositoryRoot().FullName, "tests", "Crystallography.Intergrowth.StructureModel.Tests", "Data", "cif", name);

    [Fact]
    public void Json_has_the_fields_of_the_issue_and_the_layered_003_first()
    {
        var result = Cli.Run("reflections", Cif("layered_S1.cif"), "--xray", "0.4137", "--dmin", "1.4", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var reflections = doc.RootElement.GetProperty("reflections");
        Assert.Equal(11, reflections.GetArrayLength());
        var first = reflections[0];
        Assert.Equal(0, first.GetProperty("h").GetInt32());
        Assert.Equal(0, first.GetProperty("k").GetInt32());
        Assert.Equal(3, first.GetProperty("l").GetInt32());
        Assert.Equal(4.80243, first.GetProperty("d").GetDouble(), 5);
        Assert.Equal(2, first.GetProperty("multiplicity").GetInt32());
        Assert.True(first.GetProperty("f2").GetDouble() > 0);
        foreach (var r in reflections.EnumerateArray()) Assert.True(r.GetProperty("d").GetDouble() >= 1.4);
    }

    [Fact]
    public void Neutrons_give_fm2_and_anomalous_dispersion_changes_xray_f2()
    {
        var neutron = Cli.Run("reflections", Cif("rocksalt_S1.cif"), "--neutron", "1.622");
        Assert.Equal(0, neutron.ExitCode);
        Assert.Contains("fm²", neutron.Stdout);
        var plain = Cli.Run("reflections", Cif("rocksalt_S1.cif"), "--xray", "1.540593", "--json");
        var anomalous = Cli.Run("reflections", Cif("rocksalt_S1.cif"), "--xray", "1.540593", "--anomalous", "--json");
        Assert.Equal(0, anomalous.ExitCode);
        Assert.NotEqual(plain.Stdout, anomalous.Stdout);
    }

    [Theory]
    [InlineData("--xray", "1", "--neutron", "1")]
    [InlineData("--dmin", "1")]
    [InlineData("--xray", "abc")]
    public void Usage_errors_exit_with_2(params string[] options)
    {
        var result = Cli.Run(["reflections", Cif("layered_S1.cif"), .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("intergrowth reflections:", result.Stderr);
    }

    [Fact]
    public void A_missing_file_exits_with_1()
    {
        var result = Cli.Run("reflections", "no-such-file.cif", "--xray", "1");
        Assert.Equal(1, result.ExitCode);
    }
}
