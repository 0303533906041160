using Crystallography.Intergrowth.Refinement;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>Behaviour of <see cref="LevenbergMarquardt"/> beyond the NIST problems: statuses, guards, progress, allocation.</summary>
public sealed class LeastSquaresEngineTests
{
    /// <summary>y = f(x; p) with an analytic gradient, unit or given weights, on fixed data.</summary>
    private sealed class CurveProblem(double[] x, double[] y, NistModel model, int parameterCount, double[]? lower = null, double[]? upper = null)
        : ILeastSquaresProblem
    {
        private readonly double[] _gradient = new double[parameterCount];
        public int ObservationCount => x.Length;
        public int ParameterCount => parameterCount;
        public int Evaluations { get; private set; }

        public void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor)
        {
            Evaluations++;
            int n = x.Length;
            for (int i = 0; i < n; i++)
            {
                double f = model(x[i], parameters, _gradient);
                weightedResiduals[i] = y[i] - f;
                if (!jacobianColumnMajor.IsEmpty)
                    for (int j = 0; j < parameterCount; j++) jacobianColumnMajor[j * n + i] = _gradient[j];
            }
        }

        public double LowerBound(int index) => lower?[index] ?? double.NegativeInfinity;
        public double UpperBound(int index) => upper?[index] ?? double.PositiveInfinity;
    }

    private sealed class SynchronousProgress(Action<LeastSquaresProgress> onReport) : IProgress<LeastSquaresProgress>
    {
        public void Report(LeastSquaresProgress value) => onReport(value);
    }

    private static readonly double[] LineX = [0, 1, 2, 3, 4, 5, 6, 7];
    private static readonly double[] LineY = [1.1, 2.9, 5.2, 7.0, 8.8, 11.1, 13.0, 14.9];

    // y = (a + b)·x + c: a and b enter only through their sum.
    private static double SumSlope(double x, ReadOnlySpan<double> p, Span<double> g)
    {
        g[0] = x; g[1] = x; g[2] = 1;
        return (p[0] + p[1]) * x + p[2];
    }

    [Fact]
    public void ParametersEnteringOnlyAsTheirSumAreReportedSingularByIndexAndName()
    {
        var problem = new CurveProblem(LineX, LineY, SumSlope, 3);
        var result = new LevenbergMarquardt().Minimize(problem, [1.0, 0.5, 0.0], ["a", "b", "c"]);

        Assert.Equal(LeastSquaresStatus.Singular, result.Status);
        Assert.Equal([0, 1], result.NullSpaceParameters.ToArray());
        Assert.Equal(["a", "b"], result.NullSpaceParameterNames.ToArray());
        Assert.True(double.IsPositiveInfinity(result.StandardUncertainties[0]));
        Assert.True(double.IsPositiveInfinity(result.StandardUncertainties[1]));
        Assert.True(double.IsFinite(result.StandardUncertainties[2]) && result.StandardUncertainties[2] > 0);
        Assert.All(result.Parameters, v => Assert.True(double.IsFinite(v)));

        // The determined combination is the straight-line fit: slope and intercept by ordinary least squares.
        double mx = LineX.Average(), my = LineY.Average();
        double slope = LineX.Zip(LineY, (x, y) => (x - mx) * (y - my)).Sum() / LineX.Sum(x => (x - mx) * (x - mx));
        Assert.Equal(slope, result.Parameters[0] + result.Parameters[1], 1e-9);
        Assert.Equal(my - slope * mx, result.Parameters[2], 1e-9);
    }

    [Fact]
    public void NonFiniteTrialsAreRejectedAndTheStepShortened()
    {
        // y = x / sqrt(p), data made with p = 0.01, start p = 1: the first Gauss–Newton step lands
        // near p = −17, where the model is NaN. That trial must be rejected, never returned.
        double[] x = [1, 2, 3, 4, 5];
        double[] y = x.Select(v => v / Math.Sqrt(0.01)).ToArray();
        NistModel model = (xi, p, g) => { g[0] = -0.5 * xi * Math.Pow(p[0], -1.5); return xi / Math.Sqrt(p[0]); };
        var result = new LevenbergMarquardt(NistCertifiedTests.Tight).Minimize(new CurveProblem(x, y, model, 1), [1.0]);

        Assert.Contains(result.History, t => !t.Accepted && double.IsPositiveInfinity(t.ChiSquared));
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.Equal(0.01, result.Parameters[0], 1e-12);
    }

    [Fact]
    public void AModelThatBreaksDownEverywhereButTheStartDivergesAndKeepsTheStart()
    {
        double[] x = [1, 2, 3, 4];
        double[] y = [2, 4, 6, 8];
        NistModel model = (xi, p, g) => { g[0] = xi; return p[0] == 1.0 ? xi * p[0] : double.NaN; };
        var result = new LevenbergMarquardt().Minimize(new CurveProblem(x, y, model, 1), [1.0]);

        Assert.Equal(LeastSquaresStatus.Diverged, result.Status);
        Assert.Equal(1.0, result.Parameters[0]);
        Assert.Equal(30.0, result.ChiSquared); // Σ (2x − x)² = 1 + 4 + 9 + 16
        Assert.True(double.IsFinite(result.StandardUncertainties[0]));
        Assert.All(result.History, t => Assert.False(t.Accepted));
    }

    [Fact]
    public void CancellationReturnsTheBestStateSoFar()
    {
        var data = NistDataset.Load("Lanczos3");
        var problem = new NistProblem(data);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Cycle == 3) cts.Cancel(); });
        var result = new LevenbergMarquardt(NistCertifiedTests.Tight).Minimize(problem, data.Start1, progress: progress, cancellationToken: cts.Token);

        Assert.Equal(LeastSquaresStatus.Cancelled, result.Status);
        Assert.Equal(3, result.Cycles);
        Assert.All(result.Parameters, v => Assert.True(double.IsFinite(v)));
        var r = new double[problem.ObservationCount];
        problem.Evaluate(data.Start1, r, []);
        Assert.True(result.ChiSquared <= r.Sum(v => v * v));
    }

    [Fact]
    public void ProgressIsReportedOncePerCycleWithNonIncreasingChiSquared()
    {
        var data = NistDataset.Load("Thurber");
        var reports = new List<LeastSquaresProgress>();
        var result = new LevenbergMarquardt(NistCertifiedTests.Tight)
            .Minimize(new NistProblem(data), data.Start1, progress: new SynchronousProgress(reports.Add));

        Assert.Equal(result.Cycles, reports.Count);
        Assert.Equal(Enumerable.Range(1, result.Cycles), reports.Select(r => r.Cycle));
        for (int k = 1; k < reports.Count; k++) Assert.True(reports[k].ChiSquared <= reports[k - 1].ChiSquared);
        Assert.Equal(result.ChiSquared, reports[^1].ChiSquared);
        Assert.All(reports, r => Assert.Equal(r.ChiSquared / 30, r.ReducedChiSquared, 1e-12 * r.ReducedChiSquared));
        Assert.True(reports[^1].LargestShiftOverUncertainty <= NistCertifiedTests.Tight.ShiftOverUncertaintyTolerance || !reports[^1].Accepted);
    }

    [Fact]
    public void SteadyStateCyclesAllocateNothing()
    {
        // The workspace's own buffers and Cholesky: MathNet is used only in Finish (SVD, once).
        var data = NistDataset.Load("Lanczos3");
        var workspace = new LevenbergMarquardt(NistCertifiedTests.Tight).CreateWorkspace(new NistProblem(data));
        workspace.Start(data.Start1);
        for (int k = 0; k < 3; k++) workspace.RunCycle();
        // The fewest bytes over five windows of 8 cycles (TestKit's Allocation explains why not one window).
        long allocated = Crystallography.Intergrowth.TestKit.Allocation.FewestBytes(() =>
        {
            for (int k = 0; k < 8; k++) workspace.RunCycle();
        }, trials: 5);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void BoundsHoldAParameterAtItsLimit()
    {
        NistModel slope = (xi, p, g) => { g[0] = xi; return p[0] * xi; };
        double[] y = LineX.Select(v => 2 * v).ToArray();
        var problem = new CurveProblem(LineX, y, slope, 1, upper: [1.5]);
        var result = new LevenbergMarquardt().Minimize(problem, [1.0]);
        Assert.Equal(1.5, result.Parameters[0]);
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
    }

    [Fact]
    public void ABoundParameterIsHeldWhileTheOthersConvergeInAFewCycles()
    {
        // y = a + b·x on x = 0…7 with a bounded at 0.5 below its free optimum (≈ 1.1): the constrained minimum is
        // a = 0.5, b = Σx(y − 0.5)/Σx². The model is linear, so once a is on its bound the step with a held reaches that
        // minimum at once; clamping a alone would move b as if a followed (b correlates with a) and creep.
        NistModel line = (xi, p, g) => { g[0] = 1; g[1] = xi; return p[0] + p[1] * xi; };
        var problem = new CurveProblem(LineX, LineY, line, 2, upper: [0.5, double.PositiveInfinity]);
        var result = new LevenbergMarquardt().Minimize(problem, [0.0, 1.0]);
        double b = LineX.Zip(LineY, (x, y) => x * (y - 0.5)).Sum() / LineX.Sum(x => x * x);
        Assert.Equal(LeastSquaresStatus.Converged, result.Status);
        Assert.Equal(0.5, result.Parameters[0]);
        Assert.Equal(b, result.Parameters[1], 10);
        Assert.True(result.Cycles <= 6, $"{result.Cycles} cycles");
    }

    [Fact]
    public void CovarianceAndCorrelationAreConsistentWithTheUncertainties()
    {
        var data = NistDataset.Load("Misra1a");
        var result = new LevenbergMarquardt(NistCertifiedTests.Tight).Minimize(new NistProblem(data), data.Start2, ["b1", "b2"]);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(result.StandardUncertainties[j] * result.StandardUncertainties[j], result.Covariance(j, j), 1e-12 * result.Covariance(j, j));
            Assert.Equal(result.UnscaledStandardUncertainties[j] * Math.Sqrt(result.ReducedChiSquared), result.StandardUncertainties[j], 1e-12 * result.StandardUncertainties[j]);
            Assert.Equal(1.0, result.Correlation(j, j));
        }
        Assert.Equal(result.Correlation(0, 1), result.Correlation(1, 0));
        Assert.Equal(result.Covariance(0, 1) / (result.StandardUncertainties[0] * result.StandardUncertainties[1]), result.Correlation(0, 1), 1e-12);
        Assert.InRange(result.Correlation(0, 1), -1, 1);
        Assert.Equal(12, result.DegreesOfFreedom);
        Assert.Empty(result.NullSpaceParameters);
        Assert.Equal(result.CovarianceMatrix()[0, 1], result.Covariance(0, 1));
    }

    [Fact]
    public void MisuseIsRejectedAtEntry()
    {
        var problem = new CurveProblem(LineX, LineY, SumSlope, 3);
        var engine = new LevenbergMarquardt();
        Assert.Throws<ArgumentException>(() => engine.Minimize(problem, [double.NaN, 0, 0]));
        Assert.Throws<ArgumentException>(() => engine.Minimize(problem, [1.0, 0.0]));
        Assert.Throws<ArgumentException>(() => engine.Minimize(problem, [1.0, 0.0, 0.0], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => engine.Minimize(new CurveProblem([1, 2], [1, 2], SumSlope, 3), [1.0, 0, 0]));
        Assert.Throws<ArgumentException>(() => engine.Minimize(new CurveProblem(LineX, LineY, SumSlope, 3, upper: [0, 0, 0]), [1.0, 0, 0]));
        Assert.Throws<ArgumentException>(() => engine.Minimize(new CurveProblem(LineX, LineY, SumSlope, 3, lower: [1, 0, 0], upper: [0, 0, 0]), [0.5, 0, 0]));
        NistModel broken = (xi, p, g) => { g[0] = 1; return double.NaN; };
        Assert.Throws<ArgumentException>(() => engine.Minimize(new CurveProblem(LineX, LineY, broken, 1), [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardt(LevenbergMarquardtOptions.Default with { MaximumCycles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardt(LevenbergMarquardtOptions.Default with { LambdaIncreaseFactor = 1 }));
    }

    [Fact]
    public void MaximumCyclesKeepsTheBestStateSoFar()
    {
        var data = NistDataset.Load("Lanczos3");
        var result = new LevenbergMarquardt(NistCertifiedTests.Tight with { MaximumCycles = 5 }).Minimize(new NistProblem(data), data.Start1);
        Assert.Equal(LeastSquaresStatus.MaximumCycles, result.Status);
        Assert.Equal(5, result.Cycles);
        Assert.All(result.Parameters, v => Assert.True(double.IsFinite(v)));
        Assert.All(result.StandardUncertainties, v => Assert.True(double.IsFinite(v)));
    }
}
