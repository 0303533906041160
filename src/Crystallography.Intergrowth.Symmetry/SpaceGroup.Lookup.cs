using System.Collections.Frozen;
using System.Globalization;

namespace Crystallography.Intergrowth.Symmetry;

public sealed partial class SpaceGroup
{
    // Every accepted spelling, reduced to a key (see Key), mapped to a table index.
    private static readonly Lazy<FrozenDictionary<string, int>> Spellings = new(BuildSpellings);

    /// <summary>
    /// The default setting of a space-group type: the first listed in International Tables, i.e.
    /// unique axis b with cell choice 1 for monoclinic groups, origin choice 1, hexagonal axes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not between 1 and 230.</exception>
    public static SpaceGroup FromNumber(int number)
    {
        if (number is < 1 or > 230)
            throw new ArgumentOutOfRangeException(nameof(number), number, "Space-group numbers run from 1 to 230.");
        return FromIndex(SpaceGroupTable.Settings.First(s => s.Number == number).Index);
    }

    /// <summary>Every standard setting of a space-group type (e.g. 2 for 166, 9 for 14, 18 for 15).</summary>
    public static IReadOnlyList<SpaceGroup> SettingsOf(int number)
    {
        if (number is < 1 or > 230)
            throw new ArgumentOutOfRangeException(nameof(number), number, "Space-group numbers run from 1 to 230.");
        return SpaceGroupTable.Settings.Where(s => s.Number == number).Select(s => FromIndex(s.Index)).ToArray();
    }

    /// <summary>
    /// Finds a setting by Hermann–Mauguin symbol in the usual spellings ("R-3m", "R -3 m:H",
    /// "R -3 m :R", "Fd-3m:2", "C2/m", "C 1 2/m 1", "P21/c", "Fm3m", "P6_3/mmc"), by number with an
    /// optional setting ("166", "166:R", "227:2", "14:c1"), or by Hall symbol ("-R 3 2\"",
    /// "Hall: P 2yb (x,y,-x+z)").
    /// </summary>
    /// <exception cref="UnknownSpaceGroupException">Nothing matches; the exception lists the nearest valid spellings.</exception>
    public static SpaceGroup Parse(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (TryParse(symbol, out var group)) return group!;
        throw new UnknownSpaceGroupException(symbol, Suggest(symbol, 5));
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? symbol, out SpaceGroup? group)
    {
        group = null;
        if (string.IsNullOrWhiteSpace(symbol)) return false;
        string text = symbol.Trim();

        if (text.StartsWith("hall:", StringComparison.OrdinalIgnoreCase))
            return TryFromHall(text[5..], out group);

        if (Spellings.Value.TryGetValue(Key(text), out int index))
        {
            group = FromIndex(index);
            return true;
        }

        // A number with an optional setting after ':' ("166:R", "14:c1", "227:2").
        string[] parts = text.Split(':', 2);
        if (int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number is >= 1 and <= 230)
        {
            if (parts.Length == 1)
            {
                group = FromNumber(number);
                return true;
            }
            string choice = parts[1].Trim();
            var match = SpaceGroupTable.Settings.FirstOrDefault(s => s.Number == number &&
                (string.Equals(s.Extension, choice, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(s.Qualifier, choice, StringComparison.Ordinal)));
            if (match is null) return false;
            group = FromIndex(match.Index);
            return true;
        }

        // Last, a Hall symbol: it must parse and generate the operations of a standard setting.
        return TryFromHall(text, out group);
    }

    /// <summary>
    /// The standard setting whose operations a Hall symbol generates (with or without a change of
    /// basis): "-R 3 2\"", "P 61 2 (0 0 5)", "-P 2ybc (x,y,z+1/4)". Returns the table's setting, so
    /// "P 2yb" and "P 2y (x,y+1/4,z)" find the same group when their operations agree.
    /// </summary>
    /// <exception cref="FormatException">The symbol is not valid Hall notation.</exception>
    /// <exception cref="UnknownSpaceGroupException">The operations are a valid group in a non-standard setting that is not among the 530.</exception>
    public static SpaceGroup FromHall(string hall)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var operations = HallSymbol.Parse(hall).GenerateOperations();
        return FromOperations(operations)
            ?? throw new UnknownSpaceGroupException(hall,
                Array.Empty<string>(),
                $"The Hall symbol '{hall}' generates {operations.Length} operations that match none of the 530 standard settings.");
    }

    /// <summary>
    /// The standard setting with exactly these operations (modulo lattice translations), or null.
    /// This is how symmetry given as an explicit list of operations (e.g. CIF's
    /// _space_group_symop_operation_xyz) is identified.
    /// </summary>
    public static SpaceGroup? FromOperations(IEnumerable<SymmetryOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        // Close the given set first so that a list of generators or a list without centring
        // translations written out is accepted too.
        var set = GroupClosure.Close(operations).ToHashSet();
        foreach (var group in All)
        {
            if (group.Order == set.Count && group.Operations.All(set.Contains))
                return group;
        }
        return null;
    }

    private static bool TryFromHall(string text, out SpaceGroup? group)
    {
        group = null;
        try
        {
            var operations = HallSymbol.Parse(text).GenerateOperations();
            group = FromOperations(operations);
            return group is not null;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The spellings of existing settings nearest to a symbol that matched nothing, best first.</summary>
    public static IReadOnlyList<string> Suggest(string symbol, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        string key = Key(symbol);
        return SpaceGroupTable.Settings
            .Select(s => (Setting: s, Distance: Math.Min(
                EditDistance(key, Key(s.CompactSymbol)),
                s.Extension.Length > 0 ? EditDistance(key, Key(s.HermannMauguin)) : int.MaxValue)))
            .OrderBy(t => t.Distance).ThenBy(t => t.Setting.Index)
            .Take(count)
            .Select(t => $"{t.Setting.CompactSymbol} ({t.Setting.UniversalHermannMauguin}, No. {t.Setting.Number})")
            .ToArray();
    }

    /// <summary>Reduces a spelling to a key: no spaces or underscores, lower case, ':' kept.</summary>
    private static string Key(string symbol)
    {
        var chars = new List<char>(symbol.Length);
        foreach (char c in symbol)
        {
            if (char.IsWhiteSpace(c) || c == '_') continue;
            chars.Add(char.ToLowerInvariant(c));
        }
        return new string(chars.ToArray());
    }

    private static FrozenDictionary<string, int> BuildSpellings()
    {
        var map = new Dictionary<string, int>();
        void Add(string spelling, int index) => map.TryAdd(Key(spelling), index);

        foreach (var s in SpaceGroupTable.Settings)
        {
            string hm = s.HermannMauguin;
            Add(s.CompactSymbol, s.Index);
            Add(s.Hall, s.Index);
            // Without an extension, the first listed setting: origin choice 1, hexagonal axes.
            if (s.Extension is "1" or "H") Add(hm, s.Index);
            string[] tokens = hm.Split(' ');
            // Monoclinic short symbols ("P21/c", "C2/m", "P21/n") for the settings with unique
            // axis b, every cell choice: the 1s of the full symbol dropped.
            if (tokens.Length == 4 && s.Qualifier.TrimStart('-') is "b" or "b1" or "b2" or "b3")
                Add(string.Concat(tokens.Where(t => t != "1")), s.Index);
            // Older spellings of cubic symbols without the bar on 3 ("Fm3m", "Pa3", "Fd3m:2").
            if (s.Number >= 195 && tokens.Contains("-3"))
            {
                string old = string.Join(' ', tokens.Select(t => t == "-3" ? "3" : t));
                Add(old + (s.Extension.Length > 0 ? ":" + s.Extension : ""), s.Index);
                if (s.Extension is "1" or "") Add(old, s.Index);
            }
        }
        return map.ToFrozenDictionary();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

/// <summary>No standard setting matches a symbol; <see cref="Suggestions"/> lists the nearest valid spellings.</summary>
public sealed class UnknownSpaceGroupException : ArgumentException
{
    /// <summary>Creates the exception for an unknown symbol with suggestions.</summary>
    public UnknownSpaceGroupException(string symbol, IReadOnlyList<string> suggestions, string? message = null)
        : base(message ?? BuildMessage(symbol, suggestions), "symbol")
    {
        Message = message ?? BuildMessage(symbol, suggestions);
        Symbol = symbol;
        Suggestions = suggestions;
    }

    /// <summary>The symbol that matched nothing.</summary>
    public string Symbol { get; }

    /// <summary>The explanation with the suggestions (without the parameter-name suffix of <see cref="ArgumentException"/>).</summary>
    public override string Message { get; }

    /// <summary>The nearest valid spellings, best first.</summary>
    public IReadOnlyList<string> Suggestions { get; }

    private static string BuildMessage(string symbol, IReadOnlyList<string> suggestions) =>
        $"'{symbol}' is not a space-group symbol, number or Hall symbol of a standard setting." +
        (suggestions.Count > 0 ? " Did you mean: " + string.Join(", ", suggestions) + "?" : "");
}
