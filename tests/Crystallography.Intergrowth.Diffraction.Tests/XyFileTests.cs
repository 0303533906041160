using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class XyFileTests(ITestOutputHelper output)
{
    // ---- real files, committed (BSD-3 / MIT) ----

    [Fact]
    public void Reads_hrpt_lbco_xye_with_a_comment_header()
    {
        var p = XyFile.Read(ReaderSharedData.Committed("lbco-hrpt-cwneutron-easydiffraction", "hrpt_lbco.xye"));
        Assert.Equal(3098, p.Count); // PROVENANCE: 10.00–164.85° 2θ, step 0.05°, 3098 points
        Assert.Equal(AxisKind.TwoThetaDegrees, p.Axis);
        Assert.Equal(SigmaSource.File, p.SigmaSource);
        Assert.Equal((10.00, 167.00, 12.60), (p.X[0], p.Y[0], p.Sigma[0]));
        Assert.Equal((164.85, 109.00, 41.20), (p.X[^1], p.Y[^1], p.Sigma[^1]));
    }

    [Fact]
    public void Reads_sepd_si_tof_xye_and_infers_time_of_flight()
    {
        var p = XyFile.Read(ReaderSharedData.Committed("si-sepd-tof-easydiffraction", "sepd_si.xye"));
        Assert.Equal(5600, p.Count); // PROVENANCE: 2000–29995 µs, step 5 µs
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, p.Axis);
        Assert.Equal((2000.0, 213.8, 3.3), (p.X[0], p.Y[0], p.Sigma[0]));
        Assert.Equal((29995.0, 249.3, 72.0), (p.X[^1], p.Y[^1], p.Sigma[^1]));
    }

    [Fact]
    public void Three_column_xy_ignores_the_background_column_by_default()
    {
        string path = ReaderSharedData.Committed("limno-lab-cuka-xrdautoanalyzer", "LiMnO2+Li2MnO3.xy");
        var p = XyFile.Read(path);
        Assert.Equal(9001, p.Count); // PROVENANCE: 10.00–100.00°, step 0.01°, tab separated, CRLF
        Assert.Equal((10.0, 100.0), (p.X[0], p.X[^1]));
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
        Assert.Equal("3..3", p.Metadata["IgnoredColumns"]);
        var withSigma = XyFile.Read(path, new XyReadOptions { ThirdColumn = XyThirdColumn.Sigma });
        Assert.Equal(SigmaSource.File, withSigma.SigmaSource);
    }

    // ---- real files, read in place ----

    [Fact]
    public void Reads_17bm_xye_with_a_block_comment_and_crlf()
    {
        string? path = ReaderSharedData.Shared(output, "naxmno2-insitu-heating-sxrd-17bmb/xye", "001.xye");
        if (path is null) return;
        var p = XyFile.Read(path);
        Assert.Equal(2500, p.Count); // PROVENANCE: 0.700–15.896°, step 0.006081°, 2500 points
        Assert.Equal((0.7, 6141.097275, 78.365153), (p.X[0], p.Y[0], p.Sigma[0]));
        Assert.Equal((15.896016, 7291.026627, 85.387509), (p.X[^1], p.Y[^1], p.Sigma[^1]));
        Assert.Contains("Azm= 180.00", p.Title);
    }

    [Fact]
    public void Reads_all_23_17bm_scans()
    {
        string? dir = ReaderSharedData.Root is { } r ? Path.Combine(r, "naxmno2-insitu-heating-sxrd-17bmb", "xye") : null;
        if (dir is null || !Directory.Exists(dir)) { output.WriteLine("NOT RUN: ../shared/data/naxmno2-insitu-heating-sxrd-17bmb is absent."); return; }
        var files = Directory.GetFiles(dir, "*.xye");
        Assert.Equal(23, files.Length);
        foreach (string f in files) Assert.Equal(2500, XyFile.Read(f).Count);
    }

    [Theory]
    [InlineData("wish_ncaf_5_6.xys", 4121, 7272.2524, 0.0, 6.7462, 103417.6719, 277.6662, 73.8374)]
    [InlineData("wish_ncaf_4_7.xys", 4043, 7468.4165, double.NaN, double.NaN, 109083.4844, 131.593, double.NaN)]
    public void Reads_wish_xys(string file, int count, double x0, double y0, double s0, double xn, double yn, double sn)
    {
        string? path = ReaderSharedData.Shared(output, "ncaf-wish-tof-easydiffraction", file);
        if (path is null) return;
        var p = XyFile.Read(path);
        Assert.Equal(count, p.Count);
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, p.Axis);
        Assert.Equal(x0, p.X[0]);
        Assert.Equal(xn, p.X[^1]);
        if (!double.IsNaN(y0)) Assert.Equal((y0, s0), (p.Y[0], p.Sigma[0]));
        Assert.Equal(yn, p.Y[^1]);
        if (!double.IsNaN(sn)) Assert.Equal(sn, p.Sigma[^1]);
    }

    [Fact]
    public void Reads_lab6_xye_with_tabs_and_zero_sigma()
    {
        string? path = ReaderSharedData.Shared(output, "lab6-lab-cuka-xrayutilities", "LaB6_d500_si_psd.xye");
        if (path is null) return;
        var p = XyFile.Read(path);
        Assert.Equal(17381, p.Count); // PROVENANCE: 4.572–150.578°, step 0.0084°
        Assert.Equal((4.57208, 950.18403, 548.58900), (p.X[0], p.Y[0], p.Sigma[0]));
        Assert.Equal((150.57830, 0.0, 0.0), (p.X[^1], p.Y[^1], p.Sigma[^1])); // σ = 0 allowed: zero weight
    }

    [Fact]
    public void Reads_two_column_y2o3_dat()
    {
        string? path = ReaderSharedData.Shared(output, "y2o3-lab-cuka-autofp", "Y2O3.dat");
        if (path is null) return;
        var p = XyFile.Read(path);
        Assert.Equal(7351, p.Count); // PROVENANCE: 3.00–150.00°, step 0.02°
        Assert.Equal((3.0, 1643.0), (p.X[0], p.Y[0]));
        Assert.Equal((150.0, 748.0), (p.X[^1], p.Y[^1]));
    }

    [Theory]
    [InlineData("y2o3-cpd-lab-cuka-maud", "CPD-Y2O3.PRN", 484.0, 316.0)]
    [InlineData("cpd-qpa-1h-corundum-fluorite-zincite", "CPD-1H.PRN", 158.0, 86.0)]
    public void Reads_cr_only_prn_as_columns(string folder, string file, double y0, double yn)
    {
        string? path = ReaderSharedData.Shared(output, folder, file);
        if (path is null) return;
        var p = XyFile.Read(path);
        Assert.Equal(7251, p.Count); // 5–150° step 0.02°
        Assert.Equal((5.0, y0), (p.X[0], p.Y[0]));
        Assert.Equal((150.0, yn), (p.X[^1], p.Y[^1]));
    }

    // ---- syntax ----

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Any_line_ending_reads_the_same(string eol)
    {
        string text = string.Join(eol, "# header", "1.0 10 3", "", "2.0 20 4", "3.0 30 5") + eol;
        var p = XyFile.Parse(text, "t.xye");
        Assert.Equal([1.0, 2.0, 3.0], p.X.ToArray());
        Assert.Equal([3.0, 4.0, 5.0], p.Sigma.ToArray());
    }

    [Fact]
    public void Commas_tabs_block_and_trailing_comments_are_understood()
    {
        string text = "/* a block\n comment */ ! more\nTitle line\n1,5\t# first\n2 , 6\n3;7 ! last\n";
        var p = XyFile.Parse(text, "t.dat");
        Assert.Equal([1.0, 2.0, 3.0], p.X.ToArray());
        Assert.Equal([5.0, 6.0, 7.0], p.Y.ToArray());
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
    }

    [Fact]
    public void Descending_x_is_reversed()
    {
        var p = XyFile.Parse("3 30\n2 20\n1 10\n", "d.xy");
        Assert.Equal([1.0, 2.0, 3.0], p.X.ToArray());
        Assert.Equal([10.0, 20.0, 30.0], p.Y.ToArray());
        Assert.Equal("true", p.Metadata["Reversed"]);
    }

    // ---- malformed input ----

    [Fact]
    public void Non_numeric_value_mid_file_names_file_and_line()
    {
        var e = Assert.Throws<PowderDataFormatException>(() => XyFile.Parse("# h\n1 10 1\n2 abc 1\n3 30 1\n", "bad.xye"));
        Assert.Equal("bad.xye", e.FileName);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("bad.xye:3: expected 3 numbers per line as on line 2", e.Message);
    }

    [Fact]
    public void Wrong_column_count_mid_file_names_file_and_line()
    {
        var e = Assert.Throws<PowderDataFormatException>(() => XyFile.Parse("1 10 1\n2 20 2\n3 30\n", "cols.xye"));
        Assert.Equal(3, e.Line);
        Assert.Contains("3 numbers per line", e.Expected);
    }

    [Fact]
    public void Non_increasing_x_negative_sigma_and_empty_files_are_rejected()
    {
        Assert.Throws<PowderDataFormatException>(() => XyFile.Parse("1 10\n2 20\n2 30\n", "dup.xy"));
        Assert.Throws<PowderDataFormatException>(() => XyFile.Parse("1 10 -1\n2 20 1\n", "neg.xye"));
        Assert.Throws<PowderDataFormatException>(() => XyFile.Parse("# only a header\n", "empty.xy"));
        Assert.Throws<PowderDataFormatException>(() => XyFile.Parse("/* never closed\n1 2\n", "open.xy"));
    }

    // ---- writer ----

    [Fact]
    public void Writes_xye_with_a_header_that_reads_back()
    {
        var p = new PowderPattern(AxisKind.TimeOfFlightMicroseconds, [1000, 1000.5, 1001], [1, 2, 3], ImmutableArray.Create(0.1, 0.2, 0.3))
            .WithTitle("NAC bank 2").WithBank(2).WithWavelengths(1.066);
        string text = XyFile.Format(p);
        Assert.StartsWith("# xye written by Crystallography.Intergrowth\n# title: NAC bank 2\n# axis: TimeOfFlightMicroseconds", text);
        var back = XyFile.Parse(text, "w.xye");
        Assert.Equal(p.X.ToArray(), back.X.ToArray());
        Assert.Equal(p.Sigma.ToArray(), back.Sigma.ToArray());
        Assert.Equal((p.Axis, p.Title, p.Bank, p.Wavelength), (back.Axis, back.Title, back.Bank, back.Wavelength));
    }

    [Fact]
    public void Writes_to_a_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"xy-{Guid.NewGuid():N}.xye");
        try
        {
            var p = new PowderPattern(AxisKind.TwoThetaDegrees, [10, 20], [5, 0]);
            XyFile.Write(p, path);
            var back = PowderFile.ReadSingle(path);
            Assert.Equal(p.X.ToArray(), back.X.ToArray());
            Assert.Equal(p.Sigma.ToArray(), back.Sigma.ToArray()); // counting σ written out: √5, and 1 for y = 0
        }
        finally { File.Delete(path); }
    }

    /// <summary>Write then read gives back every x, y and σ bit for bit ("R" formatting), the axis, title and wavelengths.</summary>
    [Property(MaxTest = 200)]
    public Property Write_then_read_round_trips(NonEmptyArray<NormalFloat> values, PositiveInt axisSeed, bool withSigma)
    {
        int n = values.Get.Length;
        var x = new double[n];
        var y = new double[n];
        var s = new double[n];
        double acc = values.Get[0].Get % 1000;
        for (int i = 0; i < n; i++)
        {
            double v = values.Get[i].Get;
            acc += 1e-3 + Math.Abs(v % 7.0);
            x[i] = acc;
            y[i] = v;
            s[i] = Math.Abs(v / 3);
        }
        var axis = (AxisKind)(axisSeed.Get % 5);
        var p = new PowderPattern(axis, [.. x], [.. y], withSigma ? [.. s] : null).WithTitle("round trip").WithWavelengths(0.413909);
        var back = XyFile.Parse(XyFile.Format(p), "rt.xye");
        bool same = back.X.SequenceEqual(p.X) && back.Y.SequenceEqual(p.Y) && back.Sigma.SequenceEqual(p.Sigma)
                    && back.Axis == p.Axis && back.Title == p.Title && back.Wavelength == p.Wavelength;
        return same.Label($"n = {n}, axis = {axis}");
    }
}
