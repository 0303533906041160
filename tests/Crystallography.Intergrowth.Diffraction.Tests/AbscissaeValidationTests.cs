using Crystallography.Intergrowth.Diffraction.Kernels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The kernels' check of an explicit grid (a vector pass, then a scalar loop only to word the exception) against the
/// plain rule: every x finite, no x below its predecessor, the first failing index named.
/// </summary>
public class AbscissaeValidationTests
{
    [Property(MaxTest = 300)]
    public Property TheVectorCheckAgreesWithThePlainRule(PositiveInt seed) => Prop.ForAll(Gen.Constant(seed.Get).ToArbitrary(), s =>
    {
        var random = new Random(s);
        int n = random.Next(0, 70);
        var x = new double[n];
        double at = random.NextDouble();
        for (int i = 0; i < n; i++) x[i] = at += random.Next(3) == 0 ? 0 : random.NextDouble();   // ties allowed
        int faults = random.Next(0, 3);
        for (int f = 0; f < faults && n > 0; f++)
        {
            int i = random.Next(n);
            x[i] = random.Next(4) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                _ => x[i] - 1,   // a decrease (at i, or at i + 1 after it)
            };
        }
        int expected = -1;
        for (int i = 0; i < n && expected < 0; i++)
            if (!double.IsFinite(x[i]) || (i > 0 && x[i] < x[i - 1])) expected = i;
        try
        {
            ExplicitAbscissae.Validate(x, "abscissa", "abscissae", "x");
            return (expected < 0).Label($"no exception, but index {expected} fails");
        }
        catch (ArgumentException e)
        {
            bool named = e.Message.StartsWith($"x[{expected}]", StringComparison.Ordinal) || e.Message.Contains($"at index {expected} ", StringComparison.Ordinal);
            return (expected >= 0 && named && e.ParamName == "x").Label($"expected index {expected}: {e.Message}");
        }
    });
}
