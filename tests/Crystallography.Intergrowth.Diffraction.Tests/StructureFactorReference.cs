using System.Numerics;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The slow, obvious structure factor the production <see cref="StructureFactorEvaluator"/> is
/// checked against: list every atom of the cell (each site's orbit under all operations, centring
/// included, duplicates removed), give each image its own displacement tensor W β Wᵀ, and sum
/// occupancy · f · T · exp(2πi h·r) over the atoms with complex arithmetic.
/// </summary>
internal static class StructureFactorReference
{
    public static Complex StructureFactor(Phase phase, Func<Species, double, Complex> scattering, MillerIndex hkl)
    {
        var cell = phase.Cell;
        double s2 = cell.InverseDSquared(hkl.H, hkl.K, hkl.L) / 4;
        double[] n = [cell.AStar, cell.BStar, cell.CStar];
        int[] h = [hkl.H, hkl.K, hkl.L];
        var f = Complex.Zero;
        foreach (var site in phase.Sites)
        {
            var atoms = new List<(FractionalPosition Position, SymmetryOperation Operation)>();
            foreach (var op in phase.SpaceGroup.Operations)
            {
                var image = op.Apply(site.Position);
                if (!atoms.Any(a => FractionalPosition.LatticeDistance(a.Position, image) < 1e-6)) atoms.Add((image, op));
            }
            Assert.Equal(site.Multiplicity, atoms.Count);

            var scatter = Complex.Zero;
            foreach (var o in site.Occupants) scatter += o.Occupancy * scattering(o.Species, s2);

            foreach (var (r, op) in atoms)
            {
                double t;
                if (site.Displacement.Anisotropic is { } u)
                {
                    // β = 2π² N U N; the image carries W β Wᵀ; T = exp(−hᵀ (W β Wᵀ) h).
                    var beta = new double[3, 3];
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++) beta[i, j] = 2 * Math.PI * Math.PI * n[i] * n[j] * u[i, j];
                    double q = 0;
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++)
                        {
                            double rotated = 0;
                            for (int a = 0; a < 3; a++)
                                for (int b = 0; b < 3; b++) rotated += op.Rotation(i, a) * beta[a, b] * op.Rotation(j, b);
                            q += h[i] * rotated * h[j];
                        }
                    t = Math.Exp(-q);
                }
                else
                {
                    t = Math.Exp(-8 * Math.PI * Math.PI * site.Displacement.Uiso * s2);
                }
                double phase2Pi = 2 * Math.PI * (hkl.H * r.X + hkl.K * r.Y + hkl.L * r.Z);
                f += scatter * t * Complex.FromPolarCoordinates(1, phase2Pi);
            }
        }
        return f;
    }

    /// <summary>How a species scatters under a model, at s² = (sin θ/λ)².</summary>
    public static Func<Species, double, Complex> Scattering(ScatteringModel model) => model switch
    {
        XRayScattering x => (species, s2) =>
            x.FormFactorOf(species).Evaluate(Math.Sqrt(s2)) + x.AnomalousDispersionOf(species.Element).Value,
        NeutronScattering n => (species, _) => n.ScatteringLengthOf(species.Element).Value,
        _ => throw new ArgumentException(model.ToString()),
    };
}
