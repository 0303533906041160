using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// Standard uncertainties of Hill–Howard phase fractions, propagated from the covariance of the
/// scale factors through the analytic Jacobian of the fractions (the values themselves come from
/// <see cref="PhaseFractions"/>).
/// </summary>
/// <remarks>
/// With f_p = a_p S_p / T, T = Σ_q a_q S_q and a = Z M V (weight) or Z V (mole fraction of formula
/// units), ∂f_p/∂S_q = (δ_pq a_p − f_p a_q) / T, and var(f) = J C Jᵀ (first-order propagation, JCGM
/// 100:2008 (GUM) §5.2). Z, M and V are taken as exact: the cell volume's own s.u. adds a term that
/// is usually negligible beside the scales'.
/// </remarks>
public static class PhaseFractionUncertainty
{
    /// <summary>∂W_p/∂S_q of the weight fractions, row-major (row p, column q) into <paramref name="jacobian"/> (n × n).</summary>
    /// <param name="scales">S per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="molarMasses">M per phase.</param>
    /// <param name="volumes">V per phase.</param>
    /// <param name="jacobian">n × n elements, row-major.</param>
    public static void WeightFractionJacobian(ReadOnlySpan<double> scales, ReadOnlySpan<double> formulaUnitsPerCell,
                                              ReadOnlySpan<double> molarMasses, ReadOnlySpan<double> volumes, Span<double> jacobian)
    {
        int n = scales.Length;
        var fractions = new double[n];
        PhaseFractions.WeightFractions(scales, formulaUnitsPerCell, molarMasses, volumes, fractions);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = formulaUnitsPerCell[i] * molarMasses[i] * volumes[i];
        Fill(scales, a, fractions, jacobian);
    }

    /// <summary>∂x_p/∂S_q of the mole fractions of formula units, row-major into <paramref name="jacobian"/> (n × n).</summary>
    /// <param name="scales">S per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="volumes">V per phase.</param>
    /// <param name="jacobian">n × n elements, row-major.</param>
    public static void MoleFractionJacobian(ReadOnlySpan<double> scales, ReadOnlySpan<double> formulaUnitsPerCell,
                                            ReadOnlySpan<double> volumes, Span<double> jacobian)
    {
        int n = scales.Length;
        var fractions = new double[n];
        PhaseFractions.MoleFractions(scales, formulaUnitsPerCell, volumes, fractions);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = formulaUnitsPerCell[i] * volumes[i];
        Fill(scales, a, fractions, jacobian);
    }

    /// <summary>Weight fractions with their standard uncertainties.</summary>
    /// <param name="scales">S per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="molarMasses">M per phase.</param>
    /// <param name="volumes">V per phase.</param>
    /// <param name="scaleCovariance">The n × n covariance of the scales.</param>
    public static MeasuredValue[] WeightFractions(ReadOnlySpan<double> scales, ReadOnlySpan<double> formulaUnitsPerCell,
                                                  ReadOnlySpan<double> molarMasses, ReadOnlySpan<double> volumes, double[,] scaleCovariance)
    {
        int n = scales.Length;
        var values = new double[n];
        PhaseFractions.WeightFractions(scales, formulaUnitsPerCell, molarMasses, volumes, values);
        var jacobian = new double[n * n];
        WeightFractionJacobian(scales, formulaUnitsPerCell, molarMasses, volumes, jacobian);
        return Propagate(values, jacobian, scaleCovariance);
    }

    /// <summary>Mole fractions of formula units with their standard uncertainties.</summary>
    /// <param name="scales">S per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="volumes">V per phase.</param>
    /// <param name="scaleCovariance">The n × n covariance of the scales.</param>
    public static MeasuredValue[] MoleFractions(ReadOnlySpan<double> scales, ReadOnlySpan<double> formulaUnitsPerCell,
                                                ReadOnlySpan<double> volumes, double[,] scaleCovariance)
    {
        int n = scales.Length;
        var values = new double[n];
        PhaseFractions.MoleFractions(scales, formulaUnitsPerCell, volumes, values);
        var jacobian = new double[n * n];
        MoleFractionJacobian(scales, formulaUnitsPerCell, volumes, jacobian);
        return Propagate(values, jacobian, scaleCovariance);
    }

    /// <summary>Weight and mole fractions, with s.u., of phases (Z, M and V from each phase).</summary>
    /// <param name="phases">The phases and their scales.</param>
    /// <param name="scaleCovariance">The covariance of the scales, in the order of <paramref name="phases"/>.</param>
    public static (MeasuredValue[] Weight, MeasuredValue[] Mole) Of(IReadOnlyList<(Phase Phase, double Scale)> phases, double[,] scaleCovariance)
    {
        ArgumentNullException.ThrowIfNull(phases);
        int n = phases.Count;
        double[] s = new double[n], z = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = phases[i].Phase ?? throw new ArgumentNullException(nameof(phases), $"Phase {i} is null.");
            s[i] = phases[i].Scale;
            z[i] = p.FormulaUnitsPerCell;
            m[i] = p.MolarMass;
            v[i] = p.Cell.Volume;
        }
        return (WeightFractions(s, z, m, v, scaleCovariance), MoleFractions(s, z, v, scaleCovariance));
    }

    private static void Fill(ReadOnlySpan<double> scales, double[] a, double[] fractions, Span<double> jacobian)
    {
        int n = scales.Length;
        if (jacobian.Length < n * n)
            throw new ArgumentException($"The Jacobian of {n} phases needs {n * n} elements; got {jacobian.Length}.", nameof(jacobian));
        double total = 0;
        for (int i = 0; i < n; i++) total += a[i] * scales[i];
        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
                jacobian[p * n + q] = ((p == q ? a[p] : 0) - fractions[p] * a[q]) / total;
    }

    private static MeasuredValue[] Propagate(double[] values, double[] jacobian, double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int n = values.Length;
        if (covariance.GetLength(0) != n || covariance.GetLength(1) != n)
            throw new ArgumentException($"The scale covariance must be {n} × {n}; got {covariance.GetLength(0)} × {covariance.GetLength(1)}.", nameof(covariance));
        var result = new MeasuredValue[n];
        for (int p = 0; p < n; p++)
        {
            double variance = 0;
            for (int q = 0; q < n; q++)
                for (int r = 0; r < n; r++)
                    variance += jacobian[p * n + q] * covariance[q, r] * jacobian[p * n + r];
            result[p] = new MeasuredValue(values[p], Math.Sqrt(Math.Max(variance, 0)));
        }
        return result;
    }
}
