using System.Globalization;
using Crystallography.Intergrowth.Cli.Demo;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Cli.Tests;

/// <summary>
/// The demo's embedded patterns: the committed files are exactly what the generator writes from Table S1 and the seeds
/// (so they can be regenerated and audited), the model is Table S1, and the noise is Poisson.
/// </summary>
/// <remarks>
/// To regenerate the files after a deliberate change of the model or the simulator, run this class with
/// <c>INTERGROWTH_WRITE_DEMO_DATA=1</c> (docs/cli.md, "demo"): the first test then writes them instead of comparing.
/// </remarks>
public sealed class DemoDataTests
{
    public static TheoryData<string> PatternNames => [.. StudyDemoModel.Patterns.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PatternNames))]
    public void TheEmbeddedFileIsWhatTheGeneratorWrites(string name)
    {
        var pattern = StudyDemoModel.Patterns.Single(p => p.Name == name);
        string path = RepositoryLayout.PathOf("src", "Crystallography.Intergrowth.Cli", "Data", "demo", pattern.Resource);
        string generated = StudyDemoModel.WriteDataFile(pattern);
        if (Environment.GetEnvironmentVariable("INTERGROWTH_WRITE_DEMO_DATA") == "1") File.WriteAllText(path, generated);
        Assert.Equal(generated, File.ReadAllText(path));
        // The embedded copy is the committed file.
        Assert.Equal(generated, DemoCommand.ReadEmbedded(pattern.Resource));
        Assert.StartsWith("# SIMULATED DATA - not a measurement.", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModelIsTableS1AsTheEmbeddedCifsGiveIt()
    {
        var layered = Cif.ReadPhases(RepositoryLayout.PathOf("src", "Crystallography.Intergrowth.Cli", "Data", "layered_S1.cif"))[0];
        var rocksalt = Cif.ReadPhases(RepositoryLayout.PathOf("src", "Crystallography.Intergrowth.Cli", "Data", "rocksalt_S1.cif"))[0];
        var model = (Layered: StudyDemoModel.Layered(), Rocksalt: StudyDemoModel.Rocksalt());
        Assert.Equal(layered.Cell.A, model.Layered.Cell.A, 12);
        Assert.Equal(layered.Cell.C, model.Layered.Cell.C, 12);
        Assert.Equal(rocksalt.Cell.A, model.Rocksalt.Cell.A, 12);
        // Each site's occupants by element (the CIF gives elements without charges), at the same Wyckoff position.
        foreach (var (cif, built) in new[] { (layered, model.Layered), (rocksalt, model.Rocksalt) })
            foreach (var site in built.Sites)
            {
                var twin = cif.Sites.Single(s => s.Wyckoff.Letter == site.Wyckoff.Letter);
                Assert.Equal(twin.Position.Z, site.Position.Z, 12);
                var occupancies = site.Occupants.Where(o => o.Occupancy > 0).ToDictionary(o => o.Species.Element.Symbol, o => o.Occupancy);
                Assert.Equal(twin.Occupants.ToDictionary(o => o.Species.Element.Symbol, o => o.Occupancy).OrderBy(e => e.Key), occupancies.OrderBy(e => e.Key));
            }
        // Uiso by element, as the CIF lists them.
        foreach (var (cif, built) in new[] { (layered, model.Layered), (rocksalt, model.Rocksalt) })
            Assert.Equal(cif.Sites.Select(s => s.Displacement.Uiso).Distinct().Order(), built.Sites.Select(s => s.Displacement.Uiso).Distinct().Order());
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(3.2, 2)]
    [InlineData(9.99, 3)]
    [InlineData(10, 4)]
    [InlineData(47.5, 5)]
    [InlineData(2000, 6)]
    [InlineData(20000, 7)]
    public void CountsHaveThePoissonMeanAndVariance(double mean, int seed)
    {
        const int n = 200_000;
        var noise = new PoissonCounts(seed);
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double k = noise.Next(mean);
            sum += k;
            sumSquares += k * k;
        }
        double average = sum / n, variance = sumSquares / n - average * average;
        // The sample mean has s.d. √(λ/n); the sample variance ≈ λ·√(2/n) (plus λ²·0 excess for large λ; 1/λ kurtosis term small).
        Assert.InRange(average, mean - 5 * Math.Sqrt(mean / n), mean + 5 * Math.Sqrt(mean / n));
        Assert.InRange(variance, mean * (1 - 5 * Math.Sqrt((2 + 1 / mean) / n)), mean * (1 + 5 * Math.Sqrt((2 + 1 / mean) / n)));
    }

    [Theory]
    [InlineData(4.0, 11)]
    [InlineData(30.0, 12)]
    public void CountsFollowThePoissonDistribution(double mean, int seed)
    {
        // Pearson's χ² of 100 000 draws against the exact probabilities e^(−λ)λ^k/k!, cells with expectation ≥ 5 (the rest
        // pooled into the two tails). With ~25–45 degrees of freedom, χ² above 3× the degrees of freedom has p < 1e-6.
        const int n = 100_000;
        var noise = new PoissonCounts(seed);
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            int k = noise.Next(mean);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
        double Probability(int k) => Math.Exp(-mean + k * Math.Log(mean) - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1));
        var cells = Enumerable.Range(0, (int)(mean * 4 + 20)).Where(k => n * Probability(k) >= 5).ToArray();
        int low = cells.Min(), high = cells.Max();
        double chiSquare = 0;
        double lowP = Enumerable.Range(0, low + 1).Sum(Probability), highP = 1 - Enumerable.Range(0, high).Sum(Probability);
        int lowObserved = counts.Where(c => c.Key <= low).Sum(c => c.Value), highObserved = counts.Where(c => c.Key >= high).Sum(c => c.Value);
        chiSquare += Math.Pow(lowObserved - n * lowP, 2) / (n * lowP) + Math.Pow(highObserved - n * highP, 2) / (n * highP);
        for (int k = low + 1; k < high; k++)
            chiSquare += Math.Pow(counts.GetValueOrDefault(k) - n * Probability(k), 2) / (n * Probability(k));
        int freedom = high - low;
        Assert.True(chiSquare < 3 * freedom, string.Create(CultureInfo.InvariantCulture, $"χ² = {chiSquare:F1} over {freedom} degrees of freedom"));
    }
}
