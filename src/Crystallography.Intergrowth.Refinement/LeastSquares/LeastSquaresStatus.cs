namespace Crystallography.Intergrowth.Refinement;

/// <summary>How a least-squares minimisation ended. Every status comes with the best state found.</summary>
public enum LeastSquaresStatus
{
    /// <summary>The relative χ² change and the largest |shift|/s.u. both fell below their tolerances
    /// (or no step could lower χ² any further while every trial was finite).</summary>
    Converged,

    /// <summary>The cycle limit was reached before convergence; the best state so far is returned.</summary>
    MaximumCycles,

    /// <summary>No finite step could be found from the best state (the model returned non-finite
    /// values at every trial up to the largest damping); the best state is returned.</summary>
    Diverged,

    /// <summary>The normal matrix at the best state is rank-deficient: some combination of parameters
    /// is not determined by the data. <see cref="LeastSquaresResult.NullSpaceParameters"/> names them.</summary>
    Singular,

    /// <summary>The caller's cancellation token was signalled; the best state so far is returned.</summary>
    Cancelled,
}
