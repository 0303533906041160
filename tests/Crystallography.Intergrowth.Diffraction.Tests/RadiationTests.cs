namespace Crystallography.Intergrowth.Diffraction.Tests;

public class RadiationTests
{
    [Fact]
    public void Anode_presets_carry_the_international_tables_wavelengths()
    {
        var cu = LaboratoryXRays.Copper;
        Assert.Equal(1.540593, cu.KAlpha1);
        Assert.Equal(1.544427, cu.KAlpha2);
        Assert.Equal(0.5, cu.KAlpha2Ratio);
        Assert.Equal(Anode.Copper, cu.Anode);
        Assert.Equal(Polarisation.Unpolarised, cu.Polarisation);
        Assert.Equal((1.788996, 1.792835), (LaboratoryXRays.Cobalt.KAlpha1, LaboratoryXRays.Cobalt.KAlpha2));
        Assert.Equal((0.709317, 0.713607), (LaboratoryXRays.Molybdenum.KAlpha1, LaboratoryXRays.Molybdenum.KAlpha2));
        Assert.Equal((0.559421, 0.563813), (LaboratoryXRays.Silver.KAlpha1, LaboratoryXRays.Silver.KAlpha2));
        Assert.Equal(RadiationProbe.XRay, cu.Probe);
        Assert.Equal(cu, LaboratoryXRays.FromAnode(Anode.Copper));
        Assert.NotEqual(cu, cu.WithKAlpha2Ratio(0.48));
        Assert.Null(cu.WithWavelengths(1.5406, 1.5444).Anode);
        Assert.Equal(Anode.Copper, cu.WithWavelengths(1.540593, 1.544427).Anode);
    }

    [Fact]
    public void Invalid_descriptions_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaboratoryXRays(1.5444, 1.5406));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaboratoryXRays(1.54, 1.55, 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaboratoryXRays(-1, 1.55));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SynchrotronXRays(0.4137, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantWavelengthNeutrons(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeOfFlightNeutrons(-7000, 90));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeOfFlightNeutrons(7000, 180));
        Assert.Throws<ArgumentOutOfRangeException>(() => Polarisation.FromMonochromator(-1));
    }

    [Fact]
    public void Monochromator_polarisation_is_the_fraction_one_over_one_plus_k_cos_squared()
    {
        // Graphite (002) with Cu Kα: 2θm = 26.6°, cos² 2θm = 0.7998.
        var p = Polarisation.FromMonochromator(26.6);
        double c2 = Math.Pow(Math.Cos(26.6 * Math.PI / 180), 2);
        Assert.Equal(1 / (1 + c2), p.Fraction, 1e-15);
        foreach (double tth in new[] { 10.0, 45, 90, 130 })
        {
            double c = Math.Cos(tth * Math.PI / 180);
            Assert.Equal((1 + c2 * c * c) / (1 + c2), p.Factor(tth), 1e-14);
        }
        Assert.Equal(0.5, Polarisation.FromMonochromator(0).Fraction, 1e-15);
        Assert.Equal(1, Polarisation.Perpendicular.Factor(77));
        var lab = LaboratoryXRays.Copper.WithMonochromator(26.6);
        Assert.Equal(p, lab.Polarisation);
    }

    [Fact]
    public void Synchrotron_wavelength_and_energy_are_related_by_hc()
    {
        var s = SynchrotronXRays.FromEnergy(30);
        Assert.Equal(0.41328066, s.Wavelength, 1e-8);
        Assert.Equal(30, s.Energy, 1e-12);
        Assert.Equal(0.99, new SynchrotronXRays(0.4137).Polarisation.Fraction);
        Assert.Equal(0.5, new SynchrotronXRays(0.4137).WithPolarisationFraction(0.5).Polarisation.Fraction);
    }

    [Fact]
    public void Bragg_angles_and_d_spacings_invert_each_other()
    {
        var n = new ConstantWavelengthNeutrons(1.5403);
        Assert.Equal(RadiationProbe.Neutron, n.Probe);
        foreach (double d in new[] { 0.8, 1.0, 2.08, 4.8 })
            Assert.Equal(d, n.DSpacing(n.TwoTheta(d)), 1e-12);
        Assert.Equal(90, ConstantWavelengthRadiation.TwoTheta(1 / Math.Sqrt(2), 1), 1e-12);
        Assert.True(double.IsNaN(n.TwoTheta(0.7)));
    }

    [Theory]
    [InlineData(7476.91, 0, 0)]
    [InlineData(7476.91, -1.54, 2.1)]
    [InlineData(10000, 3.2, -5)]
    public void Time_of_flight_converts_both_ways(double difc, double difa, double zero)
    {
        var tof = new TimeOfFlightNeutrons(difc, 90, difa, zero);
        foreach (double d in new[] { 0.3, 0.8, 1.5, 2.08, 4.8 })
        {
            double t = tof.TimeOfFlight(d);
            Assert.Equal(zero + difc * d + difa * d * d, t, 1e-9);
            Assert.Equal(d, tof.DSpacing(t), 1e-12);
        }
        var (dMin, dMax) = tof.DSpacingRange(tof.TimeOfFlight(0.5), tof.TimeOfFlight(3));
        Assert.Equal(0.5, dMin, 1e-12);
        Assert.Equal(3, dMax, 1e-12);
    }

    [Fact]
    public void A_two_theta_range_covers_both_lines_of_the_doublet()
    {
        var cu = LaboratoryXRays.Copper;
        var (dMin, dMax) = cu.DSpacingRange(10, 120);
        Assert.Equal(1.540593 / (2 * Math.Sin(60 * Math.PI / 180)), dMin, 1e-12);
        Assert.Equal(1.544427 / (2 * Math.Sin(5 * Math.PI / 180)), dMax, 1e-12);
        Assert.Equal(double.PositiveInfinity, cu.DSpacingRange(0, 120).DMax);
        var kAlpha1Only = cu.WithKAlpha2Ratio(0);
        Assert.Equal(1.540593 / (2 * Math.Sin(5 * Math.PI / 180)), kAlpha1Only.DSpacingRange(10, 120).DMax, 1e-12);
    }
}
