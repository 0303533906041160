using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// The pseudo-Voigt profile kernel on ../shared/PERFORMANCE.md's reference problem (30,000 points,
/// 1,000 reflections, 740,899 peak-point evaluations per call; <see cref="ReferenceProfileProblem"/>),
/// one core. ns/evaluation = Mean / 740,899. Limits on these machines: 0.62 ns (profile) and 1.25 ns
/// (profile + 3 derivatives); targets ≤ 0.78 and ≤ 1.57 (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// The destinations are added into and never cleared between calls (clearing would add a memset of
/// 30,000 doubles to the time); the values only grow, nothing overflows.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class ProfileKernelBenchmarks
{
    private ReferenceProfileProblem _problem = null!;
    private double[] _y = null!;
    private double[] _dPosition = null!;
    private double[] _dWidth = null!;
    private double[] _dMixing = null!;

    // A refinement-like chain rule: every reflection reaches 7 columns (zero shift, scale, U, V, W, η₀, η₁).
    private int[] _entryStart = null!;
    private int[] _column = null!;
    private double[] _dI = null!, _dP = null!, _dH = null!, _dE = null!;
    private double[] _jacobian = null!;
    private double[] _x = null!;
    private PeakArrays _peaks;
    private ChainArrays _chain;
    private ParallelProfileKernel _twoCores = null!;

    private static readonly ProfileKernelOptions Scalar = ProfileKernelOptions.Default with { VectorWidth = KernelVectorWidth.Scalar };
    private static readonly ProfileKernelOptions Vector = ProfileKernelOptions.Default;   // Vector512 on these machines
    private static readonly ProfileKernelOptions Vector256 = ProfileKernelOptions.Default with { VectorWidth = KernelVectorWidth.Vector256 };
    private static readonly ProfileKernelOptions VectorWithoutCut = ProfileKernelOptions.FullWindow();

    /// <summary>Builds the problem and the buffers once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = ReferenceProfileProblem.Create();
        int n = _problem.Grid.Count, m = _problem.Position.Length;
        _y = new double[n];
        _dPosition = new double[n];
        _dWidth = new double[n];
        _dMixing = new double[n];

        const int columns = 7;
        _entryStart = new int[m + 1];
        _column = new int[m * columns];
        _dI = new double[m * columns];
        _dP = new double[m * columns];
        _dH = new double[m * columns];
        _dE = new double[m * columns];
        for (int k = 0; k < m; k++)
        {
            _entryStart[k] = k * columns;
            double tanTheta = Math.Tan(_problem.Position[k] / 2 * Math.PI / 180), h = _problem.Fwhm[k];
            for (int c = 0; c < columns; c++)
            {
                int e = k * columns + c;
                _column[e] = c;
                switch (c)
                {
                    case 0: _dP[e] = 1; break;                                          // zero shift
                    case 1: _dI[e] = _problem.Intensity[k]; break;                      // scale (at S = 1)
                    case 2: _dH[e] = tanTheta * tanTheta / (2 * h); break;              // U
                    case 3: _dH[e] = tanTheta / (2 * h); break;                         // V
                    case 4: _dH[e] = 1 / (2 * h); break;                                // W
                    case 5: _dE[e] = 1; break;                                          // η = η₀ + η₁·2θ
                    default: _dE[e] = _problem.Position[k]; break;
                }
            }
        }
        _entryStart[m] = m * columns;
        _jacobian = new double[n * columns];
        _x = new double[n];
        for (int i = 0; i < n; i++) _x[i] = _problem.Grid[i];
        _peaks = new PeakArrays(_problem.Position.ToArray(), _problem.Fwhm.ToArray(), _problem.Mixing.ToArray(), _problem.Intensity.ToArray());
        _chain = new ChainArrays(_entryStart, _column, _dI, _dP, _dH, _dE);
        _twoCores = new ParallelProfileKernel(2);
    }

    /// <summary>Stops the two-core kernel's worker.</summary>
    [GlobalCleanup]
    public void Cleanup() => _twoCores.Dispose();

    /// <summary>Profile alone, scalar twin (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public void ScalarProfile() => PseudoVoigtProfileKernel.AccumulateProfile(_problem.Grid, _problem.Peaks, Scalar, _y);

    /// <summary>Profile alone, widest accelerated vectors (Vector512 here).</summary>
    [Benchmark]
    public void VectorProfile() => PseudoVoigtProfileKernel.AccumulateProfile(_problem.Grid, _problem.Peaks, Vector, _y);

    /// <summary>Profile and Σ I ∂pV/∂P, ∂H, ∂η in one pass, scalar twin.</summary>
    [Benchmark]
    public void ScalarProfileAndDerivatives() =>
        PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(_problem.Grid, _problem.Peaks, Scalar, _y, _dPosition, _dWidth, _dMixing);

    /// <summary>Profile and Σ I ∂pV/∂P, ∂H, ∂η in one pass, widest vectors.</summary>
    [Benchmark]
    public void VectorProfileAndDerivatives() =>
        PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(_problem.Grid, _problem.Peaks, Vector, _y, _dPosition, _dWidth, _dMixing);

    /// <summary>Profile alone, Vector256 (what an AVX2-only machine runs).</summary>
    [Benchmark]
    public void Vector256Profile() => PseudoVoigtProfileKernel.AccumulateProfile(_problem.Grid, _problem.Peaks, Vector256, _y);

    /// <summary>Profile alone, widest vectors, Gaussian over the whole ±10 FWHM (no ±5 FWHM cut): what the cut saves.</summary>
    [Benchmark]
    public void VectorProfileWithoutGaussianCut() => PseudoVoigtProfileKernel.AccumulateProfile(_problem.Grid, _problem.Peaks, VectorWithoutCut, _y);

    /// <summary>Profile and a 7-column Jacobian (zero, scale, U, V, W, η₀, η₁; every reflection reaches all 7), widest vectors.</summary>
    [Benchmark]
    public void VectorProfileAndJacobian7() =>
        PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(_problem.Grid, _problem.Peaks,
            new PeakParameterDerivatives(_entryStart, _column, _dI, _dP, _dH, _dE), Vector, _problem.Grid.Count, _y, _jacobian);

    /// <summary>The profile alone, the grid given point by point (the one-core twin of <see cref="VectorProfileTwoCores"/>).</summary>
    [Benchmark]
    public void VectorProfileExplicit() =>
        PseudoVoigtProfileKernel.AccumulateProfile(_x, new PseudoVoigtPeaks(_peaks.Position.Span, _peaks.Fwhm.Span, _peaks.Mixing.Span, _peaks.Intensity.Span),
            Vector, _y);

    /// <summary>Profile and the 7-column Jacobian, the grid given point by point (what a refinement passes), one core.</summary>
    [Benchmark]
    public void VectorProfileAndJacobian7Explicit() =>
        PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(_x, new PseudoVoigtPeaks(_peaks.Position.Span, _peaks.Fwhm.Span, _peaks.Mixing.Span, _peaks.Intensity.Span),
            new PeakParameterDerivatives(_entryStart, _column, _dI, _dP, _dH, _dE), Vector, _x.Length, _y, _jacobian);

    /// <summary>The same on two cores (<see cref="ParallelProfileKernel"/>: two point blocks of about equal work).</summary>
    [Benchmark]
    public void VectorProfileAndJacobian7TwoCores() => _twoCores.Accumulate(_x, _peaks, _chain, Vector, _x.Length, _y, _jacobian);

    /// <summary>Profile alone, two cores.</summary>
    [Benchmark]
    public void VectorProfileTwoCores() => _twoCores.Accumulate(_x, _peaks, default, Vector, _x.Length, _y, Memory<double>.Empty);
}
