using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Bad input is refused at entry with an <see cref="ArgumentException"/> that names the argument and
/// the value, before anything is written (STYLE.md: checked once at entry, the TensorPrimitives
/// habit): NaN and ±∞ injected into every input, at every position of short inputs.
/// </summary>
public class KernelArgumentTests
{
    private static readonly double[] NonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    private sealed class Inputs
    {
        public UniformGrid Grid = new(1, 0.01, 40);
        public double[] X = KernelReference.Abscissae(new UniformGrid(1, 0.01, 40));
        public double[] Position = [1.05, 1.2, 1.3];
        public double[] Fwhm = [0.02, 0.03, 0.05];
        public double[] Mixing = [0.1, 0.5, 0.9];
        public double[] Intensity = [1, 2, 3];
        public ProfileKernelOptions Options = ProfileKernelOptions.Default;
        public int[] EntryStart = [0, 1, 2, 4];
        public int[] Column = [0, 1, 0, 1];
        public double[] DIntensity = [1, 0, 2, 0];
        public double[] DPosition = [0, 1, 0, 1];
        public double[] DWidth = [0.1, 0, 0.2, 0];
        public double[] DMixing = [0, 0.3, 0, 0.4];
        public int Stride = 40;
        public double[] Y = new double[40];
        public double[] D1 = new double[40];
        public double[] D2 = new double[40];
        public double[] D3 = new double[40];
        public double[] Jacobian = new double[80];

        public PseudoVoigtPeaks Peaks => new(Position, Fwhm, Mixing, Intensity);

        public PeakParameterDerivatives Chain => new(EntryStart, Column, DIntensity, DPosition, DWidth, DMixing);

        /// <summary>Every public kernel entry point, on these inputs.</summary>
        public IEnumerable<(string Name, Action Call)> Calls()
        {
            yield return ("AccumulateProfile(grid)", () => PseudoVoigtProfileKernel.AccumulateProfile(Grid, Peaks, Options, Y));
            yield return ("AccumulateProfile(x)", () => PseudoVoigtProfileKernel.AccumulateProfile(X, Peaks, Options, Y));
            yield return ("AccumulateProfileAndDerivatives(grid)", () => PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(Grid, Peaks, Options, Y, D1, D2, D3));
            yield return ("AccumulateProfileAndDerivatives(x)", () => PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(X, Peaks, Options, Y, D1, D2, D3));
            yield return ("AccumulateProfileAndJacobian(grid)", () => PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(Grid, Peaks, Chain, Options, Stride, Y, Jacobian));
            yield return ("AccumulateProfileAndJacobian(x)", () => PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(X, Peaks, Chain, Options, Stride, Y, Jacobian));
            yield return ("CountEvaluations", () => PseudoVoigtProfileKernel.CountEvaluations(Grid, Peaks, Options));
            for (int k = 0; k < Position.Length; k++)
            {
                int r = k;
                yield return ($"EvaluatePeak(grid) {r}", () => PseudoVoigtProfileKernel.EvaluatePeak(Grid, Position[r], Fwhm[r], Mixing[r], Options, D1, D2, D3, Y));
                yield return ($"EvaluatePeak(x) {r}", () => PseudoVoigtProfileKernel.EvaluatePeak(X, Position[r], Fwhm[r], Mixing[r], Options, D1, D2, D3, Y));
                yield return ($"Window(grid) {r}", () => PseudoVoigtProfileKernel.Window(Grid, Position[r], Fwhm[r], Options));
                yield return ($"Window(x) {r}", () => PseudoVoigtProfileKernel.Window(X, Position[r], Fwhm[r], Options));
            }
        }

        public bool DestinationsUntouched => Y.All(v => v == 0) && D1.All(v => v == 0) && D2.All(v => v == 0) && D3.All(v => v == 0) && Jacobian.All(v => v == 0);
    }

    /// <summary>The untouched inputs are accepted by every entry point (so the refusals below are caused by the injected value).</summary>
    [Fact]
    public void ValidInputsAreAccepted()
    {
        foreach (var (_, call) in new Inputs().Calls())
        {
            call();
        }
    }

    /// <summary>Asserts that every entry point that reads the spoiled input throws ArgumentException naming it, and writes nothing.</summary>
    private static void AssertRefused(Action<Inputs> spoil, string parameter, string because, Func<string, bool>? reads = null)
    {
        var inputs = new Inputs();
        spoil(inputs);
        int refused = 0;
        foreach (var (name, call) in inputs.Calls())
        {
            if (reads is not null && !reads(name))
            {
                continue;
            }
            var e = Assert.ThrowsAny<ArgumentException>(call);
            Assert.True(e.ParamName == parameter, $"{name}, {because}: the exception names '{e.ParamName}', expected '{parameter}' ({e.Message})");
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            Assert.True(inputs.DestinationsUntouched, $"{name}, {because}: a destination was written before the check");
            refused++;
        }
        Assert.True(refused > 0);
    }

    private static bool ReadsTable(string name) => !name.StartsWith("EvaluatePeak", StringComparison.Ordinal) && !name.StartsWith("Window", StringComparison.Ordinal);

    private static bool ReadsGrid(string name) => !name.Contains("(x)", StringComparison.Ordinal);

    private static bool ReadsX(string name) => name.Contains("(x)", StringComparison.Ordinal);

    /// <summary>NaN, +∞ and −∞ at each index of each field of the peak table.</summary>
    [Fact]
    public void NonFinitePeakValuesAreRefused()
    {
        foreach (double bad in NonFinite)
        {
            for (int k = 0; k < 3; k++)
            {
                int at = k;
                AssertRefused(i => i.Position[at] = bad, "peaks", $"Position[{at}] = {bad}", ReadsTable);
                AssertRefused(i => i.Fwhm[at] = bad, "peaks", $"Fwhm[{at}] = {bad}", ReadsTable);
                AssertRefused(i => i.Mixing[at] = bad, "peaks", $"Mixing[{at}] = {bad}", ReadsTable);
                AssertRefused(i => i.Intensity[at] = bad, "peaks", $"Intensity[{at}] = {bad}", ReadsTable);
            }
            AssertRefused(i => i.Position[1] = bad, "position", $"position {bad}", n => n.EndsWith(" 1", StringComparison.Ordinal));
            AssertRefused(i => i.Fwhm[1] = bad, "fwhm", $"fwhm {bad}", n => n.EndsWith(" 1", StringComparison.Ordinal));
            AssertRefused(i => i.Mixing[1] = bad, "mixing", $"mixing {bad}", n => n.StartsWith("EvaluatePeak", StringComparison.Ordinal) && n.EndsWith(" 1", StringComparison.Ordinal));
        }
    }

    /// <summary>A FWHM of zero or below.</summary>
    [Fact]
    public void NonPositiveWidthsAreRefused()
    {
        foreach (double bad in new[] { 0.0, -0.0, -0.01 })
        {
            AssertRefused(i => i.Fwhm[2] = bad, "peaks", $"Fwhm[2] = {bad}", ReadsTable);
            AssertRefused(i => i.Fwhm[2] = bad, "fwhm", $"fwhm {bad}", n => n.EndsWith(" 2", StringComparison.Ordinal));
        }
    }

    /// <summary>Non-finite abscissae at every index, and abscissae out of order.</summary>
    [Fact]
    public void BadAbscissaeAreRefused()
    {
        foreach (double bad in NonFinite)
        {
            for (int at = 0; at < 40; at++)
            {
                int j = at;
                AssertRefused(i => i.X[j] = bad, "x", $"x[{j}] = {bad}", ReadsX);
            }
        }
        AssertRefused(i => (i.X[7], i.X[8]) = (i.X[8], i.X[7]), "x", "x out of order", ReadsX);
    }

    /// <summary>A grid with a non-finite start or step, a step of zero or below, or a negative count.</summary>
    [Fact]
    public void BadGridsAreRefused()
    {
        foreach (double bad in NonFinite)
        {
            AssertRefused(i => i.Grid = i.Grid with { Start = bad }, "grid", $"Start {bad}", ReadsGrid);
            AssertRefused(i => i.Grid = i.Grid with { Step = bad }, "grid", $"Step {bad}", ReadsGrid);
        }
        AssertRefused(i => i.Grid = i.Grid with { Step = 0 }, "grid", "Step 0", ReadsGrid);
        AssertRefused(i => i.Grid = i.Grid with { Step = -0.01 }, "grid", "Step < 0", ReadsGrid);
        AssertRefused(i => i.Grid = i.Grid with { Count = -1 }, "grid", "Count < 0", ReadsGrid);
        AssertRefused(i => i.Grid = new UniformGrid(1e308, 1e307, 40), "grid", "last point overflows", ReadsGrid);
    }

    /// <summary>Options with a non-finite or non-positive window or Gaussian cut, or an unknown width.</summary>
    [Fact]
    public void BadOptionsAreRefused()
    {
        foreach (double bad in NonFinite.Append(0).Append(-1))
        {
            AssertRefused(i => i.Options = i.Options with { WindowHalfWidth = bad }, "options", $"WindowHalfWidth {bad}");
            AssertRefused(i => i.Options = i.Options with { GaussianHalfWidth = bad }, "options", $"GaussianHalfWidth {bad}");
        }
        AssertRefused(i => i.Options = i.Options with { VectorWidth = (KernelVectorWidth)17 }, "options", "unknown width");
        AssertRefused(i => i.Options = default, "options", "default(ProfileKernelOptions)");
    }

    /// <summary>Non-finite chain-rule derivatives, columns outside the Jacobian, and malformed entry starts.</summary>
    [Fact]
    public void BadChainRulesAreRefused()
    {
        static bool Jacobian(string n) => n.StartsWith("AccumulateProfileAndJacobian", StringComparison.Ordinal);
        foreach (double bad in NonFinite)
        {
            for (int e = 0; e < 4; e++)
            {
                int at = e;
                AssertRefused(i => i.DIntensity[at] = bad, "chainRule", $"∂I[{at}] {bad}", Jacobian);
                AssertRefused(i => i.DPosition[at] = bad, "chainRule", $"∂P[{at}] {bad}", Jacobian);
                AssertRefused(i => i.DWidth[at] = bad, "chainRule", $"∂H[{at}] {bad}", Jacobian);
                AssertRefused(i => i.DMixing[at] = bad, "chainRule", $"∂η[{at}] {bad}", Jacobian);
            }
        }
        AssertRefused(i => i.Column[3] = 2, "chainRule", "column beyond the Jacobian", Jacobian);
        AssertRefused(i => i.Column[0] = -1, "chainRule", "negative column", Jacobian);
        AssertRefused(i => i.EntryStart = [0, 1, 4], "chainRule", "entry starts too short", Jacobian);
        AssertRefused(i => i.EntryStart = [0, 2, 1, 4], "chainRule", "entry starts decreasing", Jacobian);
        AssertRefused(i => i.EntryStart = [1, 1, 2, 4], "chainRule", "entry starts not from 0", Jacobian);
        AssertRefused(i => i.EntryStart = [0, 1, 2, 3], "chainRule", "entry starts not ending at the count", Jacobian);
        AssertRefused(i => i.Stride = 39, "jacobianColumnStride", "stride shorter than the pattern", Jacobian);
        AssertRefused(i => i.Jacobian = new double[79], "chainRule", "Jacobian too short for column 1", Jacobian);
    }

    /// <summary>Destinations of the wrong length, and scratch shorter than the window.</summary>
    [Fact]
    public void WrongLengthDestinationsAreRefused()
    {
        static bool Accumulates(string n) => n.StartsWith("Accumulate", StringComparison.Ordinal);
        AssertRefused(i => i.Y = new double[39], "y", "y too short", Accumulates);
        AssertRefused(i => i.Y = new double[41], "y", "y too long", Accumulates);
        AssertRefused(i => i.D2 = new double[39], "dWidth", "dWidth too short", n => n.StartsWith("AccumulateProfileAndDerivatives", StringComparison.Ordinal));
        AssertRefused(i => i.D1 = new double[3], "value", "scratch shorter than the window", n => n.StartsWith("EvaluatePeak", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new PseudoVoigtPeaks(new double[3], new double[2], new double[3], new double[3]));
        Assert.Throws<ArgumentException>(() => new PeakParameterDerivatives(new int[2], new int[1], new double[1], new double[2], new double[1], new double[1]));
    }
}
