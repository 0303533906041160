namespace Crystallography.Intergrowth.Refinement;

/// <summary>
/// A least-squares problem that knows where its Jacobian vanishes. With each Jacobian it writes it marks, for every
/// segment of <see cref="NormalEquations.SegmentRows"/> rows, the columns that may be non-zero there, so that the
/// normal equations read only those (<see cref="NormalEquations.Build"/>): a Rietveld problem's background-only rows
/// and other patterns' columns are never read.
/// </summary>
internal interface IJacobianSparsity
{
    /// <summary>
    /// The candidate columns of the Jacobian written by the last evaluation with a Jacobian:
    /// <see cref="NormalEquations.SegmentCount"/>(n) × <see cref="NormalEquations.MaskWords"/>(p) words, in the layout
    /// <see cref="NormalEquations.Build"/> takes; empty when not known. A column left out of a segment must be zero there.
    /// </summary>
    ReadOnlySpan<ulong> CandidateColumns { get; }

    /// <summary>
    /// <see cref="ILeastSquaresProblem.Evaluate"/> for a caller that reads the Jacobian only through
    /// <see cref="CandidateColumns"/>: the residuals in full, the Jacobian exactly on every candidate column's segments
    /// and unspecified elsewhere (whatever the buffer held), which saves writing the zeros of the rest.
    /// </summary>
    /// <param name="parameters">The p parameter values.</param>
    /// <param name="weightedResiduals">Destination of the n weighted residuals.</param>
    /// <param name="jacobianColumnMajor">Destination of the n × p Jacobian (not empty).</param>
    void EvaluateCandidates(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor);
}
