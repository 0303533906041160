using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Crystallography.Intergrowth.Constraints;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// Parameter-id patterns, as a recipe's <c>refine</c>, <c>hold</c> and <c>bounds</c> write them: a
/// <see cref="ParameterId"/> text (<c>layered/O1/z</c>, <c>hist:sxrd/bkg[3]</c>) in which <c>*</c> may
/// stand for one whole path segment or one bracket index.
/// </summary>
/// <remarks>
/// <para>
/// The rule, applied to the pattern and the id split at '/': both have the same number of segments,
/// and each pattern segment matches the id's segment at that place —
/// </para>
/// <list type="bullet">
/// <item><c>*</c> as the first segment matches any phase name (never a histogram "hist:NAME");
/// <c>hist:*</c> matches any histogram;</item>
/// <item><c>*</c> as a later segment matches any one segment, an index included: <c>layered/Li1/*</c>
/// matches <c>layered/Li1/x</c> and <c>layered/Li1/occ[Li]</c>;</item>
/// <item><c>NAME[*]</c> matches <c>NAME[anything]</c>: <c>hist:sxrd/bkg[*]</c>, <c>layered/Li2/occ[*]</c>;</item>
/// <item>any other segment matches itself only, case-sensitively.</item>
/// </list>
/// <para>
/// So <c>*/*/Uiso</c> is every site's Uiso in every phase, <c>layered/cell/*</c> the six cell
/// parameters of layered, <c>*/scale</c> every phase scale, <c>hist:*/zero</c> every zero shift.
/// <c>*</c> never spans several segments: <c>*/Uiso</c> would match only two-segment ids, and none
/// is a Uiso, so <see cref="IsValid"/> refuses it and suggests <c>*/*/Uiso</c>. Patterns are kept as
/// text; they are matched against the engine's parameters when the refinement is set up.
/// </para>
/// </remarks>
public static class RecipeParameterPattern
{
    private static readonly string[] CellNames = ["a", "b", "c", "alpha", "beta", "gamma"];
    private static readonly string[] SiteNames = ["x", "y", "z", "Uiso", "U11", "U22", "U33", "U12", "U13", "U23"];

    private const string Forms =
        "parameters are PHASE/scale, PHASE/fraction, PHASE/cell/a…gamma, PHASE/SITE/x|y|z|Uiso|U11…U23|occ[ELEMENT] " +
        "and hist:NAME/PARAMETER[INDEX], and '*' stands for one whole segment or one index (*/*/Uiso, layered/cell/*, hist:sxrd/bkg[*])";

    /// <summary>True when the pattern holds a wildcard <c>*</c>.</summary>
    /// <param name="pattern">The pattern.</param>
    public static bool IsWildcard(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.Contains('*', StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="pattern"/> matches the parameter id written as <paramref name="parameterIdText"/>.</summary>
    /// <param name="pattern">A pattern, e.g. <c>*/*/Uiso</c> (see the remarks of <see cref="RecipeParameterPattern"/>).</param>
    /// <param name="parameterIdText">A parameter id's text, e.g. <c>layered/Ni1/Uiso</c>.</param>
    /// <exception cref="ArgumentException">The pattern is not well written: an empty segment, whitespace, or '*' or brackets out of place.</exception>
    public static bool Matches(string pattern, string parameterIdText)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(parameterIdText);
        if (SyntaxProblem(pattern) is { } problem) throw new ArgumentException(problem, nameof(pattern));
        string[] p = pattern.Split('/');
        string[] id = parameterIdText.Split('/');
        if (p.Length != id.Length) return false;
        for (int i = 0; i < p.Length; i++)
        {
            if (!SegmentMatches(p[i], id[i], first: i == 0)) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="pattern"/> matches <paramref name="parameter"/>.</summary>
    /// <param name="pattern">A pattern.</param>
    /// <param name="parameter">A parameter id.</param>
    /// <exception cref="ArgumentException">The pattern is not well written.</exception>
    public static bool Matches(string pattern, ParameterId parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Matches(pattern, parameter.ToString());
    }

    /// <summary>
    /// True when the pattern is well written and can match some parameter id; otherwise false with the
    /// reason (and, where one is near, the pattern meant: "did you mean '*/*/Uiso'?"). A pattern
    /// without '*' must be a parameter id <see cref="ParameterId.Parse"/> reads.
    /// </summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="problem">Why the pattern is refused, or null.</param>
    public static bool IsValid(string pattern, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        problem = Problem(pattern);
        return problem is null;
    }

    /// <summary>
    /// The phase or histogram a pattern names in its first segment, or null when that segment is a
    /// wildcard. A histogram comes back with <paramref name="isHistogram"/> set and without "hist:".
    /// </summary>
    internal static string? Scope(string pattern, out bool isHistogram)
    {
        string first = pattern.Split('/')[0];
        isHistogram = first.StartsWith("hist:", StringComparison.Ordinal);
        string name = isHistogram ? first["hist:".Length..] : first;
        return name == "*" ? null : name;
    }

    private static bool SegmentMatches(string p, string s, bool first)
    {
        if (p == "*") return !(first && s.StartsWith("hist:", StringComparison.Ordinal));
        if (first && p == "hist:*") return s.StartsWith("hist:", StringComparison.Ordinal) && s.Length > "hist:".Length;
        if (p.EndsWith("[*]", StringComparison.Ordinal))
        {
            string stem = p[..^3];
            return s.Length > stem.Length + 2 && s.StartsWith(stem, StringComparison.Ordinal) && s[stem.Length] == '[' && s[^1] == ']';
        }
        return string.Equals(p, s, StringComparison.Ordinal);
    }

    /// <summary>What is wrong with how the pattern is written, or null: the part <see cref="Matches(string, string)"/> needs.</summary>
    private static string? SyntaxProblem(string pattern)
    {
        if (pattern.Length == 0) return "an empty parameter pattern";
        if (pattern.Any(char.IsWhiteSpace)) return $"'{pattern}' holds whitespace";
        string[] segments = pattern.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string s = segments[i];
            if (s.Length == 0) return $"'{pattern}' has an empty segment";
            bool last = i == segments.Length - 1;
            int open = s.IndexOf('[', StringComparison.Ordinal);
            int close = s.IndexOf(']', StringComparison.Ordinal);
            if (open >= 0 || close >= 0)
            {
                bool oneFinalBracket = last && open > 0 && close == s.Length - 1 && open < close - 1
                                       && s.IndexOf('[', open + 1) < 0 && s.IndexOf(']', StringComparison.Ordinal) == close;
                if (!oneFinalBracket) return $"'{pattern}': brackets belong at the end of the last segment, around an index (occ[Li], bkg[3], bkg[*])";
            }
            string stem = open > 0 ? s[..open] : s;
            string index = open > 0 ? s[(open + 1)..^1] : "";
            bool starsOk = stem is "*" || (i == 0 && stem == "hist:*") || !stem.Contains('*', StringComparison.Ordinal);
            if (stem is "*" or "hist:*" && open > 0) starsOk = false;
            if (!starsOk || (index.Contains('*', StringComparison.Ordinal) && index != "*"))
                return $"'{pattern}': '*' stands for a whole segment or a whole index (layered/cell/*, hist:*/zero, bkg[*]), not part of a name";
        }
        return null;
    }

    private static string? Problem(string pattern)
    {
        if (SyntaxProblem(pattern) is { } syntax) return syntax + ".";
        if (!IsWildcard(pattern))
        {
            if (ParameterId.TryParse(pattern, out _)) return null;
            try
            {
                _ = ParameterId.Parse(pattern);
            }
            catch (FormatException e)
            {
                return e.Message + Suggestion(pattern);
            }
        }
        return CanMatchSomeParameter(pattern) ? null : $"'{pattern}' matches no parameter: {Forms}.{Suggestion(pattern)}";
    }

    /// <summary>" Did you mean 'PHASE/cell/NAME'?" or " … 'PHASE/*/NAME'?" when a middle segment is missing, else "".</summary>
    private static string Suggestion(string pattern)
    {
        string[] segments = pattern.Split('/');
        if (segments.Length != 2 || segments[0].StartsWith("hist:", StringComparison.Ordinal)) return "";
        foreach (string middle in new[] { "cell", "*" })
        {
            string candidate = $"{segments[0]}/{middle}/{segments[1]}";
            if (SyntaxProblem(candidate) is null && CanMatchSomeParameter(candidate)
                && (IsWildcard(candidate) || ParameterId.TryParse(candidate, out _)))
                return $" Did you mean '{candidate}'?";
        }
        return "";
    }

    /// <summary>
    /// Whether a syntactically sound pattern fits one of <see cref="ParameterId"/>'s forms with each
    /// '*' standing for anything, and every literal name is one that can stand in an id.
    /// </summary>
    private static bool CanMatchSomeParameter(string pattern)
    {
        string[] segments = pattern.Split('/');
        var (lastStem, lastIndex) = Split(segments[^1]);

        if (segments[0].StartsWith("hist:", StringComparison.Ordinal))
        {
            string histogram = segments[0]["hist:".Length..];
            if (segments.Length != 2 || (histogram != "*" && !IsName(histogram))) return false;
            if (lastStem == "*") return lastIndex is null;
            return IsName(lastStem) && (lastIndex is null or "*" || int.TryParse(lastIndex, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        }

        if (segments[0] != "*" && !IsName(segments[0])) return false;
        if (segments.Length == 2)
            return (lastStem == "*" && lastIndex is null) || (lastStem is "scale" or "fraction" && lastIndex is null);
        if (segments.Length != 3) return false;

        string middle = segments[1];
        bool middleIsCell = middle is "*" or "cell";
        bool middleIsSite = middle == "*" || (middle != "cell" && IsName(middle));
        if (lastStem == "*") return lastIndex is null && (middleIsCell || middleIsSite);
        bool cell = middleIsCell && lastIndex is null && CellNames.Contains(lastStem);
        bool site = middleIsSite && ((lastIndex is null && SiteNames.Contains(lastStem))
                                     || (lastStem == "occ" && lastIndex is not null && (lastIndex == "*" || IsName(lastIndex))));
        return cell || site;
    }

    private static (string Stem, string? Index) Split(string segment)
    {
        int open = segment.IndexOf('[', StringComparison.Ordinal);
        return open > 0 ? (segment[..open], segment[(open + 1)..^1]) : (segment, null);
    }

    private static bool IsName(string name) => RecipeChecks.NameProblem(name, "name") is null;
}
