using FsCheck;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Cli.Tests;

public sealed class HelpTests
{
    private static readonly string[] CommandNames = ["spacegroups", "spacegroup", "describe", "site", "phase", "design", "study", "demo"];

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_lists_every_command(string flag)
    {
        var result = Cli.Run(flag);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("Usage: intergrowth COMMAND", result.Stdout);
        foreach (string name in CommandNames)
            Assert.Contains(result.StdoutLines, l => l.StartsWith("  " + name + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("spacegroups")]
    [InlineData("spacegroup")]
    [InlineData("describe")]
    [InlineData("site")]
    [InlineData("phase")]
    [InlineData("design")]
    [InlineData("study")]
    [InlineData("demo")]
    public void Each_command_has_its_own_help(string name)
    {
        var viaHelp = Cli.Run("help", name);
        var viaFlag = Cli.Run(name, "--help");
        Assert.Equal(0, viaHelp.ExitCode);
        Assert.Equal(0, viaFlag.ExitCode);
        Assert.StartsWith("Usage: intergrowth " + name, viaHelp.Stdout);
        Assert.Equal(viaHelp.Stdout, viaFlag.Stdout);
    }

    [Fact]
    public void Unknown_command_exits_2_with_a_message_on_stderr()
    {
        var result = Cli.Run("frobnicate", "R-3m");
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("unknown command 'frobnicate'", result.Stderr);
        Assert.Contains("intergrowth --help", result.Stderr);
    }

    [Fact]
    public void Help_for_an_unknown_command_exits_2()
    {
        Assert.Equal(CommandLine.UsageError, Cli.Run("help", "frobnicate").ExitCode);
    }

    [Fact]
    public void No_arguments_prints_the_usage_on_stderr_and_exits_2()
    {
        var result = Cli.Run();
        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Usage: intergrowth COMMAND", result.Stderr);
    }

    [Fact]
    public void Version_is_printed()
    {
        var result = Cli.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("intergrowth ", result.Stdout);
    }

    /// <summary>
    /// Whatever follows a command name, the tool answers with one of its three exit codes and never
    /// lets an exception escape: random words reach the symbol parser, the Hall-symbol parser and the
    /// number reader of the library.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Any_arguments_give_an_exit_code_not_an_exception(byte command, NonNull<string>[] words)
    {
        string[] names = ["spacegroup", "describe", "site", "help", "unknown"];
        string[] args = [names[command % names.Length], .. words.Select(w => w.Get)];
        var result = Cli.Run(args);
        return result.ExitCode is CommandLine.Success or CommandLine.InvalidInput or CommandLine.UsageError;
    }
}
