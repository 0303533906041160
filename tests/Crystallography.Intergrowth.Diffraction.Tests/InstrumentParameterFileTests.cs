using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class InstrumentParameterFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_powgen_instprm_tof()
    {
        var set = Assert.Single(InstrumentParameterFile.Read(ReaderSharedData.Committed("nac-sxrd-tof", "POWGEN_1066.instprm")));
        Assert.Equal(InstrumentFileProgram.GsasII, set.Program);
        Assert.Equal(DiffractionMode.TimeOfFlight, set.Mode);
        Assert.Equal(InstrumentProbe.Neutron, set.Probe);
        Assert.Equal("PNT", set.TypeCode);
        Assert.Equal(new InstrumentQuantity(22600.2479192, "µs/Å"), set.DifC);
        Assert.Equal(-0.900917699636, set.DifA!.Value.Value);
        Assert.Equal(2.62346571719, set.DifB!.Value.Value);
        Assert.Equal(new InstrumentQuantity(-8.51764244829, "µs"), set.Zero);
        Assert.Equal(63.183, set.FlightPath!.Value.Value); // PROVENANCE: flight path 63.183 m, 2θ = 90°
        Assert.Equal(90.0, set.TwoTheta!.Value.Value);
        Assert.Equal(0.132504624416, set.Alpha!.Value.Value);
        Assert.Equal((0.111601941165, 0.00272732086125, 0.0), (set.Beta0!.Value.Value, set.Beta1!.Value.Value, set.BetaQ!.Value.Value));
        Assert.Equal((56.0319014702, -167.421847539, 281.385521422, -3.72970085651),
                     (set.Sig0!.Value.Value, set.Sig1!.Value.Value, set.Sig2!.Value.Value, set.SigQ!.Value.Value));
        Assert.Equal("µs²/Å⁴", set.Sig2!.Value.Unit);
        Assert.Equal(18, set.Raw.Count);
        Assert.Null(set.U);
    }

    [Fact]
    public void Reads_the_second_powgen_instprm()
    {
        var set = Assert.Single(InstrumentParameterFile.Read(ReaderSharedData.Committed("nac-sxrd-tof", "POWGEN_2665.instprm")));
        Assert.Equal(22598.5929189, set.DifC!.Value.Value);
        Assert.Equal(-51.9252236832, set.Zero!.Value.Value);
    }

    [Fact]
    public void Reads_gsas_xray_prm_with_a_doublet_and_profile_function_3()
    {
        var set = Assert.Single(InstrumentParameterFile.Read(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "INST_XRY.PRM")));
        Assert.Equal(InstrumentFileProgram.Gsas, set.Program);
        Assert.Equal(DiffractionMode.ConstantWavelength, set.Mode);
        Assert.Equal(InstrumentProbe.XRay, set.Probe);
        Assert.Equal("PXCR", set.TypeCode);
        Assert.Equal(new InstrumentQuantity(1.5405, "Å"), set.Wavelength1);
        Assert.Equal(new InstrumentQuantity(1.5443, "Å"), set.Wavelength2);
        Assert.Null(set.Wavelength);
        Assert.Equal(0.5, set.IntensityRatio!.Value.Value);
        Assert.Equal(0.7, set.Polarization!.Value.Value);
        Assert.Equal(new InstrumentQuantity(0.0, "centideg"), set.Zero);
        Assert.Equal(3, set.ProfileFunction);
        Assert.Equal(8, set.ProfileCoefficients.Length);
        Assert.Equal(new InstrumentQuantity(2.0, "centideg²"), set.U);
        Assert.Equal((-2.0, 5.0), (set.V!.Value.Value, set.W!.Value.Value));
        Assert.Equal((0.0, 0.0), (set.X!.Value.Value, set.Y!.Value.Value));
        Assert.Equal(0.03, set.ShL!.Value.Value, 1e-15); // SH/L = S/L + H/L = 0.015 + 0.015
    }

    [Fact]
    public void Reads_gsas_d1a_prm_profile_function_1()
    {
        var set = Assert.Single(InstrumentParameterFile.Read(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "inst_d1a.prm")));
        Assert.Equal(InstrumentProbe.Neutron, set.Probe);
        Assert.Equal(new InstrumentQuantity(1.909, "Å"), set.Wavelength); // λ2 = 0: a single wavelength
        Assert.Equal(-0.1, set.Zero!.Value.Value);
        Assert.Equal(1, set.ProfileFunction);
        Assert.Equal((354.031, -760.404, 651.592), (set.U!.Value.Value, set.V!.Value.Value, set.W!.Value.Value));
        Assert.Contains("PRCF2", set.Raw.Keys); // the second profile function stays in the raw entries
    }

    [Fact]
    public void Reads_11bm_prm_with_a_blank_icons_field()
    {
        var set = Assert.Single(InstrumentParameterFile.Read(ReaderSharedData.Committed("nac-sxrd-tof", "11bm_gsas.prm")));
        Assert.Equal(0.413909, set.Wavelength!.Value.Value);
        Assert.Equal(0.99, set.Polarization!.Value.Value); // fixed columns: the blank 4th field does not shift POLA
        Assert.Equal(19, set.ProfileCoefficients.Length);
        Assert.Equal((1.163, -0.126, 0.063), (set.U!.Value.Value, set.V!.Value.Value, set.W!.Value.Value));
        Assert.Equal(0.173, set.X!.Value.Value);
        Assert.Equal(0.0022, set.ShL!.Value.Value, 1e-15); // SH/L = S/L + H/L = 0.0011 + 0.0011
    }

    [Theory]
    [InlineData("cucr2o4-sequential", "OH_00.prm", 0.413263)]
    [InlineData("sucrose-lebail-sxrd", "11bmb_8716.prm", 0.413259)]
    [InlineData("y2o3-lab-cuka-autofp", "INST_XRY.PRM", double.NaN)]
    public void Reads_the_other_prm_files(string folder, string file, double wavelength)
    {
        string? path = ReaderSharedData.Shared(output, folder, file);
        if (path is null) return;
        var set = Assert.Single(InstrumentParameterFile.Read(path));
        Assert.Equal(3, set.ProfileFunction);
        if (double.IsNaN(wavelength))
        {
            Assert.Equal(1.5405, set.Wavelength1!.Value.Value);
            Assert.Equal(0.02, set.ShL!.Value.Value, 1e-15); // S/L + H/L = 0.01 + 0.01; differs from the PbSO4 INST_XRY.PRM, as PROVENANCE says
        }
        else Assert.Equal(wavelength, set.Wavelength!.Value.Value);
    }

    [Fact]
    public void Reads_fullprof_tof_irf_with_its_table()
    {
        var set = InstrumentParameterFile.ParseFullProfIrf(
            File.ReadAllText(ReaderSharedData.Committed("cecual3-polaris-tof-fullprof", "TOF_irf_file.irf")), "TOF_irf_file.irf");
        Assert.Equal(InstrumentFileProgram.FullProf, set.Program);
        Assert.Equal(DiffractionMode.TimeOfFlight, set.Mode);
        // PROVENANCE: Zero 2.921 µs, Dtt1 6167.247, Dtt2 −2.28, 2θ 145°, NPROF 9, TOF 3001.589–19004.658 µs.
        Assert.Equal(2.921, set.Zero!.Value.Value);
        Assert.Equal(6167.24707, set.DifC!.Value.Value);
        Assert.Equal(-2.28, set.DifA!.Value.Value);
        Assert.Equal(145.0, set.TwoTheta!.Value.Value);
        Assert.Equal(9, set.ProfileFunction);
        Assert.Equal((3001.58911, 4.33572, 19004.65820), set.TofRange);
        Assert.Equal(191, set.ResolutionTable.Length);
        Assert.Equal(new TofResolutionPoint(0.48649, 20.79195, 0.29384, 0.61071, 0.08184, 0), set.ResolutionTable[0]);
        Assert.Equal(3.01, set.ResolutionTable[^1].D);
    }

    [Fact]
    public void Detects_the_program_from_content()
    {
        Assert.Equal(InstrumentFileProgram.GsasII, InstrumentParameterFile.Detect("#GSAS-II instrument parameter file\nType:PXC\nLam:1.54\n"));
        Assert.Equal(InstrumentFileProgram.Gsas, InstrumentParameterFile.Detect("INS   BANK      1\nINS  1 ICONS  1.5 0.0 0.0\n"));
        Assert.Equal(InstrumentFileProgram.FullProf, InstrumentParameterFile.Detect("! irf\nZD2TOF 0 6000 0\n"));
        Assert.Null(InstrumentParameterFile.Detect("1 2 3\n4 5 6\n"));
    }

    [Fact]
    public void Reads_a_gsas_tof_prm_and_a_multibank_instprm()
    {
        string prm = "INS   BANK      1\nINS   HTYPE   PNTR\nINS  1 ICONS  7476.91  -1.54  -9.29\nINS  1BNKPAR    2.0  144.845  0 0\n" +
                     "INS  1PRCF1     3    6   0.002\nINS  1PRCF11   0.1 0.02 0.003 4.2\nINS  1PRCF12   45.8 1.1\n";
        var t = Assert.Single(InstrumentParameterFile.Parse(prm, "tof.prm"));
        Assert.Equal(DiffractionMode.TimeOfFlight, t.Mode);
        Assert.Equal((7476.91, -1.54, -9.29), (t.DifC!.Value.Value, t.DifA!.Value.Value, t.Zero!.Value.Value));
        Assert.Equal(144.845, t.TwoTheta!.Value.Value);
        Assert.Equal((0.1, 4.2, 1.1), (t.Alpha!.Value.Value, t.Sig0!.Value.Value, t.Sig2!.Value.Value));

        string multi = "#GSAS-II instrument parameter file\n#Bank 1: first\nType:PXC\nLam:1.5\n#Bank 2: second\nType:PNC\nLam:1.9\n";
        var banks = InstrumentParameterFile.Parse(multi, "m.instprm");
        Assert.Equal(2, banks.Length);
        Assert.Equal((1, 1.5), (banks[0].Bank, banks[0].Wavelength!.Value.Value));
        Assert.Equal((2, InstrumentProbe.Neutron), (banks[1].Bank, banks[1].Probe));
    }

    [Fact]
    public void Malformed_instrument_files_name_file_and_line()
    {
        var e = Assert.Throws<PowderDataFormatException>(() => InstrumentParameterFile.ParseGsasII("Type:PNT\ndifC:abc\nZero:0\n", "bad.instprm"));
        Assert.Equal(2, e.Line);
        Assert.Contains("'difC'", e.Message);
        var e2 = Assert.Throws<PowderDataFormatException>(() => InstrumentParameterFile.ParseGsas(
            "INS   HTYPE   PXCR\nINS  1 ICONS  1.5\nINS  1PRCF1     3    8   0.01\nINS  1PRCF11   1 2 3 4\n", "short.prm"));
        Assert.Equal(3, e2.Line);
        Assert.Contains("8 profile coefficients", e2.Message);
        Assert.Throws<PowderDataFormatException>(() => InstrumentParameterFile.Parse("hello\n", "what.txt"));
    }
}
