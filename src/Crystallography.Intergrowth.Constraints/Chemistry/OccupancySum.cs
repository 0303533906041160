using System.Collections.Immutable;
using System.Text;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// The occupancies of the elements on one site sum to a fixed total: 1 for a full site, or the
/// site's current total to keep a vacancy as it is while the species trade places.
/// Expands to one equation Σ occ[E] = total. Immutable.
/// </summary>
/// <example>
/// <c>OccupancySum.Full(layered, "M1")</c> gives
/// <c>layered/M1/occ[Li] + layered/M1/occ[Ni] + layered/M1/occ[Ru] = 1</c>.
/// </example>
public sealed class OccupancySum : ChemistryConstraint
{
    private readonly Dictionary<ParameterId, double> _current;

    private OccupancySum(Phase phase, AtomSite site, ImmutableArray<string> elements, double total, bool keepsVacancy)
    {
        Phase = phase;
        Site = site;
        Elements = elements;
        Total = total;
        KeepsVacancy = keepsVacancy;
        _current = elements.ToDictionary(e => OccupancyId(phase, site, e), e => OccupancyOf(site, e));
        string what = keepsVacancy
            ? $"occupancy sum of {phase.Name}/{site.Label} kept at its current {Format(total)}"
            : $"occupancy sum of {phase.Name}/{site.Label} = {Format(total)}";
        Constraints = [new LinearConstraint(elements.Select(e => new ConstraintTerm(OccupancyId(phase, site, e), 1)), total, what)];
    }

    /// <summary>The phase.</summary>
    public Phase Phase { get; }

    /// <summary>The site.</summary>
    public AtomSite Site { get; }

    /// <summary>The elements whose occupancies are summed, in the site's order, then any added ones.</summary>
    public ImmutableArray<string> Elements { get; }

    /// <summary>The total the occupancies sum to.</summary>
    public double Total { get; }

    /// <summary>True when the total is the site's current one (a vacancy kept), false when it was given (1 for a full site).</summary>
    public bool KeepsVacancy { get; }

    /// <inheritdoc />
    public override ImmutableArray<LinearConstraint> Constraints { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<ParameterId, double> CurrentValues => _current;

    /// <summary>Σ occ = 1 over the elements on the site and any <paramref name="additionalElements"/> (absent now, occupancy 0).</summary>
    /// <exception cref="ArgumentException">The site does not exist, an element symbol is unknown, or no element is left to sum.</exception>
    public static OccupancySum Full(Phase phase, string site, params IEnumerable<string> additionalElements) =>
        Create(phase, site, additionalElements, total: 1, keepsVacancy: false);

    /// <summary>Σ occ = the site's current total (a vacancy kept), over the elements on the site and any added ones.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Full"/>.</exception>
    public static OccupancySum KeepCurrent(Phase phase, string site, params IEnumerable<string> additionalElements)
    {
        ArgumentNullException.ThrowIfNull(phase);
        AtomSite s = SiteOf(phase, site, nameof(site));
        return Create(phase, site, additionalElements, s.TotalOccupancy, keepsVacancy: true);
    }

    /// <summary>Σ occ = <paramref name="total"/> (between 0 and 1) over the elements on the site and any added ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The total is not between 0 and 1.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Full"/>.</exception>
    public static OccupancySum To(Phase phase, string site, double total, params IEnumerable<string> additionalElements)
    {
        if (!(total >= 0 && total <= 1))
            throw new ArgumentOutOfRangeException(nameof(total), total, "A site's occupancies sum to a value between 0 and 1.");
        return Create(phase, site, additionalElements, total, keepsVacancy: false);
    }

    private static OccupancySum Create(Phase phase, string site, IEnumerable<string> additionalElements, double total, bool keepsVacancy)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(additionalElements);
        AtomSite s = SiteOf(phase, site, nameof(site));
        var elements = s.Occupants.Select(o => o.Species.Symbol).ToList();
        foreach (string e in additionalElements)
            elements.Add(CheckElement(e, nameof(additionalElements)));
        var distinct = elements.Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (distinct.IsEmpty)
            throw new ArgumentException($"Site {phase.Name}/{s.Label} holds no species to sum.", nameof(site));
        return new OccupancySum(phase, s, distinct, total, keepsVacancy);
    }

    /// <inheritdoc />
    public override string Explain()
    {
        var sb = new StringBuilder();
        sb.Append("Occupancy sum on ").Append(Phase.Name).Append('/').Append(Site.Label)
          .Append(" (").Append(Site.Wyckoff.Label).Append("): ");
        sb.Append(KeepsVacancy
            ? $"kept at its current total {Format(Total)} (vacancy {Format(1 - Total)})"
            : Total == 1 ? "the site is full" : $"fixed at {Format(Total)}");
        sb.AppendLine();
        sb.Append("  ").Append(Constraints[0]);
        return sb.ToString();
    }
}
