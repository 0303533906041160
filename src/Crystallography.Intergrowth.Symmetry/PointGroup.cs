using System.Collections.Frozen;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// A crystallographic point group: one of the 32 types, with the symbol of its orientation in a
/// particular setting ("-3m1" and "-31m" are the same type, "-3m").
/// </summary>
public sealed class PointGroup : IEquatable<PointGroup>
{
    // Counts of rotation types 1, 2, 3, 4, 6, −1, m, −3, −4, −6 for each of the 32 types
    // (ITA Table 10.1.2.2). The counts identify the type uniquely.
    private static readonly (string Type, int[] Counts)[] TypeCounts =
    [
        ("1", [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("-1", [1, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
        ("2", [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("m", [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]),
        ("2/m", [1, 1, 0, 0, 0, 1, 1, 0, 0, 0]),
        ("222", [1, 3, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("mm2", [1, 1, 0, 0, 0, 0, 2, 0, 0, 0]),
        ("mmm", [1, 3, 0, 0, 0, 1, 3, 0, 0, 0]),
        ("4", [1, 1, 0, 2, 0, 0, 0, 0, 0, 0]),
        ("-4", [1, 1, 0, 0, 0, 0, 0, 0, 2, 0]),
        ("4/m", [1, 1, 0, 2, 0, 1, 1, 0, 2, 0]),
        ("422", [1, 5, 0, 2, 0, 0, 0, 0, 0, 0]),
        ("4mm", [1, 1, 0, 2, 0, 0, 4, 0, 0, 0]),
        ("-42m", [1, 3, 0, 0, 0, 0, 2, 0, 2, 0]),
        ("4/mmm", [1, 5, 0, 2, 0, 1, 5, 0, 2, 0]),
        ("3", [1, 0, 2, 0, 0, 0, 0, 0, 0, 0]),
        ("-3", [1, 0, 2, 0, 0, 1, 0, 2, 0, 0]),
        ("32", [1, 3, 2, 0, 0, 0, 0, 0, 0, 0]),
        ("3m", [1, 0, 2, 0, 0, 0, 3, 0, 0, 0]),
        ("-3m", [1, 3, 2, 0, 0, 1, 3, 2, 0, 0]),
        ("6", [1, 1, 2, 0, 2, 0, 0, 0, 0, 0]),
        ("-6", [1, 0, 2, 0, 0, 0, 1, 0, 0, 2]),
        ("6/m", [1, 1, 2, 0, 2, 1, 1, 2, 0, 2]),
        ("622", [1, 7, 2, 0, 2, 0, 0, 0, 0, 0]),
        ("6mm", [1, 1, 2, 0, 2, 0, 6, 0, 0, 0]),
        ("-6m2", [1, 3, 2, 0, 0, 0, 4, 0, 0, 2]),
        ("6/mmm", [1, 7, 2, 0, 2, 1, 7, 2, 0, 2]),
        ("23", [1, 3, 8, 0, 0, 0, 0, 0, 0, 0]),
        ("m-3", [1, 3, 8, 0, 0, 1, 3, 8, 0, 0]),
        ("432", [1, 9, 8, 6, 0, 0, 0, 0, 0, 0]),
        ("-43m", [1, 3, 8, 0, 0, 0, 6, 0, 6, 0]),
        ("m-3m", [1, 9, 8, 6, 0, 1, 9, 8, 6, 0]),
    ];

    private static readonly FrozenDictionary<string, string> TypeByCounts =
        TypeCounts.ToFrozenDictionary(t => string.Join(',', t.Counts), t => t.Type);

    private PointGroup(string type, string symbol)
    {
        TypeSymbol = type;
        Symbol = symbol;
    }

    /// <summary>The symbol of the point-group type in International Tables' standard form: "-3m", "4/mmm", "-6m2".</summary>
    public string TypeSymbol { get; }

    /// <summary>The oriented symbol in the setting it was derived from, e.g. "-3m1", "312", "-4m2"; equal to <see cref="TypeSymbol"/> where orientation adds nothing.</summary>
    public string Symbol { get; }

    /// <summary>The number of operations of the point group.</summary>
    public int Order => TypeCounts.First(t => t.Type == TypeSymbol).Counts.Sum();

    /// <summary>True when the point group contains the inversion −1.</summary>
    public bool IsCentrosymmetric => TypeCounts.First(t => t.Type == TypeSymbol).Counts[5] == 1;

    /// <summary>The Laue class: the point group with the inversion added (one of the 11 centrosymmetric types).</summary>
    public string LaueClass => LaueClassOf(TypeSymbol);

    /// <summary>The crystal system the point-group type belongs to.</summary>
    public CrystalSystem CrystalSystem => CrystalSystemOf(TypeSymbol);

    /// <summary>The 32 point-group types in the order of International Tables.</summary>
    public static IReadOnlyList<string> TypeSymbols { get; } = TypeCounts.Select(t => t.Type).ToArray();

    /// <summary>Identifies the point-group type of a set of operations from the rotation types of their matrices.</summary>
    /// <param name="operations">Operations whose distinct rotation parts form a point group.</param>
    /// <param name="orientedSymbol">The oriented symbol to carry, or null to use the type symbol.</param>
    /// <exception cref="ArgumentException">The distinct rotation parts are not one of the 32 crystallographic point groups.</exception>
    public static PointGroup FromOperations(IEnumerable<SymmetryOperation> operations, string? orientedSymbol = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var rotations = new List<SymmetryOperation>();
        foreach (var op in operations)
            if (!rotations.Any(r => r.HasSameRotation(op))) rotations.Add(op);
        var counts = new int[10];
        foreach (var r in rotations)
        {
            int index = r.RotationType switch
            {
                1 => 0, 2 => 1, 3 => 2, 4 => 3, 6 => 4, -1 => 5, -2 => 6, -3 => 7, -4 => 8, -6 => 9,
                _ => throw new InvalidOperationException("unreachable: RotationType returns ten values"),
            };
            counts[index]++;
        }
        if (!TypeByCounts.TryGetValue(string.Join(',', counts), out var type))
            throw new ArgumentException(
                $"The {rotations.Count} distinct rotations (counts of 1,2,3,4,6,-1,m,-3,-4,-6: {string.Join(',', counts)}) are not a crystallographic point group.",
                nameof(operations));
        return new PointGroup(type, orientedSymbol ?? type);
    }

    /// <summary>The Laue class of a point-group type symbol.</summary>
    public static string LaueClassOf(string typeSymbol) => typeSymbol switch
    {
        "1" or "-1" => "-1",
        "2" or "m" or "2/m" => "2/m",
        "222" or "mm2" or "mmm" => "mmm",
        "4" or "-4" or "4/m" => "4/m",
        "422" or "4mm" or "-42m" or "4/mmm" => "4/mmm",
        "3" or "-3" => "-3",
        "32" or "3m" or "-3m" => "-3m",
        "6" or "-6" or "6/m" => "6/m",
        "622" or "6mm" or "-6m2" or "6/mmm" => "6/mmm",
        "23" or "m-3" => "m-3",
        "432" or "-43m" or "m-3m" => "m-3m",
        _ => throw new ArgumentException($"'{typeSymbol}' is not one of the 32 point-group type symbols.", nameof(typeSymbol)),
    };

    /// <summary>The crystal system of a point-group type symbol.</summary>
    public static CrystalSystem CrystalSystemOf(string typeSymbol) => LaueClassOf(typeSymbol) switch
    {
        "-1" => CrystalSystem.Triclinic,
        "2/m" => CrystalSystem.Monoclinic,
        "mmm" => CrystalSystem.Orthorhombic,
        "4/m" or "4/mmm" => CrystalSystem.Tetragonal,
        "-3" or "-3m" => CrystalSystem.Trigonal,
        "6/m" or "6/mmm" => CrystalSystem.Hexagonal,
        _ => CrystalSystem.Cubic,
    };

    /// <summary>
    /// The oriented point-group symbol of a Hermann–Mauguin space-group symbol: screw axes become
    /// rotations, glide planes mirrors, and the 1s of monoclinic full symbols are dropped
    /// ("P 1 21/c 1" → "2/m", "P 3 1 2" → "312", "I 41/a m d" → "4/mmm").
    /// </summary>
    public static string OrientedSymbolFromHermannMauguin(string hermannMauguin)
    {
        ArgumentNullException.ThrowIfNull(hermannMauguin);
        string[] tokens = hermannMauguin.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<string>();
        foreach (string token in tokens.Skip(1))
        {
            if (token.StartsWith(':')) break;
            string[] halves = token.Split('/');
            string rotation = halves[0];
            string converted = ConvertRotation(rotation);
            if (halves.Length == 2) converted += "/m";
            parts.Add(converted);
        }
        bool monoclinic = parts.Count == 3 && parts.Count(p => p == "1") == 2;
        if (monoclinic) parts.RemoveAll(p => p == "1");
        if (parts.Count == 3 && parts[1] == "1" && parts[2] == "1") parts.RemoveRange(1, 2);
        return string.Concat(parts);

        static string ConvertRotation(string r)
        {
            if (r.Length == 0) return r;
            if (r[0] is 'm' or 'a' or 'b' or 'c' or 'n' or 'd' or 'e' or 'g') return "m";
            bool bar = r[0] == '-';
            string digits = bar ? r[1..] : r;
            // The first digit is the rotation order; a second digit is a screw subscript.
            return (bar ? "-" : "") + digits[0];
        }
    }

    /// <inheritdoc />
    public bool Equals(PointGroup? other) => other is not null && TypeSymbol == other.TypeSymbol && Symbol == other.Symbol;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PointGroup);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TypeSymbol, Symbol);

    /// <summary>The oriented symbol.</summary>
    public override string ToString() => Symbol;
}
