using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>One occupant of a site: a species and the fraction of the site's positions it holds.</summary>
/// <param name="Species">The element or ion.</param>
/// <param name="Occupancy">Fraction of the site's positions held, 0..1.</param>
/// <param name="OccupancyUncertainty">Standard uncertainty of the occupancy (0 when unknown or exact).</param>
public sealed record SiteOccupant(Species Species, double Occupancy, double OccupancyUncertainty = 0)
{
    /// <summary>Parses the species ("Ni2+") and pairs it with an occupancy.</summary>
    public static SiteOccupant Of(string species, double occupancy = 1) => new(Species.Parse(species), occupancy);

    /// <summary>Written as "Ni2+ 0.4".</summary>
    public override string ToString() =>
        $"{Species} {new MeasuredValue(Occupancy, OccupancyUncertainty).ToString(6)}";
}

/// <summary>
/// A crystallographic site of a phase: label, fractional position on its Wyckoff position, one or
/// several occupants with their occupancies, and displacement parameters. Sites are created by
/// <see cref="PhaseBuilder"/>, which checks them against the space group; change them through the
/// phase's <c>With…</c> methods.
/// </summary>
public sealed class AtomSite : IEquatable<AtomSite>
{
    internal AtomSite(string label, FractionalPosition position, FractionalPosition positionUncertainty,
                      ImmutableArray<SiteOccupant> occupants, AtomicDisplacement displacement,
                      WyckoffPosition wyckoff)
    {
        Label = label;
        Position = position;
        PositionUncertainty = positionUncertainty;
        Occupants = occupants;
        Displacement = displacement;
        Wyckoff = wyckoff;
    }

    /// <summary>The site label, unique within its phase ("M1", "O1").</summary>
    public string Label { get; }

    /// <summary>The fractional position, exactly on its Wyckoff position.</summary>
    public FractionalPosition Position { get; }

    /// <summary>Standard uncertainties of the coordinates (0 when unknown or fixed by symmetry).</summary>
    public FractionalPosition PositionUncertainty { get; }

    /// <summary>The occupants, in the order given.</summary>
    public ImmutableArray<SiteOccupant> Occupants { get; }

    /// <summary>The displacement parameters, shared by all occupants.</summary>
    public AtomicDisplacement Displacement { get; }

    /// <summary>The Wyckoff position the site lies on.</summary>
    public WyckoffPosition Wyckoff { get; }

    /// <summary>The number of positions of the site in the conventional cell.</summary>
    public int Multiplicity => Wyckoff.Multiplicity;

    /// <summary>The sum of the occupancies (≤ 1; below 1 for a partly vacant site).</summary>
    public double TotalOccupancy => Occupants.Sum(o => o.Occupancy);

    /// <summary>The occupancy of a species on this site (0 when absent). Matches by element when the charge is not given.</summary>
    public double OccupancyOf(Species species)
    {
        ArgumentNullException.ThrowIfNull(species);
        return Occupants.Where(o => Matches(o.Species, species)).Sum(o => o.Occupancy);
    }

    internal static bool Matches(Species occupant, Species query) =>
        occupant.Element.Equals(query.Element) && (query.Charge is null || occupant.Charge == query.Charge);

    /// <summary>
    /// Written as "O1 6c (0, 0, 0.25716(14)) O2- 1; Uiso = 0.0078 Å²": label, Wyckoff position, coordinates (with s.u.
    /// where refined), occupants and displacement.
    /// </summary>
    public override string ToString()
    {
        string Coordinate(double value, double uncertainty) => new MeasuredValue(value, uncertainty).ToString(6);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Label} {Wyckoff.Label} ({Coordinate(Position.X, PositionUncertainty.X)}, {Coordinate(Position.Y, PositionUncertainty.Y)}, {Coordinate(Position.Z, PositionUncertainty.Z)}) {string.Join(", ", Occupants)}; {Displacement}");
    }

    /// <inheritdoc />
    public bool Equals(AtomSite? other) =>
        other is not null && Label == other.Label && Position.Equals(other.Position) &&
        PositionUncertainty.Equals(other.PositionUncertainty) && Occupants.SequenceEqual(other.Occupants) &&
        Displacement.Equals(other.Displacement) && Wyckoff.Letter == other.Wyckoff.Letter;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AtomSite);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Label, Position, Wyckoff.Letter);
}
