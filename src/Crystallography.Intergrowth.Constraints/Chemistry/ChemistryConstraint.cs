using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// A constraint stated in chemical terms — an occupancy sum, an exchange of two species, a total
/// element content, a transfer between phases, charge neutrality — built from the structure model
/// and expanded to the linear equations over <see cref="ParameterId"/>s that the refinement uses.
/// Each can say, in words, where its coefficients came from (<see cref="Explain"/>). Immutable.
/// </summary>
public abstract class ChemistryConstraint
{
    private protected ChemistryConstraint()
    {
    }

    /// <summary>The linear equations this constraint stands for.</summary>
    public abstract ImmutableArray<LinearConstraint> Constraints { get; }

    /// <summary>
    /// The values of every parameter the equations involve, as the phases hold them now (occupancies
    /// of absent species are 0). The equations built from the phases hold at these values unless
    /// they fix something to a value of the user's (a chemical analysis, a full site).
    /// </summary>
    public abstract IReadOnlyDictionary<ParameterId, double> CurrentValues { get; }

    /// <summary>The constraint in words and equations: what it says, and where each coefficient came from.</summary>
    public abstract string Explain();

    /// <summary>The same as <see cref="Explain"/>.</summary>
    public override string ToString() => Explain();

    // Numbers in explanations: up to six decimals, no trailing zeros, invariant culture.
    internal static string Format(double value) =>
        value.ToString("0.######", CultureInfo.InvariantCulture);

    // The occupancy of an element on a site, summed over its species (Mn3+ and Mn4+ are one element).
    internal static double OccupancyOf(AtomSite site, string element) =>
        site.Occupants.Where(o => o.Species.Symbol == element).Sum(o => o.Occupancy);

    internal static ParameterId OccupancyId(Phase phase, AtomSite site, string element) =>
        ParameterId.Occupancy(phase.Name, site.Label, element);

    internal static string CheckElement(string element, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(element, parameterName);
        if (!Element.TryFromSymbol(element, out _))
            throw new ArgumentException($"'{element}' is not an element symbol (write \"Li\", not \"Li+\" or \"lithium\").", parameterName);
        return element;
    }

    internal static AtomSite SiteOf(Phase phase, string label, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(label, parameterName);
        return phase.Sites.FirstOrDefault(s => s.Label == label)
            ?? throw new ArgumentException(
                $"Phase '{phase.Name}' has no site '{label}'; its sites are {string.Join(", ", phase.Sites.Select(s => s.Label))}.", parameterName);
    }
}

/// <summary>
/// A phase and its mole fraction x_p of formula units in the sample (each phase counted in its own
/// stated formula unit; the reference study uses one O2 formula unit for both phases). Immutable.
/// </summary>
public sealed class PhaseShare
{
    /// <summary>Pairs a phase with its mole fraction of formula units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mole fraction is not between 0 and 1.</exception>
    public PhaseShare(Phase phase, double moleFraction)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (!(moleFraction >= 0 && moleFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(moleFraction), moleFraction,
                $"The mole fraction of phase '{phase.Name}' must lie between 0 and 1.");
        Phase = phase;
        MoleFraction = moleFraction;
    }

    /// <summary>The phase.</summary>
    public Phase Phase { get; }

    /// <summary>x_p: the phase's formula units per formula unit of the sample.</summary>
    public double MoleFraction { get; }

    /// <summary>The parameter of the phase's fraction, <c>layered/fraction</c>.</summary>
    public ParameterId FractionParameter => ParameterId.PhaseFraction(Phase.Name);

    /// <summary>One <see cref="SiteShare"/> per site of the phase on which <paramref name="element"/> stands (at any occupancy, zero included).</summary>
    public IEnumerable<SiteShare> SitesHolding(string element)
    {
        ChemistryConstraint.CheckElement(element, nameof(element));
        return Phase.Sites.Where(s => s.Occupants.Any(o => o.Species.Symbol == element))
            .Select(s => new SiteShare(Phase, s.Label, MoleFraction));
    }

    /// <summary>"layered x = 0.7".</summary>
    public override string ToString() => $"{Phase.Name} x = {ChemistryConstraint.Format(MoleFraction)}";
}

/// <summary>
/// One site of one phase as it counts per formula unit of the sample: the phase's mole fraction
/// x_p times the site's multiplicity m_s over the phase's formula units per cell Z_p. An occupancy
/// occ on this site puts <see cref="Weight"/> · occ atoms into one formula unit of the sample.
/// Immutable.
/// </summary>
/// <remarks>
/// For the reference study per O2: the layered phase (R-3m, Z = 3) has Li1 on 3b, m/Z = 3/3 = 1;
/// the rocksalt phase (Fm-3m, Z = 2) has M1 on 4a, m/Z = 4/2 = 2. At 70:30 the weights are
/// 0.7·1 = 0.7 and 0.3·2 = 0.6.
/// </remarks>
public sealed class SiteShare
{
    /// <summary>A site of a phase at the phase's mole fraction.</summary>
    /// <exception cref="ArgumentException">The phase has no such site.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mole fraction is not between 0 and 1.</exception>
    public SiteShare(Phase phase, string site, double moleFraction)
    {
        ArgumentNullException.ThrowIfNull(phase);
        Site = ChemistryConstraint.SiteOf(phase, site, nameof(site));
        if (!(moleFraction >= 0 && moleFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(moleFraction), moleFraction,
                $"The mole fraction of phase '{phase.Name}' must lie between 0 and 1.");
        Phase = phase;
        MoleFraction = moleFraction;
    }

    /// <summary>The phase.</summary>
    public Phase Phase { get; }

    /// <summary>The site.</summary>
    public AtomSite Site { get; }

    /// <summary>x_p: the phase's formula units per formula unit of the sample.</summary>
    public double MoleFraction { get; }

    /// <summary>m_s: the site's positions per conventional cell.</summary>
    public int Multiplicity => Site.Multiplicity;

    /// <summary>Z_p: the phase's formula units per cell.</summary>
    public double FormulaUnitsPerCell => Phase.FormulaUnitsPerCell;

    /// <summary>m_s / Z_p: positions of the site per formula unit of the phase.</summary>
    public double SitesPerFormulaUnit => Multiplicity / FormulaUnitsPerCell;

    /// <summary>x_p · m_s / Z_p: positions of the site per formula unit of the sample.</summary>
    public double Weight => MoleFraction * SitesPerFormulaUnit;

    /// <summary>The occupancy parameter of an element on this site, <c>layered/Li1/occ[Li]</c>.</summary>
    public ParameterId Occupancy(string element) =>
        ChemistryConstraint.OccupancyId(Phase, Site, ChemistryConstraint.CheckElement(element, nameof(element)));

    /// <summary>The current occupancy of an element on this site (0 when absent).</summary>
    public double CurrentOccupancy(string element) => ChemistryConstraint.OccupancyOf(Site, element);

    /// <summary>The parameter of the phase's fraction, <c>layered/fraction</c>.</summary>
    public ParameterId FractionParameter => ParameterId.PhaseFraction(Phase.Name);

    /// <summary>
    /// Where the weight comes from: "layered/Li1 (3b): x = 0.7, m/Z = 3/3 = 1, x·m/Z = 0.7".
    /// </summary>
    public string Explain() =>
        $"{Phase.Name}/{Site.Label} ({Site.Wyckoff.Label}): x = {ChemistryConstraint.Format(MoleFraction)}, "
        + $"m/Z = {Multiplicity}/{ChemistryConstraint.Format(FormulaUnitsPerCell)} = {ChemistryConstraint.Format(SitesPerFormulaUnit)}, "
        + $"x·m/Z = {ChemistryConstraint.Format(Weight)}";

    /// <inheritdoc cref="Explain"/>
    public override string ToString() => Explain();
}
