namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// A weighted nonlinear least-squares problem that <see cref="LevenbergMarquardt"/> drives: minimise
/// χ² = Σᵢ wᵢ (y_obs,i − y_calc,i(p))² over the parameters p.
/// </summary>
/// <remarks>
/// <para><b>Sign convention.</b> The problem writes the <i>weighted residuals</i>
/// rᵢ = √wᵢ · (y_obs,i − y_calc,i) and the <i>weighted model Jacobian</i>
/// Jᵢⱼ = √wᵢ · ∂y_calc,i/∂pⱼ (the derivative of the calculated value, not of the residual, so
/// ∂rᵢ/∂pⱼ = −Jᵢⱼ). With this choice the Gauss–Newton step δ solves (JᵀJ)δ = Jᵀr with no minus signs,
/// the convention of crystallographic least squares (cctbx lstbx, GSAS-II).</para>
/// <para><b>Layout.</b> The Jacobian is one column-major array of ObservationCount × ParameterCount
/// values: column j (all observations for parameter j) starts at j · ObservationCount.</para>
/// <para><b>Allocation.</b> The engine calls <see cref="Evaluate"/> once per trial step with
/// buffers it owns; an implementation that allocates nothing there makes the whole refinement cycle
/// allocation-free.</para>
/// </remarks>
public interface ILeastSquaresProblem
{
    /// <summary>The number of observations n (rows of the Jacobian); must exceed <see cref="ParameterCount"/>.</summary>
    int ObservationCount { get; }

    /// <summary>The number of refined parameters p (columns of the Jacobian).</summary>
    int ParameterCount { get; }

    /// <summary>
    /// Computes the weighted residuals rᵢ = √wᵢ (y_obs,i − y_calc,i) at <paramref name="parameters"/>
    /// and, unless <paramref name="jacobianColumnMajor"/> is empty, the weighted model Jacobian
    /// Jᵢⱼ = √wᵢ ∂y_calc,i/∂pⱼ in column-major order.
    /// </summary>
    /// <param name="parameters">The p parameter values.</param>
    /// <param name="weightedResiduals">Destination of the n weighted residuals.</param>
    /// <param name="jacobianColumnMajor">Destination of the n × p Jacobian, or empty when only residuals are needed.</param>
    /// <remarks>A model that cannot be evaluated at a trial point may write non-finite values; the
    /// engine rejects that trial and shortens the step. It must not throw for that reason.</remarks>
    void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor);

    /// <summary>The lower bound of parameter <paramref name="index"/>; −∞ (no bound) unless overridden.</summary>
    /// <param name="index">The parameter index, 0 ≤ index &lt; <see cref="ParameterCount"/>.</param>
    /// <returns>The lowest value the engine may give the parameter.</returns>
    double LowerBound(int index) => double.NegativeInfinity;

    /// <summary>The upper bound of parameter <paramref name="index"/>; +∞ (no bound) unless overridden.</summary>
    /// <param name="index">The parameter index, 0 ≤ index &lt; <see cref="ParameterCount"/>.</param>
    /// <returns>The highest value the engine may give the parameter.</returns>
    double UpperBound(int index) => double.PositiveInfinity;
}
