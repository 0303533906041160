using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// The time-of-flight profile kernel (<see cref="TofProfileKernel"/>) against the per-peak scalar path the refinement
/// takes today (<see cref="TofPeakShape"/> into scratch, then the chain rule; RefinementProblem.AccumulateScalar), on a
/// deterministic POWGEN-like problem, one core. ns/evaluation = Mean / <see cref="Evaluations"/> (printed at setup).
/// </summary>
/// <remarks>
/// <para>
/// The problem: 10,000 times of flight from 11,000 to 100,000 µs with Δt/t constant (GSAS-style binning); 300
/// reflections with d drawn so that the count below d grows as 1/d³ between 0.52 and 4 Å (as a real cell's),
/// positions t = DIFC·d + DIFA·d² + ZERO and α, β, σ², γ from GSAS-II's POWGEN_2665.instprm with the NAC tests'
/// sample broadening (size 1 µm, microstrain 1000, both Lorentzian); intensities log-uniform in [1, 1000];
/// windows ±20 FWHM plus 10 exponential lengths (the refinement's defaults). Random numbers: splitmix64 seeded
/// with 20251126 (as ../shared/PERFORMANCE.md's reference problem, another seed).
/// </para>
/// <para>
/// The Jacobian benchmarks reach 6 columns per reflection (zero shift ∂P = 1, scale ∂I = I, α₁ ∂α = 1/d,
/// β₁ ∂β = 1/d⁴, σ₁² ∂σ² = d², γ₁ ∂γ = d). Destinations are added into and never cleared.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class TofKernelBenchmarks
{
    private const double DifC = 22598.5929189, DifA = 0.608482413519, Zero = -51.9252236832;
    private const int Points = 10_000, Reflections = 300, Columns = 6;

    private static readonly TofCoefficients Powgen = new(0, 0.113971083793, 0.0192205621316, 0.0695794246829, 0,
        359.628514515, -316.074927848, 84.5341148902, 42.6229689423, 0, 0, 0, 1, 1, 1000, 1);

    private static readonly TofProfileKernelOptions Scalar = TofProfileKernelOptions.Default with { VectorWidth = KernelVectorWidth.Scalar };
    private static readonly TofProfileKernelOptions Vector = TofProfileKernelOptions.Default;

    private double[] _x = null!, _y = null!, _jacobian = null!;
    private double[] _position = null!, _alpha = null!, _beta = null!, _sigmaSquared = null!, _gamma = null!, _intensity = null!;
    private int[] _entryStart = null!, _column = null!;
    private double[] _dI = null!, _dP = null!, _dA = null!, _dB = null!, _dS = null!, _dG = null!;
    private double[][] _scratch = null!;

    /// <summary>Peak-point evaluations per call.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Builds the problem and the buffers once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = new double[Points];
        double ratio = Math.Log(100_000.0 / 11_000.0) / (Points - 1);
        for (int i = 0; i < Points; i++)
        {
            _x[i] = 11_000 * Math.Exp(ratio * i);
        }
        var random = new ReferenceProfileProblem.SplitMix64(20251126);
        double Next() => random.NextDouble();
        var d = new double[Reflections];
        double lo = 1 / (4.0 * 4 * 4), hi = 1 / (0.52 * 0.52 * 0.52);
        for (int k = 0; k < Reflections; k++)
        {
            d[k] = 1 / Math.Cbrt(lo + Next() * (hi - lo));
        }
        Array.Sort(d);
        Array.Reverse(d);   // ascending time of flight
        _position = new double[Reflections];
        _alpha = new double[Reflections];
        _beta = new double[Reflections];
        _sigmaSquared = new double[Reflections];
        _gamma = new double[Reflections];
        _intensity = new double[Reflections];
        _entryStart = new int[Reflections + 1];
        _column = new int[Reflections * Columns];
        _dI = new double[Reflections * Columns];
        _dP = new double[Reflections * Columns];
        _dA = new double[Reflections * Columns];
        _dB = new double[Reflections * Columns];
        _dS = new double[Reflections * Columns];
        _dG = new double[Reflections * Columns];
        for (int k = 0; k < Reflections; k++)
        {
            var p = Powgen.ParametersAt(d[k], DifC);
            _position[k] = DifC * d[k] + DifA * d[k] * d[k] + Zero;
            _alpha[k] = p.Alpha;
            _beta[k] = p.Beta;
            _sigmaSquared[k] = p.SigmaSquared;
            _gamma[k] = p.Gamma;
            _intensity[k] = Math.Exp(Next() * Math.Log(1000));
            _entryStart[k] = k * Columns;
            for (int c = 0; c < Columns; c++)
            {
                int e = k * Columns + c;
                _column[e] = c;
                switch (c)
                {
                    case 0: _dP[e] = 1; break;
                    case 1: _dI[e] = _intensity[k]; break;
                    case 2: _dA[e] = 1 / d[k]; break;
                    case 3: _dB[e] = 1 / (d[k] * d[k] * d[k] * d[k]); break;
                    case 4: _dS[e] = d[k] * d[k]; break;
                    default: _dG[e] = d[k]; break;
                }
            }
        }
        _entryStart[Reflections] = Reflections * Columns;
        _y = new double[Points];
        _jacobian = new double[Points * Columns];
        Evaluations = TofProfileKernel.CountEvaluations(_x, Peaks, Vector);
        int longest = 0;
        for (int k = 0; k < Reflections; k++)
        {
            longest = Math.Max(longest, TofProfileKernel.Window(_x, _position[k], _alpha[k], _beta[k], _sigmaSquared[k], _gamma[k], Vector).Length);
        }
        _scratch = new double[6][];
        for (int j = 0; j < 6; j++)
        {
            _scratch[j] = new double[longest];
        }
        Console.WriteLine($"// TofKernelBenchmarks: {Points} points, {Reflections} reflections, {Evaluations} peak-point evaluations per call");
    }

    private TofPeaks Peaks => new(_position, _alpha, _beta, _sigmaSquared, _gamma, _intensity);

    private TofPeakParameterDerivatives Chain => new(_entryStart, _column, _dI, _dP, _dA, _dB, _dS, _dG);

    /// <summary>What the refinement does today for the Jacobian: TofPeakShape per peak into scratch, then the chain rule per column.</summary>
    [Benchmark(Baseline = true)]
    public void PerPeakReferenceProfileAndJacobian()
    {
        for (int k = 0; k < Reflections; k++)
        {
            double fwhm = TofPeakShape.Widths(_sigmaSquared[k], _gamma[k]).Fwhm;
            var (start, length) = PeakWindow.ForTof(_position[k], fwhm, _alpha[k], _beta[k],
                TofProfileKernelOptions.DefaultWindowHalfWidth, TofProfileKernelOptions.DefaultDecayLengths).IndexRange(_x);
            if (length == 0) continue;
            var x = _x.AsSpan(start, length);
            Span<double> value = _scratch[0].AsSpan(0, length), dP = _scratch[1].AsSpan(0, length), dA = _scratch[2].AsSpan(0, length),
                dB = _scratch[3].AsSpan(0, length), dS = _scratch[4].AsSpan(0, length), dG = _scratch[5].AsSpan(0, length);
            TofPeakShape.EvaluateWithDerivatives(x, _position[k], _alpha[k], _beta[k], _sigmaSquared[k], _gamma[k], value, dP, dA, dB, dS, dG);
            double intensity = _intensity[k];
            var target = _y.AsSpan(start, length);
            for (int i = 0; i < length; i++) target[i] += intensity * value[i];
            for (int e = _entryStart[k]; e < _entryStart[k + 1]; e++)
            {
                var column = _jacobian.AsSpan(_column[e] * Points + start, length);
                double di = _dI[e], dp = intensity * _dP[e], da = intensity * _dA[e], db = intensity * _dB[e], ds = intensity * _dS[e], dg = intensity * _dG[e];
                for (int i = 0; i < length; i++)
                    column[i] += di * value[i] + dp * dP[i] + da * dA[i] + db * dB[i] + ds * dS[i] + dg * dG[i];
            }
        }
    }

    /// <summary>What the refinement does today for the profile alone: TofPeakShape.Evaluate per peak into scratch.</summary>
    [Benchmark]
    public void PerPeakReferenceProfile()
    {
        for (int k = 0; k < Reflections; k++)
        {
            double fwhm = TofPeakShape.Widths(_sigmaSquared[k], _gamma[k]).Fwhm;
            var (start, length) = PeakWindow.ForTof(_position[k], fwhm, _alpha[k], _beta[k],
                TofProfileKernelOptions.DefaultWindowHalfWidth, TofProfileKernelOptions.DefaultDecayLengths).IndexRange(_x);
            if (length == 0) continue;
            Span<double> value = _scratch[0].AsSpan(0, length);
            TofPeakShape.Evaluate(_x.AsSpan(start, length), _position[k], _alpha[k], _beta[k], _sigmaSquared[k], _gamma[k], value);
            double intensity = _intensity[k];
            var target = _y.AsSpan(start, length);
            for (int i = 0; i < length; i++) target[i] += intensity * value[i];
        }
    }

    /// <summary>The kernel's scalar twin, profile.</summary>
    [Benchmark]
    public void ScalarTwinProfile() => TofProfileKernel.AccumulateProfile(_x, Peaks, Scalar, _y);

    /// <summary>The kernel's scalar twin, profile and 6 Jacobian columns.</summary>
    [Benchmark]
    public void ScalarTwinProfileAndJacobian() => TofProfileKernel.AccumulateProfileAndJacobian(_x, Peaks, Chain, Scalar, Points, _y, _jacobian);

    /// <summary>The kernel at the widest accelerated width (Vector512 on these machines), profile.</summary>
    [Benchmark]
    public void VectorProfile() => TofProfileKernel.AccumulateProfile(_x, Peaks, Vector, _y);

    /// <summary>The kernel at the widest accelerated width, profile and 6 Jacobian columns.</summary>
    [Benchmark]
    public void VectorProfileAndJacobian() => TofProfileKernel.AccumulateProfileAndJacobian(_x, Peaks, Chain, Vector, Points, _y, _jacobian);
}
