using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// An element moving between sites — usually of two phases — with its total fixed:
/// Σ_s x_p·(m_s/Z_p)·Δocc(E, s) = 0. The coefficients are derived from the phase fractions, Z and
/// the site multiplicities, and shown (<see cref="Explain"/>), in decimals and in smallest integers,
/// so that nobody has to type them. Immutable.
/// </summary>
/// <example>
/// The reference study, per O2 at 70:30 (layered Z = 3, Li1 on 3b: m/Z = 1; rocksalt Z = 2, M1 on
/// 4a: m/Z = 2): 0.7·1·Δocc(layered) + 0.3·2·Δocc(rocksalt) = 0, i.e.
/// 7·Δocc(layered) = −6·Δocc(rocksalt), written about the current values as
/// <c>7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6</c>. (The study's prose quotes the 6
/// and the 7 the other way round; its occupancy tables agree with this form.)
/// </example>
public sealed class ElementTransfer : ChemistryConstraint
{
    private readonly Dictionary<ParameterId, double> _current;

    private ElementTransfer(string element, ImmutableArray<SiteShare> sites)
    {
        Element = element;
        Sites = sites;
        _current = ElementTotal.CurrentOccupancies(element, sites);
        Coefficients = [.. sites.Select(s => new ConstraintTerm(s.Occupancy(element), s.Weight))];
        CurrentTotal = sites.Sum(s => s.Weight * s.CurrentOccupancy(element));
        string description = $"{element} transfer between {string.Join(", ", sites.Select(s => $"{s.Phase.Name}/{s.Site.Label}"))}, total kept";
        Constraints = [LinearConstraint.FromChange(Coefficients, _current, description)];
        if (LinearConstraintComparison.SmallestIntegerCoefficients(Coefficients.Select(c => c.Coefficient).ToArray()) is { } n)
        {
            IntegerCoefficients = [.. Coefficients.Select((c, i) => c with { Coefficient = n[i] })];
            double constant = LinearConstraintComparison.RoundSignificant(
                IntegerCoefficients.Value.Sum(c => c.Coefficient * _current[c.Parameter]), 12);
            IntegerConstraint = new LinearConstraint(IntegerCoefficients.Value, constant, description + " (in smallest integers)");
        }
    }

    /// <summary>The element that moves, "Li".</summary>
    public string Element { get; }

    /// <summary>The sites it moves between, each with its weight x_p·m_s/Z_p.</summary>
    public ImmutableArray<SiteShare> Sites { get; }

    /// <summary>The derived coefficients x_p·m_s/Z_p of each occupancy (0.7 and 0.6 for the study).</summary>
    public ImmutableArray<ConstraintTerm> Coefficients { get; }

    /// <summary>The same in smallest whole numbers (7 and 6), or null when the ratios are not simple fractions.</summary>
    public ImmutableArray<ConstraintTerm>? IntegerCoefficients { get; }

    /// <summary>The equation in smallest whole numbers about the current values (<c>7*… + 6*… = 10.6</c>), or null as for <see cref="IntegerCoefficients"/>.</summary>
    public LinearConstraint? IntegerConstraint { get; }

    /// <summary>The element's content on these sites now, per formula unit of the sample, which the transfer keeps.</summary>
    public double CurrentTotal { get; }

    /// <summary>Σ cᵢ·occᵢ = Σ cᵢ·occᵢ(current) with the derived coefficients: the change form written about the phases' current occupancies.</summary>
    public override ImmutableArray<LinearConstraint> Constraints { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<ParameterId, double> CurrentValues => _current;

    /// <summary>
    /// <paramref name="element"/> moves between the given sites (two or more; in one phase or in
    /// several) with its total kept: <c>ElementTransfer.Between("Li", new SiteShare(layered, "Li1", 0.7), new SiteShare(rocksalt, "M1", 0.3))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Fewer than two sites, a site given twice, one phase at two mole fractions, a site of weight
    /// zero (a phase at mole fraction 0), or an unknown element.
    /// </exception>
    public static ElementTransfer Between(string element, params IEnumerable<SiteShare> sites)
    {
        CheckElement(element, nameof(element));
        var list = ElementTotal.CheckSites(element, sites, 2, nameof(sites));
        foreach (var s in list)
            if (s.Weight == 0)
                throw new ArgumentException($"Phase '{s.Phase.Name}' is at mole fraction 0: {element} cannot move to or from {s.Phase.Name}/{s.Site.Label}.", nameof(sites));
        return new ElementTransfer(element, list);
    }

    /// <summary>The change form Σ cᵢ·Δoccᵢ = 0 written about other current values (a later cycle's), with the derived coefficients.</summary>
    /// <exception cref="KeyNotFoundException">An occupancy has no value.</exception>
    public LinearConstraint ChangeForm(IReadOnlyDictionary<ParameterId, double> currentValues) =>
        LinearConstraint.FromChange(Coefficients, currentValues, Constraints[0].Description);

    /// <summary>
    /// The same statement with the phase fractions as parameters (total kept at <see cref="CurrentTotal"/>):
    /// Σ_s (m_s/Z_p)·fraction_p·occ(E, s) = n, bilinear.
    /// </summary>
    public BilinearConstraint ToBilinear() =>
        ElementTotal.Bilinear(Element, Sites, CurrentTotal, $"{Element} transfer, total kept at {Format(CurrentTotal)} per formula unit, phase fractions refined");

    /// <summary>
    /// The derivation, line by line:
    /// <code>
    /// Li transfer with the total kept (per formula unit of the sample):
    ///   Σ_s x_p · (m_s/Z_p) · Δocc(Li, s) = 0
    ///   layered/Li1/occ[Li]: layered/Li1 (3b): x = 0.7, m/Z = 3/3 = 1, x·m/Z = 0.7
    ///   rocksalt/M1/occ[Li]: rocksalt/M1 (4a): x = 0.3, m/Z = 4/2 = 2, x·m/Z = 0.6
    ///   0.7·Δlayered/Li1/occ[Li] + 0.6·Δrocksalt/M1/occ[Li] = 0
    ///   in smallest integers: 7·Δlayered/Li1/occ[Li] + 6·Δrocksalt/M1/occ[Li] = 0
    ///   i.e. 7·Δlayered/Li1/occ[Li] = -6·Δrocksalt/M1/occ[Li]
    ///   about the current values: 7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6
    /// </code>
    /// </summary>
    public override string Explain()
    {
        var sb = new StringBuilder();
        sb.Append(Element).Append(" transfer with the total kept (per formula unit of the sample):").AppendLine();
        sb.Append("  Σ_s x_p · (m_s/Z_p) · Δocc(").Append(Element).Append(", s) = 0").AppendLine();
        foreach (var s in Sites) sb.Append("  ").Append(s.Occupancy(Element)).Append(": ").Append(s.Explain()).AppendLine();
        sb.Append("  ").Append(ChangeText(Coefficients)).AppendLine();
        if (IntegerCoefficients is { } n)
        {
            sb.Append("  in smallest integers: ").Append(ChangeText(n)).AppendLine();
            if (n.Length == 2)
                sb.Append("  i.e. ").Append(Format(n[0].Coefficient)).Append("·Δ").Append(n[0].Parameter)
                  .Append(" = ").Append(Format(-n[1].Coefficient)).Append("·Δ").Append(n[1].Parameter).AppendLine();
            sb.Append("  about the current values: ").Append(IntegerConstraint);
        }
        else
        {
            sb.Append("  about the current values: ").Append(Constraints[0]);
        }
        return sb.ToString();
    }

    // "0.7·Δa + 0.6·Δb = 0"; with two terms of opposite sign that is also "… = …" but one form is enough.
    private static string ChangeText(IEnumerable<ConstraintTerm> terms)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var t in terms)
        {
            if (first) { if (t.Coefficient < 0) sb.Append('-'); }
            else sb.Append(t.Coefficient < 0 ? " - " : " + ");
            sb.Append(Format(Math.Abs(t.Coefficient))).Append("·Δ").Append(t.Parameter);
            first = false;
        }
        return sb.Append(" = 0").ToString();
    }
}
