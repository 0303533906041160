namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// A time-of-flight peak table in structure-of-arrays form, as <see cref="TofProfileKernel"/> reads
/// it: per reflection k its position P_k (µs), rise and decay constants α_k, β_k (µs⁻¹), Gaussian
/// variance σ²_k (µs²), Lorentzian FWHM γ_k (µs) and integrated intensity I_k. A view over the
/// caller's arrays; nothing is copied.
/// </summary>
/// <remarks>
/// The constructor checks only that the six spans have one length; the values are checked by each
/// kernel call at entry (the arrays under a view can change between calls): finite positions and
/// intensities, positive finite α and β, finite σ² ≥ 0 and γ ≥ 0 not both zero (σ² &gt; 0 when
/// derivatives are asked for: ∂/∂σ² is infinite at σ² = 0). Negative intensities are allowed
/// (Le Bail and Pawley fits produce them).
/// </remarks>
public readonly ref struct TofPeaks
{
    /// <summary>A view over six spans of one length.</summary>
    /// <param name="position">P_k, µs.</param>
    /// <param name="alpha">α_k, µs⁻¹.</param>
    /// <param name="beta">β_k, µs⁻¹.</param>
    /// <param name="sigmaSquared">σ²_k, µs².</param>
    /// <param name="gamma">γ_k, µs.</param>
    /// <param name="intensity">I_k, the integrated intensity (the area the peak adds).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public TofPeaks(ReadOnlySpan<double> position, ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta,
        ReadOnlySpan<double> sigmaSquared, ReadOnlySpan<double> gamma, ReadOnlySpan<double> intensity)
    {
        int m = position.Length;
        if (alpha.Length != m || beta.Length != m || sigmaSquared.Length != m || gamma.Length != m || intensity.Length != m)
        {
            throw new ArgumentException(
                $"The peak table's spans differ in length: position {m}, alpha {alpha.Length}, beta {beta.Length}, sigmaSquared {sigmaSquared.Length}, gamma {gamma.Length}, intensity {intensity.Length}.");
        }
        Position = position;
        Alpha = alpha;
        Beta = beta;
        SigmaSquared = sigmaSquared;
        Gamma = gamma;
        Intensity = intensity;
    }

    /// <summary>P_k.</summary>
    public ReadOnlySpan<double> Position { get; }

    /// <summary>α_k.</summary>
    public ReadOnlySpan<double> Alpha { get; }

    /// <summary>β_k.</summary>
    public ReadOnlySpan<double> Beta { get; }

    /// <summary>σ²_k.</summary>
    public ReadOnlySpan<double> SigmaSquared { get; }

    /// <summary>γ_k.</summary>
    public ReadOnlySpan<double> Gamma { get; }

    /// <summary>I_k.</summary>
    public ReadOnlySpan<double> Intensity { get; }

    /// <summary>The number of reflections M.</summary>
    public int Count => Position.Length;

    /// <summary>Throws, naming the reflection and the field, at the first value a kernel cannot take.</summary>
    internal void Validate(bool derivatives, string parameterName)
    {
        ReadOnlySpan<double> position = Position, alpha = Alpha, beta = Beta, sigmaSquared = SigmaSquared, gamma = Gamma, intensity = Intensity;
        for (int k = 0; k < position.Length; k++)
        {
            if (!double.IsFinite(position[k]))
            {
                throw new ArgumentException($"Position[{k}] is {position[k]}; every peak position must be finite.", parameterName);
            }
            if (!(alpha[k] > 0) || !double.IsFinite(alpha[k]))
            {
                throw new ArgumentException($"Alpha[{k}] is {alpha[k]}; every rise constant α must be positive and finite.", parameterName);
            }
            if (!(beta[k] > 0) || !double.IsFinite(beta[k]))
            {
                throw new ArgumentException($"Beta[{k}] is {beta[k]}; every decay constant β must be positive and finite.", parameterName);
            }
            if (!(derivatives ? sigmaSquared[k] > 0 : sigmaSquared[k] >= 0) || !double.IsFinite(sigmaSquared[k]))
            {
                throw new ArgumentException(derivatives
                    ? $"SigmaSquared[{k}] is {sigmaSquared[k]}; with derivatives every Gaussian variance σ² must be positive and finite (∂/∂σ² is infinite at 0)."
                    : $"SigmaSquared[{k}] is {sigmaSquared[k]}; every Gaussian variance σ² must be zero or positive and finite.", parameterName);
            }
            if (!(gamma[k] >= 0) || !double.IsFinite(gamma[k]))
            {
                throw new ArgumentException($"Gamma[{k}] is {gamma[k]}; every Lorentzian FWHM γ must be zero or positive and finite.", parameterName);
            }
            if (sigmaSquared[k] == 0 && gamma[k] == 0)
            {
                throw new ArgumentException($"SigmaSquared[{k}] and Gamma[{k}] are both 0; the peak needs a positive width.", parameterName);
            }
            if (!double.IsFinite(intensity[k]))
            {
                throw new ArgumentException($"Intensity[{k}] is {intensity[k]}; every intensity must be finite.", parameterName);
            }
        }
    }
}
