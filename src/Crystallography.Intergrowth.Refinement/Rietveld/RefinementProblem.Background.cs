using Crystallography.Intergrowth.Diffraction;
using Simd = System.Numerics;

namespace Crystallography.Intergrowth.Refinement;

public sealed partial class RefinementProblem
{
    /// <summary>
    /// A pattern's Chebyshev basis Tₖ(t(x)) at its fitted points, computed once. The background is linear in its
    /// coefficients, so each evaluation needs only B = Σₖ cₖ·Tₖ (a vector loop) and its derivative columns are the basis
    /// itself — no recurrence per point and evaluation, and no derivative columns to copy.
    /// </summary>
    /// <remarks>
    /// The basis comes from <see cref="ChebyshevBackground.EvaluateWithDerivatives"/> (its derivative columns at any
    /// coefficients), and B is summed as it sums it, from +0 in ascending k with a product and an add per term: B is
    /// bitwise that method's value.
    /// </remarks>
    internal sealed class BackgroundBasis
    {
        private readonly double[] _terms;     // column-major: Tₖ(xᵢ) at k·Count + i

        public BackgroundBasis(ReadOnlySpan<double> x, double xMin, double xMax, int terms)
        {
            Count = x.Length;
            Terms = terms;
            _terms = new double[Count * terms];
            ChebyshevBackground.EvaluateWithDerivatives(x, xMin, xMax, new double[terms], new double[Count], _terms);
        }

        public int Count { get; }
        public int Terms { get; }

        /// <summary>Tₖ at every point.</summary>
        public ReadOnlySpan<double> Term(int k) => _terms.AsSpan(k * Count, Count);

        /// <summary>
        /// background = Σₖ cₖ·Tₖ and calculated += background; false when a calculated value is not finite (all values are
        /// written either way).
        /// </summary>
        public bool AddTo(ReadOnlySpan<double> coefficients, Span<double> background, Span<double> calculated)
        {
            System.Diagnostics.Debug.Assert(coefficients.Length == Terms && background.Length == Count && calculated.Length == Count);
            int n = Count, i = 0;
            var terms = _terms;
            // y − y is 0 for finite y and NaN otherwise: the sum of them stays 0 while every value is finite.
            double check = 0;
            if (Simd.Vector.IsHardwareAccelerated && n >= Simd.Vector<double>.Count)
            {
                int width = Simd.Vector<double>.Count;
                var finite = Simd.Vector<double>.Zero;
                for (; i <= n - width; i += width)
                {
                    var sum = Simd.Vector<double>.Zero;
                    for (int k = 0; k < coefficients.Length; k++)
                        sum += new Simd.Vector<double>(coefficients[k]) * new Simd.Vector<double>(terms, k * n + i);
                    sum.CopyTo(background[i..]);
                    var y = new Simd.Vector<double>(calculated[i..]) + sum;
                    y.CopyTo(calculated[i..]);
                    finite += y - y;
                }
                check = Simd.Vector.Sum(finite);
            }
            for (; i < n; i++)
            {
                double sum = 0;
                for (int k = 0; k < coefficients.Length; k++) sum += coefficients[k] * terms[k * n + i];
                background[i] = sum;
                double y = calculated[i] + sum;
                calculated[i] = y;
                check += y - y;
            }
            return check == 0;
        }
    }
}
