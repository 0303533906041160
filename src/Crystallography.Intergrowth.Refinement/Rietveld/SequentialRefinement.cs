using System.Collections.Immutable;
using System.Text;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement;

/// <summary>What a sequential refinement reports after each pattern. Immutable.</summary>
/// <param name="Step">The 0-based index of the pattern just refined.</param>
/// <param name="Steps">The length of the series.</param>
/// <param name="Result">That pattern's refinement.</param>
public readonly record struct SequentialRefinementProgress(int Step, int Steps, RefinementResult Result);

public sealed partial class RefinementBuilder
{
    /// <summary>
    /// Refines the same model against each pattern of a series in turn (an in-situ or operando series), each refinement
    /// starting from the previous one's refined values: what GSAS-II calls a sequential refinement. The builder holds the
    /// phases, what is refined, the constraints and bounds, and no pattern of its own; each step adds one pattern of the
    /// series.
    /// </summary>
    /// <param name="series">The patterns, in order. They share one name (their instrument parameters, "hist:NAME/…",
    /// carry over from step to step) and one kind (CW or TOF).</param>
    /// <param name="progress">Receives one report per pattern, synchronously, or null.</param>
    /// <param name="cancellationToken">Stops between cycles and between patterns; the steps done so far are returned (the
    /// interrupted one with status Cancelled).</param>
    /// <returns>One result per pattern refined.</returns>
    /// <remarks>
    /// On a machine with more than one core the next pattern's problem (reflections, structure-factor evaluators,
    /// buffers) is built on another core while the current one refines; it is built from the builder's starting values
    /// and then started from the previous step's refined values, which is the same refinement (the constraints' Δ forms
    /// describe the same subspace; held parameters do not move). Results do not depend on the number of cores.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The builder already has patterns.</exception>
    /// <exception cref="ArgumentException">An empty series, patterns with different names or of different kinds.</exception>
    public SequentialRefinementResult RunSequential(IReadOnlyList<RefinementPattern> series, IProgress<SequentialRefinementProgress>? progress = null,
                                                    CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (_patterns.Count != 0)
            throw new InvalidOperationException("A sequential refinement takes its patterns from the series; build it without Against(...).");
        if (series.Count == 0) throw new ArgumentException("The series holds no pattern.", nameof(series));
        for (int i = 0; i < series.Count; i++)
        {
            if (series[i] is null) throw new ArgumentException($"Pattern {i} of the series is null.", nameof(series));
            if (series[i].Name != series[0].Name)
                throw new ArgumentException($"Pattern {i} is named '{series[i].Name}', pattern 0 '{series[0].Name}': a series shares one name so that its instrument parameters carry over.", nameof(series));
            if (series[i].IsTimeOfFlight != series[0].IsTimeOfFlight)
                throw new ArgumentException($"Pattern {i} is {(series[i].IsTimeOfFlight ? "TOF" : "CW")}, pattern 0 is not: a series has one kind.", nameof(series));
        }

        var results = ImmutableArray.CreateBuilder<RefinementResult>(series.Count);
        bool ahead = Environment.ProcessorCount > 1;
        Task<RefinementProblem>? next = null;
        RefinementResult? previous = null;
        for (int i = 0; i < series.Count; i++)
        {
            RefinementProblem problem = next is not null ? next.GetAwaiter().GetResult() : ProblemFor(series[i]);
            var following = i + 1 < series.Count ? series[i + 1] : null;
            next = ahead && following is not null && !cancellationToken.IsCancellationRequested
                ? Task.Run(() => ProblemFor(following), CancellationToken.None)
                : null;
            double[] start = previous is null ? problem.StartingVariables() : StartFrom(problem, previous);
            var result = RefinementResult.Refine(problem, _options, start, null, cancellationToken);
            results.Add(result);
            previous = result;
            progress?.Report(new SequentialRefinementProgress(i, series.Count, result));
            if (cancellationToken.IsCancellationRequested) break;
        }
        next?.Wait(CancellationToken.None);
        return new SequentialRefinementResult(results.ToImmutable());
    }

    // The problem of one step: this builder's description with the one pattern.
    private RefinementProblem ProblemFor(RefinementPattern pattern) => BuildProblem([pattern]);

    // The previous step's refined values as this problem's variables (within its bounds).
    private static double[] StartFrom(RefinementProblem problem, RefinementResult previous)
    {
        var space = problem.Space;
        var values = new double[space.ParameterCount];
        for (int j = 0; j < values.Length; j++)
        {
            var id = space.Parameters[j];
            values[j] = previous.Values.TryGetValue(id, out var v) ? v.Value : space.Origin[j];
        }
        var start = space.ToVariables(values);
        for (int j = 0; j < start.Length; j++) start[j] = Math.Clamp(start[j], problem.LowerBound(j), problem.UpperBound(j));
        return start;
    }
}

/// <summary>The results of a sequential refinement, one per pattern, with the series of any parameter. Immutable.</summary>
public sealed class SequentialRefinementResult
{
    internal SequentialRefinementResult(ImmutableArray<RefinementResult> steps) => Steps = steps;

    /// <summary>One result per pattern refined, in the series' order.</summary>
    public ImmutableArray<RefinementResult> Steps { get; }

    /// <summary>The number of patterns refined.</summary>
    public int Count => Steps.Length;

    /// <summary>A parameter's refined value and s.u. at every step (a lattice parameter through the series, say).</summary>
    /// <param name="parameter">The text id, e.g. "layered/cell/a".</param>
    /// <exception cref="ArgumentException">A step does not know the parameter.</exception>
    public ImmutableArray<MeasuredValue> Series(string parameter)
    {
        var id = ParameterId.Parse(parameter);
        return [.. Steps.Select((r, i) => r.Values.TryGetValue(id, out var v)
            ? v
            : throw new ArgumentException($"Step {i} has no parameter '{parameter}'.", nameof(parameter)))];
    }

    /// <summary>The overall Rwp of every step.</summary>
    public ImmutableArray<double> Rwp => [.. Steps.Select(r => r.Overall.Rwp)];

    /// <summary>One line per step: its index, status, cycles and Rwp.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Sequential refinement of {Count} patterns");
        for (int i = 0; i < Count; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n  {i,4}  {Steps[i].Status,-14} {Steps[i].History.Length,3} cycles  Rwp {100 * Steps[i].Overall.Rwp:F2} %");
        return text.ToString();
    }
}
