using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>CIF ↔ Phase: the study's phases, COD files, symmetry spellings, writing, round trips, bad input.</summary>
public sealed class CifPhaseTests(ITestOutputHelper output)
{
    private static Phase ReadText(string text, string fileName = "test.cif") =>
        Assert.Single(Cif.ReadPhases(new StringReader(text), fileName));

    private static CifFormatException Fails(string text, string fileName = "bad.cif") =>
        Assert.Throws<CifFormatException>(() => Cif.ReadPhases(new StringReader(text), fileName));

    private const string LayeredHeader = """
        data_layered
        _cell_length_a 2.94194(7)
        _cell_length_b 2.94194(7)
        _cell_length_c 14.40729(40)
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 120
        _symmetry_space_group_name_H-M 'R -3 m :H'

        """;

    [Fact]
    public void The_study_layered_phase_reads_with_its_mixed_site_as_one_site()
    {
        var p = Cif.ReadPhase(CifTestData.Committed("layered_S1.cif"));
        Assert.Equal("layered_S1", p.Name);
        Assert.Equal("R -3 m :H", p.SpaceGroup.UniversalHermannMauguin);
        Assert.Equal(14.40729, p.Cell.C, 12);
        Assert.Equal(["Li1", "Li2", "O1"], p.Sites.Select(s => s.Label));
        var mixed = p.Site("Li2");
        Assert.Equal("3a", mixed.Wyckoff.Label);
        Assert.Equal(["Li", "Ru", "Ni"], mixed.Occupants.Select(o => o.Species.Symbol));
        Assert.Equal([0.2, 0.4, 0.4], mixed.Occupants.Select(o => o.Occupancy));
        Assert.Equal(0.0035, mixed.Displacement.Uiso, 12);
        Assert.Equal("3b", p.Site("Li1").Wyckoff.Label);
        Assert.Equal("6c", p.Site("O1").Wyckoff.Label);
        Assert.Equal(3.0, p.FormulaUnitsPerCell, 12);
        Assert.Equal(1.2, p.Formula.Amount(Element.FromSymbol("Li")), 12);
        Assert.Equal(0.4, p.Formula.Amount(Element.FromSymbol("Ni")), 12);
        Assert.Equal(2.0, p.Formula.Amount(Element.FromSymbol("O")), 12);
        // pymatgen: 4.808355151309254 g/cm³ for the same cell and occupancies (see PhaseTests).
        Assert.Equal(4.808355151309254, p.Density, 5);
    }

    [Fact]
    public void The_study_rocksalt_phase_reads_with_Z_2_per_O2()
    {
        var p = Cif.ReadPhase(CifTestData.Committed("rocksalt_S1.cif")).PerFormulaUnit("O2");
        Assert.Equal(2, p.Sites.Length);
        Assert.Equal("4a", p.Sites[0].Wyckoff.Label);
        Assert.Equal(3, p.Sites[0].Occupants.Length);
        Assert.Equal(2.0, p.FormulaUnitsPerCell, 12);
        Assert.Equal(4.812830003519206, p.Density, 5); // pymatgen, as in PhaseTests
    }

    [Fact]
    public void A_COD_file_gives_cell_coordinates_and_Uiso_with_their_uncertainties()
    {
        var p = Cif.ReadPhase(CifTestData.Committed("1550397.cif"));
        Assert.Equal(2.8185, p.Cell.A, 12);
        Assert.Equal(0.0001, p.CellUncertainty.A, 12);
        Assert.Equal(0.0002, p.CellUncertainty.C, 12);
        var o = p.Site("O1");
        Assert.Equal(0.2592, o.Position.Z, 12);
        Assert.Equal(0.0001, o.PositionUncertainty.Z, 12);
        Assert.Equal(0.023, o.Displacement.Uiso, 12);
        Assert.Equal(0.001, o.Displacement.UisoUncertainty, 12);
        Assert.Equal("LiCoO2", p.Formula.ToString());
    }

    [Fact]
    public void Charges_come_from_the_type_symbol()
    {
        var p = Cif.ReadPhase(CifTestData.Committed("1533825.cif"));
        Assert.Equal(3, p.Site("Co1").Occupants[0].Species.Charge);
        Assert.Equal(-2, p.Site("O1").Occupants[0].Species.Charge);
        Assert.Equal(0.0, p.Formula.Charge!.Value, 12);
    }

    [Fact]
    public void Oxidation_numbers_come_from_the_atom_type_loop()
    {
        var p = ReadText(LayeredHeader + """
            loop_
            _atom_type_symbol _atom_type_oxidation_number
            Li 1  Ni 2  Ru 5  O -2
            loop_
            _atom_site_label _atom_site_type_symbol _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z _atom_site_occupancy
            Li1 Li 0 0 0.5 1
            Li2 Li 0 0 0 0.2
            Ni2 Ni 0 0 0 0.4
            Ru2 Ru 0 0 0 0.4
            O1  O  0 0 0.25716 1
            """);
        Assert.Equal(["Li+", "Ni2+", "Ru5+"], p.Site("Li2").Occupants.Select(o => o.Species.ToString()));
        Assert.Equal(0.0, p.Formula.Charge!.Value, 12);
    }

    [Fact]
    public void Species_fall_back_to_the_label_and_occupancy_to_one()
    {
        var p = ReadText(LayeredHeader + """
            loop_
            _atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z
            Li1 0 0 0.5
            Co1 0 0 0
            O1a 0 0 0.2396
            """);
        Assert.Equal(["Li", "Co", "O"], p.Sites.Select(s => s.Occupants[0].Species.Symbol));
        Assert.All(p.Sites, s => Assert.Equal(1.0, s.TotalOccupancy));
    }

    [Fact]
    public void Anisotropic_U_is_read_and_projected_onto_the_site_symmetry_within_its_uncertainty()
    {
        var p = Cif.ReadPhase(CifTestData.Committed("4505482.cif"));
        var li = p.Site("Li1").Displacement;
        Assert.True(li.IsAnisotropic);
        var u = li.Anisotropic!.Value;
        Assert.Equal(u.U11 / 2, u.U12, 12); // -3m on 3a: U12 = U11/2
        Assert.Equal(0.012, u.U33, 3);
        Assert.Equal(0.004, li.AnisotropicUncertainty!.Value.U11, 12);
    }

    [Fact]
    public void Anisotropic_B_is_converted_to_U()
    {
        var p = ReadText(LayeredHeader + """
            loop_
            _atom_site_label _atom_site_type_symbol _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z _atom_site_adp_type
            Li1 Li 0 0 0.5 Bani
            Co1 Co 0 0 0 Biso
            O1  O  0 0 0.2396 Biso
            _atom_site_B_iso_or_equiv_dummy 1
            loop_
            _atom_site_aniso_label _atom_site_aniso_B_11 _atom_site_aniso_B_22 _atom_site_aniso_B_33 _atom_site_aniso_B_12 _atom_site_aniso_B_13 _atom_site_aniso_B_23
            Li1 1.2 1.2 0.8 0.6 0 0
            """);
        var u = p.Site("Li1").Displacement.Anisotropic!.Value;
        Assert.Equal(1.2 / (8 * Math.PI * Math.PI), u.U11, 12);
        Assert.Equal(0.8 / (8 * Math.PI * Math.PI), u.U33, 12);
        Assert.False(p.Site("Co1").Displacement.IsAnisotropic);
    }

    [Fact]
    public void B_iso_and_the_coordinate_system_code_are_read_from_DDLm_names()
    {
        // EasyDiffraction's si.cif: _space_group.name_H-M_alt "F d -3 m", IT_coordinate_system_code 2, B_iso 0.529.
        var p = Cif.ReadPhase(CifTestData.Committed("si.cif"));
        Assert.Equal("F d -3 m :2", p.SpaceGroup.UniversalHermannMauguin);
        Assert.Equal("8a", p.Sites[0].Wyckoff.Label);
        Assert.Equal(0.529 / (8 * Math.PI * Math.PI), p.Sites[0].Displacement.Uiso, 12);
    }

    [Theory]
    [InlineData("_space_group_name_Hall '-R 3 2\"'", "R -3 m :H")]
    [InlineData("_symmetry_space_group_name_Hall '-R 3 2\"'", "R -3 m :H")]
    [InlineData("_space_group_name_H-M_alt 'R -3 m :H'", "R -3 m :H")]
    [InlineData("_space_group_name_H-M_alt 'R -3 m'", "R -3 m :H")]
    [InlineData("_symmetry_space_group_name_H-M R-3m", "R -3 m :H")]
    [InlineData("_space_group_IT_number 166", "R -3 m :H")]
    [InlineData("_symmetry_Int_Tables_number 166", "R -3 m :H")]
    [InlineData("_space_group_name_H-M_alt 'R -3 m H'", "R -3 m :H")]
    public void Symmetry_is_read_from_any_usual_tag(string symmetryLine, string expected)
    {
        var p = ReadText(LayeredHeader.Replace("_symmetry_space_group_name_H-M 'R -3 m :H'", symmetryLine, StringComparison.Ordinal) + """
            loop_
            _atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z
            Li1 0 0 0.5
            """);
        Assert.Equal(expected, p.SpaceGroup.UniversalHermannMauguin);
    }

    private static string Cubic(string symmetry, string site) => $"""
        data_c
        _cell_length_a 5.43
        _cell_length_b 5.43
        _cell_length_c 5.43
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        {symmetry}
        loop_
        _atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z
        {site}

        """;

    private static string OperationLoop(SpaceGroup group, string tag = "_space_group_symop_operation_xyz") =>
        "loop_\n" + tag + "\n" + string.Join("\n", group.Operations.Select(o => $"'{o}'")) + "\n";

    [Fact]
    public void Operations_decide_the_origin_when_the_symbol_leaves_it_open()
    {
        var origin2 = SpaceGroup.Parse("Fd-3m:2");
        var p = ReadText(Cubic("_symmetry_space_group_name_H-M 'F d -3 m'\n" + OperationLoop(origin2, "_symmetry_equiv_pos_as_xyz"), "Si1 0.125 0.125 0.125"));
        Assert.Equal(origin2, p.SpaceGroup);
        var origin1 = ReadText(Cubic("_symmetry_space_group_name_H-M 'F d -3 m'", "Si1 0 0 0"));
        Assert.Equal("F d -3 m :1", origin1.SpaceGroup.UniversalHermannMauguin);
        var opsOnly = ReadText(Cubic(OperationLoop(origin2), "Si1 0.125 0.125 0.125"));
        Assert.Equal(origin2, opsOnly.SpaceGroup);
    }

    [Fact]
    public void Symbol_and_operations_that_disagree_are_an_error_naming_the_file()
    {
        var origin2 = SpaceGroup.Parse("Fd-3m:2");
        var ex = Fails(Cubic("_space_group_name_H-M_alt 'F d -3 m :1'\n" + OperationLoop(origin2), "Si1 0.125 0.125 0.125"), "disagree.cif");
        Assert.Equal("disagree.cif", ex.FileName);
        Assert.Equal(8, ex.Line);
        Assert.Contains("disagrees with the symmetry operations", ex.Message, StringComparison.Ordinal);
        var other = Fails(Cubic("_space_group_name_H-M_alt 'F m -3 m'\n" + OperationLoop(origin2), "Si1 0.125 0.125 0.125"));
        Assert.Contains("F d -3 m :2", other.Message, StringComparison.Ordinal);
        var number = Fails(Cubic("_space_group_name_H-M_alt 'F m -3 m'\n_space_group_IT_number 227", "Si1 0 0 0"));
        Assert.Contains("number 227", number.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monoclinic_full_symbols_pick_their_setting()
    {
        var p = ReadText("""
            data_m
            _cell_length_a 5.1
            _cell_length_b 6.2
            _cell_length_c 7.3
            _cell_angle_alpha 90
            _cell_angle_beta 101.5
            _cell_angle_gamma 90
            _space_group_name_H-M_alt 'P 1 21/n 1'
            loop_
            _atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z
            O1 0.1 0.2 0.3
            """);
        Assert.Equal("P 1 21/n 1", p.SpaceGroup.UniversalHermannMauguin);
        Assert.Equal("4e", p.Sites[0].Wyckoff.Label);
    }

    [Fact]
    public void Writing_gives_symbols_operations_types_and_one_row_per_occupant()
    {
        var phase = PhaseTests.LayeredS1();
        string text = Cif.Write(phase);
        output.WriteLine(text);
        var block = CifDocument.Parse(text).Blocks[0];
        Assert.Equal("R -3 m :H", block.Find("_space_group_name_H-M_alt")!.Text);
        Assert.Equal("-R 3 2\"", block.Find("_space_group_name_Hall")!.Text);
        Assert.Equal("166", block.Find("_space_group_IT_number")!.Text);
        Assert.Equal(36, block.FindAll("_space_group_symop_operation_xyz").Count);
        Assert.Equal(["Li1", "M1", "M1_Ni", "M1_Ru", "O1"], block.FindAll("_atom_site_label").Select(v => v.Text));
        Assert.Equal(["Li1+", "Li1+", "Ni2+", "Ru5+", "O2-"], block.FindAll("_atom_site_type_symbol").Select(v => v.Text));
        Assert.Equal(["b", "a", "a", "a", "c"], block.FindAll("_atom_site_Wyckoff_symbol").Select(v => v.Text));
        Assert.Equal(["3", "3", "3", "3", "6"], block.FindAll("_atom_site_symmetry_multiplicity").Select(v => v.Text));
        Assert.Equal(["1", "2", "5", "-2"], block.FindAll("_atom_type_oxidation_number").Select(v => v.Text));
        AssertSamePhase(phase, ReadText(text), 1e-12);
    }

    [Fact]
    public void Uncertainties_are_written_in_parenthesis_notation()
    {
        var phase = Cif.ReadPhase(CifTestData.Committed("1550397.cif"));
        var block = CifDocument.Parse(Cif.Write(phase)).Blocks[0];
        // The IUCr rule of 19 (MeasuredValue.ToString): an s.u. whose leading digit is 1 keeps two digits.
        Assert.Equal("2.81850(10)", block.Find("_cell_length_a")!.Text);
        Assert.Equal("14.0664(2)", block.Find("_cell_length_c")!.Text);
        Assert.Contains(block.FindAll("_atom_site_fract_z"), v => v.Text == "0.25920(10)");
        Assert.Contains(block.FindAll("_atom_site_U_iso_or_equiv"), v => v.Text == "0.0230(10)");
    }

    [Fact]
    public void Anisotropic_sites_are_written_with_an_aniso_loop_and_read_back()
    {
        var phase = Cif.ReadPhase(CifTestData.Committed("4505482.cif"));
        string text = Cif.Write(phase);
        var block = CifDocument.Parse(text).Blocks[0];
        Assert.Equal(3, block.FindAll("_atom_site_aniso_label").Count);
        Assert.All(block.FindAll("_atom_site_adp_type"), v => Assert.Equal("Uani", v.Text));
        AssertSamePhase(phase, ReadText(text), 1e-12, uncertaintiesRounded: true);
    }

    [Fact]
    public void Several_phases_are_written_as_one_file_and_read_back_in_order()
    {
        var phases = new[] { PhaseTests.LayeredS1(), PhaseTests.RocksaltS1() };
        var writer = new StringWriter();
        Cif.Write(writer, phases);
        var back = Cif.ReadPhases(new StringReader(writer.ToString()), "two.cif");
        Assert.Equal(["layered", "rocksalt"], back.Select(p => p.Name));
        AssertSamePhase(phases[1], back[1], 1e-12);
        Assert.Throws<ArgumentException>(() => Cif.Write(new StringWriter(), [phases[0], phases[0]]));
    }

    [Fact]
    public void Every_committed_structure_reads_writes_and_reads_back_the_same()
    {
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(CifTestData.Committed("x"))!, "*.cif"))
        {
            foreach (var phase in Cif.ReadPhases(file))
            {
                var back = ReadText(Cif.Write(phase), file + " rewritten");
                AssertSamePhase(phase, back, 1e-12, uncertaintiesRounded: true);
            }
        }
    }

    [Fact]
    public void Every_shared_structure_reads_as_a_phase_when_shared_data_is_present()
    {
        if (CifTestData.SharedData is not { } shared)
        {
            output.WriteLine("skipped: ../shared/data is absent.");
            return;
        }
        int count = 0;
        foreach (string file in Directory.GetFiles(shared, "*.cif", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var doc = CifDocument.Load(file);
            if (!doc.Blocks.Any(b => b.Contains("_atom_site_fract_x") || b.Contains("_atom_site.fract_x"))) continue;
            foreach (var phase in Cif.ToPhases(doc))
            {
                count++;
                output.WriteLine($"{Path.GetRelativePath(shared, file)}: {phase.Name} {phase.SpaceGroup} {phase.Formula} Z={phase.FormulaUnitsPerCell:0.###}, {phase.Sites.Length} sites");
                AssertSamePhase(phase, ReadText(Cif.Write(phase), file + " rewritten"), 1e-12, uncertaintiesRounded: true);
            }
        }
        output.WriteLine($"{count} phases read.");
        Assert.True(count >= 20, $"only {count} phases");
    }

    /// <summary>
    /// Write → read is the identity on phases: the study's layered and rocksalt phases with random
    /// Li/Ni intermixing, O z, Uiso, cell and s.u. (none, or one or two digits in the last place).
    /// Values without s.u. come back exactly (shortest round-trip digits); values with one come
    /// back rounded to the s.u.'s last digit, as crystallographers write them, so within one s.u.
    /// </summary>
    [Property(MaxTest = 200)]
    public bool Write_then_read_gives_the_same_phase(int seed)
    {
        var rng = new Random(seed);
        double Su() => rng.Next(3) == 0 ? 0 : rng.Next(1, 20) * Math.Pow(10, -rng.Next(3, 6));
        double z = rng.NextDouble() * 0.2;
        double a = 2.9 + rng.NextDouble() * 0.1, c = 14.3 + rng.NextDouble() * 0.2;
        var layered = Phase.Create("layered " + seed)
            .WithCell(UnitCell.Hexagonal(a, c))
            .WithCellUncertainty(new CellUncertainty(Su(), Su(), Su(), 0, 0, 0) is var cu ? cu with { B = cu.A } : default)
            .WithSpaceGroup(rng.Next(2) == 0 ? "R-3m" : "166")
            .AddSite("Li1", new FractionalPosition(0, 0, 0.5), [new(Species.Parse("Li+"), 1 - z, Su()), new(Species.Parse("Ni2+"), z, Su())],
                AtomicDisplacement.Isotropic(0.001 + rng.NextDouble() * 0.05, Su()))
            .AddSite("M1", new FractionalPosition(0, 0, 0), [new(Species.Parse("Li+"), 0.2 + z), new(Species.Parse("Ni2+"), 0.4 - z), new(Species.Parse("Ru5+"), 0.4)],
                AtomicDisplacement.Isotropic(0.001 + rng.NextDouble() * 0.05, Su()))
            .AddSite("O1", new FractionalPosition(0, 0, 0.24 + rng.NextDouble() * 0.03), [new(Species.Parse("O2-"), 1)],
                AtomicDisplacement.Isotropic(0.001 + rng.NextDouble() * 0.05, Su()), positionUncertainty: new FractionalPosition(0, 0, Su()))
            .PerFormulaUnit("O2")
            .Build();
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.1 + rng.NextDouble() * 0.1,
            [SiteOccupant.Of("Li+", 0.6 - z / 2), SiteOccupant.Of("Ni2+", 0.2 + z / 2), SiteOccupant.Of("Ru5+", 0.2)],
            cationUiso: rng.NextDouble() * 0.02, anionUiso: rng.NextDouble() * 0.02);
        foreach (var phase in new[] { layered, rocksalt })
        {
            var back = ReadText(Cif.Write(phase), $"seed {seed}");
            AssertSamePhase(phase, back, 1e-12, uncertaintiesRounded: true);
        }
        return true;
    }

    [Fact]
    public void Occupancies_rounded_to_their_uncertainties_never_push_a_full_site_over_one()
    {
        var phase = Phase.Create("full").WithCell(UnitCell.Hexagonal(2.94, 14.4)).WithSpaceGroup("R-3m")
            .AddSite("Li1", new FractionalPosition(0, 0, 0.5), [new(Species.Parse("Li+"), 0.8547512, 0.0013), new(Species.Parse("Ni2+"), 0.1452488, 0.00001)])
            .Build();
        string text = Cif.Write(phase);
        Assert.Contains("0.85475(130)", text, StringComparison.Ordinal);
        AssertSamePhase(phase, ReadText(text), 1e-12, uncertaintiesRounded: true);
    }

    [Fact]
    public void A_syntax_error_names_the_file_and_line()
    {
        var ex = Fails(LayeredHeader + "loop_\n_atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z\nLi1 0 0\n", "syntax.cif");
        Assert.Equal("syntax.cif", ex.FileName);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void A_cif_without_a_cell_is_an_error()
    {
        var ex = Fails("data_nocell\n_space_group_IT_number 225\nloop_\n_atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z\nNa1 0 0 0\n");
        Assert.Contains("no complete unit cell", ex.Message, StringComparison.Ordinal);
        Assert.Contains("_cell_length_a", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        var none = Fails("data_empty\n_cell_length_a 4\n");
        Assert.Contains("no data block describes a structure", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_element_in_a_type_symbol_names_the_site_and_line()
    {
        var ex = Fails(LayeredHeader + "loop_\n_atom_site_label _atom_site_type_symbol _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z\nLi1 Li 0 0 0.5\nX1 Xx2+ 0 0 0\n");
        Assert.Equal(12, ex.Line);
        Assert.Contains("site X1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Xx2+", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Occupancies_on_one_position_above_one_name_the_site()
    {
        var ex = Fails(LayeredHeader + """
            loop_
            _atom_site_label _atom_site_type_symbol _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z _atom_site_occupancy
            Li2 Li 0 0 0 0.5
            Ni2 Ni 0 0 0 0.4
            Ru2 Ru 0 0 0 0.4
            """, "over.cif");
        Assert.Equal("over.cif", ex.FileName);
        Assert.Contains("site 'Li2'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sum to 1.3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_Wyckoff_letter_that_does_not_fit_is_an_error()
    {
        var ex = Fails(LayeredHeader + "loop_\n_atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z _atom_site_Wyckoff_symbol\nLi1 0 0 0.5 3a\n");
        Assert.Contains("site 'Li1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_that_is_not_a_number_names_the_tag_and_line()
    {
        var ex = Fails(LayeredHeader + "loop_\n_atom_site_label _atom_site_fract_x _atom_site_fract_y _atom_site_fract_z\nLi1 0 0 half\n");
        Assert.Equal(11, ex.Line);
        Assert.Contains("_atom_site_fract_z of site Li1", ex.Message, StringComparison.Ordinal);
    }

    internal static void AssertSamePhase(Phase expected, Phase actual, double tolerance, bool uncertaintiesRounded = false)
    {
        // A value with an s.u. comes back rounded to the s.u.'s last digit: within one s.u.
        static void Near(double e, double a, double su, double tolerance, string what)
        {
            double allowed = tolerance * Math.Max(1, Math.Abs(e)) + su;
            Assert.True(Math.Abs(e - a) <= allowed, $"{what}: expected {e}, read {a} (allowed {allowed})");
        }
        void Su(double e, double a, string what)
        {
            // The s.u. itself is written with one or two digits: within a factor 1.5 of the original.
            if (!uncertaintiesRounded) Near(e, a, 0, tolerance, what + " s.u.");
            else Assert.True(e == 0 ? a == 0 : a / e is > 0.66 and < 1.5, $"{what} s.u.: expected {e}, read {a}");
        }
        Assert.Equal(expected.SpaceGroup, actual.SpaceGroup);
        var (ec, ac, cu) = (expected.Cell, actual.Cell, expected.CellUncertainty);
        Near(ec.A, ac.A, cu.A, tolerance, "a");
        Near(ec.B, ac.B, cu.B, tolerance, "b");
        Near(ec.C, ac.C, cu.C, tolerance, "c");
        Near(ec.Alpha, ac.Alpha, cu.Alpha, tolerance, "alpha");
        Near(ec.Beta, ac.Beta, cu.Beta, tolerance, "beta");
        Near(ec.Gamma, ac.Gamma, cu.Gamma, tolerance, "gamma");
        Su(cu.A, actual.CellUncertainty.A, "a");
        Su(cu.C, actual.CellUncertainty.C, "c");
        Assert.Equal(expected.FormulaUnitsPerCell, actual.FormulaUnitsPerCell, 6);
        double formulaTolerance = 1e-6 + expected.Sites.Sum(s => s.Multiplicity * s.Occupants.Sum(o => o.OccupancyUncertainty)) / expected.FormulaUnitsPerCell;
        Assert.True(expected.Formula.ApproximatelyEquals(actual.Formula, formulaTolerance), $"formula {expected.Formula} vs {actual.Formula}");
        Assert.Equal(expected.Sites.Select(s => s.Label), actual.Sites.Select(s => s.Label));
        for (int i = 0; i < expected.Sites.Length; i++)
        {
            var (e, a) = (expected.Sites[i], actual.Sites[i]);
            string where = $"{expected.Name} site {e.Label}";
            Assert.Equal(e.Wyckoff.Letter, a.Wyckoff.Letter);
            for (int k = 0; k < 3; k++)
            {
                Near(e.Position[k], a.Position[k], e.PositionUncertainty[k], tolerance, $"{where} coordinate {k}");
                Su(e.PositionUncertainty[k], a.PositionUncertainty[k], $"{where} coordinate {k}");
            }
            Assert.Equal(e.Occupants.Select(o => o.Species), a.Occupants.Select(o => o.Species));
            for (int k = 0; k < e.Occupants.Length; k++)
            {
                Near(e.Occupants[k].Occupancy, a.Occupants[k].Occupancy, e.Occupants[k].OccupancyUncertainty, tolerance, $"{where} occupancy {k}");
                Su(e.Occupants[k].OccupancyUncertainty, a.Occupants[k].OccupancyUncertainty, $"{where} occupancy {k}");
            }
            var (ed, ad) = (e.Displacement, a.Displacement);
            Assert.Equal(ed.IsAnisotropic, ad.IsAnisotropic);
            if (ed.Anisotropic is { } eu)
            {
                var au = ad.Anisotropic!.Value;
                var s = ed.AnisotropicUncertainty ?? default;
                for (int p = 0; p < 3; p++)
                {
                    for (int q = p; q < 3; q++) Near(eu[p, q], au[p, q], s[p, q], tolerance, $"{where} U{p + 1}{q + 1}");
                }
            }
            else
            {
                Near(ed.Uiso, ad.Uiso, ed.UisoUncertainty, tolerance, $"{where} Uiso");
                Su(ed.UisoUncertainty, ad.UisoUncertainty, $"{where} Uiso");
            }
        }
    }
}
