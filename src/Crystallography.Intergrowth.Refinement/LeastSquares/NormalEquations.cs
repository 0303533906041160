using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// JᵀJ and Jᵀr of a column-major n × p Jacobian, the other large part of a refinement cycle besides the evaluation
/// (30,802 × 29 in the study's joint problem: 13 million multiply–adds).
/// </summary>
/// <remarks>
/// The rows are taken in blocks of <see cref="BlockRows"/>, so that one block of every column (p × 512 doubles, 119 kB
/// for p = 29) stays in the core's L2 cache while all p(p + 1)/2 products over it are formed; the products are
/// accumulated four columns at a time (one load of column j feeds four fused multiply–adds) in the widest vectors the
/// machine accelerates. The sums are in a different order from a plain loop, so the results differ from it by
/// rounding only (the tests hold them to 1e-13 of Σ|terms|).
/// </remarks>
internal static class NormalEquations
{
    /// <summary>Rows per block.</summary>
    internal const int BlockRows = 512;

    /// <summary>Sets <paramref name="normal"/> (both triangles, p × p) to JᵀJ and <paramref name="gradient"/> to Jᵀr.</summary>
    internal static void Build(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> residuals, int n, int p, Span<double> normal, Span<double> gradient)
    {
        normal[..(p * p)].Clear();
        gradient[..p].Clear();
        for (int r0 = 0; r0 < n; r0 += BlockRows)
        {
            int length = Math.Min(BlockRows, n - r0);
            for (int j = 0; j < p; j++)
            {
                ReadOnlySpan<double> cj = jacobian.Slice(j * n + r0, length);
                int k = 0;
                for (; k + 4 <= j + 1; k += 4)
                {
                    Dot4(cj, jacobian.Slice(k * n + r0, length), jacobian.Slice((k + 1) * n + r0, length),
                         jacobian.Slice((k + 2) * n + r0, length), jacobian.Slice((k + 3) * n + r0, length),
                         out double s0, out double s1, out double s2, out double s3);
                    normal[j * p + k] += s0;
                    normal[j * p + k + 1] += s1;
                    normal[j * p + k + 2] += s2;
                    normal[j * p + k + 3] += s3;
                }
                for (; k <= j; k++) normal[j * p + k] += Dot(cj, jacobian.Slice(k * n + r0, length));
                gradient[j] += Dot(cj, residuals.Slice(r0, length));
            }
        }
        for (int j = 0; j < p; j++)
            for (int k = 0; k < j; k++) normal[k * p + j] = normal[j * p + k];
    }

    /// <summary>Σ aᵢbᵢ.</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Dot4(a, b, b, b, b, out double s, out _, out _, out _);
        return s;
    }

    // Four dot products sharing a: a·b0, a·b1, a·b2, a·b3.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4(ReadOnlySpan<double> a, ReadOnlySpan<double> b0, ReadOnlySpan<double> b1, ReadOnlySpan<double> b2, ReadOnlySpan<double> b3,
                             out double s0, out double s1, out double s2, out double s3)
    {
        int n = a.Length, i = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double r0 = ref MemoryMarshal.GetReference(b0);
        ref double r1 = ref MemoryMarshal.GetReference(b1);
        ref double r2 = ref MemoryMarshal.GetReference(b2);
        ref double r3 = ref MemoryMarshal.GetReference(b3);
        s0 = s1 = s2 = s3 = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var va = Vector512.LoadUnsafe(ref ra, (nuint)i);
                a0 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref r0, (nuint)i), a0);
                a1 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref r1, (nuint)i), a1);
                a2 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref r2, (nuint)i), a2);
                a3 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref r3, (nuint)i), a3);
            }
            s0 = Vector512.Sum(a0);
            s1 = Vector512.Sum(a1);
            s2 = Vector512.Sum(a2);
            s3 = Vector512.Sum(a3);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var va = Vector256.LoadUnsafe(ref ra, (nuint)i);
                a0 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref r0, (nuint)i), a0);
                a1 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref r1, (nuint)i), a1);
                a2 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref r2, (nuint)i), a2);
                a3 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref r3, (nuint)i), a3);
            }
            s0 = Vector256.Sum(a0);
            s1 = Vector256.Sum(a1);
            s2 = Vector256.Sum(a2);
            s3 = Vector256.Sum(a3);
        }
        for (; i < n; i++)
        {
            double va = Unsafe.Add(ref ra, i);
            s0 = Math.FusedMultiplyAdd(va, Unsafe.Add(ref r0, i), s0);
            s1 = Math.FusedMultiplyAdd(va, Unsafe.Add(ref r1, i), s1);
            s2 = Math.FusedMultiplyAdd(va, Unsafe.Add(ref r2, i), s2);
            s3 = Math.FusedMultiplyAdd(va, Unsafe.Add(ref r3, i), s3);
        }
    }
}
