using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// The executor of <see cref="LevenbergMarquardt"/> for one <see cref="ILeastSquaresProblem"/>.
/// Mutable: it owns the residual buffers (current and trial), one Jacobian buffer, the normal
/// equations (current and trial), the damped copy and every scratch vector, all sized once when it
/// is created, so that a cycle allocates no managed memory. Not thread-safe; use one workspace per
/// thread.
/// </summary>
/// <remarks>
/// One cycle: with A = JᵀJ and g = Jᵀr of the current state, take D = diag(A) (running maximum);
/// solve (A + λD)δ = g by Cholesky, with the parameters that sit on a bound and whose gradient points
/// out of it held (δⱼ = 0, an active set); evaluate the model at p + δ (clamped to the bounds); accept
/// when χ² does not increase and the trial's own JᵀJ and Jᵀr are finite (λ ÷= down), otherwise λ ×= up
/// and retry. A trial's normal equations are built right after its evaluation, while its Jacobian is
/// still in cache, and only when its χ² makes it a candidate; the Jacobian itself is not kept. See
/// docs/least-squares.md.
/// </remarks>
public sealed class LevenbergMarquardtWorkspace
{
    private readonly LevenbergMarquardtOptions _options;
    private readonly ILeastSquaresProblem _problem;
    private readonly int _n;
    private readonly int _p;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private double[] _parameters;
    private double[] _trialParameters;
    private double[] _residuals;
    private double[] _trialResiduals;
    private readonly double[] _jacobian;
    private double[] _normal;
    private double[] _gradient;
    private double[] _trialNormal;
    private double[] _trialGradient;
    private readonly double[] _damped;
    private readonly double[] _undampedFactor;
    private readonly double[] _step;
    private readonly double[] _scaling;
    private readonly double[] _inverseDiagonal;
    private readonly double[] _scratch;
    private readonly bool[] _active;
    private readonly List<LeastSquaresTrial> _history;
    private double _chiSquared;
    private double _lambda;
    private int _cycle;
    private double _lastShiftOverUncertainty;
    private bool _lastAccepted;
    private bool _started;

    internal LevenbergMarquardtWorkspace(LevenbergMarquardtOptions options, ILeastSquaresProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _options = options;
        _problem = problem;
        _n = problem.ObservationCount;
        _p = problem.ParameterCount;
        if (_p < 1) throw new ArgumentException($"ParameterCount is {_p}; at least one parameter is needed.", nameof(problem));
        if (_n <= _p) throw new ArgumentException($"ObservationCount {_n} must exceed ParameterCount {_p} so that the reduced χ² has degrees of freedom.", nameof(problem));
        _lower = new double[_p];
        _upper = new double[_p];
        for (int j = 0; j < _p; j++)
        {
            _lower[j] = problem.LowerBound(j);
            _upper[j] = problem.UpperBound(j);
            if (double.IsNaN(_lower[j]) || double.IsNaN(_upper[j]) || _lower[j] > _upper[j])
                throw new ArgumentException($"Parameter {j} has bounds [{_lower[j]}, {_upper[j]}]; need lower ≤ upper, neither NaN.", nameof(problem));
        }
        _parameters = new double[_p];
        _trialParameters = new double[_p];
        _residuals = new double[_n];
        _trialResiduals = new double[_n];
        _jacobian = new double[checked(_n * _p)];
        _normal = new double[_p * _p];
        _gradient = new double[_p];
        _trialNormal = new double[_p * _p];
        _trialGradient = new double[_p];
        _damped = new double[_p * _p];
        _undampedFactor = new double[_p * _p];
        _step = new double[_p];
        _active = new bool[_p];
        _scaling = new double[_p];
        _inverseDiagonal = new double[_p];
        _scratch = new double[_p];
        // Room for several trials per cycle, so that recording the history does not reallocate in
        // the steady state (beyond this the list grows, which costs one allocation in a long run).
        _history = new List<LeastSquaresTrial>(Math.Min(4 * options.MaximumCycles + 16, 1 << 16));
    }

    /// <summary>The problem this workspace minimises.</summary>
    public ILeastSquaresProblem Problem => _problem;

    /// <summary>The options in force.</summary>
    public LevenbergMarquardtOptions Options => _options;

    /// <summary>Minimises χ² from <paramref name="start"/>.</summary>
    /// <param name="start">The starting parameters: p finite values within the bounds.</param>
    /// <param name="parameterNames">Optional names, one per parameter.</param>
    /// <param name="progress">Optional receiver of one <see cref="LeastSquaresProgress"/> per cycle.</param>
    /// <param name="cancellationToken">Checked before every cycle; when signalled the best state is returned with status <see cref="LeastSquaresStatus.Cancelled"/>.</param>
    /// <returns>The result: best parameters, uncertainties, status and history.</returns>
    /// <exception cref="ArgumentException">Wrong length, non-finite or out-of-bounds start, wrong number of names, or a model whose residuals are not finite at the start.</exception>
    public LeastSquaresResult Minimize(
        ReadOnlySpan<double> start,
        IReadOnlyList<string>? parameterNames = null,
        IProgress<LeastSquaresProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (parameterNames is not null && parameterNames.Count != _p)
            throw new ArgumentException($"{parameterNames.Count} parameter names given for {_p} parameters.", nameof(parameterNames));
        Start(start);
        LeastSquaresStatus status = LeastSquaresStatus.MaximumCycles;
        while (_cycle < _options.MaximumCycles)
        {
            if (cancellationToken.IsCancellationRequested) { status = LeastSquaresStatus.Cancelled; break; }
            CycleOutcome outcome = RunCycle();
            progress?.Report(CurrentProgress);
            if (outcome == CycleOutcome.Converged) { status = LeastSquaresStatus.Converged; break; }
            if (outcome == CycleOutcome.Diverged) { status = LeastSquaresStatus.Diverged; break; }
        }
        return Finish(status, parameterNames);
    }

    internal enum CycleOutcome { Continue, Converged, Diverged }

    internal double ChiSquared => _chiSquared;

    internal LeastSquaresProgress CurrentProgress =>
        new(_cycle, _chiSquared, _chiSquared / (_n - _p), _lastShiftOverUncertainty, _lambda, _lastAccepted);

    /// <summary>Validates <paramref name="start"/>, evaluates the model there and resets λ, the scaling and the history.</summary>
    internal void Start(ReadOnlySpan<double> start)
    {
        if (start.Length != _p) throw new ArgumentException($"The start has {start.Length} values; the problem has {_p} parameters.", nameof(start));
        for (int j = 0; j < _p; j++)
        {
            if (!double.IsFinite(start[j])) throw new ArgumentException($"Start value {j} is {start[j]}; every start value must be finite.", nameof(start));
            if (start[j] < _lower[j] || start[j] > _upper[j])
                throw new ArgumentException($"Start value {j} = {start[j]} lies outside its bounds [{_lower[j]}, {_upper[j]}].", nameof(start));
        }
        start.CopyTo(_parameters);
        EvaluateWithJacobian(_parameters, _residuals);
        _chiSquared = SumOfSquares(_residuals);
        if (!double.IsFinite(_chiSquared) || !BuildNormalEquations(_residuals, _normal, _gradient))
            throw new ArgumentException("The model's residuals or Jacobian are not finite at the start; no refinement can begin there.", nameof(start));
        _lambda = _options.InitialLambda;
        Array.Clear(_scaling);
        _history.Clear();
        _cycle = 0;
        _lastShiftOverUncertainty = 0;
        _lastAccepted = false;
        _started = true;
    }

    /// <summary>Runs one cycle: one normal-matrix build and as many damped trials as needed.</summary>
    internal CycleOutcome RunCycle()
    {
        Debug.Assert(_started);
        int p = _p;
        _cycle++;
        for (int j = 0; j < p; j++)
        {
            double d = _normal[j * p + j];
            _scaling[j] = _options.MarquardtScaling ? Math.Max(_scaling[j], d) : 1.0;
        }

        // The undamped factor gives diag((JᵀJ)⁻¹) for the shift/s.u. criterion.
        _normal.CopyTo(_undampedFactor, 0);
        bool haveUncertainty = DenseCholesky.TryFactor(_undampedFactor, p);
        if (haveUncertainty) DenseCholesky.InverseDiagonal(_undampedFactor, p, _inverseDiagonal, _scratch);

        // Active set: a parameter on a bound whose descent direction g points out of the box is held
        // for this cycle. A clamped step would still spend that parameter's share of the solve on the
        // others (they move as if it could follow) and creep along the bound for many cycles.
        bool anyActive = false;
        for (int j = 0; j < p; j++)
        {
            _active[j] = (_parameters[j] <= _lower[j] && _gradient[j] < 0) || (_parameters[j] >= _upper[j] && _gradient[j] > 0);
            anyActive |= _active[j];
        }

        // Whether any trial of this cycle reached a point distinct from the current one where the
        // model was finite: that decides, if the cycle stalls, between a minimum and a breakdown.
        bool finiteDistinctTrial = false, nonFiniteTrial = false;
        while (true)
        {
            _normal.CopyTo(_damped, 0);
            for (int j = 0; j < p; j++)
            {
                // A parameter with an all-zero column has no scale yet; damp it with unit weight so
                // the damped matrix stays positive definite.
                double s = _scaling[j] > 0 ? _scaling[j] : 1.0;
                _damped[j * p + j] += _lambda * s;
            }
            if (anyActive)
                for (int j = 0; j < p; j++)
                {
                    if (!_active[j]) continue;
                    for (int k = 0; k < p; k++) _damped[j * p + k] = _damped[k * p + j] = 0;
                    _damped[j * p + j] = 1;
                }
            double trialChiSquared = double.PositiveInfinity;
            bool moved = true;
            if (DenseCholesky.TryFactor(_damped, p))
            {
                _gradient.CopyTo(_step, 0);
                if (anyActive)
                    for (int j = 0; j < p; j++)
                        if (_active[j]) _step[j] = 0;
                DenseCholesky.Solve(_damped, p, _step);
                bool finiteStep = true;
                moved = false;
                for (int j = 0; j < p; j++)
                {
                    double v = _parameters[j] + _step[j];
                    if (!double.IsFinite(v)) { finiteStep = false; break; }
                    _trialParameters[j] = Math.Clamp(v, _lower[j], _upper[j]);
                    moved |= _trialParameters[j] != _parameters[j];
                }
                if (finiteStep && !moved)
                {
                    // The damped step no longer changes any parameter in double precision: this
                    // cycle cannot make progress.
                    _history.Add(new LeastSquaresTrial(_cycle, _chiSquared, _lambda, false));
                    break;
                }
                moved = true;
                if (finiteStep)
                {
                    EvaluateWithJacobian(_trialParameters, _trialResiduals);
                    trialChiSquared = SumOfSquares(_trialResiduals);
                    // A candidate's normal equations, while its Jacobian is in cache; a NaN or ∞ anywhere in the
                    // Jacobian reaches their diagonal, and such a trial is treated as one the model could not evaluate.
                    if (!double.IsFinite(trialChiSquared) || (trialChiSquared <= _chiSquared && !BuildNormalEquations(_trialResiduals, _trialNormal, _trialGradient)))
                        trialChiSquared = double.PositiveInfinity;
                }
            }
            bool finite = double.IsFinite(trialChiSquared);
            finiteDistinctTrial |= finite && moved;
            nonFiniteTrial |= !finite;

            if (finite && trialChiSquared <= _chiSquared)
            {
                _history.Add(new LeastSquaresTrial(_cycle, trialChiSquared, _lambda, true));
                return Accept(trialChiSquared, haveUncertainty);
            }
            _history.Add(new LeastSquaresTrial(_cycle, trialChiSquared, _lambda, false));
            _lambda *= _options.LambdaIncreaseFactor;
            if (_lambda > _options.MaximumLambda) break;
        }

        // No trial lowered χ², down to the smallest steps (or steps that vanish in double precision,
        // or that a bound cuts to nothing). If some trial was finite and merely worse, or none was
        // non-finite, the state is a minimum to within rounding (constrained, at a bound). If the
        // model could not be evaluated at any point tried around the best state, it has broken down.
        _lambda = Math.Min(_lambda, _options.MaximumLambda);
        _lastAccepted = false;
        _lastShiftOverUncertainty = 0;
        return finiteDistinctTrial || !nonFiniteTrial ? CycleOutcome.Converged : CycleOutcome.Diverged;
    }

    private CycleOutcome Accept(double trialChiSquared, bool haveUncertainty)
    {
        int p = _p;
        double previous = _chiSquared;
        double relativeChange = trialChiSquared > 0 ? (previous - trialChiSquared) / trialChiSquared : 0.0;
        double reduced = trialChiSquared / (_n - p);
        double largest = 0;
        if (haveUncertainty)
        {
            for (int j = 0; j < p; j++)
            {
                double shift = Math.Abs(_trialParameters[j] - _parameters[j]);
                double su = Math.Sqrt(_inverseDiagonal[j] * reduced);
                double ratio = shift == 0 ? 0 : shift / su;
                if (ratio > largest || double.IsNaN(ratio)) largest = ratio;
            }
        }
        else largest = double.NaN;

        (_parameters, _trialParameters) = (_trialParameters, _parameters);
        (_residuals, _trialResiduals) = (_trialResiduals, _residuals);
        (_normal, _trialNormal) = (_trialNormal, _normal);
        (_gradient, _trialGradient) = (_trialGradient, _gradient);
        _chiSquared = trialChiSquared;
        _lambda = Math.Max(_lambda / _options.LambdaDecreaseFactor, _options.MinimumLambda);
        _lastAccepted = true;
        _lastShiftOverUncertainty = largest;

        if (trialChiSquared == 0) return CycleOutcome.Converged;
        // Without s.u. (singular normal matrix) only the χ² criterion can be applied.
        bool shiftSmall = double.IsNaN(largest) || largest <= _options.ShiftOverUncertaintyTolerance;
        return relativeChange <= _options.RelativeChiSquaredTolerance && shiftSmall ? CycleOutcome.Converged : CycleOutcome.Continue;
    }

    /// <summary>Builds the result at the best state: covariance from (JᵀJ)⁻¹, singularity analysis by SVD.</summary>
    internal LeastSquaresResult Finish(LeastSquaresStatus status, IReadOnlyList<string>? parameterNames)
    {
        int p = _p;
        int dof = _n - p;

        // Scale to unit diagonal, C = S·A·S with S = diag(A)^(-1/2), so that the rank test and the
        // inversion do not depend on the parameters' units.
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            double a = _normal[j * p + j];
            scale[j] = a > 0 ? 1.0 / Math.Sqrt(a) : 0.0;
        }
        var scaled = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                scaled[i * p + j] = _normal[i * p + j] * scale[i] * scale[j];

        Matrix<double> c = Matrix<double>.Build.Dense(p, p, (i, j) => scaled[i * p + j]);
        var svd = c.Svd(computeVectors: true);
        Vector<double> singular = svd.S;
        Matrix<double> v = svd.VT.Transpose();
        double largestSingular = singular[0];
        var nullDirections = new List<int>();
        for (int k = 0; k < p; k++)
            if (!(singular[k] > _options.SingularityTolerance * largestSingular)) nullDirections.Add(k);

        var inverseScaled = new double[p * p];
        var nullParameters = new SortedSet<int>();
        if (nullDirections.Count == 0)
        {
            var factor = (double[])scaled.Clone();
            bool ok = DenseCholesky.TryFactor(factor, p);
            Debug.Assert(ok, "A matrix whose scaled singular values pass the rank test is positive definite.");
            if (ok) DenseCholesky.Invert(factor, p, inverseScaled, new double[p]);
            else nullDirections.Add(p - 1);
        }
        if (nullDirections.Count > 0)
        {
            // Name the parameters that carry weight in each null direction (components of at
            // least a tenth of the largest), and invert on the determined subspace only.
            foreach (int k in nullDirections)
            {
                double maxComponent = 0;
                for (int j = 0; j < p; j++) maxComponent = Math.Max(maxComponent, Math.Abs(v[j, k]));
                for (int j = 0; j < p; j++)
                    if (Math.Abs(v[j, k]) >= 0.1 * maxComponent) nullParameters.Add(j);
            }
            Array.Clear(inverseScaled);
            for (int k = 0; k < p; k++)
            {
                if (nullDirections.Contains(k)) continue;
                double inv = 1.0 / singular[k];
                for (int i = 0; i < p; i++)
                    for (int j = 0; j < p; j++)
                        inverseScaled[i * p + j] += v[i, k] * v[j, k] * inv;
            }
            if (status is LeastSquaresStatus.Converged or LeastSquaresStatus.MaximumCycles) status = LeastSquaresStatus.Singular;
        }

        double reduced = _chiSquared / dof;
        var unscaledCovariance = new double[p * p];
        var correlation = new double[p * p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                unscaledCovariance[i * p + j] = inverseScaled[i * p + j] * scale[i] * scale[j];
                double denominator = Math.Sqrt(inverseScaled[i * p + i] * inverseScaled[j * p + j]);
                correlation[i * p + j] = i == j ? 1.0 : denominator > 0 ? inverseScaled[i * p + j] / denominator : 0.0;
            }
        }
        var unscaledSu = new double[p];
        var scaledSu = new double[p];
        for (int j = 0; j < p; j++)
        {
            bool undetermined = nullParameters.Contains(j) || scale[j] == 0;
            unscaledSu[j] = undetermined ? double.PositiveInfinity : Math.Sqrt(unscaledCovariance[j * p + j]);
            scaledSu[j] = undetermined ? double.PositiveInfinity : Math.Sqrt(unscaledCovariance[j * p + j] * reduced);
        }

        string[]? names = parameterNames?.ToArray();
        var nullNames = names is null ? [] : nullParameters.Select(j => names[j]).ToArray();
        return new LeastSquaresResult(
            status, (double[])_parameters.Clone(), scaledSu, unscaledSu, unscaledCovariance, correlation,
            _chiSquared, _n, p, _cycle, _history.ToArray(), nullParameters.ToArray(), nullNames, names,
            singular[p - 1] / largestSingular);
    }

    // The residuals and the Jacobian; a problem that reports its candidate columns writes only those (the normal equations
    // read nothing else, and nothing else reads the Jacobian).
    private void EvaluateWithJacobian(double[] parameters, double[] residuals)
    {
        if (_problem is IJacobianSparsity sparsity) sparsity.EvaluateCandidates(parameters, residuals, _jacobian);
        else _problem.Evaluate(parameters, residuals, _jacobian);
    }

    // JᵀJ and Jᵀr of the Jacobian just evaluated with these residuals; false if any diagonal entry or gradient component
    // is not finite — the Jacobian held a NaN or an infinity.
    private bool BuildNormalEquations(double[] residuals, double[] normal, double[] gradient)
    {
        ReadOnlySpan<ulong> candidates = _problem is IJacobianSparsity sparsity ? sparsity.CandidateColumns : default;
        NormalEquations.Build(_jacobian, residuals, _n, _p, normal, gradient, candidates);
        for (int j = 0; j < _p; j++)
            if (!double.IsFinite(normal[j * _p + j]) || !double.IsFinite(gradient[j])) return false;
        return true;
    }

    private static double SumOfSquares(ReadOnlySpan<double> r) => NormalEquations.Dot(r, r);
}
