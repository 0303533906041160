using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Constraints.Tests;

/// <summary>The reference study's two phases as Table S1 gives them, per O2 formula unit.</summary>
internal static class ChemistryFixtures
{
    /// <summary>Layered Li[Li0.2Ni0.4Ru0.4]O2, R-3m: Li+ 1 on 3b (Li1); Li+ 0.2, Ni2+ 0.4, Ru5+ 0.4 on 3a (M1); Z = 3.</summary>
    public static Phase Layered { get; } = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+", 1)],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257);

    /// <summary>Rocksalt (Li0.6Ni0.2Ru0.2)O, Fm-3m: Li+ 0.6, Ni2+ 0.2, Ru5+ 0.2 on 4a (M1); Z = 2 per O2.</summary>
    public static Phase Rocksalt { get; } = StructurePrototypes.Rocksalt("rocksalt", 4.16,
        [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);

    public static ParameterId Occ(string phase, string site, string element) => ParameterId.Occupancy(phase, site, element);

    public static ParameterId LayeredLi1Li { get; } = Occ("layered", "Li1", "Li");
    public static ParameterId LayeredM1Li { get; } = Occ("layered", "M1", "Li");
    public static ParameterId RocksaltM1Li { get; } = Occ("rocksalt", "M1", "Li");
    public static ParameterId LayeredFraction { get; } = ParameterId.PhaseFraction("layered");
    public static ParameterId RocksaltFraction { get; } = ParameterId.PhaseFraction("rocksalt");

    /// <summary>A copy of the values with some replaced.</summary>
    public static Dictionary<ParameterId, double> With(IReadOnlyDictionary<ParameterId, double> values, params (ParameterId Id, double Value)[] changes)
    {
        var d = new Dictionary<ParameterId, double>(values);
        foreach (var (id, v) in changes) d[id] = v;
        return d;
    }

    public static Dictionary<ParameterId, double> Union(params IReadOnlyDictionary<ParameterId, double>[] parts)
    {
        var d = new Dictionary<ParameterId, double>();
        foreach (var part in parts)
            foreach (var (k, v) in part) d[k] = v;
        return d;
    }
}
