namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// The calculated profile of one reflection inside its window: its contribution to the points
/// <see cref="Start"/>, <see cref="Start"/> + 1, … (scale, multiplicity, corrections and the peak
/// shape included, background excluded), so that yc = yb + Σ over reflections of these values.
/// </summary>
/// <param name="Start">The index of the window's first point in the pattern.</param>
/// <param name="Contributions">The reflection's calculated counts at each point of its window.</param>
public readonly record struct ReflectionWindow(int Start, ReadOnlyMemory<double> Contributions);

/// <summary>
/// The Bragg R factor and the R factor on |F| of one phase (immutable), from Rietveld's apportioning
/// of the observed counts among the reflections that overlap at each point.
/// </summary>
/// <remarks>
/// <para>"Observed" intensities (Rietveld, J. Appl. Cryst. 2 (1969) 65, eq. 7; Young, <i>The Rietveld
/// Method</i> (1993), ch. 1, Table 1.2, footnote): I_obs,k = Σᵢ c_k,i · yo_i / yc_i, with c_k,i the
/// contribution of reflection k to point i, so that I_calc,k = Σᵢ c_k,i; equivalently
/// I_obs,k = I_calc,k Σᵢ φ_k,i yo_i / yc_i with φ the normalised profile. With a background, the
/// net counts are apportioned, I_obs,k = Σᵢ c_k,i (yo_i − yb_i) / (yc_i − yb_i), as FullProf does;
/// points whose calculated (net) count is not positive, and excluded points, are left out of
/// both sums.</para>
/// <para>R_Bragg = Σ_k |I_obs,k − I_calc,k| / Σ_k I_obs,k (pdCIF _refine_ls_R_I_factor; IUCr Online
/// Dictionary "Bragg R factor"); R_F = Σ_k |√I_obs,k − √I_calc,k| / Σ_k √I_obs,k (FullProf's
/// "RF-factor"), with a negative apportioned intensity taken as 0 under the root.</para>
/// </remarks>
public sealed class BraggAgreement
{
    private readonly double[] _observed;
    private readonly double[] _calculated;

    private BraggAgreement(double[] observed, double[] calculated, double rBragg, double rF)
    {
        _observed = observed;
        _calculated = calculated;
        RBragg = rBragg;
        RF = rF;
    }

    /// <summary>R_Bragg = Σ |I_obs − I_calc| / Σ I_obs over the phase's reflections.</summary>
    public double RBragg { get; }

    /// <summary>R_F = Σ |√I_obs − √I_calc| / Σ √I_obs.</summary>
    public double RF { get; }

    /// <summary>"R_Bragg 0.88 %, R_F 0.52 %".</summary>
    public override string ToString() => FormattableString.Invariant($"R_Bragg {100 * RBragg:F2} %, R_F {100 * RF:F2} %");

    /// <summary>The apportioned ("observed") intensity of each reflection, in the order given.</summary>
    public ReadOnlySpan<double> ObservedIntensities => _observed;

    /// <summary>The calculated intensity of each reflection (the sum of its contributions over the points used).</summary>
    public ReadOnlySpan<double> CalculatedIntensities => _calculated;

    /// <summary>R_Bragg and R_F of one phase.</summary>
    /// <param name="observed">yo per point.</param>
    /// <param name="calculated">yc per point (all phases and background).</param>
    /// <param name="reflections">The phase's reflections, each with its window of contributions.</param>
    /// <param name="background">yb per point to apportion net counts; empty to apportion yo / yc.</param>
    /// <param name="excluded">True at excluded points; empty when none is excluded.</param>
    /// <exception cref="ArgumentException">Lengths differ, a window falls outside the pattern, or no intensity is left.</exception>
    public static BraggAgreement Compute(ReadOnlySpan<double> observed, ReadOnlySpan<double> calculated,
                                         IReadOnlyList<ReflectionWindow> reflections,
                                         ReadOnlySpan<double> background = default, ReadOnlySpan<bool> excluded = default)
    {
        ArgumentNullException.ThrowIfNull(reflections);
        int n = observed.Length;
        if (calculated.Length != n)
            throw new ArgumentException($"yo and yc must have one element per point; got {n} and {calculated.Length}.", nameof(calculated));
        if (!background.IsEmpty && background.Length != n)
            throw new ArgumentException($"The background has {background.Length} points; the pattern has {n}.", nameof(background));
        if (!excluded.IsEmpty && excluded.Length != n)
            throw new ArgumentException($"The exclusion mask has {excluded.Length} points; the pattern has {n}.", nameof(excluded));

        var iObs = new double[reflections.Count];
        var iCalc = new double[reflections.Count];
        for (int k = 0; k < reflections.Count; k++)
        {
            var window = reflections[k];
            var c = window.Contributions.Span;
            if (window.Start < 0 || window.Start + c.Length > n)
                throw new ArgumentException(
                    $"Reflection {k}: its window [{window.Start}, {window.Start + c.Length}) falls outside the pattern's {n} points.", nameof(reflections));
            double o = 0, s = 0;
            for (int j = 0; j < c.Length; j++)
            {
                int i = window.Start + j;
                if (!excluded.IsEmpty && excluded[i]) continue;
                double yb = background.IsEmpty ? 0 : background[i];
                double net = calculated[i] - yb;
                if (!(net > 0)) continue;
                o += c[j] * (observed[i] - yb) / net;
                s += c[j];
            }
            iObs[k] = o;
            iCalc[k] = s;
        }

        double dI = 0, sumI = 0, dF = 0, sumF = 0;
        for (int k = 0; k < iObs.Length; k++)
        {
            dI += Math.Abs(iObs[k] - iCalc[k]);
            sumI += iObs[k];
            double fo = Math.Sqrt(Math.Max(iObs[k], 0)), fc = Math.Sqrt(Math.Max(iCalc[k], 0));
            dF += Math.Abs(fo - fc);
            sumF += fo;
        }
        if (!(sumI > 0))
            throw new ArgumentException("The phase's reflections apportion no positive observed intensity: R_Bragg is undefined.", nameof(reflections));
        return new BraggAgreement(iObs, iCalc, dI / sumI, dF / sumF);
    }
}
