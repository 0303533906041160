using Crystallography.Intergrowth.Constraints;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>The correlation coefficient ρ of two refined parameters.</summary>
/// <param name="First">The parameter that comes first in the matrix.</param>
/// <param name="Second">The other parameter.</param>
/// <param name="Coefficient">ρ, between −1 and 1.</param>
public readonly record struct ParameterCorrelation(ParameterId First, ParameterId Second, double Coefficient)
{
    /// <summary>"hist:sxrd/zero ~ layered/cell/c: ρ = 0.83".</summary>
    public override string ToString() => FormattableString.Invariant($"{First} ~ {Second}: ρ = {Coefficient:F2}");
}

/// <summary>Correlation matrices and the list of their strongest entries.</summary>
public static class ParameterCorrelations
{
    /// <summary>ρ_ij = C_ij / √(C_ii C_jj) from a covariance matrix; 0 where a variance is 0.</summary>
    /// <param name="covariance">A symmetric n × n covariance.</param>
    public static double[,] FromCovariance(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int n = covariance.GetLength(0);
        if (covariance.GetLength(1) != n)
            throw new ArgumentException($"A covariance matrix is square; got {n} × {covariance.GetLength(1)}.", nameof(covariance));
        var rho = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double d = Math.Sqrt(covariance[i, i] * covariance[j, j]);
                rho[i, j] = i == j ? 1 : d > 0 ? covariance[i, j] / d : 0;
            }
        return rho;
    }

    /// <summary>
    /// The pairs (i &lt; j) whose |ρ| is at least <paramref name="threshold"/>, strongest first; pairs
    /// of equal |ρ| keep the order of the matrix (row, then column).
    /// </summary>
    /// <param name="parameters">The parameter of each row and column.</param>
    /// <param name="correlation">The n × n correlation matrix (only the upper triangle is read).</param>
    /// <param name="threshold">The smallest |ρ| listed, in [0, 1].</param>
    public static IReadOnlyList<ParameterCorrelation> Strongest(IReadOnlyList<ParameterId> parameters, double[,] correlation, double threshold)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(correlation);
        int n = parameters.Count;
        if (correlation.GetLength(0) != n || correlation.GetLength(1) != n)
            throw new ArgumentException($"The correlation matrix must be {n} × {n} for {n} parameters; got {correlation.GetLength(0)} × {correlation.GetLength(1)}.", nameof(correlation));
        if (!(threshold >= 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold on |ρ| lies in [0, 1].");
        var pairs = new List<ParameterCorrelation>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (Math.Abs(correlation[i, j]) >= threshold)
                    pairs.Add(new ParameterCorrelation(parameters[i], parameters[j], correlation[i, j]));
        // OrderBy is stable: ties keep the matrix order.
        return pairs.OrderByDescending(p => Math.Abs(p.Coefficient)).ToArray();
    }
}
