using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>The embedded scattering tables against cctbx.eltbx and the published numbers they come from.</summary>
public class ScatteringTableTests
{
    // f₀ at sin θ/λ = 0.5 Å⁻¹ from cctbx.eltbx.xray_scattering.{wk1995,it1992}(label, exact=True).fetch().at_stol(0.5)
    // (python3-cctbx 2022.9). The embedded coefficients are cctbx's single-precision values printed
    // to their shortest decimal, so agreement is to ~1e-7 relative.
    [Theory]
    [InlineData("Ni", 12.963098452164289, 12.953223386191555)]
    [InlineData("Ni2+", 12.96344213657996, 12.961277669280246)]
    [InlineData("Ni3+", 12.95442876033777, 12.94986829013109)]
    [InlineData("Li", 1.0332551151982823, 1.0345928675622147)]
    [InlineData("Li+", 1.0237746409068786, 1.0238498556332747)]
    [InlineData("O", 2.337907318166778, 2.3371909166365223)]
    [InlineData("O2-", 2.302102940277576, 2.274192926911766)]
    [InlineData("O-", 2.3148353666018, 2.3090070522727935)]
    [InlineData("Ru", 22.69036750439081, 22.698123684113458)]
    [InlineData("Ru4+", 22.813067888030076, 22.444946959443175)]
    [InlineData("Co3+", 12.203831685733881, 12.199588992216103)]
    public void Form_factors_match_cctbx(string species, double wk1995, double it1992)
    {
        var s = Species.Parse(species);
        Assert.Equal(wk1995, ScatteringFactors.XRay(s, FormFactorTable.WaasmaierKirfel1995).Evaluate(0.5), 1e-6 * wk1995);
        Assert.Equal(it1992, ScatteringFactors.XRay(s, FormFactorTable.InternationalTablesC1992).Evaluate(0.5), 1e-6 * it1992);
    }

    [Theory]
    [InlineData(FormFactorTable.WaasmaierKirfel1995, 5)]
    [InlineData(FormFactorTable.InternationalTablesC1992, 4)]
    public void At_zero_angle_a_form_factor_counts_the_electrons(FormFactorTable table, int gaussians)
    {
        var all = ScatteringFactors.All(table);
        Assert.Equal(210, all.Count); // 98 neutral atoms + 112 ions; cctbx's special labels Hiso, Cval, Sival are left out
        foreach (var f in all)
        {
            Assert.Equal(gaussians, f.A.Length);
            // The published fits reproduce Z − q at s = 0 only approximately: the worst entries are WK1995 Os
            // (0.038 electron) and IT1992 Tl (0.058), properties of the fits, not of this code.
            Assert.True(Math.Abs(f.Evaluate(0) - (f.Element.AtomicNumber - f.Charge)) < 0.06, $"{f}: f(0) vs Z − q = {f.Element.AtomicNumber - f.Charge}.");
        }
    }

    [Fact]
    public void Ions_are_used_when_tabulated_and_asked_for()
    {
        Assert.Equal("Ni2+", ScatteringFactors.XRay(Species.Parse("Ni2+")).Label);
        Assert.Equal("Li1+", ScatteringFactors.XRay(Species.Parse("Li+")).Label);
        Assert.Equal("O2-", ScatteringFactors.XRay(Species.Parse("O2-")).Label);
        Assert.Equal("Ni", ScatteringFactors.XRay(Species.Parse("Ni2+"), neutralAtom: true).Label);
        // Neither table has Ru5+ (WK1995 lists Ru3+ and Ru4+): the neutral atom.
        Assert.Equal("Ru", ScatteringFactors.XRay(Species.Parse("Ru5+")).Label);
        Assert.False(ScatteringFactors.IsTabulatedIon(Species.Parse("Ru5+")));
        Assert.True(ScatteringFactors.IsTabulatedIon(Species.Parse("Ni3+"), FormFactorTable.InternationalTablesC1992));
        Assert.Equal("Ni", ScatteringFactors.XRay(Species.Parse("Ni")).Label);
        // A model with neutral atoms (the default) ignores the charge; WithIonFormFactors uses it.
        Assert.Equal("Ni", ScatteringModel.XRay().FormFactorOf(Species.Parse("Ni2+")).Label);
        Assert.Equal("Ni2+", ScatteringModel.XRay().WithIonFormFactors().FormFactorOf(Species.Parse("Ni2+")).Label);
    }

    [Fact]
    public void Form_factor_evaluation_uses_sin_theta_over_lambda_which_is_one_over_two_d()
    {
        var ni = ScatteringFactors.XRay(Species.Parse("Ni"));
        Assert.Equal(ni.Evaluate(1 / (2 * 2.08)), ni.EvaluateAtDSpacing(2.08), 1e-14);
        Assert.Throws<ArgumentOutOfRangeException>(() => ni.Evaluate(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ni.EvaluateAtDSpacing(0));
    }

    // Sears (1992): the values the cctbx reference lists in its meta block, and a few others.
    [Theory]
    [InlineData("Li", -1.90, 0)]
    [InlineData("Ni", 10.3, 0)]
    [InlineData("Ru", 7.03, 0)]
    [InlineData("Co", 2.49, 0)]
    [InlineData("O", 5.803, 0)]
    [InlineData("H", -3.739, 0)]
    [InlineData("Mn", -3.73, 0)]
    [InlineData("Gd", 6.5, -13.82)]
    public void Neutron_scattering_lengths_are_sears_1992_in_femtometres(string element, double real, double imaginary)
    {
        var b = ScatteringFactors.Neutron(Element.FromSymbol(element));
        Assert.Equal(real, b.Real, 1e-6);
        Assert.Equal(imaginary, b.Imaginary, 1e-6);
    }

    [Fact]
    public void Neutron_lengths_can_be_overridden_for_isotopes()
    {
        var li7 = ScatteringModel.Neutron().WithScatteringLength(Element.FromSymbol("Li"), new NeutronScatteringLength(-2.22));
        Assert.Equal(-2.22, li7.ScatteringLengthOf(Element.FromSymbol("Li")).Real);
        Assert.Equal(5.803, li7.ScatteringLengthOf(Element.FromSymbol("O")).Real, 1e-6);
        Assert.Throws<ArgumentException>(() => ScatteringFactors.Neutron(Element.FromSymbol("Po")));
    }

    // cctbx.eltbx.sasaki.table(element).at_angstrom(Kα1): f′, f″.
    [Theory]
    [InlineData("Ni", Anode.Copper, -3.0565526, 0.5091558)]
    [InlineData("Co", Anode.Copper, -2.4165864, 3.6146388)]
    [InlineData("Ni", Anode.Cobalt, -1.6203297, 0.6662273)]
    [InlineData("Ru", Anode.Molybdenum, -1.4177896, 0.83415204)]
    [InlineData("Ru", Anode.Silver, -5.577446, 3.650652)]
    public void Anomalous_dispersion_at_the_anode_lines_is_sasakis(string element, Anode anode, double fPrime, double fDoublePrime)
    {
        var d = ScatteringFactors.Anomalous(Element.FromSymbol(element), anode);
        Assert.Equal(fPrime, d.FPrime, 1e-6);
        Assert.Equal(fDoublePrime, d.FDoublePrime, 1e-6);
    }

    [Fact]
    public void Anomalous_dispersion_can_be_set_per_element_for_a_synchrotron_energy()
    {
        var ni = Element.FromSymbol("Ni");
        var model = ScatteringModel.XRay().WithAnomalousDispersion(Anode.Copper).WithAnomalousDispersion(ni, new AnomalousDispersion(-8.5, 0.48));
        Assert.Equal(new AnomalousDispersion(-8.5, 0.48), model.AnomalousDispersionOf(ni));
        Assert.Equal(ScatteringFactors.Anomalous(Element.FromSymbol("O"), Anode.Copper), model.AnomalousDispersionOf(Element.FromSymbol("O")));
        Assert.Equal(AnomalousDispersion.None, ScatteringModel.XRay().AnomalousDispersionOf(ni));
        Assert.Equal(AnomalousDispersion.None, model.WithoutAnomalousDispersion().AnomalousDispersionOf(ni));
        Assert.NotEqual<ScatteringModel>(model, ScatteringModel.XRay());
        Assert.Equal<ScatteringModel>(ScatteringModel.XRay().WithIonFormFactors(), ScatteringModel.XRay().WithIonFormFactors());
    }

    [Fact]
    public void Default_models_follow_the_radiation()
    {
        Assert.IsType<NeutronScattering>(ScatteringModel.For(new ConstantWavelengthNeutrons(1.54)));
        var lab = Assert.IsType<XRayScattering>(ScatteringModel.For(LaboratoryXRays.Cobalt, anomalousDispersion: true));
        Assert.Equal(Anode.Cobalt, lab.TabulatedAnode);
        Assert.Null(Assert.IsType<XRayScattering>(ScatteringModel.For(new SynchrotronXRays(0.4137), anomalousDispersion: true)).TabulatedAnode);
    }

    [Fact]
    public void A_tube_given_by_its_wavelengths_gets_the_f_prime_of_its_anode_or_a_clear_refusal()
    {
        // GSAS .prm files give Cu as 1.5405/1.5443 Å and no anode name.
        var fromFile = new LaboratoryXRays(1.5405, 1.5443);
        var model = Assert.IsType<XRayScattering>(ScatteringModel.For(fromFile, anomalousDispersion: true));
        Assert.Equal(Anode.Copper, model.TabulatedAnode);
        var odd = new LaboratoryXRays(1.65, 1.66);
        var ex = Assert.Throws<ArgumentException>(() => ScatteringModel.For(odd, anomalousDispersion: true));
        Assert.Contains("1.65", ex.Message, StringComparison.Ordinal);
        Assert.Null(Assert.IsType<XRayScattering>(ScatteringModel.For(odd)).TabulatedAnode);
    }
}
