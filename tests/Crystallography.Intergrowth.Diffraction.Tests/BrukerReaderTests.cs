using System.IO.Compression;
using System.Text;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class BrukerReaderTests
{
    // LiCoO2 comes from PowBase ("copyleft"): read in place from ../shared/data, never copied.
    private const string LiCoO2 = "licoo2-lab-cuka-bruker";
    private const string Vendor = "vendor-formats-nomad-measurements";

    [SharedFolderFact(LiCoO2)]
    public void Raw_v1_LiCoO2_matches_PROVENANCE()
    {
        var p = BrukerRawReader.Read(ReaderTestFiles.Shared(LiCoO2, "LiCoO2.RAW"));
        Assert.Equal(BrukerRawReader.FormatNameVersion1, p.Format);
        Assert.Equal(4001, p.Count);
        Assert.Equal(15.985, p.X[0]);
        Assert.Equal(135.985, p.X[^1], 9);
        Assert.Equal(649, p.Y[0]);
        Assert.Equal(401, p.Y[^1]);
        Assert.Equal([1.5406, 1.54443], p.Wavelengths.ToArray());
        Assert.Equal("LICOO2", p.Title);
        Assert.Equal("12.5", p.Metadata["time per step (s)"]);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
    }

    [SharedFolderFact(LiCoO2)]
    public void Raw_v1_and_Uxd_hold_the_same_measurement()
    {
        // The check of the RAW v1 layout: the binary and its text rendering agree point by point.
        var raw = BrukerRawReader.Read(ReaderTestFiles.Shared(LiCoO2, "LiCoO2.RAW"));
        var uxd = BrukerUxdReader.Read(ReaderTestFiles.Shared(LiCoO2, "LiCoO2.UXD"));
        Assert.Equal(BrukerUxdReader.FormatName, uxd.Format);
        Assert.Equal(4001, uxd.Count);
        Assert.Equal(raw.Y.ToArray(), uxd.Y.ToArray());
        for (int i = 0; i < raw.Count; i++) Assert.Equal(uxd.X[i], raw.X[i], 12);
        Assert.Equal([1.5406, 1.54443], uxd.Wavelengths.ToArray());
        Assert.Equal(0.514, uxd.WavelengthIntensityRatio);
        Assert.Equal("LICoO2", uxd.Title);
        Assert.Equal("COUPLED", uxd.Metadata["DRIVE"]);
    }

    [Fact]
    public void Raw_v4_scrambled_scan_reads()
    {
        string path = ReaderTestFiles.Committed(Vendor, "TwoTheta_scan_scrambled.raw");
        var p = BrukerRawReader.Read(path);
        Assert.Equal(BrukerRawReader.FormatNameVersion4, p.Format);
        Assert.Equal(7134, p.Count);
        Assert.Equal(10.0, p.X[0]);
        Assert.Equal(10.0 + 7133 * 0.010520299896597862, p.X[^1], 9);
        // Intensities are deliberately scrambled in this file (negative values included); these are its first and last.
        Assert.Equal(283.7691955566406, p.Y[0], 9);
        Assert.Equal(-105.77827453613281, p.Y[^1], 9);
        Assert.Equal(1.5406, p.Wavelength);   // PROVENANCE: ≈ 1.540598 Å, Cu
        Assert.Single(p.Wavelengths);         // the file's Kα2 and ratio are 0
        Assert.Equal("Cu", p.Metadata["anode"]);
        Assert.Equal("Locked Coupled", p.Metadata["scan type"]);
        Assert.True(BrukerRawReader.LooksLike(File.ReadAllBytes(path)));
    }

    [Fact]
    public void Raw_with_wrong_length_or_magic_is_refused()
    {
        byte[] v4 = File.ReadAllBytes(ReaderTestFiles.Committed(Vendor, "TwoTheta_scan_scrambled.raw"));
        var ex = Assert.Throws<PowderDataFormatException>(() => BrukerRawReader.ReadAll(v4.AsSpan(0, v4.Length - 3), "short.raw"));
        Assert.Equal("short.raw", ex.FileName);
        Assert.Contains("7134 data of 8 bytes", ex.Expected);

        var fake = new byte[200];
        Encoding.ASCII.GetBytes("RAW ").CopyTo(fake, 0);
        BitConverter.GetBytes(4001u).CopyTo(fake, 4);   // promises 4001 counts the file does not hold
        BitConverter.GetBytes(0.03f).CopyTo(fake, 12);
        ex = Assert.Throws<PowderDataFormatException>(() => BrukerRawReader.ReadAll(fake, "v1.raw"));
        Assert.Contains("4001 float32 counts", ex.Expected);
        Assert.Equal("200 bytes in the file", ex.Found);

        ex = Assert.Throws<PowderDataFormatException>(() => BrukerRawReader.ReadAll("RAW2xxxxxxxx"u8, "v2.raw"));
        Assert.Contains("version 2 is not supported", ex.Expected);
        ex = Assert.Throws<PowderDataFormatException>(() => BrukerRawReader.ReadAll("PK\u0003\u0004"u8, "zip.raw"));
        Assert.Contains("RAW", ex.Expected);
    }

    [SharedFolderFact(LiCoO2)]
    public void Raw_v1_with_trailing_bytes_is_refused()
    {
        byte[] raw = File.ReadAllBytes(ReaderTestFiles.Shared(LiCoO2, "LiCoO2.RAW"));
        byte[] longer = [.. raw, 1, 2, 3, 4];
        var ex = Assert.Throws<PowderDataFormatException>(() => BrukerRawReader.ReadAll(longer, "long.raw"));
        Assert.Contains("end of the file", ex.Expected);
    }

    [Fact]
    public void Uxd_with_a_bad_count_names_the_line()
    {
        const string text = "_WL1=1.5406\r\n_START=10\r\n_STEPSIZE=0.02\r\n_COUNTS\r\n 10 20 30\r\n 40 4x 60\r\n";
        var ex = Assert.Throws<PowderDataFormatException>(() => BrukerUxdReader.Parse(text, "bad.uxd"));
        Assert.Equal(6, ex.Line);
        Assert.Equal("4x", ex.Found);

        ex = Assert.Throws<PowderDataFormatException>(() => BrukerUxdReader.Parse("_START=10\n_COUNTS\n1 2 3\n", "nostep.uxd"));
        Assert.Contains("_STEPSIZE", ex.Expected);
    }

    [Fact]
    public void Uxd_reads_pairs_and_several_ranges()
    {
        const string text = "_WL1=1.54\n; range 1\n_STEPTIME=2\n_2THETACPS\n10 5\n10.1 8\n; range 2\n_START=20\n_STEPSIZE=0.5\n_COUNTS\n1 2 3\n";
        var ranges = BrukerUxdReader.Parse(text, "two.uxd");
        Assert.Equal(2, ranges.Count);
        Assert.Equal([10, 10.1], ranges[0].X.ToArray());
        Assert.Equal(Math.Sqrt(10.0) / 2, ranges[0].Sigma[0], 12);
        Assert.Equal([20, 20.5, 21], ranges[1].X.ToArray());
        Assert.Equal(2, ranges[1].Bank);
        Assert.Equal(1.54, ranges[1].Wavelength);
    }

    [Fact]
    public void Brml_two_theta_omega_scan_reads()
    {
        var p = BrukerBrmlReader.Read(ReaderTestFiles.Committed(Vendor, "23-012-AG_2thomegascan_long.brml"));
        Assert.Equal(BrukerBrmlReader.FormatName, p.Format);
        Assert.Equal(2001, p.Count);
        Assert.Equal(44.0, p.X[0]);
        Assert.Equal(48.0, p.X[^1]);
        Assert.Equal(3, p.Y[0]);
        Assert.Equal(2, p.Y[^1]);
        Assert.Equal([1.5406, 1.54439], p.Wavelengths.ToArray());
        Assert.Equal(0.5, p.WavelengthIntensityRatio);
        Assert.Equal("1", p.Metadata["time per step (s)"]);
        Assert.StartsWith("from DataViews: 2θ in column 3, counts in column 8", p.Metadata["column layout"]);
    }

    [Fact]
    public void Brml_that_is_not_a_zip_or_has_a_short_datum_is_refused()
    {
        var ex = Assert.Throws<PowderDataFormatException>(() => BrukerBrmlReader.ReadAll(new MemoryStream("<xml/>"u8.ToArray()), "plain.brml"));
        Assert.Contains("zip archive", ex.Expected);

        var zipped = Zip(("Experiment0/RawData0.xml", """
            <RawData><DataRoutes><DataRoute>
            <Datum>1,1,44,18,0,0,0,3</Datum>
            <Datum>1,1,44.002</Datum>
            </DataRoute></DataRoutes></RawData>
            """));
        ex = Assert.Throws<PowderDataFormatException>(() => BrukerBrmlReader.ReadAll(zipped, "short.brml"));
        Assert.Contains("short.brml[Experiment0/RawData0.xml]", ex.FileName);
        Assert.Equal(3, ex.Line);
        Assert.Contains("comma-separated numbers", ex.Expected);

        ex = Assert.Throws<PowderDataFormatException>(() => BrukerBrmlReader.ReadAll(Zip(("readme.txt", "x")), "empty.brml"));
        Assert.Contains("RawData", ex.Expected);
    }

    internal static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }
        ms.Position = 0;
        return ms;
    }
}
