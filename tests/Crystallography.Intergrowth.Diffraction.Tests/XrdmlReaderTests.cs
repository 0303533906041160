using System.Text;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class XrdmlReaderTests
{
    private const string Folder = "vendor-formats-nomad-measurements";
    private static string File1 => ReaderTestFiles.Committed(Folder, "XRD-918-16_10.xrdml");

    [Fact]
    public void Reads_the_Empyrean_scan_as_PROVENANCE_states()
    {
        var p = XrdmlReader.Read(File1);
        Assert.Equal(AxisKind.TwoThetaDegrees, p.Axis);
        Assert.Equal(5027, p.Count);
        Assert.Equal(4.00656514, p.X[0], 12);
        Assert.Equal(69.99936587, p.X[^1], 12);
        Assert.Equal(1305, p.Y[0]);
        Assert.Equal(171, p.Y[^1]);
        // Equal spacing between start and end.
        Assert.Equal((69.99936587 - 4.00656514) / 5026, p.X[1] - p.X[0], 9);
        Assert.Equal([1.5405980, 1.5444260], p.Wavelengths.ToArray());
        Assert.Equal(0.5, p.WavelengthIntensityRatio);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
        Assert.Equal("39.27", p.Metadata["counting time (s)"]);
        Assert.Equal("Cu", p.Metadata["anode"]);
        Assert.Equal(XrdmlReader.FormatName, p.Format);
        Assert.True(XrdmlReader.LooksLike(File.ReadAllBytes(File1).AsSpan(0, 400)));
    }

    [Fact]
    public void Reads_listPositions_and_counts_per_second()
    {
        const string xml = """
            <?xml version="1.0"?>
            <xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.0">
              <xrdMeasurement>
                <usedWavelength><kAlpha1>1.7890</kAlpha1></usedWavelength>
                <scan><dataPoints>
                  <positions axis="2Theta" unit="deg"><listPositions>10 10.5 11.5</listPositions></positions>
                  <commonCountingTime unit="seconds">4</commonCountingTime>
                  <intensities unit="cps">25 100 0</intensities>
                </dataPoints></scan>
              </xrdMeasurement>
            </xrdMeasurements>
            """;
        var p = XrdmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "list.xrdml");
        Assert.Equal([10, 10.5, 11.5], p.X.ToArray());
        Assert.Equal(1.789, p.Wavelength);
        Assert.Null(p.WavelengthIntensityRatio);
        Assert.Equal(SigmaSource.File, p.SigmaSource);
        Assert.Equal(Math.Sqrt(100.0) / 4, p.Sigma[0], 12);   // 25 cps × 4 s = 100 counts
        Assert.Equal(1.0 / 4, p.Sigma[2], 12);                 // empty bin: σ of one count
    }

    [Fact]
    public void Truncated_xml_names_file_line_and_expectation()
    {
        string text = File.ReadAllText(File1);
        string truncated = text[..(text.Length / 2)];
        var ex = Assert.Throws<PowderDataFormatException>(() => XrdmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(truncated)), "cut.xrdml"));
        Assert.Equal("cut.xrdml", ex.FileName);
        Assert.True(ex.Line > 0);
        Assert.Contains("well-formed", ex.Expected);
    }

    [Fact]
    public void Missing_positions_and_list_length_mismatch_are_reported()
    {
        const string noPositions = """
            <xrdMeasurements><xrdMeasurement><scan><dataPoints>
            <intensities unit="counts">1 2 3</intensities>
            </dataPoints></scan></xrdMeasurement></xrdMeasurements>
            """;
        var ex = Assert.Throws<PowderDataFormatException>(() => XrdmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(noPositions)), "a.xrdml"));
        Assert.Contains("2Theta", ex.Expected);
        Assert.Equal(1, ex.Line);

        const string shortList = """
            <xrdMeasurements><xrdMeasurement><scan><dataPoints>
            <positions axis="2Theta"><listPositions>1 2</listPositions></positions>
            <intensities unit="counts">1 2 3</intensities>
            </dataPoints></scan></xrdMeasurement></xrdMeasurements>
            """;
        ex = Assert.Throws<PowderDataFormatException>(() => XrdmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(shortList)), "b.xrdml"));
        Assert.Equal(2, ex.Line);
        Assert.Contains("3 values in <listPositions>", ex.Expected);

        const string badNumber = """
            <xrdMeasurements><xrdMeasurement><scan><dataPoints>
            <positions axis="2Theta"><startPosition>1</startPosition><endPosition>3</endPosition></positions>
            <intensities unit="counts">1 x 3</intensities>
            </dataPoints></scan></xrdMeasurement></xrdMeasurements>
            """;
        ex = Assert.Throws<PowderDataFormatException>(() => XrdmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(badNumber)), "c.xrdml"));
        Assert.Equal("x", ex.Found);
        Assert.Equal(3, ex.Line);
    }
}
