using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>Lorentz–polarisation, preferred orientation, absorption and phase fractions against closed forms and textbook numbers.</summary>
public class IntensityCorrectionTests
{
    private static double Rad(double degrees) => degrees * Math.PI / 180;

    [Fact]
    public void Lorentz_polarisation_at_ninety_degrees()
    {
        // 2θ = 90°: sin² θ cos θ = ½·√½, cos 2θ = 0.
        double lorentz = 2 * Math.Sqrt(2);
        Assert.Equal(lorentz, LorentzPolarisation.Lorentz(90), 1e-12);
        Assert.Equal(lorentz / 2, LorentzPolarisation.XRay(90, Polarisation.Unpolarised), 1e-12);
        Assert.Equal(lorentz, LorentzPolarisation.XRay(90, Polarisation.Perpendicular), 1e-12);
        Assert.Equal(lorentz, LorentzPolarisation.ConstantWavelengthNeutron(90), 1e-12);
        // With a monochromator the factor at 90° is 1/(1 + K cos² 2θm).
        double c2 = Math.Pow(Math.Cos(Rad(26.6)), 2);
        Assert.Equal(lorentz / (1 + c2), LorentzPolarisation.LaboratoryXRay(90, 26.6), 1e-12);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(38.2)]
    [InlineData(77.7)]
    [InlineData(145.0)]
    public void The_lab_formula_is_half_the_textbook_one_without_monochromator(double twoTheta)
    {
        double t = Rad(twoTheta / 2);
        double textbook = (1 + Math.Pow(Math.Cos(2 * t), 2)) / (Math.Sin(t) * Math.Sin(t) * Math.Cos(t));
        Assert.Equal(textbook / 2, LorentzPolarisation.LaboratoryXRay(twoTheta), 1e-12 * textbook);
        Assert.Equal(textbook / 2, LorentzPolarisation.XRay(twoTheta, Polarisation.Unpolarised), 1e-12 * textbook);
        var mono = Polarisation.FromMonochromator(27.3, 1.4);
        Assert.Equal(LorentzPolarisation.LaboratoryXRay(twoTheta, 27.3, 1.4), LorentzPolarisation.XRay(twoTheta, mono), 1e-12 * textbook);
    }

    [Fact]
    public void Time_of_flight_lorentz_factor_is_d_to_the_fourth_sin_theta()
    {
        Assert.Equal(16 * Math.Sqrt(0.5), LorentzPolarisation.TimeOfFlight(2, 90), 1e-12);
        var bank = new TimeOfFlightNeutrons(7476.91, 150);
        Assert.Equal(Math.Pow(1.5, 4) * Math.Sin(Rad(75)), bank.LorentzPolarisationFactor(1.5), 1e-12);
    }

    [Fact]
    public void March_dollase_limits_and_normalisation()
    {
        // Dollase (1986): along the direction r⁻³, perpendicular r^{3/2}, r = 1 no effect.
        Assert.Equal(Math.Pow(0.8, -3), MarchDollase.Factor(0.8, 1), 1e-12);
        Assert.Equal(Math.Pow(0.8, 1.5), MarchDollase.Factor(0.8, 0), 1e-12);
        Assert.Equal(1, MarchDollase.Factor(1, 0.3), 1e-15);
        // The distribution is normalised: ∫₀¹ P(cos α) d(cos α) = 1 for any r (midpoint rule, 20000 steps).
        foreach (double r in new[] { 0.5, 0.8, 1.3, 2.0 })
        {
            int n = 20000;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += MarchDollase.Factor(r, (i + 0.5) / n);
            Assert.Equal(1, sum / n, 1e-7);
        }
    }

    [Fact]
    public void March_dollase_averages_over_the_equivalents_of_a_line()
    {
        var cubic = UnitCell.Cubic(4.15874);
        var fm3m = SpaceGroup.Parse("Fm-3m");
        var po = new MarchDollase(0.7, new MillerIndex(0, 0, 1));
        // {2 0 0}: ±(1 0 0), ±(0 1 0) perpendicular to [001], ±(0 0 1) along it.
        double expected = (2 * Math.Pow(0.7, -3) + 4 * Math.Pow(0.7, 1.5)) / 6;
        Assert.Equal(expected, po.Correction(cubic, fm3m, new MillerIndex(2, 0, 0)), 1e-12);
        // One reflection alone is not the line.
        Assert.Equal(Math.Pow(0.7, -3), po.Correction(cubic, new MillerIndex(0, 0, 2)), 1e-12);
        // Layered (0 0 l) lines lie along c*: r⁻³; (1 1 0) lines perpendicular: r^{3/2}.
        var layered = StructureFactorTestPhases.Layered();
        Assert.Equal(Math.Pow(0.7, -3), po.Correction(layered.Cell, layered.SpaceGroup, new MillerIndex(0, 0, 3)), 1e-12);
        Assert.Equal(Math.Pow(0.7, 1.5), po.Correction(layered.Cell, layered.SpaceGroup, new MillerIndex(1, 1, 0)), 1e-12);
        // In a hexagonal cell the angle uses the reciprocal metric: (1 0 4) and c* make cos α = 4c*/|h|.
        double cStar = layered.Cell.CStar, h = 1 / layered.Cell.DSpacing(1, 0, 4);
        Assert.Equal(MarchDollase.Factor(0.7, 4 * cStar / h), po.Correction(layered.Cell, layered.SpaceGroup, new MillerIndex(1, 0, 4)), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarchDollase(0, new MillerIndex(0, 0, 1)));
    }

    /// <summary>
    /// The transmission of a cylinder of unit radius by direct integration over its cross-section:
    /// A = (1/π) ∫ exp(−μR (l_in + l_out)) dA, beam along +x, diffracted ray at 2θ. The substitution
    /// y = sin u, x = v cos u (dA = cos² u du dv) removes the square-root edges of the chords, so the
    /// midpoint rule on 400 × 400 points is good to 3e-4 relative even at μR = 10 (checked against a
    /// 1200-point Gauss–Legendre rule in polar coordinates).
    /// </summary>
    private static double CylinderByIntegration(double muR, double twoTheta)
    {
        const int n = 400;
        double ux = Math.Cos(Rad(twoTheta)), uy = Math.Sin(Rad(twoTheta));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double u = (i + 0.5) / n * Math.PI - Math.PI / 2;
            double cu = Math.Cos(u), y = Math.Sin(u);
            for (int j = 0; j < n; j++)
            {
                double v = (j + 0.5) / n * 2 - 1;
                double x = cu * v;
                double lin = cu * (v + 1);
                double pu = x * ux + y * uy;
                double lout = -pu + Math.Sqrt(Math.Max(pu * pu - (x * x + y * y - 1), 0));
                sum += Math.Exp(-muR * (lin + lout)) * cu * cu;
            }
        }
        return sum * (Math.PI / n) * (2.0 / n) / Math.PI;
    }

    [Fact]
    public void Cylinder_absorption_follows_the_exact_transmission_within_the_approximations_accuracy()
    {
        double worst = 0;
        foreach (double muR in new[] { 0.1, 0.5, 1, 2, 3, 4, 6, 10 })
            foreach (double tth in new[] { 5.0, 30, 60, 90, 120, 150, 175 })
            {
                double exact = CylinderByIntegration(muR, tth);
                double approx = Absorption.Cylinder(muR, tth);
                worst = Math.Max(worst, Math.Abs(approx / exact - 1));
            }
        // Measured 1.3 % (μR = 3, 2θ = 175°); docs and the XML comment quote 1.5 %.
        Assert.True(worst < 0.015, $"worst relative difference {worst:P2}");
        Assert.Equal(1, Absorption.Cylinder(0, 40), 1e-15);
        // Small μR: A ≈ exp(−(16/3π) μR) to first order (Hewat's 1.7133 − 0.0368 sin² θ at 2θ = 0 is the same 1.698).
        Assert.Equal(Math.Exp(-16 / (3 * Math.PI) * 1e-4), Absorption.Cylinder(1e-4, 40), 1e-8);
    }

    [Fact]
    public void Flat_plate_absorption_closed_forms()
    {
        Assert.Equal(1, Absorption.FlatPlateReflection(double.PositiveInfinity, 30));
        Assert.Equal(1 - Math.Exp(-2 * 0.3 / Math.Sin(Rad(15))), Absorption.FlatPlateReflection(0.3, 30), 1e-14);
        // A thin layer diffracts in proportion to its thickness: 2μt/sin θ.
        Assert.Equal(2e-9 / Math.Sin(Rad(20)), Absorption.FlatPlateReflection(1e-9, 40), 1e-8 * 2e-9 / Math.Sin(Rad(20)));
        Assert.Equal(Math.Exp(-0.7), Absorption.FlatPlateTransmission(0.7, 0), 1e-14);
        double sec = 1 / Math.Cos(Rad(40));
        Assert.Equal((Math.Exp(-0.7 * sec) - Math.Exp(-0.7)) / (0.7 * (1 - sec)), Absorption.FlatPlateTransmission(0.7, 40), 1e-14);
        Assert.Throws<ArgumentOutOfRangeException>(() => Absorption.FlatPlateTransmission(0.7, 95));
    }

    [Fact]
    public void Hill_and_howard_weight_and_mole_fractions()
    {
        // Two phases with S Z M V = 2 : 1.
        double[] s = [2, 1], z = [3, 3], m = [100, 100], v = [100, 100];
        var w = new double[2];
        PhaseFractions.WeightFractions(s, z, m, v, w);
        Assert.Equal([2 / 3.0, 1 / 3.0], w);
        // Back to scales and forward again.
        var back = new double[2];
        PhaseFractions.ScalesFromWeightFractions(w, z, m, v, 6, back);
        var again = new double[2];
        PhaseFractions.WeightFractions(back, z, m, v, again);
        Assert.Equal(w[0], again[0], 1e-15);

        // The study: 70:30 layered:rocksalt by moles of O2 formula units.
        var layered = StructureFactorTestPhases.Layered().PerFormulaUnit("O2");
        var rocksalt = StructureFactorTestPhases.Rocksalt().PerFormulaUnit("O2");
        Assert.Equal(3, layered.FormulaUnitsPerCell, 1e-12);
        Assert.Equal(2, rocksalt.FormulaUnitsPerCell, 1e-12);
        var scales = PhaseFractions.ScalesFromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], 1e-3);
        var x = PhaseFractions.MoleFractions([(layered, scales[0]), (rocksalt, scales[1])]);
        Assert.Equal(0.7, x[0], 1e-14);
        Assert.Equal(0.3, x[1], 1e-14);
        // Same formula (Li1.2Ni0.4Ru0.4O2 per O2 in both), so weight fraction = mole fraction.
        var wf = PhaseFractions.WeightFractions([(layered, scales[0]), (rocksalt, scales[1])]);
        Assert.Equal(0.7, wf[0], 1e-12);
        Assert.Throws<ArgumentException>(() => PhaseFractions.WeightFractions([0.0, 0], z, m, v, w));
    }

    /// <summary>
    /// Integrated intensities m·|F|²·LP against the cctbx |F|² of ../shared/reference with the textbook
    /// LP: (1 + cos² 2θ)/(sin² θ cos θ) for Cu Kα1 (ours is half of it, P = ½), and
    /// (P + (1 − P) cos² 2θ)/(sin² θ cos θ) with P = 0.99 at λ = 0.4137 Å.
    /// </summary>
    [Theory]
    [InlineData("layered_S1")]
    [InlineData("rocksalt_S1")]
    [InlineData("LiCoO2")]
    public void Integrated_intensities_agree_with_cctbx_f2_and_the_textbook_lorentz_polarisation(string structure)
    {
        var phase = StructureFactorTestPhases.ByName(structure);
        var reference = StructureFactorCctbxTests.Load(structure);
        var cases = new (Radiation Radiation, double Wavelength, Func<double, double> TextbookLp)[]
        {
            (LaboratoryXRays.Copper.WithKAlpha2Ratio(0), 1.540593, t => (1 + Math.Pow(Math.Cos(2 * t), 2)) / (2 * Math.Sin(t) * Math.Sin(t) * Math.Cos(t))),
            (new SynchrotronXRays(0.4137), 0.4137, t => (0.99 + 0.01 * Math.Pow(Math.Cos(2 * t), 2)) / (Math.Sin(t) * Math.Sin(t) * Math.Cos(t))),
        };
        foreach (var (radiation, wavelength, lp) in cases)
        {
            var list = ReflectionList.Generate(phase, 0.8).WithSquaredStructureFactors(phase, ScatteringModel.XRay()).WithIntegratedIntensities(radiation);
            int compared = 0;
            foreach (var r in reference)
            {
                if (wavelength / (2 * r.D) > 1) continue; // beyond 2θ = 180° for Cu Kα
                double theta = Math.Asin(wavelength / (2 * r.D));
                double expected = r.Multiplicity * r.WkF2 * lp(theta);
                double ours = list.Intensity[list.Find(r.Index)];
                Assert.True(Math.Abs(ours / expected - 1) < 1e-4, $"{structure} {radiation} {r.Index}: {ours} vs {expected}.");
                compared++;
            }
            Assert.True(compared > 5);
        }
    }
}
