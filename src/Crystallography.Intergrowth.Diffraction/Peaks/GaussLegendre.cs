namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Gauss–Legendre quadrature nodes and weights on [0, 1], computed once per order by Newton's
/// method on the Legendre polynomial (three-term recurrence) and cached.
/// </summary>
internal static class GaussLegendre
{
    internal const int MaximumOrder = 512;

    private static readonly Rule?[] s_rules = new Rule?[MaximumOrder + 1];

    internal sealed class Rule(double[] nodes, double[] weights)
    {
        internal double[] Nodes { get; } = nodes;
        internal double[] Weights { get; } = weights;
    }

    /// <summary>The rule of order n (1 ≤ n ≤ 512) on [0, 1]; nodes ascending, weights summing to 1.</summary>
    internal static Rule Get(int order)
    {
        if (order < 1 || order > MaximumOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The quadrature order must lie in [1, {MaximumOrder}].");
        }
        return Volatile.Read(ref s_rules[order]) ?? Build(order);
    }

    private static Rule Build(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        int half = (n + 1) / 2;
        for (int i = 0; i < half; i++)
        {
            // Initial guess (Tricomi) for the i-th root of P_n on [−1, 1], descending.
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = 0;
                for (int k = 1; k <= n; k++)
                {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2 * k - 1) * z * p1 - (k - 1) * p2) / k;
                }
                derivative = n * (z * p0 - p1) / (z * z - 1);
                double step = p0 / derivative;
                z -= step;
                if (Math.Abs(step) < 1e-16)
                {
                    break;
                }
            }
            double weight = 2 / ((1 - z * z) * derivative * derivative);
            // Map [−1, 1] → [0, 1]: u = (1 + z)/2, weight/2.
            nodes[n - 1 - i] = (1 + z) / 2;
            nodes[i] = (1 - z) / 2;
            weights[n - 1 - i] = weight / 2;
            weights[i] = weight / 2;
        }
        var rule = new Rule(nodes, weights);
        Interlocked.CompareExchange(ref s_rules[n], rule, null);
        return s_rules[n]!;
    }
}
