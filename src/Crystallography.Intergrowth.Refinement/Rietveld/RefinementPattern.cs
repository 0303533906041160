using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// One powder pattern to refine against (immutable description): its histogram name, the points,
/// observed counts and weights, the instrument (constant wavelength or time of flight), the starting
/// Chebyshev background, the fitted range with its excluded regions, and the pattern's weight in a
/// joint fit.
/// </summary>
/// <remarks>
/// <para>Every point keeps its place; points outside <see cref="Range"/> or inside an
/// <see cref="ExcludedRegions">excluded region</see> are simply not fitted (as GSAS-II's limits and
/// excluded regions). The joint-fit weight multiplies every w of the pattern, so a pattern with weight
/// 2 counts as if it were measured twice.</para>
/// <para>Parameters it declares (see <see cref="ParameterNames"/>): <c>hist:NAME/scale</c>; for constant
/// wavelength <c>zero</c>, <c>displacement</c>, <c>transparency</c>, <c>offset</c> (degrees 2θ, peak shift
/// Δ2θ = zero + displacement·cos θ + transparency·sin 2θ + offset·cos 2θ), the TCH profile
/// (<c>U V W P X Y CrystalliteSize SizeLorentzianFraction Microstrain StrainLorentzianFraction</c>) and the
/// FCJ asymmetry <c>SL</c>, <c>HL</c>; for time of flight <c>difc</c>, <c>difa</c>, <c>zero</c> and the
/// <see cref="TofParameter"/> names (<c>Alpha0</c> … <c>StrainLorentzianFraction</c>); and <c>bkg[k]</c> for each
/// Chebyshev coefficient. Per phase it adds the hydrostatic strain terms <c>PHASE.D11</c> … and the March–Dollase
/// ratio <c>PHASE.MD</c> (see <see cref="PreferredOrientationAxes"/>).</para>
/// </remarks>
public sealed class RefinementPattern
{
    /// <summary>Creates the description.</summary>
    /// <param name="name">The histogram name used in parameter ids.</param>
    /// <param name="x">The points (2θ in degrees or time of flight in µs), strictly ascending.</param>
    /// <param name="observed">The observed counts, one per point.</param>
    /// <param name="weights">w = 1/σ² per point, finite and ≥ 0.</param>
    /// <param name="instrument">The instrument; a constant-wavelength one needs a TCH profile, a time-of-flight one a TOF profile.</param>
    /// <param name="background">The starting background; its coefficients are refinable.</param>
    /// <param name="range">The fitted range (inclusive), or null for all points.</param>
    /// <param name="excludedRegions">Regions left out of the fit (inclusive bounds), or null.</param>
    /// <param name="weight">The pattern's weight in a joint fit, positive.</param>
    /// <exception cref="ArgumentException">Lengths differ, points not ascending, bad weights, no point left to fit, or an instrument without the profile its mode needs.</exception>
    public RefinementPattern(string name, IEnumerable<double> x, IEnumerable<double> observed, IEnumerable<double> weights,
                             Instrument instrument, ChebyshevBackground background, (double From, double To)? range = null,
                             IEnumerable<(double From, double To)>? excludedRegions = null, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(background);
        _ = ParameterId.Histogram(name, "scale"); // validates the name
        Name = name;
        X = [.. x];
        Observed = [.. observed];
        Weights = [.. weights];
        if (X.Length < 2)
            throw new ArgumentException($"Pattern '{name}': a pattern needs at least two points.", nameof(x));
        if (Observed.Length != X.Length || Weights.Length != X.Length)
            throw new ArgumentException($"Pattern '{name}': {X.Length} points, {Observed.Length} observations and {Weights.Length} weights; the lengths must agree.", nameof(observed));
        for (int i = 0; i < X.Length; i++)
        {
            if (!double.IsFinite(X[i]) || (i > 0 && !(X[i] > X[i - 1])))
                throw new ArgumentException($"Pattern '{name}': x must be finite and strictly ascending; point {i} is {X[i]}.", nameof(x));
            if (!double.IsFinite(Observed[i]))
                throw new ArgumentException($"Pattern '{name}': observation {i} is {Observed[i]}.", nameof(observed));
            if (!(Weights[i] >= 0) || !double.IsFinite(Weights[i]))
                throw new ArgumentException($"Pattern '{name}': weight {i} is {Weights[i]}; weights must be finite and ≥ 0.", nameof(weights));
        }
        if (instrument.Mode == DiffractionMode.ConstantWavelength && instrument.ConstantWavelengthProfile is null)
            throw new ArgumentException($"Pattern '{name}': a constant-wavelength instrument needs a TCH profile.", nameof(instrument));
        if (instrument.Mode == DiffractionMode.TimeOfFlight && instrument.TimeOfFlightProfile is null)
            throw new ArgumentException($"Pattern '{name}': a time-of-flight instrument needs a TOF profile.", nameof(instrument));
        if (!(weight > 0) || !double.IsFinite(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Pattern '{name}': the joint-fit weight must be positive and finite.");
        var r = range ?? (X[0], X[^1]);
        if (!double.IsFinite(r.From) || !double.IsFinite(r.To) || !(r.To > r.From))
            throw new ArgumentException($"Pattern '{name}': the range {r.From} – {r.To} is not an ascending pair of finite numbers.", nameof(range));
        Range = r;
        var excluded = ImmutableArray.CreateBuilder<(double From, double To)>();
        foreach (var region in excludedRegions ?? [])
        {
            if (!double.IsFinite(region.From) || !double.IsFinite(region.To) || !(region.To >= region.From))
                throw new ArgumentException($"Pattern '{name}': the excluded region {region.From} – {region.To} is not an ascending pair of finite numbers.", nameof(excludedRegions));
            excluded.Add(region);
        }
        ExcludedRegions = excluded.ToImmutable();
        Instrument = instrument;
        Background = background;
        Weight = weight;
        var fitted = ImmutableArray.CreateBuilder<int>();
        for (int i = 0; i < X.Length; i++)
            if (IsFitted(X[i])) fitted.Add(i);
        if (fitted.Count < 2)
            throw new ArgumentException($"Pattern '{name}': fewer than two points lie in the range {r.From} – {r.To} outside the excluded regions.", nameof(range));
        FittedPoints = fitted.ToImmutable();
    }

    /// <summary>The histogram name.</summary>
    public string Name { get; }

    /// <summary>The points: 2θ in degrees or time of flight in µs.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>Observed counts.</summary>
    public ImmutableArray<double> Observed { get; }

    /// <summary>Weights w = 1/σ² (before the joint-fit <see cref="Weight"/>).</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>The instrument at the start.</summary>
    public Instrument Instrument { get; }

    /// <summary>The background at the start.</summary>
    public ChebyshevBackground Background { get; }

    /// <summary>The fitted range (inclusive).</summary>
    public (double From, double To) Range { get; }

    /// <summary>Regions left out of the fit.</summary>
    public ImmutableArray<(double From, double To)> ExcludedRegions { get; }

    /// <summary>The pattern's weight in a joint fit.</summary>
    public double Weight { get; }

    /// <summary>How atoms scatter in this pattern; null for the radiation's default (<see cref="ScatteringModel.For"/>: neutral atoms, no anomalous dispersion, Sears lengths).</summary>
    public ScatteringModel? Scattering { get; private init; }

    /// <summary>A copy with another scattering model (e.g. X-ray f′, f″ of the anode: <c>ScatteringModel.For(radiation, anomalousDispersion: true)</c>).</summary>
    /// <param name="scattering">The model, or null for the default.</param>
    public RefinementPattern WithScattering(ScatteringModel? scattering) =>
        new(Name, X, Observed, Weights, Instrument, Background, Range, ExcludedRegions, Weight) { Scattering = scattering, PreferredOrientationAxes = PreferredOrientationAxes };

    /// <summary>
    /// The March–Dollase direction of each phase in this pattern, by phase name; a phase not listed has (0 0 1).
    /// The ratio is the parameter <c>hist:NAME/PHASE.MD</c> (1 = random powder, below 1 platelets whose normals
    /// lie along the direction, as a layered oxide's (0 0 l) on a flat Bragg–Brentano sample).
    /// </summary>
    public ImmutableDictionary<string, MillerIndex> PreferredOrientationAxes { get; private init; } = ImmutableDictionary<string, MillerIndex>.Empty;

    /// <summary>The March–Dollase direction of a phase in this pattern: (0 0 1) unless set.</summary>
    /// <param name="phase">The phase name.</param>
    public MillerIndex PreferredOrientationAxis(string phase) =>
        PreferredOrientationAxes.TryGetValue(phase, out var axis) ? axis : new MillerIndex(0, 0, 1);

    /// <summary>A copy with the March–Dollase direction of one phase set (a reciprocal-lattice vector, the normal of the planes hkl).</summary>
    /// <param name="phase">The phase name.</param>
    /// <param name="axis">The direction, not (0 0 0).</param>
    /// <exception cref="ArgumentException">The direction is (0 0 0).</exception>
    public RefinementPattern WithPreferredOrientationAxis(string phase, MillerIndex axis)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        if (axis.IsOrigin) throw new ArgumentException("The preferred direction (0 0 0) is no direction.", nameof(axis));
        return new(Name, X, Observed, Weights, Instrument, Background, Range, ExcludedRegions, Weight)
        {
            Scattering = Scattering, PreferredOrientationAxes = PreferredOrientationAxes.SetItem(phase, axis),
        };
    }

    /// <summary>A copy with another fitted range and excluded regions (and the background's interval moved to the range).</summary>
    /// <param name="range">The fitted range.</param>
    /// <param name="excludedRegions">Regions left out, or null.</param>
    public RefinementPattern WithRange((double From, double To) range, IEnumerable<(double From, double To)>? excludedRegions = null) =>
        new(Name, X, Observed, Weights, Instrument, new ChebyshevBackground(range.From, range.To, Background.Coefficients), range,
            excludedRegions ?? ExcludedRegions, Weight) { Scattering = Scattering, PreferredOrientationAxes = PreferredOrientationAxes };

    /// <summary>A copy with another starting background.</summary>
    /// <param name="background">The background.</param>
    public RefinementPattern WithBackground(ChebyshevBackground background) =>
        new(Name, X, Observed, Weights, Instrument, background, Range, ExcludedRegions, Weight) { Scattering = Scattering, PreferredOrientationAxes = PreferredOrientationAxes };

    /// <summary>A copy with another instrument (the starting values of the histogram parameters).</summary>
    /// <param name="instrument">The instrument.</param>
    public RefinementPattern WithInstrument(Instrument instrument) =>
        new(Name, X, Observed, Weights, instrument, Background, Range, ExcludedRegions, Weight) { Scattering = Scattering, PreferredOrientationAxes = PreferredOrientationAxes };

    /// <summary>The indices of the points that are fitted, ascending.</summary>
    public ImmutableArray<int> FittedPoints { get; }

    /// <summary>Whether the pattern is time of flight.</summary>
    public bool IsTimeOfFlight => Instrument.Mode == DiffractionMode.TimeOfFlight;

    /// <summary>Whether a point at <paramref name="x"/> is fitted (inside the range and outside every excluded region).</summary>
    /// <param name="x">The abscissa.</param>
    public bool IsFitted(double x)
    {
        if (x < Range.From || x > Range.To) return false;
        foreach (var (from, to) in ExcludedRegions)
            if (x >= from && x <= to) return false;
        return true;
    }

    /// <summary>The names of the histogram parameters this pattern declares (without <c>bkg[k]</c>).</summary>
    public ImmutableArray<string> ParameterNames => IsTimeOfFlight ? TimeOfFlightNames : ConstantWavelengthNames;

    /// <summary>The histogram parameter <c>hist:NAME/name</c>.</summary>
    /// <param name="name">One of <see cref="ParameterNames"/>.</param>
    /// <exception cref="ArgumentException">The pattern declares no such parameter.</exception>
    public ParameterId Parameter(string name)
    {
        if (!ParameterNames.Contains(name))
            throw new ArgumentException($"Pattern '{Name}' ({(IsTimeOfFlight ? "time of flight" : "constant wavelength")}) has no parameter '{name}'; it has {string.Join(", ", ParameterNames)} and bkg[k].", nameof(name));
        return ParameterId.Histogram(Name, name);
    }

    /// <summary>The overall scale of the pattern, <c>hist:NAME/scale</c>.</summary>
    public ParameterId Scale => ParameterId.Histogram(Name, "scale");

    /// <summary>The zero shift, <c>hist:NAME/zero</c> (degrees 2θ, or µs for time of flight).</summary>
    public ParameterId ZeroShift => ParameterId.Histogram(Name, "zero");

    /// <summary>The Chebyshev coefficient k, <c>hist:NAME/bkg[k]</c>.</summary>
    /// <param name="k">The coefficient index.</param>
    public ParameterId BackgroundCoefficient(int k) => ParameterId.Histogram(Name, "bkg", k);

    /// <summary>A TCH profile parameter, <c>hist:NAME/U</c> and so on (constant wavelength).</summary>
    /// <param name="parameter">The parameter.</param>
    public ParameterId Profile(TchParameter parameter) => Parameter(parameter.ToString());

    /// <summary>A TOF profile parameter, <c>hist:NAME/Alpha0</c> and so on (time of flight).</summary>
    /// <param name="parameter">The parameter.</param>
    public ParameterId Profile(TofParameter parameter) => Parameter(parameter.ToString());

    /// <summary>The starting value of a histogram parameter, read from the instrument.</summary>
    /// <param name="name">One of <see cref="ParameterNames"/>.</param>
    public double StartingValue(string name)
    {
        _ = Parameter(name);
        var instrument = Instrument;
        if (name == "scale") return 1;
        if (IsTimeOfFlight)
        {
            var tof = (TimeOfFlightNeutrons)instrument.Radiation;
            return name switch
            {
                "difc" => tof.Difc,
                "difa" => tof.Difa,
                "zero" => tof.Zero,
                _ => TofValue(instrument.TimeOfFlightProfile!, Enum.Parse<TofParameter>(name)),
            };
        }
        return name switch
        {
            "zero" => instrument.ZeroShift,
            "displacement" or "transparency" or "offset" => 0,
            "SL" => instrument.Asymmetry.SOverL,
            "HL" => instrument.Asymmetry.HOverL,
            _ => TchValue(instrument.ConstantWavelengthProfile!, Enum.Parse<TchParameter>(name)),
        };
    }

    /// <summary>A pattern with weights from the file's σ (or counting statistics when it gives none).</summary>
    /// <param name="name">The histogram name.</param>
    /// <param name="pattern">The data.</param>
    /// <param name="instrument">The instrument.</param>
    /// <param name="backgroundTerms">The number of Chebyshev terms, starting at zero.</param>
    /// <param name="range">The fitted range, or null for all points.</param>
    /// <param name="excludedRegions">Regions left out, or null.</param>
    /// <param name="weight">The joint-fit weight.</param>
    public static RefinementPattern FromPowderPattern(string name, PowderPattern pattern, Instrument instrument, int backgroundTerms,
                                                      (double From, double To)? range = null,
                                                      IEnumerable<(double From, double To)>? excludedRegions = null, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(backgroundTerms, 1);
        var r = range ?? (pattern.XMin, pattern.XMax);
        var weights = pattern.Sigma.Select(s => s > 0 ? 1 / (s * s) : 0);
        return new(name, pattern.X, pattern.Y, weights, instrument, new ChebyshevBackground(r.From, r.To, new double[backgroundTerms]),
                   range, excludedRegions, weight);
    }

    /// <summary>A pattern with counting weights w = 1/max(y, 1).</summary>
    /// <param name="name">The histogram name.</param>
    /// <param name="x">The points.</param>
    /// <param name="observed">Counts.</param>
    /// <param name="instrument">The instrument.</param>
    /// <param name="background">The starting background.</param>
    public static RefinementPattern WithCountingWeights(string name, IReadOnlyList<double> x, IReadOnlyList<double> observed,
                                                        Instrument instrument, ChebyshevBackground background)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return new(name, x, observed, observed.Select(y => 1 / Math.Max(y, 1)), instrument, background);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {FittedPoints.Length} of {X.Length} points fitted, {Instrument.Radiation}");

    internal static readonly ImmutableArray<string> ConstantWavelengthNames =
        ["scale", "zero", "displacement", "transparency", "offset", .. Enum.GetNames<TchParameter>(), "SL", "HL"];

    internal static readonly ImmutableArray<string> TimeOfFlightNames = ["scale", "difc", "difa", "zero", .. Enum.GetNames<TofParameter>()];

    private static double TchValue(TchProfile p, TchParameter parameter) => parameter switch
    {
        TchParameter.U => p.U, TchParameter.V => p.V, TchParameter.W => p.W, TchParameter.P => p.P,
        TchParameter.X => p.X, TchParameter.Y => p.Y, TchParameter.CrystalliteSize => p.CrystalliteSize,
        TchParameter.SizeLorentzianFraction => p.SizeLorentzianFraction, TchParameter.Microstrain => p.Microstrain,
        _ => p.StrainLorentzianFraction,
    };

    private static double TofValue(TofProfile p, TofParameter parameter) => parameter switch
    {
        TofParameter.Alpha0 => p.Alpha0, TofParameter.Alpha1 => p.Alpha1, TofParameter.Beta0 => p.Beta0, TofParameter.Beta1 => p.Beta1,
        TofParameter.BetaQ => p.BetaQ, TofParameter.Sigma0Squared => p.Sigma0Squared, TofParameter.Sigma1Squared => p.Sigma1Squared,
        TofParameter.Sigma2Squared => p.Sigma2Squared, TofParameter.SigmaQSquared => p.SigmaQSquared, TofParameter.Gamma0 => p.Gamma0,
        TofParameter.Gamma1 => p.Gamma1, TofParameter.Gamma2 => p.Gamma2, TofParameter.CrystalliteSize => p.CrystalliteSize,
        TofParameter.SizeLorentzianFraction => p.SizeLorentzianFraction, TofParameter.Microstrain => p.Microstrain,
        _ => p.StrainLorentzianFraction,
    };
}
