using System.Globalization;
using System.Text;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>How a parameter took part in the last cycle.</summary>
public enum ParameterStatus
{
    /// <summary>Held at its value.</summary>
    Fixed,
    /// <summary>An independent refined variable.</summary>
    Refined,
    /// <summary>Derived from refined variables through constraints (its s.u. propagated).</summary>
    Constrained,
}

/// <summary>One row of the parameter table.</summary>
/// <param name="Id">The parameter.</param>
/// <param name="Value">Its value and s.u.</param>
/// <param name="Status">Fixed, refined or constrained.</param>
/// <param name="ShiftOverSu">The last cycle's shift divided by the s.u.; null for fixed parameters or when unknown.</param>
public readonly record struct ParameterRow(ParameterId Id, MeasuredValue Value, ParameterStatus Status, double? ShiftOverSu);

/// <summary>One phase's fractions, in per cent.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="MolePercent">The mole fraction of its formula unit, %.</param>
/// <param name="WeightPercent">The weight fraction, %.</param>
public readonly record struct PhaseFractionRow(string Phase, MeasuredValue MolePercent, MeasuredValue WeightPercent);

/// <summary>
/// A crystallographers' report of a refinement (immutable): parameters in parenthesis notation with
/// their status and last shift/s.u., phase fractions in mol % and wt %, the strongest correlations,
/// and the agreement factors; rendered as aligned plain text or Markdown. Build it with
/// <see cref="RefinementTableBuilder"/>.
/// </summary>
public sealed class RefinementTable
{
    internal RefinementTable(IReadOnlyList<ParameterRow> parameters, IReadOnlyList<PhaseFractionRow> phaseFractions,
                             IReadOnlyList<ParameterCorrelation> correlations, double correlationThreshold,
                             IReadOnlyList<(string Label, AgreementFactors Factors)> agreement,
                             IReadOnlyList<(string Phase, BraggAgreement Factors)> bragg)
    {
        Parameters = parameters;
        PhaseFractions = phaseFractions;
        Correlations = correlations;
        CorrelationThreshold = correlationThreshold;
        Agreement = agreement;
        Bragg = bragg;
    }

    /// <summary>The parameter rows, in the order added.</summary>
    public IReadOnlyList<ParameterRow> Parameters { get; }

    /// <summary>The phase fractions (empty when none were added).</summary>
    public IReadOnlyList<PhaseFractionRow> PhaseFractions { get; }

    /// <summary>The correlations at or above <see cref="CorrelationThreshold"/>, strongest first.</summary>
    public IReadOnlyList<ParameterCorrelation> Correlations { get; }

    /// <summary>The smallest |ρ| listed.</summary>
    public double CorrelationThreshold { get; }

    /// <summary>Agreement factors per pattern (and overall), labelled.</summary>
    public IReadOnlyList<(string Label, AgreementFactors Factors)> Agreement { get; }

    /// <summary>R_Bragg and R_F per phase.</summary>
    public IReadOnlyList<(string Phase, BraggAgreement Factors)> Bragg { get; }

    /// <summary>Plain text: one block per section, columns aligned with spaces, blocks separated by a blank line.</summary>
    public string ToText() => Render(markdown: false);

    /// <summary>Markdown: one pipe table per section, each under a bold caption.</summary>
    public string ToMarkdown() => Render(markdown: true);

    /// <inheritdoc cref="ToText"/>
    public override string ToString() => ToText();

    private string Render(bool markdown)
    {
        var blocks = new List<string>();
        if (Parameters.Count > 0)
            blocks.Add(Block(markdown, "Parameters", ["Parameter", "Value", "Status", "Shift/s.u."],
                Parameters.Select(r => new[] { r.Id.ToString(), r.Value.ToString(), StatusText(r.Status),
                    r.ShiftOverSu is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "" })));
        if (PhaseFractions.Count > 0)
            blocks.Add(Block(markdown, "Phase fractions", ["Phase", "mol %", "wt %"],
                PhaseFractions.Select(r => new[] { r.Phase, r.MolePercent.ToString(), r.WeightPercent.ToString() })));
        if (Correlations.Count > 0)
            blocks.Add(Block(markdown, "Correlations |ρ| ≥ " + CorrelationThreshold.ToString("0.00", CultureInfo.InvariantCulture),
                ["Parameter", "Parameter", "ρ"],
                Correlations.Select(c => new[] { c.First.ToString(), c.Second.ToString(), c.Coefficient.ToString("0.00", CultureInfo.InvariantCulture) })));
        if (Agreement.Count > 0)
            blocks.Add(Block(markdown, "Agreement factors (%)", ["Pattern", "Rp", "Rwp", "Rexp", "Rp_b", "Rwp_b", "χ²red", "GoF"],
                Agreement.Select(a => new[]
                {
                    a.Label, Percent(a.Factors.Rp), Percent(a.Factors.Rwp), Percent(a.Factors.Rexp),
                    a.Factors.RpBackgroundSubtracted is { } rpb ? Percent(rpb) : "",
                    a.Factors.RwpBackgroundSubtracted is { } rwpb ? Percent(rwpb) : "",
                    a.Factors.ReducedChiSquared.ToString("0.000", CultureInfo.InvariantCulture),
                    a.Factors.GoodnessOfFit.ToString("0.000", CultureInfo.InvariantCulture),
                })));
        if (Bragg.Count > 0)
            blocks.Add(Block(markdown, "Bragg R factors (%)", ["Phase", "R_Bragg", "R_F"],
                Bragg.Select(b => new[] { b.Phase, Percent(b.Factors.RBragg), Percent(b.Factors.RF) })));
        return string.Join("\n", blocks);
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture);

    private static string StatusText(ParameterStatus status) => status switch
    {
        ParameterStatus.Fixed => "fixed",
        ParameterStatus.Refined => "refined",
        ParameterStatus.Constrained => "constrained",
        _ => status.ToString(),
    };

    private static string Block(bool markdown, string caption, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var sb = new StringBuilder();
        if (markdown)
        {
            sb.Append("**").Append(caption.Replace("|", "\\|", StringComparison.Ordinal)).Append("**\n\n");
            sb.Append("| ").AppendJoin(" | ", header).Append(" |\n");
            sb.Append('|').AppendJoin("|", header.Select(_ => "---")).Append("|\n");
            foreach (var r in all) sb.Append("| ").AppendJoin(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
            return sb.ToString();
        }
        var widths = header.Select((h, j) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[j].Length))).ToArray();
        sb.Append(caption).Append('\n');
        foreach (var r in all.Prepend(header))
        {
            var line = new StringBuilder();
            for (int j = 0; j < r.Length; j++)
            {
                if (j > 0) line.Append("  ");
                line.Append(r[j].PadRight(widths[j]));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }
}

/// <summary>
/// Mutable builder of a <see cref="RefinementTable"/>: add rows, phase fractions, correlations and
/// agreement factors, then <see cref="Build"/> an immutable table. Not thread-safe.
/// </summary>
public sealed class RefinementTableBuilder
{
    private readonly List<ParameterRow> _parameters = [];
    private readonly List<PhaseFractionRow> _fractions = [];
    private readonly List<(string, AgreementFactors)> _agreement = [];
    private readonly List<(string, BraggAgreement)> _bragg = [];
    private IReadOnlyList<ParameterCorrelation> _correlations = [];
    private double _threshold = 1;

    /// <summary>Adds a parameter row.</summary>
    /// <param name="id">The parameter.</param>
    /// <param name="value">Its value.</param>
    /// <param name="standardUncertainty">Its s.u. (0 for a fixed parameter).</param>
    /// <param name="status">Fixed, refined or constrained.</param>
    /// <param name="shiftOverSu">The last cycle's shift / s.u., if known.</param>
    public RefinementTableBuilder AddParameter(ParameterId id, double value, double standardUncertainty,
                                               ParameterStatus status, double? shiftOverSu = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!(standardUncertainty >= 0))
            throw new ArgumentOutOfRangeException(nameof(standardUncertainty), standardUncertainty, $"{id}: a standard uncertainty is not negative.");
        _parameters.Add(new ParameterRow(id, new MeasuredValue(value, standardUncertainty), status,
            status == ParameterStatus.Fixed ? null : shiftOverSu));
        return this;
    }

    /// <summary>
    /// Adds the mol % and wt % of phases from their scales and the scales' covariance
    /// (values by Hill–Howard, s.u. by <see cref="PhaseFractionUncertainty"/>).
    /// </summary>
    /// <param name="phases">The phases and their scales.</param>
    /// <param name="scaleCovariance">The covariance of the scales, in the order of <paramref name="phases"/>.</param>
    public RefinementTableBuilder AddPhaseFractions(IReadOnlyList<(Phase Phase, double Scale)> phases, double[,] scaleCovariance)
    {
        var (weight, mole) = PhaseFractionUncertainty.Of(phases, scaleCovariance);
        for (int i = 0; i < phases.Count; i++)
            _fractions.Add(new PhaseFractionRow(phases[i].Phase.Name, Percent(mole[i]), Percent(weight[i])));
        return this;
    }

    /// <summary>Adds a phase-fraction row already computed (fractions, not per cent).</summary>
    /// <param name="phase">The phase name.</param>
    /// <param name="moleFraction">The mole fraction with s.u.</param>
    /// <param name="weightFraction">The weight fraction with s.u.</param>
    public RefinementTableBuilder AddPhaseFraction(string phase, MeasuredValue moleFraction, MeasuredValue weightFraction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        _fractions.Add(new PhaseFractionRow(phase, Percent(moleFraction), Percent(weightFraction)));
        return this;
    }

    /// <summary>Lists the correlations with |ρ| ≥ <paramref name="threshold"/> (replacing any listed before).</summary>
    /// <param name="parameters">The parameter of each row and column.</param>
    /// <param name="correlation">The correlation matrix.</param>
    /// <param name="threshold">The smallest |ρ| listed.</param>
    public RefinementTableBuilder AddCorrelations(IReadOnlyList<ParameterId> parameters, double[,] correlation, double threshold = 0.8)
    {
        _correlations = ParameterCorrelations.Strongest(parameters, correlation, threshold);
        _threshold = threshold;
        return this;
    }

    /// <summary>Adds the agreement factors of a pattern (or "overall").</summary>
    /// <param name="label">The pattern's name.</param>
    /// <param name="factors">Its factors.</param>
    public RefinementTableBuilder AddAgreement(string label, AgreementFactors factors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(factors);
        _agreement.Add((label, factors));
        return this;
    }

    /// <summary>Adds R_Bragg and R_F of a phase.</summary>
    /// <param name="phase">The phase name (and pattern, if several).</param>
    /// <param name="factors">Its Bragg factors.</param>
    public RefinementTableBuilder AddBragg(string phase, BraggAgreement factors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        ArgumentNullException.ThrowIfNull(factors);
        _bragg.Add((phase, factors));
        return this;
    }

    /// <summary>The immutable table of what was added.</summary>
    public RefinementTable Build() =>
        new([.. _parameters], [.. _fractions], _correlations, _threshold, [.. _agreement], [.. _bragg]);

    private static MeasuredValue Percent(MeasuredValue fraction) => new(100 * fraction.Value, 100 * fraction.StandardUncertainty);
}
