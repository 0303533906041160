using Crystallography.Intergrowth.Symmetry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Constraints.Tests;

public sealed class ConstraintParserTests
{
    private static readonly ParameterId LiLayered = ParameterId.Parse("layered/Li1/occ[Li]");
    private static readonly ParameterId LiRocksalt = ParameterId.Parse("rocksalt/M1/occ[Li]");

    [Fact]
    public void Reads_the_study_constraint_with_coefficients_and_a_constant()
    {
        var c = LinearConstraint.Parse("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 10.6");
        Assert.Equal([new ConstraintTerm(LiLayered, 7), new ConstraintTerm(LiRocksalt, 6)], c.Terms.ToArray());
        Assert.Equal(10.6, c.Constant);
    }

    [Fact]
    public void Evaluates_products_of_numbers_on_the_right()
    {
        var c = LinearConstraint.Parse("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 7*1.0 + 6*0.6");
        Assert.Equal(7 * 1.0 + 6 * 0.6, c.Constant);
    }

    [Theory]
    [InlineData("7/6*layered/scale = rocksalt/scale", 7.0 / 6, -1, 0)]
    [InlineData("layered/scale - 2*rocksalt/scale = 0", 1, -2, 0)]
    [InlineData("-layered/scale = -rocksalt/scale + 1", -1, 1, 1)]
    [InlineData("layered/scale + 2 = 0.5*rocksalt/scale + 3", 1, -0.5, 1)]
    [InlineData("  layered/scale*3=rocksalt/scale*1E-05  ", 3, -1e-5, 0)]
    [InlineData("2 * 1/4 * layered/scale + .5*rocksalt/scale = 1e+1", 0.5, 0.5, 10)]
    [InlineData("layered/scale − rocksalt/scale = 0", 1, -1, 0)]
    public void Reads_coefficients_signs_and_terms_on_both_sides(string text, double a, double b, double constant)
    {
        var c = LinearConstraint.Parse(text);
        Assert.Equal(a, c.CoefficientOf(ParameterId.PhaseScale("layered")), 15);
        Assert.Equal(b, c.CoefficientOf(ParameterId.PhaseScale("rocksalt")), 15);
        Assert.Equal(constant, c.Constant, 15);
    }

    [Fact]
    public void Reads_every_kind_of_parameter()
    {
        var c = LinearConstraint.Parse("rocksalt/cell/a + layered/O1/z + layered/O1/Uiso + layered/M1/U12 + layered/fraction + hist:sxrd/bkg[3] + hist:sxrd/zero = 1");
        Assert.Equal(
            [ParameterId.Cell("rocksalt", CellParameter.A), ParameterId.Coordinate("layered", "O1", 2), ParameterId.Uiso("layered", "O1"),
             ParameterId.Uaniso("layered", "M1", "U12"), ParameterId.PhaseFraction("layered"), ParameterId.Histogram("sxrd", "bkg", 3),
             ParameterId.Histogram("sxrd", "zero")],
            c.Parameters);
    }

    [Theory]
    [InlineData("7*Δlayered/Li1/occ[Li] + 6*Δrocksalt/M1/occ[Li] = 0")]
    [InlineData("7*d(layered/Li1/occ[Li]) + 6*d(rocksalt/M1/occ[Li]) = 0")]
    [InlineData("7*Δlayered/Li1/occ[Li] = -6*Δrocksalt/M1/occ[Li]")]
    public void Reads_the_change_form_against_current_values(string text)
    {
        var current = new Dictionary<ParameterId, double> { [LiLayered] = 1.0, [LiRocksalt] = 0.6 };
        var c = LinearConstraint.Parse(text, current);
        Assert.Equal(7, c.CoefficientOf(LiLayered));
        Assert.Equal(6, c.CoefficientOf(LiRocksalt));
        Assert.Equal(7 * 1.0 + 6 * 0.6, c.Constant, 14);
        Assert.Equal(LinearConstraint.FromChange([new(LiLayered, 7), new(LiRocksalt, 6)], current), c);
    }

    [Fact]
    public void Mixes_plain_and_change_terms()
    {
        var current = new Dictionary<ParameterId, double> { [LiLayered] = 0.9 };
        var c = LinearConstraint.Parse("2*Δlayered/Li1/occ[Li] + rocksalt/M1/occ[Li] = 1", current);
        Assert.Equal(1 + 2 * 0.9, c.Constant, 15);
    }

    [Theory]
    [InlineData("7*layered/Li1/occ[Li] + = 1", 25, "'='", "expected a number or a parameter after '+'")]
    [InlineData("7*layered/Li1/occ[Li] 6*rocksalt/M1/occ[Li] = 1", 23, "'6*rocksalt", "")]
    [InlineData("7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li]", 46, "end of text", "expected '='")]
    [InlineData("x = 1", 1, "'x'", "not a parameter")]
    [InlineData("layered/scale = 1 = 2", 19, "'='", "one '='")]
    [InlineData("layered/scale * rocksalt/scale = 1", 17, "'rocksalt/scale'", "at most one parameter")]
    [InlineData("7/0*layered/scale = 1", 1, "'7/0'", "division by zero")]
    [InlineData("7**layered/scale = 1", 3, "'*'", "expected a number or a parameter after '*'")]
    [InlineData("1.2.3*layered/scale = 1", 1, "'1.2.3'", "not a number")]
    [InlineData("layered/scale - layered/scale = 1", 1, "", "non-zero coefficient")]
    [InlineData("= 1", 1, "'='", "expected a number or a parameter")]
    public void Malformed_text_names_the_token_and_its_column(string text, int column, string token, string reason)
    {
        var e = Assert.Throws<ConstraintFormatException>(() => LinearConstraint.Parse(text));
        Assert.Equal(column, e.Column);
        Assert.Contains($"column {column}", e.Message);
        Assert.Contains(token.Replace("'6*rocksalt", "'6"), e.Message);
        Assert.Contains(reason, e.Message);
        Assert.False(LinearConstraint.TryParse(text, out _));
    }

    [Fact]
    public void A_change_without_current_values_says_how_to_give_them()
    {
        var e = Assert.Throws<ConstraintFormatException>(() => LinearConstraint.Parse("Δlayered/scale = 0"));
        Assert.Contains("column 1", e.Message);
        Assert.Contains("Parse(text, currentValues)", e.Message);
        var missing = Assert.Throws<ConstraintFormatException>(() => LinearConstraint.Parse("2*Δlayered/scale = 0", new Dictionary<ParameterId, double>()));
        Assert.Equal(3, missing.Column);
        Assert.Contains("no value for layered/scale", missing.Message);
    }

    private static readonly ParameterId[] Pool =
    [
        LiLayered, LiRocksalt, ParameterId.Parse("layered/O1/z"), ParameterId.Parse("rocksalt/cell/a"),
        ParameterId.Parse("hist:sxrd/bkg[3]"), ParameterId.Parse("layered/scale"), ParameterId.Parse("layered/M1/U12"),
        ParameterId.Parse("rocksalt/fraction"), ParameterId.Parse("layered/M1/occ[Ni]"), ParameterId.Parse("hist:npd/zero"),
    ];

    private static Arbitrary<LinearConstraint> Constraints()
    {
        var number = Gen.OneOf(
            Gen.Choose(-20, 20).Select(i => (double)i),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get).Where(f => Math.Abs(f) < 1e100),
            Gen.Elements(1e-300, -3.5e-17, 6.02214076e23, 1.0 / 3, -2.0 / 7));
        var term = from index in Gen.Choose(0, Pool.Length - 1)
                   from c in number
                   select new ConstraintTerm(Pool[index], c);
        var constraint = from terms in Gen.ListOf(term).Where(t => t.Count is > 0 and < 8)
                         from constant in number
                         where terms.GroupBy(t => t.Parameter).Any(g => g.Sum(t => t.Coefficient) != 0)
                         select new LinearConstraint(terms, constant);
        return constraint.ToArbitrary();
    }

    [Property(MaxTest = 300)]
    public Property Text_form_round_trips() =>
        Prop.ForAll(Constraints(), c => LinearConstraint.Parse(c.ToString()).Equals(c) && LinearConstraint.Parse(c.ToString()).ToString() == c.ToString());
}
