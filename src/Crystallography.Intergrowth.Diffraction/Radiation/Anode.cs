namespace Crystallography.Intergrowth.Diffraction;

/// <summary>The anode of a laboratory X-ray tube.</summary>
public enum Anode
{
    /// <summary>Copper: Kα1 1.540593 Å, Kα2 1.544427 Å.</summary>
    Copper,

    /// <summary>Cobalt: Kα1 1.788996 Å, Kα2 1.792835 Å.</summary>
    Cobalt,

    /// <summary>Molybdenum: Kα1 0.709317 Å, Kα2 0.713607 Å.</summary>
    Molybdenum,

    /// <summary>Silver: Kα1 0.559421 Å, Kα2 0.563813 Å.</summary>
    Silver,
}
