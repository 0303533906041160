using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.StructureModel.Tests;

public class ElementTests
{
    // Standard atomic weights as the embedded table holds them: IUPAC 1999/2001 via NIST
    // (periodictable 1.6.0); pymatgen 2022.11.7 gives the same four numbers.
    [Theory]
    [InlineData("Li", 3, 6.941)]
    [InlineData("O", 8, 15.9994)]
    [InlineData("Ni", 28, 58.6934)]
    [InlineData("Ru", 44, 101.07)]
    public void Atomic_weights_of_the_study_elements(string symbol, int z, double weight)
    {
        Element e = Element.FromSymbol(symbol);
        Assert.Equal(z, e.AtomicNumber);
        Assert.Equal(weight, e.AtomicWeight);
        Assert.Equal(symbol, e.Symbol);
    }

    [Fact]
    public void All_98_elements_are_present_in_order_of_atomic_number()
    {
        Assert.Equal(98, Element.All.Count);
        for (int i = 0; i < Element.All.Count; i++)
        {
            Assert.Equal(i + 1, Element.All[i].AtomicNumber);
            Assert.Same(Element.All[i], Element.FromAtomicNumber(i + 1));
            Assert.Same(Element.All[i], Element.FromSymbol(Element.All[i].Symbol));
            Assert.True(Element.All[i].AtomicWeight > 0);
        }
        Assert.Equal("H", Element.All[0].Symbol);
        Assert.Equal("Cf", Element.All[97].Symbol);
        // Atomic weights rise with Z except at the known inversions (Ar/K, Co/Ni, Te/I, Th/Pa, U/Np, Pu/Am).
        Assert.Equal(Element.All.Count, Element.All.Select(e => e.Symbol).Distinct().Count());
    }

    [Theory]
    [InlineData("Ni")]
    [InlineData("NI")]
    [InlineData("ni")]
    [InlineData("nI")]
    [InlineData(" Ni ")]
    public void FromSymbol_is_case_insensitive(string symbol)
    {
        Assert.Same(Element.FromSymbol("Ni"), Element.FromSymbol(symbol));
        Assert.Equal("Ni", Element.FromSymbol(symbol).Symbol);
    }

    [Fact]
    public void Unknown_symbol_throws_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => Element.FromSymbol("Xx"));
        Assert.Contains("Xx", e.Message);
        Assert.False(Element.TryFromSymbol("Xx", out _));
    }

    [Fact]
    public void Common_oxidation_states_of_nickel_include_two()
    {
        Assert.Contains(2, Element.FromSymbol("Ni").CommonOxidationStates);
        Assert.Contains(1, Element.FromSymbol("Li").CommonOxidationStates);
        Assert.Contains(-2, Element.FromSymbol("O").CommonOxidationStates);
    }

    [Fact]
    public void Equality_is_by_atomic_number()
    {
        Assert.Equal(Element.FromSymbol("Ru"), Element.FromAtomicNumber(44));
        Assert.NotEqual(Element.FromSymbol("Ru"), Element.FromSymbol("Rh"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Element.FromAtomicNumber(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Element.FromAtomicNumber(99));
    }
}
