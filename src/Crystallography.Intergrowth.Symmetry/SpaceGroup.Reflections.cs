namespace Crystallography.Intergrowth.Symmetry;

public sealed partial class SpaceGroup
{
    /// <summary>
    /// True when the reflection is systematically absent: some operation (W, w) maps h onto itself
    /// (h·W = h) with a phase shift h·w that is not an integer, so the contributions of an atom and
    /// its image cancel in every structure (ITA Vol. A §1.6.4; Vol. B §1.4.2.2).
    /// </summary>
    public bool IsSystematicallyAbsent(MillerIndex hkl)
    {
        foreach (var op in Operations)
        {
            if (op.ApplyToReflection(hkl) == hkl && op.PhaseShiftTwelfths(hkl) % SymmetryOperation.TranslationDenominator != 0)
                return true;
        }
        return false;
    }

    /// <summary>True when the reflection is not systematically absent (the origin is not a reflection and is never allowed).</summary>
    public bool IsAllowed(MillerIndex hkl) => !hkl.IsOrigin && !IsSystematicallyAbsent(hkl);

    /// <summary>
    /// The distinct reflections equivalent to <paramref name="hkl"/> under the point group (h·W for
    /// every rotation W), with Friedel mates −h added when <paramref name="includeFriedelMates"/> is
    /// true (the Laue-class equivalents that a powder pattern superimposes). The list is sorted so
    /// that its first element is the conventional representative (largest l, then k, then h).
    /// </summary>
    public IReadOnlyList<MillerIndex> EquivalentReflections(MillerIndex hkl, bool includeFriedelMates = true)
    {
        var set = new HashSet<MillerIndex>();
        foreach (var op in PrimitiveOperations)
        {
            var image = op.ApplyToReflection(hkl);
            set.Add(image);
            if (includeFriedelMates) set.Add(-image);
        }
        var list = set.ToList();
        list.Sort(MillerIndex.CompareForRepresentative);
        return list;
    }

    /// <summary>
    /// The powder multiplicity: the number of distinct reflections that superimpose at the same
    /// d-spacing by symmetry, Friedel mates included (2 for (0 0 3) of R-3m, 6 for its (1 0 4)).
    /// </summary>
    public int Multiplicity(MillerIndex hkl)
    {
        if (hkl.IsOrigin) return 1;
        return EquivalentReflections(hkl, includeFriedelMates: true).Count;
    }

    /// <summary>
    /// The unique reflections (one representative per family of Laue-equivalents) with
    /// |h|, |k|, |l| ≤ <paramref name="maximumIndex"/>, systematic absences removed.
    /// </summary>
    public IReadOnlyList<MillerIndex> UniqueReflections(int maximumIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximumIndex);
        var seen = new HashSet<MillerIndex>();
        var result = new List<MillerIndex>();
        for (int h = -maximumIndex; h <= maximumIndex; h++)
            for (int k = -maximumIndex; k <= maximumIndex; k++)
                for (int l = -maximumIndex; l <= maximumIndex; l++)
                {
                    var hkl = new MillerIndex(h, k, l);
                    if (hkl.IsOrigin || seen.Contains(hkl)) continue;
                    var family = EquivalentReflections(hkl);
                    foreach (var e in family) seen.Add(e);
                    if (!IsSystematicallyAbsent(hkl)) result.Add(family[0]);
                }
        return result;
    }

    /// <summary>
    /// The reflection conditions derived from the operations, in International Tables' form, one per
    /// class of reflections that has a condition: ("hkl", "h+k=2n"), ("00l", "l=3n"), …
    /// </summary>
    /// <remarks>
    /// Each class (general, zones, rows) is tested over a box of indices, on its generic members
    /// (those not symmetry-equivalent to a member of a more special class); the condition printed is
    /// the simplest one from a list of the conditions that occur in International Tables that
    /// reproduces the absences exactly there, or, failing that, a phrase pointing to
    /// <see cref="IsSystematicallyAbsent"/>. Classes without absences are omitted.
    /// </remarks>
    public IReadOnlyList<ReflectionCondition> ReflectionConditions => ReflectionConditionFinder.Find(this);
}

/// <summary>A condition for reflections of one class to be present, e.g. class "h0l", condition "l=2n".</summary>
/// <param name="ReflectionClass">The class of reflections: "hkl", "0kl", "h0l", "hk0", "hhl", "h00", "0k0", "00l", "hh0", "h-hl", …</param>
/// <param name="Condition">The condition for them to be present, e.g. "h+k=2n", "l=4n", "-h+k+l=3n".</param>
public sealed record ReflectionCondition(string ReflectionClass, string Condition)
{
    /// <summary>Written as "h0l: l=2n".</summary>
    public override string ToString() => $"{ReflectionClass}: {Condition}";
}
