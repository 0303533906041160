using System.Text;

namespace Crystallography.Intergrowth.Cli.Tests;

/// <summary>
/// Every example in docs/cli.md is run (STYLE.md habit 13: executable docs). An example is a line
/// "$ intergrowth ARGS" inside a ```console block, followed by the output it prints (standard output,
/// then standard error); a line "[...]" stands for any number of lines left out.
/// </summary>
public sealed class DocsExamplesTests
{
    private const string Elision = "[...]";

    // The page's examples are typed in the repository root (it says so), so the files they name —
    // src/…/Data/layered_S1.cif, tests/…/Data/unterminated.cif — are relative to it. Every test sets
    // the same directory and no other test of this assembly depends on it.
    public DocsExamplesTests() => Directory.SetCurrentDirectory(Cli.RepositoryRoot().FullName);

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        string path = Path.Combine(Cli.RepositoryRoot().FullName, "docs", "cli.md");
        bool inConsole = false;
        string? command = null;
        var expected = new StringBuilder();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.TrimEnd();
            if (!inConsole)
            {
                if (line == "```console") inConsole = true;
                continue;
            }
            if (line == "```" || line.StartsWith("$ ", StringComparison.Ordinal))
            {
                if (command is not null) data.Add(command, expected.ToString());
                command = null;
                expected.Clear();
                if (line == "```")
                {
                    inConsole = false;
                    continue;
                }
                command = line[2..];
                continue;
            }
            if (command is not null) expected.Append(line).Append('\n');
        }
        return data;
    }

    [Fact]
    public void The_page_has_examples_of_every_command()
    {
        var commands = Examples().Select(row => (string)row[0]).ToArray();
        foreach (string name in new[] { "spacegroups", "spacegroup", "describe", "site", "phase", "design", "study", "demo", "--help" })
            Assert.Contains(commands, c => Words(c).ElementAtOrDefault(1) == name);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_prints_what_the_page_shows(string command, string expected)
    {
        var words = Words(command);
        Assert.Equal("intergrowth", words[0]);
        var result = Cli.Run(words.Skip(1).ToArray());
        string actual = result.Stdout + result.Stderr;
        var actualLines = actual.Split('\n').Select(l => l.TrimEnd()).ToList();
        var expectedLines = expected.Split('\n').Select(l => l.TrimEnd()).ToList();
        Trim(actualLines);
        Trim(expectedLines);
        Assert.True(Matches(expectedLines, 0, actualLines, 0),
            $"docs/cli.md: '{command}' printed\n{string.Join('\n', actualLines)}\n\nbut the page shows\n{string.Join('\n', expectedLines)}");
    }

    private static void Trim(List<string> lines)
    {
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
    }

    /// <summary>Line-by-line match where "[...]" matches any run of lines, including none.</summary>
    private static bool Matches(List<string> expected, int i, List<string> actual, int j)
    {
        if (i == expected.Count) return j == actual.Count;
        if (expected[i] == Elision)
        {
            for (int k = j; k <= actual.Count; k++)
                if (Matches(expected, i + 1, actual, k)) return true;
            return false;
        }
        return j < actual.Count && expected[i] == actual[j] && Matches(expected, i + 1, actual, j + 1);
    }

    /// <summary>Splits a command line as a POSIX shell does for the quoting the page uses: '…', "…" with \" and \\.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'')
            {
                int end = line.IndexOf('\'', i + 1);
                if (end < 0) throw new FormatException($"Unclosed ' in: {line}");
                current.Append(line, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`') i++;
                    current.Append(line[i]);
                }
                if (i >= line.Length) throw new FormatException($"Unclosed \" in: {line}");
            }
            else
            {
                current.Append(c);
            }
        }
        if (inWord) words.Add(current.ToString());
        return words;
    }
}
