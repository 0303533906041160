using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>One product term a·p·q of a <see cref="BilinearConstraint"/> (p and q may be the same parameter).</summary>
/// <param name="First">The first factor p (a phase fraction, say).</param>
/// <param name="Second">The second factor q (an occupancy, say).</param>
/// <param name="Coefficient">The coefficient a (m/Z of the site, say).</param>
public readonly record struct BilinearTerm(ParameterId First, ParameterId Second, double Coefficient);

/// <summary>
/// An equation with products of two parameters, Σ aₖ·pₖ·qₖ + Σ bᵢ·pᵢ = c: element conservation
/// across phases when the phase fractions refine along with the occupancies,
/// Σ_p x_p·Σ_s (m_s/Z_p)·occ_s = n. It is held exactly by re-linearising every cycle:
/// <see cref="Linearize"/> gives the tangent plane at the current values (the linear constraint
/// the next step obeys), and <see cref="ConstraintProjection"/> pulls the step's end back onto the
/// curved surface with Newton corrections. Immutable.
/// </summary>
/// <remarks>
/// GSAS-II freezes the fraction multipliers of such a constraint at their starting values (a
/// linear constraint that is exact only there); TOPAS handles them exactly, as this type does.
/// </remarks>
public sealed class BilinearConstraint : IEquatable<BilinearConstraint>
{
    /// <summary>Creates Σ aₖ·pₖ·qₖ + Σ bᵢ·pᵢ = constant.</summary>
    /// <exception cref="ArgumentException">No terms remain, or a coefficient or the constant is not finite.</exception>
    public BilinearConstraint(IEnumerable<BilinearTerm> products, IEnumerable<ConstraintTerm> linearTerms, double constant, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(linearTerms);
        if (!double.IsFinite(constant))
            throw new ArgumentException($"The constant {constant} is not finite.", nameof(constant));
        var merged = new List<BilinearTerm>();
        foreach (var t in products)
        {
            ArgumentNullException.ThrowIfNull(t.First, nameof(products));
            ArgumentNullException.ThrowIfNull(t.Second, nameof(products));
            if (!double.IsFinite(t.Coefficient))
                throw new ArgumentException($"The coefficient of {t.First}·{t.Second} is {t.Coefficient}.", nameof(products));
            // p·q and q·p are one term.
            int i = merged.FindIndex(m => (m.First == t.First && m.Second == t.Second) || (m.First == t.Second && m.Second == t.First));
            if (i >= 0) merged[i] = merged[i] with { Coefficient = merged[i].Coefficient + t.Coefficient };
            else merged.Add(t);
        }
        merged.RemoveAll(t => t.Coefficient == 0);
        var linear = new List<ConstraintTerm>();
        foreach (var t in linearTerms)
        {
            ArgumentNullException.ThrowIfNull(t.Parameter, nameof(linearTerms));
            if (!double.IsFinite(t.Coefficient))
                throw new ArgumentException($"The coefficient of {t.Parameter} is {t.Coefficient}.", nameof(linearTerms));
            int i = linear.FindIndex(m => m.Parameter == t.Parameter);
            if (i >= 0) linear[i] = linear[i] with { Coefficient = linear[i].Coefficient + t.Coefficient };
            else linear.Add(t);
        }
        linear.RemoveAll(t => t.Coefficient == 0);
        if (merged.Count == 0 && linear.Count == 0)
            throw new ArgumentException("A constraint needs at least one term with a non-zero coefficient.", nameof(products));
        Products = [.. merged];
        LinearTerms = [.. linear];
        Constant = constant;
        Description = description;
        Parameters = [.. Products.SelectMany(t => new[] { t.First, t.Second }).Concat(LinearTerms.Select(t => t.Parameter)).Distinct()];
    }

    /// <summary>The product terms aₖ·pₖ·qₖ.</summary>
    public ImmutableArray<BilinearTerm> Products { get; }

    /// <summary>The linear terms bᵢ·pᵢ.</summary>
    public ImmutableArray<ConstraintTerm> LinearTerms { get; }

    /// <summary>The right-hand side c.</summary>
    public double Constant { get; }

    /// <summary>Where the constraint came from, or null.</summary>
    public string? Description { get; }

    /// <summary>Every parameter the constraint involves, each once, in order of first appearance.</summary>
    public ImmutableArray<ParameterId> Parameters { get; }

    /// <summary>A linear constraint seen as one without products (so that both kinds go through one projection).</summary>
    public static BilinearConstraint FromLinear(LinearConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return new BilinearConstraint([], constraint.Terms, constraint.Constant, constraint.Description);
    }

    /// <summary>The left-hand side Σ aₖ·pₖ·qₖ + Σ bᵢ·pᵢ at the given values.</summary>
    /// <exception cref="KeyNotFoundException">A parameter has no value.</exception>
    public double Value(IReadOnlyDictionary<ParameterId, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0;
        foreach (var t in Products) sum += t.Coefficient * Get(values, t.First) * Get(values, t.Second);
        foreach (var t in LinearTerms) sum += t.Coefficient * Get(values, t.Parameter);
        return sum;
    }

    /// <summary>Value − constant (0 when the constraint holds).</summary>
    /// <exception cref="KeyNotFoundException">A parameter has no value.</exception>
    public double Residual(IReadOnlyDictionary<ParameterId, double> values) => Value(values) - Constant;

    /// <summary>
    /// The analytic gradient: ∂/∂pᵢ = bᵢ + Σ_k aₖ·(∂pₖ/∂pᵢ·qₖ + pₖ·∂qₖ/∂pᵢ), for every parameter of
    /// the constraint (zero entries kept, so that the keys are always <see cref="Parameters"/>).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A parameter has no value.</exception>
    public IReadOnlyDictionary<ParameterId, double> Gradient(IReadOnlyDictionary<ParameterId, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var g = Parameters.ToDictionary(p => p, _ => 0.0);
        foreach (var t in Products)
        {
            double p = Get(values, t.First), q = Get(values, t.Second);
            g[t.First] += t.Coefficient * q;
            g[t.Second] += t.Coefficient * p;   // a square term p·p gets 2·a·p from the two lines
        }
        foreach (var t in LinearTerms) g[t.Parameter] += t.Coefficient;
        return g;
    }

    /// <summary>
    /// The tangent plane at <paramref name="currentValues"/>: Σ gᵢ·pᵢ = Σ gᵢ·pᵢ⁰ − r(p⁰), with g the
    /// gradient and r the residual there. At a point that satisfies the constraint this is the
    /// linear constraint a first-order step must obey; re-linearise after every cycle.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A parameter has no value.</exception>
    /// <exception cref="InvalidOperationException">The gradient vanishes there (no tangent plane).</exception>
    public LinearConstraint Linearize(IReadOnlyDictionary<ParameterId, double> currentValues)
    {
        var g = Gradient(currentValues);
        double constant = -Residual(currentValues);
        foreach (var (p, gi) in g) constant += gi * currentValues[p];
        if (g.Values.All(v => v == 0))
            throw new InvalidOperationException($"The gradient of {this} vanishes at the given values: there is no tangent plane to constrain a step with.");
        return new LinearConstraint(Parameters.Select(p => new ConstraintTerm(p, g[p])), constant,
            $"tangent of {Description ?? ToString()}");
    }

    /// <summary>"0.333333*layered/fraction*layered/Li1/occ[Li] + … = 1.2".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        bool first = true;
        void Append(double c, string what)
        {
            if (first) { if (c < 0) sb.Append('-'); }
            else sb.Append(c < 0 ? " - " : " + ");
            double a = Math.Abs(c);
            if (a != 1) sb.Append(LinearConstraint.Format(a)).Append('*');
            sb.Append(what);
            first = false;
        }
        foreach (var t in Products) Append(t.Coefficient, $"{t.First}*{t.Second}");
        foreach (var t in LinearTerms) Append(t.Coefficient, t.Parameter.ToString());
        sb.Append(" = ").Append(LinearConstraint.Format(Constant));
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(BilinearConstraint? other) =>
        other is not null && Constant.Equals(other.Constant) && Products.SequenceEqual(other.Products) && LinearTerms.SequenceEqual(other.LinearTerms);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BilinearConstraint);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Constant, Products.Length, LinearTerms.Length);

    private double Get(IReadOnlyDictionary<ParameterId, double> values, ParameterId p) =>
        values.TryGetValue(p, out double v) ? v
            : throw new KeyNotFoundException($"No value for {p} in the constraint {this}.");
}
