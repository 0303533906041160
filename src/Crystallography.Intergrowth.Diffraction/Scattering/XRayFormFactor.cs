using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The X-ray form factor of a neutral atom or an ion as a sum of Gaussians,
/// f₀(s) = Σᵢ aᵢ exp(−bᵢ s²) + c with s = sin θ/λ in Å⁻¹, in electrons. Immutable; obtained from
/// <see cref="ScatteringFactors.XRay(Species, FormFactorTable, bool)"/>.
/// </summary>
public sealed class XRayFormFactor : IEquatable<XRayFormFactor>
{
    internal XRayFormFactor(string label, Element element, int charge, FormFactorTable table,
                            ImmutableArray<double> a, ImmutableArray<double> b, double c)
    {
        Label = label;
        Element = element;
        Charge = charge;
        Table = table;
        A = a;
        B = b;
        C = c;
    }

    /// <summary>The table's label: "Ni", "Ni2+", "O2-".</summary>
    public string Label { get; }

    /// <summary>The element.</summary>
    public Element Element { get; }

    /// <summary>The charge of the tabulated ion; 0 for a neutral atom.</summary>
    public int Charge { get; }

    /// <summary>True for a neutral atom.</summary>
    public bool IsNeutral => Charge == 0;

    /// <summary>The table the coefficients come from.</summary>
    public FormFactorTable Table { get; }

    /// <summary>The Gaussian amplitudes aᵢ (electrons): five for Waasmaier–Kirfel, four for International Tables.</summary>
    public ImmutableArray<double> A { get; }

    /// <summary>The Gaussian exponents bᵢ (Å²), paired with <see cref="A"/>.</summary>
    public ImmutableArray<double> B { get; }

    /// <summary>The constant c (electrons).</summary>
    public double C { get; }

    /// <summary>The form factor f₀ at s = sin θ/λ = 1/(2d), in electrons.</summary>
    /// <param name="sinThetaOverLambda">sin θ/λ in Å⁻¹, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double Evaluate(double sinThetaOverLambda)
    {
        if (!(sinThetaOverLambda >= 0) || !double.IsFinite(sinThetaOverLambda))
            throw new ArgumentOutOfRangeException(nameof(sinThetaOverLambda), sinThetaOverLambda,
                "sin θ/λ must be a finite, non-negative number of Å⁻¹.");
        return EvaluateSquared(sinThetaOverLambda * sinThetaOverLambda);
    }

    /// <summary>The form factor at the reflection with spacing d (Å): s = 1/(2d).</summary>
    /// <param name="dSpacing">d in Å, positive.</param>
    public double EvaluateAtDSpacing(double dSpacing)
    {
        if (!(dSpacing > 0))
            throw new ArgumentOutOfRangeException(nameof(dSpacing), dSpacing, "d must be a positive number of Å.");
        return EvaluateSquared(1 / (4 * dSpacing * dSpacing));
    }

    /// <summary>f₀ from s² = (sin θ/λ)², unchecked, for the structure-factor loops.</summary>
    internal double EvaluateSquared(double s2)
    {
        double f = C;
        var a = A.AsSpan();
        var b = B.AsSpan();
        for (int i = 0; i < a.Length; i++) f += a[i] * Math.Exp(-b[i] * s2);
        return f;
    }

    /// <inheritdoc />
    public bool Equals(XRayFormFactor? other) =>
        other is not null && Table == other.Table && Label == other.Label && C.Equals(other.C) &&
        A.AsSpan().SequenceEqual(other.A.AsSpan()) && B.AsSpan().SequenceEqual(other.B.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as XRayFormFactor);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Table, Label);

    /// <summary>"Ni2+ (WaasmaierKirfel1995), f(0) = 26.00".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Label} ({Table}), f(0) = {EvaluateSquared(0):0.00}");
}
