using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// A Rietveld refinement of phases against one or several powder patterns at once (X-ray and neutron,
/// constant wavelength and time of flight), as an <see cref="ILeastSquaresProblem"/> over the
/// independent variables v of a <see cref="ReducedParameterSpace"/> (p = p₀ + T·v, so every constraint
/// holds). An executor: it owns its buffers and is not thread-safe.
/// </summary>
/// <remarks>
/// <para>Model, per pattern: y_c(x) = B(x) + Σ_phases Σ_k Σ_lines I_k·Ω(x − P_k), with
/// I_k = S·K_φ·m_k·|F_k|²·L(d_k) (times the Kα2 ratio for the second line), S the pattern's scale,
/// K_φ = s_φ the phase's scale, or s_φ·f_φ/(Z_φ·V_φ) when the phase carries a mole fraction f_φ of its
/// stated formula unit (Hill–Howard: the amounts then follow from f directly, and the same f serves every
/// pattern). L is the radiation's Lorentz(–polarisation) factor. Constant wavelength:
/// P = 2θ_B(d, λ) + zero + D·cos θ + T·sin 2θ + O·cos 2θ, Ω the TCH pseudo-Voigt (widths at 2θ_B) with the
/// FCJ asymmetry when S/L or H/L is non-zero. Time of flight: P = zero + DIFC·d + DIFA·d² + DIFB/d, Ω the
/// back-to-back exponentials ⊗ pseudo-Voigt with α, β, σ², γ of the TOF profile at d. B is a Chebyshev
/// series over the fitted range.</para>
/// <para>Derivatives are analytic, computed in the same pass as the profile: through I (scales,
/// fractions, |F|² with respect to coordinates, displacements and occupancies), through P and the shape
/// (zero and shifts, DIFC/DIFA, the cell through d), through the widths (profile parameters) and the
/// background. One part is numeric: the slow variation of |F|²·L with a reflection's own d (form factors,
/// Debye–Waller factor and L), taken as a central difference over d(1 ± 10⁻⁵) with two more structure
/// factor evaluators per phase and pattern that share its values; cell columns only.</para>
/// <para>Reflections are generated once, from the starting cells, over each pattern's range widened by
/// 10 %. Symmetry ties of special positions and cells are followed automatically
/// (<see cref="ParameterCatalog"/>).</para>
/// </remarks>
public sealed partial class RefinementProblem : ILeastSquaresProblem
{
    private readonly double[] _values;                       // every catalog parameter, by slot
    private readonly int[] _spaceSlot;                       // per space parameter, its slot
    private readonly Tie[] _ties;
    private readonly double[] _parameters;                   // p = p₀ + T·v
    private readonly PhaseModel[] _phases;
    private readonly PatternModel[] _patterns;
    private readonly double[] _calculated, _background, _rowScale;
    private readonly double[] _parameterJacobian;            // N × P, column-major
    private readonly double[] _lower, _upper;                // per variable
    private readonly VariableMap _map;

    /// <summary>Builds the problem.</summary>
    /// <param name="phases">The phases at the start (names unique).</param>
    /// <param name="patterns">The patterns (names unique), at least one.</param>
    /// <param name="constraints">What is refined, held, bound and constrained (ids from <see cref="CreateCatalog"/>).</param>
    /// <param name="scales">Starting scale per phase name; 1 when missing.</param>
    /// <param name="fractions">Starting mole fraction per phase name (of its stated formula unit); phases listed here scale as s·f/(Z·V).</param>
    /// <param name="options">How peaks are evaluated (windows, vector width, TOF Lorentzian convention), or null for <see cref="PatternSimulatorOptions.Default"/>.</param>
    /// <param name="startingValues">Values that replace the catalog's starting values (a stage that starts where another ended), or null.</param>
    /// <exception cref="ArgumentException">Duplicate names, a refined parameter the problem does not know, or a constraint set that cannot be reduced.</exception>
    public RefinementProblem(IReadOnlyList<Phase> phases, IReadOnlyList<RefinementPattern> patterns, ConstraintSet constraints,
                             IReadOnlyDictionary<string, double>? scales = null, IReadOnlyDictionary<string, double>? fractions = null,
                             PatternSimulatorOptions? options = null, IReadOnlyDictionary<ParameterId, double>? startingValues = null)
    {
        Options = options ?? PatternSimulatorOptions.Default;
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(constraints);
        if (phases.Count == 0) throw new ArgumentException("Give at least one phase.", nameof(phases));
        if (patterns.Count == 0) throw new ArgumentException("Give at least one pattern.", nameof(patterns));
        Patterns = [.. patterns];
        var catalog = CreateCatalog(phases, patterns, scales, fractions);
        foreach (var (id, value) in startingValues ?? ImmutableDictionary<ParameterId, double>.Empty)
            if (catalog.Contains(id) && !catalog.DependentParameters.Contains(id)) catalog = catalog.WithValue(id, value);
        Catalog = catalog;
        foreach (var id in constraints.Refined.Concat(constraints.Constraints.SelectMany(c => c.Parameters)))
            if (!Catalog.Contains(id))
                throw new ArgumentException($"Parameter {id} is not a parameter of these phases and patterns.", nameof(constraints));
        Space = constraints.Reduce(Catalog.Values);

        var slotOf = new Dictionary<ParameterId, int>();
        var slots = new List<double>();
        foreach (var (id, value) in Catalog.Values.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            slotOf[id] = slots.Count;
            slots.Add(value);
        }
        _values = [.. slots];
        _spaceSlot = [.. Space.Parameters.Select(id => slotOf[id])];
        _parameters = new double[Space.ParameterCount];
        _ties = [.. Catalog.SymmetryConstraints.Select(c => Tie.Of(c, Catalog.DependentParameters, slotOf))];

        var ties = new TieMap(Catalog, Space);
        _phases = [.. Catalog.Phases.Select(p => new PhaseModel(p, slotOf, Space, ties))];
        int offset = 0;
        var models = new List<PatternModel>();
        foreach (var pattern in Patterns)
        {
            var model = new PatternModel(pattern, offset, _phases, slotOf, Space, Options);
            models.Add(model);
            offset += model.Count;
        }
        _patterns = [.. models];
        ObservationCount = offset;
        _rowScale = new double[offset];
        foreach (var model in _patterns) model.SquareRootWeights.CopyTo(_rowScale, model.Offset);
        _calculated = new double[offset];
        _background = new double[offset];
        _parameterJacobian = new double[offset * Space.ParameterCount];
        foreach (var model in _patterns) model.WriteBackgroundColumns(_parameterJacobian, offset);
        _map = new VariableMap(Space, _patterns);
        (_lower, _upper, UnenforcedBounds) = VariableBounds(Space);
        if (ObservationCount <= ParameterCount)
            throw new ArgumentException($"{ObservationCount} fitted points cannot determine {ParameterCount} variables.", nameof(patterns));
        BuildSparsity();
        SetUpParallelPatterns();
    }

    /// <summary>How peaks are evaluated: the simulator's options (windows, vector width, TOF Lorentzian convention).</summary>
    public PatternSimulatorOptions Options { get; }

    /// <summary>The catalog of every parameter (phases and patterns) with its starting value.</summary>
    public ParameterCatalog Catalog { get; }

    /// <summary>The reduced space p = p₀ + T·v the engine works in.</summary>
    public ReducedParameterSpace Space { get; }

    /// <summary>The patterns, in the order their points stand in the residual vector.</summary>
    public ImmutableArray<RefinementPattern> Patterns { get; }

    /// <summary>The number of fitted points N over all patterns.</summary>
    public int ObservationCount { get; }

    /// <summary>The number of independent variables (<see cref="ReducedParameterSpace.VariableCount"/>).</summary>
    public int ParameterCount => Space.VariableCount;

    /// <summary>The names of the independent variables, for <see cref="LevenbergMarquardt.Minimize"/>.</summary>
    public ImmutableArray<string> VariableNames => [.. Enumerable.Range(0, ParameterCount).Select(Space.DescribeVariable)];

    /// <summary>The starting variables v₀ (the catalog's values).</summary>
    public double[] StartingVariables()
    {
        // v₀ = T⁺(p₀ − origin) is zero up to rounding; inside the bounds by construction.
        var start = Space.ToVariables(Space.Origin);
        for (int j = 0; j < start.Length; j++) start[j] = Math.Clamp(start[j], _lower[j], _upper[j]);
        return start;
    }

    /// <summary>Where the points of a pattern start in the residual vector, and how many there are.</summary>
    /// <param name="patternIndex">The pattern's index in <see cref="Patterns"/>.</param>
    public (int Offset, int Count) RowsOf(int patternIndex) => (_patterns[patternIndex].Offset, _patterns[patternIndex].Count);

    /// <summary>
    /// The lower bound of variable <paramref name="index"/>: the bounds of the constraint set carried to the variables for
    /// every bounded parameter that depends on that variable alone (p = p₀ + t·v); a parameter that mixes several
    /// variables is not bounded here.
    /// </summary>
    /// <param name="index">The variable.</param>
    public double LowerBound(int index) => _lower[index];

    /// <summary>Bounded parameters that mix several variables (through constraints), whose bounds the engine cannot enforce.</summary>
    public ImmutableArray<ParameterId> UnenforcedBounds { get; }

    /// <summary>The upper bound of variable <paramref name="index"/> (see <see cref="LowerBound"/>).</summary>
    /// <param name="index">The variable.</param>
    public double UpperBound(int index) => _upper[index];

    /// <summary>
    /// The parameter catalog of phases and patterns: the phases' parameters
    /// (<see cref="ParameterCatalog.Create"/>) plus each pattern's histogram parameters with finite starting values, its
    /// background coefficients, and the hydrostatic strain and broadening of each phase in it (<see cref="HydrostaticStrain"/>,
    /// <see cref="PhaseBroadening"/>, zero at the start).
    /// </summary>
    /// <param name="phases">The phases.</param>
    /// <param name="patterns">The patterns.</param>
    /// <param name="scales">Starting scale per phase name; 1 when missing.</param>
    /// <param name="fractions">Starting mole fraction per phase name, or null.</param>
    /// <exception cref="ArgumentException">Two patterns share a name.</exception>
    public static ParameterCatalog CreateCatalog(IReadOnlyList<Phase> phases, IReadOnlyList<RefinementPattern> patterns,
                                                 IReadOnlyDictionary<string, double>? scales = null, IReadOnlyDictionary<string, double>? fractions = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(patterns);
        var duplicate = patterns.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two patterns are named '{duplicate.Key}'; histogram parameters are named by pattern, so names must differ.", nameof(patterns));
        var catalog = ParameterCatalog.Create(phases, scales, fractions);
        foreach (var pattern in patterns)
        {
            foreach (var name in pattern.ParameterNames)
            {
                double value = pattern.StartingValue(name);
                if (double.IsFinite(value)) catalog = catalog.WithParameter(ParameterId.Histogram(pattern.Name, name), value);
            }
            for (int k = 0; k < pattern.Background.Coefficients.Count; k++)
                catalog = catalog.WithParameter(pattern.BackgroundCoefficient(k), pattern.Background.Coefficients[k]);
            foreach (var phase in phases)
            {
                foreach (var term in HydrostaticStrain.Terms(phase))
                    catalog = catalog.WithParameter(HydrostaticStrain.Parameter(pattern.Name, phase.Name, term.Name), 0);
                catalog = catalog.WithParameter(PreferredOrientation.Parameter(pattern.Name, phase.Name), 1);
                foreach (var term in PhaseBroadening.Terms(pattern.IsTimeOfFlight))
                    catalog = catalog.WithParameter(PhaseBroadening.Parameter(pattern.Name, phase.Name, term), 0);
            }
        }
        return catalog;
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor) =>
        Evaluate(parameters, weightedResiduals, jacobianColumnMajor, complete: true);

    // complete: every entry of the Jacobian written; otherwise only the candidate columns' segments (IJacobianSparsity).
    private void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor, bool complete)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"{parameters.Length} variables were given; the problem has {ParameterCount}.", nameof(parameters));
        int n = ObservationCount;
        if (weightedResiduals.Length != n)
            throw new ArgumentException($"The residual destination holds {weightedResiduals.Length} values; {n} are needed.", nameof(weightedResiduals));
        bool jacobian = !jacobianColumnMajor.IsEmpty;
        if (jacobian && jacobianColumnMajor.Length != n * ParameterCount)
            throw new ArgumentException($"The Jacobian destination holds {jacobianColumnMajor.Length} values; {n}×{ParameterCount} are needed.", nameof(jacobianColumnMajor));

        Load(parameters);
        Array.Clear(_calculated);
        bool ok = true;
        foreach (var phase in _phases) ok &= phase.Load(_values);
        ok = ok && CalculatePatterns(jacobian, n);
        if (!ok)
        {
            weightedResiduals.Fill(double.NaN);
            if (jacobian)
            {
                jacobianColumnMajor.Fill(double.NaN);
                MarkEveryColumn();
            }
            return;
        }
        foreach (var pattern in _patterns) pattern.WeightedResiduals(_calculated, weightedResiduals);
        // Where the Jacobian can be non-zero, for the normal equations; then the weighting and the constraint map in one
        // pass, over the rows that can be non-zero (VariableMap), zeros written everywhere else or, for the engine, only
        // where a candidate segment needs them.
        if (jacobian)
        {
            MarkCandidates();
            _map.Chain(_patterns, _parameterJacobian, _rowScale, jacobianColumnMajor, complete ? default : _candidates, _maskWords);
        }
    }

    /// <summary>A one-line summary: phases, patterns with their points, refined parameters and independent variables.</summary>
    public override string ToString()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string patterns = string.Join(", ", _patterns.Select(p => string.Create(inv, $"{p.Name} ({p.Count} points, {p.PeakCount} peaks)")));
        string text = string.Create(inv,
            $"RefinementProblem: {Catalog.Phases.Length} phase(s) [{string.Join(", ", Catalog.Phases.Select(p => p.Name))}] against {patterns}; {Space.ParameterCount} refined parameters, {ParameterCount} independent variables, {ObservationCount} observations");
        return UnenforcedBounds.IsEmpty ? text : text + string.Create(inv, $"; {UnenforcedBounds.Length} bound(s) not enforced");
    }

    // Benchmarks: every pattern's profile kernel (with the Jacobian) once more on the peak tables of the last evaluation.
    internal void RepeatKernels()
    {
        foreach (var pattern in _patterns) pattern.RepeatKernel(_values, ObservationCount, _calculated, _parameterJacobian);
    }

    /// <summary>The calculated pattern (background included) at the variables, per pattern, over every point of the pattern (fitted or not).</summary>
    /// <param name="variables">The independent variables.</param>
    /// <param name="patternIndex">The pattern's index in <see cref="Patterns"/>.</param>
    public (double[] Calculated, double[] Background) Calculate(ReadOnlySpan<double> variables, int patternIndex)
    {
        var r = new double[ObservationCount];
        Evaluate(variables, r, []);
        var model = _patterns[patternIndex];
        return (_calculated.AsSpan(model.Offset, model.Count).ToArray(), _background.AsSpan(model.Offset, model.Count).ToArray());
    }

    /// <summary>Rp, Rwp, Rexp, χ² and GoF of one pattern's fitted points at the variables (P = the number of independent variables).</summary>
    /// <param name="variables">The independent variables.</param>
    /// <param name="patternIndex">The pattern's index in <see cref="Patterns"/>.</param>
    public AgreementFactors Agreement(ReadOnlySpan<double> variables, int patternIndex)
    {
        var (calculated, background) = Calculate(variables, patternIndex);
        var model = _patterns[patternIndex];
        return AgreementFactors.Compute(model.Observed, calculated, model.Weights, ParameterCount, 0, background);
    }

    /// <summary>
    /// R_Bragg and R_F of one phase in one pattern at the variables: each reflection's profile (all its lines) over
    /// the fitted points, apportioned with the background (<see cref="BraggAgreement"/>).
    /// </summary>
    /// <param name="variables">The independent variables.</param>
    /// <param name="patternIndex">The pattern's index in <see cref="Patterns"/>.</param>
    /// <param name="phaseIndex">The phase's index in the catalog.</param>
    public BraggAgreement Bragg(ReadOnlySpan<double> variables, int patternIndex, int phaseIndex)
    {
        var (calculated, background) = Calculate(variables, patternIndex);
        var model = _patterns[patternIndex];
        return BraggAgreement.Compute(model.Observed, calculated, model.ReflectionWindows(_values, phaseIndex), background);
    }

    /// <summary>Where each reflection of a phase stands in a pattern at the variables (the first line's position) with its indices.</summary>
    /// <param name="variables">The independent variables.</param>
    /// <param name="patternIndex">The pattern's index in <see cref="Patterns"/>.</param>
    /// <param name="phaseIndex">The phase's index in the catalog.</param>
    public ImmutableArray<ReflectionTick> Ticks(ReadOnlySpan<double> variables, int patternIndex, int phaseIndex)
    {
        Evaluate(variables, new double[ObservationCount], []);
        return _patterns[patternIndex].Ticks(phaseIndex);
    }

    /// <summary>The phases at the variables (new objects; the inputs are unchanged), with standard uncertainties when a variable covariance is given.</summary>
    /// <param name="variables">The independent variables.</param>
    /// <param name="variableCovariance">The scaled covariance of the variables (<see cref="LeastSquaresResult.CovarianceMatrix"/>), or null.</param>
    public ImmutableArray<Phase> PhasesAt(ReadOnlySpan<double> variables, double[,]? variableCovariance = null) =>
        Catalog.ToPhases(Space.ToValues(variables), variableCovariance is null ? null : Space.StandardUncertaintiesById(variableCovariance));

    // Bounds on p for parameters that follow one variable alone, p = p₀ + t·v, become bounds on v (intersected).
    private static (double[] Lower, double[] Upper, ImmutableArray<ParameterId> Unenforced) VariableBounds(ReducedParameterSpace space)
    {
        var unenforced = ImmutableArray.CreateBuilder<ParameterId>();
        int m = space.VariableCount;
        var lower = Enumerable.Repeat(double.NegativeInfinity, m).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, m).ToArray();
        var start = space.ToVariables(space.Origin);
        for (int i = 0; i < space.ParameterCount; i++)
        {
            var bounds = space.BoundsOf(i);
            if (bounds.IsUnbounded) continue;
            int only = -1, count = 0;
            for (int j = 0; j < m; j++)
            {
                if (space.Transform(i, j) == 0) continue;
                only = j;
                count++;
            }
            if (count != 1)
            {
                if (count > 1) unenforced.Add(space.Parameters[i]);
                continue;
            }
            double t = space.Transform(i, only), p0 = space.Origin[i] - t * start[only];
            double a = (bounds.Lower - p0) / t, b = (bounds.Upper - p0) / t;
            if (t < 0) (a, b) = (b, a);
            lower[only] = Math.Max(lower[only], a);
            upper[only] = Math.Min(upper[only], b);
        }
        // A start outside (a parameter already past its bound) keeps the start inside: the engine needs a feasible start.
        for (int j = 0; j < m; j++)
        {
            if (start[j] < lower[j]) lower[j] = start[j];
            if (start[j] > upper[j]) upper[j] = start[j];
        }
        return (lower, upper, unenforced.ToImmutable());
    }

    private void Load(ReadOnlySpan<double> variables)
    {
        Space.ToParameters(variables, _parameters);
        for (int j = 0; j < _parameters.Length; j++) _values[_spaceSlot[j]] = _parameters[j];
        foreach (var tie in _ties) tie.Apply(_values);
    }

    // A symmetry tie: value[dependent] = constant + Σ coefficient·value[on].
    private sealed class Tie(int dependent, int[] on, double[] coefficients, double constant)
    {
        public static Tie Of(LinearConstraint constraint, ImmutableArray<ParameterId> dependents, Dictionary<ParameterId, int> slotOf)
        {
            var d = constraint.Terms.First(t => dependents.Contains(t.Parameter));
            var others = constraint.Terms.Where(t => t.Parameter != d.Parameter).ToArray();
            return new Tie(slotOf[d.Parameter], [.. others.Select(t => slotOf[t.Parameter])],
                           [.. others.Select(t => -t.Coefficient / d.Coefficient)], constraint.Constant / d.Coefficient);
        }

        public void Apply(double[] values)
        {
            double v = constant;
            for (int i = 0; i < on.Length; i++) v += coefficients[i] * values[on[i]];
            values[dependent] = v;
        }
    }

    // How each refined (space) parameter reaches raw catalog parameters through the symmetry ties.
    private sealed class TieMap
    {
        private readonly Dictionary<ParameterId, List<(ParameterId Dependent, double Coefficient)>> _map = [];

        public TieMap(ParameterCatalog catalog, ReducedParameterSpace space)
        {
            var dependents = catalog.DependentParameters.ToHashSet();
            foreach (var constraint in catalog.SymmetryConstraints)
            {
                var d = constraint.Terms.First(t => dependents.Contains(t.Parameter));
                foreach (var term in constraint.Terms)
                {
                    if (term.Parameter == d.Parameter) continue;
                    if (!_map.TryGetValue(term.Parameter, out var list)) _map[term.Parameter] = list = [];
                    list.Add((d.Parameter, -term.Coefficient / d.Coefficient));
                }
            }
            _ = space;
        }

        // The raw parameters a refined parameter moves, with ∂raw/∂refined.
        public IEnumerable<(ParameterId Raw, double Coefficient)> Raw(ParameterId id) =>
            _map.TryGetValue(id, out var list) ? list.Prepend((id, 1.0)) : [(id, 1.0)];
    }
}
