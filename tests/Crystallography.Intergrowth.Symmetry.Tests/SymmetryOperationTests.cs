namespace Crystallography.Intergrowth.Symmetry.Tests;

/// <summary>
/// <see cref="SymmetryOperation"/>: the spellings of the coordinate-triplet form it reads, the form
/// it writes, what it rejects, composition and inverse, and the rotation type of every kind of
/// crystallographic rotation. All comparisons are exact (integer matrices, twelfths), except where
/// an operation acts on a double coordinate.
/// </summary>
public sealed class SymmetryOperationTests
{
    private static SymmetryOperation Op(string text) => SymmetryOperation.Parse(text);

    private static SymmetryOperation Make(int[] rotation, int t1 = 0, int t2 = 0, int t3 = 0) =>
        new(rotation, [t1, t2, t3]);

    [Theory]
    // Spaces, a constant before or after the variable, upper case and decimals all read as the same
    // exact operation, built here from its matrix and twelfths.
    [InlineData("x+1/2, -y, z", new[] { 1, 0, 0, 0, -1, 0, 0, 0, 1 }, 6, 0, 0)]
    [InlineData("x+1/2,-y,z", new[] { 1, 0, 0, 0, -1, 0, 0, 0, 1 }, 6, 0, 0)]
    [InlineData("1/2+x,-y,z", new[] { 1, 0, 0, 0, -1, 0, 0, 0, 1 }, 6, 0, 0)]
    [InlineData("x+0.5,-y,z", new[] { 1, 0, 0, 0, -1, 0, 0, 0, 1 }, 6, 0, 0)]
    [InlineData("1/2-x,y,-z", new[] { -1, 0, 0, 0, 1, 0, 0, 0, -1 }, 6, 0, 0)]
    [InlineData("-x+y,y,-z+1/3", new[] { -1, 1, 0, 0, 1, 0, 0, 0, -1 }, 0, 0, 4)]
    [InlineData("y-x,y,1/3-z", new[] { -1, 1, 0, 0, 1, 0, 0, 0, -1 }, 0, 0, 4)]
    [InlineData("X,Y,Z", new[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, 0, 0, 0)]
    [InlineData("-Y,X-Y,Z+1/3", new[] { 0, -1, 0, 1, -1, 0, 0, 0, 1 }, 0, 0, 4)]
    [InlineData("x,y,z+0.25", new[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, 0, 0, 3)]
    [InlineData("x+0.333333,y+0.666667,z+0.666667", new[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, 4, 8, 8)] // CIF thirds
    [InlineData("-x,-y,-z+1", new[] { -1, 0, 0, 0, -1, 0, 0, 0, -1 }, 0, 0, 12)]
    [InlineData("x-y,x,z+5/6", new[] { 1, -1, 0, 1, 0, 0, 0, 0, 1 }, 0, 0, 10)]
    [InlineData("z,x,y", new[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 }, 0, 0, 0)]
    public void Parse_reads_the_usual_spellings(string text, int[] rotation, int t1, int t2, int t3)
    {
        Assert.Equal(Make(rotation, t1, t2, t3), Op(text));
        Assert.True(SymmetryOperation.TryParse(text, out var parsed));
        Assert.Equal(Make(rotation, t1, t2, t3), parsed);
    }

    [Theory]
    [InlineData("x+1/2, -y, z", "x+1/2,-y,z")]
    [InlineData("1/2-x,y,-z", "-x+1/2,y,-z")]
    [InlineData("-x+y,y,-z+1/3", "-x+y,y,-z+1/3")]
    [InlineData("X,Y,Z", "x,y,z")]
    [InlineData("x+0.5,y,z", "x+1/2,y,z")]
    [InlineData("-x,-y,-z+1", "-x,-y,-z+1")] // translations are written as given, not reduced
    [InlineData("x-1/4,y+3/4,z-1/6", "x-1/4,y+3/4,z-1/6")]
    [InlineData("x+6/12,y+4/12,z", "x+1/2,y+1/3,z")] // fractions in lowest terms
    public void ToString_writes_the_conventional_form(string text, string expected) =>
        Assert.Equal(expected, Op(text).ToString());

    [Theory]
    [InlineData("x,y")] // two expressions
    [InlineData("x,y,z,")] // four
    [InlineData("")]
    [InlineData("x,y,w")] // not a coordinate
    [InlineData("x,y,z+1/5")] // not a multiple of 1/12
    [InlineData("x,y,z+0.2")]
    [InlineData("2x,y,z")] // determinant 2
    [InlineData("x,x,z")] // determinant 0
    [InlineData("x/2,y,z")] // fractional coefficient
    [InlineData("1/2x,y,z")]
    [InlineData("x+,y,z")] // dangling sign
    [InlineData("x y,y,z")] // no sign between terms (spaces are ignored, "xy" remains)
    [InlineData("x,y,z+1/0")]
    public void Parse_rejects_malformed_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => Op(text));
        Assert.Contains(text, e.Message); // the message quotes the input
        Assert.False(SymmetryOperation.TryParse(text, out _));
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Op(null!));
        Assert.False(SymmetryOperation.TryParse(null, out _));
    }

    [Fact]
    public void Compose_applies_the_right_operand_first()
    {
        var translate = Op("x+1/2,y,z");
        var twofold = Op("-x,-y,z");
        // translate ∘ twofold: (x,y,z) -> (-x,-y,z) -> (-x+1/2,-y,z)
        Assert.Equal(Op("-x+1/2,-y,z"), translate.Compose(twofold));
        // twofold ∘ translate: (x,y,z) -> (x+1/2,y,z) -> (-x-1/2,-y,z)
        Assert.Equal(Op("-x-1/2,-y,z"), twofold * translate);
        Assert.Equal(Op("-x+1/2,-y,z"), (twofold * translate).Normalized());

        var threefold = Op("-y,x-y,z+1/3"); // the 3₁ screw of P3₁
        Assert.Equal(Op("-x+y,-x,z+2/3"), threefold * threefold);
        Assert.Equal(Op("x,y,z+1"), threefold * threefold * threefold);
        Assert.True((threefold * threefold * threefold).Normalized().IsIdentity);
    }

    [Fact]
    public void Inverse_undoes_the_operation()
    {
        var op = Op("-y,x-y,z+1/3");
        Assert.Equal(Op("-x+y,-x,z-1/3"), op.Inverse());
        Assert.Equal(SymmetryOperation.Identity, op * op.Inverse());
        Assert.Equal(SymmetryOperation.Identity, op.Inverse() * op);

        var glide = Op("x+1/2,-y+1/2,z+1/2");
        Assert.Equal(Op("x-1/2,-y+1/2,z-1/2"), glide.Inverse());
        Assert.Equal(SymmetryOperation.Identity, glide * glide.Inverse());
    }

    [Fact]
    public void Apply_and_reflection_transforms_follow_the_conventions()
    {
        var op = Op("-y,x-y,z+1/3");
        var image = op.Apply(new FractionalPosition(0.1, 0.2, 0.3));
        // Exact in binary only up to rounding of 0.1, 0.2, 1/3: 1e-15 is a few ulps.
        Assert.Equal(-0.2, image.X, 1e-15);
        Assert.Equal(-0.1, image.Y, 1e-15);
        Assert.Equal(0.3 + 1.0 / 3, image.Z, 1e-15);

        // h' = h·W: row vector times matrix.
        Assert.Equal(new MillerIndex(0, -1, 0), op.ApplyToReflection(new MillerIndex(1, 0, 0)));
        Assert.Equal(new MillerIndex(1, -1, 0), op.ApplyToReflection(new MillerIndex(0, 1, 0)));
        // Phase shift h·w in twelfths: (0 0 1) under a 1/3 translation along c is 4/12.
        Assert.Equal(4, op.PhaseShiftTwelfths(new MillerIndex(0, 0, 1)));
    }

    [Theory]
    [InlineData("x,y,z", 1)]
    [InlineData("x+1/2,y+1/2,z", 1)]
    [InlineData("-x,-y,z", 2)]
    [InlineData("-x,y+1/2,-z", 2)]
    [InlineData("y,x,-z", 2)]
    [InlineData("-y,x-y,z", 3)]
    [InlineData("z,x,y", 3)]
    [InlineData("-y,x,z", 4)]
    [InlineData("-y,x,z+1/4", 4)]
    [InlineData("x-y,x,z", 6)]
    [InlineData("-x,-y,-z", -1)]
    [InlineData("x,y,-z", -2)]
    [InlineData("x+1/2,-y,z", -2)]
    [InlineData("-y,-x,z", -2)]
    [InlineData("y,-x+y,-z", -3)]
    [InlineData("-z,-x,-y", -3)]
    [InlineData("y,-x,-z", -4)]
    [InlineData("-x+y,-x,-z", -6)]
    public void RotationType_identifies_every_kind(string text, int expected)
    {
        var op = Op(text);
        Assert.Equal(expected, op.RotationType);
        Assert.Equal(Math.Sign(expected), op.Determinant);
    }

    [Fact]
    public void RotationType_rejects_a_matrix_that_is_no_crystallographic_rotation()
    {
        // det −1, trace 2: no rotation of finite order has these.
        var op = Op("x+y,x,z");
        Assert.Throws<InvalidOperationException>(() => op.RotationType);
    }

    [Fact]
    public void Equality_is_as_written_and_Normalized_reduces_translations()
    {
        Assert.NotEqual(Op("x+1/2,y,z"), Op("x-1/2,y,z"));
        Assert.Equal(Op("x+1/2,y,z"), Op("x-1/2,y,z").Normalized());
        Assert.Equal(Op("-x+1/2,-y,z+1/3"), Op("-x+3/2,-y-2,z-2/3").Normalized());
        Assert.Equal(Op("x+1/2,y,z").GetHashCode(), Op("x-1/2,y,z").Normalized().GetHashCode());
        Assert.True(Op("x+1/2,y+1/2,z").IsPureTranslation);
        Assert.False(Op("x+1/2,y+1/2,z").IsIdentity);
        Assert.True(Op("-x+1/2,-y,-z").IsInversion);
    }

    [Fact]
    public void Constructor_checks_lengths()
    {
        Assert.Throws<ArgumentException>(() => new SymmetryOperation(new int[8], new int[3]));
        Assert.Throws<ArgumentException>(() => new SymmetryOperation(new int[9], new int[2]));
    }
}
