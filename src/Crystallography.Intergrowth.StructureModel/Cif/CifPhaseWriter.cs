using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>Turns a phase into a CIF 1.1 data block (core dictionary names).</summary>
internal static class CifPhaseWriter
{
    public static CifBlock ToBlock(Phase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var nodes = new List<CifNode>();
        void Item(string tag, CifValue value) => nodes.Add(new CifItem(tag, value));

        var cell = phase.Cell;
        var su = phase.CellUncertainty;
        Item("_cell_length_a", Number(cell.A, su.A));
        Item("_cell_length_b", Number(cell.B, su.B));
        Item("_cell_length_c", Number(cell.C, su.C));
        Item("_cell_angle_alpha", Number(cell.Alpha, su.Alpha));
        Item("_cell_angle_beta", Number(cell.Beta, su.Beta));
        Item("_cell_angle_gamma", Number(cell.Gamma, su.Gamma));
        Item("_cell_volume", CifValue.FromNumber(Math.Round(cell.Volume, 6)));
        Item("_cell_formula_units_Z", CifValue.FromNumber(Math.Round(phase.FormulaUnitsPerCell, 8)));
        Item("_chemical_formula_sum", CifValue.FromText(FormulaSum(phase.Formula)));
        Item("_chemical_formula_weight", CifValue.FromNumber(Math.Round(phase.MolarMass, 5)));

        var group = phase.SpaceGroup;
        Item("_space_group_name_H-M_alt", CifValue.FromText(group.UniversalHermannMauguin));
        Item("_space_group_name_Hall", CifValue.FromText(group.Setting.Hall));
        Item("_space_group_IT_number", CifValue.FromNumber(group.Number));
        Item("_space_group_crystal_system", CifValue.FromText(group.CrystalSystem.ToString().ToLowerInvariant()));
        nodes.Add(new CifLoop(["_space_group_symop_id", "_space_group_symop_operation_xyz"],
            group.Operations.Select((op, i) => new[] { CifValue.FromNumber(i + 1), CifValue.FromText(op.ToString(), CifQuoting.SingleQuote) })));

        var species = phase.Sites.SelectMany(s => s.Occupants).Select(o => o.Species).Distinct().ToList();
        nodes.Add(new CifLoop(["_atom_type_symbol", "_atom_type_oxidation_number"],
            species.Select(s => new[] { CifValue.FromText(TypeSymbol(s)), s.Charge is int q ? CifValue.FromNumber(q) : CifValue.Unknown })));

        var labels = new HashSet<string>(phase.Sites.Select(s => s.Label), StringComparer.Ordinal);
        var siteRows = new List<CifValue[]>();
        var anisoRows = new List<CifValue[]>();
        foreach (var site in phase.Sites)
        {
            var occupancyTexts = OccupancyTexts(site);
            var d = site.Displacement;
            bool anisotropic = d.Anisotropic is not null;
            for (int k = 0; k < site.Occupants.Length; k++)
            {
                var occupant = site.Occupants[k];
                string label = k == 0 ? site.Label : UniqueLabel(labels, site.Label + "_" + occupant.Species.Symbol);
                siteRows.Add(
                [
                    CifValue.FromText(label),
                    CifValue.FromText(TypeSymbol(occupant.Species)),
                    Number(site.Position.X, site.PositionUncertainty.X),
                    Number(site.Position.Y, site.PositionUncertainty.Y),
                    Number(site.Position.Z, site.PositionUncertainty.Z),
                    occupancyTexts[k],
                    CifValue.FromText(anisotropic ? "Uani" : "Uiso"),
                    Number(d.Uiso, anisotropic ? 0 : d.UisoUncertainty),
                    CifValue.FromNumber(site.Multiplicity),
                    CifValue.FromText(site.Wyckoff.Letter.ToString()),
                ]);
                if (d.Anisotropic is { } u)
                {
                    var s = d.AnisotropicUncertainty ?? default;
                    anisoRows.Add(
                    [
                        CifValue.FromText(label),
                        Number(u.U11, s.U11), Number(u.U22, s.U22), Number(u.U33, s.U33),
                        Number(u.U12, s.U12), Number(u.U13, s.U13), Number(u.U23, s.U23),
                    ]);
                }
            }
        }
        if (siteRows.Count > 0)
        {
            nodes.Add(new CifLoop(
                ["_atom_site_label", "_atom_site_type_symbol", "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z",
                 "_atom_site_occupancy", "_atom_site_adp_type", "_atom_site_U_iso_or_equiv", "_atom_site_symmetry_multiplicity", "_atom_site_Wyckoff_symbol"],
                siteRows));
        }
        if (anisoRows.Count > 0)
        {
            nodes.Add(new CifLoop(
                ["_atom_site_aniso_label", "_atom_site_aniso_U_11", "_atom_site_aniso_U_22", "_atom_site_aniso_U_33",
                 "_atom_site_aniso_U_12", "_atom_site_aniso_U_13", "_atom_site_aniso_U_23"],
                anisoRows));
        }
        return new CifBlock(BlockName(phase.Name), nodes);
    }

    /// <summary>
    /// The occupancies of a site in parenthesis notation. Rounding each to its own s.u. can push a
    /// full site over 1 (0.8548(13) + 0.145249(10) = 1.000049), which no reader accepts; then the
    /// values keep more decimals, with the s.u. digits scaled to match (0.8548123(13000)), until
    /// the written sum is no more than the true one.
    /// </summary>
    private static CifValue[] OccupancyTexts(AtomSite site)
    {
        double trueSum = site.Occupants.Sum(o => o.Occupancy);
        for (int extra = 0; extra <= 10; extra++)
        {
            var values = site.Occupants.Select(o => extra == 0
                ? Number(o.Occupancy, o.OccupancyUncertainty)
                : WithExtraDecimals(new MeasuredValue(o.Occupancy, o.OccupancyUncertainty), extra)).ToArray();
            double written = values.Sum(v => v.AsNumber()!.Value.Value);
            if (written <= Math.Max(trueSum, 1) + 1e-9) return values;
        }
        return site.Occupants.Select(o => CifValue.FromNumber(o.Occupancy)).ToArray();
    }

    private static CifValue WithExtraDecimals(MeasuredValue value, int extra)
    {
        if (!value.HasUncertainty) return CifValue.FromNumber(value.Value);
        string standard = value.ToString();
        int open = standard.IndexOf('(', StringComparison.Ordinal);
        int dot = standard.IndexOf('.', StringComparison.Ordinal);
        int decimals = (dot < 0 || dot > open ? 0 : open - dot - 1) + extra;
        long suDigits = long.Parse(standard[(open + 1)..^1], CultureInfo.InvariantCulture) * (long)Math.Pow(10, extra);
        return CifValue.FromText(
            value.Value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            + "(" + suDigits.ToString(CultureInfo.InvariantCulture) + ")", CifQuoting.None);
    }

    /// <summary>Exact values with the shortest round-trip digits; values with an s.u. in parenthesis notation.</summary>
    private static CifValue Number(double value, double uncertainty) =>
        CifValue.FromNumber(new MeasuredValue(value, uncertainty > 0 && double.IsFinite(uncertainty) ? uncertainty : 0));

    /// <summary>"Li1+", "Ni2+", "O2-", "Ru5+", "Ni" (CIF core: element, then magnitude and sign).</summary>
    internal static string TypeSymbol(Species species) => species.Charge switch
    {
        null => species.Symbol,
        int q when q >= 0 => species.Symbol + q.ToString(CultureInfo.InvariantCulture) + "+",
        int q => species.Symbol + (-q).ToString(CultureInfo.InvariantCulture) + "-",
    };

    /// <summary>"Li1.2 Ni0.4 O2 Ru0.4" in Hill order (C, H, then alphabetical), as _chemical_formula_sum is written.</summary>
    private static string FormulaSum(Composition formula)
    {
        var amounts = formula.ElementAmounts.ToList();
        bool carbon = amounts.Any(p => p.Key.Symbol == "C");
        int Rank(string s) => carbon ? s switch { "C" => 0, "H" => 1, _ => 2 } : 2;
        return string.Join(' ', amounts
            .OrderBy(p => Rank(p.Key.Symbol)).ThenBy(p => p.Key.Symbol, StringComparer.Ordinal)
            .Select(p => p.Key.Symbol + (Math.Abs(p.Value - 1) < 1e-12 ? "" : p.Value.ToString("0.########", CultureInfo.InvariantCulture))));
    }

    private static string UniqueLabel(HashSet<string> labels, string wanted)
    {
        string label = wanted;
        for (int n = 2; !labels.Add(label); n++) label = wanted + "_" + n.ToString(CultureInfo.InvariantCulture);
        return label;
    }

    /// <summary>A block code holds no whitespace: runs of it become underscores.</summary>
    private static string BlockName(string name)
    {
        var parts = name.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "phase" : string.Join('_', parts);
    }
}
