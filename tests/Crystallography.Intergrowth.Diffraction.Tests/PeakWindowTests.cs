namespace Crystallography.Intergrowth.Diffraction.Tests;

public class PeakWindowTests
{
    [Fact]
    public void Index_range_covers_exactly_the_points_inside()
    {
        double[] x = Enumerable.Range(0, 101).Select(i => i * 0.1).ToArray();
        PeakWindow w = PeakWindow.Symmetric(5, 0.1, 10); // [4, 6]
        (int start, int length) = w.IndexRange(x);
        Assert.True(x[start] >= 4 - 1e-12 && x[start - 1] < 4);
        Assert.True(x[start + length - 1] <= 6 && x[start + length] > 6);
        Assert.Equal((0, 0), new PeakWindow(20, 30).IndexRange(x) with { Item1 = 0 });
        Assert.Equal((0, 101), new PeakWindow(-1, 11).IndexRange(x));
        Assert.Equal(0, new PeakWindow(-5, -1).IndexRange(x).Length);
    }

    [Fact]
    public void Lorentzian_area_outside_is_the_arctangent_tail()
    {
        // Integrate the unit Lorentzian of FWHM 1 over ±k and compare.
        foreach (double k in new[] { 0.5, 5, 10, 50 })
        {
            double inside = PeakReference.Integrate(t => PeakReference.Lorentzian(t, 1), -k, k, 1e-13);
            Assert.Equal(1 - inside, PeakWindow.LorentzianAreaOutside(k), 1e-11);
        }
        Assert.Equal(1, PeakWindow.LorentzianAreaOutside(0));
    }

    [Fact]
    public void Asymmetric_windows_reach_the_tails()
    {
        PeakWindow low = PeakWindow.ForFcj(5, 0.01, new FcjAsymmetry(0.02, 0.02), 10);
        Assert.Equal(FcjPeakShape.LowestAngle(5, 0.04) - 0.1, low.Lower, 1e-12);
        Assert.Equal(5.1, low.Upper, 1e-12);
        PeakWindow high = PeakWindow.ForFcj(150, 0.01, new FcjAsymmetry(0.02, 0.02), 10);
        Assert.Equal(149.9, high.Lower, 1e-12);
        Assert.True(high.Upper > 150.1);
        PeakWindow tof = PeakWindow.ForTof(10_000, 20, 0.5, 0.05, 10, 20);
        Assert.Equal(10_000 - 200 - 40, tof.Lower, 1e-9);
        Assert.Equal(10_000 + 200 + 400, tof.Upper, 1e-9);
    }
}
