using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// The symmetry work a refinement does once per phase: generating a group from its Hall symbol,
/// building the unique reflection list with multiplicities and absences, and locating sites.
/// </summary>
[MemoryDiagnoser]
public class SymmetryBenchmarks
{
    private SpaceGroup _layered = null!;
    private SpaceGroup _spinel = null!;
    private MillerIndex[] _reflections = null!;

    [GlobalSetup]
    public void Setup()
    {
        _layered = SpaceGroup.Parse("R-3m");
        _spinel = SpaceGroup.Parse("Fd-3m:2");
        var list = new List<MillerIndex>();
        for (int h = -8; h <= 8; h++)
            for (int k = -8; k <= 8; k++)
                for (int l = -8; l <= 8; l++)
                    list.Add(new MillerIndex(h, k, l));
        _reflections = [.. list];
    }

    /// <summary>Generating Fd-3m origin 2 (192 operations) from "-F 4vw 2vw 3".</summary>
    [Benchmark]
    public int GenerateFd3mFromHall() => HallSymbol.Parse("-F 4vw 2vw 3").GenerateOperations().Length;

    /// <summary>Generating all 530 settings from their Hall symbols.</summary>
    [Benchmark]
    public int GenerateAll530()
    {
        int total = 0;
        foreach (var setting in SpaceGroup.All.Select(g => g.Setting))
            total += HallSymbol.Parse(setting.Hall).GenerateOperations().Length;
        return total;
    }

    /// <summary>Systematic-absence test of 4913 reflections in Fd-3m:2.</summary>
    [Benchmark]
    public int AbsencesFd3m()
    {
        int absent = 0;
        foreach (var hkl in _reflections)
            if (_spinel.IsSystematicallyAbsent(hkl)) absent++;
        return absent;
    }

    /// <summary>Powder multiplicities of 4913 reflections in R-3m:H.</summary>
    [Benchmark]
    public int MultiplicitiesR3m()
    {
        int sum = 0;
        foreach (var hkl in _reflections)
            sum += _layered.Multiplicity(hkl);
        return sum;
    }

    /// <summary>Locating and snapping a nearly special position (O on 6c of the layered phase).</summary>
    [Benchmark]
    public char LocateNearlySpecial() => _layered.Locate(new FractionalPosition(0.00005, -0.00003, 0.2571)).Wyckoff.Letter;
}
