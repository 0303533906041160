using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>
/// Phases of the reference study (Table S1) built in code, checked against independent numbers:
/// cell content, Z, molar mass and density from pymatgen (Debian python3-pymatgen,
/// Structure.from_spacegroup with the same cells and occupancies; pymatgen uses the same IUPAC
/// 1999/2001 atomic weights, so agreement is to rounding).
/// </summary>
public sealed class PhaseTests
{
    internal static Phase LayeredS1() => Phase.Create("layered")
        .WithCell(UnitCell.Hexagonal(2.94194, 14.40729))
        .WithSpaceGroup("R-3m")
        .AddSite("Li1", 0, 0, 0.5, "Li+")
        .AddSite("M1", 0, 0, 0, ("Li+", 0.2), ("Ni2+", 0.4), ("Ru5+", 0.4))
        .AddSite("O1", 0, 0, 0.25716, "O2-")
        .WithUiso("Li1", 0.0341).WithUiso("M1", 0.0035).WithUiso("O1", 0.0078)
        .PerFormulaUnit("O2")
        .Build();

    internal static Phase RocksaltS1() => StructurePrototypes.Rocksalt("rocksalt", 4.15874,
        [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
        cationUiso: 0.0034, anionUiso: 0.0091);

    [Fact]
    public void Layered_phase_of_table_S1_has_the_content_mass_and_density_pymatgen_gives()
    {
        var p = LayeredS1();
        Assert.Equal(3.0, p.FormulaUnitsPerCell, 12);
        Assert.Equal(3.6, p.CellContent.Amount(Element.FromSymbol("Li")), 12);
        Assert.Equal(1.2, p.CellContent.Amount(Element.FromSymbol("Ni")), 12);
        Assert.Equal(1.2, p.CellContent.Amount(Element.FromSymbol("Ru")), 12);
        Assert.Equal(6.0, p.CellContent.Amount(Element.FromSymbol("O")), 12);
        Assert.Equal(104.23336, p.MolarMass, 4);          // pymatgen: 104.23336 amu per O2
        Assert.Equal(107.98925674771755, p.Cell.Volume, 9); // pymatgen Structure.volume
        Assert.Equal(4.808355151309254, p.Density, 5);     // pymatgen Structure.density
        Assert.Equal(0.0, p.Formula.Charge!.Value, 12);    // Li+ 1.2, Ni2+ 0.4, Ru5+ 0.4, O2- 2
        Assert.Equal("Li1.2Ni0.4Ru0.4O2", p.Formula.ToString());
        Assert.Equal('b', p.Site("Li1").Wyckoff.Letter);
        Assert.Equal('a', p.Site("M1").Wyckoff.Letter);
        Assert.Equal("6c", p.Site("O1").Wyckoff.Label);
    }

    [Fact]
    public void Rocksalt_phase_of_table_S1_has_Z_2_per_O2_and_the_density_pymatgen_gives()
    {
        var p = RocksaltS1();
        Assert.Equal(2.0, p.FormulaUnitsPerCell, 12);
        Assert.Equal(104.23336, p.MolarMass, 4);           // same composition per O2 as the layered phase
        Assert.Equal(4.812830003519206, p.Density, 5);      // pymatgen
        Assert.Equal("4a", p.Site("M1").Wyckoff.Label);
        Assert.Equal("4b", p.Site("O1").Wyckoff.Label);
        Assert.Equal("m-3m", p.Site("M1").Wyckoff.SiteSymmetry);
    }

    [Fact]
    public void Without_a_stated_formula_unit_Z_is_the_gcd_of_the_multiplicities()
    {
        var p = LayeredS1().ToBuilder().PerFormulaUnit(Composition.Parse("Li1.2Ni0.4Ru0.4O2")).Build();
        Assert.Equal(3.0, p.FormulaUnitsPerCell, 12);
        var rocksalt = Phase.Create("rs").WithCell(UnitCell.Cubic(4.16)).WithSpaceGroup("Fm-3m")
            .AddSite("M", 0, 0, 0, "Ni2+").AddSite("O", 0.5, 0.5, 0.5, "O2-").Build();
        Assert.Equal(4.0, rocksalt.FormulaUnitsPerCell, 12);
        Assert.Equal("NiO", rocksalt.Formula.ToString());
    }

    [Fact]
    public void LiCoO2_and_Li2MnO3_prototypes_match_pymatgen()
    {
        var lco = StructurePrototypes.Layered("LiCoO2", 2.8156, 14.0542, [SiteOccupant.Of("Li+")], [SiteOccupant.Of("Co3+")], 0.2396);
        Assert.Equal(97.872995, lco.MolarMass, 5);
        Assert.Equal(5.0530611767579705, lco.Density, 5);

        var lmo = StructurePrototypes.Li2MnO3Type("Li2MnO3", 4.93, 8.53, 5.03, 109.3);
        Assert.Equal(4.0, lmo.FormulaUnitsPerCell, 12);
        Assert.Equal("Li2MnO3", lmo.Formula.ToString());
        Assert.Equal(199.638522195277, lmo.Cell.Volume, 8);  // pymatgen
        Assert.Equal(3.88664987861224, lmo.Density, 5);      // pymatgen
        Assert.Equal(0.0, lmo.Formula.Charge!.Value, 12);
    }

    [Fact]
    public void Spinel_prototype_has_Z_8_and_the_closed_form_density()
    {
        var spinel = StructurePrototypes.Spinel("LiMn2O4", 8.24, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Mn3+", 0.5), SiteOccupant.Of("Mn4+", 0.5)], 0.263);
        Assert.Equal(8.0, spinel.FormulaUnitsPerCell, 12);
        Assert.Equal("8a", spinel.Site("A1").Wyckoff.Label);
        Assert.Equal("16d", spinel.Site("B1").Wyckoff.Label);
        Assert.Equal("32e", spinel.Site("O1").Wyckoff.Label);
        double m = 6.941 + 2 * 54.938049 + 4 * 15.9994; // LiMn2O4 from the IUPAC weights
        Assert.Equal(m, spinel.MolarMass, 9);
        Assert.Equal(8 * m / (0.602214076 * Math.Pow(8.24, 3)), spinel.Density, 9);
        Assert.Equal(0.0, spinel.Formula.Charge!.Value, 12);
    }

    [Fact]
    public void A_nearly_special_position_is_snapped_and_an_impossible_letter_is_refused()
    {
        var p = LayeredS1().WithSitePosition("O1", new FractionalPosition(0.00004, -0.00002, 0.25716));
        Assert.Equal(new FractionalPosition(0, 0, 0.25716), p.Site("O1").Position);

        var e = Assert.Throws<ArgumentException>(() => Phase.Create("bad").WithCell(UnitCell.Hexagonal(2.94, 14.41))
            .WithSpaceGroup("R-3m")
            .AddSite("O1", new FractionalPosition(0, 0, 0.257), [SiteOccupant.Of("O2-")], wyckoffLetter: 'a')
            .Build());
        Assert.Contains("O1", e.Message);
        Assert.Contains("6c", e.Message);
    }

    [Fact]
    public void Occupancies_above_one_and_unknown_elements_are_refused_naming_the_site_or_token()
    {
        var over = Assert.Throws<ArgumentException>(() => LayeredS1().WithOccupancy("M1", "Ni2+", 0.5));
        Assert.Contains("M1", over.Message);
        Assert.Contains("1.1", over.Message);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => LayeredS1().WithOccupancy("Li1", "Li+", -0.1));
        Assert.Contains("Li1", negative.Message);

        var unknown = Assert.Throws<FormatException>(() => LayeredS1().WithOccupancy("M1", "Xq2+", 0.1));
        Assert.Contains("Xq2+", unknown.Message);

        var missing = Assert.Throws<ArgumentException>(() => LayeredS1().WithUiso("M9", 0.01));
        Assert.Contains("M9", missing.Message);
    }

    [Fact]
    public void A_cell_that_breaks_the_crystal_system_is_refused_and_a_nearly_right_one_symmetrised()
    {
        var e = Assert.Throws<ArgumentException>(() => LayeredS1().WithCell(new UnitCell(2.94, 2.95, 14.41, 90, 90, 120)));
        Assert.Contains("a = b", e.Message);
        var p = LayeredS1().WithCell(new UnitCell(2.9419, 2.94195, 14.41, 90, 90, 120.0001));
        Assert.Equal(p.Cell.A, p.Cell.B);
        Assert.Equal(120.0, p.Cell.Gamma);
    }

    [Fact]
    public void With_methods_return_changed_copies_and_leave_the_original_alone()
    {
        var original = LayeredS1();
        var changed = original.WithUiso("O1", 0.02).WithName("changed");
        Assert.Equal(0.0078, original.Site("O1").Displacement.Uiso);
        Assert.Equal(0.02, changed.Site("O1").Displacement.Uiso);
        Assert.Equal("layered", original.Name);
        Assert.Throws<ArgumentException>(() => original.WithOccupancy("M1", "Ru5+", 0.9));
        Assert.Equal(0.4, original.Site("M1").OccupancyOf(Species.Parse("Ru5+")));
    }

    [Fact]
    public void Anisotropic_displacement_on_3a_obeys_the_minus_3m_restrictions()
    {
        // On the threefold axis of R-3m:H, U11 = U22 = 2 U12 and U13 = U23 = 0 (ITA Vol. D Table 1.2.2.7).
        var u = new AnisotropicU(0.010, 0.010, 0.020, 0.005, 0, 0);
        var p = LayeredS1().WithDisplacement("M1", AtomicDisplacement.FromAnisotropic(u));
        var stored = p.Site("M1").Displacement.Anisotropic!.Value;
        Assert.Equal(0.010, stored.U11, 12);
        Assert.Equal(0.010, stored.U22, 12);
        Assert.Equal(0.005, stored.U12, 12);
        // Ueq = ⅓ Σ Uij ai* aj* ai·aj; with a = b, γ = 120°: a* = 2/(√3 a), a1·a2 = −a²/2, so
        // Ueq = (4/3 (U11 + U22 − U12) + U33) / 3, a closed form independent of a and c.
        Assert.Equal((4.0 / 3 * (0.010 + 0.010 - 0.005) + 0.020) / 3, p.Site("M1").Displacement.EquivalentUiso(p.Cell), 12);

        var broken = new AnisotropicU(0.010, 0.012, 0.020, 0.001, 0.003, 0);
        var e = Assert.Throws<ArgumentException>(() => LayeredS1().WithDisplacement("M1", AtomicDisplacement.FromAnisotropic(broken)));
        Assert.Contains("M1", e.Message);
        Assert.Contains("-3m", e.Message);
    }

    [Fact]
    public void Oxidation_states_are_given_to_neutral_occupants_only()
    {
        var neutral = Phase.Create("n").WithCell(UnitCell.Cubic(4.16)).WithSpaceGroup("Fm-3m")
            .AddSite("M1", 0, 0, 0, ("Li", 0.6), ("Ni", 0.2), ("Ru3+", 0.2))
            .AddSite("O1", 0.5, 0.5, 0.5, "O")
            .Build();
        Assert.Null(neutral.Formula.Charge);
        var ionic = neutral.WithOxidationStates("Li+", "Ni2+", "Ru5+", "O2-");
        Assert.Equal(Species.Parse("Ni2+"), ionic.Site("M1").Occupants[1].Species);
        Assert.Equal(Species.Parse("Ru3+"), ionic.Site("M1").Occupants[2].Species); // already charged: kept
        Assert.Equal(0.2 * 3 + 0.6 + 0.4 - 2, ionic.Formula.Charge!.Value, 12);
        Assert.Throws<ArgumentException>(() => neutral.WithOxidationStates("Li"));
        Assert.Throws<ArgumentException>(() => neutral.WithOxidationStates("Ni2+", "Ni3+"));
    }

    [Fact]
    public void Biso_and_Uiso_convert_by_8_pi_squared()
    {
        var d = AtomicDisplacement.FromBiso(1.0);
        Assert.Equal(1.0 / (8 * Math.PI * Math.PI), d.Uiso, 15);
        Assert.Equal(1.0, d.Biso, 12);
    }

    [Fact]
    public void Layered_and_rocksalt_lattices_compare_as_the_study_does()
    {
        var mismatch = LatticeComparison.Mismatch(LayeredS1(), RocksaltS1());
        Assert.Equal(Math.Sqrt(2) * 2.94194, mismatch.PseudoCubic.AFromA, 12);
        Assert.Equal(14.40729 / (2 * Math.Sqrt(3)), mismatch.PseudoCubic.AFromC, 12);
        Assert.Equal(Math.Sqrt(2) * 2.94194 / 4.15874 - 1, mismatch.InPlane, 12);
        Assert.InRange(Math.Abs(mismatch.Volume), 0, 1e-3); // the two phases share one oxygen framework
        Assert.Equal(14.40729 / 2.94194 / (2 * Math.Sqrt(6)) - 1, mismatch.PseudoCubic.Distortion, 12);

        var change = LatticeComparison.RelativeChange(UnitCell.Hexagonal(2.94, 14.41), UnitCell.Hexagonal(2.93, 14.45));
        Assert.Equal(2.93 / 2.94 - 1, change.A, 12);
        Assert.Equal(14.45 / 14.41 - 1, change.C, 12);
        Assert.Equal(2.93 * 2.93 * 14.45 / (2.94 * 2.94 * 14.41) - 1, change.Volume, 12);
    }

    /// <summary>Li/Ni intermixing z moves Ni onto the Li layer without changing the composition.</summary>
    [Property(MaxTest = 100)]
    public bool Intermixing_keeps_the_composition(byte raw)
    {
        double z = raw / 255.0 * 0.4;
        var p = StructurePrototypes.Layered("mixed", 2.94194, 14.40729,
            [SiteOccupant.Of("Li+", 1 - z), SiteOccupant.Of("Ni2+", z)],
            [SiteOccupant.Of("Li+", 0.2 + z), SiteOccupant.Of("Ni2+", 0.4 - z), SiteOccupant.Of("Ru5+", 0.4)],
            0.25716);
        var f = p.Formula;
        return Math.Abs(f.Amount(Element.FromSymbol("Li")) - 1.2) < 1e-12
            && Math.Abs(f.Amount(Element.FromSymbol("Ni")) - 0.4) < 1e-12
            && Math.Abs(f.Charge!.Value) < 1e-12;
    }

    /// <summary>Occupancies of every site stay within [0, 1] through any sequence of builder changes: a change that would break that throws.</summary>
    [Property(MaxTest = 200)]
    public Property Occupancies_never_leave_zero_to_one()
    {
        var change = Gen.Elements("Li1", "M1", "O1")
            .SelectMany(label => Gen.Elements("Li+", "Ni2+", "Ru5+", "O2-").Select(species => (label, species)))
            .SelectMany(ls => Gen.Choose(-200, 1200).Select(v => (ls.label, ls.species, value: v / 1000.0)));
        return Prop.ForAll(Arb.From(change.ArrayOf()), changes =>
        {
            var phase = LayeredS1();
            foreach (var (label, species, value) in changes)
            {
                try
                {
                    phase = phase.WithOccupancy(label, species, value);
                }
                catch (ArgumentException)
                {
                    // Refused: the previous phase stays as it was.
                }
                if (!phase.Sites.All(s => s.Occupants.All(o => o.Occupancy is >= 0 and <= 1) && s.TotalOccupancy <= 1 + 1e-6))
                    return false;
            }
            return true;
        });
    }
}
