using System.Collections.Immutable;
using System.Text;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>What a <see cref="ConstraintDiagnostic"/> says. None of these stops a reduction; conflicts do (<see cref="InconsistentConstraintsException"/>).</summary>
public enum ConstraintDiagnosticKind
{
    /// <summary>A constraint follows from earlier ones (it is a combination of them, constant included); it was dropped.</summary>
    Redundant,
    /// <summary>A constraint mentions parameters that are not refined (or are held); they enter at their current values.</summary>
    UnrefinedParameter,
    /// <summary>A constraint mentions no refined parameter at all; it holds at the current values and was set aside.</summary>
    Inactive,
    /// <summary>The starting values break a constraint; the starting point p₀ is their least-norm correction onto the constraints.</summary>
    StartingValueViolation,
    /// <summary>A parameter listed as refined is held at its current value.</summary>
    Held,
    /// <summary>A refined parameter is fixed completely by the constraints (it varies with no independent variable).</summary>
    Determined,
    /// <summary>The starting point p₀ lies outside a parameter's bounds.</summary>
    OutsideBounds,
}

/// <summary>One finding of a reduction, with the constraint and parameters it concerns.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Message">A sentence naming the parameters and the equation.</param>
/// <param name="Constraint">The constraint concerned, or null.</param>
/// <param name="Parameters">The parameters concerned.</param>
/// <param name="Value">A number the finding is about: the residual of a violated constraint, or the out-of-bounds value; 0 otherwise.</param>
public sealed record ConstraintDiagnostic(
    ConstraintDiagnosticKind Kind, string Message, LinearConstraint? Constraint, ImmutableArray<ParameterId> Parameters, double Value)
{
    /// <summary>"Redundant: …".</summary>
    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>
/// What <see cref="ReducedParameterSpace.Create(ConstraintSet, IReadOnlyDictionary{ParameterId, double})"/>
/// found and did: redundant constraints dropped, unrefined parameters taken at their current
/// values, violated starting values projected, held and determined parameters. Conflicting
/// constraints are not reported here: they throw <see cref="InconsistentConstraintsException"/>.
/// </summary>
public sealed class ReductionReport
{
    internal ReductionReport(ImmutableArray<ConstraintDiagnostic> diagnostics, int rank, int activeConstraints, double largestCorrection)
    {
        Diagnostics = diagnostics;
        Rank = rank;
        ActiveConstraints = activeConstraints;
        LargestCorrection = largestCorrection;
    }

    /// <summary>Every finding, in the order of the constraints and parameters.</summary>
    public ImmutableArray<ConstraintDiagnostic> Diagnostics { get; }

    /// <summary>The rank of the constraints on the varied parameters (the number of independent equations kept).</summary>
    public int Rank { get; }

    /// <summary>The number of constraints that involve at least one varied parameter (before redundant ones are dropped).</summary>
    public int ActiveConstraints { get; }

    /// <summary>The largest change |p₀ − p(current)| the projection onto the constraints made (0 when the start satisfies them).</summary>
    public double LargestCorrection { get; }

    /// <summary>The constraints dropped as redundant.</summary>
    public IEnumerable<LinearConstraint> Redundant => Of(ConstraintDiagnosticKind.Redundant).Select(d => d.Constraint!);

    /// <summary>The constraints the starting values break, with their residuals Σcᵢpᵢ − c.</summary>
    public IEnumerable<(LinearConstraint Constraint, double Residual)> Violated =>
        Of(ConstraintDiagnosticKind.StartingValueViolation).Select(d => (d.Constraint!, d.Value));

    /// <summary>The findings of one kind.</summary>
    public IEnumerable<ConstraintDiagnostic> Of(ConstraintDiagnosticKind kind) => Diagnostics.Where(d => d.Kind == kind);

    /// <summary>True when nothing was found.</summary>
    public bool IsClean => Diagnostics.IsEmpty;

    /// <summary>One line per finding, or "no findings".</summary>
    public override string ToString()
    {
        if (IsClean) return $"{ActiveConstraints} constraints of rank {Rank}; no findings.";
        var sb = new StringBuilder().Append(ActiveConstraints).Append(" constraints of rank ").Append(Rank).Append(':');
        foreach (var d in Diagnostics) sb.AppendLine().Append("  ").Append(d);
        return sb.ToString();
    }
}

/// <summary>
/// Constraints that no parameter values can satisfy together, e.g. <c>x + y = 1</c> and
/// <c>2*x + 2*y = 3</c>, or a constraint on fixed parameters that their values break. The message
/// lists each group of equations in conflict and the amount by which they disagree.
/// </summary>
public sealed class InconsistentConstraintsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conflicts">Each group of constraints in conflict.</param>
    /// <param name="message">The message naming them.</param>
    public InconsistentConstraintsException(IEnumerable<IEnumerable<LinearConstraint>> conflicts, string message) : base(message)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        Conflicts = [.. conflicts.Select(g => g.ToImmutableArray())];
    }

    /// <summary>The groups of constraints in conflict.</summary>
    public ImmutableArray<ImmutableArray<LinearConstraint>> Conflicts { get; }
}
