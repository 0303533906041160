namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// The profile agreement factors of a Rietveld fit, for one pattern or, through
/// <see cref="Combine"/>, for a joint fit over several (immutable).
/// </summary>
/// <remarks>
/// <para>Definitions (Young, <i>The Rietveld Method</i>, IUCr/OUP 1993, ch. 1, Table 1.2; McCusker,
/// Von Dreele, Cox, Louër &amp; Scardi, J. Appl. Cryst. 32 (1999) 36, §6; Toby, Powder Diffr. 21 (2006) 67;
/// the pdCIF dictionary items _pd_proc_ls_prof_R_factor, _wR_factor, _wR_expected), with the sums over
/// the N points not excluded, w = 1/σ²:</para>
/// <list type="bullet">
/// <item>Rp = Σ|yo − yc| / Σ yo</item>
/// <item>Rwp = √(Σ w (yo − yc)² / Σ w yo²)</item>
/// <item>Rexp = √((N − P + C) / Σ w yo²), P refined parameters, C constraints</item>
/// <item>χ² = Σ w (yo − yc)²; reduced χ² = χ² / (N − P + C); GoF = Rwp / Rexp = √(reduced χ²)</item>
/// </list>
/// <para>Background-subtracted ("conventional") factors, as FullProf prints them under "Conventional
/// Rietveld R-factors" (Rodríguez-Carvajal, FullProf manual, section on the R factors; the
/// convention of Rietveld's original program, see Le Bail, rietveld_l, 10 Aug 1997): the numerators
/// are unchanged, since (yo − yb) − (yc − yb) = yo − yc, and the denominators use the net counts:
/// Rp_b = Σ|yo − yc| / Σ|yo − yb|, Rwp_b = √(Σ w (yo − yc)² / Σ w (yo − yb)²),
/// Rexp_b = √((N − P + C) / Σ w (yo − yb)²).</para>
/// <para>The factors are fractions (0.05, not 5 %).</para>
/// </remarks>
public sealed record AgreementFactors
{
    private AgreementFactors(int points, int refinedParameters, int constraints, double sumAbsoluteResidual,
                             double sumObserved, double chiSquared, double sumWeightedObservedSquared,
                             double? sumAbsoluteNetObserved, double? sumWeightedNetObservedSquared)
    {
        Points = points;
        RefinedParameters = refinedParameters;
        Constraints = constraints;
        SumAbsoluteResidual = sumAbsoluteResidual;
        SumObserved = sumObserved;
        ChiSquared = chiSquared;
        SumWeightedObservedSquared = sumWeightedObservedSquared;
        SumAbsoluteNetObserved = sumAbsoluteNetObserved;
        SumWeightedNetObservedSquared = sumWeightedNetObservedSquared;
    }

    /// <summary>N: the points that enter the sums (excluded points left out).</summary>
    public int Points { get; }

    /// <summary>P: the refined parameters.</summary>
    public int RefinedParameters { get; }

    /// <summary>C: the constraints (each removes one degree of freedom from the parameters).</summary>
    public int Constraints { get; }

    /// <summary>N − P + C, the degrees of freedom.</summary>
    public int DegreesOfFreedom => Points - RefinedParameters + Constraints;

    /// <summary>Σ |yo − yc|.</summary>
    public double SumAbsoluteResidual { get; }

    /// <summary>Σ yo.</summary>
    public double SumObserved { get; }

    /// <summary>χ² = Σ w (yo − yc)².</summary>
    public double ChiSquared { get; }

    /// <summary>Σ w yo².</summary>
    public double SumWeightedObservedSquared { get; }

    /// <summary>Σ |yo − yb|, or null when no background was given.</summary>
    public double? SumAbsoluteNetObserved { get; }

    /// <summary>Σ w (yo − yb)², or null when no background was given.</summary>
    public double? SumWeightedNetObservedSquared { get; }

    /// <summary>Rp = Σ|yo − yc| / Σ yo.</summary>
    public double Rp => SumAbsoluteResidual / SumObserved;

    /// <summary>Rwp (wRp) = √(Σ w (yo − yc)² / Σ w yo²).</summary>
    public double Rwp => Math.Sqrt(ChiSquared / SumWeightedObservedSquared);

    /// <summary>Rexp = √((N − P + C) / Σ w yo²).</summary>
    public double Rexp => Math.Sqrt(Math.Max(DegreesOfFreedom, 0) / SumWeightedObservedSquared);

    /// <summary>χ² / (N − P + C); NaN when there are no degrees of freedom.</summary>
    public double ReducedChiSquared => DegreesOfFreedom > 0 ? ChiSquared / DegreesOfFreedom : double.NaN;

    /// <summary>GoF = Rwp / Rexp = √(reduced χ²).</summary>
    public double GoodnessOfFit => Math.Sqrt(ReducedChiSquared);

    /// <summary>Background-subtracted Rp_b = Σ|yo − yc| / Σ|yo − yb|; null without a background.</summary>
    public double? RpBackgroundSubtracted => SumAbsoluteNetObserved is { } d ? SumAbsoluteResidual / d : null;

    /// <summary>Background-subtracted Rwp_b = √(Σ w (yo − yc)² / Σ w (yo − yb)²); null without a background.</summary>
    public double? RwpBackgroundSubtracted => SumWeightedNetObservedSquared is { } d ? Math.Sqrt(ChiSquared / d) : null;

    /// <summary>Background-subtracted Rexp_b = √((N − P + C) / Σ w (yo − yb)²); null without a background.</summary>
    public double? RexpBackgroundSubtracted =>
        SumWeightedNetObservedSquared is { } d ? Math.Sqrt(Math.Max(DegreesOfFreedom, 0) / d) : null;

    /// <summary>
    /// The agreement factors of one pattern.
    /// </summary>
    /// <param name="observed">yo per point.</param>
    /// <param name="calculated">yc per point (background included).</param>
    /// <param name="weights">w = 1/σ² per point, finite and ≥ 0.</param>
    /// <param name="refinedParameters">P.</param>
    /// <param name="constraints">C.</param>
    /// <param name="background">yb per point for the background-subtracted factors; empty for none.</param>
    /// <param name="excluded">True at excluded points (excluded regions); empty when none is excluded.</param>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative or not finite, or no point is left.</exception>
    public static AgreementFactors Compute(ReadOnlySpan<double> observed, ReadOnlySpan<double> calculated,
                                           ReadOnlySpan<double> weights, int refinedParameters, int constraints = 0,
                                           ReadOnlySpan<double> background = default, ReadOnlySpan<bool> excluded = default)
    {
        int n = observed.Length;
        if (calculated.Length != n || weights.Length != n)
            throw new ArgumentException($"yo, yc and w must have one element per point; got {n}, {calculated.Length}, {weights.Length}.", nameof(calculated));
        if (!background.IsEmpty && background.Length != n)
            throw new ArgumentException($"The background has {background.Length} points; the pattern has {n}.", nameof(background));
        if (!excluded.IsEmpty && excluded.Length != n)
            throw new ArgumentException($"The exclusion mask has {excluded.Length} points; the pattern has {n}.", nameof(excluded));
        CheckCounts(refinedParameters, constraints);

        int points = 0;
        double absResidual = 0, sumObserved = 0, chi2 = 0, wyo2 = 0, absNet = 0, wNet2 = 0;
        for (int i = 0; i < n; i++)
        {
            if (!excluded.IsEmpty && excluded[i]) continue;
            double w = weights[i];
            if (!(w >= 0) || !double.IsFinite(w))
                throw new ArgumentException($"The weight of point {i} is {w}; weights are finite and non-negative.", nameof(weights));
            double yo = observed[i], r = yo - calculated[i];
            points++;
            absResidual += Math.Abs(r);
            sumObserved += yo;
            chi2 += w * r * r;
            wyo2 += w * yo * yo;
            if (!background.IsEmpty)
            {
                double net = yo - background[i];
                absNet += Math.Abs(net);
                wNet2 += w * net * net;
            }
        }
        if (points == 0)
            throw new ArgumentException("Every point is excluded (or the pattern is empty): no agreement factor follows.", nameof(observed));
        return new AgreementFactors(points, refinedParameters, constraints, absResidual, sumObserved, chi2, wyo2,
            background.IsEmpty ? null : absNet, background.IsEmpty ? null : wNet2);
    }

    /// <summary>
    /// The overall factors of a joint fit: every sum over all patterns, the weighted sums (χ², Σ w yo²,
    /// Σ w (yo − yb)²) multiplied by each pattern's weight in the joint fit, as its χ² is
    /// (GSAS-II's histogram weight factor; Toby 2006, §V). Rp's sums are unweighted, as Rp is.
    /// N is the sum of the patterns' points; P and C are those of the joint fit (a shared parameter
    /// counts once), not the patterns'.
    /// </summary>
    /// <param name="patterns">Each pattern's factors and its weight in the joint fit (&gt; 0).</param>
    /// <param name="refinedParameters">P of the joint fit.</param>
    /// <param name="constraints">C of the joint fit.</param>
    /// <remarks>The background-subtracted sums are combined only when every pattern has them.</remarks>
    public static AgreementFactors Combine(IReadOnlyList<(AgreementFactors Pattern, double Weight)> patterns,
                                           int refinedParameters, int constraints = 0)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0) throw new ArgumentException("A joint fit has at least one pattern.", nameof(patterns));
        CheckCounts(refinedParameters, constraints);
        int points = 0;
        double absResidual = 0, sumObserved = 0, chi2 = 0, wyo2 = 0, absNet = 0, wNet2 = 0;
        bool net = true;
        for (int p = 0; p < patterns.Count; p++)
        {
            var (f, weight) = patterns[p];
            if (f is null) throw new ArgumentNullException(nameof(patterns), $"Pattern {p} is null.");
            if (!(weight > 0) || !double.IsFinite(weight))
                throw new ArgumentOutOfRangeException(nameof(patterns), weight, $"The weight of pattern {p} must be finite and positive.");
            points += f.Points;
            absResidual += f.SumAbsoluteResidual;
            sumObserved += f.SumObserved;
            chi2 += weight * f.ChiSquared;
            wyo2 += weight * f.SumWeightedObservedSquared;
            if (f.SumAbsoluteNetObserved is { } a && f.SumWeightedNetObservedSquared is { } b)
            {
                absNet += a;
                wNet2 += weight * b;
            }
            else net = false;
        }
        return new AgreementFactors(points, refinedParameters, constraints, absResidual, sumObserved, chi2, wyo2,
            net ? absNet : null, net ? wNet2 : null);
    }

    /// <summary>One line: Rp, Rwp, Rexp in per cent, χ², reduced χ² and GoF.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"Rp {100 * Rp:0.00} %, Rwp {100 * Rwp:0.00} %, Rexp {100 * Rexp:0.00} %, χ² {ChiSquared:G6}, reduced χ² {ReducedChiSquared:0.000}, GoF {GoodnessOfFit:0.000}");

    private static void CheckCounts(int refinedParameters, int constraints)
    {
        if (refinedParameters < 0)
            throw new ArgumentOutOfRangeException(nameof(refinedParameters), refinedParameters, "The number of refined parameters is not negative.");
        if (constraints < 0)
            throw new ArgumentOutOfRangeException(nameof(constraints), constraints, "The number of constraints is not negative.");
    }
}
