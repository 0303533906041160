using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class FullProfDataFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_cecual_xydata_tof()
    {
        var p = FullProfDataFile.Read(ReaderSharedData.Committed("cecual3-polaris-tof-fullprof", "cecual.dat"));
        Assert.Equal(3693, p.Count); // PROVENANCE: 3693 points, TOF 3001.589–19004.658 µs
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, p.Axis);
        Assert.Equal((3001.589, 40409.0, 462.0), (p.X[0], p.Y[0], p.Sigma[0]));
        Assert.Equal((19004.658, 22232.0, 5634.0), (p.X[^1], p.Y[^1], p.Sigma[^1]));
        Assert.Equal("300.0", p.Metadata["Temperature"]);
        Assert.Equal("Data from POLARIS at ISIS on CeCuAl3", p.Title);
    }

    [Fact]
    public void Reads_rutana_free_format_and_ignores_the_extra_counts()
    {
        string? path = ReaderSharedData.Shared(output, "rutile-anatase-qpa-lab-cuka", "rutana.dat");
        if (path is null) return;
        var p = FullProfDataFile.Read(path);
        // PROVENANCE: 20–99° step 0.01° → 7901 points; the file holds 8001 numbers after the header.
        Assert.Equal(7901, p.Count);
        Assert.Equal("100", p.Metadata["ExtraValues"]);
        Assert.Equal((20.0, 78.0), (p.X[0], p.Y[0]));
        Assert.Equal(99.0, p.X[^1], 1e-9);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
    }

    [Fact]
    public void Reads_licoo2_free_format_with_eight_counts_a_line()
    {
        string? path = ReaderSharedData.Shared(output, "licoo2-lab-cuka-bruker", "LiCoO2.dat");
        if (path is null) return;
        var p = FullProfDataFile.Read(path);
        // PROVENANCE: header 16.000 0.030 136.000 (UXD/RAW say 15.985: the .dat header is honoured), 4001 points.
        Assert.Equal(4001, p.Count);
        Assert.Equal((16.0, 649.0), (p.X[0], p.Y[0]));
        Assert.Equal(136.0, p.X[^1], 1e-9);
        Assert.Equal(401.0, p.Y[^1]);
    }

    [Fact]
    public void Truncated_free_format_is_an_error()
    {
        var e = Assert.Throws<PowderDataFormatException>(() => FullProfDataFile.Parse("10 0.5 12\n1 2 3\n4\n", "short.dat"));
        Assert.Equal(3, e.Line);
        Assert.Contains("5 counts", e.Message);
        var e2 = Assert.Throws<PowderDataFormatException>(() => FullProfDataFile.Parse("10 0.5 12\n1 2 x3\n4 5\n", "bad.dat"));
        Assert.Equal(2, e2.Line);
    }

    [Fact]
    public void Xydata_applies_inter_factors_and_checks_columns()
    {
        var p = FullProfDataFile.Parse("XYDATA test\nINTER 2.0 10.0 0 0\n1 1 0.1\n2 2 0.2\n", "x.dat");
        Assert.Equal([2.0, 4.0], p.X.ToArray());
        Assert.Equal([10.0, 20.0], p.Y.ToArray());
        Assert.Equal([1.0, 2.0], p.Sigma.ToArray());
        var e = Assert.Throws<PowderDataFormatException>(() => FullProfDataFile.Parse("XYDATA\n1 1 1\n2 2\n", "x.dat"));
        Assert.Equal(3, e.Line);
    }
}
