using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The slow, obvious twin of <see cref="PseudoVoigtProfileKernel"/> (STYLE.md: the reference lives in
/// the tests): a loop over reflections and over every grid point, <see cref="Math.Exp"/>, the
/// textbook formulas written the long way, the Gaussian over the whole window. Alongside each output
/// it accumulates the tolerance the kernel must meet at that point (see <see cref="RelativeTolerance"/>).
/// </summary>
internal static class KernelReference
{
    private const double FourLn2 = 2.7725887222397812376689284858327;
    private const double GaussianHeight = 0.93943727869965133377234032841018;   // 2√(ln2/π)
    private const double LorentzianHeight = 0.63661977236758134307553505349006; // 2/π

    /// <summary>
    /// The kernel may differ from the reference, at each point and for each output, by at most
    /// <c>RelativeTolerance·Σ_terms |term|</c> + the Gaussian the cut leaves out + an underflow floor.
    /// </summary>
    /// <remarks>
    /// Why this scale: every output at a point is a sum over reflections of products of a few factors
    /// (I, η, heights, t, t², exp, 1/(1 + 4t²)). Each factor is computed by kernel and reference to a
    /// few ulps (the exponential's argument −4 ln 2·t² reaches ~700 at most, and an ulp of t then moves
    /// exp by up to ~3e-13 relative), so each term carries an error below ~1e-12 of its own magnitude
    /// and the sum an error below 1e-12 of the sum of the magnitudes of its terms. For y with
    /// non-negative intensities that is 1e-12 of y itself, point by point (a much stricter test than
    /// "relative to max |y|", which would let a weak peak beside a strong one be wrong in its 10th
    /// digit); for derivatives, which change sign, and for mixed-sign intensities it is the natural
    /// floor, the size the terms cancel from. The Gaussian cut (kernel only) leaves out at most the
    /// Gaussian terms beyond the cut, added to the allowance exactly (they are below 2⁻¹⁰⁰ of a peak's
    /// height: KernelGaussianCutTests). The underflow floor covers the exponential's clamp at −708
    /// (≤ 3.3e-308 of a peak height).
    /// </remarks>
    public const double RelativeTolerance = 1e-12;

    /// <summary>The outputs and their tolerances.</summary>
    public sealed class Result(int length, int columns)
    {
        public double[] Y { get; } = new double[length];
        public double[] DPosition { get; } = new double[length];
        public double[] DWidth { get; } = new double[length];
        public double[] DMixing { get; } = new double[length];
        public double[] YTolerance { get; } = new double[length];
        public double[] DPositionTolerance { get; } = new double[length];
        public double[] DWidthTolerance { get; } = new double[length];
        public double[] DMixingTolerance { get; } = new double[length];
        public double[][] Jacobian { get; } = Enumerable.Range(0, columns).Select(_ => new double[length]).ToArray();
        public double[][] JacobianTolerance { get; } = Enumerable.Range(0, columns).Select(_ => new double[length]).ToArray();
    }

    /// <summary>A chain-rule table in plain arrays (per reflection: list of (column, ∂I, ∂P, ∂H, ∂η)).</summary>
    public sealed record ChainRule(int Columns, int[] EntryStart, int[] Column, double[] DIntensity, double[] DPosition, double[] DWidth, double[] DMixing)
    {
        public PeakParameterDerivatives View => new(EntryStart, Column, DIntensity, DPosition, DWidth, DMixing);
    }

    /// <summary>One point: the unit-area peak and its derivatives, their magnitudes, and the Gaussian parts alone.</summary>
    public readonly record struct PointTerms(
        double Value, double DPosition, double DWidth, double DMixing,
        double ValueMagnitude, double DPositionMagnitude, double DWidthMagnitude, double DMixingMagnitude,
        double GaussianValue, double GaussianDPosition, double GaussianDWidth, double GaussianDMixing);

    /// <summary>pV(x − P; H, η) and ∂/∂P, ∂/∂H, ∂/∂η the long way.</summary>
    public static PointTerms Point(double x, double position, double fwhm, double eta)
    {
        double t = (x - position) / fwhm;
        double g = GaussianHeight / fwhm * Math.Exp(-FourLn2 * t * t);
        double q = 1 / (1 + 4 * t * t);
        double l = LorentzianHeight / fwhm * q;
        double gaussianDPosition = 2 * FourLn2 * t / fwhm * g;           // ∂G/∂P = −∂G/∂x
        double lorentzianDPosition = 8 * t / fwhm * q * l;
        double gaussianDWidth = g / fwhm * (2 * FourLn2 * t * t - 1);
        double lorentzianDWidth = l / fwhm * (4 * t * t - 1) * q;
        double gaussianDWidthMagnitude = g / fwhm * (2 * FourLn2 * t * t + 1);
        double lorentzianDWidthMagnitude = l / fwhm * (4 * t * t + 1) * q;
        double a = Math.Abs(eta), b = Math.Abs(1 - eta);
        return new PointTerms(
            eta * l + (1 - eta) * g,
            eta * lorentzianDPosition + (1 - eta) * gaussianDPosition,
            eta * lorentzianDWidth + (1 - eta) * gaussianDWidth,
            l - g,
            a * l + b * g,
            a * Math.Abs(lorentzianDPosition) + b * Math.Abs(gaussianDPosition),
            a * lorentzianDWidthMagnitude + b * gaussianDWidthMagnitude,
            l + g,
            b * g, b * Math.Abs(gaussianDPosition), b * gaussianDWidthMagnitude, g);
    }

    /// <summary>Everything the kernel computes, for a grid given point by point.</summary>
    public static Result Evaluate(double[] x, double[] position, double[] fwhm, double[] eta, double[] intensity,
        double windowHalfWidth, double gaussianHalfWidth, ChainRule? chainRule = null)
    {
        var result = new Result(x.Length, chainRule?.Columns ?? 0);
        for (int k = 0; k < position.Length; k++)
        {
            double half = windowHalfWidth * fwhm[k];
            double gaussianHalf = gaussianHalfWidth * fwhm[k];
            double I = intensity[k], absI = Math.Abs(I);
            double floor = 1e-290 * absI * (1 + 1 / fwhm[k]) * (1 + 1 / fwhm[k]);
            for (int i = 0; i < x.Length; i++)
            {
                if (!(x[i] >= position[k] - half && x[i] <= position[k] + half))
                {
                    continue;
                }
                PointTerms p = Point(x[i], position[k], fwhm[k], eta[k]);
                // The kernel may leave the Gaussian out beyond the cut (the strict inequality is
                // enough: it never leaves it out inside).
                bool mayBeCut = Math.Abs(x[i] - position[k]) > gaussianHalf;
                double cut(double gaussianPart) => mayBeCut ? gaussianPart : 0;

                result.Y[i] += I * p.Value;
                result.DPosition[i] += I * p.DPosition;
                result.DWidth[i] += I * p.DWidth;
                result.DMixing[i] += I * p.DMixing;
                result.YTolerance[i] += absI * (RelativeTolerance * p.ValueMagnitude + cut(p.GaussianValue)) + floor;
                result.DPositionTolerance[i] += absI * (RelativeTolerance * p.DPositionMagnitude + cut(p.GaussianDPosition)) + floor;
                result.DWidthTolerance[i] += absI * (RelativeTolerance * p.DWidthMagnitude + cut(p.GaussianDWidth)) + floor;
                result.DMixingTolerance[i] += absI * (RelativeTolerance * p.DMixingMagnitude + cut(p.GaussianDMixing)) + floor;

                if (chainRule is null)
                {
                    continue;
                }
                for (int e = chainRule.EntryStart[k]; e < chainRule.EntryStart[k + 1]; e++)
                {
                    int c = chainRule.Column[e];
                    double wI = chainRule.DIntensity[e], wP = chainRule.DPosition[e], wH = chainRule.DWidth[e], wE = chainRule.DMixing[e];
                    result.Jacobian[c][i] += wI * p.Value + I * (wP * p.DPosition + wH * p.DWidth + wE * p.DMixing);
                    double magnitude = Math.Abs(wI) * p.ValueMagnitude
                        + absI * (Math.Abs(wP) * p.DPositionMagnitude + Math.Abs(wH) * p.DWidthMagnitude + Math.Abs(wE) * p.DMixingMagnitude);
                    double cutPart = Math.Abs(wI) * p.GaussianValue
                        + absI * (Math.Abs(wP) * p.GaussianDPosition + Math.Abs(wH) * p.GaussianDWidth + Math.Abs(wE) * p.GaussianDMixing);
                    result.JacobianTolerance[c][i] += RelativeTolerance * magnitude + cut(cutPart)
                        + floor * (1 + Math.Abs(wI) + Math.Abs(wP) + Math.Abs(wH) + Math.Abs(wE));
                }
            }
        }
        return result;
    }

    /// <summary>The abscissae of a uniform grid, computed as the kernel computes them.</summary>
    public static double[] Abscissae(UniformGrid grid)
    {
        var x = new double[grid.Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = grid.Start + i * grid.Step;
        }
        return x;
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance at every point, naming the output and the worst point.</summary>
    public static void AssertWithin(string output, ReadOnlySpan<double> actual, double[] expected, double[] tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= tolerance[i]))
            {
                Assert.Fail($"{output}[{i}]: kernel {actual[i]:R}, reference {expected[i]:R}, difference {error:E3} > tolerance {tolerance[i]:E3}.");
            }
        }
    }

    /// <summary>The largest ratio of error to the relative part of the tolerance (how close to the bound a run came).</summary>
    public static double WorstRatio(ReadOnlySpan<double> actual, double[] expected, double[] tolerance)
    {
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (tolerance[i] > 0)
            {
                worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / tolerance[i]);
            }
        }
        return worst;
    }
}
