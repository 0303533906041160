using System.Reflection;
using System.Text;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]   // the host redirects Console.Out while a script runs

namespace Crystallography.Intergrowth.Scripting.Tests;

/// <summary>What a script left behind: its last expression's value and what it printed.</summary>
/// <param name="ReturnValue">The value of the script's final expression (no semicolon), or null.</param>
/// <param name="Output">Everything the script wrote to the console.</param>
public sealed record ScriptOutcome(object? ReturnValue, string Output)
{
    /// <summary>The printed lines.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>
/// Runs C# scripts (.csx, notebook cells) with Roslyn scripting against the assemblies this test project was built with,
/// as C# Interactive, dotnet-script and Polyglot Notebooks would after <c>#r "nuget: Crystallography.Intergrowth"</c>.
/// </summary>
/// <remarks>
/// The host supplies the five library assemblies as references and nothing as imports: a script brings its own
/// <c>using</c> lines, so the text a reader copies runs on its own. <c>#r</c> and <c>#i</c> lines (package references
/// and package sources) are blanked, not removed, so compiler messages keep the file's line numbers.
/// </remarks>
public static class ScriptHost
{
    /// <summary>The library's assemblies, in dependency order.</summary>
    public static IReadOnlyList<Assembly> LibraryAssemblies { get; } =
    [
        typeof(SpaceGroup).Assembly, typeof(Phase).Assembly, typeof(PatternSimulator).Assembly,
        typeof(LinearConstraint).Assembly, typeof(Refinement.Refinement).Assembly,
    ];

    // The whole shared framework, as dotnet-script and Polyglot Notebooks reference it (Roslyn's default set lacks
    // System.Console, for one).
    // The folder also holds native libraries on Windows (coreclr.dll, clrjit.dll …): only files with metadata are taken.
    private static readonly Lazy<MetadataReference[]> SharedFramework = new(() =>
        [.. Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(HasMetadata)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))]);

    private static bool HasMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        try { return reader.HasMetadata; }
        catch (BadImageFormatException) { return false; }
    }

    /// <summary>Blanks the <c>#r</c>/<c>#i</c> directive lines that name packages or package sources.</summary>
    public static string WithoutPackageDirectives(string code) =>
        string.Join('\n', code.Replace("\r\n", "\n").Split('\n').Select(line =>
        {
            string trimmed = line.TrimStart();
            return trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#i ", StringComparison.Ordinal) ? "" : line;
        }));

    /// <summary>
    /// The namespaces the C# kernel of Polyglot Notebooks (.NET Interactive) imports before the first cell; a .csx file
    /// gets none, so it carries its own <c>using</c> lines.
    /// </summary>
    public static IReadOnlyList<string> NotebookImports { get; } =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>Compiles and runs a script; throws with the compiler's messages if it does not compile.</summary>
    /// <param name="code">The script's text.</param>
    /// <param name="path">The file it came from, for messages and the script's own <c>#load</c>s.</param>
    public static ScriptOutcome Run(string code, string path) => RunCells([code], path, []);

    /// <summary>
    /// Runs cells one after another in one session, each seeing what the earlier ones declared, as a notebook kernel
    /// does; the outcome's value is the last cell's.
    /// </summary>
    /// <param name="cells">The cells' code.</param>
    /// <param name="path">The file they came from.</param>
    /// <param name="imports">Namespaces imported before the first cell.</param>
    public static ScriptOutcome RunCells(IReadOnlyList<string> cells, string path, IEnumerable<string> imports)
    {
        var options = ScriptOptions.Default
            .WithReferences(SharedFramework.Value)
            .AddReferences(LibraryAssemblies)
            .WithImports(imports)
            .WithFilePath(path)
            .WithFileEncoding(Encoding.UTF8)
            .WithEmitDebugInformation(true);
        var previous = Console.Out;
        using var captured = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Console.SetOut(captured);
        int cell = 0;
        try
        {
            ScriptState<object>? state = null;
            for (; cell < cells.Count; cell++)
            {
                string code = WithoutPackageDirectives(cells[cell]);
                state = state is null
                    ? CSharpScript.RunAsync(code, options).GetAwaiter().GetResult()
                    : state.ContinueWithAsync(code, options).GetAwaiter().GetResult();
            }
            return new ScriptOutcome(state?.ReturnValue, captured.ToString());
        }
        catch (CompilationErrorException e)
        {
            string where = cells.Count > 1 ? $"{path}, code cell {cell + 1}," : path;
            throw new InvalidOperationException($"{where} does not compile:\n{string.Join('\n', e.Diagnostics)}", e);
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    /// <summary>Runs a script file.</summary>
    public static ScriptOutcome RunFile(string path) => Run(File.ReadAllText(path), path);
}
