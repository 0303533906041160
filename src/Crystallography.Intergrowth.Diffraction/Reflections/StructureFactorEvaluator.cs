using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Computes structure factors F(hkl) per unit cell (centring included) of one phase for one
/// scattering model, and the derivatives of |F|² with respect to the site coordinates, Uiso, the
/// anisotropic components Uij and occupancies. An executor: it owns scratch buffers sized once, so
/// it is not thread-safe — give each thread its own. <see cref="Update"/> refreshes it in place for a
/// phase of the same structure (same space group, sites and occupant species), as a refinement cycle
/// needs; <see cref="SetCell"/>, <see cref="SetPosition"/>, <see cref="SetUiso"/>,
/// <see cref="SetAnisotropic"/> and <see cref="SetOccupancy"/> change single values in place without
/// building a phase, and allocate nothing.
/// </summary>
/// <remarks>
/// <para>F(h) = Σ_sites (m/n_P) · C(h) · f_site(s) · Σ_{(W,w) ∈ P} T(hW) exp(2πi (hW·x + h·w)), where
/// P are the operations modulo centring (<see cref="SpaceGroup.PrimitiveOperations"/>, n_P of them),
/// C(h) is 1 when h·t is an integer for every centring translation t and 0 otherwise (the sum over
/// the centring translations, n_c or 0, divided by n_c, which cancels against |G| = n_c·n_P), m the
/// site multiplicity (so a special position, visited |G|/m times, counts once per atom),
/// f_site = Σ_occupants occupancy · (f₀(s) + f′ + i f″) (or b for neutrons) times the isotropic
/// Debye–Waller factor exp(−8π² Uiso s²), s = sin θ/λ = 1/(2d), and T the anisotropic factor
/// exp(−2π² h′ᵀ N U N h′) with h′ = hW and N = diag(a*, b*, c*) (Trueblood et al., Acta Cryst. A52
/// (1996) 770): the image of the site at Wx + w carries the tensor W U Wᵀ, and
/// hᵀ(W β Wᵀ)h = (hW) β (hW)ᵀ.</para>
/// <para>Derivatives of |F|² = A² + B² are 2 Re(F* ∂F/∂p): ∂F/∂x_j brings down 2πi (hW)_j inside the
/// operation sum, ∂F/∂occupancy replaces f_site by the occupant's own scattering, and ∂F/∂Uiso is
/// −8π² s² times the site's contribution. The anisotropic exponent per operation is
/// Σ_ij β_ij h′_i h′_j = β11 h′₁² + β22 h′₂² + β33 h′₃² + 2(β12 h′₁h′₂ + β13 h′₁h′₃ + β23 h′₂h′₃) with
/// β_ij = 2π² N_i N_j U^ij, and one number U^ij (i ≠ j) stands for both U^ij and U^ji, so
/// ∂F/∂U^ij = −2π² N_i N_j (2 − δ_ij) · (m/n_P) f_site Σ_P h′_i h′_j T e^{iφ}: the off-diagonal
/// derivatives carry the factor 2 of the symmetric sum. Coordinates and the six Uij are treated as
/// free numbers; the constraints of a special position (coordinates fixed or tied, U¹¹ = U²² = 2U¹²
/// on a threefold axis, …) are applied by whoever refines them, as a linear map of this gradient.</para>
/// <para>The evaluator keeps U, not β: β is recomputed from U and N whenever the cell changes, so the
/// tensor stays the one the CIF values describe.</para>
/// <para>A site on a special position is visited n_P/m′ times by the operations of P (m′ its multiplicity modulo
/// centring): the operations fall into m′ classes, those of one class giving the same image modulo the lattice and the
/// centring translations, and so the same phase for every reflection that centring allows. The operation sum is taken
/// over the classes: one phase per class, weighted by the class size, and for the coordinate derivatives
/// Σ_{W ∈ class} (hW)_j e^{iφ} = (h Σ_{W ∈ class} W)_j e^{iφ}, with the integer matrix Σ W kept per class. The classes
/// are found from the site's coordinates when the evaluator is built or updated: operations whose images agree to
/// 1e-14 (the rounding of the coordinates, not a chemical tolerance) share a class. When
/// <see cref="SetPosition"/> moves a site, the classes are checked at the new coordinates (a site moved along its
/// special position keeps them) and found anew when they no longer hold (a site moved off it is summed over every
/// operation again). Anisotropic sites are summed over every operation: the tensor is taken as given, so the images of
/// one class need not share a Debye–Waller factor.</para>
/// </remarks>
public sealed class StructureFactorEvaluator
{
    private const double TwoPi = 2 * Math.PI;
    private const double EightPiSquared = 8 * Math.PI * Math.PI;
    private const double TwoPiSquared = 2 * Math.PI * Math.PI;

    private readonly int _operationCount;
    private readonly int[] _rotations;        // 9 per primitive operation, row-major W
    private readonly int[] _translations;     // 3 per primitive operation, twelfths
    private readonly int[] _centring;         // 3 per centring translation, twelfths
    private readonly ScattererTerm[] _terms;  // distinct species
    private readonly int[] _siteOccupantStart; // per site, index into _occupantTerm / _occupancy; one extra at the end
    private readonly int[] _occupantTerm;
    private readonly double[] _occupancy;
    private readonly double[] _position;      // 3 per site
    private readonly double[] _weight;        // m / n_P per site
    private readonly double[] _uiso;          // per site (0 for anisotropic sites)
    private readonly double[] _u;             // 6 per site: U11 U22 U33 U12 U13 U23 (Å²), zero for isotropic sites
    private readonly double[] _beta;          // 6 per site: β_k = _betaScale[k]·U_k, zero for isotropic sites
    private readonly bool[] _anisotropic;
    private readonly double[] _siteSum;       // per site, the last evaluation's Σ_p e^{iφ_p} (re, im): what a change of cell leaves alone
    private MillerIndex _lastHkl;
    private bool _siteSumValid;
    private readonly int[] _parameterStart;   // per site, index of its first gradient entry

    // The operation classes of each site (see remarks), n_P slots per site.
    private readonly int[] _classCount;        // per site
    private readonly int[] _classOperation;    // per site and class, the representative operation
    private readonly double[] _classSize;      // per site and class, how many operations give its image
    private readonly int[] _classRotationSum;  // per site and class, Σ W over the class, 9 (row-major)
    private readonly int[] _operationClass;    // per site and operation, its class
    private readonly int[] _operationCentring; // per site and operation, the centring translation taking its image onto the representative's
    private readonly bool[] _operationUsed;    // per operation, whether it represents a class of some site
    private readonly int[] _usedOperations;    // the operations used, _usedCount of them
    private int _usedCount;

    // The cell as the evaluator currently holds it: the reciprocal metric G* for s² = hᵀG*h/4, and
    // 2π² N_i N_j (a*², b*², c*², a*b*, a*c*, b*c*) for β.
    private double _g11, _g22, _g33, _g12, _g13, _g23;
    private readonly double[] _betaScale = new double[6];

    // Scratch, sized once.
    private readonly int[] _rotated;          // h' = hW, 3 per operation
    private readonly double[] _phaseOffset;   // h·w in turns, per operation
    private readonly Complex[] _termValue;    // per distinct species at the current s
    private readonly Complex[] _derivative;   // ∂F/∂p per parameter

    /// <summary>Prepares the evaluator.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="model">How atoms scatter.</param>
    /// <exception cref="ArgumentException">A species has no tabulated scattering data in the model.</exception>
    public StructureFactorEvaluator(Phase phase, ScatteringModel model)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var group = phase.SpaceGroup;
        var primitive = group.PrimitiveOperations;
        _operationCount = primitive.Length;
        _rotations = new int[9 * _operationCount];
        _translations = new int[3 * _operationCount];
        for (int p = 0; p < _operationCount; p++)
        {
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++) _rotations[9 * p + 3 * i + j] = primitive[p].Rotation(i, j);
                _translations[3 * p + i] = primitive[p].TranslationTwelfths(i);
            }
        }
        var centring = group.CentringTranslations;
        _centring = new int[3 * centring.Length];
        for (int c = 0; c < centring.Length; c++)
            for (int i = 0; i < 3; i++) _centring[3 * c + i] = centring[c].TranslationTwelfths(i);

        var sites = phase.Sites;
        int occupantCount = sites.Sum(s => s.Occupants.Length);
        _siteOccupantStart = new int[sites.Length + 1];
        _occupantTerm = new int[occupantCount];
        _occupancy = new double[occupantCount];
        _position = new double[3 * sites.Length];
        _weight = new double[sites.Length];
        _uiso = new double[sites.Length];
        _u = new double[6 * sites.Length];
        _beta = new double[6 * sites.Length];
        _anisotropic = new bool[sites.Length];
        _parameterStart = new int[sites.Length];

        var terms = new List<ScattererTerm>();
        var termIndex = new Dictionary<Species, int>();
        var parameters = ImmutableArray.CreateBuilder<StructureFactorParameter>();
        int o = 0;
        for (int s = 0; s < sites.Length; s++)
        {
            var site = sites[s];
            _siteOccupantStart[s] = o;
            _anisotropic[s] = site.Displacement.IsAnisotropic;
            _parameterStart[s] = parameters.Count;
            parameters.Add(new(s, StructureFactorParameterKind.X));
            parameters.Add(new(s, StructureFactorParameterKind.Y));
            parameters.Add(new(s, StructureFactorParameterKind.Z));
            if (_anisotropic[s])
            {
                parameters.Add(new(s, StructureFactorParameterKind.U11));
                parameters.Add(new(s, StructureFactorParameterKind.U22));
                parameters.Add(new(s, StructureFactorParameterKind.U33));
                parameters.Add(new(s, StructureFactorParameterKind.U12));
                parameters.Add(new(s, StructureFactorParameterKind.U13));
                parameters.Add(new(s, StructureFactorParameterKind.U23));
            }
            else
            {
                parameters.Add(new(s, StructureFactorParameterKind.Uiso));
            }
            for (int k = 0; k < site.Occupants.Length; k++, o++)
            {
                var species = site.Occupants[k].Species;
                if (!termIndex.TryGetValue(species, out int t))
                {
                    t = terms.Count;
                    terms.Add(model.Resolve(species));
                    termIndex.Add(species, t);
                }
                _occupantTerm[o] = t;
                parameters.Add(new(s, StructureFactorParameterKind.Occupancy, k));
            }
        }
        _siteOccupantStart[sites.Length] = o;
        _terms = [.. terms];
        Parameters = parameters.ToImmutable();

        _classCount = new int[sites.Length];
        _classOperation = new int[sites.Length * _operationCount];
        _classSize = new double[sites.Length * _operationCount];
        _classRotationSum = new int[9 * sites.Length * _operationCount];
        _operationClass = new int[sites.Length * _operationCount];
        _operationCentring = new int[sites.Length * _operationCount];
        _operationUsed = new bool[_operationCount];
        _usedOperations = new int[_operationCount];
        _rotated = new int[3 * _operationCount];
        _phaseOffset = new double[_operationCount];
        _termValue = new Complex[_terms.Length];
        _derivative = new Complex[Parameters.Length];
        _siteSum = new double[2 * _weight.Length];
        Phase = phase;
        LoadSiteValues(phase);
    }

    /// <summary>
    /// The phase last given to the constructor or to <see cref="Update"/>. It describes the structure
    /// the evaluator was built for (space group, sites, occupant species, displacement kinds, site
    /// labels and multiplicities); the in-place setters (<see cref="SetCell"/>, <see cref="SetPosition"/>,
    /// <see cref="SetUiso"/>, <see cref="SetAnisotropic"/>, <see cref="SetOccupancy"/>) do not update it,
    /// so after them its cell and site values are not the ones the evaluator computes with.
    /// </summary>
    public Phase Phase { get; private set; }

    /// <summary>The scattering model.</summary>
    public ScatteringModel Model { get; }

    /// <summary>
    /// The layout of the gradient: for each site in order, X, Y, Z, then Uiso for an isotropic site or
    /// U11, U22, U33, U12, U13, U23 for an anisotropic one, then one occupancy per occupant.
    /// </summary>
    public ImmutableArray<StructureFactorParameter> Parameters { get; }

    /// <summary>
    /// Takes the cell, positions, occupancies and displacements of another phase of the same structure
    /// (same space group, same sites with the same occupant species in the same order, isotropic or
    /// anisotropic alike) without reallocating.
    /// </summary>
    /// <param name="phase">The phase.</param>
    /// <exception cref="ArgumentException">The phase differs in structure.</exception>
    public void Update(Phase phase)
    {
        _siteSumValid = false;
        ArgumentNullException.ThrowIfNull(phase);
        if (!phase.SpaceGroup.Equals(Phase.SpaceGroup) || phase.Sites.Length != Phase.Sites.Length)
            throw new ArgumentException($"Phase '{phase.Name}' has another space group or number of sites than the evaluator was built for.", nameof(phase));
        for (int s = 0; s < phase.Sites.Length; s++)
        {
            var a = phase.Sites[s];
            var b = Phase.Sites[s];
            bool same = a.Occupants.Length == b.Occupants.Length && a.Displacement.IsAnisotropic == b.Displacement.IsAnisotropic;
            for (int k = 0; same && k < a.Occupants.Length; k++) same = a.Occupants[k].Species.Equals(b.Occupants[k].Species);
            if (!same)
                throw new ArgumentException($"Phase '{phase.Name}', site '{a.Label}': its occupant species or displacement kind differ from those the evaluator was built for.", nameof(phase));
        }
        Phase = phase;
        LoadSiteValues(phase);
    }

    /// <summary>
    /// Replaces the cell the evaluator computes with (s = 1/(2d) and, for anisotropic sites,
    /// β = 2π² N U N recomputed from the stored U), in place and without allocating.
    /// </summary>
    /// <param name="a">Length a in Å, positive and finite.</param>
    /// <param name="b">Length b in Å, positive and finite.</param>
    /// <param name="c">Length c in Å, positive and finite.</param>
    /// <param name="alpha">Angle α = ∠(b, c) in degrees, in (0, 180).</param>
    /// <param name="beta">Angle β = ∠(a, c) in degrees, in (0, 180).</param>
    /// <param name="gamma">Angle γ = ∠(a, b) in degrees, in (0, 180).</param>
    /// <remarks>
    /// The cell is not checked against the crystal system: a refinement applies those restrictions.
    /// <see cref="Phase"/> is not changed.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A length not positive and finite, or an angle outside (0°, 180°).</exception>
    /// <exception cref="ArgumentException">The three angles give no cell of positive volume.</exception>
    public void SetCell(double a, double b, double c, double alpha, double beta, double gamma)
    {
        LoadCell(CellGeometry.Create(a, b, c, alpha, beta, gamma));
        for (int s = 0; s < _anisotropic.Length; s++)
            if (_anisotropic[s]) LoadBeta(s);
    }

    /// <summary>Replaces the fractional coordinates of a site, in place and without allocating.</summary>
    /// <param name="site">The index of the site in <c>Phase.Sites</c>.</param>
    /// <param name="x">Fractional x.</param>
    /// <param name="y">Fractional y.</param>
    /// <param name="z">Fractional z.</param>
    /// <remarks>
    /// The site keeps the multiplicity of its Wyckoff position: moving it off a special position is
    /// the caller's business, as with the coordinate derivatives. <see cref="Phase"/> is not changed.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="site"/> is not a site index.</exception>
    public void SetPosition(int site, double x, double y, double z)
    {
        CheckSite(site);
        int i = 3 * site;
        if (_position[i] == x && _position[i + 1] == y && _position[i + 2] == z) return;
        _siteSumValid = false;
        _position[i] = x;
        _position[i + 1] = y;
        _position[i + 2] = z;
        if (!OrbitHolds(site))
        {
            FindOrbit(site);
            FindUsedOperations();
        }
    }

    /// <summary>Replaces Uiso (Å²) of an isotropic site, in place and without allocating.</summary>
    /// <param name="site">The index of the site in <c>Phase.Sites</c>.</param>
    /// <param name="uiso">Uiso in Å².</param>
    /// <remarks><see cref="Phase"/> is not changed.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="site"/> is not a site index.</exception>
    /// <exception cref="InvalidOperationException">The site is anisotropic; use <see cref="SetAnisotropic"/>.</exception>
    public void SetUiso(int site, double uiso)
    {
        CheckSite(site);
        if (_anisotropic[site]) throw WrongDisplacementKind(site, anisotropic: true);
        _uiso[site] = uiso;
    }

    /// <summary>
    /// Replaces the anisotropic displacement tensor (Å², CIF <c>_atom_site_aniso_U_ij</c>) of an
    /// anisotropic site, in place and without allocating. The values are taken as given: the
    /// restrictions of a special position are not imposed.
    /// </summary>
    /// <param name="site">The index of the site in <c>Phase.Sites</c>.</param>
    /// <param name="u11">U¹¹ in Å².</param>
    /// <param name="u22">U²² in Å².</param>
    /// <param name="u33">U³³ in Å².</param>
    /// <param name="u12">U¹² in Å².</param>
    /// <param name="u13">U¹³ in Å².</param>
    /// <param name="u23">U²³ in Å².</param>
    /// <remarks><see cref="Phase"/> is not changed.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="site"/> is not a site index.</exception>
    /// <exception cref="InvalidOperationException">The site is isotropic; use <see cref="SetUiso"/>.</exception>
    public void SetAnisotropic(int site, double u11, double u22, double u33, double u12, double u13, double u23)
    {
        _siteSumValid = false;
        CheckSite(site);
        if (!_anisotropic[site]) throw WrongDisplacementKind(site, anisotropic: false);
        int i = 6 * site;
        _u[i] = u11;
        _u[i + 1] = u22;
        _u[i + 2] = u33;
        _u[i + 3] = u12;
        _u[i + 4] = u13;
        _u[i + 5] = u23;
        LoadBeta(site);
    }

    /// <summary>Replaces the occupancy of one occupant of a site, in place and without allocating.</summary>
    /// <param name="site">The index of the site in <c>Phase.Sites</c>.</param>
    /// <param name="occupant">The index of the occupant on the site.</param>
    /// <param name="occupancy">The occupancy (site fraction); not checked against [0, 1], as a refinement may step outside.</param>
    /// <remarks><see cref="Phase"/> is not changed.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="site"/> or <paramref name="occupant"/> is out of range.</exception>
    public void SetOccupancy(int site, int occupant, double occupancy)
    {
        CheckSite(site);
        int start = _siteOccupantStart[site], count = _siteOccupantStart[site + 1] - start;
        if ((uint)occupant >= (uint)count) throw OccupantOutOfRange(site, occupant, count);
        _occupancy[start + occupant] = occupancy;
    }

    /// <summary>The complex structure factor F(hkl) per unit cell (electrons or fm).</summary>
    /// <param name="hkl">The reflection; (0 0 0) gives F(000).</param>
    public Complex StructureFactor(MillerIndex hkl) => Evaluate(hkl, Span<double>.Empty, gradient: false);

    /// <summary>|F(hkl)|² per unit cell (electrons² or fm²).</summary>
    /// <param name="hkl">The reflection.</param>
    public double SquaredModulus(MillerIndex hkl)
    {
        var f = Evaluate(hkl, Span<double>.Empty, gradient: false);
        return f.Real * f.Real + f.Imaginary * f.Imaginary;
    }

    /// <summary>|F(hkl)|² and its derivatives with respect to <see cref="Parameters"/>, written into <paramref name="gradient"/>. Allocates nothing.</summary>
    /// <param name="hkl">The reflection.</param>
    /// <param name="gradient">At least <c>Parameters.Length</c> elements; the first that many are overwritten.</param>
    /// <returns>|F|².</returns>
    public double SquaredModulus(MillerIndex hkl, Span<double> gradient)
    {
        if (gradient.Length < Parameters.Length)
            throw new ArgumentException($"The gradient holds {gradient.Length} elements; this structure has {Parameters.Length} parameters.", nameof(gradient));
        var f = Evaluate(hkl, gradient, gradient: true);
        return f.Real * f.Real + f.Imaginary * f.Imaginary;
    }

    /// <summary>Whether any site has anisotropic displacements (then <see cref="SquaredModulusAtSpacing"/> cannot be used).</summary>
    public bool HasAnisotropicSites => Array.IndexOf(_anisotropic, true) >= 0;

    /// <summary>
    /// |F(hkl)|² as it would be if only the cell changed so that 1/d² became <paramref name="inverseDSquared"/>: the
    /// positions' phase sums Σ e^{2πi h·x} do not depend on the cell, so they are taken from the last evaluation of
    /// <paramref name="hkl"/> (made here if the last one was of another reflection) and only the form factors and the
    /// isotropic Debye–Waller factors are evaluated at s² = 1/(4d²). What a refinement's cell derivatives need, at a
    /// fraction of a full evaluation. Allocates nothing.
    /// </summary>
    /// <param name="hkl">The reflection.</param>
    /// <param name="inverseDSquared">1/d² at the changed cell, Å⁻², positive.</param>
    /// <returns>|F|² with the changed spacing.</returns>
    /// <exception cref="InvalidOperationException">A site is anisotropic (its Debye–Waller factor follows the reciprocal cell, not d alone).</exception>
    public double SquaredModulusAtSpacing(MillerIndex hkl, double inverseDSquared)
    {
        if (HasAnisotropicSites)
            throw new InvalidOperationException("SquaredModulusAtSpacing needs isotropic sites: an anisotropic site's Debye–Waller factor follows the whole reciprocal cell.");
        if (!_siteSumValid || _lastHkl != hkl) Evaluate(hkl, Span<double>.Empty, gradient: false);
        if (!_siteSumValid) return 0;   // extinct by centring
        double s2 = inverseDSquared / 4;
        for (int t = 0; t < _terms.Length; t++) _termValue[t] = _terms[t].Evaluate(s2);
        double fr = 0, fi = 0;
        for (int s = 0; s < _weight.Length; s++)
        {
            double w = _weight[s] * Math.Exp(-EightPiSquared * _uiso[s] * s2);
            double sr = 0, si = 0;
            for (int o = _siteOccupantStart[s]; o < _siteOccupantStart[s + 1]; o++)
            {
                var v = _termValue[_occupantTerm[o]];
                sr += _occupancy[o] * v.Real;
                si += _occupancy[o] * v.Imaginary;
            }
            double gr = _siteSum[2 * s], gi = _siteSum[2 * s + 1];
            fr += w * (sr * gr - si * gi);
            fi += w * (sr * gi + si * gr);
        }
        return fr * fr + fi * fi;
    }

    /// <summary>|F|² of many reflections, written into <paramref name="destination"/>. Allocates nothing.</summary>
    /// <param name="h">Indices h.</param>
    /// <param name="k">Indices k.</param>
    /// <param name="l">Indices l.</param>
    /// <param name="destination">One element per reflection.</param>
    public void SquaredModuli(ReadOnlySpan<int> h, ReadOnlySpan<int> k, ReadOnlySpan<int> l, Span<double> destination)
    {
        if (k.Length != h.Length || l.Length != h.Length)
            throw new ArgumentException($"h, k and l must have the same length; got {h.Length}, {k.Length}, {l.Length}.", nameof(k));
        if (destination.Length < h.Length)
            throw new ArgumentException($"The destination holds {destination.Length} elements; {h.Length} are needed.", nameof(destination));
        for (int i = 0; i < h.Length; i++)
        {
            var f = Evaluate(new MillerIndex(h[i], k[i], l[i]), Span<double>.Empty, gradient: false);
            destination[i] = f.Real * f.Real + f.Imaginary * f.Imaginary;
        }
    }

    private void LoadSiteValues(Phase phase)
    {
        var cell = phase.Cell;
        // The same path as SetCell, so that setting a phase's cell gives bit for bit what building from it does.
        LoadCell(cell.Geometry);
        Debug.Assert(Math.Abs(_g11 - cell.ReciprocalMetric.G11) <= 1e-14 * cell.ReciprocalMetric.G11
                     && Math.Abs(_g33 - cell.ReciprocalMetric.G33) <= 1e-14 * cell.ReciprocalMetric.G33,
            "The evaluator's reciprocal metric departs from UnitCell's.");
        int o = 0;
        for (int s = 0; s < phase.Sites.Length; s++)
        {
            var site = phase.Sites[s];
            _position[3 * s] = site.Position.X;
            _position[3 * s + 1] = site.Position.Y;
            _position[3 * s + 2] = site.Position.Z;
            // m/|G| times the centring sum n_c of an allowed reflection: m/n_P.
            _weight[s] = site.Multiplicity / (double)_operationCount;
            for (int k = 0; k < site.Occupants.Length; k++, o++) _occupancy[o] = site.Occupants[k].Occupancy;
            if (site.Displacement.Anisotropic is { } u)
            {
                _uiso[s] = 0;
                _u[6 * s] = u.U11;
                _u[6 * s + 1] = u.U22;
                _u[6 * s + 2] = u.U33;
                _u[6 * s + 3] = u.U12;
                _u[6 * s + 4] = u.U13;
                _u[6 * s + 5] = u.U23;
                LoadBeta(s);
            }
            else
            {
                _uiso[s] = site.Displacement.Uiso;
                _u.AsSpan(6 * s, 6).Clear();
                _beta.AsSpan(6 * s, 6).Clear();
            }
            FindOrbit(s);
        }
        FindUsedOperations();
    }

    /// <summary>
    /// How far (fractional, per coordinate, modulo the lattice and centring) two images may be apart and count as one:
    /// the rounding of coordinates computed in double (a few 1e-16 for W x + w with |x| ≲ 1), with room to spare. Two
    /// images this close give phases that differ by at most 2π |h|₁ · 1e-14, below 1e-12 for every index a powder
    /// pattern reaches; a site genuinely off its special position is off by far more.
    /// </summary>
    internal const double OrbitTolerance = 1e-14;

    /// <summary>The number of operation classes (distinct images modulo centring) the sum over a site runs over.</summary>
    internal int ImageCount(int site) => _classCount[site];

    /// <summary>
    /// Groups the primitive operations by the image of the site they give (modulo lattice and centring), at its current
    /// coordinates; an anisotropic site keeps one class per operation. Allocates nothing.
    /// </summary>
    private void FindOrbit(int site)
    {
        int n = _operationCount, b = site * n;
        double x = _position[3 * site], y = _position[3 * site + 1], z = _position[3 * site + 2];
        int count = 0;
        for (int p = 0; p < n; p++)
        {
            int found = -1, centring = 0;
            if (!_anisotropic[site])
            {
                for (int k = 0; k < count && found < 0; k++)
                {
                    centring = MatchingCentring(p, _classOperation[b + k], x, y, z);
                    if (centring >= 0) found = k;
                }
            }
            if (found < 0)
            {
                found = count++;
                centring = 0;
                _classOperation[b + found] = p;
                _classSize[b + found] = 0;
                _classRotationSum.AsSpan(9 * (b + found), 9).Clear();
            }
            _operationClass[b + p] = found;
            _operationCentring[b + p] = centring;
            _classSize[b + found] += 1;
            for (int e = 0; e < 9; e++) _classRotationSum[9 * (b + found) + e] += _rotations[9 * p + e];
        }
        _classCount[site] = count;
    }

    /// <summary>Whether every operation's image still coincides with its class representative's at the site's coordinates.</summary>
    private bool OrbitHolds(int site)
    {
        int n = _operationCount, b = site * n;
        if (_classCount[site] == n) return true;
        double x = _position[3 * site], y = _position[3 * site + 1], z = _position[3 * site + 2];
        for (int p = 0; p < n; p++)
        {
            int representative = _classOperation[b + _operationClass[b + p]];
            if (representative != p && !Coincide(p, representative, _operationCentring[b + p], x, y, z)) return false;
        }
        return true;
    }

    // The centring translation (index) that takes the image of (x, y, z) under operation p onto its image under
    // operation r modulo the lattice, or −1.
    private int MatchingCentring(int p, int r, double x, double y, double z)
    {
        for (int c = 0; c < _centring.Length / 3; c++)
            if (Coincide(p, r, c, x, y, z)) return c;
        return -1;
    }

    private bool Coincide(int p, int r, int centring, double x, double y, double z)
    {
        for (int i = 0; i < 3; i++)
        {
            double image = _rotations[9 * p + 3 * i] * x + _rotations[9 * p + 3 * i + 1] * y + _rotations[9 * p + 3 * i + 2] * z
                           + _translations[3 * p + i] / (double)SymmetryOperation.TranslationDenominator;
            double other = _rotations[9 * r + 3 * i] * x + _rotations[9 * r + 3 * i + 1] * y + _rotations[9 * r + 3 * i + 2] * z
                           + (_translations[3 * r + i] + _centring[3 * centring + i]) / (double)SymmetryOperation.TranslationDenominator;
            double difference = image - other;
            if (!(Math.Abs(difference - Math.Round(difference)) <= OrbitTolerance)) return false;
        }
        return true;
    }

    // The operations that represent a class of some site: the only ones whose hW and h·w a reflection needs.
    private void FindUsedOperations()
    {
        Array.Clear(_operationUsed);
        for (int s = 0; s < _classCount.Length; s++)
            for (int k = 0; k < _classCount[s]; k++) _operationUsed[_classOperation[s * _operationCount + k]] = true;
        _usedCount = 0;
        for (int p = 0; p < _operationCount; p++)
            if (_operationUsed[p]) _usedOperations[_usedCount++] = p;
    }

    /// <summary>The reciprocal metric and the β scales of a cell (a value: <see cref="SetCell"/> allocates nothing).</summary>
    private void LoadCell(CellGeometry geometry)
    {
        var g = geometry.ReciprocalMetric;
        (_g11, _g22, _g33, _g12, _g13, _g23) = (g.G11, g.G22, g.G33, g.G12, g.G13, g.G23);
        double aStar = Math.Sqrt(_g11), bStar = Math.Sqrt(_g22), cStar = Math.Sqrt(_g33);
        _betaScale[0] = TwoPiSquared * aStar * aStar;
        _betaScale[1] = TwoPiSquared * bStar * bStar;
        _betaScale[2] = TwoPiSquared * cStar * cStar;
        _betaScale[3] = TwoPiSquared * aStar * bStar;
        _betaScale[4] = TwoPiSquared * aStar * cStar;
        _betaScale[5] = TwoPiSquared * bStar * cStar;
    }

    /// <summary>β_k = 2π² N_i N_j U_k of an anisotropic site from its stored U and the current cell.</summary>
    private void LoadBeta(int site)
    {
        Debug.Assert(_anisotropic[site]);
        for (int k = 0; k < 6; k++) _beta[6 * site + k] = _betaScale[k] * _u[6 * site + k];
    }

    private void CheckSite(int site)
    {
        if ((uint)site >= (uint)_weight.Length) throw SiteOutOfRange(site, _weight.Length);
    }

    private static ArgumentOutOfRangeException SiteOutOfRange(int site, int count) =>
        new(nameof(site), site, string.Create(CultureInfo.InvariantCulture, $"The structure has {count} sites, indexed 0 to {count - 1}."));

    private ArgumentOutOfRangeException OccupantOutOfRange(int site, int occupant, int count) =>
        new(nameof(occupant), occupant, string.Create(CultureInfo.InvariantCulture,
            $"Site {site} ('{Phase.Sites[site].Label}') has {count} occupants, indexed 0 to {count - 1}."));

    private InvalidOperationException WrongDisplacementKind(int site, bool anisotropic) =>
        new(anisotropic
            ? string.Create(CultureInfo.InvariantCulture, $"Site {site} ('{Phase.Sites[site].Label}') has an anisotropic displacement; set its tensor with SetAnisotropic, not a Uiso.")
            : string.Create(CultureInfo.InvariantCulture, $"Site {site} ('{Phase.Sites[site].Label}') has an isotropic displacement; set its Uiso with SetUiso, not a U tensor."));

    private Complex Evaluate(MillerIndex hkl, Span<double> gradientOut, bool gradient)
    {
        if (gradient)
        {
            gradientOut[..Parameters.Length].Clear();
            Array.Clear(_derivative);
        }
        int h = hkl.H, k = hkl.K, l = hkl.L;
        _lastHkl = hkl;
        _siteSumValid = false;

        // The centring sum: n_c when h·t is integral for every centring translation, else 0.
        for (int c = 0; c < _centring.Length; c += 3)
        {
            if ((h * _centring[c] + k * _centring[c + 1] + l * _centring[c + 2]) % SymmetryOperation.TranslationDenominator != 0)
                return Complex.Zero;
        }

        // s² = hᵀG*h/4, written as UnitCell.InverseDSquared (MetricTensor.QuadraticForm) writes it.
        double hd = h, kd = k, ld = l;
        double s2 = hkl.IsOrigin ? 0 : (_g11 * hd * hd + _g22 * kd * kd + _g33 * ld * ld + 2 * (_g12 * hd * kd + _g13 * hd * ld + _g23 * kd * ld)) / 4;
        for (int u = 0; u < _usedCount; u++)
        {
            int p = _usedOperations[u];
            int r = 9 * p;
            _rotated[3 * p] = h * _rotations[r] + k * _rotations[r + 3] + l * _rotations[r + 6];
            _rotated[3 * p + 1] = h * _rotations[r + 1] + k * _rotations[r + 4] + l * _rotations[r + 7];
            _rotated[3 * p + 2] = h * _rotations[r + 2] + k * _rotations[r + 5] + l * _rotations[r + 8];
            int shift = (h * _translations[3 * p] + k * _translations[3 * p + 1] + l * _translations[3 * p + 2]) % SymmetryOperation.TranslationDenominator;
            _phaseOffset[p] = shift / (double)SymmetryOperation.TranslationDenominator;
        }
        for (int t = 0; t < _terms.Length; t++) _termValue[t] = _terms[t].Evaluate(s2);

        double fr = 0, fi = 0;
        int siteCount = _weight.Length;
        for (int s = 0; s < siteCount; s++)
        {
            double x = _position[3 * s], y = _position[3 * s + 1], z = _position[3 * s + 2];
            bool aniso = _anisotropic[s];
            double b11 = _beta[6 * s], b22 = _beta[6 * s + 1], b33 = _beta[6 * s + 2];
            double b12 = _beta[6 * s + 3], b13 = _beta[6 * s + 4], b23 = _beta[6 * s + 5];

            // G = Σ_p T_p e^{iφ_p}, and for the gradient X_j + iY_j = Σ_p T_p h'_j e^{iφ_p} and, for an
            // anisotropic site, Q_k = Σ_p q_k T_p e^{iφ_p} with q = (h'₁², h'₂², h'₃², 2h'₁h'₂, 2h'₁h'₃, 2h'₂h'₃),
            // the derivatives of the exponent Σ_ij β_ij h'_i h'_j with respect to β11 … β23.
            double gr = 0, gi = 0, x1r = 0, x1i = 0, x2r = 0, x2i = 0, x3r = 0, x3i = 0;
            double q11r = 0, q11i = 0, q22r = 0, q22i = 0, q33r = 0, q33i = 0;
            double q12r = 0, q12i = 0, q13r = 0, q13i = 0, q23r = 0, q23i = 0;
            // One term per class of operations (see remarks): e^{iφ} of its representative, counted by the class size;
            // the coordinate sums take h Σ W over the class. An anisotropic site has one operation per class.
            int classes = _classCount[s], b = s * _operationCount;
            for (int c = 0; c < classes; c++)
            {
                int p = _classOperation[b + c];
                double size = _classSize[b + c];
                int h1 = _rotated[3 * p], h2 = _rotated[3 * p + 1], h3 = _rotated[3 * p + 2];
                double phi = TwoPi * (h1 * x + h2 * y + h3 * z + _phaseOffset[p]);
                var (sin, cos) = Math.SinCos(phi);
                if (aniso)
                {
                    double t = Math.Exp(-(b11 * h1 * h1 + b22 * h2 * h2 + b33 * h3 * h3
                                          + 2 * (b12 * h1 * h2 + b13 * h1 * h3 + b23 * h2 * h3)));
                    cos *= t;
                    sin *= t;
                }
                gr += size * cos;
                gi += size * sin;
                if (gradient)
                {
                    int m1 = h1, m2 = h2, m3 = h3;
                    if (size != 1)
                    {
                        int sum = 9 * (b + c);
                        m1 = h * _classRotationSum[sum] + k * _classRotationSum[sum + 3] + l * _classRotationSum[sum + 6];
                        m2 = h * _classRotationSum[sum + 1] + k * _classRotationSum[sum + 4] + l * _classRotationSum[sum + 7];
                        m3 = h * _classRotationSum[sum + 2] + k * _classRotationSum[sum + 5] + l * _classRotationSum[sum + 8];
                    }
                    x1r += m1 * cos; x1i += m1 * sin;
                    x2r += m2 * cos; x2i += m2 * sin;
                    x3r += m3 * cos; x3i += m3 * sin;
                    if (aniso)
                    {
                        double q11 = h1 * h1, q22 = h2 * h2, q33 = h3 * h3;
                        double q12 = 2 * h1 * h2, q13 = 2 * h1 * h3, q23 = 2 * h2 * h3;
                        q11r += q11 * cos; q11i += q11 * sin;
                        q22r += q22 * cos; q22i += q22 * sin;
                        q33r += q33 * cos; q33i += q33 * sin;
                        q12r += q12 * cos; q12i += q12 * sin;
                        q13r += q13 * cos; q13i += q13 * sin;
                        q23r += q23 * cos; q23i += q23 * sin;
                    }
                }
            }

            _siteSum[2 * s] = gr;
            _siteSum[2 * s + 1] = gi;
            double w = _weight[s] * (aniso ? 1 : Math.Exp(-EightPiSquared * _uiso[s] * s2));
            // f_site = Σ occupancy · f_occupant.
            double sr = 0, si = 0;
            int start = _siteOccupantStart[s], end = _siteOccupantStart[s + 1];
            for (int o = start; o < end; o++)
            {
                var v = _termValue[_occupantTerm[o]];
                sr += _occupancy[o] * v.Real;
                si += _occupancy[o] * v.Imaginary;
            }
            // F_site = w · f_site · G.
            double cr = w * (sr * gr - si * gi);
            double ci = w * (sr * gi + si * gr);
            fr += cr;
            fi += ci;

            if (gradient)
            {
                int g = _parameterStart[s];
                // ∂F/∂x_j = w f_site · 2πi (X_j + iY_j) = 2π w f_site · (−Y_j + iX_j).
                _derivative[g] = TwoPi * w * Multiply(sr, si, -x1i, x1r);
                _derivative[g + 1] = TwoPi * w * Multiply(sr, si, -x2i, x2r);
                _derivative[g + 2] = TwoPi * w * Multiply(sr, si, -x3i, x3r);
                int next = g + 3;
                if (aniso)
                {
                    // ∂F/∂U_k = ∂F/∂β_k · 2π² N_i N_j = −(2π² N_i N_j) w f_site Q_k.
                    _derivative[next++] = -_betaScale[0] * w * Multiply(sr, si, q11r, q11i);
                    _derivative[next++] = -_betaScale[1] * w * Multiply(sr, si, q22r, q22i);
                    _derivative[next++] = -_betaScale[2] * w * Multiply(sr, si, q33r, q33i);
                    _derivative[next++] = -_betaScale[3] * w * Multiply(sr, si, q12r, q12i);
                    _derivative[next++] = -_betaScale[4] * w * Multiply(sr, si, q13r, q13i);
                    _derivative[next++] = -_betaScale[5] * w * Multiply(sr, si, q23r, q23i);
                }
                else
                {
                    // ∂F/∂Uiso = −8π² s² F_site.
                    _derivative[next++] = new Complex(-EightPiSquared * s2 * cr, -EightPiSquared * s2 * ci);
                }
                for (int o = start; o < end; o++)
                {
                    // ∂F/∂occupancy = w f_occupant G.
                    var v = _termValue[_occupantTerm[o]];
                    _derivative[next++] = w * Multiply(v.Real, v.Imaginary, gr, gi);
                }
            }
        }
        _siteSumValid = true;
        if (gradient)
        {
            // ∂|F|²/∂p = 2 Re(F* ∂F/∂p).
            for (int i = 0; i < _derivative.Length; i++)
                gradientOut[i] = 2 * (fr * _derivative[i].Real + fi * _derivative[i].Imaginary);
        }
        return new Complex(fr, fi);
    }

    private static Complex Multiply(double ar, double ai, double br, double bi) => new(ar * br - ai * bi, ar * bi + ai * br);
}
