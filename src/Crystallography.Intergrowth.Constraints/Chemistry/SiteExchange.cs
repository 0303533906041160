using System.Collections.Immutable;
using System.Text;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// Two elements trading places between two sites of one phase (antisite disorder; Li/Ni
/// intermixing in a layered oxide), driven by one variable z: the occupancy of the second element
/// on the first site. Both site sums and the phase's composition stay as they are.
/// Immutable.
/// </summary>
/// <remarks>
/// With A the first element (Li), B the second (Ni), s₁ the first site (3b, the Li layer), s₂ the
/// second (3a, the metal layer), r = m(s₁)/m(s₂) and the current occupancies as reference (A₁⁰, B₁⁰,
/// A₂⁰, B₂⁰):
/// <code>
/// occ(B, s₁) = z
/// occ(A, s₁) = A₁⁰ − (z − B₁⁰)
/// occ(A, s₂) = A₂⁰ + r·(z − B₁⁰)
/// occ(B, s₂) = B₂⁰ − r·(z − B₁⁰)
/// </code>
/// Site s₁ gains as much B as it loses A; site s₂ the reverse; r makes the numbers of atoms moved
/// each way equal (m₁·Δ = m₂·r·Δ), so the composition is kept. For the layered phase (3b and 3a,
/// r = 1) from Li 1 on 3b and Li 0.2, Ni 0.4 on 3a this is the study's Ni 3b = z, Li 3b = 1 − z,
/// Li 3a = 0.2 + z, Ni 3a = 0.4 − z. The three equations are written as equivalences with offsets,
/// z = occ(B, s₁) being the one independent variable.
/// </remarks>
public sealed class SiteExchange : ChemistryConstraint
{
    private readonly Dictionary<ParameterId, double> _current;

    private SiteExchange(Phase phase, AtomSite firstSite, string firstElement, AtomSite secondSite, string secondElement)
    {
        Phase = phase;
        FirstSite = firstSite;
        FirstElement = firstElement;
        SecondSite = secondSite;
        SecondElement = secondElement;
        MultiplicityRatio = (double)firstSite.Multiplicity / secondSite.Multiplicity;
        Variable = OccupancyId(phase, firstSite, secondElement);
        ReferenceZ = OccupancyOf(firstSite, secondElement);
        _current = new Dictionary<ParameterId, double>
        {
            [Variable] = ReferenceZ,
            [OccupancyId(phase, firstSite, firstElement)] = OccupancyOf(firstSite, firstElement),
            [OccupancyId(phase, secondSite, firstElement)] = OccupancyOf(secondSite, firstElement),
            [OccupancyId(phase, secondSite, secondElement)] = OccupancyOf(secondSite, secondElement),
        };

        double a1 = OccupancyOf(firstSite, firstElement), a2 = OccupancyOf(secondSite, firstElement);
        double b1 = ReferenceZ, b2 = OccupancyOf(secondSite, secondElement), r = MultiplicityRatio;
        ParameterId pa1 = OccupancyId(phase, firstSite, firstElement);
        ParameterId pa2 = OccupancyId(phase, secondSite, firstElement);
        ParameterId pb2 = OccupancyId(phase, secondSite, secondElement);
        string z = $"with z = {Variable}";
        Constraints =
        [
            // occ(A, s1) + z = A1 + B1
            new LinearConstraint([new(pa1, 1), new(Variable, 1)], a1 + b1, $"{pa1} = {Offset(a1 + b1, -1)} {z}"),
            // occ(A, s2) − r·z = A2 − r·B1
            new LinearConstraint([new(pa2, 1), new(Variable, -r)], a2 - r * b1, $"{pa2} = {Offset(a2 - r * b1, r)} {z}"),
            // occ(B, s2) + r·z = B2 + r·B1
            new LinearConstraint([new(pb2, 1), new(Variable, r)], b2 + r * b1, $"{pb2} = {Offset(b2 + r * b1, -r)} {z}"),
        ];
    }

    /// <summary>The phase.</summary>
    public Phase Phase { get; }

    /// <summary>The first site (the Li layer, 3b), which the second element enters as z grows.</summary>
    public AtomSite FirstSite { get; }

    /// <summary>The element that leaves the first site for the second as z grows (Li).</summary>
    public string FirstElement { get; }

    /// <summary>The second site (the metal layer, 3a).</summary>
    public AtomSite SecondSite { get; }

    /// <summary>The element that leaves the second site for the first as z grows (Ni).</summary>
    public string SecondElement { get; }

    /// <summary>r = m(first site)/m(second site): how much the second site's occupancies change per unit of z.</summary>
    public double MultiplicityRatio { get; }

    /// <summary>The independent variable z: the second element's occupancy on the first site, <c>layered/Li1/occ[Ni]</c>.</summary>
    public ParameterId Variable { get; }

    /// <summary>z in the phase as given (the reference of the offsets).</summary>
    public double ReferenceZ { get; }

    /// <inheritdoc />
    public override ImmutableArray<LinearConstraint> Constraints { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<ParameterId, double> CurrentValues => _current;

    /// <summary>
    /// Exchange of <paramref name="firstElement"/> on <paramref name="firstSite"/> with
    /// <paramref name="secondElement"/> on <paramref name="secondSite"/> (either may be absent now,
    /// occupancy 0): <c>SiteExchange.Create(layered, "Li1", "Li", "M1", "Ni")</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A site does not exist, the two sites or two elements are the same, or an element symbol is unknown.
    /// </exception>
    public static SiteExchange Create(Phase phase, string firstSite, string firstElement, string secondSite, string secondElement)
    {
        ArgumentNullException.ThrowIfNull(phase);
        AtomSite s1 = SiteOf(phase, firstSite, nameof(firstSite));
        AtomSite s2 = SiteOf(phase, secondSite, nameof(secondSite));
        CheckElement(firstElement, nameof(firstElement));
        CheckElement(secondElement, nameof(secondElement));
        if (s1.Label == s2.Label)
            throw new ArgumentException($"An exchange needs two different sites; both are {phase.Name}/{s1.Label}.", nameof(secondSite));
        if (firstElement == secondElement)
            throw new ArgumentException($"An exchange needs two different elements; both are {firstElement}.", nameof(secondElement));
        return new SiteExchange(phase, s1, firstElement, s2, secondElement);
    }

    /// <summary>The four occupancies at exchange z (z = 0.05: Ni 3b 0.05, Li 3b 0.95, Li 3a 0.25, Ni 3a 0.35).</summary>
    public IReadOnlyDictionary<ParameterId, double> Occupancies(double z)
    {
        double dz = z - ReferenceZ, r = MultiplicityRatio;
        return new Dictionary<ParameterId, double>
        {
            [Variable] = z,
            [OccupancyId(Phase, FirstSite, FirstElement)] = OccupancyOf(FirstSite, FirstElement) - dz,
            [OccupancyId(Phase, SecondSite, FirstElement)] = OccupancyOf(SecondSite, FirstElement) + r * dz,
            [OccupancyId(Phase, SecondSite, SecondElement)] = OccupancyOf(SecondSite, SecondElement) - r * dz,
        };
    }

    /// <inheritdoc />
    public override string Explain()
    {
        var sb = new StringBuilder();
        sb.Append($"Exchange of {FirstElement} on {Phase.Name}/{FirstSite.Label} ({FirstSite.Wyckoff.Label}) with ")
          .Append($"{SecondElement} on {Phase.Name}/{SecondSite.Label} ({SecondSite.Wyckoff.Label}); ")
          .Append($"z = {Variable}, now {Format(ReferenceZ)}; ")
          .Append($"r = m/m = {FirstSite.Multiplicity}/{SecondSite.Multiplicity} = {Format(MultiplicityRatio)}.")
          .AppendLine();
        foreach (var c in Constraints)
            sb.Append("  ").Append(c.Description![..c.Description!.IndexOf(" with z", StringComparison.Ordinal)]).Append(":  ").Append(c).AppendLine();
        sb.Append("  site sums and composition are kept");
        return sb.ToString();
    }

    // "1 − z", "0.2 + z", "0.4 − z", "0.2 + 2·z".
    private static string Offset(double constant, double slope)
    {
        string s = Math.Abs(slope) == 1 ? "z" : $"{Format(Math.Abs(slope))}·z";
        return $"{Format(constant)} {(slope < 0 ? "−" : "+")} {s}";
    }
}
