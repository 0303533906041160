using Crystallography.Intergrowth.Refinement;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// The one helper through which every analytic Jacobian of a least-squares problem in this test
/// project is compared with central finite differences (STYLE habit 8).
/// </summary>
internal static class LeastSquaresJacobianChecker
{
    /// <summary>
    /// Largest discrepancy between the analytic weighted Jacobian J = √w ∂y_calc/∂p of
    /// <paramref name="problem"/> at <paramref name="parameters"/> and the central difference
    /// −(r(p + hⱼ) − r(p − hⱼ)) / 2hⱼ (the minus because r = √w (y_obs − y_calc)), measured relative
    /// to the largest |J| in the same column (so columns of very different scale are judged alike).
    /// hⱼ = ε^(1/3)·max(|pⱼ|, 1e-3): the step that balances truncation (∝ h²) against rounding
    /// (∝ ε/h) for a central difference.
    /// </summary>
    public static double MaxRelativeDiscrepancy(ILeastSquaresProblem problem, ReadOnlySpan<double> parameters) =>
        MaxRelativeDiscrepancy(problem, parameters, 1);

    /// <summary>
    /// As above with the step multiplied by <paramref name="stepFactor"/>: a larger step trades
    /// truncation error (∝ h²) for less rounding error (∝ 1/h), which is what linear columns of
    /// large residuals need.
    /// </summary>
    public static double MaxRelativeDiscrepancy(ILeastSquaresProblem problem, ReadOnlySpan<double> parameters, double stepFactor) =>
        MaxRelativeDiscrepancy(problem, parameters, stepFactor, _ => 1e-3);

    /// <summary>
    /// As above with the floor of |pⱼ| in the step chosen per parameter (1e-3 above): a parameter whose natural size is
    /// far smaller — a hydrostatic strain of 10⁻⁵ Å⁻² acting through l² — needs a smaller floor, or the step is no
    /// longer small and truncation dominates.
    /// </summary>
    public static double MaxRelativeDiscrepancy(ILeastSquaresProblem problem, ReadOnlySpan<double> parameters, double stepFactor,
                                                Func<int, double> stepFloor) =>
        ColumnDiscrepancies(problem, parameters, stepFactor, stepFloor).Max();

    /// <summary>
    /// Per column j, the largest |analytic − central difference| relative to the column's largest |J| (see above).
    /// A column that is zero everywhere is reported as +∞: a refined parameter the model does not see is an error too.
    /// </summary>
    public static double[] ColumnDiscrepancies(ILeastSquaresProblem problem, ReadOnlySpan<double> parameters, double stepFactor,
                                               Func<int, double> stepFloor)
    {
        int n = problem.ObservationCount, p = problem.ParameterCount;
        var analytic = new double[n * p];
        var residuals = new double[n];
        problem.Evaluate(parameters, residuals, analytic);
        var plus = new double[n];
        var minus = new double[n];
        var shifted = parameters.ToArray();
        var worst = new double[p];
        for (int j = 0; j < p; j++)
        {
            double h = stepFactor * Math.Cbrt(2.2e-16) * Math.Max(Math.Abs(parameters[j]), stepFloor(j));
            shifted[j] = parameters[j] + h;
            problem.Evaluate(shifted, plus, []);
            shifted[j] = parameters[j] - h;
            problem.Evaluate(shifted, minus, []);
            shifted[j] = parameters[j];
            double columnScale = 0;
            for (int i = 0; i < n; i++) columnScale = Math.Max(columnScale, Math.Abs(analytic[j * n + i]));
            if (!(columnScale > 0))
            {
                worst[j] = double.PositiveInfinity;
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                double numeric = -(plus[i] - minus[i]) / (2 * h);
                worst[j] = Math.Max(worst[j], Math.Abs(numeric - analytic[j * n + i]) / columnScale);
            }
        }
        return worst;
    }
}
