using Crystallography.Intergrowth.Diffraction.Kernels;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The kernel's analytic derivatives against five-point central differences of the kernel's own
/// profile (DESIGN habit 8, through the shared <see cref="FiniteDifference"/> helper), over random
/// problems: the per-reflection form, the summed outputs, and every Jacobian column.
/// </summary>
/// <remarks>
/// <para>
/// The window is made wider than the grid (±10⁴ FWHM) so that moving a peak never moves a grid point
/// in or out of its window (a jump of L(10 H) that a difference quotient would see). The Gaussian cut
/// stays at ±5 FWHM: its jump, below 2⁻¹⁰⁰ of a peak height, is invisible at these steps.
/// </para>
/// <para>
/// Scale: an error is judged against the derivative's natural size, the larger of the sampled
/// max |difference quotient| and the peak's own scale (1/H² for ∂/∂P and ∂/∂H of a unit-area peak,
/// 1/H for ∂/∂η; summed over the reflections involved, with their |I| and chain-rule weights). Where a
/// grid samples only a far tail of a narrow Gaussian, the five-point formula's truncation error
/// (∝ (h/H)⁴·t⁴ relative to the local derivative) is large against the tiny local values but not
/// against the peak's scale. Step h = 10⁻³·min H: truncation ~(h/H)⁴ and rounding ~ε·max|y|/h are
/// then below ~1e-10 of that scale, against a tolerance of 1e-8.
/// </para>
/// </remarks>
public class KernelDerivativeTests
{
    private const double Tolerance = 1e-8;

    private static KernelTestProblem Wide(int seed) =>
        KernelTestProblems.Random(seed, maxPoints: 300, maxReflections: 12) with { WindowHalfWidth = 1e4, GaussianHalfWidth = 5 };

    private static double Step(KernelTestProblem problem) => 1e-3 * (problem.Fwhm.Length == 0 ? 1 : problem.Fwhm.Min());

    private static double[] Profile(KernelTestProblem problem, double[] position, double[] fwhm, double[] mixing, double[] intensity)
    {
        var y = new double[problem.Grid.Count];
        PseudoVoigtProfileKernel.AccumulateProfile(problem.Grid, new PseudoVoigtPeaks(position, fwhm, mixing, intensity), problem.Options(KernelVectorWidth.Automatic), y);
        return y;
    }

    private static double[] Shifted(double[] values, double by) => values.Select(v => v + by).ToArray();

    /// <summary>The per-reflection scratch: ∂pV/∂P, ∂pV/∂H, ∂pV/∂η of one unit-area peak.</summary>
    [Property(MaxTest = 80)]
    public void PerReflectionDerivativesMatchCentralDifferences(int seed)
    {
        var p = Wide(seed);
        var options = p.Options(KernelVectorWidth.Automatic);
        int n = p.Grid.Count;
        for (int k = 0; k < p.Position.Length; k++)
        {
            double position = p.Position[k], fwhm = p.Fwhm[k], mixing = p.Mixing[k];
            double[] value = new double[n], dP = new double[n], dH = new double[n], dE = new double[n];
            var window = PseudoVoigtProfileKernel.EvaluatePeak(p.Grid, position, fwhm, mixing, options, value, dP, dH, dE);
            Assert.Equal(new GridWindow(0, n), window);
            double[] Peak(double pos, double h, double eta)
            {
                double[] v = new double[n], a = new double[n], b = new double[n], c = new double[n];
                PseudoVoigtProfileKernel.EvaluatePeak(p.Grid, pos, h, eta, options, v, a, b, c);
                return v;
            }
            double step = 1e-3 * fwhm;
            FiniteDifference.AssertAgrees($"P{k}", dP, s => Peak(position + s, fwhm, mixing), 0, step, Tolerance, floor: 1 / (fwhm * fwhm));
            FiniteDifference.AssertAgrees($"H{k}", dH, s => Peak(position, fwhm + s, mixing), 0, step, Tolerance, floor: 1 / (fwhm * fwhm));
            FiniteDifference.AssertAgrees($"η{k}", dE, s => Peak(position, fwhm, mixing + s), 0, 1e-3, Tolerance, floor: 1 / fwhm);
        }
    }

    /// <summary>Σ_k I_k ∂pV/∂P_k is the derivative of y when every position moves by the same amount; likewise H and η.</summary>
    [Property(MaxTest = 80)]
    public void SummedDerivativesMatchCentralDifferences(int seed)
    {
        var p = Wide(seed);
        int n = p.Grid.Count;
        double[] y = new double[n], dP = new double[n], dH = new double[n], dE = new double[n];
        PseudoVoigtProfileKernel.AccumulateProfileAndDerivatives(p.Grid, p.Peaks, p.Options(KernelVectorWidth.Automatic), y, dP, dH, dE);
        double h = Step(p);
        double widthScale = 0, mixingScale = 0;
        for (int k = 0; k < p.Position.Length; k++)
        {
            widthScale += Math.Abs(p.Intensity[k]) / (p.Fwhm[k] * p.Fwhm[k]);
            mixingScale += Math.Abs(p.Intensity[k]) / p.Fwhm[k];
        }
        FiniteDifference.AssertAgrees("P (all)", dP, s => Profile(p, Shifted(p.Position, s), p.Fwhm, p.Mixing, p.Intensity), 0, h, Tolerance, widthScale);
        FiniteDifference.AssertAgrees("H (all)", dH, s => Profile(p, p.Position, Shifted(p.Fwhm, s), p.Mixing, p.Intensity), 0, h, Tolerance, widthScale);
        FiniteDifference.AssertAgrees("η (all)", dE, s => Profile(p, p.Position, p.Fwhm, Shifted(p.Mixing, s), p.Intensity), 0, 1e-3, Tolerance, mixingScale);
    }

    /// <summary>
    /// Column c of the Jacobian is the derivative of y along θ_c, where θ_c moves I_k, P_k, H_k, η_k of
    /// each reflection it reaches by its chain-rule entry; a column no entry reaches stays exactly zero.
    /// </summary>
    [Property(MaxTest = 80)]
    public void JacobianColumnsMatchCentralDifferences(int seed)
    {
        var p = Wide(seed);
        int n = p.Grid.Count;
        var chain = p.ChainRule;
        int stride = n + 1;
        var y = new double[n];
        var jacobian = new double[stride * chain.Columns];
        PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(p.Grid, p.Peaks, chain.View, p.Options(KernelVectorWidth.Automatic), stride, y, jacobian);
        double h = Step(p);
        for (int c = 0; c < chain.Columns; c++)
        {
            int column = c;
            var reached = new List<int>();
            double scale = 0;
            for (int k = 0; k < p.Position.Length; k++)
            {
                for (int e = chain.EntryStart[k]; e < chain.EntryStart[k + 1]; e++)
                {
                    if (chain.Column[e] == column)
                    {
                        double H = p.Fwhm[k], I = Math.Abs(p.Intensity[k]);
                        double s = Math.Abs(chain.DIntensity[e]) / H + I * (Math.Abs(chain.DPosition[e]) + Math.Abs(chain.DWidth[e])) / (H * H) + I * Math.Abs(chain.DMixing[e]) / H;
                        if (s > 0 && !reached.Contains(k))
                        {
                            reached.Add(k);
                        }
                        scale += s;
                    }
                }
            }
            var analytic = jacobian.AsSpan(column * stride, n);
            if (reached.Count == 0)
            {
                Assert.True(analytic.ToArray().All(v => v == 0), $"column {column} reaches no reflection but is not zero");
                continue;
            }

            // Only the reflections θ_c reaches depend on it: differencing their profile alone keeps the
            // rounding noise at the scale of those reflections.
            double[] Along(double theta)
            {
                double[] position = reached.Select(k => p.Position[k]).ToArray(), fwhm = reached.Select(k => p.Fwhm[k]).ToArray();
                double[] mixing = reached.Select(k => p.Mixing[k]).ToArray(), intensity = reached.Select(k => p.Intensity[k]).ToArray();
                for (int r = 0; r < reached.Count; r++)
                {
                    int k = reached[r];
                    for (int e = chain.EntryStart[k]; e < chain.EntryStart[k + 1]; e++)
                    {
                        if (chain.Column[e] == column)
                        {
                            intensity[r] += theta * chain.DIntensity[e];
                            position[r] += theta * chain.DPosition[e];
                            fwhm[r] += theta * chain.DWidth[e];
                            mixing[r] += theta * chain.DMixing[e];
                        }
                    }
                }
                return Profile(p, position, fwhm, mixing, intensity);
            }
            FiniteDifference.AssertAgrees($"θ{column}", analytic, Along, 0, h / 2, Tolerance, scale);
        }
    }
}
