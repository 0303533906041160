using System.Globalization;

namespace Crystallography.Intergrowth.Cli;

/// <summary>A command line that the user typed wrongly (unknown option, missing argument): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The arguments of one command after the command name: positional arguments in order, flags
/// (<c>--json</c>) and options with a value (<c>--tolerance 0.01</c> or <c>--tolerance=0.01</c>).
/// </summary>
internal sealed class ParsedArguments
{
    private readonly HashSet<string> _flags;
    private readonly Dictionary<string, string> _options;

    private ParsedArguments(List<string> positionals, HashSet<string> flags, Dictionary<string, string> options)
    {
        Positionals = positionals;
        _flags = flags;
        _options = options;
    }

    public IReadOnlyList<string> Positionals { get; }

    public bool HasFlag(string name) => _flags.Contains(name);

    public string? Option(string name) => _options.GetValueOrDefault(name);

    /// <summary>
    /// Splits arguments into positionals, flags and options. Only words starting with "--" (and
    /// "-h") are options, so Hall symbols ("-R 3 2\"") and negative coordinates ("-0.25") are
    /// positional; "--" ends the options.
    /// </summary>
    public static ParsedArguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valueOptions)
    {
        var positionals = new List<string>();
        var seenFlags = new HashSet<string>(StringComparer.Ordinal);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        bool optionsEnded = false;
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal) && arg != "-h")
            {
                positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            string name = arg == "-h" ? "--help" : arg;
            string? inlineValue = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }
            if (flags.Contains(name) || name == "--help")
            {
                if (inlineValue is not null) throw new UsageException($"The option {name} takes no value.");
                seenFlags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                if (inlineValue is null)
                {
                    if (!e.MoveNext()) throw new UsageException($"The option {name} needs a value.");
                    inlineValue = e.Current;
                }
                options[name] = inlineValue;
            }
            else
            {
                var known = flags.Concat(valueOptions).Append("--help").Order(StringComparer.Ordinal);
                throw new UsageException($"Unknown option '{name}'. Options here: {string.Join(", ", known)}.");
            }
        }
        return new ParsedArguments(positionals, seenFlags, options);
    }

    /// <summary>
    /// Reads a number typed on the command line in the invariant culture: a decimal ("0.2571",
    /// "-1e-4") or a fraction ("1/3", "-2/3"), as coordinates are often written.
    /// </summary>
    public static double ParseNumber(string text, string what)
    {
        string t = text.Trim();
        int slash = t.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && double.TryParse(t[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator)
            && double.TryParse(t[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double denominator)
            && denominator != 0)
            return numerator / denominator;
        if (slash < 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return value;
        throw new UsageException($"{what} must be a number such as 0.25, -1e-4 or 1/3, not '{text}'.");
    }
}
