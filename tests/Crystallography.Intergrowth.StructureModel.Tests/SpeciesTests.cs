using Crystallography.Intergrowth.StructureModel;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.StructureModel.Tests;

public class SpeciesTests
{
    [Theory]
    [InlineData("Ni2+", "Ni", 2)]
    [InlineData("Ni+2", "Ni", 2)]
    [InlineData("O2-", "O", -2)]
    [InlineData("O-2", "O", -2)]
    [InlineData("Li+", "Li", 1)]
    [InlineData("Li1+", "Li", 1)]
    [InlineData("Ru5+", "Ru", 5)]
    [InlineData("NI2+", "Ni", 2)]
    [InlineData("Fe3+", "Fe", 3)]
    public void Parses_the_spellings_CIF_files_use(string text, string symbol, int charge)
    {
        Species s = Species.Parse(text);
        Assert.Equal(symbol, s.Symbol);
        Assert.Equal(charge, s.Charge);
        Assert.True(s.HasCharge);
    }

    [Theory]
    [InlineData("Li1", "Li")]
    [InlineData("Ni", "Ni")]
    [InlineData("O2a", "O")]
    public void A_label_suffix_without_a_sign_is_neutral(string text, string symbol)
    {
        Species s = Species.Parse(text);
        Assert.Equal(symbol, s.Symbol);
        Assert.Null(s.Charge);
        Assert.False(s.HasCharge);
    }

    [Theory]
    [InlineData("Zz2+")]
    [InlineData("Ni2+3")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("2+")]
    [InlineData("Ni2x+")]
    public void Bad_spellings_throw_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => Species.Parse(text));
        Assert.False(Species.TryParse(text, out _));
    }

    [Fact]
    public void Writes_as_CIF_does()
    {
        Assert.Equal("Ni2+", Species.Parse("Ni+2").ToString());
        Assert.Equal("O2-", Species.Parse("O-2").ToString());
        Assert.Equal("Li+", Species.Parse("Li1+").ToString());
        Assert.Equal("Ni", Species.Parse("Ni").ToString());
        Assert.Equal("Ni0+", new Species(Element.FromSymbol("Ni"), 0).ToString());
    }

    [Property]
    public bool ToString_then_Parse_is_the_identity(PositiveInt atomicNumber, int charge, bool withCharge)
    {
        Element element = Element.FromAtomicNumber((atomicNumber.Get - 1) % Element.All.Count + 1);
        // Oxidation states from −4 to +8, the range Parse accepts.
        int? q = withCharge ? ((charge % 13) + 13) % 13 - 4 : null;
        var species = new Species(element, q);
        return Species.Parse(species.ToString()) == species;
    }
}
