using System.Numerics;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The special functions of the TOF shape against independent high-precision numbers.
/// </summary>
/// <remarks>
/// Reference values from mpmath 1.3.0 at 40 significant digits (scipy is not installed on the
/// build machines; mpmath is an arbitrary-precision library, so stronger than double-precision
/// scipy.special.exp1/erfcx), printed to 17 digits by:
/// <code>
/// import mpmath as mp; mp.mp.dps = 40
/// z = mp.mpc(x, y); f = mp.exp(z) * mp.e1(z)            # e^z E1(z), principal branch
/// mp.exp(mp.mpf(x)**2) * mp.erfc(x)                    # erfcx(x)
/// </code>
/// </remarks>
public class TofSpecialFunctionTests
{
    // (Re z, Im z, Re e^z E1(z), Im e^z E1(z)).
    public static readonly TheoryData<double, double, double, double> ScaledE1Values = new()
    {
        { 0.1, 0.0, 2.0146425447084516, 0.0 },
        { 0.5, 0.5, 6.8666377385705459e-1, -3.7013931600712817e-1 },
        { 1.0, 0.0, 5.9634736232319407e-1, 0.0 },
        { 1.5, -1.2, 3.3363363576572846e-1, 1.8915850406410862e-1 },
        { 2.0, 0.001, 3.6132856122392399e-1, -1.3867135999988451e-4 },
        { -0.5, 0.2, -4.2640328749699975e-3, -1.5494216746390845 },
        { -1.0, 0.0, -6.9717488323506607e-1, -1.1557273497909217 },
        { -1.9, 0.3, -5.5315782871013564e-1, -4.9892349314472154e-1 },
        { 3.0, 4.0, 1.2221459566956696e-1, -1.2848500180921379e-1 },
        { 10.0, 0.0, 9.1563333939788082e-2, 0.0 },
        { 10.0, 10.0, 4.962239109595106e-2, -4.5481068348968719e-2 },
        { 50.0, 5.0, 1.9428039488092934e-2, -1.906084418498869e-3 },
        { 0.01, 30.0, 1.1148994291945435e-3, -3.3259481030144403e-2 },
        { -3.0, 0.5, -4.1307508168633351e-1, -2.1833342737929502e-1 },
        { -5.0, 1.0, -2.3779960828225882e-1, -7.9725031216501631e-2 },
        { -10.0, 2.0, -1.0707175740200562e-1, -2.4784313651390045e-2 },
        { -10.0, 0.01, -1.1314543686552811e-1, -2.7409096803473715e-4 },
        { -20.0, 3.0, -5.1491555836674155e-2, -8.1838101913215643e-3 },
        { -30.0, 0.5, -3.4516790237020784e-2, -5.9671504910586377e-4 },
        { -39.0, 10.0, -2.4623668486083884e-2, -6.4890066765953438e-3 },
        { -41.0, 1.0, -2.5000827243233543e-2, -6.2586983135661652e-4 },
        { -45.0, 15.0, -2.036654552798385e-2, -6.9499893983224475e-3 },
        { -60.0, 5.0, -1.6833123062449882e-2, -1.4273949567908341e-3 },
        { -60.0, 30.0, -1.3467755518154932e-2, -6.8512608086590027e-3 },
        { -100.0, 0.2, -1.0102021277361906e-2, -2.0412422179680942e-5 },
        { -100.0, 20.0, -9.7057469472865624e-3, -1.961153053554629e-3 },
        { -100.0, 40.0, -8.6837832029958241e-3, -3.5092306310758166e-3 },
        { -300.0, 2.0, -3.3443696262811555e-3, -2.2370870938672486e-5 },
        { -300.0, 60.0, -3.2150485746868424e-3, -6.4517425778479308e-4 },
        { -1000.0, 1.0, -1.0010010030130654e-3, -1.0020050201016103e-6 },
        { -5.0, 20.0, -9.5594789964086989e-3, -4.7972808453436781e-2 },
        { -2.0, 30.0, -1.1086319269190202e-3, -3.3259583611505647e-2 },
        { -8.0, 8.0, -6.1104421990804961e-2, -7.1135622223593691e-2 },
        { -15.0, 12.0, -4.1071803442855025e-2, -3.5431864326001094e-2 },
        { -25.0, 14.0, -3.1085135558882682e-2, -1.8184447814318236e-2 },
        { 0.0, 5.0, 3.3896220611621765e-2, -1.8814277457141822e-1 },
        { 0.0, 50.0, 3.9904755453781962e-4, -1.998407589833729e-2 },
        { 700.0, 1.0, 1.4265335152788001e-3, -2.0350061292500815e-6 },
        { -700.0, 100.0, -1.4019251723404412e-3, -2.0056234899157188e-4 },
        { -3.0, 1e-06, -4.9457624493792794e-1, -1.5641084947124395e-1 },
        { -12.0, 0.3, -9.1835250627316701e-2, -2.5906488847164729e-3 },
    };

    // (x, erfcx(x)).
    public static readonly TheoryData<double, double> ErfcxValues = new()
    {
        { -5.0, 1.4400979867466104e+11 },
        { -2.5, 1.0358148429726229e+3 },
        { -1.0, 5.0089800807622835 },
        { -0.3, 1.4537492328427656 },
        { 0.0, 1.0 },
        { 0.2, 8.0901951990158073e-1 },
        { 0.46875, 6.3206968924955608e-1 },
        { 0.47, 6.3140051666003432e-1 },
        { 1.0, 4.27583576155807e-1 },
        { 2.0, 2.5539567631050574e-1 },
        { 3.9, 1.4031418160068974e-1 },
        { 4.0, 1.3699945762506139e-1 },
        { 4.1, 1.3383411641865199e-1 },
        { 6.0, 9.2776567800538354e-2 },
        { 10.0, 5.6140992743822586e-2 },
        { 30.0, 1.8795888861416751e-2 },
        { 100.0, 5.6416137829894329e-3 },
        { 100000.0, 5.6418958351954681e-6 },
    };

    // (y, T(y), erfcx(y), y·erfcx(y) − 1/√π), T the tail of Laplace's continued fraction √π erfcx(y) = 1/(y + (1/2)/(y + T)):
    // printed by tools/reference/tof_kernel_reference.py tail (mpmath, 40 digits; either side of the fits' joint at 4).
    public static readonly TheoryData<double, double, double, double> LaplaceTailValues = new()
    {
        { 0.5, 0.70090455787039842, 0.61569034419292587, -0.25634441145129335 },
        { 0.75, 0.62765019467080016, 0.50693765029314481, -0.18398634582789768 },
        { 1.0, 0.56502479034097789, 0.427583576155807, -0.13660600739194928 },
        { 1.5, 0.46540570789689421, 0.3215854164543175, -0.081811458866280033 },
        { 2.0, 0.39142450862159, 0.25539567631050574, -0.053398230926744799 },
        { 3.0, 0.29214108734446289, 0.17900115118138995, -0.027186130003586436 },
        { 3.999, 0.23058142773075602, 0.13703184859827121, -0.016199221003269722 },
        { 4.0, 0.23053196349617266, 0.13699945762506139, -0.016191753047510727 },
        { 4.001, 0.23048251908775412, 0.13696708158271879, -0.016184290135298359 },
        { 5.5, 0.17370347941139902, 0.10096221839949909, -0.0088973823505113017 },
        { 8.0, 0.12221925216481217, 0.069985166200880928, -0.0043082539407088652 },
        { 12.0, 0.08248568341703224, 0.046854221014893763, -0.0019389313690311355 },
        { 30.0, 0.033277992651999967, 0.018795888861416751, -0.00031291770525374203 },
        { 100.0, 0.0099985005247414079, 0.0056416137829894329, -2.8205248812996592e-5 },
        { 1000.0, 0.00099999850000524997, 0.00056418930145338765, -2.8209436863274833e-7 },
        { 1000000.0, 9.999999999985e-7, 5.6418958354747419e-7, -2.82094791773455e-13 },
    };

    [Theory]
    [MemberData(nameof(LaplaceTailValues))]
    public void Kernel_erfcx_tail_and_correction_agree_with_mpmath(double y, double tail, double erfcx, double correction)
    {
        // Δ = 0: u = y², g = 1, so A = erfcx(y) and E = y·erfcx(y) − 1/√π. The fits are good to 1.2e-18; the rest is the
        // rounding of a few operations (a few ulp), and E must keep it although it is a difference of nearly equal numbers.
        double a = Kernels.KernelErrorFunction.ScaledErfcProduct<Kernels.ScalarMaskedOperations, double>(y, y * y, 1, out double e, out double t);
        Assert.True(Math.Abs(t - tail) <= 1e-15 * tail, $"T({y}) = {t} vs {tail}");
        Assert.True(Math.Abs(a - erfcx) <= 1e-15 * erfcx, $"erfcx({y}) = {a} vs {erfcx}");
        Assert.True(Math.Abs(e - correction) <= 1e-15 * Math.Abs(correction), $"E({y}) = {e} vs {correction}");
    }

    [Theory]
    [MemberData(nameof(ErfcxValues))]
    public void Kernel_erfcx_agrees_with_mpmath(double x, double expected)
    {
        if (x < -Kernels.KernelErrorFunction.SmallLimit)
        {
            return; // there the kernel forms 2e^u − g·erfcx(−y) with u < 0 (its argument clamped to 0.25), never u = y²
        }
        double tolerance = x < 0 ? 1e-14 * (1 + 2 * x * x) : 1e-15;
        double a = Kernels.KernelErrorFunction.ScaledErfcProduct<Kernels.ScalarMaskedOperations, double>(x, x * x, 1);
        Assert.True(Math.Abs(a - expected) <= tolerance * expected, $"erfcx({x}) = {a} vs {expected}");
    }

    [Theory]
    [MemberData(nameof(ScaledE1Values))]
    public void Scaled_E1_agrees_with_mpmath(double x, double y, double real, double imaginary)
    {
        Complex f = ExponentialIntegral.ScaledE1(new Complex(x, y));
        double size = Math.Sqrt(real * real + imaginary * imaginary);
        // 1e-14 of |f| in each component (the series near the cut loses up to two digits).
        Assert.True(Math.Abs(f.Real - real) <= 1e-14 * size, $"Re: {f.Real} vs {real}");
        Assert.True(Math.Abs(f.Imaginary - imaginary) <= 1e-14 * size, $"Im: {f.Imaginary} vs {imaginary}");
    }

    [Theory]
    [MemberData(nameof(ScaledE1Values))]
    public void Unscaled_E1_and_conjugate_symmetry_agree(double x, double y, double real, double imaginary)
    {
        if (x < -700 || x > 700)
        {
            return; // e^(−z) overflows or underflows there: only the scaled form is representable
        }
        var z = new Complex(x, y);
        Complex expected = Complex.Exp(-z) * new Complex(real, imaginary);
        Complex e1 = ExponentialIntegral.E1(z);
        Assert.True(Complex.Abs(e1 - expected) <= 2e-14 * Complex.Abs(expected), $"{e1} vs {expected}");
        if (y != 0)
        {
            Complex conjugate = ExponentialIntegral.ScaledE1(Complex.Conjugate(z));
            double size = Math.Sqrt(real * real + imaginary * imaginary);
            Assert.True(Complex.Abs(conjugate - new Complex(real, -imaginary)) <= 1e-14 * size, $"{conjugate}");
        }
    }

    [Fact]
    public void Scaled_E1_derivative_agrees_with_finite_differences()
    {
        foreach ((double x, double y) in new[] { (0.7, 0.3), (-5.0, 1.0), (-30.0, 6.0), (8.0, 2.0), (-60.0, 30.0), (-45.0, 2.0) })
        {
            var z = new Complex(x, y);
            (Complex _, Complex derivative) = ExponentialIntegral.ScaledE1WithDerivative(z);
            double h = 1e-3 * Complex.Abs(z);
            // Holomorphic: the derivative along the real axis is f′.
            double realPart = FiniteDifference.Derivative(t => ExponentialIntegral.ScaledE1(new Complex(t, y)).Real, x, h);
            double imaginaryPart = FiniteDifference.Derivative(t => ExponentialIntegral.ScaledE1(new Complex(t, y)).Imaginary, x, h);
            double scale = Complex.Abs(derivative);
            Assert.True(Math.Abs(realPart - derivative.Real) < 1e-8 * scale, $"{z}: Re {realPart} vs {derivative.Real}");
            Assert.True(Math.Abs(imaginaryPart - derivative.Imaginary) < 1e-8 * scale, $"{z}: Im {imaginaryPart} vs {derivative.Imaginary}");
        }
    }

    [Fact]
    public void Scaled_E1_is_continuous_across_its_region_boundaries()
    {
        // Either side of |z| = 2, x = −40 and y² = 8|x|, the three methods must meet: the step
        // across a boundary must be what the derivative predicts.
        foreach ((double x, double y) in new[] { (-1.2, 1.6), (1.2, 1.6), (-40.0, 3.0), (-10.0, Math.Sqrt(80)), (-50.0, 20.0) })
        {
            const double eps = 1e-9;
            var za = new Complex(x * (1 + eps), y * (1 + eps));
            var zb = new Complex(x * (1 - eps), y * (1 - eps));
            (Complex fa, Complex derivative) = ExponentialIntegral.ScaledE1WithDerivative(new Complex(x, y));
            Complex fb = ExponentialIntegral.ScaledE1(zb);
            Complex jump = ExponentialIntegral.ScaledE1(za) - fb - derivative * (za - zb);
            Assert.True(Complex.Abs(jump) < 1e-14 * Complex.Abs(fa), $"{x},{y}: jump {jump}");
        }
    }

    [Theory]
    [MemberData(nameof(ErfcxValues))]
    public void Erfcx_agrees_with_mpmath(double x, double expected)
    {
        double tolerance = x < 0 ? 1e-14 * (1 + 2 * x * x) : 1e-15; // x² rounding enters exp(x²) for x < 0
        Assert.True(Math.Abs(ErrorFunction.Erfcx(x) - expected) <= tolerance * expected,
            $"erfcx({x}) = {ErrorFunction.Erfcx(x)} vs {expected}");
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(-0.4)]
    [InlineData(0.1)]
    [InlineData(0.9)]
    [InlineData(2.5)]
    [InlineData(5.0)]
    [InlineData(27.0)]
    public void Erf_and_erfc_are_consistent_with_erfcx(double x)
    {
        Assert.Equal(1, ErrorFunction.Erf(x) + ErrorFunction.Erfc(x), 1e-15);
        if (x > 0 && x < 26)
        {
            Assert.Equal(ErrorFunction.Erfcx(x), Math.Exp(x * x) * ErrorFunction.Erfc(x), 1e-13 * ErrorFunction.Erfcx(x));
        }
        Assert.Equal(-ErrorFunction.Erf(x), ErrorFunction.Erf(-x));
    }
}
