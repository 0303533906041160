using Crystallography.Intergrowth.Diffraction.Kernels;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The FCJ kernel's profile and its derivatives against 50-digit mpmath values of the same quadrature sum: the
/// Gauss–Legendre nodes and weights of each piece, the node angles 2φⱼ and weights wⱼ, and P = Σwⱼ pVⱼ / Σwⱼ, at the
/// kernel's own quadrature orders; the derivatives by central differences of step 1e-22 in 50-digit arithmetic, which
/// are the exact derivatives of that sum (tools/reference/fcj_kernel_reference.py wrote the table).
/// </summary>
/// <remarks>
/// <para>Bounds, from this table (2026-11-26): the profile within 1e-13 of its largest value over the case's points
/// (worst 4.0e-14), each derivative within 5e-13 of its largest value over the case's points (worst 2.0e-13). Before the
/// nodes kept their offsets 2φⱼ − 2θ instead of their angles, the worst were 3.5e-13 and 2.2e-11, for the narrow
/// low-angle peak: an angle rounded to 10⁻¹⁵ of 8.5° is 2·10⁻¹² of a 0.03° FWHM.</para>
/// <para>Near 2θ = 90° the axial asymmetry all but vanishes: the nodes lie within 10⁻⁵° of one another, so ∂P/∂(S/L) and
/// ∂P/∂(H/L) are small differences of nearly equal pseudo-Voigt values. There each is held to 5e-11 of its own value
/// (worst 1.2e-11; 6.6e-10 before the offsets, and <see cref="FcjPeakShape"/>'s old cancelling form 7.3e-10).</para>
/// </remarks>
public class FcjKernelMpmathTests
{
    /// <summary>One point of one peak: the inputs and the mpmath values of P, ∂P/∂2θ, ∂P/∂(S/L), ∂P/∂(H/L) (NaN: one-sided, not checked).</summary>
    public sealed record Row(string Case, double Position, double Fwhm, double Mixing, double SOverL, double HOverL, double X,
                             double Value, double PerPosition, double PerS, double PerH);

    private static readonly Row[] Table =
    [
        new("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, 28.16, 0.083944389884103367283, -0.72240476194164840341, 0.65104152053176581535, 0.49339569909993549626),
        new("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, 28.32, 2.0166698070605504372, -77.196186877711095747, 86.724185019628760691, 68.562084701729374711),
        new("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, 28.375999999999998, 8.9697740479262484366, -95.357792876823684937, -4.7618217681761121813, -21.295089666890698137),
        new("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, 28.4, 9.2998572191501499315, 75.76845429311783511, -97.806129408828918255, -76.578600307518019007),
        new("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, 28.432, 4.8692337511929522972, 150.8726659580681725, -82.813460263695704458, -52.062465094312316442),
        new("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, 28.56, 0.14544187435919830232, 1.6345170774974905516, -0.97792568779787697082, -0.64868890584581346418),
        new("low angle, long tail", 8.5, 0.03, 0.6, 0.04, 0.025, 8.14, 0.67099828979578595325, -2.6934024366152498619, 12.407289172914572141, 2.8502564846707228754),
        new("low angle, long tail", 8.5, 0.03, 0.6, 0.04, 0.025, 8.38, 2.0738778207730188430, -13.689684727746174566, -3.8294342187774600343, -30.564407634610755688),
        new("low angle, long tail", 8.5, 0.03, 0.6, 0.04, 0.025, 8.47, 5.0430852026487859622, -84.471294044077832875, -113.90263762974801776, -15.415777960924151848),
        new("low angle, long tail", 8.5, 0.03, 0.6, 0.04, 0.025, 8.5, 5.7570231426955565443, 204.12473568955815931, -143.98450202977522333, -4.938276475489505621),
        new("low angle, long tail", 8.5, 0.03, 0.6, 0.04, 0.025, 8.53, 0.73606885063071944147, 44.743980333431869202, -16.95208342166485605, -1.5479772874382969425),
        new("back reflection", 131.0, 0.2, 0.5, 0.03, 0.02, 130.8, 0.40739673461178304916, -5.543402907670219985, -2.2022135783944239707, -1.3306273262338641298),
        new("back reflection", 131.0, 0.2, 0.5, 0.03, 0.02, 131.0, 3.8600924638920492621, -6.2985613096569283986, -6.4727947230541861913, -5.1449492904416618518),
        new("back reflection", 131.0, 0.2, 0.5, 0.03, 0.02, 131.2, 0.55535104548946986173, 8.1591079078058673498, 5.0300767073078884666, 3.6182829059142028507),
        new("back reflection", 131.0, 0.2, 0.5, 0.03, 0.02, 131.6, 0.044617061230333368817, 0.14745200433927689931, 0.078164013385736540944, 0.05339137146245932344),
        new("one ratio zero", 47.3, 0.1, 0.2, 0.0, 0.03, 47.099999999999994, 0.081462625122538355606, -0.83122014677029546353, double.NaN, 0.49271323192422284376),
        new("one ratio zero", 47.3, 0.1, 0.2, 0.0, 0.03, 47.25, 5.3452319371408859199, -118.73765179584487882, double.NaN, 62.171560017969971539),
        new("one ratio zero", 47.3, 0.1, 0.2, 0.0, 0.03, 47.3, 8.5114477299268532278, 37.7353856457054444, double.NaN, -34.964991591446523575),
        new("one ratio zero", 47.3, 0.1, 0.2, 0.0, 0.03, 47.349999999999994, 3.5503664317417462455, 104.72075377177879581, double.NaN, -49.61643870458165715),
        new("near 90 degrees (seed 691)", 89.99168758602079, 0.13823537943802558, 0.5132050996242115, 0.00403564642371407, 0.047049815974687145, 89.9692297488373, 5.2126799292924713744, -38.228561479474658762, 0.00042549144413266965629, 0.004972119254198982149),
        new("near 90 degrees, H/L zero (seed 176)", 90.85195876173592, 0.2339216356416799, 0.7516890260165972, 0.0017219634036170148, 0.0, 90.8725157576718, 2.9605291133577945030, 7.8186525707465704155, 0.0038236441451027147582, double.NaN),
    ];

    private static bool NearNinety(Row row) => row.Case.StartsWith("near 90", StringComparison.Ordinal);

    /// <summary>Every point of every case, at every vector width.</summary>
    [Fact]
    public void TheKernelAgreesWithTheMpmathSum()
    {
        foreach (var width in KernelTestProblems.Widths)
        {
            var options = new ProfileKernelOptions(ProfileKernelOptions.DefaultWindowHalfWidth, ProfileKernelOptions.DefaultGaussianHalfWidth, width);
            foreach (var group in Table.GroupBy(r => r.Case))
            {
                double valueScale = group.Max(r => r.Value);
                double[] scale = [group.Max(r => Math.Abs(r.PerPosition)), group.Max(r => double.IsNaN(r.PerS) ? 0 : Math.Abs(r.PerS)),
                                  group.Max(r => double.IsNaN(r.PerH) ? 0 : Math.Abs(r.PerH))];
                foreach (var row in group)
                {
                    var y = new double[1];
                    var jacobian = new double[3];
                    var chain = new PeakParameterDerivatives([0, 1], [0], [0], [1], [0], [0]);
                    FcjProfileKernel.AccumulateProfileAndJacobian([row.X], new PseudoVoigtPeaks([row.Position], [row.Fwhm], [row.Mixing], [1]),
                        new FcjAsymmetry(row.SOverL, row.HOverL), chain, 1, 2, options, 1, y, jacobian);
                    string at = $"{width}, {row.Case} at {row.X}";
                    Assert.True(Math.Abs(y[0] - row.Value) <= 1e-13 * valueScale, $"{at}: P {y[0]:R} against {row.Value:R}");
                    double[] truth = [row.PerPosition, row.PerS, row.PerH];
                    string[] names = ["∂P/∂2θ", "∂P/∂(S/L)", "∂P/∂(H/L)"];
                    for (int c = 0; c < 3; c++)
                    {
                        if (double.IsNaN(truth[c])) continue;
                        double bound = NearNinety(row) && c > 0 ? 5e-11 * Math.Abs(truth[c]) : 5e-13 * scale[c];
                        Assert.True(Math.Abs(jacobian[c] - truth[c]) <= bound,
                                    $"{at}: {names[c]} {jacobian[c]:R} against {truth[c]:R}, difference {Math.Abs(jacobian[c] - truth[c]):E2} over {bound:E2}");
                    }
                }
            }
        }
    }
}
