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
/// accumulated in the widest vectors the machine accelerates — 4 × 4 tiles of (j, k) on and below the diagonal, 16 sums from 8 loads per vector of rows,
/// and the last p mod 4 columns four at a time against one. The sums are in a different order from a plain loop, so the results differ from it by
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
        Span<double> tile = stackalloc double[16];
        for (int r0 = 0; r0 < n; r0 += BlockRows)
        {
            int length = Math.Min(BlockRows, n - r0);
            int j0 = 0;
            // 4 × 4 tiles on and below the diagonal: four columns j against four columns k, 16 sums from 8 loads.
            for (; j0 + 4 <= p; j0 += 4)
            {
                for (int k0 = 0; k0 <= j0; k0 += 4)
                {
                    Tile(jacobian, n, r0, length, j0, k0, tile);
                    for (int a = 0; a < 4; a++)
                        for (int b = 0; b < 4; b++)
                            if (k0 + b <= j0 + a) normal[(j0 + a) * p + k0 + b] += tile[4 * a + b];
                }
            }
            // The last p mod 4 columns, four k at a time against one j.
            for (int j = j0; j < p; j++)
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
            }
            for (int j = 0; j < p; j++) gradient[j] += Dot(jacobian.Slice(j * n + r0, length), residuals.Slice(r0, length));
        }
        for (int j = 0; j < p; j++)
            for (int k = 0; k < j; k++) normal[k * p + j] = normal[j * p + k];
    }

    // tile[4a + b] = Σ_rows J[:, j0 + a]·J[:, k0 + b] over rows r0 … r0 + length − 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(ReadOnlySpan<double> jacobian, int n, int r0, int length, int j0, int k0, Span<double> tile)
    {
        ref double origin = ref MemoryMarshal.GetReference(jacobian);
        ref double a0 = ref Unsafe.Add(ref origin, j0 * n + r0), a1 = ref Unsafe.Add(ref a0, n), a2 = ref Unsafe.Add(ref a1, n), a3 = ref Unsafe.Add(ref a2, n);
        ref double b0 = ref Unsafe.Add(ref origin, k0 * n + r0), b1 = ref Unsafe.Add(ref b0, n), b2 = ref Unsafe.Add(ref b1, n), b3 = ref Unsafe.Add(ref b2, n);
        int i = 0;
        tile.Clear();
        if (Vector512.IsHardwareAccelerated && length >= Vector512<double>.Count)
        {
            Vector512<double> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default,
                              s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
            for (; i <= length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x0 = Vector512.LoadUnsafe(ref a0, (nuint)i);
                var x1 = Vector512.LoadUnsafe(ref a1, (nuint)i);
                var x2 = Vector512.LoadUnsafe(ref a2, (nuint)i);
                var x3 = Vector512.LoadUnsafe(ref a3, (nuint)i);
                var y = Vector512.LoadUnsafe(ref b0, (nuint)i);
                s00 = Vector512.FusedMultiplyAdd(x0, y, s00); s10 = Vector512.FusedMultiplyAdd(x1, y, s10);
                s20 = Vector512.FusedMultiplyAdd(x2, y, s20); s30 = Vector512.FusedMultiplyAdd(x3, y, s30);
                y = Vector512.LoadUnsafe(ref b1, (nuint)i);
                s01 = Vector512.FusedMultiplyAdd(x0, y, s01); s11 = Vector512.FusedMultiplyAdd(x1, y, s11);
                s21 = Vector512.FusedMultiplyAdd(x2, y, s21); s31 = Vector512.FusedMultiplyAdd(x3, y, s31);
                y = Vector512.LoadUnsafe(ref b2, (nuint)i);
                s02 = Vector512.FusedMultiplyAdd(x0, y, s02); s12 = Vector512.FusedMultiplyAdd(x1, y, s12);
                s22 = Vector512.FusedMultiplyAdd(x2, y, s22); s32 = Vector512.FusedMultiplyAdd(x3, y, s32);
                y = Vector512.LoadUnsafe(ref b3, (nuint)i);
                s03 = Vector512.FusedMultiplyAdd(x0, y, s03); s13 = Vector512.FusedMultiplyAdd(x1, y, s13);
                s23 = Vector512.FusedMultiplyAdd(x2, y, s23); s33 = Vector512.FusedMultiplyAdd(x3, y, s33);
            }
            tile[0] = Vector512.Sum(s00); tile[1] = Vector512.Sum(s01); tile[2] = Vector512.Sum(s02); tile[3] = Vector512.Sum(s03);
            tile[4] = Vector512.Sum(s10); tile[5] = Vector512.Sum(s11); tile[6] = Vector512.Sum(s12); tile[7] = Vector512.Sum(s13);
            tile[8] = Vector512.Sum(s20); tile[9] = Vector512.Sum(s21); tile[10] = Vector512.Sum(s22); tile[11] = Vector512.Sum(s23);
            tile[12] = Vector512.Sum(s30); tile[13] = Vector512.Sum(s31); tile[14] = Vector512.Sum(s32); tile[15] = Vector512.Sum(s33);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<double>.Count)
        {
            Vector256<double> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default,
                              s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
            for (; i <= length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x0 = Vector256.LoadUnsafe(ref a0, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref a1, (nuint)i);
                var x2 = Vector256.LoadUnsafe(ref a2, (nuint)i);
                var x3 = Vector256.LoadUnsafe(ref a3, (nuint)i);
                var y = Vector256.LoadUnsafe(ref b0, (nuint)i);
                s00 = Vector256.FusedMultiplyAdd(x0, y, s00); s10 = Vector256.FusedMultiplyAdd(x1, y, s10);
                s20 = Vector256.FusedMultiplyAdd(x2, y, s20); s30 = Vector256.FusedMultiplyAdd(x3, y, s30);
                y = Vector256.LoadUnsafe(ref b1, (nuint)i);
                s01 = Vector256.FusedMultiplyAdd(x0, y, s01); s11 = Vector256.FusedMultiplyAdd(x1, y, s11);
                s21 = Vector256.FusedMultiplyAdd(x2, y, s21); s31 = Vector256.FusedMultiplyAdd(x3, y, s31);
                y = Vector256.LoadUnsafe(ref b2, (nuint)i);
                s02 = Vector256.FusedMultiplyAdd(x0, y, s02); s12 = Vector256.FusedMultiplyAdd(x1, y, s12);
                s22 = Vector256.FusedMultiplyAdd(x2, y, s22); s32 = Vector256.FusedMultiplyAdd(x3, y, s32);
                y = Vector256.LoadUnsafe(ref b3, (nuint)i);
                s03 = Vector256.FusedMultiplyAdd(x0, y, s03); s13 = Vector256.FusedMultiplyAdd(x1, y, s13);
                s23 = Vector256.FusedMultiplyAdd(x2, y, s23); s33 = Vector256.FusedMultiplyAdd(x3, y, s33);
            }
            tile[0] = Vector256.Sum(s00); tile[1] = Vector256.Sum(s01); tile[2] = Vector256.Sum(s02); tile[3] = Vector256.Sum(s03);
            tile[4] = Vector256.Sum(s10); tile[5] = Vector256.Sum(s11); tile[6] = Vector256.Sum(s12); tile[7] = Vector256.Sum(s13);
            tile[8] = Vector256.Sum(s20); tile[9] = Vector256.Sum(s21); tile[10] = Vector256.Sum(s22); tile[11] = Vector256.Sum(s23);
            tile[12] = Vector256.Sum(s30); tile[13] = Vector256.Sum(s31); tile[14] = Vector256.Sum(s32); tile[15] = Vector256.Sum(s33);
        }
        for (; i < length; i++)
            for (int a = 0; a < 4; a++)
            {
                double x = Unsafe.Add(ref Unsafe.Add(ref a0, a * n), i);
                for (int b = 0; b < 4; b++) tile[4 * a + b] = Math.FusedMultiplyAdd(x, Unsafe.Add(ref Unsafe.Add(ref b0, b * n), i), tile[4 * a + b]);
            }
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
