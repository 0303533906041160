using Crystallography.Intergrowth.TestKit;
namespace Crystallography.Intergrowth.Cli.Tests;

/// <summary>The result of one in-process run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>Runs <see cref="CommandLine.Run"/> in-process with string writers.</summary>
public static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = CommandLine.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The folder holding Crystallography.Intergrowth.sln, found by walking up from the test binaries.</summary>
    public static DirectoryInfo RepositoryRoot() => new(RepositoryLayout.Root);
}
