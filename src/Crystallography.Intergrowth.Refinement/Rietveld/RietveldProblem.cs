using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// A Rietveld refinement of one or more phases against one constant-wavelength pattern, as an
/// <see cref="ILeastSquaresProblem"/> over the independent variables v of a
/// <see cref="ReducedParameterSpace"/> (p = p₀ + T·v, so every constraint holds). Version 0 of
/// issue 6. An executor: it owns its buffers and is not thread-safe.
/// </summary>
/// <remarks>
/// <para>Model: y_c(2θ) = B(2θ) + Σ_phases Σ_k I_k·pV(2θ − P_k; H_k, η_k) with
/// I_k = S·m_k·|F_k|²·LP(d_k), P_k = 2θ_B(d_k) + zero, H_k and η_k the TCH widths at the Bragg angle
/// 2θ_B (zero excluded, as <see cref="PatternSimulator"/> and GSAS-II do), B the Chebyshev background.
/// Peaks are summed by <see cref="PseudoVoigtProfileKernel"/> in windows of ±20 FWHM (the simulator's).</para>
/// <para>Refinable: per-phase scale; the free cell parameters (ties such as b = a followed through
/// the catalog's symmetry constraints); free coordinates, Uiso and element occupancies of isotropic
/// sites (through <see cref="StructureFactorEvaluator"/>'s gradient); the zero shift; TCH U, V, W, X, Y;
/// the Chebyshev coefficients. Derivatives are analytic except ∂(LP·|F|²)/∂d, the slow
/// variation of an intensity with its own d through LP, the form factors and the Debye–Waller factor,
/// which is a central difference over d·(1 ± 10⁻⁵) (two extra |F|² per reflection, cell columns only).</para>
/// <para>Reflections are generated once, from the starting cells, over the range widened by 10 %.
/// Each evaluation builds the current phases through <see cref="ParameterCatalog.ToPhase"/>, which
/// allocates; the kernel pass, the chain rule and the Jacobian buffers do not.</para>
/// </remarks>
public sealed class RietveldProblem : ILeastSquaresProblem
{
    private const double DegreesPerRadian = 180 / Math.PI;
    private const double IntensityStep = 1e-5;
    private static readonly string[] CellNames = ["a", "b", "c", "alpha", "beta", "gamma"];
    private static readonly TchParameter[] ProfileParameters = [TchParameter.U, TchParameter.V, TchParameter.W, TchParameter.X, TchParameter.Y];

    private readonly ConstantWavelengthRadiation _radiation;
    private readonly double[] _x, _observed, _sqrtWeight;
    private readonly PhaseState[] _phases;
    private readonly int _zeroColumn;
    private readonly int[] _profileColumn;            // per ProfileParameters, −1 when not varied
    private readonly int[] _backgroundColumn;         // per coefficient
    private readonly ParameterId[] _backgroundIds;

    private readonly double[] _parameterJacobian;     // n × P, column-major
    private readonly double[] _calculated, _background, _backgroundDerivative;
    private readonly double[] _position, _fwhm, _mixing, _intensity;
    private readonly int[] _entryStart, _column;
    private readonly double[] _dI, _dP, _dH, _dEta;
    private readonly double[] _gradient, _cellGradient;
    private readonly ProfileKernelOptions _options = new(20, ProfileKernelOptions.DefaultGaussianHalfWidth, KernelVectorWidth.Automatic);

    /// <summary>Builds the problem.</summary>
    /// <param name="phases">The phases at the start (names unique).</param>
    /// <param name="pattern">The pattern.</param>
    /// <param name="constraints">What is refined, held, bound and constrained (ids from <see cref="CreateCatalog"/>).</param>
    /// <param name="scales">Starting scale per phase name; 1 when missing.</param>
    /// <exception cref="ArgumentException">A refined parameter this version cannot refine (Uᵢⱼ, phase fractions, an unknown histogram parameter), or an anisotropic site.</exception>
    public RietveldProblem(IReadOnlyList<Phase> phases, RietveldPattern pattern, ConstraintSet constraints,
                           IReadOnlyDictionary<string, double>? scales = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(constraints);
        Pattern = pattern;
        Catalog = CreateCatalog(phases, pattern, scales);
        Space = constraints.Reduce(Catalog.Values);
        _radiation = (ConstantWavelengthRadiation)pattern.Instrument.Radiation;
        _x = [.. pattern.TwoTheta];
        _observed = [.. pattern.Observed];
        _sqrtWeight = [.. pattern.Weights.Select(Math.Sqrt)];
        int n = _x.Length;

        foreach (var id in Space.Parameters)
        {
            bool supported = id.Kind switch
            {
                ParameterKind.Cell or ParameterKind.Coordinate or ParameterKind.Uiso or ParameterKind.Occupancy or ParameterKind.PhaseScale => true,
                ParameterKind.Histogram => id.Scope == pattern.Name,
                _ => false,
            };
            if (!supported)
                throw new ArgumentException($"Parameter {id} cannot be refined by RietveldProblem version 0 (it refines cells, coordinates, Uiso, occupancies, scales and this pattern's zero, U, V, W, X, Y and background).", nameof(constraints));
        }

        _zeroColumn = Space.IndexOf(pattern.ZeroShift);
        _profileColumn = [.. ProfileParameters.Select(p => Space.IndexOf(pattern.Profile(p)))];
        _backgroundIds = [.. Enumerable.Range(0, pattern.Background.Coefficients.Count).Select(pattern.BackgroundCoefficient)];
        _backgroundColumn = [.. _backgroundIds.Select(Space.IndexOf)];
        foreach (var id in Space.Parameters.Where(p => p.Kind == ParameterKind.Histogram))
        {
            if (id != pattern.ZeroShift && !_profileColumn.Contains(Space.IndexOf(id)) && !_backgroundColumn.Contains(Space.IndexOf(id)))
                throw new ArgumentException($"Parameter {id} is not a parameter of pattern '{pattern.Name}'.", nameof(constraints));
        }

        // Reflections over the range widened by 10 % of its span on each side.
        double pad = 0.1 * (_x[^1] - _x[0]);
        double zero = pattern.Instrument.ZeroShift;
        double lo = Math.Clamp(_x[0] - zero - pad, 1e-3, 179), hi = Math.Clamp(_x[^1] - zero + pad, lo + 1e-3, 179.9);
        var (dMin, dMax) = _radiation.DSpacingRange(lo, hi);
        var model = ScatteringModel.For(_radiation);
        var states = new List<PhaseState>();
        int reflectionCount = 0, entryCount = 0, gradientLength = 0;
        foreach (var phase in Catalog.Phases)
        {
            var state = new PhaseState(phase, model, ReflectionList.Generate(phase, dMin, Math.Min(dMax, 1000)), reflectionCount, this);
            states.Add(state);
            reflectionCount += state.Count;
            entryCount += state.Count * (state.EntriesPerReflection + (_zeroColumn >= 0 ? 1 : 0) + _profileColumn.Count(c => c >= 0));
            gradientLength = Math.Max(gradientLength, state.Evaluator.Parameters.Length);
        }
        _phases = [.. states];

        _parameterJacobian = new double[n * Space.ParameterCount];
        _calculated = new double[n];
        _background = new double[n];
        _backgroundDerivative = new double[n * _backgroundIds.Length];
        _position = new double[reflectionCount];
        _fwhm = new double[reflectionCount];
        _mixing = new double[reflectionCount];
        _intensity = new double[reflectionCount];
        _entryStart = new int[reflectionCount + 1];
        _column = new int[entryCount];
        _dI = new double[entryCount];
        _dP = new double[entryCount];
        _dH = new double[entryCount];
        _dEta = new double[entryCount];
        _gradient = new double[Math.Max(gradientLength, 1)];
        _cellGradient = new double[6];
    }

    /// <summary>The catalog of every parameter (phases and this pattern's histogram parameters) with its starting value.</summary>
    public ParameterCatalog Catalog { get; }

    /// <summary>The reduced space p = p₀ + T·v the engine works in.</summary>
    public ReducedParameterSpace Space { get; }

    /// <summary>The pattern.</summary>
    public RietveldPattern Pattern { get; }

    /// <summary>The number of points n.</summary>
    public int ObservationCount => _x.Length;

    /// <summary>The number of independent variables (<see cref="ReducedParameterSpace.VariableCount"/>).</summary>
    public int ParameterCount => Space.VariableCount;

    /// <summary>The names of the independent variables, for <see cref="LevenbergMarquardt.Minimize"/>.</summary>
    public IReadOnlyList<string> VariableNames => [.. Enumerable.Range(0, Space.VariableCount).Select(Space.DescribeVariable)];

    /// <summary>
    /// The parameter catalog of phases and a pattern: the phases' parameters
    /// (<see cref="ParameterCatalog.Create"/>) plus the pattern's zero, U, V, W, X, Y and background coefficients.
    /// </summary>
    /// <param name="phases">The phases.</param>
    /// <param name="pattern">The pattern.</param>
    /// <param name="scales">Starting scale per phase name; 1 when missing.</param>
    public static ParameterCatalog CreateCatalog(IReadOnlyList<Phase> phases, RietveldPattern pattern, IReadOnlyDictionary<string, double>? scales = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(pattern);
        var catalog = ParameterCatalog.Create(phases, scales).WithParameter(pattern.ZeroShift, pattern.Instrument.ZeroShift);
        var tch = pattern.Instrument.ConstantWavelengthProfile!;
        foreach (var p in ProfileParameters)
            catalog = catalog.WithParameter(pattern.Profile(p), p switch
            {
                TchParameter.U => tch.U, TchParameter.V => tch.V, TchParameter.W => tch.W, TchParameter.X => tch.X, _ => tch.Y,
            });
        for (int k = 0; k < pattern.Background.Coefficients.Count; k++)
            catalog = catalog.WithParameter(pattern.BackgroundCoefficient(k), pattern.Background.Coefficients[k]);
        return catalog;
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"{parameters.Length} variables were given; the problem has {ParameterCount}.", nameof(parameters));
        int n = _x.Length;
        if (weightedResiduals.Length != n)
            throw new ArgumentException($"The residual destination holds {weightedResiduals.Length} values; {n} are needed.", nameof(weightedResiduals));
        bool jacobian = !jacobianColumnMajor.IsEmpty;
        if (jacobian && jacobianColumnMajor.Length != n * ParameterCount)
            throw new ArgumentException($"The Jacobian destination holds {jacobianColumnMajor.Length} values; {n}×{ParameterCount} are needed.", nameof(jacobianColumnMajor));

        var values = Space.ToValues(parameters);
        if (!Fill(values, jacobian))
        {
            weightedResiduals.Fill(double.NaN);
            if (jacobian) jacobianColumnMajor.Fill(double.NaN);
            return;
        }
        Array.Clear(_calculated);
        var peaks = new PseudoVoigtPeaks(_position, _fwhm, _mixing, _intensity);
        if (jacobian)
        {
            Array.Clear(_parameterJacobian);
            var chain = new PeakParameterDerivatives(_entryStart, _column, _dI, _dP, _dH, _dEta);
            PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(_x, peaks, chain, _options, n, _calculated, _parameterJacobian);
        }
        else
        {
            PseudoVoigtProfileKernel.AccumulateProfile(_x, peaks, _options, _calculated);
        }

        Span<double> coefficients = stackalloc double[_backgroundIds.Length];
        for (int k = 0; k < coefficients.Length; k++) coefficients[k] = values[_backgroundIds[k]];
        var bkg = Pattern.Background;
        ChebyshevBackground.EvaluateWithDerivatives(_x, bkg.XMin, bkg.XMax, coefficients, _background, _backgroundDerivative);
        for (int i = 0; i < n; i++)
        {
            _calculated[i] += _background[i];
            weightedResiduals[i] = _sqrtWeight[i] * (_observed[i] - _calculated[i]);
        }
        if (!jacobian) return;
        for (int k = 0; k < _backgroundColumn.Length; k++)
        {
            if (_backgroundColumn[k] >= 0)
                _backgroundDerivative.AsSpan(k * n, n).CopyTo(_parameterJacobian.AsSpan(_backgroundColumn[k] * n, n));
        }
        for (int j = 0; j < Space.ParameterCount; j++)
        {
            var column = _parameterJacobian.AsSpan(j * n, n);
            for (int i = 0; i < n; i++) column[i] *= _sqrtWeight[i];
        }
        Space.ChainJacobian(_parameterJacobian, jacobianColumnMajor);
    }

    /// <summary>The calculated pattern (background included) at the variables <paramref name="variables"/>.</summary>
    /// <param name="variables">The independent variables.</param>
    /// <returns>y_c per point.</returns>
    public double[] Calculate(ReadOnlySpan<double> variables)
    {
        var r = new double[ObservationCount];
        Evaluate(variables, r, []);
        return [.. _calculated];
    }

    /// <summary>The background alone at the variables <paramref name="variables"/>.</summary>
    /// <param name="variables">The independent variables.</param>
    /// <returns>y_b per point.</returns>
    public double[] CalculateBackground(ReadOnlySpan<double> variables)
    {
        var r = new double[ObservationCount];
        Evaluate(variables, r, []);
        return [.. _background];
    }

    /// <summary>Rp, Rwp, Rexp, χ² and GoF at the variables <paramref name="variables"/>, with P = the number of independent variables.</summary>
    /// <param name="variables">The independent variables.</param>
    public AgreementFactors Agreement(ReadOnlySpan<double> variables)
    {
        double[] calculated = Calculate(variables);
        return AgreementFactors.Compute(_observed, calculated, [.. Pattern.Weights], ParameterCount, 0, _background);
    }

    /// <summary>The phases at the variables (new objects; the inputs are unchanged), with standard uncertainties when a variable covariance is given.</summary>
    /// <param name="variables">The independent variables.</param>
    /// <param name="variableCovariance">The scaled covariance of the variables (<see cref="LeastSquaresResult.CovarianceMatrix"/>), or null.</param>
    public ImmutableArray<Phase> PhasesAt(ReadOnlySpan<double> variables, double[,]? variableCovariance = null) =>
        Catalog.ToPhases(Space.ToValues(variables), variableCovariance is null ? null : Space.StandardUncertaintiesById(variableCovariance));

    // Builds the peak table and, when asked, the chain-rule entries. False when the model cannot be evaluated.
    private bool Fill(ImmutableDictionary<ParameterId, double> values, bool jacobian)
    {
        var instrument = Pattern.Instrument;
        var start = instrument.ConstantWavelengthProfile!;
        TchProfile tch;
        try
        {
            tch = start with
            {
                U = values[Pattern.Profile(TchParameter.U)], V = values[Pattern.Profile(TchParameter.V)], W = values[Pattern.Profile(TchParameter.W)],
                X = values[Pattern.Profile(TchParameter.X)], Y = values[Pattern.Profile(TchParameter.Y)],
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        double zero = values[Pattern.ZeroShift];
        double lambda = _radiation.Wavelength;
        int entry = 0;
        foreach (var state in _phases)
        {
            Phase phase;
            try
            {
                phase = Catalog.ToPhase(state.Name, values);
            }
            catch (ArgumentException)
            {
                return false;
            }
            state.Evaluator.Update(phase);
            bool cellColumns = jacobian && state.CellColumns.Length > 0;
            if (cellColumns)
            {
                state.Up.Update(Catalog.ToPhase(state.Name, ScaledCell(values, state, 1 + IntensityStep)));
                state.Down.Update(Catalog.ToPhase(state.Name, ScaledCell(values, state, 1 - IntensityStep)));
            }
            bool atomColumns = jacobian && state.AtomColumns.Length > 0;
            double scale = values[state.ScaleId];
            var cell = phase.Cell;
            for (int r = 0; r < state.Count; r++)
            {
                int g = state.Offset + r;
                int h = state.H[r], k = state.K[r], l = state.L[r];
                var hkl = new MillerIndex(h, k, l);
                double q = cell.InverseDSquared(h, k, l);
                double d = 1 / Math.Sqrt(q);
                double bragg = ConstantWavelengthRadiation.TwoTheta(d, lambda);
                if (!(bragg > 0 && bragg < 180) || !double.IsFinite(zero)) return false;
                var widths = tch.WidthsAt(bragg, lambda);
                double lp = _radiation.LorentzPolarisationFactor(d);
                double f2 = atomColumns ? state.Evaluator.SquaredModulus(hkl, _gradient) : state.Evaluator.SquaredModulus(hkl);
                double m = state.Multiplicity[r];
                double intensity = scale * m * f2 * lp;
                _position[g] = bragg + zero;
                _fwhm[g] = widths.Fwhm;
                _mixing[g] = widths.Mixing;
                _intensity[g] = intensity;
                if (!double.IsFinite(_position[g]) || !(_fwhm[g] > 0) || !double.IsFinite(_fwhm[g]) || !double.IsFinite(_mixing[g]) || !double.IsFinite(intensity))
                    return false;
                _entryStart[g] = entry;
                if (!jacobian) continue;

                if (state.ScaleColumn >= 0) Add(ref entry, state.ScaleColumn, m * f2 * lp, 0, 0, 0);
                if (_zeroColumn >= 0) Add(ref entry, _zeroColumn, 0, 1, 0, 0);
                for (int p = 0; p < ProfileParameters.Length; p++)
                {
                    if (_profileColumn[p] < 0) continue;
                    var (dh, deta) = widths.Derivative(ProfileParameters[p]);
                    Add(ref entry, _profileColumn[p], 0, 0, dh, deta);
                }
                if (cellColumns)
                {
                    cell.InverseDSquaredGradient(h, k, l, _cellGradient);
                    double theta = bragg / 2 / DegreesPerRadian;
                    // 2θ = 2 asin(λ/2d): d(2θ)/dd = −λ/(d² cos θ) rad per Å.
                    double dTwoThetaDd = -DegreesPerRadian * lambda / (d * d * Math.Cos(theta));
                    var (dHdTwoTheta, dEtadTwoTheta) = widths.DerivativeWithTwoTheta();
                    double up = d * (1 + IntensityStep), down = d * (1 - IntensityStep);
                    double gUp = state.Up.SquaredModulus(hkl) * _radiation.LorentzPolarisationFactor(up);
                    double gDown = state.Down.SquaredModulus(hkl) * _radiation.LorentzPolarisationFactor(down);
                    double dIdd = scale * m * (gUp - gDown) / (up - down);
                    foreach (var (column, coefficients) in state.CellColumns)
                    {
                        double dq = 0;
                        for (int t = 0; t < 6; t++) dq += coefficients[t] * _cellGradient[t];
                        double dd = -0.5 * d * d * d * dq;                 // d = q^(−1/2)
                        double dTwoTheta = dTwoThetaDd * dd;
                        Add(ref entry, column, dIdd * dd, dTwoTheta, dHdTwoTheta * dTwoTheta, dEtadTwoTheta * dTwoTheta);
                    }
                }
                if (atomColumns)
                {
                    foreach (var (column, terms) in state.AtomColumns)
                    {
                        double df2 = 0;
                        foreach (var (index, coefficient) in terms) df2 += coefficient * _gradient[index];
                        Add(ref entry, column, scale * m * lp * df2, 0, 0, 0);
                    }
                }
            }
        }
        _entryStart[^1] = entry;
        return true;
    }

    private void Add(ref int entry, int column, double dI, double dP, double dH, double dEta)
    {
        _column[entry] = column;
        _dI[entry] = dI;
        _dP[entry] = dP;
        _dH[entry] = dH;
        _dEta[entry] = dEta;
        entry++;
    }

    private static ImmutableDictionary<ParameterId, double> ScaledCell(ImmutableDictionary<ParameterId, double> values, PhaseState state, double factor)
    {
        var builder = values.ToBuilder();
        foreach (var id in state.CellLengths) builder[id] = values[id] * factor;
        return builder.ToImmutable();
    }

    private sealed class PhaseState
    {
        public PhaseState(Phase phase, ScatteringModel model, ReflectionList reflections, int offset, RietveldProblem owner)
        {
            Name = phase.Name;
            Offset = offset;
            Count = reflections.Count;
            H = reflections.H.ToArray();
            K = reflections.K.ToArray();
            L = reflections.L.ToArray();
            Multiplicity = reflections.Multiplicity.ToArray();
            if (phase.Sites.Any(s => s.Displacement.IsAnisotropic))
                throw new ArgumentException($"Phase '{phase.Name}' has anisotropic sites; RietveldProblem version 0 handles isotropic displacements only.", nameof(phase));
            Evaluator = new StructureFactorEvaluator(phase, model);
            Up = new StructureFactorEvaluator(phase, model);
            Down = new StructureFactorEvaluator(phase, model);
            var space = owner.Space;
            var catalog = owner.Catalog;
            ScaleId = ParameterId.PhaseScale(Name);
            ScaleColumn = space.IndexOf(ScaleId);
            CellLengths = [.. catalog.Of(ParameterKind.Cell, Name).Where(id => id.Name is "a" or "b" or "c")];

            // Ties of the catalog: dependent D = (c − Σ_{i≠D} cᵢpᵢ)/c_D, so ∂D/∂pᵢ = −cᵢ/c_D.
            var dependents = catalog.DependentParameters.ToHashSet();
            var ties = new List<(ParameterId Free, ParameterId Dependent, double Coefficient)>();
            foreach (var constraint in catalog.SymmetryConstraints)
            {
                var dependent = constraint.Terms.FirstOrDefault(t => dependents.Contains(t.Parameter));
                if (dependent.Parameter is null || dependent.Parameter.Scope != Name) continue;
                foreach (var term in constraint.Terms)
                    if (term.Parameter != dependent.Parameter)
                        ties.Add((term.Parameter, dependent.Parameter, -term.Coefficient / dependent.Coefficient));
            }
            IEnumerable<(ParameterId Raw, double Coefficient)> Raw(ParameterId id) =>
                ties.Where(t => t.Free == id).Select(t => (t.Dependent, t.Coefficient)).Prepend((id, 1.0));

            var sfIndex = new Dictionary<StructureFactorParameter, int>();
            for (int i = 0; i < Evaluator.Parameters.Length; i++) sfIndex[Evaluator.Parameters[i]] = i;
            var siteIndex = phase.Sites.Select((s, i) => (s.Label, i)).ToDictionary(t => t.Label, t => t.i);

            var cellColumns = new List<(int, double[])>();
            var atomColumns = new List<(int, (int, double)[])>();
            for (int column = 0; column < space.ParameterCount; column++)
            {
                var id = space.Parameters[column];
                if (id.Scope != Name) continue;
                switch (id.Kind)
                {
                    case ParameterKind.Cell:
                        var coefficients = new double[6];
                        foreach (var (raw, c) in Raw(id)) coefficients[Array.IndexOf(CellNames, raw.Name)] += c;
                        cellColumns.Add((column, coefficients));
                        break;
                    case ParameterKind.Coordinate:
                    case ParameterKind.Uiso:
                    case ParameterKind.Occupancy:
                        var terms = new List<(int, double)>();
                        foreach (var (raw, c) in Raw(id)) terms.AddRange(StructureFactorTerms(raw, phase, siteIndex, sfIndex, c));
                        atomColumns.Add((column, [.. terms]));
                        break;
                }
            }
            CellColumns = [.. cellColumns];
            AtomColumns = [.. atomColumns];
            EntriesPerReflection = (ScaleColumn >= 0 ? 1 : 0) + CellColumns.Length + AtomColumns.Length;
        }

        public string Name { get; }
        public int Offset { get; }
        public int Count { get; }
        public int[] H { get; }
        public int[] K { get; }
        public int[] L { get; }
        public int[] Multiplicity { get; }
        public StructureFactorEvaluator Evaluator { get; }
        public StructureFactorEvaluator Up { get; }
        public StructureFactorEvaluator Down { get; }
        public ParameterId ScaleId { get; }
        public int ScaleColumn { get; }
        public ParameterId[] CellLengths { get; }
        public (int Column, double[] Coefficients)[] CellColumns { get; }
        public (int Column, (int Index, double Coefficient)[] Terms)[] AtomColumns { get; }
        public int EntriesPerReflection { get; }

        private static IEnumerable<(int, double)> StructureFactorTerms(ParameterId raw, Phase phase, Dictionary<string, int> siteIndex,
                                                                      Dictionary<StructureFactorParameter, int> sfIndex, double coefficient)
        {
            int s = siteIndex[raw.Site!];
            var site = phase.Sites[s];
            switch (raw.Kind)
            {
                case ParameterKind.Coordinate:
                    var axis = raw.Name switch { "x" => StructureFactorParameterKind.X, "y" => StructureFactorParameterKind.Y, _ => StructureFactorParameterKind.Z };
                    yield return (sfIndex[new StructureFactorParameter(s, axis)], coefficient);
                    break;
                case ParameterKind.Uiso:
                    yield return (sfIndex[new StructureFactorParameter(s, StructureFactorParameterKind.Uiso)], coefficient);
                    break;
                case ParameterKind.Occupancy:
                    // Several species of one element share its occupancy in their starting proportions (ParameterCatalog.ToPhase).
                    var same = site.Occupants.Select((o, i) => (o, i)).Where(t => t.o.Species.Symbol == raw.Qualifier).ToList();
                    double sum = same.Sum(t => t.o.Occupancy);
                    foreach (var (o, i) in same)
                    {
                        double share = sum != 0 ? o.Occupancy / sum : 1.0 / same.Count;
                        yield return (sfIndex[new StructureFactorParameter(s, StructureFactorParameterKind.Occupancy, i)], coefficient * share);
                    }
                    break;
            }
        }
    }
}
