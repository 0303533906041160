using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// The total content of an element over all phases, per formula unit of the sample, fixed to a
/// value (a chemical analysis such as ICP): Σ_p x_p·Σ_s (m_s/Z_p)·occ(E, s) = n_E, with the mole
/// fractions x_p held at given values so that the equation is linear in the occupancies.
/// When the fractions refine too, <see cref="ToBilinear"/> gives the exact, bilinear form.
/// Immutable.
/// </summary>
/// <example>
/// The reference study charged to Li0.5 per O2 at 70:30:
/// <c>ElementTotal.FixedTo("Li", 0.5, [new PhaseShare(layered, 0.7), new PhaseShare(rocksalt, 0.3)])</c> gives
/// <c>0.7*layered/Li1/occ[Li] + 0.7*layered/M1/occ[Li] + 0.6*rocksalt/M1/occ[Li] = 0.5</c>.
/// </example>
public sealed class ElementTotal : ChemistryConstraint
{
    private readonly Dictionary<ParameterId, double> _current;

    private ElementTotal(string element, ImmutableArray<SiteShare> sites, double amount)
    {
        Element = element;
        Sites = sites;
        Amount = amount;
        _current = CurrentOccupancies(element, sites);
        CurrentAmount = sites.Sum(s => s.Weight * s.CurrentOccupancy(element));
        Constraints = [new LinearConstraint(sites.Select(s => new ConstraintTerm(s.Occupancy(element), s.Weight)), amount,
            $"total {element} = {Format(amount)} per formula unit")];
    }

    /// <summary>The element, "Li".</summary>
    public string Element { get; }

    /// <summary>The sites whose occupancies count, each with its weight x_p·m_s/Z_p.</summary>
    public ImmutableArray<SiteShare> Sites { get; }

    /// <summary>n_E: the fixed content per formula unit of the sample.</summary>
    public double Amount { get; }

    /// <summary>The content the phases hold now, Σ x_p·(m_s/Z_p)·occ.</summary>
    public double CurrentAmount { get; }

    /// <inheritdoc />
    public override ImmutableArray<LinearConstraint> Constraints { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<ParameterId, double> CurrentValues => _current;

    /// <summary>The content fixed to <paramref name="amount"/> over every site of every phase on which the element stands now (at any occupancy).</summary>
    /// <exception cref="ArgumentException">The element stands on no site, is unknown, or a phase name repeats.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or not finite.</exception>
    public static ElementTotal FixedTo(string element, double amount, IEnumerable<PhaseShare> phases)
    {
        CheckElement(element, nameof(element));
        ArgumentNullException.ThrowIfNull(phases);
        var list = phases.ToList();
        return FixedTo(element, amount, list.SelectMany(p => p.SitesHolding(element)));
    }

    /// <summary>The content fixed to <paramref name="amount"/> over the given sites.</summary>
    /// <exception cref="ArgumentException">No sites, a site given twice, one phase at two mole fractions, or an unknown element.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or not finite.</exception>
    public static ElementTotal FixedTo(string element, double amount, IEnumerable<SiteShare> sites)
    {
        CheckElement(element, nameof(element));
        if (!(amount >= 0 && double.IsFinite(amount)))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"The content of {element} per formula unit is a finite, non-negative number.");
        return new ElementTotal(element, CheckSites(element, sites, 1, nameof(sites)), amount);
    }

    /// <summary>
    /// The same statement with the phase fractions as parameters:
    /// Σ_p Σ_s (m_s/Z_p)·fraction_p·occ(E, s) = n_E, bilinear in fractions and occupancies.
    /// </summary>
    public BilinearConstraint ToBilinear() => Bilinear(Element, Sites, Amount, $"total {Element} = {Format(Amount)} per formula unit, phase fractions refined");

    /// <inheritdoc />
    public override string Explain()
    {
        var sb = new StringBuilder();
        sb.Append($"Total {Element} fixed at {Format(Amount)} per formula unit of the sample (now {Format(CurrentAmount)}):").AppendLine();
        sb.Append("  Σ_p x_p · Σ_s (m_s/Z_p) · occ(").Append(Element).Append(", s) = ").Append(Format(Amount)).AppendLine();
        foreach (var s in Sites) sb.Append("  ").Append(s.Occupancy(Element)).Append(": ").Append(s.Explain()).AppendLine();
        sb.Append("  ").Append(Constraints[0]);
        return sb.ToString();
    }

    internal static Dictionary<ParameterId, double> CurrentOccupancies(string element, IEnumerable<SiteShare> sites)
    {
        var d = new Dictionary<ParameterId, double>();
        foreach (var s in sites) d[s.Occupancy(element)] = s.CurrentOccupancy(element);
        return d;
    }

    internal static BilinearConstraint Bilinear(string element, IEnumerable<SiteShare> sites, double amount, string description) =>
        new(sites.Select(s => new BilinearTerm(s.FractionParameter, s.Occupancy(element), s.SitesPerFormulaUnit)), [], amount, description);

    internal static ImmutableArray<SiteShare> CheckSites(string element, IEnumerable<SiteShare> sites, int minimum, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(sites, parameterName);
        var list = sites.ToImmutableArray();
        if (list.Length < minimum)
            throw new ArgumentException(list.IsEmpty
                ? $"No site to count {element} on: give at least {minimum}."
                : $"Only {list.Length} site(s) given; at least {minimum} are needed.", parameterName);
        var seen = new HashSet<(string, string)>();
        var fractions = new Dictionary<string, double>();
        foreach (var s in list)
        {
            ArgumentNullException.ThrowIfNull(s, parameterName);
            if (!seen.Add((s.Phase.Name, s.Site.Label)))
                throw new ArgumentException($"Site {s.Phase.Name}/{s.Site.Label} is given twice.", parameterName);
            if (fractions.TryGetValue(s.Phase.Name, out double x) && x != s.MoleFraction)
                throw new ArgumentException(
                    $"Phase '{s.Phase.Name}' is given at mole fractions {Format(x)} and {Format(s.MoleFraction)}; a phase has one.", parameterName);
            fractions[s.Phase.Name] = s.MoleFraction;
        }
        return list;
    }
}
