namespace Crystallography.Intergrowth.Diffraction.Kernels;

/// <summary>
/// A peak table in structure-of-arrays form, as the pseudo-Voigt kernels read it: per reflection k
/// its position P_k, FWHM H_k, Lorentzian mixing η_k and integrated intensity I_k. A view over the
/// caller's arrays; nothing is copied.
/// </summary>
/// <remarks>
/// The constructor checks only that the four spans have one length; the values are checked by each
/// kernel call at entry (the arrays under a view can change between calls). A kernel requires finite
/// positions, mixings and intensities and positive finite FWHM. η outside [0, 1] is not a
/// pseudo-Voigt but is computed by the same formula (a refinement step may pass through it);
/// negative intensities are allowed (Le Bail and Pawley fits produce them).
/// </remarks>
public readonly ref struct PseudoVoigtPeaks
{
    /// <summary>A view over four spans of one length.</summary>
    /// <param name="position">P_k, in the unit of the grid (2θ degrees, or µs for time of flight).</param>
    /// <param name="fwhm">H_k, in the same unit.</param>
    /// <param name="mixing">η_k, the Lorentzian fraction.</param>
    /// <param name="intensity">I_k, the integrated intensity (the area the peak adds).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public PseudoVoigtPeaks(ReadOnlySpan<double> position, ReadOnlySpan<double> fwhm, ReadOnlySpan<double> mixing, ReadOnlySpan<double> intensity)
    {
        if (fwhm.Length != position.Length || mixing.Length != position.Length || intensity.Length != position.Length)
        {
            throw new ArgumentException(
                $"The peak table's spans differ in length: position {position.Length}, fwhm {fwhm.Length}, mixing {mixing.Length}, intensity {intensity.Length}.");
        }
        Position = position;
        Fwhm = fwhm;
        Mixing = mixing;
        Intensity = intensity;
    }

    /// <summary>P_k.</summary>
    public ReadOnlySpan<double> Position { get; }

    /// <summary>H_k.</summary>
    public ReadOnlySpan<double> Fwhm { get; }

    /// <summary>η_k.</summary>
    public ReadOnlySpan<double> Mixing { get; }

    /// <summary>I_k.</summary>
    public ReadOnlySpan<double> Intensity { get; }

    /// <summary>The number of reflections M.</summary>
    public int Count => Position.Length;

    /// <summary>Throws, naming the reflection and the field, at the first value a kernel cannot take.</summary>
    internal void Validate(string parameterName)
    {
        ReadOnlySpan<double> position = Position, fwhm = Fwhm, mixing = Mixing, intensity = Intensity;
        for (int k = 0; k < position.Length; k++)
        {
            if (!double.IsFinite(position[k]))
            {
                throw new ArgumentException($"Position[{k}] is {position[k]}; every peak position must be finite.", parameterName);
            }
            if (!(fwhm[k] > 0) || !double.IsFinite(fwhm[k]))
            {
                throw new ArgumentException($"Fwhm[{k}] is {fwhm[k]}; every FWHM must be positive and finite.", parameterName);
            }
            if (!double.IsFinite(mixing[k]))
            {
                throw new ArgumentException($"Mixing[{k}] is {mixing[k]}; every mixing η must be finite.", parameterName);
            }
            if (!double.IsFinite(intensity[k]))
            {
                throw new ArgumentException($"Intensity[{k}] is {intensity[k]}; every intensity must be finite.", parameterName);
            }
        }
    }
}
