using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Instruments and simulated patterns of the study's two phases for the joint-refinement tests.</summary>
internal static class RefinementTestModels
{
    /// <summary>The layered phase with an anisotropic oxygen (U11 = U22 = 2U12, U13 = U23 = 0 on 6c).</summary>
    public static Phase LayeredAnisotropic() => RietveldTestModels.Layered()
        .WithDisplacement("O1", AtomicDisplacement.FromAnisotropic(new AnisotropicU(0.009, 0.009, 0.012, 0.0045, 0, 0)));

    /// <summary>Synchrotron X-rays, symmetric TCH with a finite crystallite size and a microstrain.</summary>
    public static Instrument Synchrotron() => Instrument.ConstantWavelength(new SynchrotronXRays(RietveldTestModels.Wavelength, 0.99),
        new TchProfile { U = 0.004, V = -0.0008, W = 0.0003, P = 0.0001, X = 0.004, Y = 0.006, CrystalliteSize = 2, Microstrain = 300, SizeLorentzianFraction = 0.8 },
        zeroShift: 0.003);

    /// <summary>Laboratory Cu Kα1/Kα2 with FCJ asymmetry.</summary>
    public static Instrument LaboratoryCopper() => Instrument.ConstantWavelength(LaboratoryXRays.Copper,
        new TchProfile { U = 0.01, V = -0.004, W = 0.003, X = 0.02, Y = 0.01 }, new FcjAsymmetry(0.02, 0.015), zeroShift: -0.01);

    /// <summary>Constant-wavelength neutrons at 1.622 Å.</summary>
    public static Instrument Neutrons() => Instrument.ConstantWavelength(new ConstantWavelengthNeutrons(1.622),
        new TchProfile { U = 0.06, V = -0.12, W = 0.1, X = 0.01, Y = 0.02 }, zeroShift: 0.02);

    /// <summary>POWGEN-like time of flight with a Lorentzian term.</summary>
    public static Instrument TimeOfFlight() => Instrument.TimeOfFlight(new TimeOfFlightNeutrons(22598.6, 90, 0.6, -5),
        new TofProfile
        {
            Alpha0 = 0.02, Alpha1 = 0.11, Beta0 = 0.019, Beta1 = 0.07, BetaQ = 0.002, Sigma0Squared = 40, Sigma1Squared = 60, Sigma2Squared = 5,
            SigmaQSquared = 4, Gamma0 = 1, Gamma1 = 2, Gamma2 = 0.5, Microstrain = 500, StrainLorentzianFraction = 0.5,
        }, difB: 4);

    /// <summary>The x range of each instrument's test pattern.</summary>
    public static PatternRange RangeFor(Instrument instrument) => instrument.Radiation switch
    {
        TimeOfFlightNeutrons => PatternRange.Uniform(18000, 8, 30000),
        LaboratoryXRays => PatternRange.Uniform(15, 0.02, 70),
        ConstantWavelengthNeutrons => PatternRange.Uniform(20, 0.05, 120),
        _ => PatternRange.Uniform(4, 0.005, 13),
    };

    /// <summary>
    /// A pattern of <paramref name="phases"/> simulated with <paramref name="instrument"/> (scales given), plus a
    /// Chebyshev background, with optional seeded noise, and weights 1/max(y, 1).
    /// </summary>
    public static RefinementPattern Simulate(string name, Instrument instrument, IReadOnlyList<SimulatedPhase> phases,
                                             double[] backgroundCoefficients, int? noiseSeed = null)
    {
        var range = RangeFor(instrument);
        var simulated = new PatternSimulator(instrument).Simulate(phases, range);
        var background = new ChebyshevBackground(range.X[0], range.X[^1], backgroundCoefficients);
        var y = simulated.Y.Select((v, i) => v + background.ValueAt(range.X[i])).ToArray();
        double[] observed = noiseSeed is int seed ? RietveldTestModels.AddNoise(y, seed) : y;
        return RefinementPattern.WithCountingWeights(name, range.X, observed, instrument,
            new ChebyshevBackground(range.X[0], range.X[^1], new double[backgroundCoefficients.Length]));
    }
}
