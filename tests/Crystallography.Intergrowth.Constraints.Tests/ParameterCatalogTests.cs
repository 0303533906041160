using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Constraints.Tests;

public sealed class ParameterCatalogTests
{
    private static readonly Phase Layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+")],
        [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], 0.257, 0.01, 0.005, 0.008);

    private static readonly Phase Rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16,
        [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);

    private static string[] Texts(IEnumerable<ParameterId> ids) => [.. ids.Select(p => p.ToString())];

    [Fact]
    public void Lists_the_free_parameters_of_the_study_phases_with_their_values()
    {
        var catalog = ParameterCatalog.Create([Layered, Rocksalt], fractions: new Dictionary<string, double> { ["layered"] = 0.7, ["rocksalt"] = 0.3 });
        Assert.Equal(
        [
            "layered/cell/a", "layered/cell/c",
            "layered/Li1/Uiso", "layered/Li1/occ[Li]",
            "layered/M1/Uiso", "layered/M1/occ[Li]", "layered/M1/occ[Ni]", "layered/M1/occ[Ru]",
            "layered/O1/z", "layered/O1/Uiso", "layered/O1/occ[O]",
            "layered/scale", "layered/fraction",
            "rocksalt/cell/a",
            "rocksalt/M1/Uiso", "rocksalt/M1/occ[Li]", "rocksalt/M1/occ[Ni]", "rocksalt/M1/occ[Ru]",
            "rocksalt/O1/Uiso", "rocksalt/O1/occ[O]",
            "rocksalt/scale", "rocksalt/fraction",
        ], Texts(catalog.Parameters));
        Assert.Equal(["layered/cell/b", "rocksalt/cell/b", "rocksalt/cell/c"], Texts(catalog.DependentParameters));
        Assert.Equal(["layered/cell/a - layered/cell/b = 0", "rocksalt/cell/a - rocksalt/cell/b = 0", "rocksalt/cell/a - rocksalt/cell/c = 0"],
            catalog.SymmetryConstraints.Select(c => c.ToString()));
        Assert.Equal("symmetry: layered/cell/b = 1·layered/cell/a", catalog.SymmetryConstraints[0].Description);
        Assert.Equal(2.94, catalog[ParameterId.Parse("layered/cell/b")]);
        Assert.Equal(0.257, catalog[ParameterId.Parse("layered/O1/z")]);
        Assert.Equal(0.6, catalog[ParameterId.Parse("rocksalt/M1/occ[Li]")]);
        Assert.Equal(0.005, catalog[ParameterId.Parse("layered/M1/Uiso")]);
        Assert.Equal(1, catalog[ParameterId.Parse("layered/scale")]);
        Assert.Equal(0.3, catalog[ParameterId.Parse("rocksalt/fraction")]);
        Assert.Equal(["layered/Li1/occ[Li]", "layered/M1/occ[Li]"], Texts(catalog.Of(ParameterKind.Occupancy, "layered").Where(p => p.Qualifier == "Li")));
    }

    [Fact]
    public void Special_position_ties_come_from_the_triplet_the_site_lies_on()
    {
        // P6_3/mmc 6h: x,2x,1/4; its image -2x,-x,1/4 ties y = x/2 instead.
        var phase = Phase.Create("hex").WithSpaceGroup("P6_3/mmc").WithCell(UnitCell.Hexagonal(3, 5))
            .AddSite("A", 0.2, 0.4, 0.25, "Ni")
            .AddSite("B", 0.6, 0.8, 0.25, "Co")   // −2x,−x,1/4 at x = 0.2, i.e. (−0.4, −0.2) moved by (1, 1): Δy = Δx/2
            .Build();
        var catalog = ParameterCatalog.Create([phase]);
        Assert.Contains(ParameterId.Parse("hex/A/x"), catalog.Parameters);
        Assert.DoesNotContain(ParameterId.Parse("hex/A/z"), catalog.Parameters);
        var ties = catalog.SymmetryConstraints.Select(c => c.Description).ToArray();
        Assert.Contains("symmetry: hex/A/y = 2·hex/A/x", ties);
        Assert.Contains("symmetry: hex/B/y = 0.5·hex/B/x + 0.5", ties);
        Assert.All(catalog.SymmetryConstraints, c => Assert.Equal(0, c.Residual(catalog.Values), 14));
        var moved = catalog.ToPhases(new Dictionary<ParameterId, double> { [ParameterId.Parse("hex/A/x")] = 0.18, [ParameterId.Parse("hex/B/x")] = 0.64 })[0];
        Assert.Equal(new FractionalPosition(0.18, 0.36, 0.25), moved.Site("A").Position);
        Assert.Equal(0.82, moved.Site("B").Position.Y, 14);

        // Spinel O on 32e x,x,x: one free coordinate.
        var spinel = StructurePrototypes.Spinel("spinel", 8.24, [SiteOccupant.Of("Li+")], [SiteOccupant.Of("Mn3+", 0.5), SiteOccupant.Of("Mn4+", 0.5)], 0.263);
        var s = ParameterCatalog.Create([spinel]);
        Assert.Equal(["spinel/O1/x"], Texts(s.Of(ParameterKind.Coordinate)));
        Assert.Equal(["spinel/O1/y = 1·spinel/O1/x", "spinel/O1/z = 1·spinel/O1/x"],
            s.SymmetryConstraints.Where(c => c.Terms.Any(t => t.Parameter.Kind == ParameterKind.Coordinate)).Select(c => c.Description!.Replace("symmetry: ", "")));
        // Mn3+ and Mn4+ share one occupancy parameter per element.
        Assert.Equal(1, s[ParameterId.Parse("spinel/B1/occ[Mn]")]);
    }

    [Fact]
    public void Anisotropic_displacements_list_the_components_the_site_symmetry_leaves_free()
    {
        var phase = Layered.WithDisplacement("M1", AtomicDisplacement.FromAnisotropic(new AnisotropicU(0.01, 0.01, 0.02, 0.005, 0, 0)));
        var catalog = ParameterCatalog.Create([phase]);
        Assert.Equal(["layered/M1/U11", "layered/M1/U33"], Texts(catalog.Of(ParameterKind.Uaniso)));
        Assert.Contains("symmetry: layered/M1/U22 = 1·layered/M1/U11", catalog.SymmetryConstraints.Select(c => c.Description));
        Assert.Contains("symmetry: layered/M1/U12 = 0.5·layered/M1/U11", catalog.SymmetryConstraints.Select(c => c.Description));
        var written = catalog.ToPhases(new Dictionary<ParameterId, double> { [ParameterId.Parse("layered/M1/U11")] = 0.012 })[0];
        var u = written.Site("M1").Displacement.Anisotropic!.Value;
        Assert.Equal([0.012, 0.012, 0.02, 0.006, 0, 0], new[] { u.U11, u.U22, u.U33, u.U12, u.U13, u.U23 }.Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void Values_are_written_into_new_phases_following_the_ties_and_the_inputs_stay_as_they_were()
    {
        var catalog = ParameterCatalog.Create([Layered, Rocksalt]);
        var values = new Dictionary<ParameterId, double>
        {
            [ParameterId.Parse("layered/cell/a")] = 2.95,
            [ParameterId.Parse("layered/O1/z")] = 0.26,
            [ParameterId.Parse("layered/Li1/occ[Li]")] = 0.86,
            [ParameterId.Parse("rocksalt/cell/a")] = 4.17,
            [ParameterId.Parse("rocksalt/M1/occ[Ni]")] = 0.15,
            [ParameterId.Parse("rocksalt/M1/Uiso")] = 0.004,
        };
        var su = new Dictionary<ParameterId, double>
        {
            [ParameterId.Parse("layered/cell/a")] = 0.0001,
            [ParameterId.Parse("layered/Li1/occ[Li]")] = 0.02,
            [ParameterId.Parse("layered/O1/z")] = 0.0003,
        };
        var phases = catalog.ToPhases(values, su);
        var (layered, rocksalt) = (phases[0], phases[1]);
        Assert.Equal((2.95, 2.95, 14.41), (layered.Cell.A, layered.Cell.B, layered.Cell.C));
        Assert.Equal(0.0001, layered.CellUncertainty.B);
        Assert.Equal(0.26, layered.Site("O1").Position.Z);
        Assert.Equal(0.0003, layered.Site("O1").PositionUncertainty.Z);
        Assert.Equal(0.86, layered.Site("Li1").OccupancyOf(Species.Parse("Li")));
        Assert.Equal(0.02, layered.Site("Li1").Occupants[0].OccupancyUncertainty);
        Assert.Equal(Species.Parse("Li+"), layered.Site("Li1").Occupants[0].Species);
        Assert.Equal(4.17, rocksalt.Cell.C);
        Assert.Equal(0.15, rocksalt.Site("M1").OccupancyOf(Species.Parse("Ni")));
        Assert.Equal(0.004, rocksalt.Site("M1").Displacement.Uiso);
        Assert.Equal(["Li+", "Ni2+", "Ru5+"], rocksalt.Site("M1").Occupants.Select(o => o.Species.ToString()));
        Assert.Equal(layered.FormulaUnitsPerCell, Layered.FormulaUnitsPerCell);

        Assert.Equal(2.94, Layered.Cell.A);
        Assert.Equal(1, Layered.Site("Li1").OccupancyOf(Species.Parse("Li")));
        Assert.Equal(0.2, Rocksalt.Site("M1").OccupancyOf(Species.Parse("Ni")));
        Assert.Equal(Layered.Cell, catalog.ToPhase("layered", catalog.Values).Cell);
    }

    [Fact]
    public void A_refinement_round_trip_writes_the_constrained_values_and_their_uncertainties()
    {
        // A rocksalt phase with room for more Li: Li+ 0.4, Ni2+ 0.2, Ru5+ 0.2 and 0.2 vacant.
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16, [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);
        var catalog = ParameterCatalog.Create([Layered, rocksalt]);
        var li1 = ParameterId.Parse("layered/Li1/occ[Li]");
        var m1 = ParameterId.Parse("rocksalt/M1/occ[Li]");
        var space = ConstraintSet.CreateBuilder().Refine(li1, m1).Add("7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0", catalog.Values).Build()
            .Reduce(catalog.Values);
        double[] p = [0.86, 0.4 + 7 * 0.14 / 6];
        var v = space.ToVariables(p);
        var phases = catalog.ToPhases(space.ToValues(v), space.StandardUncertaintiesById(new double[,] { { 0.0004 } }));
        Assert.Equal(0.86, phases[0].Site("Li1").OccupancyOf(Species.Parse("Li")), 14);
        Assert.Equal(0.4 + 7 * 0.14 / 6, phases[1].Site("M1").OccupancyOf(Species.Parse("Li")), 14);
        // s.u. 0.02 of the variable spreads as 6/√85 and 7/√85.
        Assert.Equal(0.02 * 6 / Math.Sqrt(85), phases[0].Site("Li1").Occupants[0].OccupancyUncertainty, 14);
        Assert.Equal(0.02 * 7 / Math.Sqrt(85), phases[1].Site("M1").Occupants[0].OccupancyUncertainty, 14);
    }

    [Fact]
    public void Histogram_parameters_join_through_WithParameter()
    {
        var catalog = ParameterCatalog.Create([Rocksalt]).WithParameter(ParameterId.Histogram("sxrd", "zero"), -0.003);
        Assert.Equal(-0.003, catalog[ParameterId.Parse("hist:sxrd/zero")]);
        Assert.Equal(ParameterId.Parse("hist:sxrd/zero"), catalog.Parameters[^1]);
        Assert.Throws<ArgumentException>(() => catalog.WithParameter(ParameterId.Histogram("sxrd", "zero"), 0));
        Assert.Throws<KeyNotFoundException>(() => catalog[ParameterId.Parse("hist:sxrd/bkg[0]")]);
    }

    [Fact]
    public void Phases_must_have_distinct_names()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterCatalog.Create([Rocksalt, Rocksalt]));
        Assert.Contains("Two phases are named 'rocksalt'", e.Message);
    }
}
