namespace Crystallography.Intergrowth.Cli;

/// <summary>The entry point of the <c>intergrowth</c> tool: everything happens in <see cref="CommandLine.Run"/>.</summary>
internal static class Program
{
    private static int Main(string[] args) => CommandLine.Run(args, Console.Out, Console.Error);
}
