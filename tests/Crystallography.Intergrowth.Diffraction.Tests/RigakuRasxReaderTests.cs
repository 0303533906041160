namespace Crystallography.Intergrowth.Diffraction.Tests;

public class RigakuRasxReaderTests
{
    [Fact]
    public void Reads_the_SmartLab_powder_scan()
    {
        var p = RigakuRasxReader.Read(ReaderTestFiles.Committed("vendor-formats-nomad-measurements", "TwoTheta_scan_powder.rasx"));
        Assert.Equal(RigakuRasxReader.FormatName, p.Format);
        Assert.Equal(2726, p.Count);              // = DataCount of the measurement conditions
        Assert.Equal(10.0, p.X[0]);
        Assert.Equal(119.0, p.X[^1]);
        Assert.Equal(170.55354309082, p.Y[0], 9);
        Assert.Equal(13.8521060943604, p.Y[^1], 9);
        Assert.Equal([1.540593, 1.544414], p.Wavelengths.ToArray());
        Assert.Null(p.WavelengthIntensityRatio);  // RASX does not state it
        Assert.Equal("Cu", p.Metadata["anode"]);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);   // every attenuation factor is 1
    }

    [Fact]
    public void Attenuation_factors_scale_intensity_and_sigma()
    {
        var zip = BrukerReaderTests.Zip(("Data0/Profile0.txt", "10.0\t100\t1\r\n10.1\t25\t10\r\n"));
        var p = RigakuRasxReader.ReadAll(zip, "att.rasx")[0];
        Assert.Equal([100.0, 250.0], p.Y.ToArray());
        Assert.Equal([10.0, 50.0], p.Sigma.ToArray());
        Assert.Equal(SigmaSource.File, p.SigmaSource);
    }

    [Fact]
    public void Malformed_profile_or_count_mismatch_is_reported()
    {
        var ex = Assert.Throws<PowderDataFormatException>(() =>
            RigakuRasxReader.ReadAll(BrukerReaderTests.Zip(("Data0/Profile0.txt", "10.0\t1\t1\n10.1\tabc\t1\n")), "bad.rasx"));
        Assert.Equal("bad.rasx[Data0/Profile0.txt]", ex.FileName);
        Assert.Equal(2, ex.Line);
        Assert.Equal("abc", ex.Found);

        var mismatch = BrukerReaderTests.Zip(
            ("Data0/Profile0.txt", "10.0\t1\t1\n10.1\t2\t1\n"),
            ("Data0/MesurementConditions0.xml", "<Root><ScanInformation><AxisName>TwoTheta</AxisName><DataCount>3</DataCount></ScanInformation></Root>"));
        ex = Assert.Throws<PowderDataFormatException>(() => RigakuRasxReader.ReadAll(mismatch, "cut.rasx"));
        Assert.Contains("3 data lines", ex.Expected);

        ex = Assert.Throws<PowderDataFormatException>(() => RigakuRasxReader.ReadAll(new MemoryStream([1, 2, 3]), "junk.rasx"));
        Assert.Contains("zip archive", ex.Expected);
    }
}
