namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The synthetic problem every profile-kernel figure is measured on (../shared/PERFORMANCE.md,
/// "The reference problem"): 30,000 points of 2θ from 2° to 30°, 1,000 reflections with a density
/// ∝ Q², Caglioti widths, η = 0.2 + 0.02·2θ, log-uniform intensities, drawn with splitmix64 from
/// seed 20251124. Deterministic; shared by the benchmarks and the tests so both measure the same thing.
/// </summary>
/// <remarks>
/// Immutable: the arrays are private and exposed as read-only spans.
/// </remarks>
public sealed class ReferenceProfileProblem
{
    /// <summary>N, the number of grid points.</summary>
    public const int PointCount = 30_000;

    /// <summary>M, the number of reflections.</summary>
    public const int ReflectionCount = 1_000;

    /// <summary>The splitmix64 seed.</summary>
    public const ulong Seed = 20251124;

    /// <summary>The peak-point evaluations of one kernel call with a ±10 FWHM window, as PERFORMANCE.md states.</summary>
    public const long EvaluationCount = 740_899;

    /// <summary>First grid point, degrees 2θ.</summary>
    public const double FirstTwoTheta = 2;

    /// <summary>Last grid point, degrees 2θ.</summary>
    public const double LastTwoTheta = 30;

    /// <summary>Lowest and highest reflection position, degrees 2θ.</summary>
    public const double LowestPeak = 2.5, HighestPeak = 29.5;

    /// <summary>Caglioti U, V, W, deg².</summary>
    public const double CagliotiU = 0.0336, CagliotiV = -0.001, CagliotiW = 1.1e-4;

    private readonly double[] _position;
    private readonly double[] _fwhm;
    private readonly double[] _mixing;
    private readonly double[] _intensity;

    private ReferenceProfileProblem()
    {
        Grid = new UniformGrid(FirstTwoTheta, (LastTwoTheta - FirstTwoTheta) / (PointCount - 1), PointCount);
        var random = new SplitMix64(Seed);

        // Density ∝ Q² ∝ s²: s³ uniform between the ends (s = sin θ). All position draws first.
        double sMin = Math.Sin(LowestPeak / 2 * Math.PI / 180), sMax = Math.Sin(HighestPeak / 2 * Math.PI / 180);
        double sMin3 = sMin * sMin * sMin, sMax3 = sMax * sMax * sMax;
        _position = new double[ReflectionCount];
        for (int k = 0; k < ReflectionCount; k++)
        {
            double s = Math.Cbrt(sMin3 + random.NextDouble() * (sMax3 - sMin3));
            _position[k] = 2 * Math.Asin(s) * 180 / Math.PI;
        }
        Array.Sort(_position);

        _fwhm = new double[ReflectionCount];
        _mixing = new double[ReflectionCount];
        _intensity = new double[ReflectionCount];
        double logRange = Math.Log(1000);
        for (int k = 0; k < ReflectionCount; k++)
        {
            double tanTheta = Math.Tan(_position[k] / 2 * Math.PI / 180);
            _fwhm[k] = Math.Sqrt(CagliotiU * tanTheta * tanTheta + CagliotiV * tanTheta + CagliotiW);
            _mixing[k] = 0.2 + 0.02 * _position[k];
            _intensity[k] = Math.Exp(random.NextDouble() * logRange);   // one draw per reflection, in sorted order
        }
    }

    /// <summary>The problem (built on each call; about 100 µs).</summary>
    /// <returns>A new instance.</returns>
    public static ReferenceProfileProblem Create() => new();

    /// <summary>2θ from 2° to 30° in N points.</summary>
    public UniformGrid Grid { get; }

    /// <summary>Positions P_k, ascending, degrees 2θ.</summary>
    public ReadOnlySpan<double> Position => _position;

    /// <summary>FWHM H_k from Caglioti, degrees.</summary>
    public ReadOnlySpan<double> Fwhm => _fwhm;

    /// <summary>η_k = 0.2 + 0.02·P_k.</summary>
    public ReadOnlySpan<double> Mixing => _mixing;

    /// <summary>I_k, log-uniform in [1, 1000].</summary>
    public ReadOnlySpan<double> Intensity => _intensity;

    /// <summary>The peak table as the kernels take it.</summary>
    public PseudoVoigtPeaks Peaks => new(_position, _fwhm, _mixing, _intensity);

    /// <summary>The 2θ values of the grid, point by point (for the explicit-abscissae overloads).</summary>
    /// <returns>A new array of N values, x_i = Grid[i].</returns>
    public double[] CreateAbscissae()
    {
        var x = new double[PointCount];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Grid[i];
        }
        return x;
    }

    /// <summary>
    /// splitmix64 (Steele, Lea and Flood 2014) exactly as PERFORMANCE.md writes it, with doubles
    /// u = (next &gt;&gt; 11)·2⁻⁵³ in [0, 1).
    /// </summary>
    internal struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        /// <summary>The next 64-bit output.</summary>
        public ulong Next()
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>The next uniform double in [0, 1).</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
