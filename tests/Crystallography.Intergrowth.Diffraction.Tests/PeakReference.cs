namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Slow, obvious scalar reference implementations of the peak shapes, written straight from the
/// papers' formulas and by numerical quadrature, for the production kernels to be compared with.
/// </summary>
internal static class PeakReference
{
    public static double Gaussian(double delta, double fwhm)
    {
        double sigma = fwhm / (2 * Math.Sqrt(2 * Math.Log(2)));
        return Math.Exp(-delta * delta / (2 * sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI));
    }

    public static double Lorentzian(double delta, double fwhm)
    {
        double half = fwhm / 2;
        return half / (Math.PI * (delta * delta + half * half));
    }

    public static double PseudoVoigt(double delta, double fwhm, double eta) =>
        eta * Lorentzian(delta, fwhm) + (1 - eta) * Gaussian(delta, fwhm);

    /// <summary>TCH 1987 eqs. 2–4, term by term.</summary>
    public static (double Fwhm, double Eta) Tch(double hG, double hL)
    {
        double h = Math.Pow(Math.Pow(hG, 5) + 2.69269 * Math.Pow(hG, 4) * hL + 2.42843 * Math.Pow(hG, 3) * hL * hL
            + 4.47163 * hG * hG * Math.Pow(hL, 3) + 0.07842 * hG * Math.Pow(hL, 4) + Math.Pow(hL, 5), 0.2);
        double q = hL / h;
        return (h, 1.36603 * q - 0.47719 * q * q + 0.11116 * q * q * q);
    }

    /// <summary>Adaptive Simpson quadrature with an absolute tolerance.</summary>
    public static double Integrate(Func<double, double> f, double a, double b, double tolerance, int depth = 40)
    {
        double fa = f(a), fb = f(b), m = (a + b) / 2, fm = f(m);
        double whole = (b - a) / 6 * (fa + 4 * fm + fb);
        return Refine(f, a, b, fa, fm, fb, whole, tolerance, depth);
    }

    private static double Refine(Func<double, double> f, double a, double b, double fa, double fm, double fb,
        double whole, double tolerance, int depth)
    {
        double m = (a + b) / 2, lm = (a + m) / 2, rm = (m + b) / 2;
        double flm = f(lm), frm = f(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (b - m) / 6 * (fm + 4 * frm + fb);
        double difference = left + right - whole;
        if (depth <= 0 || Math.Abs(difference) <= 15 * tolerance)
        {
            return left + right + difference / 15;
        }
        return Refine(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
            + Refine(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }

    /// <summary>Composite Simpson over [a, b] with n (even) intervals.</summary>
    public static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        double h = (b - a) / n, sum = f(a) + f(b);
        for (int i = 1; i < n; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        }
        return sum * h / 3;
    }

    /// <summary>
    /// The FCJ profile by direct integration over the detector angle δ = 2φ (FCJ 1994 eqs. 7–10):
    /// weight W(δ)/(h(δ)·|cos δ|), h/L = √(cos²δ/cos²2θ − 1), W/L = S/L + H/L − h/L on the outer part
    /// and 2·min(S/L, H/L) on the inner part. The 1/√ singularity at δ = 2θ is removed by δ = 2θ ∓ v².
    /// </summary>
    public static double Fcj(double x, double position, double fwhm, double eta, double s, double h, int intervals = 6000)
    {
        if (s == 0 && h == 0)
        {
            return PseudoVoigt(x - position, fwhm, eta);
        }
        double twoTheta = position * Math.PI / 180;
        double cos2 = Math.Cos(twoTheta);
        double limit = Math.Acos(Math.Clamp(cos2 * Math.Sqrt(1 + (s + h) * (s + h)), -1, 1));
        double side = position < 90 ? -1 : 1;
        double vMax = Math.Sqrt(Math.Abs(twoTheta - limit));
        double m = Math.Min(s, h);
        // W/L as a function of h/L (the normalisation 1/(2m) cancels in the ratio below).
        double Slit(double hh) => m == 0 ? (hh <= s + h ? 1 : 0)
            : hh <= Math.Abs(h - s) ? 2 * m : Math.Max(0, s + h - hh);
        // Weight × dδ/dv = W/(h·|cos δ|)·2v, with h/L = √(sin(2θ+δ)·sin(2θ−δ))/|cos 2θ|
        // (cos²A − cos²B = sin(B+A)·sin(B−A), no cancellation); at v = 0 its limit.
        double root4Theta = Math.Sqrt(Math.Abs(Math.Sin(2 * twoTheta)));
        double Weight(double v)
        {
            if (v == 0)
            {
                return 2 * Slit(0) / root4Theta;
            }
            double delta = twoTheta + side * v * v;
            double product = Math.Sin(twoTheta + delta) * Math.Sin(-side * v * v);
            if (product <= 0)
            {
                return 0;
            }
            double hh = Math.Sqrt(product) / Math.Abs(cos2);
            return Slit(hh) / (hh * Math.Abs(Math.Cos(delta))) * 2 * v;
        }
        double numerator = Simpson(v => Weight(v) * PseudoVoigt(x - (twoTheta + side * v * v) * 180 / Math.PI, fwhm, eta),
            0, vMax, intervals);
        double denominator = Simpson(Weight, 0, vMax, intervals);
        return numerator / denominator;
    }

    /// <summary>
    /// The TOF shape by numerical convolution of the back-to-back exponential
    /// E(t) = 2N·e^(αt) (t &lt; 0), 2N·e^(−βt) (t &gt; 0), N = αβ/(2(α+β)), with the pseudo-Voigt of FWHM H and mixing η.
    /// </summary>
    public static double Tof(double delta, double alpha, double beta, double fwhm, double eta)
    {
        double n = alpha * beta / (2 * (alpha + beta));
        // ∫_0^∞ e^(−ατ) pV(Δ + τ) dτ (rise side) and ∫_0^∞ e^(−βt) pV(Δ − t) dt (decay side); the pV
        // centre falls at τ = −Δ or t = Δ, where the interval is split.
        double rise = HalfLine(tau => Math.Exp(-alpha * tau) * PseudoVoigt(delta + tau, fwhm, eta), -delta, alpha, fwhm);
        double decay = HalfLine(t => Math.Exp(-beta * t) * PseudoVoigt(delta - t, fwhm, eta), delta, beta, fwhm);
        return 2 * n * (rise + decay);
    }

    private static double HalfLine(Func<double, double> f, double centre, double rate, double fwhm)
    {
        double end = 60 / rate + Math.Max(centre, 0) + 200 * fwhm;
        var cuts = new List<double> { 0 };
        foreach (double c in new[] { centre - 20 * fwhm, centre - 2 * fwhm, centre, centre + 2 * fwhm, centre + 20 * fwhm })
        {
            if (c > 0 && c < end)
            {
                cuts.Add(c);
            }
        }
        cuts.Add(end);
        cuts.Sort();
        double sum = 0;
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            sum += Integrate(f, cuts[i], cuts[i + 1], 1e-13);
        }
        // Beyond 'end' the exponential has fallen by e^(−60): nothing left.
        return sum;
    }
}
