using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.TestKit;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The kernel spread over point blocks gives bitwise the one-core result, for any number of workers, every vector width,
/// pattern lengths 0–700, windows touching either end and any Gaussian cut: each block finds every window and Gaussian
/// run on the whole pattern and clips it, and a point computed in a vector's lanes or in the scalar tail gets the same
/// bits. A call allocates nothing.
/// </summary>
public sealed class ParallelProfileKernelTests
{
    private static readonly ParallelProfileKernel[] Kernels = [new(1), new(2), new(3), new(4)];

    private static (double[] Y, double[] J) OneCore(KernelTestProblem p, KernelVectorWidth width)
    {
        int n = p.X.Length, stride = Math.Max(n, 1);
        var y = new double[n];
        var j = new double[stride * p.ChainRule.Columns];
        var c = p.ChainRule;
        PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(p.X, p.Peaks,
            new PeakParameterDerivatives(c.EntryStart, c.Column, c.DIntensity, c.DPosition, c.DWidth, c.DMixing), p.Options(width), stride, y, j);
        return (y, j);
    }

    private static bool Close(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
        return true;
    }

    [Property(MaxTest = 120)]
    public bool Blocks_give_the_one_core_result(int seed)
    {
        var p = KernelTestProblems.Random(seed, maxPoints: 700);
        var c = p.ChainRule;
        foreach (var width in KernelTestProblems.Widths)
        {
            var (y1, j1) = OneCore(p, width);
            var profile1 = new double[p.X.Length];
            PseudoVoigtProfileKernel.AccumulateProfile(p.X, p.Peaks, p.Options(width), profile1);
            foreach (var kernel in Kernels)
                for (int repeat = 0; repeat < 3; repeat++)   // the cut moves as the shares follow the measured times
            {
                int n = p.X.Length, stride = Math.Max(n, 1);
                var y = new double[n];
                var j = new double[stride * c.Columns];
                kernel.Accumulate(p.X, new PeakArrays(p.Position, p.Fwhm, p.Mixing, p.Intensity),
                    new ChainArrays(c.EntryStart, c.Column, c.DIntensity, c.DPosition, c.DWidth, c.DMixing), p.Options(width), stride, y, j);
                if (!Close(y, y1) || !Close(j, j1)) return false;
                var profile = new double[n];
                kernel.Accumulate(p.X, new PeakArrays(p.Position, p.Fwhm, p.Mixing, p.Intensity), default, p.Options(width), stride, profile, Memory<double>.Empty);
                if (!Close(profile, profile1)) return false;
            }
        }
        return true;
    }

    [Fact]
    public void A_call_allocates_nothing()
    {
        int seed = 7;
        var p = KernelTestProblems.Random(seed, maxPoints: 700);
        while (p.X.Length < 300 || p.Position.Length < 5) p = KernelTestProblems.Random(++seed, maxPoints: 700);
        var c = p.ChainRule;
        int stride = p.X.Length;
        var y = new double[stride];
        var j = new double[stride * c.Columns];
        var peaks = new PeakArrays(p.Position, p.Fwhm, p.Mixing, p.Intensity);
        var chain = new ChainArrays(c.EntryStart, c.Column, c.DIntensity, c.DPosition, c.DWidth, c.DMixing);
        var kernel = Kernels[1];
        void Call() => kernel.Accumulate(p.X, peaks, chain, p.Options(KernelVectorWidth.Automatic), stride, y, j);
        Call();
        Assert.Equal(0, Allocation.FewestBytes(Call, trials: 16));
    }

    [Fact]
    public void Errors_reach_the_caller_and_a_stopped_kernel_refuses_work()
    {
        var kernel = new ParallelProfileKernel(2);
        var x = Enumerable.Range(0, 1000).Select(i => 0.01 * i).ToArray();
        var bad = new PeakArrays(new[] { 5.0 }, new[] { -1.0 }, new[] { 0.5 }, new[] { 1.0 });
        Assert.ThrowsAny<ArgumentException>(() => kernel.Accumulate(x, bad, default, ProfileKernelOptions.Default, 1000, new double[1000], Memory<double>.Empty));
        // The workers survive a failed call.
        var good = new PeakArrays(new[] { 5.0 }, new[] { 0.1 }, new[] { 0.5 }, new[] { 1.0 });
        var y = new double[1000];
        kernel.Accumulate(x, good, default, ProfileKernelOptions.Default, 1000, y, Memory<double>.Empty);
        Assert.InRange(y.Sum() * 0.01, 0.97, 1.0);   // the area, less the Lorentzian tails beyond ±10 FWHM
        kernel.Dispose();
        Assert.Throws<ObjectDisposedException>(() => kernel.Accumulate(x, good, default, ProfileKernelOptions.Default, 1000, y, Memory<double>.Empty));
    }
}
