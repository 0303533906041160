using System.Collections.Immutable;
using System.Numerics;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Computes structure factors F(hkl) per unit cell (centring included) of one phase for one
/// scattering model, and the derivatives of |F|² with respect to the site coordinates, Uiso and
/// occupancies. An executor: it owns scratch buffers sized once, so it is not thread-safe — give
/// each thread its own. <see cref="Update"/> refreshes it in place for a phase of the same structure
/// (same space group, sites and occupant species), as a refinement cycle needs.
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
/// −8π² s² times the site's contribution. Coordinates are treated as three free numbers; the
/// constraints of a special position are applied by whoever refines them.</para>
/// </remarks>
public sealed class StructureFactorEvaluator
{
    private const double TwoPi = 2 * Math.PI;
    private const double EightPiSquared = 8 * Math.PI * Math.PI;

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
    private readonly double[] _beta;          // 6 per site: β11 β22 β33 β12 β13 β23, zero for isotropic sites
    private readonly bool[] _anisotropic;
    private readonly int[] _parameterStart;   // per site, index of its first gradient entry

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
            if (!_anisotropic[s]) parameters.Add(new(s, StructureFactorParameterKind.Uiso));
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

        _rotated = new int[3 * _operationCount];
        _phaseOffset = new double[_operationCount];
        _termValue = new Complex[_terms.Length];
        _derivative = new Complex[Parameters.Length];
        Phase = phase;
        LoadSiteValues(phase);
    }

    /// <summary>The phase whose values the evaluator currently holds.</summary>
    public Phase Phase { get; private set; }

    /// <summary>The scattering model.</summary>
    public ScatteringModel Model { get; }

    /// <summary>
    /// The layout of the gradient: for each site in order, X, Y, Z, Uiso (isotropic sites only), then
    /// one occupancy per occupant.
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
        double aStar = cell.AStar, bStar = cell.BStar, cStar = cell.CStar;
        const double TwoPiSquared = 2 * Math.PI * Math.PI;
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
                _beta[6 * s] = TwoPiSquared * aStar * aStar * u.U11;
                _beta[6 * s + 1] = TwoPiSquared * bStar * bStar * u.U22;
                _beta[6 * s + 2] = TwoPiSquared * cStar * cStar * u.U33;
                _beta[6 * s + 3] = TwoPiSquared * aStar * bStar * u.U12;
                _beta[6 * s + 4] = TwoPiSquared * aStar * cStar * u.U13;
                _beta[6 * s + 5] = TwoPiSquared * bStar * cStar * u.U23;
            }
            else
            {
                _uiso[s] = site.Displacement.Uiso;
                _beta.AsSpan(6 * s, 6).Clear();
            }
        }
    }

    private Complex Evaluate(MillerIndex hkl, Span<double> gradientOut, bool gradient)
    {
        if (gradient)
        {
            gradientOut[..Parameters.Length].Clear();
            Array.Clear(_derivative);
        }
        int h = hkl.H, k = hkl.K, l = hkl.L;

        // The centring sum: n_c when h·t is integral for every centring translation, else 0.
        for (int c = 0; c < _centring.Length; c += 3)
        {
            if ((h * _centring[c] + k * _centring[c + 1] + l * _centring[c + 2]) % SymmetryOperation.TranslationDenominator != 0)
                return Complex.Zero;
        }

        double s2 = hkl.IsOrigin ? 0 : Phase.Cell.InverseDSquared(h, k, l) / 4;
        for (int p = 0; p < _operationCount; p++)
        {
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

            // G = Σ_p T_p e^{iφ_p}, and for the gradient X_j + iY_j = Σ_p T_p h'_j e^{iφ_p}.
            double gr = 0, gi = 0, x1r = 0, x1i = 0, x2r = 0, x2i = 0, x3r = 0, x3i = 0;
            for (int p = 0; p < _operationCount; p++)
            {
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
                gr += cos;
                gi += sin;
                if (gradient)
                {
                    x1r += h1 * cos; x1i += h1 * sin;
                    x2r += h2 * cos; x2i += h2 * sin;
                    x3r += h3 * cos; x3i += h3 * sin;
                }
            }

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
                if (!aniso)
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
