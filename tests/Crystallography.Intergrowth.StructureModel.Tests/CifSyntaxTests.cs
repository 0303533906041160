using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.StructureModel.Tests;

/// <summary>The CIF syntax layer: tokens, quoting, text fields, loops, CIF 2.0 values, and errors with file and line.</summary>
public sealed class CifSyntaxTests
{
    private static CifDocument Parse(string text) => CifDocument.Parse(text, "test.cif");

    private static CifFormatException Fails(string text) => Assert.Throws<CifFormatException>(() => CifDocument.Parse(text, "bad.cif"));

    [Fact]
    public void Items_loops_and_blocks_are_read_with_case_insensitive_tags()
    {
        var doc = Parse("""
            # a comment
            data_one
            _cell_length_a   2.94194(7)   # trailing comment
            _Cell_Length_C   14.41(12)
            _symmetry_space_group_name_H-M 'R -3 m :H'
            loop_
              _atom_site_label _atom_site_fract_z
              Li1 0.5
              O1  0.25716(3)
            data_two
            _x ?
            _y .
            """);
        Assert.Equal(CifVersion.Cif11, doc.Version);
        Assert.Equal(["one", "two"], doc.Blocks.Select(b => b.Name));
        var one = doc.Blocks[0];
        Assert.Equal(new MeasuredValue(2.94194, 0.00007).Value, one.Find("_CELL_LENGTH_A")!.AsNumber()!.Value.Value);
        Assert.Equal(0.00007, one.Find("_cell_length_a")!.AsNumber()!.Value.StandardUncertainty, 12);
        Assert.Equal(0.12, one.Find("_cell_length_c")!.AsNumber()!.Value.StandardUncertainty, 12);
        Assert.Equal("R -3 m :H", one.Find("_symmetry_space_group_name_h-m")!.Text);
        Assert.Equal(CifQuoting.SingleQuote, one.Find("_symmetry_space_group_name_H-M")!.Quoting);
        var loop = one.FindLoop("_atom_site_label")!;
        Assert.Equal(2, loop.RowCount);
        Assert.Equal("O1", loop[1, "_ATOM_SITE_LABEL"].Text);
        Assert.Equal(["Li1", "O1"], one.FindAll("_atom_site_label").Select(v => v.Text));
        Assert.Null(one.Find("_atom_site_label")); // two rows: no single value
        Assert.True(doc.Blocks[1].Find("_x")!.IsUnknown);
        Assert.True(doc.Blocks[1].Find("_y")!.IsInapplicable);
        Assert.Null(doc.Blocks[1].Find("_x")!.AsNumber());
        Assert.Equal(3, one.Find("_cell_length_a")!.Line);
    }

    [Fact]
    public void Quoted_question_mark_and_full_stop_are_text_not_special_values()
    {
        var block = Parse("data_a\n_q '?'\n_d \".\"\n").Blocks[0];
        Assert.Equal(CifValueKind.Text, block.Find("_q")!.Kind);
        Assert.Equal("?", block.Find("_q")!.Text);
        Assert.Equal(CifValueKind.Text, block.Find("_d")!.Kind);
    }

    [Fact]
    public void In_CIF_1_1_a_quote_followed_by_non_whitespace_does_not_close_the_string()
    {
        var block = Parse("data_a\n_name 'O'Brien's text'\n_other \"a\"b\" \n_z 'x'   \n").Blocks[0];
        Assert.Equal("O'Brien's text", block.Find("_name")!.Text);
        Assert.Equal("a\"b", block.Find("_other")!.Text);
        Assert.Equal("x", block.Find("_z")!.Text);
    }

    [Fact]
    public void Text_fields_keep_their_lines_and_a_semicolon_inside_a_line_is_ordinary()
    {
        var block = Parse("data_a\n_t\n;first line\n second; line\n;\n_u 1\n_w a;b\n").Blocks[0];
        var t = block.Find("_t")!;
        Assert.Equal(CifQuoting.TextField, t.Quoting);
        Assert.Equal("first line\n second; line", t.Text);
        Assert.Equal("1", block.Find("_u")!.Text);
        Assert.Equal("a;b", block.Find("_w")!.Text);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Line_endings_CR_LF_and_CRLF_read_alike_and_lines_are_counted(string eol)
    {
        string text = string.Join(eol, "data_a", "_t", ";x", "y", ";", "loop_ _l", "1 2", "_bad") + eol;
        var ex = Assert.Throws<CifFormatException>(() => CifDocument.Parse(text, "eol.cif"));
        Assert.Equal(8, ex.Line);
        var ok = CifDocument.Parse(string.Join(eol, "data_a", "_t", ";x", "y", ";", "loop_ _l", "1 2") + eol);
        Assert.Equal("x\ny", ok.Blocks[0].Find("_t")!.Text);
        Assert.Equal(2, ok.Blocks[0].FindLoop("_l")!.RowCount);
    }

    [Fact]
    public void Byte_order_mark_and_tabs_are_accepted()
    {
        var doc = Parse("\uFEFFdata_a\n_x\t1.5\t\n\tloop_\t_l\t_m\n\t1\t2\n");
        Assert.Equal(1.5, doc.Blocks[0].Find("_x")!.AsNumber()!.Value.Value);
        Assert.Equal("2", doc.Blocks[0].FindLoop("_m")![0, 1].Text);
    }

    [Fact]
    public void A_byte_order_mark_before_a_text_field_still_counts_as_line_start()
    {
        // The BOM is not part of the text; the CIF 2.0 magic after it is still recognised.
        var doc = Parse("\uFEFF#\\#CIF_2.0\ndata_a\n_x [1 2]\n");
        Assert.Equal(CifVersion.Cif20, doc.Version);
        Assert.Equal(2, doc.Blocks[0].Find("_x")!.Items.Length);
    }

    [Fact]
    public void A_tag_run_together_with_a_question_mark_is_read_leniently_as_unknown()
    {
        // As FullProf writes it in cecual_prof.cif: "_diffrn_measurement_device_type?".
        var block = Parse("data_a\n_diffrn_measurement_device_type?\n_diffrn_detector ?\n").Blocks[0];
        Assert.True(block.Find("_diffrn_measurement_device_type")!.IsUnknown);
        Assert.True(block.Find("_diffrn_detector")!.IsUnknown);
    }

    [Fact]
    public void A_tag_without_a_value_before_another_tag_or_loop_is_dropped_with_a_warning()
    {
        // As FullProf writes it in cecual_prof.cif: a lone _pd_proc_d_spacing before the data loop.
        var doc = Parse("data_a\n_pd_proc_d_spacing\nloop_\n_pd_proc_point_id\n_pd_proc_d_spacing\n1 0.4862\n");
        Assert.Equal(1, doc.Blocks[0].FindLoop("_pd_proc_d_spacing")!.RowCount);
        var warning = Assert.Single(doc.Warnings);
        Assert.StartsWith("test.cif:2:", warning, StringComparison.Ordinal);
        Assert.Empty(Parse("data_a\n_x 1\n").Warnings);
    }

    [Fact]
    public void Save_frames_hold_their_own_items()
    {
        var block = Parse("data_d\n_a 1\nsave_frame1\n_a 2\nloop_ _b 1 2\nsave_\n_c 3\n").Blocks[0];
        var frame = block.FindSaveFrame("FRAME1")!;
        Assert.Equal("2", frame.Find("_a")!.Text);
        Assert.Equal(2, frame.FindLoop("_b")!.RowCount);
        Assert.Equal("1", block.Find("_a")!.Text);
        Assert.Equal("3", block.Find("_c")!.Text);
    }

    [Fact]
    public void Cif2_triple_quotes_lists_and_tables_are_read()
    {
        var block = Parse("#\\#CIF_2.0\ndata_a\n_t '''it's\nmultiline'''\n_u \"\"\"x\"\"\"\n_l [1 'two' [3 4] {'k':v \"m\":[]}]\n_e []\n_s 'ab'\n").Blocks[0];
        var t = block.Find("_t")!;
        Assert.Equal("it's\nmultiline", t.Text);
        Assert.Equal(CifQuoting.TripleSingleQuote, t.Quoting);
        Assert.Equal(CifQuoting.TripleDoubleQuote, block.Find("_u")!.Quoting);
        var l = block.Find("_l")!;
        Assert.Equal(CifValueKind.List, l.Kind);
        Assert.Equal(4, l.Items.Length);
        Assert.Equal("two", l.Items[1].Text);
        Assert.Equal(CifValueKind.List, l.Items[2].Kind);
        var table = l.Items[3];
        Assert.Equal(CifValueKind.Table, table.Kind);
        Assert.Equal(["k", "m"], table.Entries.Select(e => e.Key));
        Assert.Equal("v", table.Entries[0].Value.Text);
        Assert.Empty(block.Find("_e")!.Items);
        Assert.Equal(8, block.Find("_s")!.Line);
    }

    [Fact]
    public void In_CIF_1_1_brackets_are_ordinary_characters()
    {
        var block = Parse("data_a\n_x [1]\n_y a{b}\n").Blocks[0];
        Assert.Equal("[1]", block.Find("_x")!.Text);
        Assert.Equal("a{b}", block.Find("_y")!.Text);
    }

    [Fact]
    public void Unterminated_text_field_names_file_and_the_line_it_opened_on()
    {
        var ex = Fails("data_a\n_x 1\n_t\n;never closed\nmore\n");
        Assert.Equal("bad.cif", ex.FileName);
        Assert.Equal(4, ex.Line);
        Assert.Contains("text field", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.cif:4:", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void Unterminated_quoted_string_is_an_error_on_its_line()
    {
        var ex = Fails("data_a\n_x 1\n_name 'no end\n_y 2\n");
        Assert.Equal(3, ex.Line);
        Assert.Contains("closing '", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, Fails("#\\#CIF_2.0\ndata_a\n_t '''open\n").Line - 1);
    }

    [Fact]
    public void A_loop_whose_value_count_is_not_a_multiple_of_its_tags_is_an_error()
    {
        var ex = Fails("data_a\nloop_\n_a\n_b\n_c\n1 2 3\n4 5\n_next 1\n");
        Assert.Equal(7, ex.Line);
        Assert.Contains("multiple of 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_with_no_tag_is_an_error()
    {
        var ex = Fails("data_a\n_x 1 2\n");
        Assert.Equal(2, ex.Line);
        Assert.Contains("no tag", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_tag_in_a_block_is_an_error_whether_looped_or_not()
    {
        var ex = Fails("data_a\n_x 1\nloop_ _y _X 1 2\n");
        Assert.Equal(3, ex.Line);
        Assert.Contains("_X appears twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("first at line 2", ex.Message, StringComparison.Ordinal);
        // The same tag in two blocks is fine.
        Assert.Equal(2, Parse("data_a\n_x 1\ndata_b\n_x 2\n").Blocks.Length);
    }

    [Theory]
    [InlineData("_x 1\n", 1, "data block header")]
    [InlineData("data_a\n_x\n", 2, "expected a value after _x")]
    [InlineData("data_a\nloop_\ndata_b\n", 2, "expected tags after loop_")]
    [InlineData("data_a\nloop_ _x _y\ndata_b\n", 3, "expected values after the tags of the loop")]
    [InlineData("data_a\nloop_ _x _y\n", 2, "expected values after the tags of the loop")]
    [InlineData("data_\n_x 1\n", 1, "block name")]
    [InlineData("data_a\nsave_f\n_x 1\n", 4, "expected save_")]
    [InlineData("data_a\nsave_\n", 2, "no save frame is open")]
    [InlineData("data_a\nglobal_\n", 2, "global_")]
    [InlineData("data_a\nstop_\n", 2, "stop_")]
    [InlineData("#\\#CIF_2.0\ndata_a\n_x [1 2\n", 4, "close the list")]
    [InlineData("#\\#CIF_2.0\ndata_a\n_x {'a' 1}\n", 3, "quoted key")]
    [InlineData("#\\#CIF_2.0\ndata_a\n_x 'a'b\n", 3, "whitespace after the closing quote")]
    public void Malformed_input_says_where_and_what_was_expected(string text, int line, string expected)
    {
        var ex = Fails(text);
        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_can_be_made_in_code_with_a_quoting_that_fits()
    {
        Assert.Equal(CifQuoting.None, CifValue.FromText("Li1").Quoting);
        Assert.Equal(CifQuoting.SingleQuote, CifValue.FromText("R -3 m").Quoting);
        Assert.Equal(CifQuoting.SingleQuote, CifValue.FromText("?").Quoting);
        Assert.Equal(CifQuoting.SingleQuote, CifValue.FromText("data_x").Quoting);
        Assert.Equal(CifQuoting.SingleQuote, CifValue.FromText("").Quoting);
        Assert.Equal(CifQuoting.None, CifValue.FromText("it's").Quoting);
        Assert.Equal(CifQuoting.DoubleQuote, CifValue.FromText("it's x").Quoting);
        Assert.Equal(CifQuoting.TextField, CifValue.FromText("two\nlines").Quoting);
        Assert.Equal(CifQuoting.TextField, CifValue.FromText("it's \"x\"").Quoting);
        Assert.Equal("2.94194(7)", CifValue.FromNumber(new MeasuredValue(2.94194, 0.00007)).Text);
        Assert.Equal("0.1", CifValue.FromNumber(0.1).Text);
        Assert.Throws<ArgumentException>(() => CifValue.FromText("a b", CifQuoting.None));
        Assert.Throws<ArgumentException>(() => CifValue.FromText("a\nb", CifQuoting.SingleQuote));
        Assert.Throws<ArgumentException>(() => CifValue.FromText("a\n;b", CifQuoting.TextField));
        Assert.Throws<ArgumentException>(() => new CifBlock("b", [new CifItem("_x", CifValue.Unknown), new CifItem("_X", CifValue.Unknown)]));
    }

    [Fact]
    public void A_large_powder_cif_parses_quickly()
    {
        // 200 000 rows of a pdCIF-like loop, about 8 MB.
        var sb = new System.Text.StringBuilder("data_big\nloop_\n_pd_meas_2theta_scan\n_pd_meas_intensity_total\n_pd_calc_intensity_total\n");
        for (int i = 0; i < 200_000; i++) sb.Append(5 + i * 0.01).Append("  ").Append(1000 + i % 77).Append("(31)  ").Append(999.5).Append('\n');
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var doc = CifDocument.Parse(sb.ToString(), "big.cif");
        watch.Stop();
        Assert.Equal(200_000, doc.Blocks[0].FindLoop("_pd_meas_2theta_scan")!.RowCount);
        // Generous bound (a few hundred ms expected); catches only an accidental quadratic tokenizer.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
