using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// One constant-wavelength powder pattern to refine against (immutable description): its name (the
/// histogram of <see cref="ParameterId.Histogram"/>), the 2θ points, the observed counts, the weights,
/// the instrument (radiation, TCH profile, zero shift) and the starting Chebyshev background.
/// </summary>
/// <remarks>
/// Parameters it declares: <c>hist:NAME/zero</c> (degrees 2θ), <c>hist:NAME/U</c>, <c>V</c>, <c>W</c>
/// (deg²), <c>X</c>, <c>Y</c> (deg), and <c>hist:NAME/bkg[k]</c> for each Chebyshev coefficient.
/// Version 0 supports symmetric peaks only: the instrument's FCJ asymmetry must be zero and a
/// laboratory Kα2 line is not modelled (a <see cref="LaboratoryXRays"/> radiation is refused).
/// </remarks>
public sealed class RietveldPattern
{
    /// <summary>Creates the description.</summary>
    /// <param name="name">The histogram name used in parameter ids.</param>
    /// <param name="twoTheta">The points, 2θ in degrees, strictly ascending.</param>
    /// <param name="observed">The observed counts, one per point.</param>
    /// <param name="weights">w = 1/σ² per point, finite and ≥ 0.</param>
    /// <param name="instrument">A constant-wavelength instrument without asymmetry or Kα2.</param>
    /// <param name="background">The starting background; its coefficients are refinable.</param>
    /// <exception cref="ArgumentException">Lengths differ, points not ascending, bad weights, or an unsupported instrument.</exception>
    public RietveldPattern(string name, IEnumerable<double> twoTheta, IEnumerable<double> observed, IEnumerable<double> weights,
                           Instrument instrument, ChebyshevBackground background)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(background);
        _ = ParameterId.Histogram(name, "zero"); // validates the name
        Name = name;
        TwoTheta = [.. twoTheta];
        Observed = [.. observed];
        Weights = [.. weights];
        if (TwoTheta.Length < 2)
            throw new ArgumentException("A pattern needs at least two points.", nameof(twoTheta));
        if (Observed.Length != TwoTheta.Length || Weights.Length != TwoTheta.Length)
            throw new ArgumentException($"{TwoTheta.Length} points, {Observed.Length} observations and {Weights.Length} weights: the lengths must agree.", nameof(observed));
        for (int i = 0; i < TwoTheta.Length; i++)
        {
            if (!double.IsFinite(TwoTheta[i]) || (i > 0 && !(TwoTheta[i] > TwoTheta[i - 1])))
                throw new ArgumentException($"2θ must be finite and strictly ascending; point {i} is {TwoTheta[i]}.", nameof(twoTheta));
            if (!double.IsFinite(Observed[i]))
                throw new ArgumentException($"Observation {i} is {Observed[i]}.", nameof(observed));
            if (!(Weights[i] >= 0) || !double.IsFinite(Weights[i]))
                throw new ArgumentException($"Weight {i} is {Weights[i]}; weights must be finite and ≥ 0.", nameof(weights));
        }
        if (instrument.Radiation is not ConstantWavelengthRadiation || instrument.ConstantWavelengthProfile is null)
            throw new ArgumentException("Version 0 refines constant-wavelength patterns only (no time of flight yet).", nameof(instrument));
        if (instrument.Radiation is LaboratoryXRays)
            throw new ArgumentException("Version 0 does not model the Kα2 line; use synchrotron X-rays or constant-wavelength neutrons.", nameof(instrument));
        if (!instrument.Asymmetry.IsSymmetric)
            throw new ArgumentException("Version 0 refines symmetric pseudo-Voigt peaks only; the instrument has FCJ asymmetry.", nameof(instrument));
        Instrument = instrument;
        Background = background;
    }

    /// <summary>The histogram name.</summary>
    public string Name { get; }

    /// <summary>2θ in degrees.</summary>
    public ImmutableArray<double> TwoTheta { get; }

    /// <summary>Observed counts.</summary>
    public ImmutableArray<double> Observed { get; }

    /// <summary>Weights w = 1/σ².</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>The instrument (radiation, TCH profile, zero shift) at the start.</summary>
    public Instrument Instrument { get; }

    /// <summary>The background at the start.</summary>
    public ChebyshevBackground Background { get; }

    /// <summary>The zero-shift parameter, <c>hist:NAME/zero</c>.</summary>
    public ParameterId ZeroShift => ParameterId.Histogram(Name, "zero");

    /// <summary>The Chebyshev coefficient k, <c>hist:NAME/bkg[k]</c>.</summary>
    /// <param name="k">The coefficient index.</param>
    public ParameterId BackgroundCoefficient(int k) => ParameterId.Histogram(Name, "bkg", k);

    /// <summary>A TCH profile parameter, <c>hist:NAME/U</c> … <c>hist:NAME/Y</c>; only U, V, W, X, Y are refinable in version 0.</summary>
    /// <param name="parameter">U, V, W, X or Y.</param>
    /// <exception cref="ArgumentOutOfRangeException">Another parameter.</exception>
    public ParameterId Profile(TchParameter parameter) => parameter switch
    {
        TchParameter.U or TchParameter.V or TchParameter.W or TchParameter.X or TchParameter.Y =>
            ParameterId.Histogram(Name, parameter.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Version 0 refines U, V, W, X and Y."),
    };

    /// <summary>A pattern with Poisson-like weights w = 1/max(y, 1).</summary>
    /// <param name="name">The histogram name.</param>
    /// <param name="twoTheta">2θ in degrees.</param>
    /// <param name="observed">Counts.</param>
    /// <param name="instrument">The instrument.</param>
    /// <param name="background">The starting background.</param>
    public static RietveldPattern WithCountingWeights(string name, IReadOnlyList<double> twoTheta, IReadOnlyList<double> observed,
                                                      Instrument instrument, ChebyshevBackground background)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return new(name, twoTheta, observed, observed.Select(y => 1 / Math.Max(y, 1)), instrument, background);
    }
}
