using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>How a refinement ends and how it refuses bad input.</summary>
public sealed class RefinementStatusTests
{
    private static RefinementPattern Pattern(string name = "sxrd") => RefinementTestModels.Simulate(name, RietveldTestModels.Synchrotron(),
        [new SimulatedPhase(RietveldTestModels.Layered(), 1e-3), new SimulatedPhase(RietveldTestModels.Rocksalt(), 5e-4)], [50, -5, 2], noiseSeed: 5);

    private static RefinementBuilder Start() => Refinement.Of(RietveldTestModels.Layered(2.9405, 14.405), RietveldTestModels.Rocksalt())
        .Against(Pattern()).WithScales(("layered", 1e-3), ("rocksalt", 5e-4));

    [Fact]
    public void ARedundantScaleIsSingularAndNamed()
    {
        // The pattern scale and both phase scales: only two of the three products are determined.
        var result = Start().Refine("hist:sxrd/scale", "layered/scale", "rocksalt/scale").WithMaximumCycles(5).Run();
        Assert.Equal(LeastSquaresStatus.Singular, result.Status);
        Assert.Contains(result.NullSpaceParameters, n => n.Contains("scale", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCycleLimitStopsWithTheBestStateKept()
    {
        var result = Start().Refine("layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c").WithMaximumCycles(1).Run();
        Assert.Equal(LeastSquaresStatus.MaximumCycles, result.Status);
        Assert.Single(result.History);
        Assert.True(result.History[0].Rwp > 0);
    }

    [Fact]
    public void CancellationStopsBetweenCycles()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var result = Start().Refine("layered/scale", "layered/cell/a").Run(cancellationToken: source.Token);
        Assert.Equal(LeastSquaresStatus.Cancelled, result.Status);
        Assert.Equal(2.9405, result["layered/cell/a"].Value, 12);
    }

    [Fact]
    public void BadInputIsRefusedWithItsName()
    {
        var duplicate = Assert.Throws<ArgumentException>(() => Start().Against(Pattern()).Refine("layered/scale").Run());
        Assert.Contains("sxrd", duplicate.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => Start().Refine("spinel/cell/a").Run());
        Assert.Contains("spinel/cell/a", unknown.Message, StringComparison.Ordinal);
        var noPattern = Assert.Throws<InvalidOperationException>(() => Refinement.Of(RietveldTestModels.Layered()).Refine("layered/scale").Run());
        Assert.Contains("Against", noPattern.Message, StringComparison.Ordinal);
        var format = Assert.Throws<FormatException>(() => Start().Refine("layered//a"));
        Assert.Contains("layered//a", format.Message, StringComparison.Ordinal);
        var range = Assert.Throws<ArgumentException>(() => Pattern().WithRange((20, 30)));
        Assert.Contains("sxrd", range.Message, StringComparison.Ordinal);
    }
}
