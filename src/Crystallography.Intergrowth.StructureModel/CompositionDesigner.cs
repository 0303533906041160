using System.Globalization;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// One or more transition-metal species held in fixed relative amounts and solved for as one
/// unknown by the <see cref="CompositionDesigner"/>: a single species ("Ru5+"), or, when a family
/// has more than two transition metals, a mix whose internal ratio the user fixes (Ni2+ : Co3+ =
/// 1 : 1). Immutable.
/// </summary>
public sealed class TransitionMetalGroup : IEquatable<TransitionMetalGroup>
{
    private readonly KeyValuePair<Species, Fraction>[] _parts;

    private TransitionMetalGroup(KeyValuePair<Species, Fraction>[] parts)
    {
        _parts = parts;
        Fraction total = Fraction.Zero;
        Fraction charge = Fraction.Zero;
        foreach (var (species, part) in parts)
        {
            total += part;
            charge += species.Charge!.Value * part;
        }
        TotalParts = total;
        AverageCharge = charge / total;
    }

    /// <summary>Each species and its relative amount (parts), as given.</summary>
    public IReadOnlyList<KeyValuePair<Species, Fraction>> Parts => _parts;

    /// <summary>The sum of the parts.</summary>
    public Fraction TotalParts { get; }

    /// <summary>The mean oxidation state of the group, weighted by the parts: exact.</summary>
    public Fraction AverageCharge { get; }

    /// <summary>A group of one species.</summary>
    /// <exception cref="ArgumentException">The species has no charge.</exception>
    public static TransitionMetalGroup Single(Species species) => Of([KeyValuePair.Create(species, Fraction.One)]);

    /// <summary>Species in fixed relative amounts, e.g. (Ni2+, 1), (Co3+, 1).</summary>
    /// <exception cref="ArgumentException">
    /// No species, a species without a charge, a species given twice, or a part that is not positive.
    /// </exception>
    public static TransitionMetalGroup Of(IEnumerable<KeyValuePair<Species, Fraction>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToArray();
        if (list.Length == 0) throw new ArgumentException("A transition-metal group needs at least one species.", nameof(parts));
        var seen = new HashSet<Species>();
        foreach (var (species, part) in list)
        {
            ArgumentNullException.ThrowIfNull(species, nameof(parts));
            if (species.Charge is null)
                throw new ArgumentException($"{species} has no oxidation state; charge balance needs one (write e.g. Ni2+).", nameof(parts));
            if (part.Sign <= 0)
                throw new ArgumentException($"The relative amount of {species} is {part}; it must be positive.", nameof(parts));
            if (!seen.Add(species))
                throw new ArgumentException($"{species} is given twice in one group.", nameof(parts));
        }
        return new TransitionMetalGroup(list);
    }

    /// <summary>Written as "Ru5+" or "(Ni2+)1(Co3+)1".</summary>
    public override string ToString() =>
        _parts.Length == 1
            ? _parts[0].Key.ToString()
            : string.Concat(_parts.Select(p => $"({p.Key}){p.Value}"));

    /// <inheritdoc />
    public bool Equals(TransitionMetalGroup? other) => other is not null && _parts.SequenceEqual(other._parts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TransitionMetalGroup);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _parts) hash.Add(p);
        return hash.ToHashCode();
    }
}

/// <summary>
/// A family of compositions Li(b+x) M1(g1) M2(g2) A(n) of the study's kind: a fixed anion part
/// A(n) (two O2− per formula unit), a lithium content b + x with a variable excess x (b = 1), and
/// two transition-metal groups whose amounts g1, g2 follow from two conditions:
/// <list type="bullet">
/// <item>charge balance, q(Li)·(b+x) + Q1·g1 + Q2·g2 + q(A)·n = 0;</item>
/// <item>a full cation sublattice, (b+x) + g1 + g2 = cation sites — by default equal to the number
/// of anions, as in a rocksalt-derived structure where cations and anions are equal in number.</item>
/// </list>
/// With two transition-metal species the solution is unique. With more, the user fixes the extra
/// ones' ratios by putting them into a <see cref="TransitionMetalGroup"/> with another species, so
/// that there are still two unknowns. Immutable.
/// </summary>
public sealed class CompositionFamily : IEquatable<CompositionFamily>
{
    /// <summary>Describes a family; see the type's summary for the two conditions it imposes.</summary>
    /// <param name="lithium">The lithium (or other alkali) species, with its charge, e.g. Li+.</param>
    /// <param name="first">The first transition-metal group, e.g. Ni2+.</param>
    /// <param name="second">The second transition-metal group, e.g. Ru5+.</param>
    /// <param name="anion">The anion, with its (negative) charge, e.g. O2−.</param>
    /// <param name="anionAmount">Anions per formula unit (2 for an O2 formula unit).</param>
    /// <param name="baseLithium">The lithium content at x = 0 (1 for Li(1+x)).</param>
    /// <param name="cationSites">Cation sites per formula unit; null means equal to <paramref name="anionAmount"/>.</param>
    /// <exception cref="ArgumentException">
    /// A species lacks a charge, the anion is not negative, the amounts are not positive, a species
    /// appears twice, or the two groups have the same mean charge (then the conditions do not fix
    /// their amounts).
    /// </exception>
    public CompositionFamily(Species lithium, TransitionMetalGroup first, TransitionMetalGroup second, Species anion,
        Fraction anionAmount, Fraction baseLithium, Fraction? cationSites = null)
    {
        ArgumentNullException.ThrowIfNull(lithium);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(anion);
        if (lithium.Charge is not > 0)
            throw new ArgumentException($"The lithium species {lithium} needs a positive charge (Li+).", nameof(lithium));
        if (anion.Charge is not < 0)
            throw new ArgumentException($"The anion {anion} needs a negative charge (O2-).", nameof(anion));
        if (anionAmount.Sign <= 0)
            throw new ArgumentException($"The anion amount {anionAmount} must be positive.", nameof(anionAmount));
        if (baseLithium.Sign < 0)
            throw new ArgumentException($"The base lithium content {baseLithium} must not be negative.", nameof(baseLithium));
        Fraction sites = cationSites ?? anionAmount;
        if (sites.Sign <= 0)
            throw new ArgumentException($"The number of cation sites {sites} must be positive.", nameof(cationSites));
        if (first.AverageCharge == second.AverageCharge)
            throw new ArgumentException(
                $"The groups {first} and {second} have the same mean charge {first.AverageCharge}: charge balance and "
                + "the cation count then cannot fix their amounts separately.", nameof(second));
        // Mixed valence of one element (Mn3+ in one group, Mn4+ in the other) is allowed; one species in two roles is not.
        var species = new HashSet<Species>();
        foreach (Species s in new[] { lithium, anion }.Concat(first.Parts.Select(p => p.Key)).Concat(second.Parts.Select(p => p.Key)))
            if (!species.Add(s))
                throw new ArgumentException($"{s} appears more than once in the family; each species may play one role.", nameof(first));
        Lithium = lithium;
        First = first;
        Second = second;
        Anion = anion;
        AnionAmount = anionAmount;
        BaseLithium = baseLithium;
        CationSites = sites;
    }

    /// <summary>
    /// The study's family Li(1+x) Ni2+(a) Ru5+(b) O2 with Li+ and O2−: charge balance
    /// (1+x) + 2a + 5b = 4 and a full cation sublattice (1+x) + a + b = 2, so that
    /// a = (2 − 4x)/3 and b = (1 + x)/3 (Li1.2Ni0.4Ru0.4O2 at x = 0.2, Li7/6Ni4/9Ru7/18O2 at x = 1/6).
    /// </summary>
    public static CompositionFamily LithiumNickelRuthenate { get; } = LithiumExcess(Species.Parse("Ni2+"), Species.Parse("Ru5+"));

    /// <summary>Li(1+x) M1 M2 O2 with Li+ and O2− and two transition-metal species.</summary>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static CompositionFamily LithiumExcess(Species first, Species second) =>
        new(Species.Parse("Li+"), TransitionMetalGroup.Single(first), TransitionMetalGroup.Single(second),
            Species.Parse("O2-"), 2, 1);

    /// <summary>The lithium species.</summary>
    public Species Lithium { get; }

    /// <summary>The first transition-metal group.</summary>
    public TransitionMetalGroup First { get; }

    /// <summary>The second transition-metal group.</summary>
    public TransitionMetalGroup Second { get; }

    /// <summary>The anion.</summary>
    public Species Anion { get; }

    /// <summary>Anions per formula unit.</summary>
    public Fraction AnionAmount { get; }

    /// <summary>The lithium content at x = 0.</summary>
    public Fraction BaseLithium { get; }

    /// <summary>Cation sites per formula unit (the sum every member's cation amounts equals).</summary>
    public Fraction CationSites { get; }

    /// <summary>
    /// The amounts of the two groups at excess <paramref name="x"/>, solved exactly from
    /// g1 + g2 = S − L and Q1·g1 + Q2·g2 = −q(A)·n − q(Li)·L with L = b + x. May be negative
    /// outside <see cref="ExcessRange"/>.
    /// </summary>
    public (Fraction First, Fraction Second) GroupAmounts(Fraction x)
    {
        Fraction lithium = BaseLithium + x;
        Fraction cations = CationSites - lithium;
        Fraction charge = -(Fraction)Anion.Charge!.Value * AnionAmount - (Fraction)Lithium.Charge!.Value * lithium;
        Fraction q1 = First.AverageCharge;
        Fraction q2 = Second.AverageCharge;
        Fraction second = (charge - q1 * cations) / (q2 - q1);
        return (cations - second, second);
    }

    /// <summary>
    /// The closed interval of x over which every amount (lithium and both groups) is non-negative, or
    /// null when there is none. Each amount is affine in x, so the bounds are exact.
    /// </summary>
    public (Fraction Minimum, Fraction Maximum)? ExcessRange
    {
        get
        {
            // Lithium b + x ≥ 0.
            Fraction min = -BaseLithium;
            Fraction? max = null;
            var (first0, second0) = GroupAmounts(Fraction.Zero);
            var (first1, second1) = GroupAmounts(Fraction.One);
            foreach (var (at0, at1) in new[] { (first0, first1), (second0, second1) })
            {
                Fraction slope = at1 - at0;
                if (slope.IsZero)
                {
                    if (at0.Sign < 0) return null;
                    continue;
                }
                Fraction root = -at0 / slope;
                if (slope.Sign > 0)
                    min = root > min ? root : min;
                else
                    max = max is { } m && m < root ? m : root;
            }
            // The cation count S − L falls with x, so at least one group's amount has a negative slope.
            Fraction upper = max!.Value;
            return min <= upper ? (min, upper) : null;
        }
    }

    /// <summary>"Li+(1+x) Ni2+ Ru5+ O2-(2), cation sites 2".</summary>
    public override string ToString() =>
        $"{Lithium}({BaseLithium}+x) {First} {Second} {Anion}({AnionAmount}), cation sites {CationSites}";

    /// <inheritdoc />
    public bool Equals(CompositionFamily? other) =>
        other is not null && Lithium == other.Lithium && First.Equals(other.First) && Second.Equals(other.Second)
        && Anion == other.Anion && AnionAmount == other.AnionAmount && BaseLithium == other.BaseLithium
        && CationSites == other.CationSites;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CompositionFamily);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Lithium, First, Second, Anion, AnionAmount, BaseLithium, CationSites);
}

/// <summary>
/// A member of a <see cref="CompositionFamily"/> at one lithium excess x, with exact amounts. Its
/// <see cref="Charge"/> and <see cref="CationSum"/> are recomputed from the amounts (not copied from
/// the equations), so a test of them checks the solution. Immutable.
/// </summary>
public sealed class DesignedComposition : IEquatable<DesignedComposition>
{
    private readonly KeyValuePair<Species, Fraction>[] _amounts;

    internal DesignedComposition(CompositionFamily family, Fraction x, KeyValuePair<Species, Fraction>[] amounts)
    {
        Family = family;
        X = x;
        _amounts = amounts;
        Composition = Composition.FromExactAmounts(amounts);
        Fraction charge = Fraction.Zero;
        Fraction cations = Fraction.Zero;
        foreach (var (species, amount) in amounts)
        {
            charge += species.Charge!.Value * amount;
            if (species.Charge > 0) cations += amount;
        }
        Charge = charge;
        CationSum = cations;
    }

    /// <summary>The family this composition belongs to.</summary>
    public CompositionFamily Family { get; }

    /// <summary>The lithium excess x.</summary>
    public Fraction X { get; }

    /// <summary>Exact amount per formula unit of every species (lithium, the transition metals, the anion), zeros included.</summary>
    public IReadOnlyList<KeyValuePair<Species, Fraction>> Amounts => _amounts;

    /// <summary>The composition (exact; zero amounts dropped).</summary>
    public Composition Composition { get; }

    /// <summary>The total charge Σ charge × amount, exact: zero for every member of a family.</summary>
    public Fraction Charge { get; }

    /// <summary>The sum of the cation amounts, exact: the family's cation sites.</summary>
    public Fraction CationSum { get; }

    /// <summary>The exact amount of a species; zero when absent.</summary>
    public Fraction Amount(Species species)
    {
        ArgumentNullException.ThrowIfNull(species);
        foreach (var (s, amount) in _amounts)
            if (s == species) return amount;
        return Fraction.Zero;
    }

    /// <summary>The formula with exact fractions, "Li7/6Ni4/9Ru7/18O2".</summary>
    public string Formula => Composition.ToFractionString();

    /// <summary>"x = 1/6: Li7/6Ni4/9Ru7/18O2 (Li1.1667Ni0.4444Ru0.3889O2)".</summary>
    public override string ToString() => $"x = {X}: {Formula} ({Composition})";

    /// <inheritdoc />
    public bool Equals(DesignedComposition? other) =>
        other is not null && Family.Equals(other.Family) && X == other.X && _amounts.SequenceEqual(other._amounts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DesignedComposition);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Family, X);
}

/// <summary>
/// Designs compositions of a <see cref="CompositionFamily"/>: for each lithium excess x, the exact
/// amounts that satisfy charge balance and a full cation sublattice (step 6 of the study's workflow,
/// docs/chemistry.md).
/// </summary>
public static class CompositionDesigner
{
    /// <summary>The member of <paramref name="family"/> at excess <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// At <paramref name="x"/> some amount would be negative (the message names the species and the
    /// family's feasible range).
    /// </exception>
    public static DesignedComposition Design(CompositionFamily family, Fraction x)
    {
        ArgumentNullException.ThrowIfNull(family);
        Fraction lithium = family.BaseLithium + x;
        var (first, second) = family.GroupAmounts(x);
        var amounts = new List<KeyValuePair<Species, Fraction>> { KeyValuePair.Create(family.Lithium, lithium) };
        foreach (var (group, total) in new[] { (family.First, first), (family.Second, second) })
            foreach (var (species, part) in group.Parts)
                amounts.Add(KeyValuePair.Create(species, total * part / group.TotalParts));
        amounts.Add(KeyValuePair.Create(family.Anion, family.AnionAmount));
        foreach (var (species, amount) in amounts)
        {
            if (amount.Sign < 0)
            {
                string range = family.ExcessRange is var (min, max) ? $"x from {min} to {max}" : "no x at all";
                throw new ArgumentOutOfRangeException(nameof(x), x.ToString(),
                    $"At x = {x} the amount of {species} would be {amount}; the family {family} has non-negative amounts for {range}.");
            }
        }
        return new DesignedComposition(family, x, amounts.ToArray());
    }

    /// <summary>Like <see cref="Design(CompositionFamily, Fraction)"/>, returning false instead of throwing when x is outside the feasible range.</summary>
    public static bool TryDesign(CompositionFamily family, Fraction x, out DesignedComposition? composition)
    {
        ArgumentNullException.ThrowIfNull(family);
        composition = null;
        if (family.ExcessRange is not var (min, max) || x < min || x > max) return false;
        composition = Design(family, x);
        return true;
    }

    /// <summary>
    /// The members at x = <paramref name="from"/>, from + step, … up to and including
    /// <paramref name="to"/> when the steps land on it; exact, so 0 to 1/3 in steps of 1/30 gives 11
    /// members.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The step is not positive, <paramref name="to"/> is below <paramref name="from"/>, the grid has
    /// more than 100 000 points, or a grid point lies outside the feasible range.
    /// </exception>
    public static IReadOnlyList<DesignedComposition> DesignGrid(CompositionFamily family, Fraction from, Fraction to, Fraction step)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (step.Sign <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step.ToString(), "The step in x must be positive.");
        if (to < from)
            throw new ArgumentOutOfRangeException(nameof(to), to.ToString(), $"The grid ends at {to}, below its start {from}.");
        Fraction count = (to - from) / step;
        if (count > 100_000)
            throw new ArgumentOutOfRangeException(nameof(step), step.ToString(),
                $"From {from} to {to} in steps of {step} is {((double)count).ToString("G6", CultureInfo.InvariantCulture)} points; at most 100 000 are designed at once.");
        var members = new List<DesignedComposition>();
        for (Fraction x = from; x <= to; x += step) members.Add(Design(family, x));
        return members;
    }

    /// <summary>The members at each given x, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An x lies outside the feasible range.</exception>
    public static IReadOnlyList<DesignedComposition> Design(CompositionFamily family, IEnumerable<Fraction> excesses)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(excesses);
        return excesses.Select(x => Design(family, x)).ToArray();
    }
}
