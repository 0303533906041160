namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// The description of a Levenberg–Marquardt least-squares minimiser (Levenberg 1944, Marquardt 1963):
/// its options only. Immutable. <see cref="CreateWorkspace"/> makes the executor that owns the
/// normal matrix and every scratch buffer for one problem.
/// </summary>
/// <example>
/// <code>
/// var engine = new LevenbergMarquardt(LevenbergMarquardtOptions.Default);
/// LeastSquaresResult result = engine.Minimize(problem, start);
/// </code>
/// </example>
public sealed class LevenbergMarquardt
{
    /// <summary>A minimiser with the given options.</summary>
    /// <param name="options">The settings; checked here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public LevenbergMarquardt(LevenbergMarquardtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>A minimiser with <see cref="LevenbergMarquardtOptions.Default"/>.</summary>
    public LevenbergMarquardt() : this(LevenbergMarquardtOptions.Default) { }

    /// <summary>The settings.</summary>
    public LevenbergMarquardtOptions Options { get; }

    /// <summary>Creates the executor for <paramref name="problem"/>: every buffer is sized here, once.</summary>
    /// <param name="problem">The problem; its sizes and bounds are read now.</param>
    /// <returns>A workspace that can minimise the problem repeatedly, from any start.</returns>
    /// <exception cref="ArgumentException">The sizes are not positive, n ≤ p, or a bound pair is inverted or NaN.</exception>
    public LevenbergMarquardtWorkspace CreateWorkspace(ILeastSquaresProblem problem) => new(Options, problem);

    /// <summary>Convenience: creates a workspace and minimises once.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="start">The starting parameters (finite, within the bounds).</param>
    /// <param name="parameterNames">Optional names, one per parameter, used in the result and its singularity report.</param>
    /// <param name="progress">Optional receiver of one report per cycle.</param>
    /// <param name="cancellationToken">Stops the minimisation between cycles; the best state is returned with status Cancelled.</param>
    /// <returns>The result, whatever the numerical outcome.</returns>
    /// <exception cref="ArgumentException">Bad sizes, non-finite start, start outside the bounds, wrong number of names, or a model not finite at the start.</exception>
    public LeastSquaresResult Minimize(
        ILeastSquaresProblem problem,
        ReadOnlySpan<double> start,
        IReadOnlyList<string>? parameterNames = null,
        IProgress<LeastSquaresProgress>? progress = null,
        CancellationToken cancellationToken = default)
        => CreateWorkspace(problem).Minimize(start, parameterNames, progress, cancellationToken);
}
