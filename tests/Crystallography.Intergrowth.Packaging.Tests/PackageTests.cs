using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.TestKit;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Packaging.Tests;

/// <summary>
/// Packs the library's packages into a temporary folder, checks what each one holds, then builds and runs a scratch
/// console application that references only the meta-package from that folder (no project references) and simulates a
/// pattern, comparing its output with the same simulation in this process.
/// </summary>
/// <remarks>
/// The packages get a version of their own for each run (0.1.0-local.…) and the scratch application restores into a
/// temporary packages folder, so a run never picks up a package cached by an earlier one; third-party dependencies come
/// from the global packages folder if they are there (a fallback folder), otherwise from the repository's own source.
/// </remarks>
[Trait("Category", "Packaging")]
public sealed class PackageTests(ITestOutputHelper output)
{
    /// <summary>The packages <c>dotnet pack</c> makes, by project folder under src/.</summary>
    public static readonly string[] Libraries =
    [
        "Crystallography.Intergrowth.Symmetry", "Crystallography.Intergrowth.StructureModel", "Crystallography.Intergrowth.Diffraction",
        "Crystallography.Intergrowth.Constraints", "Crystallography.Intergrowth.Refinement",
    ];

    private const string MetaPackage = "Crystallography.Intergrowth", Tool = "Crystallography.Intergrowth.Cli";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // The scratch application's program, and the same lines run here for the expected output.
    private const string Program = """
        using System.Globalization;
        using Crystallography.Intergrowth.Diffraction;
        using Crystallography.Intergrowth.StructureModel;

        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.15874,
            [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.0034, anionUiso: 0.0091);
        var pattern = new PatternSimulator(Instrument.Synchrotron(0.4137)).Simulate([new SimulatedPhase(rocksalt)], PatternRange.Uniform(3, 0.01, 30));
        var strongest = pattern.TickMarks.MaxBy(r => r.Intensity);
        Console.WriteLine(pattern);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"strongest {strongest.Index} at {strongest.Position:R}, I = {strongest.Intensity:R}, sum {pattern.Y.Sum():R}"));
        Console.WriteLine(typeof(Crystallography.Intergrowth.Refinement.RefinementResult).Assembly.GetName().Name);
        """;

    private static IReadOnlyList<string> ExpectedOutput()
    {
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.15874,
            [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)], cationUiso: 0.0034, anionUiso: 0.0091);
        var pattern = new PatternSimulator(Instrument.Synchrotron(0.4137)).Simulate([new SimulatedPhase(rocksalt)], PatternRange.Uniform(3, 0.01, 30));
        var strongest = pattern.TickMarks.MaxBy(r => r.Intensity);
        return
        [
            pattern.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"strongest {strongest.Index} at {strongest.Position:R}, I = {strongest.Intensity:R}, sum {pattern.Y.Sum():R}"),
            "Crystallography.Intergrowth.Refinement",
        ];
    }

    [Fact]
    public void PackedMetaPackageBuildsAndRunsInAScratchConsoleApplication()
    {
        string scratch = Directory.CreateTempSubdirectory("intergrowth-packaging-").FullName;
        try
        {
            string version = "0.1.0-local." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            string feed = Path.Combine(scratch, "feed");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Pack(scratch, feed, version);
            output.WriteLine($"packed in {watch.Elapsed.TotalSeconds:F1} s: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            CheckPackages(feed, version);

            watch.Restart();
            string app = Path.Combine(scratch, "app");
            WriteScratchApplication(app, feed, Path.Combine(scratch, "packages"), version);
            string printed = DotnetCommand.Run(app, Timeout, "run", "-c", "Release", "--disable-build-servers");
            output.WriteLine($"scratch application restored, built and run in {watch.Elapsed.TotalSeconds:F1} s:\n{printed}");
            var lines = printed.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
            Assert.Equal(ExpectedOutput(), lines[^3..]);
            // It restored our packages from the temporary feed, at this run's version.
            foreach (string id in Libraries.Append(MetaPackage))
                Assert.True(Directory.Exists(Path.Combine(scratch, "packages", id.ToLowerInvariant(), version)), $"{id} {version} was not restored from the feed");

            // The tool package installs as 'intergrowth' (into a tool path, through the same nuget.config) and runs.
            watch.Restart();
            string tools = Path.Combine(scratch, "tools");
            DotnetCommand.Run(app, Timeout, "tool", "install", Tool, "--version", version, "--tool-path", tools,
                "--configfile", Path.Combine(app, "nuget.config"));
            string command = Path.Combine(tools, OperatingSystem.IsWindows() ? "intergrowth.exe" : "intergrowth");
            string described = ProcessOutput(command, "spacegroup", "F m -3 m");
            output.WriteLine($"tool installed and run in {watch.Elapsed.TotalSeconds:F1} s:\n{described}");
            Assert.Contains("Space group 225", described, StringComparison.Ordinal);
            Assert.Contains("-F 4 2 3", described, StringComparison.Ordinal);   // the Hall symbol of Fm-3m
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string ProcessOutput(string command, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string printed = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout)) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{command} did not finish"); }
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        return printed;
    }

    // One 'dotnet pack' over a solution filter of the packable projects: the five libraries, the meta-package and the tool.
    private static void Pack(string scratch, string feed, string version)
    {
        string solution = RepositoryLayout.PathOf("Crystallography.Intergrowth.sln");
        string[] projects = [.. Libraries.Append(MetaPackage).Append(Tool).Select(p => Path.Combine("src", p, p + ".csproj"))];
        string filter = Path.Combine(scratch, "packages.slnf");
        File.WriteAllText(filter, System.Text.Json.JsonSerializer.Serialize(new { solution = new { path = solution, projects } }));
        DotnetCommand.Run(RepositoryLayout.Root, Timeout, "pack", filter, "-c", "Release", "-o", feed, "-p:Version=" + version,
            "--disable-build-servers");
    }

    private static void CheckPackages(string feed, string version)
    {
        foreach (string id in Libraries)
        {
            using var package = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
            var names = package.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains($"lib/net10.0/{id}.dll", names);
            Assert.Contains($"lib/net10.0/{id}.xml", names);   // the XML documentation, for IntelliSense
            Assert.Contains("README.md", names);
            var metadata = Nuspec(package);
            Assert.Equal("MIT", metadata.Element(metadata.Name.Namespace + "license")?.Value);
            Assert.Equal("README.md", metadata.Element(metadata.Name.Namespace + "readme")?.Value);
            using var symbols = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.snupkg"));
            Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries.Select(e => e.FullName));
        }

        using (var meta = ZipFile.OpenRead(Path.Combine(feed, $"{MetaPackage}.{version}.nupkg")))
        {
            Assert.DoesNotContain(meta.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));   // no code of its own
            var metadata = Nuspec(meta);
            var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency")
                .Select(d => (Id: d.Attribute("id")!.Value, Version: d.Attribute("version")!.Value)).OrderBy(d => d.Id, StringComparer.Ordinal);
            Assert.Equal(Libraries.Order(StringComparer.Ordinal).Select(id => (id, version)), dependencies);
        }

        using (var tool = ZipFile.OpenRead(Path.Combine(feed, $"{Tool}.{version}.nupkg")))
        {
            var settings = tool.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            using var stream = settings.Open();
            var command = XDocument.Load(stream).Descendants("Command").Single();
            Assert.Equal("intergrowth", command.Attribute("Name")?.Value);
            Assert.Equal("intergrowth.dll", command.Attribute("EntryPoint")?.Value);
            var metadata = Nuspec(tool);
            Assert.Contains(metadata.Descendants(metadata.Name.Namespace + "packageType"), t => t.Attribute("name")?.Value == "DotnetTool");
        }
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Element(document.Root.Name.Namespace + "metadata")!;
    }

    // A console application outside the repository (so none of its build files apply), whose nuget.config takes our
    // packages from the feed only and everything else from the repository's registry source.
    private static void WriteScratchApplication(string app, string feed, string packages, string version)
    {
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "Scratch.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{MetaPackage}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        var registry = XDocument.Load(RepositoryLayout.PathOf("nuget.config")).Descendants("packageSources").Single()
            .Elements("add").Select(a => a.Attribute("value")!.Value).First();
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <fallbackPackageFolders>
                <clear />
                <add key="global" value="{globalPackages}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="registry" value="{registry}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="Crystallography.Intergrowth" />
                  <package pattern="Crystallography.Intergrowth.*" />
                </packageSource>
                <packageSource key="registry">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }
}
