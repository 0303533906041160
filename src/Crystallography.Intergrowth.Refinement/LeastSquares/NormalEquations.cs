using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// JᵀJ and Jᵀr of a column-major n × p Jacobian, the other large part of a refinement cycle besides the evaluation
/// (30,802 × 29 in the study's joint problem: 13 million multiply–adds if every entry were used).
/// </summary>
/// <remarks>
/// <para><b>Sparsity.</b> A Rietveld Jacobian is mostly zeros in a pattern of blocks: a pattern's own parameters vanish
/// on the other patterns' rows, and between the peaks only the background terms are non-zero (in the study's problem
/// 23,029 of the 30,802 rows have 4 non-zeros). The rows are therefore cut into segments of <see cref="SegmentRows"/>;
/// a column takes part in a segment only if one of its entries there is not zero (NaN and ±∞ count as not zero, so they
/// reach the diagonal), and consecutive segments with the same columns form one run of at most <see cref="BlockRows"/>
/// rows. Over a run only the products of its columns are formed: 1.85 million instead of 13.4 million in the study's
/// problem. A dense Jacobian costs one extra read of the first vector of each column segment.</para>
/// <para><b>Blocking.</b> One run of every active column (p × 512 doubles, 119 kB for p = 29) stays in the core's L2
/// cache while all products over it are formed; the products are accumulated in the widest vectors the machine
/// accelerates — 4 × 4 tiles of (j, k) on and below the diagonal, 16 sums from 8 loads per vector of rows, and the last
/// q mod 4 columns four at a time against one. The sums are in a different order from a plain loop, so the results
/// differ from it by rounding only (the tests hold them to 1e-13 of Σ|terms|); skipped products are exact zeros.</para>
/// </remarks>
internal static class NormalEquations
{
    /// <summary>Rows per segment: the unit in which zero columns are found.</summary>
    internal const int SegmentRows = 64;

    /// <summary>The most rows in one run of segments with the same columns.</summary>
    internal const int BlockRows = 512;

    [ThreadStatic] private static int[]? t_columns;

    /// <summary>The 64-bit words per segment in a mask of candidate columns: ⌈p / 64⌉.</summary>
    internal static int MaskWords(int p) => (p + 63) >> 6;

    /// <summary>The number of segments of <see cref="SegmentRows"/> rows in n rows.</summary>
    internal static int SegmentCount(int n) => (n + SegmentRows - 1) / SegmentRows;

    /// <summary>Sets <paramref name="normal"/> (both triangles, p × p) to JᵀJ and <paramref name="gradient"/> to Jᵀr.</summary>
    /// <param name="jacobian">The column-major n × p Jacobian.</param>
    /// <param name="residuals">The n residuals.</param>
    /// <param name="n">The rows.</param>
    /// <param name="p">The columns.</param>
    /// <param name="normal">Destination of JᵀJ, p × p.</param>
    /// <param name="gradient">Destination of Jᵀr, p values.</param>
    /// <param name="candidateColumns">
    /// Empty, or for each segment s of <see cref="SegmentRows"/> rows <see cref="MaskWords"/> words whose bit j (word j / 64,
    /// bit j mod 64) is set for every column j that may be non-zero in the segment. A problem that knows where its Jacobian
    /// vanishes saves the reading of those zeros (in the study's problem three quarters of the Jacobian); a column left out
    /// must be zero throughout the segment, the candidates are still tested for zeros.
    /// </param>
    internal static void Build(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> residuals, int n, int p, Span<double> normal, Span<double> gradient,
                               ReadOnlySpan<ulong> candidateColumns = default)
    {
        int words = MaskWords(p);
        if (!candidateColumns.IsEmpty && candidateColumns.Length != SegmentCount(n) * words)
            throw new ArgumentException($"The candidate masks hold {candidateColumns.Length} words; {SegmentCount(n)} segments × {words} are needed.", nameof(candidateColumns));
        normal[..(p * p)].Clear();
        gradient[..p].Clear();
        int[] columns = t_columns is { } cached && cached.Length >= 2 * p ? cached : (t_columns = new int[Math.Max(2 * p, 64)]);
        Span<int> run = columns.AsSpan(0, p), segment = columns.AsSpan(p, p);
        int runStart = 0, runLength = 0, q = 0;
        for (int s = 0; s < n; s += SegmentRows)
        {
            int length = Math.Min(SegmentRows, n - s);
            int qs = candidateColumns.IsEmpty
                ? ActiveColumns(jacobian, n, p, s, length, segment)
                : ActiveColumns(jacobian, n, p, s, length, candidateColumns.Slice(s / SegmentRows * words, words), segment);
            if (runLength > 0 && runLength + length <= BlockRows && segment[..qs].SequenceEqual(run[..q]))
            {
                runLength += length;
                continue;
            }
            if (runLength > 0) Accumulate(jacobian, residuals, n, p, runStart, runLength, run[..q], normal, gradient);
            Span<int> swap = run;
            run = segment;
            segment = swap;
            q = qs;
            runStart = s;
            runLength = length;
        }
        if (runLength > 0) Accumulate(jacobian, residuals, n, p, runStart, runLength, run[..q], normal, gradient);
        for (int j = 0; j < p; j++)
            for (int k = 0; k < j; k++) normal[k * p + j] = normal[j * p + k];
    }

    // The columns (ascending) with an entry other than zero in rows s … s + length − 1; returns their number.
    private static int ActiveColumns(ReadOnlySpan<double> jacobian, int n, int p, int s, int length, Span<int> columns)
    {
        int q = 0;
        ref double origin = ref MemoryMarshal.GetReference(jacobian);
        for (int j = 0; j < p; j++)
            if (AnyNonZero(ref Unsafe.Add(ref origin, j * n + s), length)) columns[q++] = j;
        return q;
    }

    // The same among the candidates of the segment's mask.
    private static int ActiveColumns(ReadOnlySpan<double> jacobian, int n, int p, int s, int length, ReadOnlySpan<ulong> mask, Span<int> columns)
    {
        int q = 0;
        ref double origin = ref MemoryMarshal.GetReference(jacobian);
        for (int w = 0; w < mask.Length; w++)
        {
            for (ulong bits = mask[w]; bits != 0; bits &= bits - 1)
            {
                int j = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (j >= p) break;   // bits past the last column mean nothing
                if (AnyNonZero(ref Unsafe.Add(ref origin, j * n + s), length)) columns[q++] = j;
            }
        }
        return q;
    }

    private static bool AnyNonZero(ref double start, int length)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<double>.Count; i += Vector512<double>.Count)
                if (!Vector512.EqualsAll(Vector512.LoadUnsafe(ref start, (nuint)i), Vector512<double>.Zero)) return true;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<double>.Count; i += Vector256<double>.Count)
                if (!Vector256.EqualsAll(Vector256.LoadUnsafe(ref start, (nuint)i), Vector256<double>.Zero)) return true;
        }
        for (; i < length; i++)
            if (Unsafe.Add(ref start, i) != 0) return true;
        return false;
    }

    // Adds the products over rows r0 … r0 + length − 1 of the given columns (ascending) to the lower triangle and the gradient.
    private static void Accumulate(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> residuals, int n, int p, int r0, int length,
                                   ReadOnlySpan<int> columns, Span<double> normal, Span<double> gradient)
    {
        int q = columns.Length;
        Span<double> tile = stackalloc double[16];
        int a0 = 0;
        // 4 × 4 tiles on and below the diagonal: four columns against four columns, 16 sums from 8 loads.
        for (; a0 + 4 <= q; a0 += 4)
        {
            for (int b0 = 0; b0 <= a0; b0 += 4)
            {
                Tile(jacobian, n, r0, length, columns.Slice(a0, 4), columns.Slice(b0, 4), tile);
                for (int a = 0; a < 4; a++)
                    for (int b = 0; b < 4; b++)
                        if (b0 + b <= a0 + a) normal[columns[a0 + a] * p + columns[b0 + b]] += tile[4 * a + b];
            }
        }
        // The last q mod 4 columns, four at a time against one.
        for (int a = a0; a < q; a++)
        {
            int j = columns[a];
            ReadOnlySpan<double> cj = jacobian.Slice(j * n + r0, length);
            int b = 0;
            for (; b + 4 <= a + 1; b += 4)
            {
                Dot4(cj, jacobian.Slice(columns[b] * n + r0, length), jacobian.Slice(columns[b + 1] * n + r0, length),
                     jacobian.Slice(columns[b + 2] * n + r0, length), jacobian.Slice(columns[b + 3] * n + r0, length),
                     out double s0, out double s1, out double s2, out double s3);
                normal[j * p + columns[b]] += s0;
                normal[j * p + columns[b + 1]] += s1;
                normal[j * p + columns[b + 2]] += s2;
                normal[j * p + columns[b + 3]] += s3;
            }
            for (; b <= a; b++) normal[j * p + columns[b]] += Dot(cj, jacobian.Slice(columns[b] * n + r0, length));
        }
        foreach (int j in columns) gradient[j] += Dot(jacobian.Slice(j * n + r0, length), residuals.Slice(r0, length));
    }

    // tile[4a + b] = Σ_rows J[:, js[a]]·J[:, ks[b]] over rows r0 … r0 + length − 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(ReadOnlySpan<double> jacobian, int n, int r0, int length, ReadOnlySpan<int> js, ReadOnlySpan<int> ks, Span<double> tile)
    {
        ref double origin = ref MemoryMarshal.GetReference(jacobian);
        ref double a0 = ref Unsafe.Add(ref origin, js[0] * n + r0), a1 = ref Unsafe.Add(ref origin, js[1] * n + r0);
        ref double a2 = ref Unsafe.Add(ref origin, js[2] * n + r0), a3 = ref Unsafe.Add(ref origin, js[3] * n + r0);
        ref double b0 = ref Unsafe.Add(ref origin, ks[0] * n + r0), b1 = ref Unsafe.Add(ref origin, ks[1] * n + r0);
        ref double b2 = ref Unsafe.Add(ref origin, ks[2] * n + r0), b3 = ref Unsafe.Add(ref origin, ks[3] * n + r0);
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
        {
            double y0 = Unsafe.Add(ref b0, i), y1 = Unsafe.Add(ref b1, i), y2 = Unsafe.Add(ref b2, i), y3 = Unsafe.Add(ref b3, i);
            TileRow(tile[..4], Unsafe.Add(ref a0, i), y0, y1, y2, y3);
            TileRow(tile.Slice(4, 4), Unsafe.Add(ref a1, i), y0, y1, y2, y3);
            TileRow(tile.Slice(8, 4), Unsafe.Add(ref a2, i), y0, y1, y2, y3);
            TileRow(tile.Slice(12, 4), Unsafe.Add(ref a3, i), y0, y1, y2, y3);
        }
    }

    private static void TileRow(Span<double> row, double x, double y0, double y1, double y2, double y3)
    {
        row[0] = Math.FusedMultiplyAdd(x, y0, row[0]);
        row[1] = Math.FusedMultiplyAdd(x, y1, row[1]);
        row[2] = Math.FusedMultiplyAdd(x, y2, row[2]);
        row[3] = Math.FusedMultiplyAdd(x, y3, row[3]);
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
