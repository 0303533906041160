using System.Globalization;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>The Miller indices (h, k, l) of a reflection or lattice plane.</summary>
/// <param name="H">Index along a*.</param>
/// <param name="K">Index along b*.</param>
/// <param name="L">Index along c*.</param>
public readonly record struct MillerIndex(int H, int K, int L)
{
    /// <summary>The Friedel mate (−h, −k, −l).</summary>
    public MillerIndex Friedel => new(-H, -K, -L);

    /// <summary>True for (0, 0, 0), which is not a reflection.</summary>
    public bool IsOrigin => H == 0 && K == 0 && L == 0;

    /// <summary>Written as crystallographers write it: "(1 0 4)", "(-1 1 0)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({H} {K} {L})");

    /// <summary>The negation, i.e. the Friedel mate.</summary>
    public static MillerIndex operator -(MillerIndex hkl) => hkl.Friedel;

    /// <summary>
    /// Orders indices for choosing a family representative: by l, then k, then h, larger first, so
    /// that the representative has positive indices where the family allows.
    /// </summary>
    internal static int CompareForRepresentative(MillerIndex a, MillerIndex b)
    {
        int c = b.L.CompareTo(a.L);
        if (c != 0) return c;
        c = b.K.CompareTo(a.K);
        return c != 0 ? c : b.H.CompareTo(a.H);
    }
}
