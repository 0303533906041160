using System.Collections.Immutable;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// One phase of a recipe (immutable description): its name in parameter ids, where its structure
/// comes from (a CIF file or written inline), and the optional formula unit, starting scale and
/// starting mole fraction. <c>with</c> copies check each value as the constructor does.
/// </summary>
public sealed record RecipePhase
{
    /// <summary>A phase with no formula unit, scale or fraction stated.</summary>
    /// <param name="name">The phase name in parameter ids (<c>layered</c> in <c>layered/cell/a</c>).</param>
    /// <param name="source">The structure: <see cref="RecipeCifFile"/> or <see cref="RecipeStructure"/>.</param>
    /// <exception cref="ArgumentException">A name that cannot stand in parameter ids.</exception>
    public RecipePhase(string name, RecipePhaseSource source)
    {
        Name = name;
        Source = source;
    }

    /// <summary>The phase name in parameter ids: no whitespace, '/', '[', ']', '+', '-', '*', '=', and not starting with "hist:".</summary>
    public string Name { get; init => field = RecipeChecks.Name(value, "name", nameof(Name)); }

    /// <summary>Where the structure comes from.</summary>
    public RecipePhaseSource Source { get; init => field = value ?? throw new ArgumentNullException(nameof(Source)); }

    /// <summary>
    /// The formula unit Z and the mole fraction refer to, as a formula ("O2"), or null for the
    /// library's default (Z from the site multiplicities).
    /// </summary>
    public string? FormulaUnit
    {
        get;
        init
        {
            if (value is not null)
            {
                RecipeChecks.Text(value, "formulaUnit", nameof(FormulaUnit));
                if (!Composition.TryParse(value, out _))
                    throw new ArgumentException($"'formulaUnit' must be a formula such as O2 or Li1.2Ni0.4Ru0.4O2, not '{value}'.", nameof(FormulaUnit));
            }
            field = value;
        }
    }

    /// <summary>The starting scale factor (positive), or null for the engine's default.</summary>
    public double? Scale { get; init => field = RecipeChecks.Positive(value, "scale", nameof(Scale)); }

    /// <summary>The starting mole fraction of formula units, in (0, 1], or null when not stated.</summary>
    public double? Fraction
    {
        get;
        init => field = value is not { } f || (f > 0 && f <= 1)
            ? value
            : throw new ArgumentException($"'fraction' (a mole fraction) must be above 0 and at most 1, not {RecipeChecks.Show(f)}.", nameof(Fraction));
    }
}

/// <summary>Where a phase's structure comes from: <see cref="RecipeCifFile"/> or <see cref="RecipeStructure"/>.</summary>
public abstract record RecipePhaseSource
{
    // Closed to these two kinds: the parser and the writer know no other.
    private protected RecipePhaseSource()
    {
    }
}

/// <summary>A structure read from a CIF file, from one data block or the only one with atom sites.</summary>
public sealed record RecipeCifFile : RecipePhaseSource
{
    /// <summary>The file and, optionally, the data block.</summary>
    /// <param name="path">The CIF file.</param>
    /// <param name="block">The data block's name (without "data_"), or null when the file holds one phase.</param>
    public RecipeCifFile(RecipePath path, string? block = null)
    {
        Path = path;
        Block = block;
    }

    /// <summary>The CIF file.</summary>
    public RecipePath Path { get; init => field = value ?? throw new ArgumentNullException(nameof(Path)); }

    /// <summary>The data block's name (without "data_"), or null.</summary>
    public string? Block { get; init => field = value is null ? null : RecipeChecks.Text(value, "block", nameof(Block)); }
}

/// <summary>A structure written in the recipe: space group, cell and sites.</summary>
public sealed record RecipeStructure : RecipePhaseSource
{
    /// <summary>The structure.</summary>
    /// <param name="spaceGroup">A symbol <see cref="Symmetry.SpaceGroup.Parse"/> reads: "R-3m", "Fm-3m", "166:R", "Hall:-R 3 2\"".</param>
    /// <param name="cell">The cell.</param>
    /// <param name="sites">The sites, at least one, labels unique.</param>
    /// <exception cref="ArgumentException">An unknown space group, no sites, or a label twice.</exception>
    public RecipeStructure(string spaceGroup, RecipeCell cell, IEnumerable<RecipeSite> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        SpaceGroup = spaceGroup;
        Cell = cell;
        Sites = [.. sites];
    }

    /// <summary>The space-group symbol as written; <see cref="Symmetry.SpaceGroup.Parse"/> knows it.</summary>
    public string SpaceGroup
    {
        get;
        init
        {
            RecipeChecks.Text(value, "spaceGroup", nameof(SpaceGroup));
            try
            {
                _ = Symmetry.SpaceGroup.Parse(value);
            }
            catch (UnknownSpaceGroupException e)
            {
                throw new ArgumentException($"'spaceGroup': {e.Message}", nameof(SpaceGroup), e);
            }
            field = value;
        }
    }

    /// <summary>The cell: a, b, c in Å, α, β, γ in degrees.</summary>
    public RecipeCell Cell { get; init; }

    /// <summary>The sites, in the order written.</summary>
    public ImmutableArray<RecipeSite> Sites
    {
        get;
        init
        {
            value = RecipeChecks.OrEmpty(value);
            if (value.IsEmpty) throw new ArgumentException("'sites' must list at least one site.", nameof(Sites));
            var labels = new HashSet<string>(StringComparer.Ordinal);
            foreach (var site in value)
            {
                ArgumentNullException.ThrowIfNull(site, nameof(Sites));
                if (!labels.Add(site.Label)) throw new ArgumentException($"two sites are labelled '{site.Label}'.", nameof(Sites));
            }
            field = value;
        }
    }

    /// <inheritdoc/>
    public bool Equals(RecipeStructure? other) =>
        other is not null && base.Equals(other)
        && SpaceGroup == other.SpaceGroup && Cell == other.Cell && RecipeChecks.SameItems(Sites, other.Sites);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(SpaceGroup, Cell, RecipeChecks.HashItems(Sites));
}

/// <summary>Cell parameters as a recipe states them: a, b, c in Å, α, β, γ in degrees. Immutable.</summary>
public readonly record struct RecipeCell
{
    /// <summary>The cell; all six are given, as in a CIF, so that nothing is inferred from the space group here.</summary>
    /// <exception cref="ArgumentException">A length that is not positive, or an angle outside (0°, 180°).</exception>
    public RecipeCell(double a, double b, double c, double alpha, double beta, double gamma)
    {
        A = RecipeChecks.Positive(a, "a", nameof(a));
        B = RecipeChecks.Positive(b, "b", nameof(b));
        C = RecipeChecks.Positive(c, "c", nameof(c));
        Alpha = Angle(alpha, "alpha");
        Beta = Angle(beta, "beta");
        Gamma = Angle(gamma, "gamma");
    }

    /// <summary>a (Å).</summary>
    public double A { get; }

    /// <summary>b (Å).</summary>
    public double B { get; }

    /// <summary>c (Å).</summary>
    public double C { get; }

    /// <summary>α (degrees).</summary>
    public double Alpha { get; }

    /// <summary>β (degrees).</summary>
    public double Beta { get; }

    /// <summary>γ (degrees).</summary>
    public double Gamma { get; }

    private static double Angle(double value, string name) =>
        double.IsFinite(value) && value > 0 && value < 180
            ? value
            : throw new ArgumentException($"'{name}' must be an angle in degrees between 0 and 180, not {RecipeChecks.Show(value)}.", name);
}

/// <summary>
/// A site of an inline structure: label, fractional position, displacement (Uiso or the six Uij, Å²)
/// and occupants. Exactly one of <see cref="Uiso"/> and <see cref="Uaniso"/> is set.
/// </summary>
public sealed record RecipeSite
{
    /// <summary>A site with an isotropic displacement.</summary>
    /// <param name="label">The label, used in parameter ids (<c>layered/O1/z</c>).</param>
    /// <param name="x">Fractional x.</param>
    /// <param name="y">Fractional y.</param>
    /// <param name="z">Fractional z.</param>
    /// <param name="uiso">Uiso in Å².</param>
    /// <param name="occupants">The occupants, at least one, each element once.</param>
    public RecipeSite(string label, double x, double y, double z, double uiso, IEnumerable<RecipeOccupant> occupants)
        : this(label, x, y, z, occupants)
    {
        Uiso = RecipeChecks.Finite(uiso, "uiso", nameof(uiso));
    }

    /// <summary>A site with an anisotropic displacement.</summary>
    /// <param name="label">The label, used in parameter ids.</param>
    /// <param name="x">Fractional x.</param>
    /// <param name="y">Fractional y.</param>
    /// <param name="z">Fractional z.</param>
    /// <param name="uaniso">U11, U22, U33, U12, U13, U23 in Å².</param>
    /// <param name="occupants">The occupants, at least one, each element once.</param>
    public RecipeSite(string label, double x, double y, double z, RecipeAnisotropicDisplacement uaniso, IEnumerable<RecipeOccupant> occupants)
        : this(label, x, y, z, occupants)
    {
        Uaniso = uaniso;
    }

    private RecipeSite(string label, double x, double y, double z, IEnumerable<RecipeOccupant> occupants)
    {
        ArgumentNullException.ThrowIfNull(occupants);
        Label = label;
        X = x;
        Y = y;
        Z = z;
        Occupants = [.. occupants];
    }

    /// <summary>The label, a name that can stand in parameter ids, and not "cell" (<c>layered/cell/a</c> names the cell).</summary>
    public string Label
    {
        get;
        init
        {
            RecipeChecks.Name(value, "label", nameof(Label));
            field = value == "cell"
                ? throw new ArgumentException("'label' cannot be 'cell': PHASE/cell/… names the cell parameters.", nameof(Label))
                : value;
        }
    }

    /// <summary>Fractional x.</summary>
    public double X { get; init => field = RecipeChecks.Finite(value, "x", nameof(X)); }

    /// <summary>Fractional y.</summary>
    public double Y { get; init => field = RecipeChecks.Finite(value, "y", nameof(Y)); }

    /// <summary>Fractional z.</summary>
    public double Z { get; init => field = RecipeChecks.Finite(value, "z", nameof(Z)); }

    /// <summary>Uiso in Å², or null when the site is anisotropic.</summary>
    public double? Uiso { get; }

    /// <summary>The anisotropic displacement, or null when the site is isotropic.</summary>
    public RecipeAnisotropicDisplacement? Uaniso { get; }

    /// <summary>The occupants, in the order written; one per element.</summary>
    public ImmutableArray<RecipeOccupant> Occupants
    {
        get;
        init
        {
            value = RecipeChecks.OrEmpty(value);
            if (value.IsEmpty) throw new ArgumentException("'occupants' must list at least one species.", nameof(Occupants));
            var elements = new HashSet<string>(StringComparer.Ordinal);
            foreach (var occupant in value)
            {
                ArgumentNullException.ThrowIfNull(occupant, nameof(Occupants));
                // Occupancy ids name the element (occ[Li]), so Li+ and Li on one site would share an id.
                if (!elements.Add(occupant.Species.Symbol))
                    throw new ArgumentException($"'occupants' names the element {occupant.Species.Symbol} twice; occupancy parameters (occ[{occupant.Species.Symbol}]) are per element.", nameof(Occupants));
            }
            field = value;
        }
    }

    /// <inheritdoc/>
    public bool Equals(RecipeSite? other) =>
        other is not null && Label == other.Label && X.Equals(other.X) && Y.Equals(other.Y) && Z.Equals(other.Z)
        && Uiso.Equals(other.Uiso) && Uaniso.Equals(other.Uaniso) && RecipeChecks.SameItems(Occupants, other.Occupants);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Label, X, Y, Z, Uiso, Uaniso, RecipeChecks.HashItems(Occupants));
}

/// <summary>The six components U11, U22, U33, U12, U13, U23 (Å²) of an anisotropic displacement, as CIF orders them. Immutable.</summary>
public readonly record struct RecipeAnisotropicDisplacement
{
    /// <summary>The components, each finite.</summary>
    /// <exception cref="ArgumentException">A component that is not finite.</exception>
    public RecipeAnisotropicDisplacement(double u11, double u22, double u33, double u12, double u13, double u23)
    {
        U11 = RecipeChecks.Finite(u11, "uaniso", nameof(u11));
        U22 = RecipeChecks.Finite(u22, "uaniso", nameof(u22));
        U33 = RecipeChecks.Finite(u33, "uaniso", nameof(u33));
        U12 = RecipeChecks.Finite(u12, "uaniso", nameof(u12));
        U13 = RecipeChecks.Finite(u13, "uaniso", nameof(u13));
        U23 = RecipeChecks.Finite(u23, "uaniso", nameof(u23));
    }

    /// <summary>U11 (Å²).</summary>
    public double U11 { get; }

    /// <summary>U22 (Å²).</summary>
    public double U22 { get; }

    /// <summary>U33 (Å²).</summary>
    public double U33 { get; }

    /// <summary>U12 (Å²).</summary>
    public double U12 { get; }

    /// <summary>U13 (Å²).</summary>
    public double U13 { get; }

    /// <summary>U23 (Å²).</summary>
    public double U23 { get; }
}

/// <summary>One species on a site with its occupancy (0 to 1).</summary>
public sealed record RecipeOccupant
{
    /// <summary>The occupant.</summary>
    /// <param name="species">The species: "Li+", "Ni2+", "O2-", or a neutral "Ni".</param>
    /// <param name="occupancy">The occupancy, 0 to 1.</param>
    public RecipeOccupant(Species species, double occupancy)
    {
        Species = species;
        Occupancy = occupancy;
    }

    /// <summary>The species.</summary>
    public Species Species { get; init => field = value ?? throw new ArgumentNullException(nameof(Species)); }

    /// <summary>The occupancy, 0 to 1.</summary>
    public double Occupancy
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 && value <= 1
            ? value
            : throw new ArgumentException($"'occupancy' must be between 0 and 1, not {RecipeChecks.Show(value)}.", nameof(Occupancy));
    }
}
