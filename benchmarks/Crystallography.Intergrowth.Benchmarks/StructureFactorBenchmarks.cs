using BenchmarkDotNet.Attributes;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>
/// The structure-factor part of issue 7's peak table, per phase of the study over its synchrotron reflection list
/// (d ≥ 0.77 Å, X-rays): |F|² with its gradient (the atom columns), and the two |F|² at moved spacings per cell column
/// that a refinement's cell derivatives take from the same phase sums.
/// </summary>
[MemoryDiagnoser]
public class StructureFactorBenchmarks
{
    private StructureFactorEvaluator _evaluator = null!;
    private MillerIndex[] _reflections = null!;
    private double[] _q = null!;
    private double[] _gradient = null!;

    /// <summary>The study's layered R-3m phase (3a, 3b, 6c) or its rocksalt Fm-3m phase (4a, 4b).</summary>
    [Params("layered", "rocksalt")]
    public string Phase { get; set; } = "layered";

    /// <summary>Builds the evaluator and the reflection list.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var phase = Phase == "layered"
            ? StructurePrototypes.Layered("layered", 2.9412, 14.404, [SiteOccupant.Of("Li+")],
                [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
                lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008)
            : StructurePrototypes.Rocksalt("rocksalt", 4.1585,
                [SiteOccupant.Of("Li+", 0.4), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.007, anionUiso: 0.009);
        _evaluator = new StructureFactorEvaluator(phase, ScatteringModel.For(new SynchrotronXRays(0.4137, 0.99)));
        var list = ReflectionList.Generate(phase, 0.77, 100);
        _reflections = [.. Enumerable.Range(0, list.Count).Select(list.Index)];
        _q = [.. _reflections.Select(r => phase.Cell.InverseDSquared(r.H, r.K, r.L))];
        _gradient = new double[_evaluator.Parameters.Length];
    }

    /// <summary>|F|² and its gradient over the reflection list.</summary>
    [Benchmark]
    public double WithGradient()
    {
        double total = 0;
        foreach (var hkl in _reflections) total += _evaluator.SquaredModulus(hkl, _gradient);
        return total;
    }

    /// <summary>|F|² over the reflection list.</summary>
    [Benchmark]
    public double Plain()
    {
        double total = 0;
        foreach (var hkl in _reflections) total += _evaluator.SquaredModulus(hkl);
        return total;
    }

    /// <summary>|F|² and its gradient, then |F|² at 1/d² ± 1e-4 (one cell column), over the reflection list.</summary>
    [Benchmark]
    public double WithOneCellColumn()
    {
        double total = 0;
        for (int r = 0; r < _reflections.Length; r++)
        {
            total += _evaluator.SquaredModulus(_reflections[r], _gradient);
            total += _evaluator.SquaredModulusAtSpacing(_reflections[r], _q[r] * (1 + 1e-4));
            total += _evaluator.SquaredModulusAtSpacing(_reflections[r], _q[r] * (1 - 1e-4));
        }
        return total;
    }
}
