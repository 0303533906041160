namespace Crystallography.Intergrowth.Symmetry;

/// <summary>Derives readable reflection conditions from the systematic absences of a group.</summary>
internal static class ReflectionConditionFinder
{
    private const int Box = 6; // up to l = 6n conditions (P61) need indices to 6 and beyond 0

    // Classes of reflections in International Tables' notation (three-index form; for hexagonal
    // axes "hhl" is hh-2hl and "h-hl" is h-h0l).
    private static readonly (string Name, Func<int, int, MillerIndex> Member, bool Row)[] Classes =
    [
        ("hkl", (_, _) => default, false),
        ("0kl", (a, b) => new MillerIndex(0, a, b), false),
        ("h0l", (a, b) => new MillerIndex(a, 0, b), false),
        ("hk0", (a, b) => new MillerIndex(a, b, 0), false),
        ("hhl", (a, b) => new MillerIndex(a, a, b), false),
        ("h-hl", (a, b) => new MillerIndex(a, -a, b), false),
        ("h00", (a, _) => new MillerIndex(a, 0, 0), true),
        ("0k0", (a, _) => new MillerIndex(0, a, 0), true),
        ("00l", (a, _) => new MillerIndex(0, 0, a), true),
        ("hh0", (a, _) => new MillerIndex(a, a, 0), true),
        ("hhh", (a, _) => new MillerIndex(a, a, a), true),
    ];

    // Conditions that occur in International Tables, simplest first.
    private static readonly (string Text, Func<MillerIndex, bool> Holds)[] Candidates =
    [
        ("h=2n", m => Even(m.H)), ("k=2n", m => Even(m.K)), ("l=2n", m => Even(m.L)),
        ("h+k=2n", m => Even(m.H + m.K)), ("h+l=2n", m => Even(m.H + m.L)), ("k+l=2n", m => Even(m.K + m.L)),
        ("h+k+l=2n", m => Even(m.H + m.K + m.L)),
        ("-h+k+l=3n", m => Mod(-m.H + m.K + m.L, 3)), ("h-k+l=3n", m => Mod(m.H - m.K + m.L, 3)),
        ("l=3n", m => Mod(m.L, 3)), ("h=4n", m => Mod(m.H, 4)), ("k=4n", m => Mod(m.K, 4)), ("l=4n", m => Mod(m.L, 4)),
        ("l=6n", m => Mod(m.L, 6)),
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
        var result = new List<ReflectionCondition>();
        foreach (var (name, member, row) in Classes)
        {
            var members = new List<MillerIndex>();
            if (name == "hkl")
            {
                for (int h = -Box; h <= Box; h++)
                    for (int k = -Box; k <= Box; k++)
                        for (int l = -Box; l <= Box; l++)
                            if (h != 0 || k != 0 || l != 0) members.Add(new MillerIndex(h, k, l));
            }
            else
            {
                for (int a = -Box; a <= Box; a++)
                    for (int b = row ? 0 : -Box; b <= (row ? 0 : Box); b++)
                    {
                        var m = member(a, b);
                        if (!m.IsOrigin) members.Add(m);
                    }
            }
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
