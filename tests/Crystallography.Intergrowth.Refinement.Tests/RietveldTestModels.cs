using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The study's two phases and a simulated synchrotron pattern of them, shared by the Rietveld tests.</summary>
internal static class RietveldTestModels
{
    public const double Wavelength = 0.4137;

    public static Phase Layered(double a = 2.94, double c = 14.41) => StructurePrototypes.Layered("layered", a, c, [SiteOccupant.Of("Li+")],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
        lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008);

    public static Phase Rocksalt(double a = 4.16) => StructurePrototypes.Rocksalt("rocksalt", a,
        [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.007, anionUiso: 0.009);

    /// <summary>A symmetric synchrotron instrument at λ = 0.4137 Å (no FCJ: version 0 refines symmetric peaks).</summary>
    public static Instrument Synchrotron(double zero = 0.003, double u = 0.004, double v = -0.0008, double w = 0.0003,
                                         double x = 0.004, double y = 0.006, PatternBackground? background = null) =>
        Instrument.ConstantWavelength(new SynchrotronXRays(Wavelength, 0.99),
            new TchProfile { U = u, V = v, W = w, X = x, Y = y }, zeroShift: zero, background: background);

    /// <summary>
    /// Observed counts: the simulation plus deterministic Poisson-like noise, y + √y·N(0, 1) from a seeded
    /// generator (Box–Muller), and the weights 1/max(y_obs, 1).
    /// </summary>
    public static double[] AddNoise(IReadOnlyList<double> y, int seed)
    {
        var random = new Random(seed);
        var observed = new double[y.Count];
        for (int i = 0; i < y.Count; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            observed[i] = y[i] + Math.Sqrt(Math.Max(y[i], 1)) * normal;
        }
        return observed;
    }
}
