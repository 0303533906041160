namespace Crystallography.Intergrowth.Symmetry;

/// <summary>Derives readable reflection conditions from the systematic absences of a group.</summary>
internal static class ReflectionConditionFinder
{
    private const int Box = 6; // up to l = 6n conditions (P61) need indices to 6 and beyond 0

    // Classes of reflections in International Tables' notation (three-index form; for hexagonal
    // axes "hhl" is hh-2hl and "h-hl" is h-h0l).
    private static readonly (string Name, Func<int, int, MillerIndex> Member, bool Row, Func<MillerIndex, bool> Contains)[] Classes =
    [
        ("hkl", (_, _) => default, false, _ => true),
        ("0kl", (a, b) => new MillerIndex(0, a, b), false, m => m.H == 0),
        ("h0l", (a, b) => new MillerIndex(a, 0, b), false, m => m.K == 0),
        ("hk0", (a, b) => new MillerIndex(a, b, 0), false, m => m.L == 0),
        ("hhl", (a, b) => new MillerIndex(a, a, b), false, m => m.H == m.K),
        ("h-hl", (a, b) => new MillerIndex(a, -a, b), false, m => m.H == -m.K),
        ("h00", (a, _) => new MillerIndex(a, 0, 0), true, m => m.K == 0 && m.L == 0),
        ("0k0", (a, _) => new MillerIndex(0, a, 0), true, m => m.H == 0 && m.L == 0),
        ("00l", (a, _) => new MillerIndex(0, 0, a), true, m => m.H == 0 && m.K == 0),
        ("hh0", (a, _) => new MillerIndex(a, a, 0), true, m => m.H == m.K && m.L == 0),
        ("hhh", (a, _) => new MillerIndex(a, a, a), true, m => m.H == m.K && m.K == m.L),
    ];

    // Conditions that occur in International Tables, simplest first.
    private static readonly (string Text, Func<MillerIndex, bool> Holds)[] Candidates =
    [
        ("h=2n", m => Even(m.H)), ("k=2n", m => Even(m.K)), ("l=2n", m => Even(m.L)),
        ("h=3n", m => Mod(m.H, 3)), ("k=3n", m => Mod(m.K, 3)), ("l=3n", m => Mod(m.L, 3)),
        ("h=4n", m => Mod(m.H, 4)), ("k=4n", m => Mod(m.K, 4)), ("l=4n", m => Mod(m.L, 4)),
        ("l=6n", m => Mod(m.L, 6)),
        ("h+k=2n", m => Even(m.H + m.K)), ("h+l=2n", m => Even(m.H + m.L)), ("k+l=2n", m => Even(m.K + m.L)),
        ("h+l=3n", m => Mod(m.H + m.L, 3)), ("k+l=3n", m => Mod(m.K + m.L, 3)),
        ("-h+l=3n", m => Mod(-m.H + m.L, 3)), ("-h+k=3n", m => Mod(-m.H + m.K, 3)), ("h-k=3n", m => Mod(m.H - m.K, 3)),
        ("h+k+l=2n", m => Even(m.H + m.K + m.L)),
        ("-h+k+l=3n", m => Mod(-m.H + m.K + m.L, 3)), ("h-k+l=3n", m => Mod(m.H - m.K + m.L, 3)),
        ("h,k=2n", m => Even(m.H) && Even(m.K)), ("h,l=2n", m => Even(m.H) && Even(m.L)), ("k,l=2n", m => Even(m.K) && Even(m.L)),
        ("h+k,h+l,k+l=2n", m => Even(m.H + m.K) && Even(m.H + m.L) && Even(m.K + m.L)),
        ("h+k=4n", m => Mod(m.H + m.K, 4)), ("h+l=4n", m => Mod(m.H + m.L, 4)), ("k+l=4n", m => Mod(m.K + m.L, 4)),
        ("2h+l=4n", m => Mod(2 * m.H + m.L, 4)), ("h+k+l=4n", m => Mod(m.H + m.K + m.L, 4)),
        ("h=2n+1 or h+k+l=4n", m => !Even(m.H) || Mod(m.H + m.K + m.L, 4)),
    ];

    private static bool Even(int v) => (v & 1) == 0;

    private static bool Mod(int v, int n) => v % n == 0;

    public static IReadOnlyList<ReflectionCondition> Find(SpaceGroup group)
    {
        // How many classes hold a reflection or one of its symmetry equivalents. A class's own
        // condition is read from its generic members, those in as few classes as any member:
        // (1 0 1) of P21/c lies in the zone h0l and is absent by the glide, so it says nothing
        // about a condition on all hkl; nor does (2 -1 1) of P63/mmc, equivalent to (1 1 1) in hhl.
        var classCounts = new Dictionary<MillerIndex, int>();
        int ClassCount(MillerIndex m)
        {
            if (!classCounts.TryGetValue(m, out int count))
            {
                var equivalents = group.EquivalentReflections(m);
                count = Classes.Count(c => equivalents.Any(c.Contains));
                classCounts[m] = count;
            }
            return count;
        }

        var result = new List<ReflectionCondition>();
        foreach (var (name, member, row, _) in Classes)
        {
            var all = new List<MillerIndex>();
            if (name == "hkl")
            {
                for (int h = -Box; h <= Box; h++)
                    for (int k = -Box; k <= Box; k++)
                        for (int l = -Box; l <= Box; l++)
                            if (h != 0 || k != 0 || l != 0) all.Add(new MillerIndex(h, k, l));
            }
            else
            {
                for (int a = -Box; a <= Box; a++)
                    for (int b = row ? 0 : -Box; b <= (row ? 0 : Box); b++)
                    {
                        var m = member(a, b);
                        if (!m.IsOrigin) all.Add(m);
                    }
            }
            int fewest = all.Min(ClassCount);
            var members = all.Where(m => ClassCount(m) == fewest).ToList();
            var present = members.Select(group.IsAllowed).ToArray();
            if (present.All(p => p)) continue;
            string? text = Candidates.FirstOrDefault(c => Reproduces(members, present, c.Holds)).Text;
            if (text is null)
            {
                // Two conditions together, as ITA writes "k+l=4n; k,l=2n".
                foreach (var first in Candidates)
                {
                    foreach (var second in Candidates)
                    {
                        if (ReferenceEquals(first.Text, second.Text)) continue;
                        if (Reproduces(members, present, m => first.Holds(m) && second.Holds(m)))
                        {
                            text = $"{first.Text}; {second.Text}";
                            break;
                        }
                    }
                    if (text is not null) break;
                }
            }
            result.Add(new ReflectionCondition(name, text ?? "absences as listed by IsSystematicallyAbsent"));
        }
        return result;
    }

    private static bool Reproduces(List<MillerIndex> members, bool[] present, Func<MillerIndex, bool> holds)
    {
        for (int i = 0; i < members.Count; i++)
            if (holds(members[i]) != present[i]) return false;
        return true;
    }
}
