using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Phase fractions from Rietveld scale factors and back (Hill &amp; Howard, J. Appl. Cryst. 20 (1987)
/// 467, eq. 5): the weight fraction W_p = S_p Z_p M_p V_p / Σᵢ Sᵢ Zᵢ Mᵢ Vᵢ and the mole fraction of
/// formula units x_p = S_p Z_p V_p / Σᵢ Sᵢ Zᵢ Vᵢ, with S the scale, Z the formula units per cell, M the
/// molar mass of a formula unit (g/mol) and V the cell volume (Å³). The scales must multiply
/// |F|² per unit cell, as this library's do.
/// </summary>
public static class PhaseFractions
{
    /// <summary>Weight fractions W_p = S Z M V / Σ S Z M V, written into <paramref name="destination"/>.</summary>
    /// <param name="scales">S per phase, ≥ 0.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="molarMasses">M per phase (g/mol per formula unit).</param>
    /// <param name="volumes">V per phase (Å³).</param>
    /// <param name="destination">One element per phase.</param>
    public static void WeightFractions(ReadOnlySpan<double> scales, ReadOnlySpan<double> formulaUnitsPerCell,
                                       ReadOnlySpan<double> molarMasses, ReadOnlySpan<double> volumes, Span<double> destination)
    {
        CheckLengths(scales.Length, formulaUnitsPerCell.Length, molarMasses.Length, volumes.Length, destination.Length);
        double sum = 0;
        for (int i = 0; i < scales.Length; i++)
        {
            destination[i] = CheckNonNegative(scales[i], nameof(scales)) * formulaUnitsPerCell[i] * molarMasses[i] * volumes[i];
            sum += destination[i];
        }
        Normalise(destination, sum);
    }

    /// <summary>Weight fractions of phases with their scales (Z, M and V taken from each phase).</summary>
    /// <param name="phases">The phases and their scale factors.</param>
    public static double[] WeightFractions(IReadOnlyList<(Phase Phase, double Scale)> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var (s, z, m, v) = Columns(phases);
        var result = new double[phases.Count];
        WeightFractions(s, z, m, v, result);
        return result;
    }

    /// <summary>Mole fractions of formula units x_p = S Z V / Σ S Z V, written into <paramref name="destination"/>.</summary>
    /// <param name="scales">S per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="volumes">V per phase (Å³).</param>
    /// <param name="destination">One element per phase.</param>
    public static void MoleFractions(ReadOnlySpan<double> scales, ReadOnlySpan<double> formulaUnitsPerCell,
                                     ReadOnlySpan<double> volumes, Span<double> destination)
    {
        CheckLengths(scales.Length, formulaUnitsPerCell.Length, volumes.Length, volumes.Length, destination.Length);
        double sum = 0;
        for (int i = 0; i < scales.Length; i++)
        {
            destination[i] = CheckNonNegative(scales[i], nameof(scales)) * formulaUnitsPerCell[i] * volumes[i];
            sum += destination[i];
        }
        Normalise(destination, sum);
    }

    /// <summary>Mole fractions of formula units (each phase's stated formula unit) from scales.</summary>
    /// <param name="phases">The phases and their scale factors.</param>
    public static double[] MoleFractions(IReadOnlyList<(Phase Phase, double Scale)> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var (s, z, _, v) = Columns(phases);
        var result = new double[phases.Count];
        MoleFractions(s, z, v, result);
        return result;
    }

    /// <summary>
    /// The scales that give weight fractions W_p: S_p = K · W_p / (Z_p M_p V_p), with K the common
    /// factor (the pattern's overall scale).
    /// </summary>
    /// <param name="weightFractions">W per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="molarMasses">M per phase.</param>
    /// <param name="volumes">V per phase.</param>
    /// <param name="overallScale">K.</param>
    /// <param name="destination">S per phase.</param>
    public static void ScalesFromWeightFractions(ReadOnlySpan<double> weightFractions, ReadOnlySpan<double> formulaUnitsPerCell,
                                                 ReadOnlySpan<double> molarMasses, ReadOnlySpan<double> volumes,
                                                 double overallScale, Span<double> destination)
    {
        CheckLengths(weightFractions.Length, formulaUnitsPerCell.Length, molarMasses.Length, volumes.Length, destination.Length);
        for (int i = 0; i < weightFractions.Length; i++)
            destination[i] = overallScale * CheckNonNegative(weightFractions[i], nameof(weightFractions)) / (formulaUnitsPerCell[i] * molarMasses[i] * volumes[i]);
    }

    /// <summary>The scales that give mole fractions x_p of formula units: S_p = K · x_p / (Z_p V_p).</summary>
    /// <param name="moleFractions">x per phase.</param>
    /// <param name="formulaUnitsPerCell">Z per phase.</param>
    /// <param name="volumes">V per phase.</param>
    /// <param name="overallScale">K.</param>
    /// <param name="destination">S per phase.</param>
    public static void ScalesFromMoleFractions(ReadOnlySpan<double> moleFractions, ReadOnlySpan<double> formulaUnitsPerCell,
                                               ReadOnlySpan<double> volumes, double overallScale, Span<double> destination)
    {
        CheckLengths(moleFractions.Length, formulaUnitsPerCell.Length, volumes.Length, volumes.Length, destination.Length);
        for (int i = 0; i < moleFractions.Length; i++)
            destination[i] = overallScale * CheckNonNegative(moleFractions[i], nameof(moleFractions)) / (formulaUnitsPerCell[i] * volumes[i]);
    }

    /// <summary>The scales of phases that give mole fractions x_p of their formula units, for the overall scale K.</summary>
    /// <param name="phases">The phases and their mole fractions.</param>
    /// <param name="overallScale">K.</param>
    public static double[] ScalesFromMoleFractions(IReadOnlyList<(Phase Phase, double MoleFraction)> phases, double overallScale = 1)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var (x, z, _, v) = Columns(phases);
        var result = new double[phases.Count];
        ScalesFromMoleFractions(x, z, v, overallScale, result);
        return result;
    }

    private static (double[] S, double[] Z, double[] M, double[] V) Columns(IReadOnlyList<(Phase Phase, double Value)> phases)
    {
        int n = phases.Count;
        double[] s = new double[n], z = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = phases[i].Phase ?? throw new ArgumentNullException(nameof(phases), $"Phase {i} is null.");
            s[i] = phases[i].Value;
            z[i] = p.FormulaUnitsPerCell;
            m[i] = p.MolarMass;
            v[i] = p.Cell.Volume;
        }
        return (s, z, m, v);
    }

    private static void Normalise(Span<double> values, double sum)
    {
        if (!(sum > 0))
            throw new ArgumentException("The scales are all zero: no phase fraction follows.", "scales");
        for (int i = 0; i < values.Length; i++) values[i] /= sum;
    }

    private static double CheckNonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Scales and fractions must be finite and non-negative.");

    private static void CheckLengths(int a, int b, int c, int d, int destination)
    {
        if (a != b || a != c || a != d)
            throw new ArgumentException($"Every per-phase span must have one element per phase; got {a}, {b}, {c}, {d}.");
        if (destination < a)
            throw new ArgumentException($"The destination holds {destination} elements; {a} phases need {a}.", nameof(destination));
    }
}
