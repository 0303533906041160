using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>One term c·p of a linear constraint.</summary>
/// <param name="Parameter">The parameter p.</param>
/// <param name="Coefficient">The coefficient c.</param>
public readonly record struct ConstraintTerm(ParameterId Parameter, double Coefficient);

/// <summary>
/// A linear equation between parameters, Σ cᵢ·pᵢ = c, over any parameters in any phases and
/// histograms: <c>7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6</c>. Immutable; terms on
/// the same parameter are merged and zero coefficients dropped.
/// </summary>
public sealed class LinearConstraint : IEquatable<LinearConstraint>
{
    /// <summary>Creates Σ cᵢ·pᵢ = constant.</summary>
    /// <exception cref="ArgumentException">No terms remain, or a coefficient or the constant is not finite.</exception>
    public LinearConstraint(IEnumerable<ConstraintTerm> terms, double constant, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!double.IsFinite(constant))
            throw new ArgumentException($"The constant {constant} is not finite.", nameof(constant));
        var merged = new List<ConstraintTerm>();
        foreach (var t in terms)
        {
            if (!double.IsFinite(t.Coefficient))
                throw new ArgumentException($"The coefficient of {t.Parameter} is {t.Coefficient}.", nameof(terms));
            int i = merged.FindIndex(m => m.Parameter == t.Parameter);
            if (i >= 0) merged[i] = merged[i] with { Coefficient = merged[i].Coefficient + t.Coefficient };
            else merged.Add(t);
        }
        merged.RemoveAll(t => t.Coefficient == 0);
        if (merged.Count == 0)
            throw new ArgumentException("A constraint needs at least one parameter with a non-zero coefficient.", nameof(terms));
        Terms = [.. merged];
        Constant = constant;
        Description = description;
    }

    /// <summary>The terms cᵢ·pᵢ, in the order first given.</summary>
    public ImmutableArray<ConstraintTerm> Terms { get; }

    /// <summary>The right-hand side c.</summary>
    public double Constant { get; }

    /// <summary>Where the constraint came from ("Li transfer layered ↔ rocksalt at 70:30"), or null.</summary>
    public string? Description { get; }

    /// <summary>The parameters the constraint involves.</summary>
    public IEnumerable<ParameterId> Parameters => Terms.Select(t => t.Parameter);

    /// <summary>An equivalence p₂ = k·p₁, i.e. k·p₁ − p₂ = 0.</summary>
    public static LinearConstraint Equivalence(ParameterId p1, ParameterId p2, double k = 1, string? description = null) =>
        new([new(p1, k), new(p2, -1)], 0, description ?? $"{p2} = {Format(k)}·{p1}");

    /// <summary>
    /// The change form Σ cᵢ·Δpᵢ = 0 relative to current values: Σ cᵢ·pᵢ = Σ cᵢ·pᵢ(current).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A parameter has no current value.</exception>
    public static LinearConstraint FromChange(IEnumerable<ConstraintTerm> terms, IReadOnlyDictionary<ParameterId, double> currentValues, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(currentValues);
        var list = terms.ToList();
        double c = 0;
        foreach (var t in list)
        {
            if (!currentValues.TryGetValue(t.Parameter, out double v))
                throw new KeyNotFoundException($"The change-form constraint needs the current value of {t.Parameter}, which is not given.");
            c += t.Coefficient * v;
        }
        return new LinearConstraint(list, c, description);
    }

    /// <summary>
    /// Parses the text form: <c>7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6</c>. Coefficients
    /// are decimals or fractions (<c>7/6*layered/scale</c>), 1 when left out; terms and numbers may
    /// stand on both sides of '=' and are moved across (<c>x = 2*y + 1</c> becomes <c>x - 2*y = 1</c>).
    /// </summary>
    /// <param name="text">The constraint.</param>
    /// <param name="description">Where the constraint came from, or null.</param>
    /// <exception cref="ConstraintFormatException">The text is malformed; the message names the token, its column and what was expected. Also for a change (Δ) term, which needs <see cref="Parse(string, IReadOnlyDictionary{ParameterId, double}, string?)"/>.</exception>
    public static LinearConstraint Parse(string text, string? description = null) =>
        ConstraintParser.Parse(text, null, description);

    /// <summary>
    /// Parses the text form, changes included: <c>7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0</c>
    /// (or <c>d(layered/Li1/occ[Li])</c> for Δ) means Σ cᵢ·(pᵢ − pᵢ(current)) = 0, i.e.
    /// Σ cᵢ·pᵢ = Σ cᵢ·pᵢ(current) with the current values given here. Plain and Δ terms may be mixed.
    /// </summary>
    /// <param name="text">The constraint.</param>
    /// <param name="currentValues">The current value of every parameter written with Δ.</param>
    /// <param name="description">Where the constraint came from, or null.</param>
    /// <exception cref="ConstraintFormatException">The text is malformed, or a Δ parameter has no current value.</exception>
    public static LinearConstraint Parse(string text, IReadOnlyDictionary<ParameterId, double> currentValues, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(currentValues);
        return ConstraintParser.Parse(text, currentValues, description);
    }

    /// <summary>Parses like <see cref="Parse(string, string?)"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out LinearConstraint? constraint)
    {
        constraint = null;
        if (text is null) return false;
        try
        {
            constraint = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The coefficient of a parameter (0 when the constraint does not involve it).</summary>
    public double CoefficientOf(ParameterId parameter)
    {
        foreach (var t in Terms)
            if (t.Parameter == parameter) return t.Coefficient;
        return 0;
    }

    /// <summary>Σ cᵢ·pᵢ − c for the given values (0 when the constraint holds).</summary>
    /// <exception cref="KeyNotFoundException">A parameter has no value.</exception>
    public double Residual(IReadOnlyDictionary<ParameterId, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = -Constant;
        foreach (var t in Terms)
        {
            if (!values.TryGetValue(t.Parameter, out double v))
                throw new KeyNotFoundException($"No value for {t.Parameter} in the constraint {this}.");
            sum += t.Coefficient * v;
        }
        return sum;
    }

    /// <summary>The text form the constraint parser reads: <c>7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Terms.Length; i++)
        {
            double c = Terms[i].Coefficient;
            if (i == 0) { if (c < 0) sb.Append('-'); }
            else sb.Append(c < 0 ? " - " : " + ");
            double a = Math.Abs(c);
            if (a != 1) sb.Append(Format(a)).Append('*');
            sb.Append(Terms[i].Parameter);
        }
        sb.Append(" = ").Append(Format(Constant));
        return sb.ToString();
    }

    internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(LinearConstraint? other) =>
        other is not null && Constant.Equals(other.Constant) && Terms.SequenceEqual(other.Terms);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LinearConstraint);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Constant, Terms.Length, Terms.Length > 0 ? Terms[0] : default);
}
