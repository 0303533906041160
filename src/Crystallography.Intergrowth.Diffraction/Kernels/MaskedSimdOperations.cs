using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// What branch-free special functions need beyond <see cref="ISimdOperations{TVector}"/>: lane masks
/// from comparisons, selects between two vectors by a mask, a test whether any lane of a mask is set,
/// and the exponent and significand of a double. A mask is a vector whose lanes are all ones (true)
/// or all zeros (false), for the scalar twin a double with those bit patterns.
/// </summary>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <remarks>
/// Kept apart from <see cref="ISimdOperations{TVector}"/> (which the pseudo-Voigt kernel uses and
/// which needs none of this); the implementations forward the shared operations to
/// <see cref="Vector512Operations"/>, <see cref="Vector256Operations"/> and <see cref="ScalarOperations"/>,
/// so both kernels do the same arithmetic. Every operation here is exact (no rounding), so the lanes of
/// every width and the scalar twin compute bitwise the same numbers.
/// </remarks>
internal interface IMaskedSimdOperations<TVector> : ISimdOperations<TVector>
    where TVector : struct
{
    /// <summary>The smaller of a and b (operands never NaN here).</summary>
    static abstract TVector Min(TVector a, TVector b);

    /// <summary>|a|.</summary>
    static abstract TVector Abs(TVector a);

    /// <summary>Mask of a &lt; b.</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>Mask of a ≤ b.</summary>
    static abstract TVector LessThanOrEqual(TVector a, TVector b);

    /// <summary>Mask of a == b.</summary>
    static abstract TVector EqualTo(TVector a, TVector b);

    /// <summary>Both masks.</summary>
    static abstract TVector And(TVector a, TVector b);

    /// <summary>Either mask.</summary>
    static abstract TVector Or(TVector a, TVector b);

    /// <summary>a and not b.</summary>
    static abstract TVector AndNot(TVector a, TVector b);

    /// <summary>Lane by lane: <paramref name="whenTrue"/> where the mask is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);

    /// <summary>Whether any lane of the mask is set.</summary>
    static abstract bool Any(TVector mask);

    /// <summary>The largest lane (operands never NaN here).</summary>
    static abstract double MaxAcrossLanes(TVector value);

    /// <summary>For positive normal x = m·2ᵉ with 1 ≤ m &lt; 2: e, as a double.</summary>
    static abstract TVector Exponent(TVector x);

    /// <summary>For positive normal x = m·2ᵉ with 1 ≤ m &lt; 2: m.</summary>
    static abstract TVector Significand(TVector x);
}

/// <summary>AVX-512 with masks.</summary>
internal readonly struct Vector512MaskedOperations : IMaskedSimdOperations<Vector512<double>>
{
    public static int Count => Vector512Operations.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512Operations.Broadcast(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ConsecutiveIndices(int first) => Vector512Operations.ConsecutiveIndices(first);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double origin, nint index) => Vector512Operations.Load(ref origin, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double origin, nint index) => Vector512Operations.Store(value, ref origin, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512Operations.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512Operations.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> PowerOfTwoFromShifted(Vector512<double> shifted) => Vector512Operations.PowerOfTwoFromShifted(shifted);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Vector512.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> a) => Vector512.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> EqualTo(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> a, Vector512<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Or(Vector512<double> a, Vector512<double> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AndNot(Vector512<double> a, Vector512<double> b) => Vector512.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) =>
        Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<double> mask) => mask.ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcrossLanes(Vector512<double> value) =>
        Vector256MaskedOperations.MaxAcrossLanes(Vector256.Max(value.GetLower(), value.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exponent(Vector512<double> x) =>
        ((x.AsUInt64() >>> 52) | Vector512.Create(MaskedBits.TwoTo52Bits)).AsDouble() - Vector512.Create(MaskedBits.TwoTo52PlusBias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Significand(Vector512<double> x) =>
        ((x.AsUInt64() & Vector512.Create(MaskedBits.FractionBits)) | Vector512.Create(MaskedBits.OneBits)).AsDouble();
}

/// <summary>AVX2 with masks.</summary>
internal readonly struct Vector256MaskedOperations : IMaskedSimdOperations<Vector256<double>>
{
    public static int Count => Vector256Operations.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256Operations.Broadcast(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ConsecutiveIndices(int first) => Vector256Operations.ConsecutiveIndices(first);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double origin, nint index) => Vector256Operations.Load(ref origin, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double origin, nint index) => Vector256Operations.Store(value, ref origin, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256Operations.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256Operations.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PowerOfTwoFromShifted(Vector256<double> shifted) => Vector256Operations.PowerOfTwoFromShifted(shifted);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Vector256.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> a) => Vector256.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> EqualTo(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> a, Vector256<double> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AndNot(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<double> mask) => mask.ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcrossLanes(Vector256<double> value)
    {
        Vector128<double> half = Vector128.Max(value.GetLower(), value.GetUpper());
        return Math.Max(half.GetElement(0), half.GetElement(1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exponent(Vector256<double> x) =>
        ((x.AsUInt64() >>> 52) | Vector256.Create(MaskedBits.TwoTo52Bits)).AsDouble() - Vector256.Create(MaskedBits.TwoTo52PlusBias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Significand(Vector256<double> x) =>
        ((x.AsUInt64() & Vector256.Create(MaskedBits.FractionBits)) | Vector256.Create(MaskedBits.OneBits)).AsDouble();
}

/// <summary>The scalar twin with masks: a mask is a double whose bits are all ones or all zeros.</summary>
internal readonly struct ScalarMaskedOperations : IMaskedSimdOperations<double>
{
    private static readonly double True = BitConverter.UInt64BitsToDouble(ulong.MaxValue);

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Broadcast(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ConsecutiveIndices(int first) => first;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref double origin, nint index) => Unsafe.Add(ref origin, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double value, ref double origin, nint index) => Unsafe.Add(ref origin, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double a, double b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Divide(double a, double b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => ScalarOperations.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PowerOfTwoFromShifted(double shifted) => ScalarOperations.PowerOfTwoFromShifted(shifted);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => a < b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double a) => Math.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LessThan(double a, double b) => a < b ? True : 0d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LessThanOrEqual(double a, double b) => a <= b ? True : 0d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double EqualTo(double a, double b) => a == b ? True : 0d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double And(double a, double b) => Bits(a) && Bits(b) ? True : 0d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Or(double a, double b) => Bits(a) || Bits(b) ? True : 0d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AndNot(double a, double b) => Bits(a) && !Bits(b) ? True : 0d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(double mask, double whenTrue, double whenFalse) => Bits(mask) ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(double mask) => Bits(mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcrossLanes(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exponent(double x) =>
        BitConverter.UInt64BitsToDouble((BitConverter.DoubleToUInt64Bits(x) >>> 52) | MaskedBits.TwoTo52Bits) - MaskedBits.TwoTo52PlusBias;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Significand(double x) =>
        BitConverter.UInt64BitsToDouble((BitConverter.DoubleToUInt64Bits(x) & MaskedBits.FractionBits) | MaskedBits.OneBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Bits(double mask) => BitConverter.DoubleToUInt64Bits(mask) != 0;
}

/// <summary>Bit patterns for <see cref="IMaskedSimdOperations{TVector}.Exponent"/> and <see cref="IMaskedSimdOperations{TVector}.Significand"/>.</summary>
internal static class MaskedBits
{
    /// <summary>The 52 fraction bits of a double.</summary>
    internal const ulong FractionBits = 0x000F_FFFF_FFFF_FFFFUL;

    /// <summary>The bits of 1.0 (biased exponent 1023, fraction 0).</summary>
    internal const ulong OneBits = 0x3FF0_0000_0000_0000UL;

    /// <summary>The bits of 2⁵²: OR-ing an integer k &lt; 2⁵² into its fraction gives the double 2⁵² + k exactly.</summary>
    internal const ulong TwoTo52Bits = 0x4330_0000_0000_0000UL;

    /// <summary>2⁵² + 1023: subtracting it from 2⁵² + biased exponent leaves the unbiased exponent.</summary>
    internal const double TwoTo52PlusBias = 4503599627370496.0 + 1023.0;
}
