using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// A Wyckoff position of a space group: its letter, multiplicity, site-symmetry type and
/// coordinates, as International Tables Vol. A lists them (e.g. R-3m:H 6c, 3m, "0,0,z").
/// </summary>
public sealed class WyckoffPosition
{
    internal WyckoffPosition(char letter, int multiplicity, string siteSymmetry,
                             CoordinateTriplet representative, ImmutableArray<CoordinateTriplet> coordinates)
    {
        Letter = letter;
        Multiplicity = multiplicity;
        SiteSymmetry = siteSymmetry;
        Representative = representative;
        Coordinates = coordinates;
    }

    /// <summary>The Wyckoff letter: 'a' for the first (highest site symmetry) position; the general position has the last.</summary>
    public char Letter { get; }

    /// <summary>The number of equivalent positions in the conventional cell, centring included.</summary>
    public int Multiplicity { get; }

    /// <summary>The point-group type of the site-symmetry group, e.g. "-3m", "mm2", "1".</summary>
    public string SiteSymmetry { get; }

    /// <summary>The first coordinate triplet, e.g. "0,0,z".</summary>
    public CoordinateTriplet Representative { get; }

    /// <summary>All coordinate triplets of the orbit, the representative first (as many as the multiplicity).</summary>
    public ImmutableArray<CoordinateTriplet> Coordinates { get; }

    /// <summary>The label crystallographers use: multiplicity and letter, e.g. "6c".</summary>
    public string Label => $"{Multiplicity}{Letter}";

    /// <summary>The number of free coordinates: 0 for a fixed point, up to 3 for the general position.</summary>
    public int DegreesOfFreedom => Representative.DegreesOfFreedom;

    /// <summary>Written as "6c (3m) 0,0,z".</summary>
    public override string ToString() => $"{Label} ({SiteSymmetry}) {Representative}";
}

/// <summary>
/// Where a position lies in a space group: the Wyckoff position it falls on, the position moved
/// exactly onto it, and its site-symmetry operations.
/// </summary>
/// <param name="Wyckoff">The Wyckoff position.</param>
/// <param name="Position">The position snapped onto the special position (unchanged for the general position, up to rounding).</param>
/// <param name="Shift">The largest fractional coordinate change the snapping made.</param>
/// <param name="SiteOperations">The operations that leave <paramref name="Position"/> fixed, with the lattice translation that brings the image back included.</param>
public sealed record SiteLocation(
    WyckoffPosition Wyckoff,
    FractionalPosition Position,
    double Shift,
    ImmutableArray<SymmetryOperation> SiteOperations)
{
    /// <summary>The multiplicity of the site: the group order divided by the site-symmetry order.</summary>
    public int Multiplicity => Wyckoff.Multiplicity;
}
