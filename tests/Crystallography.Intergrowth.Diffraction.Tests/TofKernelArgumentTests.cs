using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>Bad input throws before anything is written, naming the parameter (and the reflection or index) at fault.</summary>
public class TofKernelArgumentTests
{
    private static readonly double[] X = [1000, 1001, 1002, 1003, 1004, 1005];

    public static TheoryData<string, string, string> BadPeaks => new()
    {
        // field, bad value (parsed below), expected text
        { "alpha", "0", "Alpha[1] is 0" },
        { "alpha", "-1", "Alpha[1] is -1" },
        { "alpha", "NaN", "Alpha[1] is NaN" },
        { "beta", "0", "Beta[1] is 0" },
        { "beta", "Infinity", "Beta[1] is ∞" },
        { "sigmaSquared", "-1", "SigmaSquared[1] is -1" },
        { "gamma", "-0.5", "Gamma[1] is -0.5" },
        { "position", "NaN", "Position[1] is NaN" },
        { "intensity", "Infinity", "Intensity[1] is ∞" },
        { "both widths", "0", "SigmaSquared[1] and Gamma[1] are both 0" },
    };

    [Theory]
    [MemberData(nameof(BadPeaks))]
    public void ABadPeakParameterIsNamed(string field, string bad, string expected)
    {
        double value = double.Parse(bad, System.Globalization.CultureInfo.InvariantCulture);
        double[] p = [1002, 1003], a = [0.1, 0.1], b = [0.05, 0.05], s = [4, 4], g = [1, 1], i = [1, 1];
        switch (field)
        {
            case "alpha": a[1] = value; break;
            case "beta": b[1] = value; break;
            case "sigmaSquared": s[1] = value; break;
            case "gamma": g[1] = value; break;
            case "position": p[1] = value; break;
            case "intensity": i[1] = value; break;
            default: s[1] = 0; g[1] = 0; break;
        }
        var y = new double[X.Length];
        var e = Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfile(X, new TofPeaks(p, a, b, s, g, i), TofProfileKernelOptions.Default, y));
        Assert.Equal("peaks", e.ParamName);
        Assert.Contains(expected, e.Message.Replace("Infinity", "∞"));
        Assert.All(y, v => Assert.Equal(0, v));
    }

    [Fact]
    public void TheJacobianNeedsAPositiveVariance()
    {
        var (y, jacobian) = (new double[X.Length], new double[X.Length]);
        var e = Assert.Throws<ArgumentException>(() => TofProfileKernel.AccumulateProfileAndJacobian(X,
            new TofPeaks([1002], [0.1], [0.05], [0], [1], [1]), Chain(0), TofProfileKernelOptions.Default, X.Length, y, jacobian));
        Assert.Equal("peaks", e.ParamName);
        Assert.Contains("SigmaSquared[0] is 0", e.Message);
        // The profile alone takes σ² = 0 (a pure Lorentzian width).
        TofProfileKernel.AccumulateProfile(X, new TofPeaks([1002], [0.1], [0.05], [0], [1], [1]), TofProfileKernelOptions.Default, y);
        Assert.True(y[2] > 0);
    }

    [Fact]
    public void LengthsStridesColumnsAndGridsAreChecked()
    {
        static TofPeaks Peak() => new(new double[] { 1002 }, new double[] { 0.1 }, new double[] { 0.05 }, new double[] { 4 }, new double[] { 1 }, new double[] { 1 });
        var options = TofProfileKernelOptions.Default;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => TofProfileKernel.AccumulateProfile(X, Peak(), options, new double[5])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfile([1000, 999], Peak(), options, new double[2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfile([1000, double.NaN], Peak(), options, new double[2])).ParamName);
        Assert.Equal("jacobianColumnStride", Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfileAndJacobian(X, Peak(), Chain(0), options, 5, new double[6], new double[12])).ParamName);
        var column = Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfileAndJacobian(X, Peak(), Chain(2), options, 6, new double[6], new double[12]));
        Assert.Equal("chainRule", column.ParamName);
        Assert.Contains("Column[0] is 2", column.Message);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfile(X, Peak(), options with { WindowHalfWidth = 0 }, new double[6])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfile(X, Peak(), options with { DecayLengths = -1 }, new double[6])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            TofProfileKernel.AccumulateProfile(X, Peak(), options with { Convention = (TofLorentzianConvention)7 }, new double[6])).ParamName);
        var lengths = Assert.Throws<ArgumentException>(() => new TofPeaks([1002], [0.1, 0.2], [0.05], [4], [1], [1]));
        Assert.Contains("alpha 2", lengths.Message);
    }

    private static TofPeakParameterDerivatives Chain(int column) =>
        new(new[] { 0, 1 }, new[] { column }, new[] { 1.0 }, new[] { 0.0 }, new[] { 0.0 }, new[] { 0.0 }, new[] { 0.0 }, new[] { 0.0 });
}
