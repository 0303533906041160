using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The structures of ../shared/reference/structures (copied to Reference/), built with the phase
/// builder from the numbers in the CIF files: the CIF rows sharing a position become one mixed site.
/// </summary>
internal static class StructureFactorTestPhases
{
    public static string ReferencePath(string file) => Path.Combine(AppContext.BaseDirectory, "Reference", file);

    /// <summary>layered_S1.cif, with Li/Ni intermixing z: Li(1−z)Ni(z) on 3b, Li(0.2+z)Ni(0.4−z)Ru(0.4) on 3a.</summary>
    public static Phase Layered(double z = 0) =>
        Phase.Create("layered_S1")
            .WithCell(UnitCell.Hexagonal(2.94194, 14.40729))
            .WithSpaceGroup("R-3m")
            .AddSite("Li1", new FractionalPosition(0, 0, 0.5),
                z == 0 ? [SiteOccupant.Of("Li", 1)] : [SiteOccupant.Of("Li", 1 - z), SiteOccupant.Of("Ni", z)],
                AtomicDisplacement.Isotropic(0.0341))
            .AddSite("M1", new FractionalPosition(0, 0, 0),
                [SiteOccupant.Of("Li", 0.2 + z), SiteOccupant.Of("Ru", 0.4), SiteOccupant.Of("Ni", 0.4 - z)],
                AtomicDisplacement.Isotropic(0.0035))
            .AddSite("O1", new FractionalPosition(0, 0, 0.25716), [SiteOccupant.Of("O", 1)], AtomicDisplacement.Isotropic(0.0078))
            .Build();

    /// <summary>rocksalt_S1.cif.</summary>
    public static Phase Rocksalt() =>
        Phase.Create("rocksalt_S1")
            .WithCell(UnitCell.Cubic(4.15874))
            .WithSpaceGroup("Fm-3m")
            .AddSite("M1", new FractionalPosition(0, 0, 0),
                [SiteOccupant.Of("Li", 0.6), SiteOccupant.Of("Ni", 0.2), SiteOccupant.Of("Ru", 0.2)],
                AtomicDisplacement.Isotropic(0.0034))
            .AddSite("O1", new FractionalPosition(0.5, 0.5, 0.5), [SiteOccupant.Of("O", 1)], AtomicDisplacement.Isotropic(0.0091))
            .Build();

    /// <summary>LiCoO2.cif.</summary>
    public static Phase LiCoO2() =>
        Phase.Create("LiCoO2")
            .WithCell(UnitCell.Hexagonal(2.8156, 14.0542))
            .WithSpaceGroup("R-3m")
            .AddSite("Li1", new FractionalPosition(0, 0, 0.5), [SiteOccupant.Of("Li", 1)], AtomicDisplacement.Isotropic(0.012))
            .AddSite("Co1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Co", 1)], AtomicDisplacement.Isotropic(0.004))
            .AddSite("O1", new FractionalPosition(0, 0, 0.2396), [SiteOccupant.Of("O", 1)], AtomicDisplacement.Isotropic(0.006))
            .Build();

    public static Phase ByName(string name) => name switch
    {
        "layered_S1" => Layered(),
        "rocksalt_S1" => Rocksalt(),
        "LiCoO2" => LiCoO2(),
        _ => throw new ArgumentException(name),
    };
}
