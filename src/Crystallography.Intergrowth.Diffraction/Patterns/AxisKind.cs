namespace Crystallography.Intergrowth.Diffraction;

/// <summary>What the abscissa (x) of a <see cref="PowderPattern"/> measures, with its unit.</summary>
public enum AxisKind
{
    /// <summary>Scattering angle 2θ in degrees (constant-wavelength X-rays or neutrons).</summary>
    TwoThetaDegrees,

    /// <summary>Neutron time of flight in microseconds.</summary>
    TimeOfFlightMicroseconds,

    /// <summary>Interplanar spacing d in ångström.</summary>
    DSpacingAngstrom,

    /// <summary>Momentum transfer Q = 2π/d in inverse ångström.</summary>
    QInverseAngstrom,

    /// <summary>Photon energy in keV (energy-dispersive X-ray diffraction).</summary>
    EnergyKiloElectronVolts,
}

/// <summary>Where the standard uncertainties σ of a <see cref="PowderPattern"/> come from.</summary>
public enum SigmaSource
{
    /// <summary>The file gave σ (or weights converted to σ) for every point.</summary>
    File,

    /// <summary>
    /// The file gave none, so σ was set from counting statistics: σ = √y for y &gt; 0 and σ = 1 for
    /// y ≤ 0. The σ = 1 for empty or negative bins follows GSAS-II (weight 1 where y ≤ 0) and keeps
    /// every weight finite.
    /// </summary>
    CountingStatistics,
}
