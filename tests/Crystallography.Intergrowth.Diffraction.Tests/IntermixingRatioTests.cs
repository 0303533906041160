using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The study's Fig. S3 experiment and the worked check of ../shared/reference/README.md: the X-ray
/// I(003)/I(104) ratio of the layered phase Li(1−z)Ni(z)[Li(0.2+z)Ni(0.4−z)Ru(0.4)]O2 with Cu Kα1,
/// Waasmaier–Kirfel neutral-atom form factors, I = m |F|² LP.
/// </summary>
public class IntermixingRatioTests
{
    public static double Ratio(double z)
    {
        var phase = StructureFactorTestPhases.Layered(z);
        var list = ReflectionList.Generate(phase, 1.0)
            .WithSquaredStructureFactors(phase, ScatteringModel.XRay(FormFactorTable.WaasmaierKirfel1995))
            .WithIntegratedIntensities(LaboratoryXRays.Copper.WithKAlpha2Ratio(0));
        return list.Intensity[list.Find(new MillerIndex(0, 0, 3))] / list.Intensity[list.Find(new MillerIndex(1, 0, 4))];
    }

    [Fact]
    public void Ratio_without_intermixing_is_the_readmes_1_42()
    {
        // The README quotes two decimals.
        Assert.Equal(1.42, Ratio(0), 0.005);
    }

    /// <summary>
    /// The same ratio computed independently with cctbx (python3-cctbx 2022.9, algorithm "direct",
    /// WK1995 neutral atoms, the intermixed Ni on 3b given the Li site's Uiso 0.0341, m·|F|²·(1 + cos² 2θ)/(sin² θ cos θ)
    /// at 1.540593 Å; the snippet is in docs/diffraction-scattering.md). The README's "0.98 at z = 0.10 and
    /// 0.63 at z = 0.20" are not the two-decimal roundings of these (0.985 → 0.99, 0.6246 → 0.62): no
    /// variant tried (Ni on 3b with the 3a Uiso, ion form factors, IT1992) reproduces them either, so the
    /// test holds to cctbx's numbers and docs/diffraction-scattering.md records the difference.
    /// </summary>
    [Theory]
    [InlineData(0.00, 1.4203534766429302)]
    [InlineData(0.10, 0.9852172559693175)]
    [InlineData(0.20, 0.6245841352397608)]
    public void Ratio_matches_cctbx_for_the_same_model(double z, double cctbx)
    {
        // |F|² agrees with cctbx to ~1e-7 (StructureFactorCctbxTests); the ratio of two intensities to twice that.
        Assert.Equal(cctbx, Ratio(z), 1e-6 * cctbx);
    }

    [Fact]
    public void Ratio_falls_monotonically_with_intermixing()
    {
        double previous = double.PositiveInfinity;
        for (int i = 0; i <= 20; i++)
        {
            double z = i / 100.0;
            double ratio = Ratio(z);
            Console.WriteLine($"z = {z:0.00}: I(003)/I(104) = {ratio:0.000}");
            Assert.True(ratio < previous, $"z = {z}: {ratio} does not fall below {previous}.");
            previous = ratio;
        }
    }

    [Fact]
    public void Ratio_is_the_same_whichever_lorentz_polarisation_normalisation()
    {
        // (1 + cos² 2θ)/(sin² θ cos θ), the README's formula, is twice ours; the ratio cannot tell.
        var phase = StructureFactorTestPhases.Layered();
        var evaluator = new StructureFactorEvaluator(phase, ScatteringModel.XRay());
        double I(MillerIndex hkl)
        {
            double d = phase.Cell.DSpacing(hkl.H, hkl.K, hkl.L);
            double theta = Math.Asin(1.540593 / (2 * d));
            double c2 = Math.Cos(2 * theta);
            return phase.SpaceGroup.Multiplicity(hkl) * evaluator.SquaredModulus(hkl) * (1 + c2 * c2) / (Math.Sin(theta) * Math.Sin(theta) * Math.Cos(theta));
        }
        Assert.Equal(Ratio(0), I(new MillerIndex(0, 0, 3)) / I(new MillerIndex(1, 0, 4)), 1e-12);
    }
}
