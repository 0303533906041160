using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// The FCJ-asymmetric profile on a laboratory-like problem: 2θ 10–140° in 0.01° (13,001 points), 400 reflections with
/// density ∝ Q² (splitmix64 seeded 20251124 as in the reference problem), Caglioti FWHM of a Bragg–Brentano instrument
/// (U 0.004, V −0.002, W 0.002 deg²), η 0.5, S/L 0.021, H/L 0.015 (GSAS-II's PbSO4 laboratory values), and a chain
/// rule of 7 columns per reflection. Compares the per-peak path the refinement took before the fused kernel
/// (<see cref="FcjPeakShape"/> into scratch, then the columns) with <see cref="FcjProfileKernel"/> at one core.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FcjKernelBenchmarks
{
    private const int Columns = 7;
    private double[] _x = null!, _position = null!, _fwhm = null!, _mixing = null!, _intensity = null!;
    private int[] _entryStart = null!, _column = null!;
    private double[] _dI = null!, _dP = null!, _dH = null!, _dE = null!;
    private double[] _y = null!, _jacobian = null!;
    private double[][] _scratch = null!;
    private readonly FcjAsymmetry _asymmetry = new(0.021, 0.015);

    private static readonly ProfileKernelOptions Scalar = ProfileKernelOptions.Default with { VectorWidth = KernelVectorWidth.Scalar };
    private static readonly ProfileKernelOptions Vector = ProfileKernelOptions.Default;

    /// <summary>Peak-point evaluations of one call: Σ over reflections of window points × quadrature nodes.</summary>
    public long NodeEvaluations { get; private set; }

    /// <summary>Builds the problem once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int n = 13_001, m = 400;
        _x = [.. Enumerable.Range(0, n).Select(i => 10 + 0.01 * i)];
        var random = new ReferenceProfileProblem.SplitMix64(ReferenceProfileProblem.Seed);
        double Next() => random.NextDouble();
        double sMin = Math.Sin(6 * Math.PI / 180), sMax = Math.Sin(69 * Math.PI / 180);
        _position = [.. Enumerable.Range(0, m).Select(_ => 2 * Math.Asin(Math.Cbrt(sMin * sMin * sMin + Next() * (sMax * sMax * sMax - sMin * sMin * sMin))) * 180 / Math.PI).Order()];
        _fwhm = [.. _position.Select(p => { double t = Math.Tan(p * Math.PI / 360); return Math.Sqrt(0.004 * t * t - 0.002 * t + 0.002); })];
        _mixing = [.. _position.Select(_ => 0.5)];
        _intensity = [.. _position.Select(_ => Math.Exp(Next() * Math.Log(1000)))];
        _entryStart = [.. Enumerable.Range(0, m + 1).Select(k => k * Columns)];
        _column = [.. Enumerable.Range(0, m * Columns).Select(e => e % Columns)];
        _dI = [.. Enumerable.Range(0, m * Columns).Select(e => e % Columns == 1 ? 1.0 : 0)];
        _dP = [.. Enumerable.Range(0, m * Columns).Select(e => e % Columns == 0 ? 1.0 : 0)];
        _dH = [.. Enumerable.Range(0, m * Columns).Select(e => e % Columns is >= 2 and <= 4 ? 0.3 : 0)];
        _dE = [.. Enumerable.Range(0, m * Columns).Select(e => e % Columns >= 5 ? 0.1 : 0)];
        _y = new double[n];
        _jacobian = new double[n * (Columns + 2)];
        _scratch = [.. Enumerable.Range(0, 6).Select(_ => new double[n])];
        for (int k = 0; k < m; k++)
        {
            var (_, length) = PeakWindow.ForFcj(_position[k], _fwhm[k], _asymmetry, ProfileKernelOptions.DefaultWindowHalfWidth).IndexRange(_x);
            var (flat, ramp) = FcjPeakShape.DefaultQuadratureOrders(_position[k], _fwhm[k], _asymmetry.SOverL, _asymmetry.HOverL);
            NodeEvaluations += (long)length * (flat + ramp);
        }
    }

    /// <summary>The refinement's path before the kernel: each peak through FcjPeakShape into scratch, then y and the columns.</summary>
    [Benchmark(Baseline = true)]
    public void PerPeakProfileAndJacobian()
    {
        int n = _x.Length;
        var s = _scratch;
        for (int k = 0; k < _position.Length; k++)
        {
            var (start, length) = PeakWindow.ForFcj(_position[k], _fwhm[k], _asymmetry, ProfileKernelOptions.DefaultWindowHalfWidth).IndexRange(_x);
            if (length == 0) continue;
            FcjPeakShape.EvaluateWithDerivatives(_x.AsSpan(start, length), _position[k], _fwhm[k], _mixing[k], _asymmetry.SOverL, _asymmetry.HOverL,
                s[0].AsSpan(0, length), s[1].AsSpan(0, length), s[2].AsSpan(0, length), s[3].AsSpan(0, length), s[4].AsSpan(0, length), s[5].AsSpan(0, length));
            double intensity = _intensity[k];
            for (int i = 0; i < length; i++) _y[start + i] += intensity * s[0][i];
            for (int e = _entryStart[k]; e < _entryStart[k + 1]; e++)
            {
                var column = _jacobian.AsSpan(_column[e] * n + start, length);
                double di = _dI[e], dp = intensity * _dP[e], dh = intensity * _dH[e], de = intensity * _dE[e];
                for (int i = 0; i < length; i++) column[i] += di * s[0][i] + dp * s[1][i] + dh * s[2][i] + de * s[3][i];
            }
            var sl = _jacobian.AsSpan(Columns * n + start, length);
            var hl = _jacobian.AsSpan((Columns + 1) * n + start, length);
            for (int i = 0; i < length; i++)
            {
                sl[i] += intensity * s[4][i];
                hl[i] += intensity * s[5][i];
            }
        }
    }

    /// <summary>The fused kernel's scalar twin.</summary>
    [Benchmark]
    public void ScalarKernelProfileAndJacobian() => Jacobian(Scalar);

    /// <summary>The fused kernel, Vector512 here.</summary>
    [Benchmark]
    public void VectorKernelProfileAndJacobian() => Jacobian(Vector);

    /// <summary>The fused kernel, profile alone.</summary>
    [Benchmark]
    public void VectorKernelProfile() =>
        FcjProfileKernel.AccumulateProfile(_x, new PseudoVoigtPeaks(_position, _fwhm, _mixing, _intensity), _asymmetry, Vector, _y);

    private void Jacobian(ProfileKernelOptions options) =>
        FcjProfileKernel.AccumulateProfileAndJacobian(_x, new PseudoVoigtPeaks(_position, _fwhm, _mixing, _intensity), _asymmetry,
            new PeakParameterDerivatives(_entryStart, _column, _dI, _dP, _dH, _dE), Columns, Columns + 1, options, _x.Length, _y, _jacobian);
}
