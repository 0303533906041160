using System.Globalization;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>One of the six direct-cell parameters a, b, c (Å) and α, β, γ (degrees).</summary>
public enum CellParameter
{
    /// <summary>The length a of the first basis vector, in Å.</summary>
    A,
    /// <summary>The length b of the second basis vector, in Å.</summary>
    B,
    /// <summary>The length c of the third basis vector, in Å.</summary>
    C,
    /// <summary>The angle α between b and c, in degrees.</summary>
    Alpha,
    /// <summary>The angle β between a and c, in degrees.</summary>
    Beta,
    /// <summary>The angle γ between a and b, in degrees.</summary>
    Gamma,
}

/// <summary>
/// The unique (twofold) axis of a monoclinic cell. International Tables Vol. A §2.1.3.15: the
/// angle between the two other axes is free, the two other angles are 90°.
/// </summary>
public enum UniqueAxis
{
    /// <summary>Unique axis a: β = γ = 90°, α free.</summary>
    A,
    /// <summary>Unique axis b, the standard setting: α = γ = 90°, β free.</summary>
    B,
    /// <summary>Unique axis c: α = β = 90°, γ free.</summary>
    C,
}

/// <summary>
/// One restriction a crystal system places on the cell parameters: either a parameter equals
/// another one (a tie, such as b = a) or an angle has a fixed value (such as γ = 120°).
/// International Tables Vol. A (2005), Table 2.1.2.1.
/// </summary>
public readonly record struct CellRestriction
{
    private CellRestriction(CellParameter parameter, CellParameter? equalTo, double? fixedValue)
    {
        Parameter = parameter;
        EqualTo = equalTo;
        FixedValue = fixedValue;
    }

    /// <summary>The parameter that is not free: it follows <see cref="EqualTo"/> or is fixed at <see cref="FixedValue"/>.</summary>
    public CellParameter Parameter { get; }

    /// <summary>For a tie, the free parameter that <see cref="Parameter"/> must equal; otherwise null.</summary>
    public CellParameter? EqualTo { get; }

    /// <summary>For a fixed angle, its value in degrees; otherwise null.</summary>
    public double? FixedValue { get; }

    /// <summary>A tie: <paramref name="parameter"/> must equal <paramref name="equalTo"/> (both lengths or both angles).</summary>
    /// <param name="parameter">The dependent parameter.</param>
    /// <param name="equalTo">The parameter it follows.</param>
    /// <returns>The restriction.</returns>
    /// <exception cref="ArgumentException">A length tied to an angle, or a parameter tied to itself.</exception>
    public static CellRestriction Tie(CellParameter parameter, CellParameter equalTo)
    {
        if (IsLength(parameter) != IsLength(equalTo) || parameter == equalTo)
        {
            throw new ArgumentException(
                $"A tie joins two different lengths or two different angles; got {Symbol(parameter)} = {Symbol(equalTo)}.",
                nameof(equalTo));
        }
        return new CellRestriction(parameter, equalTo, null);
    }

    /// <summary>A fixed angle: <paramref name="angle"/> must equal <paramref name="degrees"/>.</summary>
    /// <param name="angle">One of <see cref="CellParameter.Alpha"/>, <see cref="CellParameter.Beta"/>, <see cref="CellParameter.Gamma"/>.</param>
    /// <param name="degrees">The value in degrees, in (0, 180).</param>
    /// <returns>The restriction.</returns>
    /// <exception cref="ArgumentException">A length given, or an angle outside (0, 180).</exception>
    public static CellRestriction Fix(CellParameter angle, double degrees)
    {
        if (IsLength(angle))
        {
            throw new ArgumentException($"Only angles are fixed by a crystal system; got {Symbol(angle)}.", nameof(angle));
        }
        if (!(degrees > 0 && degrees < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "An angle must lie in (0°, 180°).");
        }
        return new CellRestriction(angle, null, degrees);
    }

    /// <summary>
    /// The restrictions of a crystal system (International Tables Vol. A (2005), Table 2.1.2.1).
    /// </summary>
    /// <param name="system">The crystal system.</param>
    /// <param name="rhombohedralAxes">
    /// Only for <see cref="CrystalSystem.Trigonal"/>: true for rhombohedral axes (a = b = c, α = β = γ),
    /// false for hexagonal axes (a = b, α = β = 90°, γ = 120°).
    /// </param>
    /// <param name="uniqueAxis">Only for <see cref="CrystalSystem.Monoclinic"/>: the unique axis, b by default.</param>
    /// <returns>The restrictions; empty for triclinic.</returns>
    /// <exception cref="ArgumentException"><paramref name="rhombohedralAxes"/> set for a system other than trigonal.</exception>
    public static IReadOnlyList<CellRestriction> For(CrystalSystem system, bool rhombohedralAxes = false, UniqueAxis uniqueAxis = UniqueAxis.B)
    {
        if (rhombohedralAxes && system != CrystalSystem.Trigonal)
        {
            throw new ArgumentException(
                $"Rhombohedral axes belong to the trigonal system only; got {system}.", nameof(rhombohedralAxes));
        }
        var a = CellParameter.A;
        var b = CellParameter.B;
        var c = CellParameter.C;
        var alpha = CellParameter.Alpha;
        var beta = CellParameter.Beta;
        var gamma = CellParameter.Gamma;
        return system switch
        {
            CrystalSystem.Triclinic => [],
            CrystalSystem.Monoclinic => uniqueAxis switch
            {
                UniqueAxis.A => [Fix(beta, 90), Fix(gamma, 90)],
                UniqueAxis.B => [Fix(alpha, 90), Fix(gamma, 90)],
                UniqueAxis.C => [Fix(alpha, 90), Fix(beta, 90)],
                _ => throw new ArgumentOutOfRangeException(nameof(uniqueAxis), uniqueAxis, "Unknown unique axis."),
            },
            CrystalSystem.Orthorhombic => [Fix(alpha, 90), Fix(beta, 90), Fix(gamma, 90)],
            CrystalSystem.Tetragonal => [Tie(b, a), Fix(alpha, 90), Fix(beta, 90), Fix(gamma, 90)],
            CrystalSystem.Trigonal when rhombohedralAxes => [Tie(b, a), Tie(c, a), Tie(beta, alpha), Tie(gamma, alpha)],
            CrystalSystem.Trigonal or CrystalSystem.Hexagonal => [Tie(b, a), Fix(alpha, 90), Fix(beta, 90), Fix(gamma, 120)],
            CrystalSystem.Cubic => [Tie(b, a), Tie(c, a), Fix(alpha, 90), Fix(beta, 90), Fix(gamma, 90)],
            _ => throw new ArgumentOutOfRangeException(nameof(system), system, "Unknown crystal system."),
        };
    }

    /// <summary>The restriction as a crystallographer writes it, e.g. "a = b" or "γ = 120°".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => EqualTo is { } equalTo
        ? $"{Symbol(equalTo)} = {Symbol(Parameter)}"
        : $"{Symbol(Parameter)} = {FixedValue!.Value.ToString("0.####", CultureInfo.InvariantCulture)}°";

    /// <summary>The symbol of a cell parameter: a, b, c, α, β, γ.</summary>
    internal static string Symbol(CellParameter parameter) => parameter switch
    {
        CellParameter.A => "a",
        CellParameter.B => "b",
        CellParameter.C => "c",
        CellParameter.Alpha => "α",
        CellParameter.Beta => "β",
        CellParameter.Gamma => "γ",
        _ => parameter.ToString(),
    };

    internal static bool IsLength(CellParameter parameter) => parameter <= CellParameter.C;
}
