using Xunit;

namespace Crystallography.Intergrowth.TestKit;

/// <summary>
/// Keeps a page's code sample honest: every code line of the page's first ```csharp block must
/// appear in the test that runs it (STYLE.md: every code sample in docs/ is run by a test).
/// </summary>
public static class DocumentationExample
{
    /// <summary>
    /// The code of the first ```csharp block of a page, line by line: trailing // comments (which
    /// state the values the test asserts) removed, trimmed, empty lines and using directives left out.
    /// </summary>
    public static IReadOnlyList<string> CodeLines(string docPath)
    {
        string doc = File.ReadAllText(docPath);
        int start = doc.IndexOf("```csharp", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{docPath} has no ```csharp block");
        int end = doc.IndexOf("```", start + 9, StringComparison.Ordinal);
        Assert.True(end > start, $"{docPath}: the ```csharp block is not closed");
        return doc[(start + 9)..end].Split('\n').Select(Code)
            .Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Asserts that every code line of the page (path below docs/) stands, as a whole line, in the test file (path below the repository root).</summary>
    public static void AssertMirrored(string docName, params string[] testFileParts)
    {
        string docPath = RepositoryLayout.PathOf("docs", docName);
        var testLines = File.ReadAllLines(RepositoryLayout.PathOf(testFileParts)).Select(Code).ToHashSet(StringComparer.Ordinal);
        var lines = CodeLines(docPath);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
            Assert.True(testLines.Contains(line), $"docs/{docName}: this line is not run, line for line, by {string.Join('/', testFileParts)}: {line}");
    }

    private static string Code(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return (comment >= 0 ? line[..comment] : line).Trim();
    }
}
