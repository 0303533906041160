namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>Instrument: presets, positions, and the conversion of GSAS / GSAS-II instrument files to the library's units.</summary>
public sealed class InstrumentTests
{
    private const double EightLn2 = 5.545177444479562;

    [Fact]
    public void Gsas_variance_in_centidegrees_squared_becomes_fwhm_squared_in_degrees_squared()
    {
        // σ² = 100 centideg² = 0.01 deg², FWHM² = 8 ln 2 · 0.01 deg².
        Assert.Equal(8 * Math.Log(2) * 0.01, ProfileConventions.FwhmSquaredFromGsasVariance(100), 15);
        Assert.Equal(100, ProfileConventions.GsasVarianceFromFwhmSquared(ProfileConventions.FwhmSquaredFromGsasVariance(100)), 12);
        Assert.Equal(0.173 / 100, ProfileConventions.DegreesFromCentidegrees(0.173), 15);
        var fullProf = ProfileConventions.FromFullProf(0.1, -0.05, 0.02, 0.03, 0.004);
        Assert.Equal(0.004, fullProf.X); // FullProf Y (1/cos θ) is our X
        Assert.Equal(0.03, fullProf.Y);  // FullProf X (tan θ) is our Y
        Assert.Equal(new FcjAsymmetry(0.01, 0.01), ProfileConventions.AsymmetryFromGsasII(0.02));
    }

    [Fact]
    public void Gsas_prm_of_the_PbSO4_xray_data_converts()
    {
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "INST_XRY.PRM"));
        var lab = Assert.IsType<LaboratoryXRays>(instrument.Radiation);
        Assert.Equal(1.5405, lab.KAlpha1);
        Assert.Equal(1.5443, lab.KAlpha2);
        Assert.Equal(0.5, lab.KAlpha2Ratio);
        Assert.Equal(0.7, lab.Polarisation.Fraction);
        var tch = instrument.ConstantWavelengthProfile!;
        Assert.Equal(EightLn2 * 2e-4, tch.U, 12);
        Assert.Equal(EightLn2 * -2e-4, tch.V, 12);
        Assert.Equal(EightLn2 * 5e-4, tch.W, 12);
        Assert.Equal(EightLn2 * 0.1e-4, tch.P, 12);
        Assert.Equal(0, tch.X);
        Assert.Equal(0, tch.Y);
        // PRCF12 "LX LY S/L H/L" = 0 0 0.015 0.015, taken as written (GSAS-II would hold SH/L = 0.03).
        Assert.Equal(new FcjAsymmetry(0.015, 0.015), instrument.Asymmetry);
        Assert.Equal(0, instrument.ZeroShift);
        Assert.Equal(DiffractionMode.ConstantWavelength, instrument.Mode);
    }

    [Fact]
    public void Gsas_prm_of_D1A_is_a_Gaussian_neutron_instrument_with_a_zero_in_centidegrees()
    {
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("pbso4-xray-neutron-cw", "inst_d1a.prm"));
        var neutrons = Assert.IsType<ConstantWavelengthNeutrons>(instrument.Radiation);
        Assert.Equal(1.909, neutrons.Wavelength);
        Assert.Equal(-0.001, instrument.ZeroShift, 15);
        Assert.Equal(EightLn2 * 354.031e-4, instrument.ConstantWavelengthProfile!.U, 10);
        Assert.True(instrument.Asymmetry.IsSymmetric);
        // At 2θ = 60°: FWHM² = 8 ln 2 (U tan²θ + V tanθ + W)/10⁴.
        double t = Math.Tan(Math.PI / 6);
        double expected = Math.Sqrt(EightLn2 * (354.031 * t * t - 760.404 * t + 651.592) / 1e4);
        Assert.Equal(expected, instrument.ConstantWavelengthProfile.WidthsAt(60, 1.909).Fwhm, 10);
    }

    [Fact]
    public void Synchrotron_prm_of_11BM_matches_the_preset()
    {
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("nac-sxrd-tof", "11bm_gsas.prm"));
        var synchrotron = Assert.IsType<SynchrotronXRays>(instrument.Radiation);
        Assert.Equal(0.413909, synchrotron.Wavelength);
        Assert.Equal(0.99, synchrotron.Polarisation.Fraction);
        Assert.Equal(Instrument.Synchrotron().ConstantWavelengthProfile, instrument.ConstantWavelengthProfile);
        Assert.Equal(Instrument.Synchrotron().Asymmetry, instrument.Asymmetry);
        Assert.Equal(0.173 / 100, instrument.ConstantWavelengthProfile!.X, 15);
    }

    [Fact]
    public void GsasII_instprm_of_POWGEN_converts_to_the_preset()
    {
        var instrument = Instrument.FromFile(ReaderSharedData.Committed("nac-sxrd-tof", "POWGEN_2665.instprm"));
        Assert.Equal(Instrument.Powgen.Radiation, instrument.Radiation);
        Assert.Equal(Instrument.Powgen.TimeOfFlightProfile, instrument.TimeOfFlightProfile);
        Assert.Equal(Instrument.Powgen.DifB, instrument.DifB);
        var tof = (TimeOfFlightNeutrons)instrument.Radiation;
        Assert.Equal(90, tof.BankTwoTheta);
        // GSAS-II: TOF = Zero + difC d + difA d² + difB/d; α = alpha/d; σ² = sig-0 + sig-1 d² + sig-2 d⁴ + sig-q d.
        double d = 1.7;
        Assert.Equal(-51.9252236832 + 22598.5929189 * d + 0.608482413519 * d * d + 43.7163363246 / d, instrument.Position(d), 9);
        var shape = instrument.TimeOfFlightProfile!.ParametersAt(d, tof.Difc);
        Assert.Equal(0.113971083793 / d, shape.Alpha, 12);
        Assert.Equal(0.0192205621316 + 0.0695794246829 / Math.Pow(d, 4), shape.Beta, 12);
        Assert.Equal(359.628514515 - 316.074927848 * d * d + 84.5341148902 * Math.Pow(d, 4) + 42.6229689423 * d, shape.SigmaSquared, 9);
    }

    [Fact]
    public void Presets_are_found_by_name_and_positions_include_the_zero_shift()
    {
        foreach (string name in Instrument.PresetNames)
            Assert.Equal(name, Instrument.Preset(name)!.Name);
        Assert.Null(Instrument.Preset("nonsense"));
        var lab = Instrument.LaboratoryCopper.WithZeroShift(-0.05);
        double d = 2.0;
        Assert.Equal(2 * Math.Asin(1.540593 / 4) * 180 / Math.PI - 0.05, lab.Position(d), 12);
        Assert.Equal(2 * Math.Asin(1.544427 / 4) * 180 / Math.PI - 0.05, lab.Position(d, 1.544427), 12);
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, Instrument.Powgen.Axis);
        Assert.Throws<InvalidOperationException>(() => Instrument.Powgen.WithProfile(new TchProfile()));
        Assert.Throws<InvalidOperationException>(() => Instrument.LaboratoryCopper.WithProfile(new TofProfile()));
        Assert.Throws<ArgumentException>(() => Instrument.LaboratoryCopper.WithRadiation(new TimeOfFlightNeutrons(5000, 90)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Instrument.LaboratoryCopper.WithZeroShift(double.NaN));
        Assert.Equal(Instrument.LaboratoryCopper, Instrument.Preset("LAB-CU"));
    }
}
