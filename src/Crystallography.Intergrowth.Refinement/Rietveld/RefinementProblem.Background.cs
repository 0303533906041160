using Crystallography.Intergrowth.Diffraction;
using Simd = System.Numerics;

namespace Crystallography.Intergrowth.Refinement;

public sealed partial class RefinementProblem
{
    /// <summary>
    /// A pattern's Chebyshev background at its fitted points. The background is linear in its coefficients, so its
    /// derivative columns, the basis Tₖ(t(x)), do not change: they are written into J_p once (<see cref="Columns"/>), and
    /// an evaluation needs only B = Σₖ cₖ·Tₖ, fused with y += B and the finiteness check.
    /// </summary>
    /// <remarks>
    /// B is computed with the recurrence vectorised over the points rather than read from a stored basis: on the study's
    /// 28,001-point pattern with four terms the stored basis (0.9 MB) is read from beyond the L2 cache at each evaluation
    /// and took 28–34 µs, the recurrence 16–25 µs. Both do the arithmetic of
    /// <see cref="ChebyshevBackground.EvaluateWithDerivatives"/> (t = (x − x_min)·(2/(x_max − x_min)) − 1,
    /// Tₖ = 2t·Tₖ₋₁ − Tₖ₋₂, B summed from +0 in ascending k with a product and an add per term): B is bitwise its value.
    /// </remarks>
    internal sealed class BackgroundBasis
    {
        private readonly double[] _x;
        private readonly double _xMin, _xMax, _scale;

        public BackgroundBasis(double[] x, double xMin, double xMax, int terms)
        {
            _x = x;
            Terms = terms;
            _xMin = xMin;
            _xMax = xMax;
            _scale = 2 / (xMax - xMin);
        }

        public int Count => _x.Length;
        public int Terms { get; }

        /// <summary>Tₖ at every point, column-major (Tₖ(xᵢ) at k·Count + i): the derivative columns. Allocates.</summary>
        public double[] Columns()
        {
            var columns = new double[Count * Terms];
            ChebyshevBackground.EvaluateWithDerivatives(_x, _xMin, _xMax, new double[Terms], new double[Count], columns);
            return columns;
        }

        /// <summary>
        /// background = Σₖ cₖ·Tₖ and calculated += background; false when a calculated value is not finite (all values are
        /// written either way).
        /// </summary>
        public bool AddTo(ReadOnlySpan<double> coefficients, Span<double> background, Span<double> calculated)
        {
            System.Diagnostics.Debug.Assert(coefficients.Length == Terms && background.Length == Count && calculated.Length == Count);
            int n = Count, i = 0;
            var x = _x;
            int m = coefficients.Length;
            // y − y is 0 for finite y and NaN otherwise: the sum of them stays 0 while every value is finite.
            double check = 0;
            if (Simd.Vector.IsHardwareAccelerated && n >= Simd.Vector<double>.Count)
            {
                int width = Simd.Vector<double>.Count;
                var finite = Simd.Vector<double>.Zero;
                var one = Simd.Vector<double>.One;
                var two = new Simd.Vector<double>(2.0);
                var xMin = new Simd.Vector<double>(_xMin);
                var scale = new Simd.Vector<double>(_scale);
                for (; i <= n - width; i += width)
                {
                    var t = (new Simd.Vector<double>(x, i) - xMin) * scale - one;
                    var sum = Simd.Vector<double>.Zero + new Simd.Vector<double>(coefficients[0]) * one;
                    if (m > 1) sum += new Simd.Vector<double>(coefficients[1]) * t;
                    var previous = one;
                    var current = t;
                    for (int k = 2; k < m; k++)
                    {
                        var tk = two * t * current - previous;
                        previous = current;
                        current = tk;
                        sum += new Simd.Vector<double>(coefficients[k]) * tk;
                    }
                    sum.CopyTo(background[i..]);
                    var y = new Simd.Vector<double>(calculated[i..]) + sum;
                    y.CopyTo(calculated[i..]);
                    finite += y - y;
                }
                check = Simd.Vector.Sum(finite);
            }
            for (; i < n; i++)
            {
                double t = (x[i] - _xMin) * _scale - 1;
                double sum = 0 + coefficients[0] * 1.0;
                if (m > 1) sum += coefficients[1] * t;
                double previous = 1, current = t;
                for (int k = 2; k < m; k++)
                {
                    double tk = 2 * t * current - previous;
                    previous = current;
                    current = tk;
                    sum += coefficients[k] * tk;
                }
                background[i] = sum;
                double y = calculated[i] + sum;
                calculated[i] = y;
                check += y - y;
            }
            return check == 0;
        }
    }
}
