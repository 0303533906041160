using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// One phase as a pattern simulation takes it: the phase, its Rietveld scale factor (multiplying
/// |F|² per unit cell), optionally its own scattering model and March–Dollase preferred orientation.
/// Immutable.
/// </summary>
public sealed record SimulatedPhase
{
    /// <summary>A phase with a scale factor.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="scale">The scale factor, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite scale.</exception>
    public SimulatedPhase(Phase phase, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(phase);
        Phase = phase;
        Scale = scale >= 0 && double.IsFinite(scale)
            ? scale
            : throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The scale of {phase.Name} must be finite and ≥ 0.");
    }

    /// <summary>The phase.</summary>
    public Phase Phase { get; }

    /// <summary>The scale factor.</summary>
    public double Scale { get; }

    /// <summary>How its atoms scatter; null for the radiation's default (<see cref="ScatteringModel.For"/>: neutral atoms, no anomalous dispersion, Sears lengths).</summary>
    public ScatteringModel? Scattering { get; init; }

    /// <summary>March–Dollase preferred orientation, or null for none.</summary>
    public MarchDollase? PreferredOrientation { get; init; }

    /// <summary>"layered (R -3 m :H (166), Li1.2Ni0.4Ru0.4O2) × 0.0123", with the scattering model and preferred orientation when set.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Phase.Name} ({Phase.SpaceGroup}, {Phase.Formula}) × {Scale:G6}{(Scattering is null ? "" : $", {Scattering}")}{(PreferredOrientation is null ? "" : $", {PreferredOrientation}")}");

    /// <summary>
    /// Phases with scales that give mole fractions x_p of their formula units (Hill &amp; Howard:
    /// S_p = K·x_p/(Z_p V_p), <see cref="PhaseFractions.ScalesFromMoleFractions(IReadOnlyList{ValueTuple{Phase, double}}, double)"/>).
    /// The formula unit is each phase's (set it with <see cref="Phase.PerFormulaUnit"/>; the study uses O2 for both).
    /// </summary>
    /// <param name="phases">Each phase with its mole fraction.</param>
    /// <param name="overallScale">K, the pattern's overall scale.</param>
    public static IReadOnlyList<SimulatedPhase> FromMoleFractions(IReadOnlyList<(Phase Phase, double MoleFraction)> phases, double overallScale = 1)
    {
        var scales = PhaseFractions.ScalesFromMoleFractions(phases, overallScale);
        return [.. phases.Select((p, i) => new SimulatedPhase(p.Phase, scales[i]))];
    }

    /// <summary>
    /// Phases with scales that give weight fractions W_p: S_p = K·W_p/(Z_p M_p V_p)
    /// (<see cref="PhaseFractions.ScalesFromWeightFractions"/>).
    /// </summary>
    /// <param name="phases">Each phase with its weight fraction.</param>
    /// <param name="overallScale">K, the pattern's overall scale.</param>
    public static IReadOnlyList<SimulatedPhase> FromWeightFractions(IReadOnlyList<(Phase Phase, double WeightFraction)> phases, double overallScale = 1)
    {
        ArgumentNullException.ThrowIfNull(phases);
        int n = phases.Count;
        double[] w = new double[n], z = new double[n], m = new double[n], v = new double[n], s = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = phases[i].Phase ?? throw new ArgumentNullException(nameof(phases), $"Phase {i} is null.");
            w[i] = phases[i].WeightFraction;
            z[i] = p.FormulaUnitsPerCell;
            m[i] = p.MolarMass;
            v[i] = p.Cell.Volume;
        }
        PhaseFractions.ScalesFromWeightFractions(w, z, m, v, overallScale, s);
        return [.. phases.Select((p, i) => new SimulatedPhase(p.Phase, s[i]))];
    }
}
