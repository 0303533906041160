using System.Globalization;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>One row of a <see cref="ReflectionList"/>.</summary>
/// <param name="Index">The representative hkl of the family.</param>
/// <param name="DSpacing">d in Å.</param>
/// <param name="Multiplicity">The powder multiplicity (Friedel mates included).</param>
/// <param name="SquaredStructureFactor">|F|² per unit cell (electrons² or fm²), NaN when not computed.</param>
/// <param name="Position">2θ (degrees) or TOF (µs), NaN when not set.</param>
/// <param name="Intensity">The integrated intensity, NaN when not set.</param>
public readonly record struct Reflection(MillerIndex Index, double DSpacing, int Multiplicity,
                                         double SquaredStructureFactor, double Position, double Intensity)
{
    /// <summary>"(1 0 4) d = 2.08001 Å, m = 6, |F|² = 9359.99".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Index} d = {DSpacing:0.00000} Å, m = {Multiplicity}, |F|² = {SquaredStructureFactor:0.##}");
}

/// <summary>
/// The reflections of a phase in a d-spacing range, one row per family of symmetry-equivalent
/// reflections (systematic absences removed, Laue equivalents and Friedel mates merged into the
/// powder multiplicity), sorted by d descending. A structure of arrays — h, k, l, d, multiplicity,
/// |F|², position, intensity — read through spans; immutable: <c>With…</c> returns a copy that
/// shares the unchanged arrays.
/// </summary>
/// <remarks>
/// The representative of a family is the member with the largest l, then k, then h
/// (<see cref="SpaceGroup.EquivalentReflections"/>): (0 0 3), (1 0 4), (1 1 0) for R-3m. cctbx
/// chooses another member in some families ((1 0 −2) where this list has (0 1 2)); compare by d and
/// equivalence, as <see cref="Find"/> does.
/// </remarks>
public sealed class ReflectionList
{
    private readonly int[] _h, _k, _l, _multiplicity;
    private readonly double[] _d;
    private readonly double[]? _f2, _position, _intensity;

    private ReflectionList(UnitCell cell, SpaceGroup spaceGroup, int[] h, int[] k, int[] l, double[] d, int[] multiplicity,
                           double[]? f2, double[]? position, double[]? intensity)
    {
        Cell = cell;
        SpaceGroup = spaceGroup;
        _h = h;
        _k = k;
        _l = l;
        _d = d;
        _multiplicity = multiplicity;
        _f2 = f2;
        _position = position;
        _intensity = intensity;
    }

    /// <summary>The cell the d-spacings belong to.</summary>
    public UnitCell Cell { get; }

    /// <summary>The space group whose absences and equivalences the list obeys.</summary>
    public SpaceGroup SpaceGroup { get; }

    /// <summary>The number of reflection families.</summary>
    public int Count => _h.Length;

    /// <summary>Index h of each representative.</summary>
    public ReadOnlySpan<int> H => _h;

    /// <summary>Index k of each representative.</summary>
    public ReadOnlySpan<int> K => _k;

    /// <summary>Index l of each representative.</summary>
    public ReadOnlySpan<int> L => _l;

    /// <summary>d in Å, descending.</summary>
    public ReadOnlySpan<double> DSpacing => _d;

    /// <summary>The powder multiplicities.</summary>
    public ReadOnlySpan<int> Multiplicity => _multiplicity;

    /// <summary>True once |F|² has been computed or set.</summary>
    public bool HasSquaredStructureFactors => _f2 is not null;

    /// <summary>|F|² per unit cell (electrons² for X-rays, fm² for neutrons); empty until computed.</summary>
    public ReadOnlySpan<double> SquaredStructureFactor => _f2;

    /// <summary>The positions on the pattern axis (2θ in degrees or TOF in µs); empty until set.</summary>
    public ReadOnlySpan<double> Position => _position;

    /// <summary>The integrated intensities; empty until set.</summary>
    public ReadOnlySpan<double> Intensity => _intensity;

    /// <summary>The representative hkl of row <paramref name="i"/>.</summary>
    /// <param name="i">The row.</param>
    public MillerIndex Index(int i) => new(_h[i], _k[i], _l[i]);

    /// <summary>Row <paramref name="i"/> as a record (NaN for what is not set).</summary>
    /// <param name="i">The row.</param>
    public Reflection this[int i] => new(Index(i), _d[i], _multiplicity[i],
        _f2?[i] ?? double.NaN, _position?[i] ?? double.NaN, _intensity?[i] ?? double.NaN);

    /// <summary>The row of the family that contains <paramref name="hkl"/> (any member, e.g. (1 0 −2) or (0 1 2)), or −1.</summary>
    /// <param name="hkl">A reflection.</param>
    public int Find(MillerIndex hkl)
    {
        var representative = SpaceGroup.EquivalentReflections(hkl, includeFriedelMates: true)[0];
        for (int i = 0; i < _h.Length; i++)
            if (_h[i] == representative.H && _k[i] == representative.K && _l[i] == representative.L) return i;
        return -1;
    }

    /// <summary>
    /// Every reflection family of a phase with dMin ≤ d ≤ dMax, absences removed, sorted by d
    /// descending (ties by h, k, l).
    /// </summary>
    /// <param name="phase">The phase.</param>
    /// <param name="dMin">The smallest d in Å, positive.</param>
    /// <param name="dMax">The largest d in Å (+∞ for no limit).</param>
    public static ReflectionList Generate(Phase phase, double dMin, double dMax = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return Generate(phase.Cell, phase.SpaceGroup, dMin, dMax);
    }

    /// <summary>The reflection families of a phase that fall in a range of the pattern axis: 2θ in degrees for constant wavelength (every wavelength of a doublet), TOF in µs.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="radiation">The radiation, which maps the range to d.</param>
    /// <param name="from">The lower end of the range.</param>
    /// <param name="to">The upper end of the range.</param>
    public static ReflectionList Generate(Phase phase, Radiation radiation, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(radiation);
        var (dMin, dMax) = radiation.DSpacingRange(from, to);
        return Generate(phase.Cell, phase.SpaceGroup, dMin, dMax);
    }

    /// <summary>Every reflection family of a cell and space group with dMin ≤ d ≤ dMax (Le Bail and Pawley need no sites).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="spaceGroup">The space group.</param>
    /// <param name="dMin">The smallest d in Å, positive.</param>
    /// <param name="dMax">The largest d in Å.</param>
    public static ReflectionList Generate(UnitCell cell, SpaceGroup spaceGroup, double dMin, double dMax = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(spaceGroup);
        if (!(dMin > 0) || !double.IsFinite(dMin))
            throw new ArgumentOutOfRangeException(nameof(dMin), dMin, "dMin must be a positive, finite number of Å.");
        if (!(dMax >= dMin))
            throw new ArgumentOutOfRangeException(nameof(dMax), dMax, $"dMax must not be below dMin = {dMin} Å.");
        // |h| = |a · H| ≤ a |H| = a/d, so a/dMin bounds |h| (and likewise k, l) in any cell.
        int hMax = (int)Math.Floor(cell.A / dMin), kMax = (int)Math.Floor(cell.B / dMin), lMax = (int)Math.Floor(cell.C / dMin);
        double qMax = 1 / (dMin * dMin) * (1 + 1e-12), qMin = double.IsPositiveInfinity(dMax) ? 0 : 1 / (dMax * dMax) * (1 - 1e-12);
        var seen = new HashSet<MillerIndex>();
        var rows = new List<(MillerIndex Index, double D, int M)>();
        for (int h = -hMax; h <= hMax; h++)
            for (int k = -kMax; k <= kMax; k++)
                for (int l = -lMax; l <= lMax; l++)
                {
                    if (h == 0 && k == 0 && l == 0) continue;
                    double q = cell.InverseDSquared(h, k, l);
                    if (q > qMax || q < qMin) continue;
                    var hkl = new MillerIndex(h, k, l);
                    if (seen.Contains(hkl)) continue;
                    var family = spaceGroup.EquivalentReflections(hkl, includeFriedelMates: true);
                    foreach (var e in family) seen.Add(e);
                    if (spaceGroup.IsSystematicallyAbsent(hkl)) continue;
                    rows.Add((family[0], 1 / Math.Sqrt(q), family.Count));
                }
        rows.Sort((a, b) =>
        {
            int c = b.D.CompareTo(a.D);
            if (c != 0) return c;
            c = a.Index.H.CompareTo(b.Index.H);
            return c != 0 ? c : a.Index.K != b.Index.K ? a.Index.K.CompareTo(b.Index.K) : a.Index.L.CompareTo(b.Index.L);
        });
        return new ReflectionList(cell, spaceGroup,
            [.. rows.Select(r => r.Index.H)], [.. rows.Select(r => r.Index.K)], [.. rows.Select(r => r.Index.L)],
            [.. rows.Select(r => r.D)], [.. rows.Select(r => r.M)], null, null, null);
    }

    /// <summary>A copy with |F|² computed for a phase of this cell and space group.</summary>
    /// <param name="phase">The phase (its cell and space group must be those of the list).</param>
    /// <param name="model">How atoms scatter.</param>
    public ReflectionList WithSquaredStructureFactors(Phase phase, ScatteringModel model)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return WithSquaredStructureFactors(new StructureFactorEvaluator(phase, model));
    }

    /// <summary>A copy with |F|² from an evaluator of a phase of this cell and space group.</summary>
    /// <param name="evaluator">The evaluator.</param>
    public ReflectionList WithSquaredStructureFactors(StructureFactorEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        if (!evaluator.Phase.SpaceGroup.Equals(SpaceGroup))
            throw new ArgumentException($"The phase has space group {evaluator.Phase.SpaceGroup}; the list was made for {SpaceGroup}.", nameof(evaluator));
        if (!evaluator.Phase.Cell.Equals(Cell))
            throw new ArgumentException($"The phase's cell {evaluator.Phase.Cell} is not the list's {Cell}; generate the list from the phase.", nameof(evaluator));
        var f2 = new double[Count];
        evaluator.SquaredModuli(_h, _k, _l, f2);
        return new ReflectionList(Cell, SpaceGroup, _h, _k, _l, _d, _multiplicity, f2, _position, _intensity);
    }

    /// <summary>A copy with |F|² given.</summary>
    /// <param name="values">One value per row.</param>
    public ReflectionList WithSquaredStructureFactors(ReadOnlySpan<double> values) =>
        new(Cell, SpaceGroup, _h, _k, _l, _d, _multiplicity, CopyColumn(values, nameof(values)), _position, _intensity);

    /// <summary>A copy with the positions a radiation puts the reflections at (2θ of the principal wavelength, or TOF).</summary>
    /// <param name="radiation">The radiation.</param>
    public ReflectionList WithPositions(Radiation radiation)
    {
        ArgumentNullException.ThrowIfNull(radiation);
        var position = new double[Count];
        for (int i = 0; i < position.Length; i++) position[i] = radiation.Position(_d[i]);
        return new ReflectionList(Cell, SpaceGroup, _h, _k, _l, _d, _multiplicity, _f2, position, _intensity);
    }

    /// <summary>A copy with positions given.</summary>
    /// <param name="values">One value per row.</param>
    public ReflectionList WithPositions(ReadOnlySpan<double> values) =>
        new(Cell, SpaceGroup, _h, _k, _l, _d, _multiplicity, _f2, CopyColumn(values, nameof(values)), _intensity);

    /// <summary>A copy with intensities given.</summary>
    /// <param name="values">One value per row.</param>
    public ReflectionList WithIntensities(ReadOnlySpan<double> values) =>
        new(Cell, SpaceGroup, _h, _k, _l, _d, _multiplicity, _f2, _position, CopyColumn(values, nameof(values)));

    /// <summary>
    /// A copy with positions and integrated intensities I = scale · m · |F|² · LP · PO for the
    /// principal wavelength (Kα1 for a tube; the Kα2 line is the profile's business), with LP from
    /// <see cref="Radiation.LorentzPolarisationFactor"/> and PO the March–Dollase factor averaged over
    /// each family. Rows that cannot diffract (λ &gt; 2d) get intensity 0 and position NaN.
    /// </summary>
    /// <param name="radiation">The radiation.</param>
    /// <param name="scale">The phase scale factor.</param>
    /// <param name="preferredOrientation">March–Dollase preferred orientation, or none.</param>
    /// <exception cref="InvalidOperationException">|F|² has not been computed.</exception>
    public ReflectionList WithIntegratedIntensities(Radiation radiation, double scale = 1, MarchDollase? preferredOrientation = null)
    {
        ArgumentNullException.ThrowIfNull(radiation);
        if (_f2 is null)
            throw new InvalidOperationException("Compute |F|² first (WithSquaredStructureFactors).");
        var position = new double[Count];
        var intensity = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            position[i] = radiation.Position(_d[i]);
            double lp = radiation.LorentzPolarisationFactor(_d[i]);
            double po = preferredOrientation is null ? 1 : preferredOrientation.Correction(Cell, SpaceGroup, Index(i));
            intensity[i] = double.IsNaN(lp) ? 0 : scale * _multiplicity[i] * _f2[i] * lp * po;
        }
        return new ReflectionList(Cell, SpaceGroup, _h, _k, _l, _d, _multiplicity, _f2, position, intensity);
    }

    private double[] CopyColumn(ReadOnlySpan<double> values, string name)
    {
        if (values.Length != Count)
            throw new ArgumentException($"{values.Length} values were given for {Count} reflections.", name);
        return values.ToArray();
    }

    /// <summary>"ReflectionList: 23 families, d 4.8024 … 0.8012 Å (R -3 m :H (166))".</summary>
    public override string ToString() => Count == 0
        ? $"ReflectionList: empty ({SpaceGroup})"
        : string.Create(CultureInfo.InvariantCulture, $"ReflectionList: {Count} families, d {_d[0]:0.0000} … {_d[^1]:0.0000} Å ({SpaceGroup})");
}
