namespace Crystallography.Intergrowth.Diffraction.Tests;

public class PdCifReaderTests
{
    // IUCr supplementary files and the unlicensed COMCIFS example are read in place, never copied.
    private const string Iucr = "pdcif-iucr-rietveld-mg2si-c4br4s";
    private const string IronOre = "pdcif-qpa-ironore-srm676a";
    private const string CeCuAl3 = "cecual3-polaris-tof-fullprof";

    [SharedFolderFact(Iucr)]
    public void Gsas_pdcif_with_2theta_implied_by_the_range_items()
    {
        var all = PdCifReader.ReadAll(ReaderTestFiles.Shared(Iucr, "av5088sup4.rtv.combined.cif"));
        var p = Assert.Single(all);   // the *_simulated_ blocks hold calculated intensities only
        Assert.Equal("C4Br4S2G_p_01", p.Metadata["block"]);
        Assert.Equal(7665, p.Count);
        Assert.Equal(4.05, p.X[0]);
        Assert.Equal(80.69, p.X[^1]);
        Assert.Equal(4.06, p.X[1], 12);
        Assert.Equal(598, p.Y[0]);
        Assert.Equal(0, p.Y[^1]);
        Assert.Equal(1.54056, p.Wavelength);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
        Assert.Equal("0.1343", p.Metadata["Rwp"]);
    }

    [SharedFolderFact(Iucr)]
    public void Data_block_before_the_structure_block_takes_its_wavelength_from_it()
    {
        var p = PdCifReader.Read(ReaderTestFiles.Shared(Iucr, "gw5052Mg2Si_100K_LTsup2.rtv.combined.cif"));
        Assert.Equal("profile1", p.Metadata["block"]);
        Assert.Equal(6801, p.Count);
        Assert.Equal(7.00, p.X[0]);
        Assert.Equal(75.00, p.X[^1]);
        Assert.Equal(1710, p.Y[0]);
        Assert.Equal(0.49935, p.Wavelength);
        Assert.Equal("Mg2Si_100K_LT", p.Metadata["wavelength from block"]);
        // The file's _pd_proc_ls_weight column holds √I (41.35 for I = 1710), not 1/σ² = 1/I; it is read
        // as labelled, σ = 1/√w. Documented in docs/diffraction-files-2.md.
        Assert.Equal(1 / Math.Sqrt(41.35), p.Sigma[0], 12);
    }

    [SharedFolderFact(IronOre)]
    public void Cif2_ddlm_file_with_two_patterns_and_an_eight_line_emission_profile()
    {
        var all = PdCifReader.ReadAll(ReaderTestFiles.Shared(IronOre, "qpa_external_standard.cif"));
        Assert.Equal(2, all.Count);
        var ore = all[0];
        Assert.Equal("DIFFRACTOGRAM_0020", ore.Metadata["block"]);
        Assert.Equal(5713, ore.Count);
        Assert.Equal(5.007880, ore.X[0]);
        Assert.Equal(95.008094, ore.X[^1]);
        Assert.Equal(737, ore.Y[0]);
        Assert.Equal(77, ore.Y[^1]);
        Assert.Equal(8, ore.Wavelengths.Length);
        Assert.Equal(1.7889847, ore.Wavelength);
        Assert.Equal("global", ore.Metadata["wavelength from block"]);
        Assert.Equal(SigmaSource.CountingStatistics, ore.SigmaSource);

        var srm = all[1];
        Assert.Equal("SRM676A", srm.Metadata["block"]);
        Assert.Equal(5523, srm.Count);
        Assert.Equal(8.001585, srm.X[0]);
        Assert.Equal(95.008094, srm.X[^1]);
        Assert.Equal(66, srm.Y[0]);
        Assert.Equal(26, srm.Y[^1]);
        Assert.Equal(2, srm.Bank);
    }

    [SharedFolderFact(CeCuAl3)]
    public void FullProf_tof_pdcif_in_d_spacing_with_parenthesised_sigma()
    {
        var p = PdCifReader.Read(ReaderTestFiles.Shared(CeCuAl3, "cecual_prof.cif"));
        Assert.Equal(AxisKind.DSpacingAngstrom, p.Axis);
        Assert.Equal(3692, p.Count);
        Assert.Equal(0.4862, p.X[0]);
        Assert.Equal(3.0795, p.X[^1]);
        Assert.Equal(40409, p.Y[0]);
        Assert.Equal(462, p.Sigma[0]);
        Assert.Equal(26780, p.Y[^1]);
        Assert.Equal(5848, p.Sigma[^1]);
        Assert.Equal(SigmaSource.File, p.SigmaSource);
        Assert.Null(p.Wavelength);
    }

    [Fact]
    public void EasyDiffraction_experiment_cif()
    {
        var p = PdCifReader.Read(ReaderTestFiles.Committed("lbco-easydiffraction-cif", "hrpt_lbco_easydiffraction-cif-dialect.cif"));
        Assert.Equal(3098, p.Count);
        Assert.Equal(10.0, p.X[0]);
        Assert.Equal(164.85, p.X[^1]);
        Assert.Equal(167, p.Y[0]);
        Assert.Equal(12.6, p.Sigma[0]);
        Assert.Equal(109, p.Y[^1]);
        Assert.Equal(41.2, p.Sigma[^1]);
        Assert.Equal(1.494, p.Wavelength);
        Assert.Equal("neutron", p.Metadata["probe"]);
        Assert.Equal("_pd_meas.intensity_total_su", p.Metadata["sigma from"]);
    }

    [Fact]
    public void Loop_without_an_abscissa_or_range_is_refused()
    {
        const string text = "data_x\n_diffrn_radiation_wavelength 1.54\nloop_\n_pd_meas_counts_total\n10\n20\n30\n";
        var ex = Assert.Throws<PowderDataFormatException>(() => PdCifReader.ParseAll(text, "noaxis.cif"));
        Assert.Equal("noaxis.cif", ex.FileName);
        Assert.Equal(3, ex.Line);
        Assert.Contains("2θ, time-of-flight, d or Q column", ex.Expected);
    }

    [Fact]
    public void Implied_range_that_disagrees_with_the_rows_is_refused()
    {
        const string text = "data_x\n_pd_meas_2theta_range_min 10\n_pd_meas_2theta_range_max 10.2\n_pd_meas_2theta_range_inc 0.1\nloop_\n_pd_meas_counts_total\n10\n20\n";
        var ex = Assert.Throws<PowderDataFormatException>(() => PdCifReader.ParseAll(text, "range.cif"));
        Assert.Contains("2 rows", ex.Expected);
    }

    [Fact]
    public void Bad_number_and_missing_intensities_and_bad_syntax()
    {
        const string bad = "data_x\nloop_\n_pd_meas_2theta_scan\n_pd_meas_intensity_total\n10 5\n10.1 five\n";
        var ex = Assert.Throws<PowderDataFormatException>(() => PdCifReader.ParseAll(bad, "bad.cif"));
        Assert.Equal(6, ex.Line);
        Assert.Equal("five", ex.Found);

        ex = Assert.Throws<PowderDataFormatException>(() => PdCifReader.ParseAll("data_x\nloop_\n_pd_calc_intensity_total\n1\n2\n", "calc.cif"));
        Assert.Contains("observed intensities", ex.Expected);

        ex = Assert.Throws<PowderDataFormatException>(() => PdCifReader.ParseAll("data_x\n_a 'unterminated\n", "syntax.cif"));
        Assert.Equal("syntax.cif", ex.FileName);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Declared_number_of_points_must_match()
    {
        const string text = "data_x\n_pd_meas_number_of_points 3\nloop_\n_pd_meas_2theta_scan\n_pd_meas_counts_total\n10 5\n10.1 6\n";
        var ex = Assert.Throws<PowderDataFormatException>(() => PdCifReader.ParseAll(text, "n.cif"));
        Assert.Contains("3 rows", ex.Expected);
    }
}
