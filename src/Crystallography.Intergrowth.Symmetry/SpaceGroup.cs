using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// A space group in one of the 530 standard settings of International Tables Vol. A, generated
/// from its Hall symbol: exact operations, centring, point group, Laue class, crystal system,
/// reflection conditions, equivalent reflections and Wyckoff positions.
/// </summary>
/// <remarks>
/// Instances are immutable and shared: <see cref="Parse"/>, <see cref="FromNumber"/> and
/// <see cref="All"/> return the same object for the same setting.
/// </remarks>
public sealed partial class SpaceGroup : IEquatable<SpaceGroup>
{
    private static readonly Lazy<SpaceGroup>[] Cache =
        SpaceGroupTable.Settings.Select(s => new Lazy<SpaceGroup>(() => new SpaceGroup(s))).ToArray();

    private readonly Lazy<ImmutableArray<WyckoffPosition>> _wyckoff;

    private SpaceGroup(SpaceGroupSetting setting)
    {
        Setting = setting;
        Hall = HallSymbol.Parse(setting.Hall);
        Operations = Hall.GenerateOperations();
        CentringTranslations = [.. Operations.Where(o => o.IsPureTranslation)];
        // One operation per rotation part: the coset representatives of the centring translations.
        var representatives = new List<SymmetryOperation>();
        foreach (var op in Operations)
            if (!representatives.Any(r => r.HasSameRotation(op))) representatives.Add(op);
        PrimitiveOperations = [.. representatives];
        PointGroup = PointGroup.FromOperations(PrimitiveOperations,
            PointGroup.OrientedSymbolFromHermannMauguin(setting.HermannMauguin));
        _wyckoff = new Lazy<ImmutableArray<WyckoffPosition>>(BuildWyckoffPositions);
    }

    /// <summary>The table row this group was generated from.</summary>
    public SpaceGroupSetting Setting { get; }

    /// <summary>The space-group type number, 1 to 230.</summary>
    public int Number => Setting.Number;

    /// <summary>The Hermann–Mauguin symbol with spaces, without extension: "R -3 m", "F d -3 m".</summary>
    public string HermannMauguin => Setting.HermannMauguin;

    /// <summary>The universal Hermann–Mauguin symbol with the setting's extension: "R -3 m :H", "F d -3 m :2".</summary>
    public string UniversalHermannMauguin => Setting.UniversalHermannMauguin;

    /// <summary>The parsed Hall symbol the operations were generated from.</summary>
    public HallSymbol Hall { get; }

    /// <summary>Every operation of the group in the conventional cell, centring translations included, translations in [0, 1); the identity first.</summary>
    public ImmutableArray<SymmetryOperation> Operations { get; }

    /// <summary>One operation for each distinct rotation part (the operations modulo centring), the identity first.</summary>
    public ImmutableArray<SymmetryOperation> PrimitiveOperations { get; }

    /// <summary>The centring translations, the zero translation (identity) first.</summary>
    public ImmutableArray<SymmetryOperation> CentringTranslations { get; }

    /// <summary>The number of operations in the conventional cell (centring included), e.g. 36 for R-3m:H, 192 for Fm-3m.</summary>
    public int Order => Operations.Length;

    /// <summary>The lattice (centring) symbol of the Hermann–Mauguin symbol: P, A, B, C, I, F or R.</summary>
    public char LatticeType => HermannMauguin[0];

    /// <summary>True when the group contains an inversion through some point.</summary>
    public bool IsCentrosymmetric => PrimitiveOperations.Any(o => o.IsInversion);

    /// <summary>
    /// The inversion centre nearest the origin found among the operations (for −1 at t: the centre is t/2),
    /// or null for a non-centrosymmetric group.
    /// </summary>
    public FractionalPosition? InversionCentre
    {
        get
        {
            var inversions = Operations.Where(o => o.IsInversion).ToList();
            if (inversions.Count == 0) return null;
            var best = inversions.MinBy(o => o.TranslationTwelfths(0) + o.TranslationTwelfths(1) + o.TranslationTwelfths(2));
            return new FractionalPosition(best.Translation(0) / 2, best.Translation(1) / 2, best.Translation(2) / 2);
        }
    }

    /// <summary>The point group (type and oriented symbol).</summary>
    public PointGroup PointGroup { get; }

    /// <summary>The Laue class, e.g. "-3m", "m-3m", "2/m".</summary>
    public string LaueClass => PointGroup.LaueClass;

    /// <summary>The crystal system.</summary>
    public CrystalSystem CrystalSystem => PointGroup.CrystalSystem;

    /// <summary>True for the rhombohedral-axes setting of an R group (":R"), whose cell has a = b = c, α = β = γ.</summary>
    public bool HasRhombohedralAxes => Setting.Extension == "R";

    /// <summary>
    /// The Wyckoff positions, the general position first and 'a' last, as International Tables list
    /// them; multiplicities and site symmetries are computed from this group's operations.
    /// </summary>
    public ImmutableArray<WyckoffPosition> WyckoffPositions => _wyckoff.Value;

    /// <summary>The Wyckoff position with the given letter.</summary>
    /// <exception cref="ArgumentException">The group has no position with that letter.</exception>
    public WyckoffPosition Wyckoff(char letter) =>
        WyckoffPositions.FirstOrDefault(w => w.Letter == letter)
        ?? throw new ArgumentException(
            $"{UniversalHermannMauguin} has no Wyckoff position '{letter}'; its letters are {string.Join(", ", WyckoffPositions.Select(w => w.Letter).Reverse())}.",
            nameof(letter));

    /// <summary>Every standard setting, in International Tables order (530 groups).</summary>
    public static IReadOnlyList<SpaceGroup> All { get; } = new AllSettings();

    /// <summary>The symbol as "R -3 m :H (166)".</summary>
    public override string ToString() => $"{UniversalHermannMauguin} ({Number})";

    /// <inheritdoc />
    public bool Equals(SpaceGroup? other) => other is not null && other.Setting.Index == Setting.Index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SpaceGroup);

    /// <inheritdoc />
    public override int GetHashCode() => Setting.Index;

    internal static SpaceGroup FromIndex(int index) => Cache[index].Value;

    private sealed class AllSettings : IReadOnlyList<SpaceGroup>
    {
        public SpaceGroup this[int index] => FromIndex(index);

        public int Count => Cache.Length;

        public IEnumerator<SpaceGroup> GetEnumerator()
        {
            for (int i = 0; i < Cache.Length; i++) yield return FromIndex(i);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
