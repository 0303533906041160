using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// The candidate columns a <see cref="RefinementProblem"/> reports with each Jacobian (<see cref="IJacobianSparsity"/>):
/// the normal equations read nothing else, so every non-zero of the Jacobian must lie in a candidate column of its
/// segment — for every peak shape (symmetric, FCJ with Kα1/Kα2, TOF), joint patterns, excluded regions and constraints.
/// </summary>
public sealed class RefinementSparsityTests
{
    private static readonly string[] Shared =
    [
        "layered/scale", "rocksalt/scale", "layered/cell/a", "layered/cell/c", "rocksalt/cell/a", "layered/O1/z", "layered/O1/Uiso",
        "layered/M1/occ[Ni]", "rocksalt/M1/occ[Li]",
    ];

    private static readonly string[] ConstantWavelength = ["zero", "U", "W", "Y", "bkg[0]", "bkg[1]", "bkg[2]"];
    private static readonly string[] TimeOfFlight = ["difc", "zero", "Alpha1", "Beta0", "Sigma1Squared", "Gamma1", "bkg[0]", "bkg[1]"];

    [Property(MaxTest = 24)]
    public bool EveryNonZeroLiesInACandidateColumn(int seed)
    {
        var random = new Random(seed);
        var problem = RandomProblem(random);
        int n = problem.ObservationCount, p = problem.ParameterCount;
        var v = Near(problem, random);
        var residuals = new double[n];
        var jacobian = new double[n * p];
        problem.Evaluate(v, residuals, jacobian);
        var candidates = ((IJacobianSparsity)problem).CandidateColumns.ToArray();
        int words = NormalEquations.MaskWords(p);
        Assert.Equal(NormalEquations.SegmentCount(n) * words, candidates.Length);
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++)
            {
                if (jacobian[j * n + i] == 0) continue;
                ulong word = candidates[i / NormalEquations.SegmentRows * words + (j >> 6)];
                if ((word & (1UL << (j & 63))) == 0)
                    throw new InvalidOperationException($"seed {seed}: J[{i}, {problem.Space.DescribeVariable(j)}] = {jacobian[j * n + i]:R} is not a candidate");
            }
        return true;
    }

    /// <summary>
    /// The engine's evaluation (<see cref="IJacobianSparsity.EvaluateCandidates"/>) writes the candidate segments only:
    /// into a buffer of NaN, and again at another point over what the first call left, those segments equal the full
    /// evaluation's bit for bit, and the normal equations built from either are the same.
    /// </summary>
    [Property(MaxTest = 24)]
    public bool TheEnginesEvaluationWritesTheCandidatesExactly(int seed)
    {
        var random = new Random(seed);
        var problem = RandomProblem(random);
        var sparse = (IJacobianSparsity)problem;
        int n = problem.ObservationCount, p = problem.ParameterCount, words = NormalEquations.MaskWords(p);
        var buffer = Enumerable.Repeat(double.NaN, n * p).ToArray();
        foreach (var v in new[] { Near(problem, random), Near(problem, random) })
        {
            var full = new double[n * p];
            var residuals = new double[n];
            var sparseResiduals = new double[n];
            problem.Evaluate(v, residuals, full);
            sparse.EvaluateCandidates(v, sparseResiduals, buffer);
            Assert.Equal(residuals, sparseResiduals);
            var candidates = sparse.CandidateColumns;
            for (int j = 0; j < p; j++)
                for (int i = 0; i < n; i++)
                {
                    bool candidate = (candidates[i / NormalEquations.SegmentRows * words + (j >> 6)] & (1UL << (j & 63))) != 0;
                    if (candidate && !full[j * n + i].Equals(buffer[j * n + i]))
                        throw new InvalidOperationException($"seed {seed}: J[{i}, {j}] is {buffer[j * n + i]:R}, the full evaluation's {full[j * n + i]:R}");
                }
            var (a, g) = (new double[p * p], new double[p]);
            var (b, h) = (new double[p * p], new double[p]);
            NormalEquations.Build(full, residuals, n, p, a, g, candidates);
            NormalEquations.Build(buffer, sparseResiduals, n, p, b, h, candidates);
            Assert.Equal(a, b);
            Assert.Equal(g, h);
        }
        return true;
    }

    private static double[] Near(RefinementProblem problem, Random random)
    {
        var v = problem.StartingVariables();
        for (int j = 0; j < v.Length; j++) v[j] *= 1 + 1e-4 * (2 * random.NextDouble() - 1);
        return v;
    }

    private static RefinementProblem RandomProblem(Random random)
    {
        var layered = RietveldTestModels.Layered();
        var rocksalt = RietveldTestModels.Rocksalt();
        int patterns = random.Next(1, 4);
        var list = new List<RefinementPattern>();
        var refined = new List<string>(Shared.Where(_ => random.NextDouble() < 0.6));
        for (int h = 0; h < patterns; h++)
        {
            int kind = random.Next(4);
            var instrument = kind switch
            {
                0 => RefinementTestModels.Synchrotron(),
                1 => RefinementTestModels.LaboratoryCopper(),
                2 => RefinementTestModels.Neutrons(),
                _ => RefinementTestModels.TimeOfFlight(),
            };
            var range = RefinementTestModels.RangeFor(instrument);
            var y = new PatternSimulator(instrument).Simulate([new SimulatedPhase(layered, 1e-3), new SimulatedPhase(rocksalt, 5e-4)], range).Y;
            string name = $"h{h}";
            var pattern = RefinementPattern.WithCountingWeights(name, range.X, [.. y.Select(v => v + 30)], instrument,
                new ChebyshevBackground(range.X[0], range.X[^1], [30, 2, 1]));
            if (random.Next(2) == 0)
            {
                // An excluded region in the middle: the rows are the fitted points only.
                double a = range.X[0], b = range.X[^1];
                pattern = pattern.WithRange((a, b), [(a + 0.4 * (b - a), a + 0.5 * (b - a))]);
            }
            list.Add(pattern);
            refined.AddRange((kind == 3 ? TimeOfFlight : ConstantWavelength).Where(_ => random.NextDouble() < 0.6).Select(p => $"hist:{name}/{p}"));
        }
        var builder = ConstraintSet.CreateBuilder().Refine(refined.DefaultIfEmpty("layered/cell/a").ToArray());
        if (refined.Contains("layered/scale") && refined.Contains("rocksalt/scale") && random.Next(2) == 0)
            builder.Add("layered/scale - 2 * rocksalt/scale = 0");   // a variable that feeds two parameters
        return new RefinementProblem([layered, rocksalt], list, builder.Build(),
            new Dictionary<string, double> { ["layered"] = 1e-3, ["rocksalt"] = 5e-4 });
    }

    /// <summary>
    /// The masks are not trivially "everything": on a synchrotron pattern with sharp peaks most segments carry only
    /// the background terms, and a second pattern's own parameters are never candidates on the first pattern's rows.
    /// </summary>
    [Fact]
    public void BetweenPeaksOnlyTheBackgroundIsACandidate()
    {
        var sharp = Instrument.ConstantWavelength(new SynchrotronXRays(0.4137, 0.99), new TchProfile { U = 0.0004, V = -0.0001, W = 0.00003, Y = 0.002 });
        var range = PatternRange.Uniform(3, 0.001, 20);
        var y = new PatternSimulator(sharp).Simulate([new SimulatedPhase(RietveldTestModels.Layered(), 1e-3)], range).Y;
        var sxrd = RefinementPattern.WithCountingWeights("sxrd", range.X, [.. y.Select(v => v + 30)], sharp,
            new ChebyshevBackground(range.X[0], range.X[^1], [30, 2, 1]));
        var neutrons = RefinementTestModels.Neutrons();
        var nRange = RefinementTestModels.RangeFor(neutrons);
        var ny = new PatternSimulator(neutrons).Simulate([new SimulatedPhase(RietveldTestModels.Layered(), 1e-3)], nRange).Y;
        var cwn = RefinementPattern.WithCountingWeights("cwn", nRange.X, [.. ny.Select(v => v + 30)], neutrons,
            new ChebyshevBackground(nRange.X[0], nRange.X[^1], [30, 2, 1]));
        var problem = new RefinementProblem([RietveldTestModels.Layered()], [sxrd, cwn], ConstraintSet.CreateBuilder()
            .Refine("layered/cell/a", "layered/O1/z", "hist:sxrd/zero", "hist:sxrd/U", "hist:sxrd/bkg[0]", "hist:sxrd/bkg[1]",
                    "hist:cwn/zero", "hist:cwn/U", "hist:cwn/bkg[0]").Build(),
            new Dictionary<string, double> { ["layered"] = 1e-3 });
        int n = problem.ObservationCount, p = problem.ParameterCount;
        problem.Evaluate(problem.StartingVariables(), new double[n], new double[n * p]);
        var candidates = ((IJacobianSparsity)problem).CandidateColumns;
        int column(string id) => problem.Space.IndexOf(ParameterId.Parse(id));
        ulong background = (1UL << column("hist:sxrd/bkg[0]")) | (1UL << column("hist:sxrd/bkg[1]"));
        int sxrdSegments = sxrd.FittedPoints.Length / NormalEquations.SegmentRows;
        int backgroundOnly = 0;
        for (int s = 0; s < sxrdSegments; s++)
        {
            Assert.Equal(0UL, candidates[s] & ((1UL << column("hist:cwn/zero")) | (1UL << column("hist:cwn/U")) | (1UL << column("hist:cwn/bkg[0]"))));
            if (candidates[s] == background) backgroundOnly++;
        }
        Assert.True(backgroundOnly > sxrdSegments / 2, $"{backgroundOnly} of {sxrdSegments} synchrotron segments hold only the background");
    }
}
