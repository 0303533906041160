namespace Crystallography.Intergrowth.Refinement;

/// <summary>How <see cref="RefinementProblem"/> evaluates peaks: window widths (the simulator's defaults unless changed).</summary>
public sealed record RefinementProblemOptions
{
    /// <summary>The defaults: ±20 FWHM windows and 10 exponential lengths on TOF tails (as <c>PatternSimulatorOptions.Default</c>).</summary>
    public static RefinementProblemOptions Default { get; } = new();

    /// <summary>
    /// Half-width of each peak's window in FWHM. A peak contributes nothing outside its window, so the model
    /// jumps by the Lorentzian tail's height (η·2/(πH)/(1 + 4k²), 4·10⁻⁴ of the peak at k = 20) when a point
    /// crosses the window's edge; a derivative check by finite differences needs a window wider than the pattern.
    /// </summary>
    public double WindowHalfWidth
    {
        get;
        init => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WindowHalfWidth), value, "The window half-width must be positive and finite (in FWHM).");
    } = 20;

    /// <summary>Exponential lengths 1/α before and 1/β after a TOF peak added to its window.</summary>
    public double TimeOfFlightDecayLengths
    {
        get;
        init => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TimeOfFlightDecayLengths), value, "The number of decay lengths must be finite and ≥ 0.");
    } = 10;
}
