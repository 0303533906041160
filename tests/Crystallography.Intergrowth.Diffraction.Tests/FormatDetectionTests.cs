using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class FormatDetectionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("pbso4-xray-neutron-cw", "PBSO4.XRA", PowderFileFormat.GsasRaw, 6001)]
    [InlineData("pbso4-xray-neutron-cw", "PBSO4.CWN", PowderFileFormat.GsasRaw, 2919)]
    [InlineData("cecual3-polaris-tof-fullprof", "cecual.dat", PowderFileFormat.FullProfXyData, 3693)]
    [InlineData("si-sepd-tof-easydiffraction", "sepd_si.xye", PowderFileFormat.Columns, 5600)]
    [InlineData("lbco-hrpt-cwneutron-easydiffraction", "hrpt_lbco.xye", PowderFileFormat.Columns, 3098)]
    [InlineData("limno-lab-cuka-xrdautoanalyzer", "LiMnO2+Li2MnO3.xy", PowderFileFormat.Columns, 9001)]
    public void Detects_and_reads_committed_files(string folder, string file, PowderFileFormat format, int count)
    {
        string path = ReaderSharedData.Committed(folder, file);
        Assert.Equal(format, FormatDetection.Detect(path));
        Assert.Equal(count, Assert.Single(PowderFile.Read(path)).Count);
    }

    [Theory]
    [InlineData("nac-sxrd-tof", "PG3_22048.gsa", PowderFileFormat.GsasRaw, 6825)]
    [InlineData("nac-sxrd-tof", "11BM_NAC.fxye", PowderFileFormat.GsasRaw, 59498)]
    [InlineData("rutile-anatase-qpa-lab-cuka", "rutana.dat", PowderFileFormat.FullProfFreeFormat, 7901)]
    [InlineData("licoo2-lab-cuka-bruker", "LiCoO2.dat", PowderFileFormat.FullProfFreeFormat, 4001)]
    [InlineData("y2o3-lab-cuka-autofp", "Y2O3.dat", PowderFileFormat.Columns, 7351)]
    [InlineData("y2o3-cpd-lab-cuka-maud", "CPD-Y2O3.PRN", PowderFileFormat.Columns, 7251)]
    [InlineData("ncaf-wish-tof-easydiffraction", "wish_ncaf_5_6.xys", PowderFileFormat.Columns, 4121)]
    [InlineData("naxmno2-insitu-heating-sxrd-17bmb/xye", "200.xye", PowderFileFormat.Columns, 2500)]
    [InlineData("licoo2-lab-cuka-bruker", "LiCoO2.UXD", PowderFileFormat.BrukerUxd, 4001)]
    [InlineData("licoo2-lab-cuka-bruker", "LiCoO2.RAW", PowderFileFormat.BrukerRaw, 4001)]
    [InlineData("vendor-formats-nomad-measurements", "XRD-918-16_10.xrdml", PowderFileFormat.Xrdml, 5027)]
    [InlineData("cecual3-polaris-tof-fullprof", "cecual_prof.cif", PowderFileFormat.PdCif, 3692)]
    public void Detects_and_reads_shared_files(string folder, string file, PowderFileFormat format, int count)
    {
        string? path = ReaderSharedData.Shared(output, folder, file);
        if (path is null) return;
        Assert.Equal(format, FormatDetection.Detect(path));
        Assert.Equal(count, PowderFile.Read(path)[0].Count);
    }

    [Theory]
    [InlineData("vendor-formats-nomad-measurements", "23-012-AG_2thomegascan_long.brml", PowderFileFormat.BrukerBrml)]
    [InlineData("vendor-formats-nomad-measurements", "TwoTheta_scan_powder.rasx", PowderFileFormat.RigakuRasx)]
    [InlineData("nac-sxrd-tof", "POWGEN_1066.instprm", PowderFileFormat.Unknown)]
    [InlineData("pbso4-xray-neutron-cw", "INST_XRY.PRM", PowderFileFormat.Unknown)]
    [InlineData("nac-sxrd-tof", "NAC.cif", PowderFileFormat.Unknown)]
    [InlineData("rutile-anatase-qpa-lab-cuka", "rutana.sum", PowderFileFormat.Unknown)]
    public void Detects_zips_and_rejects_non_pattern_files(string folder, string file, PowderFileFormat format)
    {
        string? path = ReaderSharedData.Shared(output, folder, file);
        if (path is null) return;
        Assert.Equal(format, FormatDetection.Detect(path));
    }

    [Fact]
    public void A_free_format_header_is_not_mistaken_for_an_xye_row()
    {
        // x, y, σ rows: "10 167 12.6" cannot be start/step/end (end < start).
        Assert.Equal(PowderFileFormat.Columns, FormatDetection.Detect("10 167 12.6\n10.05 157 12.5\n"u8, ".dat"));
        Assert.Equal(PowderFileFormat.FullProfFreeFormat, FormatDetection.Detect("10 0.5 12\n1 2 3\n4 5\n"u8, ".dat"));
    }

    [Fact]
    public void Unknown_content_is_a_format_exception_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"unknown-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "this is not a pattern\nat all\n");
        try
        {
            var e = Assert.Throws<PowderDataFormatException>(() => PowderFile.Read(path));
            Assert.Equal(path, e.FileName);
        }
        finally { File.Delete(path); }
    }
}
