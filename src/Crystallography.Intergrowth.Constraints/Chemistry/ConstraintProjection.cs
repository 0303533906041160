using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>The outcome of <see cref="ConstraintProjection.Project"/>: a result, not an exception, whether or not it converged.</summary>
public sealed class ProjectionResult
{
    internal ProjectionResult(IReadOnlyDictionary<ParameterId, double> values, int iterations, double maximumResidual, bool converged)
    {
        Values = values;
        Iterations = iterations;
        MaximumResidual = maximumResidual;
        Converged = converged;
    }

    /// <summary>The values after the corrections (the best reached when not converged).</summary>
    public IReadOnlyDictionary<ParameterId, double> Values { get; }

    /// <summary>The number of Newton corrections made.</summary>
    public int Iterations { get; }

    /// <summary>The largest |residual| over the constraints at <see cref="Values"/>.</summary>
    public double MaximumResidual { get; }

    /// <summary>True when every residual is within the tolerance.</summary>
    public bool Converged { get; }
}

/// <summary>
/// Keeping a step on a set of (possibly bilinear) constraints: the step is first projected onto the
/// tangent space at the current point (<see cref="TangentStep"/>, the linearised constraints of
/// <see cref="BilinearConstraint.Linearize"/>), then the end point is pulled back onto the curved
/// constraint surface by Newton corrections of least norm (<see cref="Project"/>):
/// Δp = −J⁺·r, with J the Jacobian of the residuals r over the parameters allowed to move and J⁺
/// its pseudo-inverse (SVD, MathNet.Numerics), which also copes with redundant constraints.
/// A bilinear constraint's residual after one correction is the product of the corrections
/// themselves, so the iteration converges quadratically.
/// </summary>
public static class ConstraintProjection
{
    /// <summary>
    /// The part of <paramref name="step"/> that keeps every constraint to first order:
    /// (I − J⁺J)·step over <paramref name="movable"/>, the other parameters not moving.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A parameter of a constraint has no value.</exception>
    public static IReadOnlyDictionary<ParameterId, double> TangentStep(IReadOnlyList<BilinearConstraint> constraints,
        IReadOnlyDictionary<ParameterId, double> values, IReadOnlyDictionary<ParameterId, double> step, IReadOnlyList<ParameterId> movable)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(movable);
        var j = Jacobian(constraints, values, movable);
        var s = Vector<double>.Build.Dense(movable.Count, i => step.TryGetValue(movable[i], out double v) ? v : 0);
        var t = constraints.Count == 0 ? s : s - j.PseudoInverse() * (j * s);
        return Enumerable.Range(0, movable.Count).ToDictionary(i => movable[i], i => t[i]);
    }

    /// <summary>
    /// Newton corrections of least norm over <paramref name="movable"/> until every residual is within
    /// <paramref name="tolerance"/> or <paramref name="maximumIterations"/> corrections are spent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is not positive or the iteration limit is below 1.</exception>
    /// <exception cref="KeyNotFoundException">A parameter of a constraint, or one that may move, has no value.</exception>
    public static ProjectionResult Project(IReadOnlyList<BilinearConstraint> constraints, IReadOnlyDictionary<ParameterId, double> values,
        IReadOnlyList<ParameterId> movable, double tolerance = 1e-12, int maximumIterations = 50)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(movable);
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive.");
        if (maximumIterations < 1) throw new ArgumentOutOfRangeException(nameof(maximumIterations), maximumIterations, "At least one iteration.");
        foreach (var p in movable)
            if (!values.ContainsKey(p))
                throw new KeyNotFoundException($"The parameter {p} may move but has no value.");
        var current = new Dictionary<ParameterId, double>(values);
        double worst = MaxResidual(constraints, current);
        int iterations = 0;
        while (worst > tolerance && iterations < maximumIterations)
        {
            var j = Jacobian(constraints, current, movable);
            var r = Vector<double>.Build.Dense(constraints.Count, i => constraints[i].Residual(current));
            var delta = -(j.PseudoInverse() * r);
            var next = new Dictionary<ParameterId, double>(current);
            for (int i = 0; i < movable.Count; i++) next[movable[i]] += delta[i];
            iterations++;
            double nextWorst = MaxResidual(constraints, next);
            if (!(nextWorst < worst)) break;   // no progress: return the best state reached
            current = next;
            worst = nextWorst;
        }
        return new ProjectionResult(current.ToImmutableDictionary(), iterations, worst, worst <= tolerance);
    }

    private static Matrix<double> Jacobian(IReadOnlyList<BilinearConstraint> constraints, IReadOnlyDictionary<ParameterId, double> values, IReadOnlyList<ParameterId> movable)
    {
        var j = Matrix<double>.Build.Dense(constraints.Count, movable.Count);
        for (int i = 0; i < constraints.Count; i++)
        {
            var g = constraints[i].Gradient(values);
            for (int k = 0; k < movable.Count; k++)
                if (g.TryGetValue(movable[k], out double v)) j[i, k] = v;
        }
        return j;
    }

    private static double MaxResidual(IReadOnlyList<BilinearConstraint> constraints, IReadOnlyDictionary<ParameterId, double> values) =>
        constraints.Count == 0 ? 0 : constraints.Max(c => Math.Abs(c.Residual(values)));
}
