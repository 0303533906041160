using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class GsasRawFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_pbso4_xray_std()
    {
        var banks = GsasRawFile.Read(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "PBSO4.XRA"));
        var p = Assert.Single(banks);
        // PROVENANCE: 2θ 10–160° step 0.025° (BANK 1, 6001 points, CONST), counts.
        Assert.Equal(6001, p.Count);
        Assert.Equal(1, p.Bank);
        Assert.Equal(AxisKind.TwoThetaDegrees, p.Axis);
        Assert.Equal((10.0, 179.0), (p.X[0], p.Y[0]));
        Assert.Equal(160.0, p.X[^1], 1e-9);
        Assert.Equal(368.0, p.Y[^1]);
        Assert.Equal(0.025, p.X[1] - p.X[0], 1e-12);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource); // blank counter fields: σ = √y
        Assert.Equal("GSAS STD", p.Format);
        Assert.Equal("CONST", p.Metadata["Binning"]);
        Assert.StartsWith("10.000   0.025 159.00  CPD RRRR   PbSO4", p.Title);
    }

    [Fact]
    public void Reads_pbso4_neutron_std_with_counter_numbers()
    {
        var p = Assert.Single(GsasRawFile.Read(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "PBSO4.CWN")));
        Assert.Equal(2919, p.Count); // PROVENANCE 2919; BANK 1 2919 292 CONST 1000 5 → 10–155.9° step 0.05°
        Assert.Equal((10.0, 220.0), (p.X[0], p.Y[0]));
        Assert.Equal(155.9, p.X[^1], 1e-9);
        Assert.Equal(450.0, p.Y[^1]);
        // Counter numbers 1 and 2 in the (I2, F6.0) fields: σ² = y / n, so σ is from the file.
        Assert.Equal(SigmaSource.File, p.SigmaSource);
        Assert.Equal(Math.Sqrt(220.0), p.Sigma[0], 1e-12);
        int k = 40; // line 3 of the data starts "1   227 2   211": the 42nd point has 2 counters
        Assert.Equal(211.0, p.Y[k + 1]);
        Assert.Equal(Math.Sqrt(211.0 / 2), p.Sigma[k + 1], 1e-12);
    }

    [Fact]
    public void Reads_11bm_nac_fxye_in_centidegrees()
    {
        string? path = ReaderSharedData.Shared(output, "nac-sxrd-tof", "11BM_NAC.fxye");
        if (path is null) return;
        var p = Assert.Single(GsasRawFile.Read(path));
        // The BANK record (and PROVENANCE) say 59497 points; the file holds 59498 data lines. GSAS-II reads every line,
        // and so does this reader, noting the mismatch.
        Assert.Equal(59498, p.Count);
        Assert.Equal("59497", p.Metadata["nchan"]);
        Assert.Contains("59498", p.Metadata["nchanMismatch"]);
        Assert.Equal((0.50, 239.933, 16.08), (p.X[0], p.Y[0], p.Sigma[0]));
        Assert.Equal(59.9893, p.X[^1], 1e-9);
        Assert.Equal((205.538, 43.1), (p.Y[^1], p.Sigma[^1]));
        Assert.Equal("298.0", p.Metadata["Temperature"]);
    }

    [Theory]
    [InlineData("PG3_22048.gsa", 2, 6825, 6777.081541902, 117.138863759, 103815.513456395, 816.733245228)]
    [InlineData("PG3_22049.gsa", 4, 5199, 25978.812577293, 278.49629804, 207677.502053489, 129.080792434)]
    public void Reads_powgen_slog_tof_banks(string file, int bank, int count, double x0, double y0, double xn, double yn)
    {
        string? path = ReaderSharedData.Shared(output, "nac-sxrd-tof", file);
        if (path is null) return;
        var p = Assert.Single(GsasRawFile.Read(path));
        Assert.Equal(count, p.Count); // PROVENANCE: 6825 + 5199
        Assert.Equal(bank, p.Bank);
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, p.Axis);
        Assert.Equal("SLOG", p.Metadata["Binning"]);
        Assert.Equal((x0, y0), (p.X[0], p.Y[0]));
        Assert.Equal((xn, yn), (p.X[^1], p.Y[^1]));
        Assert.Equal(1.0004, p.X[1] / p.X[0], 1e-9); // SLOG: Δt/t = 0.0004
        Assert.Equal("1", p.Metadata["Monitor"]);
    }

    [Fact]
    public void Reads_all_17_cucr2o4_fxye()
    {
        string? first = ReaderSharedData.Shared(output, "cucr2o4-sequential", "OH_00.fxye");
        if (first is null) return;
        var files = Directory.GetFiles(Path.GetDirectoryName(first)!, "*.fxye");
        Assert.Equal(17, files.Length);
        foreach (string f in files)
        {
            var p = Assert.Single(GsasRawFile.Read(f));
            Assert.Equal(12799, p.Count); // PROVENANCE: 12799 each
            Assert.Equal(0.5, p.X[0], 1e-9);
            Assert.Equal(26.096, p.X[^1], 1e-9);
        }
        var oh00 = GsasRawFile.Read(first)[0];
        Assert.Equal("6.778", oh00.Metadata["Temperature"]);
        Assert.Equal((13.730849, 5.076930), (oh00.Y[^1], oh00.Sigma[^1]));
    }

    [Fact]
    public void Reads_sucrose_fxye()
    {
        string? path = ReaderSharedData.Shared(output, "sucrose-lebail-sxrd", "11bmb_8716.fxye");
        if (path is null) return;
        var p = Assert.Single(GsasRawFile.Read(path));
        Assert.Equal(49494, p.Count); // PROVENANCE: 49494
        Assert.Equal(0.5, p.X[0], 1e-9);
        Assert.Equal(49.98643179, p.X[^1], 1e-9);
        Assert.Equal((265.230908, 45.182763), (p.Y[^1], p.Sigma[^1]));
    }

    // ---- synthetic files for the layouts not in ../shared/data ----

    private const string TwoBanks =
        "two banks\n" +
        "# comment\n" +
        "BANK 1 3 1 CONST 1000 5 0 0 ESD\n" +
        "   100.0    10.0   200.0    14.1   300.0    17.3\n" +
        "BANK 2 4 1 CONST 2000.0 10.0 0 0 FXY\n" +
        "2000 5\n2010 6\n2020 7\n2030 8\n";

    [Fact]
    public void Reads_several_banks_and_esd_and_fxy()
    {
        var banks = GsasRawFile.Parse(TwoBanks, "two.gsa");
        Assert.Equal(2, banks.Length);
        Assert.Equal([10.0, 10.05, 10.1], banks[0].X.Select(x => Math.Round(x, 10)));
        Assert.Equal([10.0, 14.1, 17.3], banks[0].Sigma.ToArray());
        Assert.Equal(SigmaSource.File, banks[0].SigmaSource);
        Assert.Equal(2, banks[1].Bank);
        Assert.Equal([20.0, 20.1, 20.2, 20.3], banks[1].X.Select(x => Math.Round(x, 10)));
        Assert.Equal(SigmaSource.CountingStatistics, banks[1].SigmaSource);
    }

    [Fact]
    public void Reads_a_time_map_bank()
    {
        // Clock width 1000 ns = 1 µs; channels 1–3 from t = 1000 step 10, channels 4–5 from 1030 step 20, end 1070.
        string text = "tof with a time map\n" +
                      "TIME_MAP 1 7 1 TIME_MAP 1000\n" +
                      "1 1000 10 4 1030 20 1070\n" +
                      "BANK 1 5 1 TIME_MAP 1 0 0 0 STD\n" +
                      "      10      20      30      40      50\n";
        var p = Assert.Single(GsasRawFile.Parse(text, "map.gsa"));
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, p.Axis);
        Assert.Equal([1000.0, 1010, 1020, 1030, 1050], p.X.ToArray());
        Assert.Equal([10.0, 20, 30, 40, 50], p.Y.ToArray());
    }

    // ---- malformed input: never half a pattern ----

    [Fact]
    public void Truncated_std_bank_names_file_line_and_count()
    {
        string text = "title\nBANK 1 25 3 CONST 1000 5 0 0 STD\n" +
                      "      10      20      30      40      50      60      70      80      90     100\n" +
                      "      10      20      30      40      50      60      70      80      90     100\n";
        var e = Assert.Throws<PowderDataFormatException>(() => GsasRawFile.Parse(text, "short.gsa"));
        Assert.Equal("short.gsa", e.FileName);
        Assert.Equal(4, e.Line);
        Assert.Contains("25 points in bank 1", e.Message);
        Assert.Contains("found only 20", e.Message);
    }

    [Fact]
    public void Truncated_fxye_bank_before_the_next_bank_is_an_error()
    {
        string text = "t\nBANK 1 3 3 CONS 1000 5 0 0 FXYE\n1000 1 1\n1005 2 1\nBANK 2 1 1 CONS 1000 5 0 0 FXYE\n1000 1 1\n";
        var e = Assert.Throws<PowderDataFormatException>(() => GsasRawFile.Parse(text, "t.fxye"));
        Assert.Equal(4, e.Line);
        Assert.Contains("truncated bank", e.Message);
    }

    [Fact]
    public void Non_numeric_value_names_the_line_and_field()
    {
        string text = "title\nBANK 1 3 1 CONST 1000 5 0 0 STD\n      10     x20      30\n";
        var e = Assert.Throws<PowderDataFormatException>(() => GsasRawFile.Parse(text, "bad.gsa"));
        Assert.Equal(3, e.Line);
        Assert.Contains("columns 11–16", e.Expected);
        var e2 = Assert.Throws<PowderDataFormatException>(() =>
            GsasRawFile.Parse("t\nBANK 1 2 2 CONS 1000 5 0 0 FXYE\n1000 1 1\n1005 two 1\n", "bad.fxye"));
        Assert.Equal("bad.fxye:4: expected 3 numbers (x, y, σ) on an FXYE line, found 'two'", e2.Message);
    }

    [Fact]
    public void Wrong_column_count_and_bad_bank_records_are_rejected()
    {
        var e = Assert.Throws<PowderDataFormatException>(() =>
            GsasRawFile.Parse("t\nBANK 1 3 3 CONS 1000 5 0 0 FXYE\n1000 1 1\n1005 2\n1010 3 1\n", "cols.fxye"));
        Assert.Equal(4, e.Line);
        Assert.Throws<PowderDataFormatException>(() => GsasRawFile.Parse("t\nBANK one 3 3 CONS 1 1 0 0\n", "b.gsa"));
        Assert.Throws<PowderDataFormatException>(() => GsasRawFile.Parse("t\nBANK 1 3 3 WEIRD 1 1 0 0\n1 2 3\n", "b.gsa"));
        Assert.Throws<PowderDataFormatException>(() => GsasRawFile.Parse("t\njust text\n", "none.gsa"));
    }
}
