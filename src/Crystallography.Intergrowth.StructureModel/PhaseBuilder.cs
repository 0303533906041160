using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// Mutable: a fluent builder for a <see cref="Phase"/>. Collects the cell, space group, sites and
/// formula unit, and checks everything in <see cref="Build"/>, which returns an immutable phase or
/// throws naming the site or parameter at fault. The builder can be reused; built phases never
/// change.
/// </summary>
public sealed class PhaseBuilder
{
    /// <summary>How far (fractional units) a site may lie from its special position; it is moved onto it exactly.</summary>
    public const double DefaultSiteTolerance = 1e-3;

    /// <summary>How far (Å and degrees) cell parameters may break their crystal-system restrictions before they are symmetrised.</summary>
    public const double DefaultCellTolerance = 1e-3;

    private readonly List<SiteDefinition> _sites = [];
    private string _name;
    private UnitCell? _cell;
    private CellUncertainty _cellUncertainty;
    private SpaceGroup? _spaceGroup;
    private Composition? _formulaUnit;
    private double _siteTolerance = DefaultSiteTolerance;

    internal PhaseBuilder(string name) => _name = name;

    internal PhaseBuilder(Phase phase)
    {
        _name = phase.Name;
        _cell = phase.Cell;
        _cellUncertainty = phase.CellUncertainty;
        _spaceGroup = phase.SpaceGroup;
        _formulaUnit = phase.StatedFormulaUnit;
        foreach (var s in phase.Sites)
            _sites.Add(new SiteDefinition(s.Label, s.Position, s.PositionUncertainty, [.. s.Occupants], s.Displacement, s.Wyckoff.Letter));
    }

    /// <summary>Sets the name.</summary>
    public PhaseBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    /// <summary>Sets the unit cell.</summary>
    public PhaseBuilder WithCell(UnitCell cell)
    {
        _cell = cell ?? throw new ArgumentNullException(nameof(cell));
        return this;
    }

    /// <summary>Sets the unit cell from six parameters (Å, degrees).</summary>
    public PhaseBuilder WithCell(double a, double b, double c, double alpha, double beta, double gamma) =>
        WithCell(new UnitCell(a, b, c, alpha, beta, gamma));

    /// <summary>Sets the standard uncertainties of the cell parameters.</summary>
    public PhaseBuilder WithCellUncertainty(CellUncertainty uncertainty)
    {
        _cellUncertainty = uncertainty;
        return this;
    }

    /// <summary>Sets the space group.</summary>
    public PhaseBuilder WithSpaceGroup(SpaceGroup spaceGroup)
    {
        _spaceGroup = spaceGroup ?? throw new ArgumentNullException(nameof(spaceGroup));
        return this;
    }

    /// <summary>Sets the space group from any spelling <see cref="SpaceGroup.Parse"/> accepts ("R-3m", "Fd-3m:2").</summary>
    public PhaseBuilder WithSpaceGroup(string symbol) => WithSpaceGroup(SpaceGroup.Parse(symbol));

    /// <summary>Sets the tolerance (fractional units) within which sites are put onto their special positions.</summary>
    public PhaseBuilder WithSiteTolerance(double tolerance)
    {
        if (!(tolerance > 0 && tolerance < 0.1))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The site tolerance must be positive and below 0.1.");
        _siteTolerance = tolerance;
        return this;
    }

    /// <summary>States the formula unit Z refers to, e.g. "O2" (the reference study's choice for both phases).</summary>
    public PhaseBuilder PerFormulaUnit(string formulaUnit) => PerFormulaUnit(Composition.Parse(formulaUnit));

    /// <summary>States the formula unit Z refers to.</summary>
    public PhaseBuilder PerFormulaUnit(Composition formulaUnit)
    {
        _formulaUnit = formulaUnit ?? throw new ArgumentNullException(nameof(formulaUnit));
        return this;
    }

    /// <summary>Adds a site fully occupied by one species: <c>AddSite("O1", 0, 0, 0.257, "O2-")</c>.</summary>
    public PhaseBuilder AddSite(string label, double x, double y, double z, string species, double occupancy = 1) =>
        AddSite(label, new FractionalPosition(x, y, z), [SiteOccupant.Of(species, occupancy)]);

    /// <summary>Adds a mixed site: <c>AddSite("M1", 0, 0, 0, ("Li+", 0.2), ("Ni2+", 0.4), ("Ru5+", 0.4))</c>.</summary>
    public PhaseBuilder AddSite(string label, double x, double y, double z, params (string Species, double Occupancy)[] occupants) =>
        AddSite(label, new FractionalPosition(x, y, z), occupants.Select(o => SiteOccupant.Of(o.Species, o.Occupancy)));

    /// <summary>Adds a site with every detail.</summary>
    /// <param name="label">Unique label.</param>
    /// <param name="position">Fractional position (moved exactly onto its special position within the site tolerance).</param>
    /// <param name="occupants">One or more occupants; the occupancies must sum to at most 1.</param>
    /// <param name="displacement">Displacement parameters (none when null).</param>
    /// <param name="wyckoffLetter">The Wyckoff letter the site must lie on, or null to find it.</param>
    /// <param name="positionUncertainty">Standard uncertainties of the coordinates.</param>
    public PhaseBuilder AddSite(string label, FractionalPosition position, IEnumerable<SiteOccupant> occupants,
                                AtomicDisplacement? displacement = null, char? wyckoffLetter = null,
                                FractionalPosition? positionUncertainty = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(occupants);
        _sites.Add(new SiteDefinition(label, position, positionUncertainty ?? default, [.. occupants],
            displacement ?? AtomicDisplacement.None, wyckoffLetter));
        return this;
    }

    /// <summary>Removes a site.</summary>
    public PhaseBuilder RemoveSite(string label)
    {
        _sites.Remove(Find(label));
        return this;
    }

    /// <summary>Moves a site.</summary>
    public PhaseBuilder WithSitePosition(string label, FractionalPosition position)
    {
        var s = Find(label);
        Replace(s, s with { Position = position, WyckoffLetter = null });
        return this;
    }

    /// <summary>Sets one species' occupancy on a site (adding the species if it is not there yet).</summary>
    public PhaseBuilder WithOccupancy(string label, string species, double occupancy)
    {
        var s = Find(label);
        var parsed = Species.Parse(species);
        var list = s.Occupants.ToList();
        int index = list.FindIndex(o => AtomSite.Matches(o.Species, parsed));
        if (index >= 0) list[index] = list[index] with { Occupancy = occupancy };
        else list.Add(new SiteOccupant(parsed, occupancy));
        Replace(s, s with { Occupants = list });
        return this;
    }

    /// <summary>Replaces a site's occupants.</summary>
    public PhaseBuilder WithOccupants(string label, IEnumerable<SiteOccupant> occupants)
    {
        var s = Find(label);
        Replace(s, s with { Occupants = [.. occupants] });
        return this;
    }

    /// <summary>
    /// Gives oxidation states to the occupants that have none: every neutral occupant of an element
    /// named in <paramref name="charged"/> becomes that ion ("Li+", "Ni2+", "Ru5+", "O2-"), as
    /// for a CIF written without _atom_type_oxidation_number. Occupants that already carry a
    /// charge keep it.
    /// </summary>
    /// <exception cref="ArgumentException">An entry has no charge, or two entries name the same element.</exception>
    public PhaseBuilder WithOxidationStates(params IEnumerable<Species> charged)
    {
        ArgumentNullException.ThrowIfNull(charged);
        var byElement = new Dictionary<Element, Species>();
        foreach (var species in charged)
        {
            if (species.Charge is null)
                throw new ArgumentException($"'{species}' has no charge to give.", nameof(charged));
            if (!byElement.TryAdd(species.Element, species))
                throw new ArgumentException($"Two oxidation states are given for {species.Element}.", nameof(charged));
        }
        for (int i = 0; i < _sites.Count; i++)
        {
            var site = _sites[i];
            var occupants = site.Occupants
                .Select(o => o.Species.Charge is null && byElement.TryGetValue(o.Species.Element, out var ion) ? o with { Species = ion } : o)
                .ToList();
            _sites[i] = site with { Occupants = occupants };
        }
        return this;
    }

    /// <summary>Sets a site's isotropic displacement Uiso (Å²).</summary>
    public PhaseBuilder WithUiso(string label, double uiso) => WithDisplacement(label, AtomicDisplacement.Isotropic(uiso));

    /// <summary>Sets a site's displacement parameters.</summary>
    public PhaseBuilder WithDisplacement(string label, AtomicDisplacement displacement)
    {
        ArgumentNullException.ThrowIfNull(displacement);
        var s = Find(label);
        Replace(s, s with { Displacement = displacement });
        return this;
    }

    /// <summary>
    /// Checks the definition and returns the phase: the cell obeys the crystal system (symmetrised
    /// within <see cref="DefaultCellTolerance"/>), labels are unique, every occupancy lies in
    /// [0, 1] and each site's sum is at most 1, each site lies on a Wyckoff position (moved exactly
    /// onto it within the site tolerance) and on the letter given, if any, and anisotropic
    /// displacements obey the site symmetry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cell or space group is missing.</exception>
    /// <exception cref="ArgumentException">A parameter or site breaks a rule; the message names it.</exception>
    public Phase Build()
    {
        if (string.IsNullOrWhiteSpace(_name))
            throw new ArgumentException("A phase needs a name.", "name");
        var group = _spaceGroup ?? throw new InvalidOperationException($"Phase '{_name}' has no space group: call WithSpaceGroup.");
        var cell = _cell ?? throw new InvalidOperationException($"Phase '{_name}' has no unit cell: call WithCell.");
        var uniqueAxis = UniqueAxisOf(group);
        if (!cell.ConformsTo(group.CrystalSystem, group.HasRhombohedralAxes, DefaultCellTolerance, uniqueAxis))
        {
            try
            {
                cell.CheckConformsTo(group.CrystalSystem, group.HasRhombohedralAxes, DefaultCellTolerance, uniqueAxis);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Phase '{_name}': the cell does not fit {group}: {e.Message}", "cell", e);
            }
        }
        cell = cell.Symmetrize(group.CrystalSystem, group.HasRhombohedralAxes, uniqueAxis);

        var labels = new HashSet<string>(StringComparer.Ordinal);
        var sites = ImmutableArray.CreateBuilder<AtomSite>(_sites.Count);
        foreach (var d in _sites)
        {
            string where = $"Phase '{_name}', site '{d.Label}'";
            if (string.IsNullOrWhiteSpace(d.Label))
                throw new ArgumentException($"Phase '{_name}': a site has an empty label.", "label");
            if (!labels.Add(d.Label))
                throw new ArgumentException($"Phase '{_name}': the label '{d.Label}' is used by two sites.", "label");
            if (d.Occupants.Count == 0)
                throw new ArgumentException($"{where} has no occupants.", "occupants");
            foreach (var o in d.Occupants)
            {
                if (!(o.Occupancy >= 0 && o.Occupancy <= 1))
                    throw new ArgumentOutOfRangeException("occupancy", o.Occupancy,
                        $"{where}: the occupancy of {o.Species} is {o.Occupancy.ToString(CultureInfo.InvariantCulture)}; occupancies lie between 0 and 1.");
            }
            double total = d.Occupants.Sum(o => o.Occupancy);
            // 1e-6 absorbs the rounding of occupancies printed to six decimals (e.g. 1/3 three times).
            if (total > 1 + 1e-6)
                throw new ArgumentException(
                    $"{where}: the occupancies sum to {total.ToString("0.######", CultureInfo.InvariantCulture)} ({string.Join(" + ", d.Occupants.Select(o => o.ToString()))}); a site holds at most 1.",
                    "occupancy");
            if (d.Occupants.GroupBy(o => o.Species).Any(g => g.Count() > 1))
                throw new ArgumentException($"{where} lists the same species twice.", "occupants");
            if (!(double.IsFinite(d.Position.X) && double.IsFinite(d.Position.Y) && double.IsFinite(d.Position.Z)))
                throw new ArgumentException($"{where}: the position {d.Position} is not finite.", "position");

            SiteLocation location;
            try
            {
                location = group.Locate(d.Position, _siteTolerance);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{where}: {e.Message}", "position", e);
            }
            if (d.WyckoffLetter is char letter && letter != location.Wyckoff.Letter)
            {
                var stated = group.WyckoffPositions.FirstOrDefault(w => w.Letter == letter);
                throw new ArgumentException(stated is null
                    ? $"{where}: {group} has no Wyckoff position '{letter}'."
                    : $"{where}: the position {d.Position} lies on {location.Wyckoff.Label} ({location.Wyckoff.Representative}), not on {stated.Label} ({stated.Representative}).",
                    "wyckoffLetter");
            }

            var displacement = d.Displacement;
            if (displacement.Anisotropic is { } u)
            {
                var symmetric = AtomicDisplacement.Symmetrize(u, cell, location.SiteOperations);
                // CIF values are rounded to 4–5 decimals; larger departures are a model error.
                if (u.MaxAbsDifference(symmetric) > Math.Max(1e-4, 1e-3 * u.MaxAbs))
                    throw new ArgumentException(
                        $"{where}: the anisotropic U {u} breaks the site symmetry {location.Wyckoff.SiteSymmetry} of {location.Wyckoff.Label}; the nearest allowed tensor is {symmetric}.",
                        "displacement");
                displacement = displacement.WithAnisotropic(symmetric, cell);
            }
            sites.Add(new AtomSite(d.Label, location.Position, d.PositionUncertainty, [.. d.Occupants], displacement, location.Wyckoff));
        }
        return new Phase(_name, cell, _cellUncertainty, group, sites.MoveToImmutable(), _formulaUnit);
    }

    /// <summary>The monoclinic unique axis of a setting, read from its qualifier ("b1", "-c2"); b otherwise.</summary>
    internal static UniqueAxis UniqueAxisOf(SpaceGroup group)
    {
        if (group.CrystalSystem != CrystalSystem.Monoclinic) return UniqueAxis.B;
        string q = group.Setting.Qualifier.TrimStart('-');
        return q.Length > 0 && q[0] == 'a' ? UniqueAxis.A : q.Length > 0 && q[0] == 'c' ? UniqueAxis.C : UniqueAxis.B;
    }

    private SiteDefinition Find(string label) =>
        _sites.FirstOrDefault(s => s.Label == label)
        ?? throw new ArgumentException($"Phase '{_name}' has no site '{label}'.", nameof(label));

    private void Replace(SiteDefinition old, SiteDefinition replacement) => _sites[_sites.IndexOf(old)] = replacement;

    private sealed record SiteDefinition(string Label, FractionalPosition Position, FractionalPosition PositionUncertainty,
                                         List<SiteOccupant> Occupants, AtomicDisplacement Displacement, char? WyckoffLetter);
}
