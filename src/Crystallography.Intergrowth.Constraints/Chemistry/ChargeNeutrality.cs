using System.Collections.Immutable;
using System.Text;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// Charge neutrality of one phase given the oxidation states of its species:
/// Σ_s (m_s/Z)·Σ_E q_E·occ(E, s) = −Σ_fixed (m_s/Z)·q·occ, with the occupancies of the refined
/// sites on the left and those of the fixed sites (by default the anion sites) moved into the
/// constant. Linear in the occupancies. Immutable.
/// </summary>
/// <example>
/// For the layered Li1.2Ni0.4Ru0.4O2 (Z = 3 per O2; Li1 3b and M1 3a m/Z = 1; O1 6c m/Z = 2, O2− fixed):
/// <c>layered/Li1/occ[Li] + layered/M1/occ[Li] + 2*layered/M1/occ[Ni] + 5*layered/M1/occ[Ru] = 4</c>.
/// </example>
public sealed class ChargeNeutrality : ChemistryConstraint
{
    private readonly Dictionary<ParameterId, double> _current;
    private readonly ImmutableArray<(AtomSite Site, string Element, int Charge)> _refined;
    private readonly ImmutableArray<(AtomSite Site, string Element, int Charge, double Occupancy)> _fixed;

    private ChargeNeutrality(Phase phase, ImmutableArray<(AtomSite Site, string Element, int Charge)> refined,
                             ImmutableArray<(AtomSite Site, string Element, int Charge, double Occupancy)> fixedPart)
    {
        Phase = phase;
        _refined = refined;
        _fixed = fixedPart;
        double z = phase.FormulaUnitsPerCell;
        _current = refined.ToDictionary(r => OccupancyId(phase, r.Site, r.Element), r => OccupancyOf(r.Site, r.Element));
        FixedCharge = fixedPart.Sum(f => f.Site.Multiplicity / z * f.Charge * f.Occupancy);
        CurrentCharge = FixedCharge + refined.Sum(r => r.Site.Multiplicity / z * r.Charge * OccupancyOf(r.Site, r.Element));
        FixedSites = [.. fixedPart.Select(f => f.Site.Label).Distinct()];
        Constraints = [new LinearConstraint(
            refined.Select(r => new ConstraintTerm(OccupancyId(phase, r.Site, r.Element), r.Site.Multiplicity / z * r.Charge)),
            -FixedCharge, $"charge neutrality of {phase.Name}")];
    }

    /// <summary>The phase.</summary>
    public Phase Phase { get; }

    /// <summary>The sites whose occupancies are held fixed and enter the constant.</summary>
    public ImmutableArray<string> FixedSites { get; }

    /// <summary>The charge of the fixed sites per formula unit (−4 for O2).</summary>
    public double FixedCharge { get; }

    /// <summary>The phase's net charge per formula unit now (0 when it is balanced).</summary>
    public double CurrentCharge { get; }

    /// <inheritdoc />
    public override ImmutableArray<LinearConstraint> Constraints { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<ParameterId, double> CurrentValues => _current;

    /// <summary>
    /// Charge neutrality of <paramref name="phase"/>, with the occupancies of the sites in
    /// <paramref name="fixedSites"/> held fixed — by default (null) the sites whose occupants are all
    /// anions. <paramref name="additionalOccupants"/> adds species absent now (occupancy 0) whose
    /// occupancies will refine, such as Ni2+ on the Li layer under Li/Ni exchange.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A species has no oxidation state, one element stands on one site with two different charges,
    /// a site does not exist, or no occupancy is left to refine.
    /// </exception>
    public static ChargeNeutrality Of(Phase phase, IEnumerable<string>? fixedSites = null,
                                      IEnumerable<KeyValuePair<string, Species>>? additionalOccupants = null)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var fixedLabels = fixedSites is null
            ? phase.Sites.Where(s => s.Occupants.Length > 0 && s.Occupants.All(o => o.Species.Charge < 0)).Select(s => s.Label).ToHashSet()
            : fixedSites.Select(l => SiteOf(phase, l, nameof(fixedSites)).Label).ToHashSet();
        var extra = (additionalOccupants ?? []).Select(p => (Site: SiteOf(phase, p.Key, nameof(additionalOccupants)), Species: p.Value ?? throw new ArgumentNullException(nameof(additionalOccupants)))).ToList();

        var refined = ImmutableArray.CreateBuilder<(AtomSite, string, int)>();
        var fixedPart = ImmutableArray.CreateBuilder<(AtomSite, string, int, double)>();
        foreach (AtomSite site in phase.Sites)
        {
            var species = site.Occupants.Select(o => o.Species).Concat(extra.Where(e => e.Site.Label == site.Label).Select(e => e.Species));
            foreach (var group in species.GroupBy(s => s.Symbol))
            {
                var charges = group.Select(s => s.Charge).Distinct().ToList();
                if (charges.Any(c => c is null))
                    throw new ArgumentException(
                        $"{group.Key} on {phase.Name}/{site.Label} has no oxidation state; charge neutrality needs one (write e.g. Ni2+, or use Phase.WithOxidationStates).", nameof(phase));
                if (charges.Count > 1)
                    throw new ArgumentException(
                        $"{group.Key} stands on {phase.Name}/{site.Label} with charges {string.Join(" and ", charges)}; an occupancy per element cannot say how much of each, so charge neutrality is not linear in it.", nameof(phase));
                int q = charges[0]!.Value;
                if (fixedLabels.Contains(site.Label)) fixedPart.Add((site, group.Key, q, OccupancyOf(site, group.Key)));
                else if (q != 0) refined.Add((site, group.Key, q));
            }
        }
        if (refined.Count == 0)
            throw new ArgumentException($"Phase '{phase.Name}' has no charged occupancy left to refine once the sites {string.Join(", ", fixedLabels)} are fixed.", nameof(fixedSites));
        return new ChargeNeutrality(phase, refined.ToImmutable(), fixedPart.ToImmutable());
    }

    /// <inheritdoc />
    public override string Explain()
    {
        var sb = new StringBuilder();
        string z = Format(Phase.FormulaUnitsPerCell);
        sb.Append($"Charge neutrality of {Phase.Name} (Z = {z}, per formula unit; now {Format(CurrentCharge)}):").AppendLine();
        sb.Append("  Σ_s (m_s/Z) · Σ_E q_E · occ(E, s) = 0").AppendLine();
        foreach (var (site, element, q) in _refined)
            sb.Append($"  {OccupancyId(Phase, site, element)}: q = {q:+0;-0;0}, m/Z = {site.Multiplicity}/{z} → coefficient {Format(site.Multiplicity / Phase.FormulaUnitsPerCell * q)}").AppendLine();
        foreach (var (site, element, q, occ) in _fixed)
            sb.Append($"  {Phase.Name}/{site.Label} {element} fixed at {Format(occ)}: q = {q:+0;-0;0}, m/Z = {site.Multiplicity}/{z} → charge {Format(site.Multiplicity / Phase.FormulaUnitsPerCell * q * occ)}").AppendLine();
        sb.Append("  ").Append(Constraints[0]);
        return sb.ToString();
    }
}
