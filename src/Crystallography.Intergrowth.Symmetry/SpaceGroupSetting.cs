using System.Collections.Immutable;
using System.Reflection;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// One row of the table of the 530 standard settings: the symbols that name a setting, before
/// its group is generated.
/// </summary>
/// <param name="Index">Position in the table, 0 to 529, in International Tables order.</param>
/// <param name="Number">Space-group type number, 1 to 230.</param>
/// <param name="HermannMauguin">The Hermann–Mauguin symbol with spaces between its parts, e.g. "R -3 m", "P 1 21/c 1".</param>
/// <param name="Extension">"1" or "2" for the origin choice, "H" or "R" for hexagonal or rhombohedral axes, empty otherwise.</param>
/// <param name="Qualifier">The monoclinic unique axis and cell choice ("b1", "-c2") or orthorhombic setting ("ba-c"), empty otherwise.</param>
/// <param name="Hall">The Hall symbol the group is generated from.</param>
public sealed record SpaceGroupSetting(int Index, int Number, string HermannMauguin, string Extension, string Qualifier, string Hall)
{
    /// <summary>The universal Hermann–Mauguin symbol: the symbol followed by " :" and the extension when there is one ("F d -3 m :2").</summary>
    public string UniversalHermannMauguin => Extension.Length == 0 ? HermannMauguin : $"{HermannMauguin} :{Extension}";

    /// <summary>The symbol without spaces as it is usually typed: "R-3m:H", "P121/c1", "Fd-3m:2".</summary>
    public string CompactSymbol =>
        HermannMauguin.Replace(" ", "", StringComparison.Ordinal) + (Extension.Length == 0 ? "" : ":" + Extension);

    /// <summary>The Wyckoff letters and representative triplets from the table, 'a' last as in International Tables' listing.</summary>
    internal ImmutableArray<(char Letter, CoordinateTriplet Triplet)> WyckoffData { get; init; }
}

/// <summary>The embedded table of the 530 settings (see docs/provenance.md).</summary>
internal static class SpaceGroupTable
{
    private const string ResourceName = "Crystallography.Intergrowth.Symmetry.Data.space-group-settings.tsv";

    public static ImmutableArray<SpaceGroupSetting> Settings { get; } = Load();

    private static ImmutableArray<SpaceGroupSetting> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var settings = ImmutableArray.CreateBuilder<SpaceGroupSetting>(530);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] f = line.Split('\t');
            if (f.Length != 6)
                throw new InvalidDataException($"{ResourceName} line {lineNumber}: expected 6 tab-separated fields, found {f.Length}.");
            var wyckoff = f[5].Split(';')
                .Select(entry =>
                {
                    int space = entry.IndexOf(' ', StringComparison.Ordinal);
                    return (entry[0], CoordinateTriplet.Parse(entry[(space + 1)..]));
                })
                .ToImmutableArray();
            settings.Add(new SpaceGroupSetting(settings.Count, int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture),
                f[1], f[2], f[3], f[4]) { WyckoffData = wyckoff });
        }
        return settings.ToImmutable();
    }
}
