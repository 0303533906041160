using BenchmarkDotNet.Running;

namespace Crystallography.Intergrowth.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkDotNet's switcher).</summary>
public static class Program
{
    /// <summary>Entry point: e.g. <c>dotnet run -c Release -- --filter '*Symmetry*'</c>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
