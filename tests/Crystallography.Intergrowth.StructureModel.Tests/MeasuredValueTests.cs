using System.Globalization;
using Crystallography.Intergrowth.StructureModel;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

public class MeasuredValueTests
{
    [Theory]
    [InlineData("2.94194(7)", 2.94194, 7e-5)]
    [InlineData("1.17(3)", 1.17, 0.03)]
    [InlineData("14.41(12)", 14.41, 0.12)]
    [InlineData("-0.5(12)", -0.5, 1.2)]
    [InlineData("1.2e-3(4)", 1.2e-3, 4e-4)]
    [InlineData("5(2)", 5, 2)]
    [InlineData("0.2571(3)", 0.2571, 3e-4)]
    public void Parses_parenthesis_notation(string text, double value, double su)
    {
        MeasuredValue m = MeasuredValue.Parse(text);
        Assert.Equal(value, m.Value, 12);
        // The uncertainty is an integer times a power of ten: equal to 1e-15 relative.
        Assert.Equal(su, m.StandardUncertainty, su * 1e-12);
        Assert.True(m.HasUncertainty);
    }

    [Fact]
    public void A_plain_number_has_no_uncertainty()
    {
        MeasuredValue m = MeasuredValue.Parse("14.41");
        Assert.Equal(14.41, m.Value);
        Assert.Equal(0, m.StandardUncertainty);
        Assert.False(m.HasUncertainty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.17(")]
    [InlineData("1.17()")]
    [InlineData("1.17(a)")]
    [InlineData("1.17(3)x")]
    [InlineData("(3)")]
    public void Bad_text_throws_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => MeasuredValue.Parse(text));
        Assert.False(MeasuredValue.TryParse(text, out _));
    }

    // The IUCr rule of 19: two digits of uncertainty while they read 19 or less, else one.
    [Theory]
    [InlineData(2.94194, 7e-5, "2.94194(7)")]
    [InlineData(14.41, 0.12, "14.41(12)")]
    [InlineData(0.2571, 3e-4, "0.2571(3)")]
    [InlineData(1.2345, 0.0019, "1.2345(19)")]
    [InlineData(1.2346, 0.0021, "1.235(2)")]
    [InlineData(1.17, 0.03, "1.17(3)")]
    [InlineData(1.0, 0.0096, "1.00(1)")]   // 9.6 in the last place rounds up to one in the place before
    [InlineData(1234, 56, "1230(60)")]     // uncertainty above the units place: written as integers
    [InlineData(-0.5, 1.2, "-0.5(12)")]
    public void Writes_by_the_rule_of_19(double value, double su, string expected)
    {
        Assert.Equal(expected, new MeasuredValue(value, su).ToString());
    }

    [Fact]
    public void An_exact_value_is_written_with_significant_digits()
    {
        Assert.Equal("2.94194", new MeasuredValue(2.94194).ToString());
        Assert.Equal("3.142", new MeasuredValue(Math.PI).ToString(4));
    }

    // Write then read recovers the value and uncertainty to the rounding of the last written digit.
    [Property(MaxTest = 500)]
    public Property ToString_then_Parse_agrees_within_rounding(int valueMillionths, PositiveInt suMantissa, byte exponent)
    {
        double value = valueMillionths / 1e6;
        // Uncertainties from 1e-8 to 0.99: the parenthesis always follows a decimal point.
        double su = (suMantissa.Get % 99 + 1) * Math.Pow(10, -(exponent % 7) - 3);
        var original = new MeasuredValue(value, su);
        string text = original.ToString();
        MeasuredValue back = MeasuredValue.Parse(text);
        string mantissa = text[..text.IndexOf('(')];
        int dot = mantissa.IndexOf('.');
        double unit = Math.Pow(10, -(dot < 0 ? 0 : mantissa.Length - dot - 1));
        bool valueOk = Math.Abs(back.Value - value) <= 0.5 * unit * (1 + 1e-9) + 1e-12 * Math.Abs(value);
        bool suOk = Math.Abs(back.StandardUncertainty - su) <= 0.5 * unit * (1 + 1e-9);
        return (valueOk && suOk).Label($"{value.ToString("R", CultureInfo.InvariantCulture)}, {su.ToString("R", CultureInfo.InvariantCulture)} → {text}");
    }
}
