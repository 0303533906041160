using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class ReflectionListTests
{
    [Fact]
    public void Rocksalt_lines_are_the_fcc_ones_with_their_multiplicities()
    {
        var list = ReflectionList.Generate(StructureFactorTestPhases.Rocksalt(), 1.0);
        Assert.Equal(
            ["(1 1 1) 8", "(0 0 2) 6", "(0 2 2) 12", "(1 1 3) 24", "(2 2 2) 8", "(0 0 4) 6"],
            Enumerable.Range(0, list.Count).Select(i => $"{list.Index(i)} {list.Multiplicity[i]}"));
        Assert.Equal(4.15874 / Math.Sqrt(3), list.DSpacing[0], 1e-12);
    }

    [Fact]
    public void Layered_lines_obey_the_rhombohedral_condition_and_are_sorted_by_d()
    {
        var list = ReflectionList.Generate(StructureFactorTestPhases.Layered(), 0.8);
        Assert.Equal(new MillerIndex(0, 0, 3), list.Index(0));
        Assert.Equal(2, list.Multiplicity[0]);
        for (int i = 0; i < list.Count; i++)
        {
            // R (obverse, hexagonal axes): −h + k + l = 3n.
            Assert.Equal(0, ((-list.H[i] + list.K[i] + list.L[i]) % 3 + 3) % 3);
            if (i > 0) Assert.True(list.DSpacing[i] <= list.DSpacing[i - 1]);
            Assert.True(list.DSpacing[i] >= 0.8);
        }
        int i104 = list.Find(new MillerIndex(1, 0, 4));
        Assert.Equal(6, list.Multiplicity[i104]);
        // (−1 1 4), (0 −1 4) and (1 0 4) are one family: Find accepts any member.
        Assert.Equal(i104, list.Find(new MillerIndex(-1, 1, 4)));
        Assert.Equal(i104, list.Find(new MillerIndex(-1, 0, -4)));
        Assert.Equal(-1, list.Find(new MillerIndex(0, 0, 1)));
    }

    [Fact]
    public void A_non_centrosymmetric_list_merges_friedel_mates()
    {
        var phase = Phase.Create("p1").WithCell(new UnitCell(4, 5, 6, 80, 85, 95)).WithSpaceGroup("P1").AddSite("A", 0.1, 0.2, 0.3, "Ni").Build();
        var list = ReflectionList.Generate(phase, 2.0);
        Assert.All(list.Multiplicity.ToArray(), m => Assert.Equal(2, m));
    }

    [Fact]
    public void A_d_range_and_a_pattern_range_select_the_same_lines()
    {
        var phase = StructureFactorTestPhases.Layered();
        var cu = LaboratoryXRays.Copper;
        var byAngle = ReflectionList.Generate(phase, cu, 15, 70);
        var (dMin, dMax) = cu.DSpacingRange(15, 70);
        var byD = ReflectionList.Generate(phase, dMin, dMax);
        Assert.Equal(byD.Count, byAngle.Count);
        Assert.True(byAngle.Count > 5);
        Assert.All(byAngle.DSpacing.ToArray(), d => Assert.InRange(d, dMin, dMax));

        var tof = new TimeOfFlightNeutrons(7476.91, 150, -1.5, 2);
        var byTime = ReflectionList.Generate(phase, tof, 5000, 20000).WithPositions(tof);
        Assert.All(byTime.Position.ToArray(), t => Assert.InRange(t, 5000, 20000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReflectionList.Generate(phase, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReflectionList.Generate(phase, 2, 1));
    }

    [Fact]
    public void Columns_are_added_as_copies()
    {
        var phase = StructureFactorTestPhases.Layered();
        var list = ReflectionList.Generate(phase, 1.2);
        Assert.False(list.HasSquaredStructureFactors);
        Assert.True(list.SquaredStructureFactor.IsEmpty);
        Assert.True(double.IsNaN(list[0].SquaredStructureFactor));
        var withF2 = list.WithSquaredStructureFactors(phase, ScatteringModel.Neutron());
        Assert.True(withF2.HasSquaredStructureFactors);
        Assert.False(list.HasSquaredStructureFactors);
        Assert.Equal(887.2634869806436, withF2[0].SquaredStructureFactor, 1e-4 * 887);
        Assert.Throws<InvalidOperationException>(() => list.WithIntegratedIntensities(LaboratoryXRays.Copper));
        Assert.Throws<ArgumentException>(() => list.WithSquaredStructureFactors(StructureFactorTestPhases.Rocksalt(), ScatteringModel.Neutron()));
        Assert.Throws<ArgumentException>(() => list.WithPositions([1.0]));
        var positioned = withF2.WithPositions(new ConstantWavelengthNeutrons(1.54));
        Assert.Equal(new ConstantWavelengthNeutrons(1.54).TwoTheta(positioned.DSpacing[0]), positioned.Position[0]);
    }
}
