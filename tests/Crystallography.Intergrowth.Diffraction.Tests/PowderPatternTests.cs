using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class PowderPatternTests
{
    [Fact]
    public void Sigma_from_counting_statistics_when_the_file_has_none()
    {
        var p = new PowderPattern(AxisKind.TwoThetaDegrees, [10, 10.1, 10.2, 10.3], [100, 0, -4, 0.25]);
        Assert.Equal(SigmaSource.CountingStatistics, p.SigmaSource);
        Assert.Equal([10, 1, 1, 0.5], p.Sigma.ToArray()); // √y for y > 0, 1 for y ≤ 0
        Assert.Equal(4, p.Count);
    }

    [Fact]
    public void Sigma_from_the_file_is_kept()
    {
        var p = PowderPattern.Create(AxisKind.TimeOfFlightMicroseconds, [1000, 1001], [5, 6], [0, 2]);
        Assert.Equal(SigmaSource.File, p.SigmaSource);
        Assert.Equal([0, 2], p.Sigma.ToArray());
    }

    [Fact]
    public void Validation_rejects_bad_arrays()
    {
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [1, 2], [1]));
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [1, 2], [1, 2], ImmutableArray.Create(1.0)));
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [1, 1], [1, 2]));
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [2, 1], [1, 2]));
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [1, double.NaN], [1, 2]));
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [1, 2], [1, double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => new PowderPattern(AxisKind.TwoThetaDegrees, [1, 2], [1, 2], ImmutableArray.Create(1.0, -1.0)));
    }

    [Fact]
    public void With_methods_copy_and_leave_the_original()
    {
        var p = new PowderPattern(AxisKind.TwoThetaDegrees, [10, 11, 12], [1, 2, 3]);
        var q = p.WithTitle("t").WithBank(2).WithWavelengths(1.5406, 1.5444).WithWavelengthIntensityRatio(0.5).WithMetadata("k", "v");
        Assert.Null(p.Title);
        Assert.Equal("t", q.Title);
        Assert.Equal(2, q.Bank);
        Assert.Equal(1.5406, q.Wavelength);
        Assert.Equal("v", q.Metadata["k"]);
        Assert.NotEqual(p, q);
        Assert.Equal(q, q.WithTitle("t"));
        var s = q.Slice(10.5, 12);
        Assert.Equal([11, 12], s.X.ToArray());
        Assert.Equal("t", s.Title);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.WithWavelengths(-1));
    }

    [Fact]
    public void Format_exception_message_names_file_line_and_expectation()
    {
        var e = new PowderDataFormatException("a.xye", 12, "3 numbers", "1 2");
        Assert.Equal("a.xye:12: expected 3 numbers, found '1 2'", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal("b.gsa: expected a BANK record", new PowderDataFormatException("b.gsa", 0, "a BANK record").Message);
    }
}
