using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// The arithmetic a profile kernel needs, over one vector type: the TensorPrimitives operator
/// pattern. A kernel written once as a generic method over a struct implementing this interface is
/// compiled by the JIT separately for each implementation, with every call inlined; the choice of
/// width is made once per kernel call, outside the loops, and costs nothing inside them.
/// </summary>
/// <typeparam name="TVector">The vector type: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> of
/// <see cref="double"/>, or <see cref="double"/> itself for the scalar twin.</typeparam>
/// <remarks>
/// Every implementation performs the same IEEE operations in every lane (fused multiply–add where
/// the interface says so, correctly rounded division), so that a kernel gives bitwise the same
/// numbers whatever the width it runs at.
/// </remarks>
internal interface ISimdOperations<TVector>
    where TVector : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(double value);

    /// <summary>Lane j holds <paramref name="first"/> + j (exact for indices below 2⁵³).</summary>
    static abstract TVector ConsecutiveIndices(int first);

    /// <summary>Loads <see cref="Count"/> values from <paramref name="origin"/>[<paramref name="index"/>…].</summary>
    static abstract TVector Load(ref double origin, nint index);

    /// <summary>Stores <see cref="Count"/> values to <paramref name="origin"/>[<paramref name="index"/>…].</summary>
    static abstract void Store(TVector value, ref double origin, nint index);

    /// <summary>a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a · b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b, correctly rounded.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>a · b + c with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>The larger of a and b; operands are never NaN here, so the native instruction's NaN rule does not matter.</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary>
    /// 2ⁿ from t = n + 1.5·2⁵² (the "shifter" trick of vector exponentials): the low bits of t's
    /// representation hold n, so 2ⁿ has the bits (bits(t) + 1023) &lt;&lt; 52 for −1022 ≤ n ≤ 1023.
    /// </summary>
    static abstract TVector PowerOfTwoFromShifted(TVector shifted);
}

/// <summary>AVX-512: eight doubles per vector.</summary>
internal readonly struct Vector512Operations : ISimdOperations<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ConsecutiveIndices(int first) =>
        Vector512.Create((double)first) + Vector512.Create(0d, 1d, 2d, 3d, 4d, 5d, 6d, 7d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double origin, nint index) => Vector512.LoadUnsafe(ref origin, (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double origin, nint index) => value.StoreUnsafe(ref origin, (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> PowerOfTwoFromShifted(Vector512<double> shifted) =>
        ((shifted.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
}

/// <summary>AVX2: four doubles per vector.</summary>
internal readonly struct Vector256Operations : ISimdOperations<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ConsecutiveIndices(int first) =>
        Vector256.Create((double)first) + Vector256.Create(0d, 1d, 2d, 3d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double origin, nint index) => Vector256.LoadUnsafe(ref origin, (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double origin, nint index) => value.StoreUnsafe(ref origin, (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PowerOfTwoFromShifted(Vector256<double> shifted) =>
        ((shifted.AsUInt64() + Vector256.Create(1023UL)) << 52).AsDouble();
}

/// <summary>The scalar twin: one double per "vector", the same operations as the vector widths.</summary>
internal readonly struct ScalarOperations : ISimdOperations<double>
{
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
    public static double Max(double a, double b) => a > b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PowerOfTwoFromShifted(double shifted) =>
        BitConverter.UInt64BitsToDouble((BitConverter.DoubleToUInt64Bits(shifted) + 1023UL) << 52);
}
