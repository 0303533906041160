namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The chain rule from refined parameters to time-of-flight peak parameters, sparse by reflection:
/// for each reflection k a list of entries (column c, ∂I_k/∂θ_c, ∂P_k/∂θ_c, ∂α_k/∂θ_c, ∂β_k/∂θ_c,
/// ∂σ²_k/∂θ_c, ∂γ_k/∂θ_c) in compressed-row form as structure of arrays, the TOF counterpart of
/// <see cref="PeakParameterDerivatives"/>. A view over the caller's arrays; nothing is copied.
/// </summary>
/// <remarks>
/// The entries of reflection k are those with indices EntryStart[k] ≤ e &lt; EntryStart[k + 1]. With
/// them <see cref="TofProfileKernel"/> adds, in the same pass as the profile, into column c of the Jacobian
/// J_ic += Σ_k [∂I_k/∂θ_c·Ω_k(x_i) + I_k(∂P_k/∂θ_c ∂Ω_k/∂P + ∂α_k/∂θ_c ∂Ω_k/∂α + ∂β_k/∂θ_c ∂Ω_k/∂β
/// + ∂σ²_k/∂θ_c ∂Ω_k/∂σ² + ∂γ_k/∂θ_c ∂Ω_k/∂γ)]. The same column may appear more than once for a
/// reflection; the entries add.
/// </remarks>
public readonly ref struct TofPeakParameterDerivatives
{
    /// <summary>A view over the compressed-row arrays.</summary>
    /// <param name="entryStart">Per reflection, the first entry; length M + 1, starting at 0, non-decreasing, ending at the entry count.</param>
    /// <param name="column">Per entry, the Jacobian column it adds into; zero or more.</param>
    /// <param name="intensityDerivative">Per entry, ∂I_k/∂θ_c.</param>
    /// <param name="positionDerivative">Per entry, ∂P_k/∂θ_c.</param>
    /// <param name="alphaDerivative">Per entry, ∂α_k/∂θ_c.</param>
    /// <param name="betaDerivative">Per entry, ∂β_k/∂θ_c.</param>
    /// <param name="sigmaSquaredDerivative">Per entry, ∂σ²_k/∂θ_c.</param>
    /// <param name="gammaDerivative">Per entry, ∂γ_k/∂θ_c.</param>
    /// <exception cref="ArgumentException">The per-entry spans differ in length.</exception>
    public TofPeakParameterDerivatives(
        ReadOnlySpan<int> entryStart, ReadOnlySpan<int> column,
        ReadOnlySpan<double> intensityDerivative, ReadOnlySpan<double> positionDerivative,
        ReadOnlySpan<double> alphaDerivative, ReadOnlySpan<double> betaDerivative,
        ReadOnlySpan<double> sigmaSquaredDerivative, ReadOnlySpan<double> gammaDerivative)
    {
        int entries = column.Length;
        if (intensityDerivative.Length != entries || positionDerivative.Length != entries || alphaDerivative.Length != entries
            || betaDerivative.Length != entries || sigmaSquaredDerivative.Length != entries || gammaDerivative.Length != entries)
        {
            throw new ArgumentException(
                $"The per-entry spans differ in length: column {entries}, intensity {intensityDerivative.Length}, position {positionDerivative.Length}, alpha {alphaDerivative.Length}, beta {betaDerivative.Length}, sigmaSquared {sigmaSquaredDerivative.Length}, gamma {gammaDerivative.Length}.");
        }
        EntryStart = entryStart;
        Column = column;
        IntensityDerivative = intensityDerivative;
        PositionDerivative = positionDerivative;
        AlphaDerivative = alphaDerivative;
        BetaDerivative = betaDerivative;
        SigmaSquaredDerivative = sigmaSquaredDerivative;
        GammaDerivative = gammaDerivative;
    }

    /// <summary>Per reflection (and one more), the first entry.</summary>
    public ReadOnlySpan<int> EntryStart { get; }

    /// <summary>Per entry, the Jacobian column.</summary>
    public ReadOnlySpan<int> Column { get; }

    /// <summary>Per entry, ∂I_k/∂θ_c.</summary>
    public ReadOnlySpan<double> IntensityDerivative { get; }

    /// <summary>Per entry, ∂P_k/∂θ_c.</summary>
    public ReadOnlySpan<double> PositionDerivative { get; }

    /// <summary>Per entry, ∂α_k/∂θ_c.</summary>
    public ReadOnlySpan<double> AlphaDerivative { get; }

    /// <summary>Per entry, ∂β_k/∂θ_c.</summary>
    public ReadOnlySpan<double> BetaDerivative { get; }

    /// <summary>Per entry, ∂σ²_k/∂θ_c.</summary>
    public ReadOnlySpan<double> SigmaSquaredDerivative { get; }

    /// <summary>Per entry, ∂γ_k/∂θ_c.</summary>
    public ReadOnlySpan<double> GammaDerivative { get; }

    /// <summary>The number of entries.</summary>
    public int EntryCount => Column.Length;

    /// <summary>Throws unless the table fits <paramref name="reflectionCount"/> reflections and <paramref name="columnCount"/> columns and its values are finite.</summary>
    internal void Validate(int reflectionCount, int columnCount, string parameterName)
    {
        ChainRuleLayout.Validate(EntryStart, Column, reflectionCount, columnCount, parameterName);
        ReadOnlySpan<int> column = Column;
        for (int e = 0; e < column.Length; e++)
        {
            if (!double.IsFinite(IntensityDerivative[e]) || !double.IsFinite(PositionDerivative[e]) || !double.IsFinite(AlphaDerivative[e])
                || !double.IsFinite(BetaDerivative[e]) || !double.IsFinite(SigmaSquaredDerivative[e]) || !double.IsFinite(GammaDerivative[e]))
            {
                throw new ArgumentException(
                    $"Entry {e} (column {column[e]}) has a non-finite derivative: ∂I {IntensityDerivative[e]}, ∂P {PositionDerivative[e]}, ∂α {AlphaDerivative[e]}, ∂β {BetaDerivative[e]}, ∂σ² {SigmaSquaredDerivative[e]}, ∂γ {GammaDerivative[e]}.", parameterName);
            }
        }
    }
}
