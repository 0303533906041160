namespace Crystallography.Intergrowth.Diffraction.Tests;

public class PrnReaderTests
{
    [Fact]
    public void Y2O3_round_robin_file_with_CR_only_line_endings()
    {
        string path = ReaderTestFiles.Committed("y2o3-cpd-prn-maud", "CPD-Y2O3.PRN");
        Assert.DoesNotContain('\n', File.ReadAllText(path));   // the edge case this file is kept for
        var p = PrnReader.Read(path);
        Assert.Equal(7251, p.Count);
        Assert.Equal(5.0, p.X[0]);
        Assert.Equal(150.0, p.X[^1]);
        Assert.Equal(484, p.Y[0]);
        Assert.Equal(316, p.Y[^1]);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
        Assert.Null(p.Wavelength);   // the PRN holds no wavelength; the MAUD .par does (Cu Kα1 1.5405981 Å)
    }

    [SharedFolderFact("cpd-qpa-1h-corundum-fluorite-zincite")]
    public void Cpd_1h_quantitative_phase_analysis_sample()
    {
        var p = PrnReader.Read(ReaderTestFiles.Shared("cpd-qpa-1h-corundum-fluorite-zincite", "CPD-1H.PRN"));
        Assert.Equal(7251, p.Count);
        Assert.Equal(5.0, p.X[0]);
        Assert.Equal(150.0, p.X[^1]);
        Assert.Equal(158, p.Y[0]);
        Assert.Equal(86, p.Y[^1]);
    }

    [Fact]
    public void Malformed_lines_are_reported()
    {
        var ex = Assert.Throws<PowderDataFormatException>(() => PrnReader.Parse("5.00 10\r5.02 11\r5.04 x\r", "bad.prn"));
        Assert.Equal(3, ex.Line);
        Assert.Equal("bad.prn", ex.FileName);
        ex = Assert.Throws<PowderDataFormatException>(() => PrnReader.Parse("5.00 10\r5.02 11 3\r", "cols.prn"));
        Assert.Contains("2 numbers", ex.Expected);
        ex = Assert.Throws<PowderDataFormatException>(() => PrnReader.Parse("5.02 10\r5.00 11\r", "order.prn"));
        Assert.Contains("greater", ex.Expected);
    }
}
