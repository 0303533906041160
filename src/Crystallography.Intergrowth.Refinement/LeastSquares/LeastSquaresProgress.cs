namespace Crystallography.Intergrowth.Refinement;

/// <summary>What <see cref="LevenbergMarquardtWorkspace"/> reports after each cycle. Immutable.</summary>
/// <param name="Cycle">The 1-based number of the cycle just finished.</param>
/// <param name="ChiSquared">χ² = Σ rᵢ² at the best state after the cycle.</param>
/// <param name="ReducedChiSquared">χ² / (n − p).</param>
/// <param name="LargestShiftOverUncertainty">max |δⱼ| / s.u.ⱼ of the accepted step (s.u. scaled by the
/// reduced χ²); 0 when the cycle accepted no step; NaN when the normal matrix is singular and no
/// s.u. exists.</param>
/// <param name="Lambda">The Marquardt damping λ that the next cycle starts from.</param>
/// <param name="Accepted">Whether the cycle accepted a step.</param>
public readonly record struct LeastSquaresProgress(
    int Cycle, double ChiSquared, double ReducedChiSquared, double LargestShiftOverUncertainty, double Lambda, bool Accepted);

/// <summary>One trial step in the history of a minimisation. Immutable.</summary>
/// <param name="Cycle">The 1-based cycle the trial belongs to.</param>
/// <param name="ChiSquared">χ² at the trial point (+∞ when the model or the damped normal matrix gave no finite value).</param>
/// <param name="Lambda">The Marquardt damping λ used for the trial.</param>
/// <param name="Accepted">Whether the trial became the new state.</param>
public readonly record struct LeastSquaresTrial(int Cycle, double ChiSquared, double Lambda, bool Accepted);
