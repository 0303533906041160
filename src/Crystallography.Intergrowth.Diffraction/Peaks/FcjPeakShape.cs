using System.Buffers;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// The Finger–Cox–Jephcoat axial-divergence asymmetry: a description holding the two ratios S/L
/// (sample half-height over diffractometer radius) and H/L (detector half-height over radius).
/// </summary>
/// <remarks>
/// GSAS-II's "SH/L" is S/L + H/L with the two taken equal; FullProf's asymmetry parameters of
/// profile 7 (PCR "S_L", "D_L") are S/L and H/L directly. Both ratios zero means no asymmetry.
/// </remarks>
public readonly record struct FcjAsymmetry
{
    /// <summary>An asymmetry from its two ratios.</summary>
    /// <param name="sOverL">S/L, zero or positive.</param>
    /// <param name="hOverL">H/L, zero or positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A ratio negative or not finite.</exception>
    public FcjAsymmetry(double sOverL, double hOverL)
    {
        PeakArguments.CheckNonNegative(sOverL, nameof(sOverL));
        PeakArguments.CheckNonNegative(hOverL, nameof(hOverL));
        SOverL = sOverL;
        HOverL = hOverL;
    }

    /// <summary>S/L: sample half-height over the goniometer radius.</summary>
    public double SOverL { get; }

    /// <summary>H/L: detector (receiving-slit) half-height over the goniometer radius.</summary>
    public double HOverL { get; }

    /// <summary>Whether both ratios are zero, so that the peak is the symmetric pseudo-Voigt.</summary>
    public bool IsSymmetric => SOverL == 0 && HOverL == 0;
}

/// <summary>
/// The pseudo-Voigt with Finger–Cox–Jephcoat axial-divergence asymmetry, normalised to unit area
/// over 2θ in degrees, with analytic derivatives with respect to position, FWHM, mixing, S/L and H/L.
/// </summary>
/// <remarks>
/// <para>
/// L. W. Finger, D. E. Cox &amp; A. P. Jephcoat, J. Appl. Cryst. 27 (1994) 892–900. The observed peak
/// is the symmetric pseudo-Voigt averaged over the angles 2φ at which rays of the Debye–Scherrer
/// cone 2θ reach the receiving slit: P(x) = ∫ w(2φ) pV(x − 2φ) d2φ / ∫ w(2φ) d2φ with
/// w = W(2φ)/(h(2φ)·|cos 2φ|) (FCJ eqs. 7, 9 and 10), h(2φ) = L·√(cos²2φ/cos²2θ − 1) and
/// W = H + S − h (for h between |H − S| and H + S) or 2·min(H, S) (for h below |H − S|).
/// </para>
/// <para>
/// We integrate in u = h/L instead of 2φ. With cos 2φ = cos 2θ·√(1 + u²) the 1/h singularity at
/// 2φ = 2θ cancels against d2φ/du and the weight becomes the smooth
/// w(u) du = Ŵ(u)/((1 + u²)·sin 2φ(u)) du, Ŵ = W/(2·min(H, S)), on the two pieces [0, |H − S|/L]
/// (Ŵ = 1) and [|H − S|/L, (H + S)/L] (Ŵ linear, falling to 0); each piece gets its own
/// Gauss–Legendre rule. u is capped at |tan 2θ| where 2φ would leave [0°, 180°]. Because the
/// weights are divided by their own sum the area is exactly one for any quadrature order, and
/// with S/L = H/L = 0 the sum is the symmetric pseudo-Voigt. If one ratio is zero and the other
/// not, Ŵ = 1 on [0, max], the limit of the physical weight (a point sample seen through a finite
/// slit is still asymmetric).
/// </para>
/// <para>
/// The derivatives are those of the quadrature sum itself (node positions and weights move with
/// 2θ, S/L and H/L), so they agree with finite differences of <see cref="Evaluate(ReadOnlySpan{double}, double, double, double, double, double, int, Span{double})"/>
/// at fixed quadrature order to rounding. At S/L = H/L the weight has a kink and the derivatives
/// are one-sided; where exactly one ratio is zero its derivative is reported as zero (the
/// one-sided limit). The dependence of H and η on 2θ through the profile is not part of
/// ∂/∂position here.
/// </para>
/// </remarks>
public static class FcjPeakShape
{
    /// <summary>The largest quadrature order (nodes per piece).</summary>
    public const int MaximumQuadratureOrder = GaussLegendre.MaximumOrder;

    // Node tables up to this many nodes live on the stack, larger ones in pooled arrays.
    private const int StackNodes = 256;

    private const double DegreesPerRadian = 180 / Math.PI;
    private const double RadiansPerDegree = Math.PI / 180;

    /// <summary>
    /// The quadrature orders used when none is given, one per piece of the weight (flat, then
    /// ramp): enough nodes that they lie about an eighth of an FWHM apart on average over each
    /// piece's span in 2φ, at least 4 and at most <see cref="MaximumQuadratureOrder"/>. With these
    /// orders the profile agrees with direct integration to about 1e-6 of its maximum while the
    /// tail spans up to ~60 FWHM (tested); beyond, the cap limits the accuracy.
    /// </summary>
    /// <param name="position">2θ in degrees, in (0, 180).</param>
    /// <param name="fwhm">FWHM of the symmetric pseudo-Voigt, degrees.</param>
    /// <param name="sOverL">S/L.</param>
    /// <param name="hOverL">H/L.</param>
    /// <returns>The number of nodes of the flat piece [0, |H − S|/L] and of the ramp piece [|H − S|/L, (H + S)/L].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    public static (int Flat, int Ramp) DefaultQuadratureOrders(double position, double fwhm, double sOverL, double hOverL)
    {
        CheckArguments(position, fwhm, 0, sOverL, hOverL);
        double flatEnd = LowestAngle(position, Math.Abs(hOverL - sOverL));
        double rampEnd = LowestAngle(position, sOverL + hOverL);
        return (OrderFor(Math.Abs(position - flatEnd), fwhm), OrderFor(Math.Abs(flatEnd - rampEnd), fwhm));
    }

    private static int OrderFor(double span, double fwhm) =>
        (int)Math.Clamp(Math.Ceiling(8 * span / fwhm) + 4, 4, MaximumQuadratureOrder);

    /// <summary>
    /// The far end of the asymmetric tail: the angle 2φ_min (below 2θ for 2θ &lt; 90°, above it for
    /// 2θ &gt; 90°) of rays at the largest axial divergence, in degrees.
    /// </summary>
    /// <param name="position">2θ in degrees, in (0, 180).</param>
    /// <param name="sumOfRatios">S/L + H/L.</param>
    /// <returns>2φ_min in degrees, clipped to [0°, 180°].</returns>
    public static double LowestAngle(double position, double sumOfRatios)
    {
        double cosine = Math.Cos(position * RadiansPerDegree) * Math.Sqrt(1 + sumOfRatios * sumOfRatios);
        return Math.Acos(Math.Clamp(cosine, -1, 1)) * DegreesPerRadian;
    }

    /// <summary>Values of the asymmetric peak with the default quadrature order.</summary>
    /// <param name="x">2θ values in degrees.</param>
    /// <param name="position">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="fwhm">FWHM of the symmetric pseudo-Voigt, degrees, positive.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="sOverL">S/L ≥ 0.</param>
    /// <param name="hOverL">H/L ≥ 0.</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void Evaluate(ReadOnlySpan<double> x, double position, double fwhm, double eta,
        double sOverL, double hOverL, Span<double> value) =>
        EvaluateCore(x, position, fwhm, eta, sOverL, hOverL,
            DefaultQuadratureOrders(position, fwhm, sOverL, hOverL), value);

    /// <summary>Values of the asymmetric peak with a given quadrature order.</summary>
    /// <param name="x">2θ values in degrees.</param>
    /// <param name="position">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="fwhm">FWHM of the symmetric pseudo-Voigt, degrees, positive.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="sOverL">S/L ≥ 0.</param>
    /// <param name="hOverL">H/L ≥ 0.</param>
    /// <param name="quadratureOrder">Gauss–Legendre nodes per piece, 1 … <see cref="MaximumQuadratureOrder"/>.</param>
    /// <param name="value">Destination, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void Evaluate(ReadOnlySpan<double> x, double position, double fwhm, double eta,
        double sOverL, double hOverL, int quadratureOrder, Span<double> value)
    {
        CheckOrder(quadratureOrder);
        EvaluateCore(x, position, fwhm, eta, sOverL, hOverL, (quadratureOrder, quadratureOrder), value);
    }

    private static void EvaluateCore(ReadOnlySpan<double> x, double position, double fwhm, double eta,
        double sOverL, double hOverL, (int Flat, int Ramp) orders, Span<double> value)
    {
        CheckArguments(position, fwhm, eta, sOverL, hOverL);
        PeakArguments.CheckLength(x, value, nameof(value));
        if (sOverL == 0 && hOverL == 0)
        {
            PseudoVoigt.Evaluate(x, position, fwhm, eta, value);
            return;
        }
        int capacity = orders.Flat + orders.Ramp;
        double[]? rented = null;
        Span<double> buffer = capacity <= StackNodes
            ? stackalloc double[2 * StackNodes]
            : (rented = ArrayPool<double>.Shared.Rent(2 * capacity));
        try
        {
            var nodes = new Nodes(buffer, capacity, withDerivatives: false);
            nodes.Build(position, sOverL, hOverL, orders.Flat, orders.Ramp);
            double inverseSum = 1 / nodes.WeightSum;
            for (int i = 0; i < x.Length; i++)
            {
                double sum = 0;
                for (int j = 0; j < nodes.Count; j++)
                {
                    sum += nodes.Weight[j] * PseudoVoigt.Value(x[i] - position - nodes.Offset[j], fwhm, eta);
                }
                value[i] = sum * inverseSum;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Values and analytic derivatives with the default quadrature order.</summary>
    /// <param name="x">2θ values in degrees.</param>
    /// <param name="position">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="fwhm">FWHM of the symmetric pseudo-Voigt, degrees, positive.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="sOverL">S/L ≥ 0.</param>
    /// <param name="hOverL">H/L ≥ 0.</param>
    /// <param name="value">Destination for the profile.</param>
    /// <param name="dPosition">Destination for ∂/∂(2θ position), per degree.</param>
    /// <param name="dWidth">Destination for ∂/∂H.</param>
    /// <param name="dMixing">Destination for ∂/∂η.</param>
    /// <param name="dSOverL">Destination for ∂/∂(S/L).</param>
    /// <param name="dHOverL">Destination for ∂/∂(H/L).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void EvaluateWithDerivatives(ReadOnlySpan<double> x, double position, double fwhm, double eta,
        double sOverL, double hOverL,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing,
        Span<double> dSOverL, Span<double> dHOverL) =>
        EvaluateWithDerivativesCore(x, position, fwhm, eta, sOverL, hOverL,
            DefaultQuadratureOrders(position, fwhm, sOverL, hOverL),
            value, dPosition, dWidth, dMixing, dSOverL, dHOverL);

    /// <summary>Values and analytic derivatives of the quadrature sum of a given order, in one pass.</summary>
    /// <param name="x">2θ values in degrees.</param>
    /// <param name="position">Peak position 2θ in degrees, in (0, 180).</param>
    /// <param name="fwhm">FWHM of the symmetric pseudo-Voigt, degrees, positive.</param>
    /// <param name="eta">Lorentzian fraction η in [0, 1].</param>
    /// <param name="sOverL">S/L ≥ 0.</param>
    /// <param name="hOverL">H/L ≥ 0.</param>
    /// <param name="quadratureOrder">Gauss–Legendre nodes per piece, 1 … <see cref="MaximumQuadratureOrder"/>.</param>
    /// <param name="value">Destination for the profile.</param>
    /// <param name="dPosition">Destination for ∂/∂(2θ position), per degree.</param>
    /// <param name="dWidth">Destination for ∂/∂H.</param>
    /// <param name="dMixing">Destination for ∂/∂η.</param>
    /// <param name="dSOverL">Destination for ∂/∂(S/L).</param>
    /// <param name="dHOverL">Destination for ∂/∂(H/L).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument out of range.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public static void EvaluateWithDerivatives(ReadOnlySpan<double> x, double position, double fwhm, double eta,
        double sOverL, double hOverL, int quadratureOrder,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing,
        Span<double> dSOverL, Span<double> dHOverL)
    {
        CheckOrder(quadratureOrder);
        EvaluateWithDerivativesCore(x, position, fwhm, eta, sOverL, hOverL, (quadratureOrder, quadratureOrder),
            value, dPosition, dWidth, dMixing, dSOverL, dHOverL);
    }

    private static void EvaluateWithDerivativesCore(ReadOnlySpan<double> x, double position, double fwhm, double eta,
        double sOverL, double hOverL, (int Flat, int Ramp) orders,
        Span<double> value, Span<double> dPosition, Span<double> dWidth, Span<double> dMixing,
        Span<double> dSOverL, Span<double> dHOverL)
    {
        CheckArguments(position, fwhm, eta, sOverL, hOverL);
        PeakArguments.CheckLength(x, value, nameof(value));
        PeakArguments.CheckLength(x, dPosition, nameof(dPosition));
        PeakArguments.CheckLength(x, dWidth, nameof(dWidth));
        PeakArguments.CheckLength(x, dMixing, nameof(dMixing));
        PeakArguments.CheckLength(x, dSOverL, nameof(dSOverL));
        PeakArguments.CheckLength(x, dHOverL, nameof(dHOverL));
        if (sOverL == 0 && hOverL == 0)
        {
            PseudoVoigt.EvaluateWithDerivatives(x, position, fwhm, eta, value, dPosition, dWidth, dMixing);
            dSOverL.Clear();
            dHOverL.Clear();
            return;
        }
        int capacity = orders.Flat + orders.Ramp;
        double[]? rented = null;
        Span<double> buffer = capacity <= StackNodes / 4
            ? stackalloc double[2 * StackNodes]
            : (rented = ArrayPool<double>.Shared.Rent(8 * capacity));
        try
        {
        var nodes = new Nodes(buffer, capacity, withDerivatives: true);
        nodes.Build(position, sOverL, hOverL, orders.Flat, orders.Ramp);
        double inverseSum = 1 / nodes.WeightSum;
        for (int i = 0; i < x.Length; i++)
        {
            double v = 0, dh = 0, de = 0, dt = 0, ds = 0, dd = 0;
            for (int j = 0; j < nodes.Count; j++)
            {
                PseudoVoigt.Point(x[i] - position - nodes.Offset[j], fwhm, eta,
                    out double pv, out double pvPosition, out double pvWidth, out double pvMixing);
                double w = nodes.Weight[j];
                v += w * pv;
                dh += w * pvWidth;
                de += w * pvMixing;
                dt += nodes.WeightPerPosition[j] * pv + w * pvPosition * nodes.AnglePerPosition[j];
                ds += nodes.WeightPerS[j] * pv + w * pvPosition * nodes.AnglePerS[j];
                dd += nodes.WeightPerH[j] * pv + w * pvPosition * nodes.AnglePerH[j];
            }
            double p = v * inverseSum;
            value[i] = p;
            dWidth[i] = dh * inverseSum;
            dMixing[i] = de * inverseSum;
            // P = Σwv/Σw: ∂P = (Σ∂(wv) − P·Σ∂w)/Σw.
            dPosition[i] = (dt - p * nodes.WeightSumPerPosition) * inverseSum;
            dSOverL[i] = (ds - p * nodes.WeightSumPerS) * inverseSum;
            dHOverL[i] = (dd - p * nodes.WeightSumPerH) * inverseSum;
        }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private static void CheckArguments(double position, double fwhm, double eta, double sOverL, double hOverL)
    {
        if (!(position > 0 && position < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "The FCJ peak needs 2θ in (0°, 180°).");
        }
        PeakArguments.CheckPositive(fwhm, nameof(fwhm));
        PeakArguments.CheckMixing(eta, nameof(eta));
        PeakArguments.CheckNonNegative(sOverL, nameof(sOverL));
        PeakArguments.CheckNonNegative(hOverL, nameof(hOverL));
    }

    private static void CheckOrder(int order)
    {
        if (order < 1 || order > MaximumQuadratureOrder)
        {
            throw new ArgumentOutOfRangeException("quadratureOrder", order,
                $"The quadrature order must lie in [1, {MaximumQuadratureOrder}].");
        }
    }

    /// <summary>
    /// The quadrature nodes of one reflection: offsets 2φⱼ − 2θ (degrees) and weights wⱼ, and, when asked,
    /// the derivatives of the angles 2φⱼ and of the weights with respect to 2θ (per degree), S/L and H/L. Lives in
    /// caller-provided (stack) memory. Shared with <see cref="Kernels.FcjProfileKernel"/>. The offsets, not the angles,
    /// are kept: a pseudo-Voigt then takes (x − 2θ) − (2φⱼ − 2θ), whose rounding is that of a small number, where
    /// x − 2φⱼ with 2φⱼ rounded as an angle would carry an error of about 10⁻¹⁵ of 2θ into a peak of width H.
    /// </summary>
    internal ref struct Nodes
    {
        public Span<double> Offset, Weight;
        public Span<double> AnglePerPosition, WeightPerPosition, AnglePerS, WeightPerS, AnglePerH, WeightPerH;
        public int Count;
        public double WeightSum, WeightSumPerPosition, WeightSumPerS, WeightSumPerH;
        private readonly bool _withDerivatives;

        public Nodes(Span<double> buffer, int capacity, bool withDerivatives)
        {
            _withDerivatives = withDerivatives;
            Offset = buffer[..capacity];
            Weight = buffer.Slice(capacity, capacity);
            if (withDerivatives)
            {
                AnglePerPosition = buffer.Slice(2 * capacity, capacity);
                WeightPerPosition = buffer.Slice(3 * capacity, capacity);
                AnglePerS = buffer.Slice(4 * capacity, capacity);
                WeightPerS = buffer.Slice(5 * capacity, capacity);
                AnglePerH = buffer.Slice(6 * capacity, capacity);
                WeightPerH = buffer.Slice(7 * capacity, capacity);
            }
            Count = 0;
            WeightSum = WeightSumPerPosition = WeightSumPerS = WeightSumPerH = 0;
        }

        public void Build(double position, double s, double h, int flatOrder, int rampOrder)
        {
            double twoTheta = position * RadiansPerDegree;
            double cos2Theta = Math.Cos(twoTheta);
            double sin2Theta = Math.Sin(twoTheta);
            // u = h/L may not exceed |tan 2θ|, where |cos 2φ| would reach 1.
            double uLimit = cos2Theta == 0 ? double.PositiveInfinity : Math.Abs(sin2Theta / cos2Theta);
            double m = Math.Min(s, h);
            double difference = Math.Abs(h - s);
            double total = h + s;

            // Flat piece [0, |H − S|], Ŵ = 1. Its end moves with S and H unless capped.
            double flatEnd = Math.Min(difference, uLimit);
            bool flatCapped = difference >= uLimit;
            double flatEndPerS = flatCapped || difference == 0 ? 0 : Math.Sign(s - h);
            double flatEndPerH = flatCapped || difference == 0 ? 0 : Math.Sign(h - s);
            // One ratio zero: Ŵ = 1 on [0, max]; the zero ratio's derivative is the one-sided zero.
            if (m == 0)
            {
                if (s == 0)
                {
                    flatEndPerS = 0;
                }
                if (h == 0)
                {
                    flatEndPerH = 0;
                }
            }
            // A capped end moves with 2θ: ∂|tan 2θ|/∂2θ = sign(tan 2θ)/cos²2θ per radian.
            double limitPerPosition = Math.Sign(sin2Theta * cos2Theta) / (cos2Theta * cos2Theta) * RadiansPerDegree;
            double flatEndPerPosition = flatCapped ? limitPerPosition : 0;
            AddPiece(0, flatEnd, 0, flatEndPerS, 0, flatEndPerH, 0, flatEndPerPosition, ramp: false,
                s, h, m, flatOrder, cos2Theta, sin2Theta);

            // Ramp piece [|H − S|, H + S], Ŵ = (H + S − u)/(2 min(H, S)).
            if (m > 0)
            {
                double rampEnd = Math.Min(total, uLimit);
                bool rampCapped = total >= uLimit;
                AddPiece(flatEnd, rampEnd, flatEndPerS, rampCapped ? 0 : 1, flatEndPerH, rampCapped ? 0 : 1,
                    flatEndPerPosition, rampCapped ? limitPerPosition : 0,
                    ramp: true, s, h, m, rampOrder, cos2Theta, sin2Theta);
            }
        }

        private void AddPiece(double a, double b, double aPerS, double bPerS, double aPerH, double bPerH,
            double aPerPosition, double bPerPosition, bool ramp,
            double s, double h, double m, int order, double cos2Theta, double sin2Theta)
        {
            double length = b - a;
            if (!(length > 0))
            {
                return;
            }
            GaussLegendre.Rule rule = GaussLegendre.Get(order);
            double lengthPerS = bPerS - aPerS, lengthPerH = bPerH - aPerH;
            // Ŵ and its partials; on the ramp m = min(S, H) and the partial of Ŵ with respect to the
            // smaller ratio carries the 1/(2m) normalisation's derivative.
            double inverse2m = ramp ? 1 / (2 * m) : 0;
            for (int k = 0; k < order; k++)
            {
                double t = rule.Nodes[k];
                double omega = rule.Weights[k];
                double u = a + length * t;
                double q = length * omega;
                double onePlusU2 = 1 + u * u;
                double c = Math.Sqrt(onePlusU2);
                double cosPhi = Math.Clamp(cos2Theta * c, -1, 1);
                double sinPhi = Math.Sqrt((1 - cosPhi) * (1 + cosPhi));
                double g0 = 1 / (onePlusU2 * sinPhi);
                double shape = ramp ? (h + s - u) * inverse2m : 1;
                int j = Count++;
                // 2φ − 2θ without the cancellation of acos(cos 2φ) − 2θ: with cos 2φ = cos 2θ·√(1+u²),
                // sin 2φ − √(1+u²)·sin 2θ = −u²/(sin 2φ + √(1+u²)·sin 2θ), so sin(2φ − 2θ) = −cos 2θ·u²/(sin 2φ + √(1+u²)·sin 2θ);
                // |2φ − 2θ| < 90° (the tail stays on its side of 90°), so the arcsine is the offset.
                double sinOffset = -cos2Theta * u * u / (sinPhi + c * sin2Theta);
                Offset[j] = Math.Asin(Math.Clamp(sinOffset, -1, 1)) * DegreesPerRadian;
                double w = q * shape * g0;
                Weight[j] = w;
                WeightSum += w;
                if (!_withDerivatives)
                {
                    continue;
                }
                // cos 2φ = cos 2θ·√(1 + u²): ∂2φ/∂u = −cos 2θ·u/(√(1+u²)·sin 2φ), ∂2φ/∂2θ = sin 2θ·√(1+u²)/sin 2φ.
                double phiPerU = -cos2Theta * u / (c * sinPhi);
                double phiPerTheta = sin2Theta * c / sinPhi;
                // g0 = 1/((1+u²) sin 2φ): ∂g0/∂2φ = −g0·cos 2φ/sin 2φ.
                double g0PerPhi = -g0 * cosPhi / sinPhi;
                double g0PerU = -2 * u / onePlusU2 * g0 + g0PerPhi * phiPerU;
                double g0PerTheta = g0PerPhi * phiPerTheta;

                double shapePerU = ramp ? -inverse2m : 0;
                // 2θ moves the node only through a capped end (u ≤ |tan 2θ|).
                double uPerPosition = aPerPosition + (bPerPosition - aPerPosition) * t;
                AnglePerPosition[j] = phiPerTheta + phiPerU * uPerPosition * DegreesPerRadian;
                double wPerTheta = (bPerPosition - aPerPosition) * omega * shape * g0
                    + q * (shape * (g0PerTheta * RadiansPerDegree + g0PerU * uPerPosition) + shapePerU * uPerPosition * g0);
                WeightPerPosition[j] = wPerTheta;
                WeightSumPerPosition += wPerTheta;

                double shapePerS = 0, shapePerH = 0;
                if (ramp)
                {
                    // Ŵ = (H + S − u)/(2m): the larger ratio enters the numerator only; the smaller also m.
                    double numerator = h + s - u;
                    if (s <= h)
                    {
                        shapePerS = inverse2m - numerator * inverse2m / m;
                        shapePerH = inverse2m;
                    }
                    else
                    {
                        shapePerS = inverse2m;
                        shapePerH = inverse2m - numerator * inverse2m / m;
                    }
                }
                double uPerS = aPerS + lengthPerS * t;
                double uPerH = aPerH + lengthPerH * t;
                double wPerS = lengthPerS * omega * shape * g0
                    + q * (shapePerS + shapePerU * uPerS) * g0 + q * shape * g0PerU * uPerS;
                double wPerH = lengthPerH * omega * shape * g0
                    + q * (shapePerH + shapePerU * uPerH) * g0 + q * shape * g0PerU * uPerH;
                WeightPerS[j] = wPerS;
                WeightPerH[j] = wPerH;
                WeightSumPerS += wPerS;
                WeightSumPerH += wPerH;
                AnglePerS[j] = phiPerU * uPerS * DegreesPerRadian;
                AnglePerH[j] = phiPerU * uPerH * DegreesPerRadian;
            }
        }
    }
}
