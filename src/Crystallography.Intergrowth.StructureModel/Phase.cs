using System.Collections.Immutable;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>Standard uncertainties of the six cell parameters (Å and degrees); zero when unknown.</summary>
/// <param name="A">s.u. of a.</param>
/// <param name="B">s.u. of b.</param>
/// <param name="C">s.u. of c.</param>
/// <param name="Alpha">s.u. of α.</param>
/// <param name="Beta">s.u. of β.</param>
/// <param name="Gamma">s.u. of γ.</param>
public readonly record struct CellUncertainty(double A, double B, double C, double Alpha, double Beta, double Gamma)
{
    /// <summary>No uncertainties.</summary>
    public static CellUncertainty Zero => default;
}

/// <summary>
/// A crystalline phase: name, unit cell, space group and sites, with what follows from them —
/// cell content, formula per formula unit, formula units per cell (Z), molar mass and density.
/// Immutable; build one with <see cref="Create"/> and change it with the <c>With…</c> methods, which
/// return checked copies.
/// </summary>
/// <example>
/// <code>
/// var layered = Phase.Create("layered")
///     .WithCell(UnitCell.Hexagonal(2.94, 14.41))
///     .WithSpaceGroup("R-3m")
///     .AddSite("Li1", 0, 0, 0.5, "Li+")
///     .AddSite("M1", 0, 0, 0, ("Li+", 0.2), ("Ni2+", 0.4), ("Ru5+", 0.4))
///     .AddSite("O1", 0, 0, 0.257, "O2-")
///     .PerFormulaUnit("O2")
///     .Build();
/// </code>
/// </example>
public sealed class Phase
{
    internal Phase(string name, UnitCell cell, CellUncertainty cellUncertainty, SpaceGroup spaceGroup,
                   ImmutableArray<AtomSite> sites, Composition? statedFormulaUnit)
    {
        Name = name;
        Cell = cell;
        CellUncertainty = cellUncertainty;
        SpaceGroup = spaceGroup;
        Sites = sites;
        StatedFormulaUnit = statedFormulaUnit;

        CellContent = Composition.FromAmounts(sites
            .SelectMany(s => s.Occupants.Select(o => new KeyValuePair<Species, double>(o.Species, o.Occupancy * s.Multiplicity))));
        if (statedFormulaUnit is not null)
        {
            FormulaUnitsPerCell = CellContent.FormulaUnitsIn(statedFormulaUnit);
        }
        else
        {
            // Without a stated formula unit, Z is the greatest common divisor of the site
            // multiplicities: 3 for the layered R-3m cell (3a, 3b, 6c), 4 for rocksalt (4a, 4b).
            FormulaUnitsPerCell = sites.Length == 0 ? 1 : sites.Select(s => s.Multiplicity).Aggregate(Gcd);
        }
        Formula = CellContent.Scale(1 / FormulaUnitsPerCell);
    }

    /// <summary>The phase's name ("layered", "rocksalt").</summary>
    public string Name { get; }

    /// <summary>The unit cell (Å, degrees), obeying the restrictions of the space group's crystal system.</summary>
    public UnitCell Cell { get; }

    /// <summary>Standard uncertainties of the cell parameters.</summary>
    public CellUncertainty CellUncertainty { get; }

    /// <summary>The space group in its setting.</summary>
    public SpaceGroup SpaceGroup { get; }

    /// <summary>The sites, in the order given.</summary>
    public ImmutableArray<AtomSite> Sites { get; }

    /// <summary>The formula unit the user stated (e.g. O2), or null when Z follows from the site multiplicities.</summary>
    public Composition? StatedFormulaUnit { get; }

    /// <summary>The content of one unit cell: Σ multiplicity × occupancy per species.</summary>
    public Composition CellContent { get; }

    /// <summary>Z: the number of formula units per cell (3 for layered Li(Li,Ni,Ru)O2 per O2, 2 for rocksalt per O2).</summary>
    public double FormulaUnitsPerCell { get; }

    /// <summary>The composition of one formula unit: the cell content divided by Z.</summary>
    public Composition Formula { get; }

    /// <summary>The molar mass of one formula unit, g/mol.</summary>
    public double MolarMass => Formula.MolarMass;

    /// <summary>The mass of the cell content, g/mol (Z × <see cref="MolarMass"/>).</summary>
    public double CellMass => CellContent.MolarMass;

    /// <summary>The X-ray density in g/cm³: cell mass / (N_A · V), with N_A = 6.02214076e23 mol⁻¹ and V in Å³ (1 Å³ = 1e-24 cm³).</summary>
    public double Density => CellMass / (0.602214076 * Cell.Volume);

    /// <summary>The site with a label.</summary>
    /// <exception cref="ArgumentException">No site has that label.</exception>
    public AtomSite Site(string label) =>
        Sites.FirstOrDefault(s => s.Label == label)
        ?? throw new ArgumentException($"Phase '{Name}' has no site '{label}'; its sites are {string.Join(", ", Sites.Select(s => s.Label))}.", nameof(label));

    /// <summary>Starts a fluent, mutable builder for a new phase.</summary>
    public static PhaseBuilder Create(string name) => new(name);

    /// <summary>A builder holding this phase's definition, to change several things at once.</summary>
    public PhaseBuilder ToBuilder() => new(this);

    /// <summary>A copy with another name.</summary>
    public Phase WithName(string name) => ToBuilder().WithName(name).Build();

    /// <summary>A copy with another cell (checked against the crystal system).</summary>
    public Phase WithCell(UnitCell cell) => ToBuilder().WithCell(cell).Build();

    /// <summary>A copy with a site moved (re-checked against its Wyckoff position).</summary>
    public Phase WithSitePosition(string label, FractionalPosition position) =>
        ToBuilder().WithSitePosition(label, position).Build();

    /// <summary>A copy with the occupancy of one species on one site changed.</summary>
    public Phase WithOccupancy(string label, string species, double occupancy) =>
        ToBuilder().WithOccupancy(label, species, occupancy).Build();

    /// <summary>A copy with a site's occupants replaced.</summary>
    public Phase WithOccupants(string label, params SiteOccupant[] occupants) =>
        ToBuilder().WithOccupants(label, occupants).Build();

    /// <summary>
    /// A copy whose neutral occupants become the ions given, e.g.
    /// <c>WithOxidationStates("Li+", "Ni2+", "Ru5+", "O2-")</c> for a CIF without oxidation numbers.
    /// </summary>
    public Phase WithOxidationStates(params string[] species) =>
        ToBuilder().WithOxidationStates(species.Select(Species.Parse)).Build();

    /// <summary>A copy with a site's isotropic displacement set (Å²).</summary>
    public Phase WithUiso(string label, double uiso) => ToBuilder().WithUiso(label, uiso).Build();

    /// <summary>A copy with a site's displacement parameters replaced.</summary>
    public Phase WithDisplacement(string label, AtomicDisplacement displacement) =>
        ToBuilder().WithDisplacement(label, displacement).Build();

    /// <summary>A copy whose Z and formula refer to another formula unit.</summary>
    public Phase PerFormulaUnit(string formulaUnit) => ToBuilder().PerFormulaUnit(formulaUnit).Build();

    /// <summary>
    /// A summary for a REPL or a log: "layered: R -3 m :H (166), a = …, Li1.2Ni0.4Ru0.4O2, Z = 3" on the first line
    /// (cell parameters with their s.u. where the phase has them), then one line per site with its Wyckoff position,
    /// coordinates, occupants and displacement.
    /// </summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(FormattableString.Invariant($"{Name}: {SpaceGroup}, {CellText()}, {Formula}, Z = {FormulaUnitsPerCell:0.####}"));
        foreach (var site in Sites) text.Append('\n').Append("  ").Append(site);
        return text.ToString();
    }

    // The cell as UnitCell prints it, or with s.u. in parentheses once a refinement has given them.
    private string CellText()
    {
        var u = CellUncertainty;
        if (u == CellUncertainty.Zero) return Cell.ToString();
        // Seven significant digits for the parameters without s.u.: a held 14.40729 Å prints whole.
        string P(double value, double uncertainty) => new MeasuredValue(value, uncertainty).ToString(7);
        return FormattableString.Invariant(
            $"a = {P(Cell.A, u.A)} Å, b = {P(Cell.B, u.B)} Å, c = {P(Cell.C, u.C)} Å, α = {P(Cell.Alpha, u.Alpha)}°, β = {P(Cell.Beta, u.Beta)}°, γ = {P(Cell.Gamma, u.Gamma)}°");
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
