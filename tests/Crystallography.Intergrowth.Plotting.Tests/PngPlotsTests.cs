using System.Buffers.Binary;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.StructureModel;
using SkiaSharp;

namespace Crystallography.Intergrowth.Plotting.Tests;

/// <summary>
/// The PNG plots render headless on this machine (ScottPlot over SkiaSharp's native library): each file is a PNG of the size
/// asked for, and its pixels hold the series' colours where the plot puts them.
/// </summary>
public sealed class PngPlotsTests
{
    private static readonly SKColor Observed = SKColor.Parse("#d62728"), Difference = SKColor.Parse("#1f77b4");

    // The study's two phases, 70:30 per O2, simulated for synchrotron X-rays with a little noise, and one quick refinement.
    private static readonly Lazy<RefinementResult> Result = new(() =>
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+")],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257,
            lithiumLayerUiso: 0.012, metalLayerUiso: 0.006, oxygenUiso: 0.008).PerFormulaUnit("O2");
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16, [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)],
            cationUiso: 0.007, anionUiso: 0.009).PerFormulaUnit("O2");
        var instrument = Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99), new TchProfile { U = 0.004, V = -0.0008, W = 0.0003, X = 0.004, Y = 0.006 });
        var range = PatternRange.Uniform(4, 0.005, 13);
        var y = new PatternSimulator(instrument).Simulate(SimulatedPhase.FromMoleFractions([(layered, 0.7), (rocksalt, 0.3)], 0.03), range).Y;
        var random = new Random(3);
        var counts = y.Select(v => v + 100 + Math.Sqrt(v + 100) * (random.NextDouble() - 0.5) * 3.46).ToArray();
        var pattern = RefinementPattern.WithCountingWeights("sxrd", range.X, counts, instrument, new ChebyshevBackground(range.X[0], range.X[^1], [100, 0]));
        return Refinement.Refinement.Of(layered, rocksalt).Against(pattern).WithFractions(("layered", 0.7), ("rocksalt", 0.3))
            .StartingAt("hist:sxrd/scale", 0.03).Refine("hist:sxrd/scale", "hist:sxrd/bkg[0]").WithMaximumCycles(5).Run();
    });

    [Fact]
    public void TheRietveldPlotIsAPngOfTheSizeAskedWithObservedAndDifferenceDrawn()
    {
        string path = Temporary();
        try
        {
            PngPlots.WriteRietveld(Result.Value, path, width: 900, panelHeight: 400);
            var (width, height) = PngSize(path);
            Assert.Equal((900, 400), (width, height));
            using var bitmap = SKBitmap.Decode(path);
            Assert.Equal(900, bitmap.Width);
            // The observed points (red) and the difference curve (blue) are drawn: hundreds of pixels of each colour.
            Assert.True(Count(bitmap, Observed) > 200, $"{Count(bitmap, Observed)} red pixels");
            Assert.True(Count(bitmap, Difference) > 200, $"{Count(bitmap, Difference)} blue pixels");
            // The difference curve lies below the peaks: its mean row is in the lower half of the image.
            Assert.True(MeanRow(bitmap, Difference) > height / 2.0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheSeriesPlotHasOnePanelPerPanelName()
    {
        double[] hours = [0, 1.5, 3, 4.5];
        var a = new PlotSeries("layered/cell/a", hours, [new(2.9419, 0.0001), new(2.9391, 0.0001), new(2.9352, 0.0002), new(2.9330, 0.0002)], "a (Å)");
        var c = new PlotSeries("layered/cell/c", hours, [new(14.407, 0.001), new(14.431, 0.002), new(14.455, 0.002), new(14.470, 0.003)], "c (Å)");
        var multiplot = PngPlots.ParameterSeries([a, c], "time (h)");
        Assert.Equal(2, ScottPlot.IMultiplotExtensions.Count(multiplot));
        string path = Temporary();
        try
        {
            PngPlots.WriteParameterSeries([a, c], path, "time (h)", width: 600, panelHeight: 250);
            Assert.Equal((600, 500), PngSize(path));
            using var bitmap = SKBitmap.Decode(path);
            // The first series (blue) in the top panel, the second (red) in the bottom one.
            Assert.InRange(MeanRow(bitmap, Difference), 0, 250);
            Assert.InRange(MeanRow(bitmap, Observed), 250, 500);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheScanPlotRingsTheLowestPoint()
    {
        double[] ratio = [1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
        double[] wrp = [0.0712, 0.0581, 0.0547, 0.0569, 0.0618, 0.0679];
        string path = Temporary();
        try
        {
            PngPlots.WriteAgreementScan(ratio, wrp, path, "layered:rocksalt molar ratio", width: 700, height: 400);
            Assert.Equal((700, 400), PngSize(path));
            using var bitmap = SKBitmap.Decode(path);
            Assert.True(Count(bitmap, Difference) > 100);
            // The red ring (and its label) sit low in the plot, where the minimum is: below the middle.
            Assert.True(Count(bitmap, Observed) > 20);
            Assert.True(MeanRow(bitmap, Observed) > 200);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<ArgumentException>(() => PngPlots.AgreementScan([2.0, 1.0], [0.1, 0.2]));
    }

    [Fact]
    public void The_page_example_writes_the_three_files()
    {
        var result = Result.Value;
        double[] hours = [0, 1.5, 3];
        var a = new PlotSeries("layered/cell/a", hours, [new(2.9419, 0.0001), new(2.9391, 0.0001), new(2.9352, 0.0002)], "a (Å)");
        var c = new PlotSeries("layered/cell/c", hours, [new(14.407, 0.001), new(14.431, 0.002), new(14.455, 0.002)], "c (Å)");
        double[] ratio = [1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
        double[] wrp = [0.0712, 0.0581, 0.0547, 0.0569, 0.0618, 0.0679];
        string folder = Path.Combine(Path.GetTempPath(), $"plots-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(folder);
            PngPlots.WriteRietveld(result, "rietveld.png", width: 1200, panelHeight: 500);        // one plot per pattern, stacked
            PngPlots.WriteParameterSeries([a, c], "cell.png", "time (h)", width: 800, panelHeight: 300);
            PngPlots.WriteAgreementScan(ratio, wrp, "scan.png", "layered:rocksalt molar ratio");
            Assert.Equal((1200, 500), PngSize(Path.Combine(folder, "rietveld.png")));
            Assert.Equal((800, 600), PngSize(Path.Combine(folder, "cell.png")));
            Assert.Equal((800, 450), PngSize(Path.Combine(folder, "scan.png")));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Directory.Delete(folder, recursive: true);
        }

        // docs/plots.md's PNG block (the second ```csharp block) is these lines.
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "plots.md"));
        int start = page.IndexOf("```csharp\nPngPlots.", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/plots.md has no PNG example");
        int end = page.IndexOf("```", start + 9, StringComparison.Ordinal);
        string test = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Crystallography.Intergrowth.Plotting.Tests", "PngPlotsTests.cs"));
        foreach (string line in page[(start + 10)..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Contains(line.Trim(), test, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Crystallography.Intergrowth.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException("Crystallography.Intergrowth.sln not found above the test binaries.");
    }

    private static string Temporary() => Path.Combine(Path.GetTempPath(), $"plot-{Guid.NewGuid():N}.png");

    // The PNG signature and the IHDR chunk's width and height (big-endian), read from the file itself.
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    // Pixels within a small distance of a colour (antialiasing blends the edges of lines and markers).
    private static bool Near(SKColor p, SKColor c) => Math.Abs(p.Red - c.Red) + Math.Abs(p.Green - c.Green) + Math.Abs(p.Blue - c.Blue) < 40;

    private static int Count(SKBitmap bitmap, SKColor colour)
    {
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (Near(bitmap.GetPixel(x, y), colour)) n++;
        return n;
    }

    private static double MeanRow(SKBitmap bitmap, SKColor colour)
    {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (Near(bitmap.GetPixel(x, y), colour))
                {
                    sum += y;
                    n++;
                }
        return n == 0 ? double.NaN : sum / n;
    }
}
