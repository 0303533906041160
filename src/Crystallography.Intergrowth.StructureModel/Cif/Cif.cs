namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// Reads phases from CIF files and writes phases as CIF. The syntax layer underneath is
/// <see cref="CifDocument"/> (any CIF 1.1 or 2.0 file, not only structures).
/// </summary>
/// <remarks>
/// <para>Reading: one phase per data block that has atom sites (_atom_site_fract_x); such a block
/// must also have a complete cell and some symmetry. Blocks without atom sites (pdCIF pattern
/// blocks, global blocks) are skipped. Names are looked up in CIF 1.1 form (_cell_length_a) and
/// DDLm form (_cell.length_a).</para>
/// <para>Symmetry: a Hall symbol (_space_group_name_Hall, _symmetry_space_group_name_Hall), else an
/// H-M symbol (_space_group_name_H-M_alt, _symmetry_space_group_name_H-M; "R -3 m :H",
/// "F d -3 m :2", "P 1 21/c 1", "Fd-3m"; _space_group_IT_coordinate_system_code supplies a missing
/// origin or axes choice), checked against _space_group_IT_number / _symmetry_Int_Tables_number, else
/// the number alone (its first setting). When operations are listed
/// (_space_group_symop_operation_xyz, _symmetry_equiv_pos_as_xyz) they decide the setting: a
/// symbol that leaves the origin open ("F d -3 m") takes the setting of the operations; a symbol
/// that disagrees with them is an error naming the file and line.</para>
/// <para>Sites: rows of the atom-site loop on the same position (coordinates within 1e-4 modulo 1)
/// become one site with several occupants — the usual way a mixed Li/Ni/Ru site is written. The
/// site takes the label, displacement and Wyckoff letter of the first such row. Species come from
/// _atom_site_type_symbol ("Ni2+", "O2-", "Li1+") or, when absent, the label's leading letters;
/// a missing charge is taken from _atom_type_oxidation_number. Occupancy defaults to 1.
/// Displacements: an _atom_site_aniso_U_ij (or B_ij, U = B/8π²) row for the label unless
/// _atom_site_adp_type says Uiso or Biso; else _atom_site_U_iso_or_equiv; else
/// _atom_site_B_iso_or_equiv. Formula unit: the cell content divided by _cell_formula_units_Z
/// when that is given, else _chemical_formula_sum when its element ratios agree with the sites,
/// else none (Z from the site multiplicities).</para>
/// <para>Every problem — syntax, a missing cell, an unknown element, occupancies above 1, a site
/// off its Wyckoff letter — throws <see cref="CifFormatException"/> with the file, the line and,
/// where there is one, the site.</para>
/// </remarks>
public static class Cif
{
    /// <summary>Reads every phase of a CIF file.</summary>
    /// <exception cref="CifFormatException">The file is malformed, holds no phase, or a block does not make a valid phase.</exception>
    public static IReadOnlyList<Phase> ReadPhases(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ToPhases(CifDocument.Load(path));
    }

    /// <summary>Reads every phase of CIF text.</summary>
    /// <param name="reader">The text, read to its end.</param>
    /// <param name="fileName">The name to put in messages.</param>
    /// <exception cref="CifFormatException">The text is malformed, holds no phase, or a block does not make a valid phase.</exception>
    public static IReadOnlyList<Phase> ReadPhases(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ToPhases(CifDocument.Read(reader, fileName));
    }

    /// <summary>Reads the single phase of a CIF file.</summary>
    /// <exception cref="CifFormatException">The file holds no phase or more than one, or is malformed.</exception>
    public static Phase ReadPhase(string path)
    {
        var phases = ReadPhases(path);
        return phases.Count == 1 ? phases[0]
            : throw new CifFormatException(path, 0, $"expected one phase but the file holds {phases.Count} ({string.Join(", ", phases.Select(p => p.Name))}); use ReadPhases.");
    }

    /// <summary>The phases of a parsed CIF document: one per data block that has atom sites.</summary>
    /// <exception cref="CifFormatException">No block has atom sites, or a block does not make a valid phase.</exception>
    public static IReadOnlyList<Phase> ToPhases(CifDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var phases = document.Blocks.Where(CifPhaseReader.HasStructure).Select(b => CifPhaseReader.Read(b, document.FileName)).ToList();
        if (phases.Count == 0)
            throw new CifFormatException(document.FileName, 0,
                $"no data block describes a structure: expected a block with a cell (_cell_length_a …) and atom sites (_atom_site_fract_x …); found {document.Blocks.Length} block(s) without.");
        return phases;
    }

    /// <summary>The phase of one data block.</summary>
    /// <param name="block">A block with a cell, symmetry and atom sites.</param>
    /// <param name="fileName">The file, for messages.</param>
    /// <exception cref="CifFormatException">The block does not make a valid phase.</exception>
    public static Phase ToPhase(CifBlock block, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        return CifPhaseReader.Read(block, fileName);
    }

    /// <summary>
    /// A phase as a CIF data block: cell with s.u., formula, H-M and Hall symbols and IT number, the
    /// full list of operations, atom types with oxidation numbers, atom sites (a mixed site as one
    /// row per occupant: the first row carries the site's label, the others the label plus "_" and
    /// the element), multiplicity and Wyckoff letter, Uiso or the anisotropic U loop.
    /// </summary>
    public static CifBlock ToBlock(Phase phase) => CifPhaseWriter.ToBlock(phase);

    /// <summary>A phase as CIF 1.1 text (see <see cref="ToBlock"/>); reading it back gives the same phase.</summary>
    public static string Write(Phase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return new CifDocument([ToBlock(phase)]).ToCifText();
    }

    /// <summary>Writes phases as one CIF 1.1 file, one data block each.</summary>
    /// <exception cref="ArgumentException">Two phases would get the same block name.</exception>
    public static void Write(TextWriter writer, IEnumerable<Phase> phases)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(phases);
        var blocks = phases.Select(ToBlock).ToList();
        var duplicate = blocks.GroupBy(b => b.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two phases would both be written as data_{duplicate.Key}: give them distinct names.", nameof(phases));
        new CifDocument(blocks).Write(writer);
    }
}
