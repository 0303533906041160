using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>
/// The refinement's vectorised Chebyshev background (<see cref="RefinementProblem.BackgroundBasis"/>) against the slow
/// obvious version, <see cref="ChebyshevBackground.EvaluateWithDerivatives"/>: bitwise the same values and derivative columns,
/// at every length 0..67 (whole vectors and every tail) and 1..8 terms, and a non-finite sum reported.
/// </summary>
public sealed class RefinementBackgroundBasisTests
{
    [Fact]
    public void VectorisedSumIsBitwiseTheScalarRecurrence()
    {
        var random = new Random(20240611);
        for (int n = 0; n <= 67; n++)
            for (int terms = 1; terms <= 8; terms++)
            {
                double xMin = 10 * random.NextDouble(), xMax = xMin + 0.1 + 100 * random.NextDouble();
                var x = Enumerable.Range(0, n).Select(i => xMin + (xMax - xMin) * (i + random.NextDouble()) / Math.Max(n, 1)).ToArray();
                var c = Enumerable.Range(0, terms).Select(_ => 200 * (random.NextDouble() - 0.5)).ToArray();
                var expected = new double[n];
                var derivatives = new double[n * terms];
                ChebyshevBackground.EvaluateWithDerivatives(x, xMin, xMax, c, expected, derivatives);

                var basis = new RefinementProblem.BackgroundBasis(x, xMin, xMax, terms);
                var peaks = x.Select(_ => random.NextDouble() * 1e3).ToArray();
                var calculated = (double[])peaks.Clone();
                var background = new double[n];
                Assert.True(basis.AddTo(c, background, calculated));
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(background[i]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(peaks[i] + expected[i]), BitConverter.DoubleToInt64Bits(calculated[i]));
                }
                Assert.True(basis.Columns().AsSpan().SequenceEqual(derivatives), $"n = {n}, {terms} terms: the derivative columns");
            }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteCalculatedValueIsReported(double bad)
    {
        for (int n = 1; n <= 19; n++)
            for (int at = 0; at < n; at++)
            {
                var x = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
                var basis = new RefinementProblem.BackgroundBasis(x, -1, n, 3);
                var calculated = new double[n];
                calculated[at] = bad;
                Assert.False(basis.AddTo([1, 2, 3], new double[n], calculated), $"n = {n}, at {at}");
            }
    }
}
