using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// The structure types the layered–rocksalt studies meet, each building a <see cref="Phase"/> from
/// cell parameters and site contents. Every prototype states its formula unit (O2 for the oxides,
/// as the reference study does) so that Z and molar masses compare across phases.
/// </summary>
public static class StructurePrototypes
{
    /// <summary>
    /// Rocksalt (NaCl type), Fm-3m: cations on 4a (0, 0, 0), anions on 4b (½, ½, ½). With the formula
    /// unit O2, Z = 2.
    /// </summary>
    /// <param name="name">Phase name.</param>
    /// <param name="a">Cubic cell parameter, Å (≈ 4.16 for the study's rocksalt phase).</param>
    /// <param name="cations">Occupants of 4a, e.g. Li+ 0.6, Ni2+ 0.2, Ru5+ 0.2.</param>
    /// <param name="anion">Occupant of 4b (O2- by default).</param>
    /// <param name="cationUiso">Uiso of 4a, Å².</param>
    /// <param name="anionUiso">Uiso of 4b, Å².</param>
    public static Phase Rocksalt(string name, double a, IEnumerable<SiteOccupant> cations, string anion = "O2-",
                                 double cationUiso = 0, double anionUiso = 0) =>
        Phase.Create(name)
            .WithCell(UnitCell.Cubic(a))
            .WithSpaceGroup(SpaceGroup.Parse("F m -3 m"))
            .AddSite("M1", new FractionalPosition(0, 0, 0), cations, AtomicDisplacement.Isotropic(cationUiso), 'a')
            .AddSite("O1", new FractionalPosition(0.5, 0.5, 0.5), [SiteOccupant.Of(anion)], AtomicDisplacement.Isotropic(anionUiso), 'b')
            .PerFormulaUnit(FormulaUnitOf(anion))
            .Build();

    /// <summary>
    /// Layered α-NaFeO2 type (LiCoO2, Li(Li,Ni,Ru)O2), R-3m with hexagonal axes: the Li layer on 3b
    /// (0, 0, ½), the transition-metal layer on 3a (0, 0, 0), oxygen on 6c (0, 0, z ≈ 0.25). With the
    /// formula unit O2, Z = 3.
    /// </summary>
    /// <param name="name">Phase name.</param>
    /// <param name="a">Hexagonal a, Å (≈ 2.94).</param>
    /// <param name="c">Hexagonal c, Å (≈ 14.41).</param>
    /// <param name="lithiumLayer">Occupants of 3b, e.g. Li+ 1, or Li+ 1−z, Ni2+ z with intermixing.</param>
    /// <param name="metalLayer">Occupants of 3a, e.g. Li+ 0.2, Ni2+ 0.4, Ru5+ 0.4.</param>
    /// <param name="oxygenZ">z of O on 6c.</param>
    /// <param name="lithiumLayerUiso">Uiso of 3b, Å².</param>
    /// <param name="metalLayerUiso">Uiso of 3a, Å².</param>
    /// <param name="oxygenUiso">Uiso of 6c, Å².</param>
    public static Phase Layered(string name, double a, double c, IEnumerable<SiteOccupant> lithiumLayer,
                                IEnumerable<SiteOccupant> metalLayer, double oxygenZ,
                                double lithiumLayerUiso = 0, double metalLayerUiso = 0, double oxygenUiso = 0) =>
        Phase.Create(name)
            .WithCell(UnitCell.Hexagonal(a, c))
            .WithSpaceGroup(SpaceGroup.Parse("R -3 m :H"))
            .AddSite("Li1", new FractionalPosition(0, 0, 0.5), lithiumLayer, AtomicDisplacement.Isotropic(lithiumLayerUiso), 'b')
            .AddSite("M1", new FractionalPosition(0, 0, 0), metalLayer, AtomicDisplacement.Isotropic(metalLayerUiso), 'a')
            .AddSite("O1", new FractionalPosition(0, 0, oxygenZ), [SiteOccupant.Of("O2-")], AtomicDisplacement.Isotropic(oxygenUiso), 'c')
            .PerFormulaUnit("O2")
            .Build();

    /// <summary>
    /// Spinel (MgAl2O4 type, LiMn2O4), Fd-3m origin choice 2: tetrahedral 8a (⅛, ⅛, ⅛), octahedral
    /// 16d (½, ½, ½), oxygen 32e (x, x, x) with x ≈ 0.263. The formula unit is A B2 O4 (Z = 8).
    /// </summary>
    /// <param name="name">Phase name.</param>
    /// <param name="a">Cubic cell parameter, Å (≈ 8.24 for LiMn2O4).</param>
    /// <param name="tetrahedral">Occupants of 8a.</param>
    /// <param name="octahedral">Occupants of 16d.</param>
    /// <param name="oxygenX">x of O on 32e.</param>
    /// <param name="uiso">One Uiso for all sites, Å².</param>
    public static Phase Spinel(string name, double a, IEnumerable<SiteOccupant> tetrahedral,
                               IEnumerable<SiteOccupant> octahedral, double oxygenX, double uiso = 0) =>
        Phase.Create(name)
            .WithCell(UnitCell.Cubic(a))
            .WithSpaceGroup(SpaceGroup.Parse("F d -3 m :2"))
            .AddSite("A1", new FractionalPosition(0.125, 0.125, 0.125), tetrahedral, AtomicDisplacement.Isotropic(uiso), 'a')
            .AddSite("B1", new FractionalPosition(0.5, 0.5, 0.5), octahedral, AtomicDisplacement.Isotropic(uiso), 'd')
            .AddSite("O1", new FractionalPosition(oxygenX, oxygenX, oxygenX), [SiteOccupant.Of("O2-")], AtomicDisplacement.Isotropic(uiso), 'e')
            .PerFormulaUnit("O4")
            .Build();

    /// <summary>
    /// Monoclinic Li2MnO3 type (honeycomb-ordered layered Li[Li1/3Mn2/3]O2), C2/m unique axis b: Li on
    /// 2b (0, ½, 0), 2c (0, 0, ½) and 4h (0, y, ½), Mn on 4g (0, y, 0), O on 4i (x, 0, z) and 8j
    /// (x, y, z). The coordinates are parameters; the defaults are typical refined values for
    /// Li2MnO3 and serve as starting values only. The formula unit is Li2MnO3 (Z = 4).
    /// </summary>
    /// <param name="name">Phase name.</param>
    /// <param name="a">a, Å (≈ 4.93).</param>
    /// <param name="b">b, Å (≈ 8.53).</param>
    /// <param name="c">c, Å (≈ 5.03).</param>
    /// <param name="beta">β, degrees (≈ 109.3).</param>
    /// <param name="metal">Occupants of 4g (Mn4+ by default when null).</param>
    /// <param name="lithium4hY">y of Li on 4h.</param>
    /// <param name="metal4gY">y of the metal on 4g.</param>
    /// <param name="oxygen4i">x, z of O on 4i.</param>
    /// <param name="oxygen8j">x, y, z of O on 8j.</param>
    public static Phase Li2MnO3Type(string name, double a, double b, double c, double beta,
                                    IEnumerable<SiteOccupant>? metal = null, double lithium4hY = 0.6606,
                                    double metal4gY = 0.1670, (double X, double Z)? oxygen4i = null,
                                    (double X, double Y, double Z)? oxygen8j = null)
    {
        var o4i = oxygen4i ?? (0.2189, 0.2273);
        var o8j = oxygen8j ?? (0.2540, 0.3211, 0.2233);
        return Phase.Create(name)
            .WithCell(UnitCell.Monoclinic(a, b, c, beta))
            .WithSpaceGroup(SpaceGroup.Parse("C 1 2/m 1"))
            .AddSite("Li1", new FractionalPosition(0, 0.5, 0), [SiteOccupant.Of("Li+")], wyckoffLetter: 'b')
            .AddSite("Li2", new FractionalPosition(0, 0, 0.5), [SiteOccupant.Of("Li+")], wyckoffLetter: 'c')
            .AddSite("Li3", new FractionalPosition(0, lithium4hY, 0.5), [SiteOccupant.Of("Li+")], wyckoffLetter: 'h')
            .AddSite("Mn1", new FractionalPosition(0, metal4gY, 0), metal ?? [SiteOccupant.Of("Mn4+")], wyckoffLetter: 'g')
            .AddSite("O1", new FractionalPosition(o4i.X, 0, o4i.Z), [SiteOccupant.Of("O2-")], wyckoffLetter: 'i')
            .AddSite("O2", new FractionalPosition(o8j.X, o8j.Y, o8j.Z), [SiteOccupant.Of("O2-")], wyckoffLetter: 'j')
            .PerFormulaUnit("O3")
            .Build();
    }

    // "O2-" → formula unit O2 (one anion site of the rocksalt per O2 holds two formula units).
    private static Composition FormulaUnitOf(string anion) =>
        Composition.Parse(Species.Parse(anion).Symbol + "2");
}
