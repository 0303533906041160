using System.Runtime.CompilerServices;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The exponential the profile kernels inline: a polynomial on a reduced argument, written once
/// over <see cref="ISimdOperations{TVector}"/> so that the scalar twin and every vector width
/// compute bitwise the same value.
/// </summary>
/// <remarks>
/// <para>
/// ../shared/PERFORMANCE.md: about 70 % of a profile kernel's time is the exponential, and
/// <c>Vector512.Exp</c> / <c>TensorPrimitives.Exp</c> are calls that .NET 10 does not inline. This
/// one is a handful of fused multiply–adds that the JIT inlines into the kernel's loop.
/// </para>
/// <para>
/// Method (Cody–Waite reduction, as in the vector math libraries): n = round(x·log₂e), found with
/// the shifter t = x·log₂e + 1.5·2⁵² in one fused multiply–add; r = x − n·ln 2 with ln 2 split into a
/// double and its remainder, so |r| ≤ ln 2 / 2 (+ 1 ulp); exp(r) by a degree-11 polynomial
/// (Horner); the result is p(r)·2ⁿ with 2ⁿ built from the bits of t.
/// </para>
/// <para>
/// The polynomial is the degree-11 Chebyshev fit of exp on [−0.3466, 0.3466] (mpmath
/// <c>chebyfit</c>, 50 digits, coefficients then rounded to double): its relative error, with the
/// rounded coefficients evaluated exactly, is 1.6e-17; c₀ = c₁ = 1 exactly, so exp(0) = 1 exactly.
/// Measured against <see cref="Math.Exp"/> over [−708, 0] the relative difference is at most
/// 2.2e-16 (measured: one to two units in the last place, most of it Horner rounding; KernelExponentialTests
/// asserts ≤ 5e-16).
/// </para>
/// <para>
/// Domain: the kernels only need x ≤ 0 (x = −4 ln 2·t²). Arguments below −708 are clamped to −708,
/// so the result there is exp(−708) ≈ 3.3e-308 instead of a smaller number or zero: an absolute
/// error below 3.3e-308, and 2ⁿ stays a normal number (n ≥ −1022) so no subnormal bit patterns are
/// built. Positive arguments are correct up to 709 but are not used.
/// </para>
/// </remarks>
internal static class KernelExponential
{
    /// <summary>Arguments below this are clamped: exp(−708) ≈ 3.3e-308 is still a normal number.</summary>
    internal const double MinimumArgument = -708.0;

    private const double Log2E = 1.4426950408889634;          // log₂ e rounded to double
    private const double Shifter = 6755399441055744.0;        // 1.5·2⁵²
    private const double Ln2High = 0.6931471805599453;        // ln 2 rounded to double
    private const double Ln2Low = 2.3190468138462996e-17;     // ln 2 − Ln2High

    // Degree-11 Chebyshev fit of exp on [−ln2/2, ln2/2]·1.0001, ascending powers.
    private const double C0 = 1.0;
    private const double C1 = 1.0;
    private const double C2 = 0.5000000000000019;
    private const double C3 = 0.1666666666666668;
    private const double C4 = 0.04166666666648795;
    private const double C5 = 0.008333333333319589;
    private const double C6 = 0.0013888888952352863;
    private const double C7 = 0.00019841269890076403;
    private const double C8 = 2.4801485441561313e-05;
    private const double C9 = 2.755724088722987e-06;
    private const double C10 = 2.763265472252779e-07;
    private const double C11 = 2.5110049204818658e-08;

    /// <summary>exp(x) in every lane, for x ≤ 0 (see the class remarks for accuracy and clamping).</summary>
    /// <typeparam name="TOperations">The vector arithmetic.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="x">Arguments, not NaN.</param>
    /// <returns>exp(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Exp<TOperations, TVector>(TVector x)
        where TOperations : ISimdOperations<TVector>
        where TVector : struct
    {
        x = TOperations.Max(x, TOperations.Broadcast(MinimumArgument));
        TVector shifter = TOperations.Broadcast(Shifter);
        TVector shifted = TOperations.MultiplyAdd(x, TOperations.Broadcast(Log2E), shifter);
        TVector n = TOperations.Subtract(shifted, shifter);
        TVector r = TOperations.MultiplyAdd(n, TOperations.Broadcast(-Ln2High), x);
        r = TOperations.MultiplyAdd(n, TOperations.Broadcast(-Ln2Low), r);

        TVector p = TOperations.MultiplyAdd(TOperations.Broadcast(C11), r, TOperations.Broadcast(C10));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C9));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C8));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C7));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C6));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C5));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C4));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C3));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C2));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C1));
        p = TOperations.MultiplyAdd(p, r, TOperations.Broadcast(C0));
        return TOperations.Multiply(p, TOperations.PowerOfTwoFromShifted(shifted));
    }

    /// <summary>The scalar form, for tests and documentation.</summary>
    /// <param name="x">Argument, x ≤ 0, not NaN.</param>
    /// <returns>exp(x).</returns>
    internal static double Exp(double x) => Exp<ScalarOperations, double>(x);
}
