using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// Per-phase peak broadening in one pattern: increments added to the pattern's profile for one phase only, so that two
/// phases with different crystallite sizes or strains (an intergrowth's layered and rocksalt domains, a minor phase
/// with broader peaks) share the instrument's profile and differ by their own. Zero at the start; any sign.
/// </summary>
/// <remarks>
/// Constant wavelength: <c>hist:PATTERN/PHASE.U</c> (deg², the tan²θ Gaussian term: strain), <c>PHASE.X</c> (degrees,
/// the 1/cos θ Lorentzian term: size) and <c>PHASE.Y</c> (degrees, the tan θ Lorentzian term: strain) — FullProf's
/// per-phase U, X, Y above the instrument's. Time of flight: <c>PHASE.Sigma1Squared</c> (µs²/Å², the d² Gaussian term)
/// and <c>PHASE.Gamma1</c> (µs/Å, the d Lorentzian term). The phase's widths are those of the pattern's coefficients
/// plus these increments; their derivatives are those of the pattern's own U, X, Y, σ₁², γ₁ at that phase's peaks.
/// </remarks>
public static class PhaseBroadening
{
    /// <summary>The constant-wavelength terms.</summary>
    public static ImmutableArray<TchParameter> ConstantWavelengthTerms { get; } = [TchParameter.U, TchParameter.X, TchParameter.Y];

    /// <summary>The time-of-flight terms.</summary>
    public static ImmutableArray<TofParameter> TimeOfFlightTerms { get; } = [TofParameter.Sigma1Squared, TofParameter.Gamma1];

    /// <summary>The parameter id of a term: <c>hist:PATTERN/PHASE.U</c>.</summary>
    /// <param name="pattern">The histogram name.</param>
    /// <param name="phase">The phase name.</param>
    /// <param name="term">U, X, Y, Sigma1Squared or Gamma1.</param>
    public static ParameterId Parameter(string pattern, string phase, string term) => ParameterId.Histogram(pattern, $"{phase}.{term}");

    /// <summary>The names of the terms of a pattern.</summary>
    /// <param name="timeOfFlight">Whether the pattern is time of flight.</param>
    public static ImmutableArray<string> Terms(bool timeOfFlight) => timeOfFlight
        ? [.. TimeOfFlightTerms.Select(t => t.ToString())]
        : [.. ConstantWavelengthTerms.Select(t => t.ToString())];

    internal static TchCoefficients Add(TchCoefficients c, double u, double x, double y) => c with { U = c.U + u, X = c.X + x, Y = c.Y + y };

    internal static TofCoefficients Add(TofCoefficients c, double sigma1Squared, double gamma1) =>
        c with { Sigma1Squared = c.Sigma1Squared + sigma1Squared, Gamma1 = c.Gamma1 + gamma1 };
}
