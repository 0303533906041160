namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The chain rule from refined parameters to peak parameters, sparse by reflection: for each
/// reflection k a list of entries (column c, ∂I_k/∂θ_c, ∂P_k/∂θ_c, ∂H_k/∂θ_c, ∂η_k/∂θ_c), stored in
/// compressed-row form as structure of arrays. A view over the caller's arrays; nothing is copied.
/// </summary>
/// <remarks>
/// <para>
/// The entries of reflection k are those with indices EntryStart[k] ≤ e &lt; EntryStart[k + 1]. With
/// them the kernel adds, in the same pass as the profile, into column c of the Jacobian
/// J_ic += Σ_k [∂I_k/∂θ_c · pV_k(x_i) + I_k (∂P_k/∂θ_c ∂pV_k/∂P + ∂H_k/∂θ_c ∂pV_k/∂H + ∂η_k/∂θ_c ∂pV_k/∂η)].
/// </para>
/// <para>
/// A refinement builds this table once per problem (the sparsity: which parameters reach which
/// reflections) and refreshes the derivative values each cycle, into the same arrays. Examples: a
/// zero shift has ∂P_k/∂θ = 1 for every reflection of the pattern; a phase's scale S has
/// ∂I_k/∂S = I_k/S for that phase's reflections; Caglioti U has ∂H_k/∂U = tan²θ_k/(2H_k) for
/// the Gaussian width alone (a TCH mixing rule also gives ∂η_k/∂U); a lattice parameter moves P_k.
/// The same column may appear more than once for a reflection; the entries add.
/// </para>
/// </remarks>
public readonly ref struct PeakParameterDerivatives
{
    /// <summary>A view over the compressed-row arrays.</summary>
    /// <param name="entryStart">Per reflection, the first entry; length M + 1, starting at 0, non-decreasing, ending at the entry count.</param>
    /// <param name="column">Per entry, the Jacobian column (refined parameter) it adds into; zero or more.</param>
    /// <param name="intensityDerivative">Per entry, ∂I_k/∂θ_c.</param>
    /// <param name="positionDerivative">Per entry, ∂P_k/∂θ_c.</param>
    /// <param name="widthDerivative">Per entry, ∂H_k/∂θ_c.</param>
    /// <param name="mixingDerivative">Per entry, ∂η_k/∂θ_c.</param>
    /// <exception cref="ArgumentException">The per-entry spans differ in length.</exception>
    public PeakParameterDerivatives(
        ReadOnlySpan<int> entryStart, ReadOnlySpan<int> column,
        ReadOnlySpan<double> intensityDerivative, ReadOnlySpan<double> positionDerivative,
        ReadOnlySpan<double> widthDerivative, ReadOnlySpan<double> mixingDerivative)
    {
        int entries = column.Length;
        if (intensityDerivative.Length != entries || positionDerivative.Length != entries
            || widthDerivative.Length != entries || mixingDerivative.Length != entries)
        {
            throw new ArgumentException(
                $"The per-entry spans differ in length: column {entries}, intensity {intensityDerivative.Length}, position {positionDerivative.Length}, width {widthDerivative.Length}, mixing {mixingDerivative.Length}.");
        }
        EntryStart = entryStart;
        Column = column;
        IntensityDerivative = intensityDerivative;
        PositionDerivative = positionDerivative;
        WidthDerivative = widthDerivative;
        MixingDerivative = mixingDerivative;
    }

    /// <summary>Per reflection (and one more), the first entry.</summary>
    public ReadOnlySpan<int> EntryStart { get; }

    /// <summary>Per entry, the Jacobian column.</summary>
    public ReadOnlySpan<int> Column { get; }

    /// <summary>Per entry, ∂I_k/∂θ_c.</summary>
    public ReadOnlySpan<double> IntensityDerivative { get; }

    /// <summary>Per entry, ∂P_k/∂θ_c.</summary>
    public ReadOnlySpan<double> PositionDerivative { get; }

    /// <summary>Per entry, ∂H_k/∂θ_c.</summary>
    public ReadOnlySpan<double> WidthDerivative { get; }

    /// <summary>Per entry, ∂η_k/∂θ_c.</summary>
    public ReadOnlySpan<double> MixingDerivative { get; }

    /// <summary>The number of entries.</summary>
    public int EntryCount => Column.Length;

    /// <summary>Throws unless the table fits <paramref name="reflectionCount"/> reflections and <paramref name="columnCount"/> columns and its values are finite.</summary>
    internal void Validate(int reflectionCount, int columnCount, string parameterName)
    {
        ChainRuleLayout.Validate(EntryStart, Column, reflectionCount, columnCount, parameterName);
        ReadOnlySpan<int> column = Column;
        ReadOnlySpan<double> intensity = IntensityDerivative, position = PositionDerivative, width = WidthDerivative, mixing = MixingDerivative;
        for (int e = 0; e < column.Length; e++)
        {
            if (!double.IsFinite(intensity[e]) || !double.IsFinite(position[e]) || !double.IsFinite(width[e]) || !double.IsFinite(mixing[e]))
            {
                throw new ArgumentException(
                    $"Entry {e} (column {column[e]}) has a non-finite derivative: ∂I {intensity[e]}, ∂P {position[e]}, ∂H {width[e]}, ∂η {mixing[e]}.", parameterName);
            }
        }
    }
}

/// <summary>The layout checks every chain-rule table shares: entry starts per reflection, and columns inside the Jacobian.</summary>
internal static class ChainRuleLayout
{
    /// <summary>Throws unless <paramref name="start"/> has one value per reflection and one more, runs from 0 to the entry count without decreasing, and every column lies in [0, <paramref name="columnCount"/>).</summary>
    internal static void Validate(ReadOnlySpan<int> start, ReadOnlySpan<int> column, int reflectionCount, int columnCount, string parameterName)
    {
        if (start.Length != reflectionCount + 1)
        {
            throw new ArgumentException(
                $"EntryStart holds {start.Length} values; it needs one per reflection and one more ({reflectionCount + 1}).", parameterName);
        }
        if (start[0] != 0 || start[reflectionCount] != column.Length)
        {
            throw new ArgumentException(
                $"EntryStart must begin at 0 and end at the entry count {column.Length}; it runs from {start[0]} to {start[reflectionCount]}.", parameterName);
        }
        for (int k = 0; k < reflectionCount; k++)
        {
            if (start[k + 1] < start[k])
            {
                throw new ArgumentException($"EntryStart decreases at reflection {k} ({start[k]} then {start[k + 1]}).", parameterName);
            }
        }
        for (int e = 0; e < column.Length; e++)
        {
            if ((uint)column[e] >= (uint)columnCount)
            {
                throw new ArgumentException($"Column[{e}] is {column[e]}; the Jacobian has columns 0 … {columnCount - 1}.", parameterName);
            }
        }
    }
}
