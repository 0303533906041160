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
    public static double MaxRelativeDiscrepancy(ILeastSquaresProblem problem, ReadOnlySpan<double> parameters, double stepFactor)
    {
        int n = problem.ObservationCount, p = problem.ParameterCount;
        var analytic = new double[n * p];
        var residuals = new double[n];
        problem.Evaluate(parameters, residuals, analytic);
        var plus = new double[n];
        var minus = new double[n];
        var shifted = parameters.ToArray();
        double worst = 0;
        for (int j = 0; j < p; j++)
        {
            double h = stepFactor * Math.Cbrt(2.2e-16) * Math.Max(Math.Abs(parameters[j]), 1e-3);
            shifted[j] = parameters[j] + h;
            problem.Evaluate(shifted, plus, []);
            shifted[j] = parameters[j] - h;
            problem.Evaluate(shifted, minus, []);
            shifted[j] = parameters[j];
            double columnScale = 0;
            for (int i = 0; i < n; i++) columnScale = Math.Max(columnScale, Math.Abs(analytic[j * n + i]));
            if (columnScale == 0) columnScale = 1;
            for (int i = 0; i < n; i++)
            {
                double numeric = -(plus[i] - minus[i]) / (2 * h);
                worst = Math.Max(worst, Math.Abs(numeric - analytic[j * n + i]) / columnScale);
            }
        }
        return worst;
    }
}
