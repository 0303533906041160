using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// A chemical element: symbol, atomic number, standard atomic weight and common oxidation states,
/// from the embedded table described in docs/provenance.md.
/// </summary>
public sealed class Element : IEquatable<Element>
{
    private const string ResourceName = "Crystallography.Intergrowth.StructureModel.Data.elements.tsv";

    private static readonly ImmutableArray<Element> Table = Load();

    private static readonly FrozenDictionary<string, Element> BySymbol =
        Table.ToFrozenDictionary(e => e.Symbol, StringComparer.OrdinalIgnoreCase);

    private Element(int atomicNumber, string symbol, string name, double atomicWeight, ImmutableArray<int> commonOxidationStates)
    {
        AtomicNumber = atomicNumber;
        Symbol = symbol;
        Name = name;
        AtomicWeight = atomicWeight;
        CommonOxidationStates = commonOxidationStates;
    }

    /// <summary>The atomic number Z.</summary>
    public int AtomicNumber { get; }

    /// <summary>The symbol with conventional capitalisation: "Li", "Ni", "O".</summary>
    public string Symbol { get; }

    /// <summary>The English name.</summary>
    public string Name { get; }

    /// <summary>The standard atomic weight in g/mol (IUPAC 1999/2001 values as compiled by NIST).</summary>
    public double AtomicWeight { get; }

    /// <summary>The common oxidation states (pymatgen's list), e.g. +2 for Ni; other states are allowed in a <see cref="Species"/>.</summary>
    public ImmutableArray<int> CommonOxidationStates { get; }

    /// <summary>Every element in the table, by atomic number (H to Cf).</summary>
    public static IReadOnlyList<Element> All => Table;

    /// <summary>The element with a symbol, case-insensitively ("Ni", "NI", "ni").</summary>
    /// <exception cref="ArgumentException">No element has that symbol.</exception>
    public static Element FromSymbol(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (BySymbol.TryGetValue(symbol.Trim(), out var element)) return element;
        throw new ArgumentException($"'{symbol}' is not an element symbol.", nameof(symbol));
    }

    /// <summary>Looks an element up by symbol without throwing.</summary>
    public static bool TryFromSymbol(string? symbol, out Element? element)
    {
        element = null;
        return symbol is not null && BySymbol.TryGetValue(symbol.Trim(), out element);
    }

    /// <summary>The element with atomic number <paramref name="atomicNumber"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No element in the table has that number.</exception>
    public static Element FromAtomicNumber(int atomicNumber)
    {
        if (atomicNumber < 1 || atomicNumber > Table.Length)
            throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, $"Atomic numbers in the table run from 1 to {Table.Length}.");
        return Table[atomicNumber - 1];
    }

    /// <summary>The symbol.</summary>
    public override string ToString() => Symbol;

    /// <inheritdoc />
    public bool Equals(Element? other) => other is not null && other.AtomicNumber == AtomicNumber;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Element);

    /// <inheritdoc />
    public override int GetHashCode() => AtomicNumber;

    private static ImmutableArray<Element> Load()
    {
        using var stream = typeof(Element).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var list = ImmutableArray.CreateBuilder<Element>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] f = line.Split('\t');
            var states = f[4].Length == 0
                ? ImmutableArray<int>.Empty
                : f[4].Split(',').Select(s => int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToImmutableArray();
            list.Add(new Element(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2],
                double.Parse(f[3], CultureInfo.InvariantCulture), states));
        }
        return list.ToImmutable();
    }
}
