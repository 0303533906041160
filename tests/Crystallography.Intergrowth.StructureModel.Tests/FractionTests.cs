using Crystallography.Intergrowth.StructureModel;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

public class FractionTests
{
    [Theory]
    [InlineData("7/6", 7, 6)]
    [InlineData("14/12", 7, 6)]
    [InlineData("1.2", 6, 5)]
    [InlineData("0.125", 1, 8)]
    [InlineData("-.5", -1, 2)]
    [InlineData("2", 2, 1)]
    [InlineData("1.5/2", 3, 4)]
    [InlineData(" 4/9 ", 4, 9)]
    [InlineData("1.2000000000000000000000", 6, 5)]
    [InlineData("0", 0, 1)]
    public void Parses_fractions_and_decimals_exactly(string text, long numerator, long denominator)
    {
        Fraction f = Fraction.Parse(text);
        Assert.Equal(numerator, f.Numerator);
        Assert.Equal(denominator, f.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1/0")]
    [InlineData("1/")]
    [InlineData("/2")]
    [InlineData("1.2.3")]
    [InlineData("1e3")]
    [InlineData("1/2.5")]
    [InlineData("x")]
    public void Bad_text_throws_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => Fraction.Parse(text));
        Assert.False(Fraction.TryParse(text, out _));
    }

    [Fact]
    public void Default_is_zero_and_normalised()
    {
        Assert.Equal(Fraction.Zero, default);
        Assert.Equal(1, default(Fraction).Denominator);
        Assert.Equal(new Fraction(-1, 2), new Fraction(2, -4));
        Assert.Equal("-1/2", new Fraction(2, -4).ToString());
        Assert.Equal("3", new Fraction(6, 2).ToString());
        Assert.Throws<DivideByZeroException>(() => new Fraction(1, 0));
        Assert.Throws<DivideByZeroException>(() => Fraction.One / Fraction.Zero);
    }

    [Fact]
    public void Arithmetic_is_exact()
    {
        // 1/10 + 2/10 is 3/10 exactly, unlike 0.1 + 0.2 in binary.
        Assert.Equal(new Fraction(3, 10), Fraction.Parse("0.1") + Fraction.Parse("0.2"));
        Assert.Equal(new Fraction(7, 18), (new Fraction(17, 6) - new Fraction(10, 6)) / 3);
        Assert.Equal(Fraction.One, new Fraction(7, 6) * new Fraction(6, 7));
        Assert.True(new Fraction(1, 3) < new Fraction(1, 2));
        Assert.Equal(new Fraction(1, 10), Fraction.FromDecimalDigits(0.1));
    }

    [Fact]
    public void Overflow_throws_rather_than_wrapping()
    {
        var big = new Fraction(long.MaxValue, 1);
        Assert.Throws<OverflowException>(() => big + big);
        // A large intermediate product that reduces back into range is fine.
        Assert.Equal(Fraction.One, new Fraction(long.MaxValue, 3) * new Fraction(3, long.MaxValue));
    }

    [Property]
    public bool Field_laws_hold(int a, PositiveInt b, int c, PositiveInt d)
    {
        var x = new Fraction(a, b.Get);
        var y = new Fraction(c, d.Get);
        bool ok = x + y - y == x && x * y == y * x && (y.IsZero || x * y / y == x);
        return ok && Fraction.Parse(x.ToString()) == x && Math.Abs(x.ToDouble() - (double)a / b.Get) <= 1e-15 * Math.Abs((double)a / b.Get);
    }
}
