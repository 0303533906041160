namespace Crystallography.Intergrowth.Diffraction;

/// <summary>The published table an X-ray form factor comes from.</summary>
public enum FormFactorTable
{
    /// <summary>
    /// Waasmaier &amp; Kirfel, Acta Cryst. A51 (1995) 416: five Gaussians and a constant, neutral
    /// atoms and 114 ions, fitted for 0 ≤ sin θ/λ ≤ 6 Å⁻¹.
    /// </summary>
    WaasmaierKirfel1995,

    /// <summary>
    /// International Tables for Crystallography Vol. C (1992), Table 6.1.1.4: four Gaussians and a
    /// constant, fitted for 0 ≤ sin θ/λ ≤ 2 Å⁻¹ (the "Cromer–Mann" coefficients of most Rietveld programs).
    /// </summary>
    InternationalTablesC1992,
}
