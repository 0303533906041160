using System.Diagnostics;
using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// Issue 7's SIMD-disabled legs, run by CI as part of the README's test command: this test assembly's kernel tests
/// again in a child process with AVX-512 switched off (the kernels fall back to Vector256) and with every hardware
/// intrinsic switched off (<c>DOTNET_EnableHWIntrinsic=0</c>: the scalar path). The issue names
/// <c>DOTNET_EnableAVX512F=0</c>; .NET 10 no longer reads that knob (Vector512 stays accelerated, measured) and reads
/// <c>DOTNET_EnableAVX512=0</c> instead, so the leg sets both.
/// The automatic width must then be chosen at start-up without faulting and every kernel property must still hold.
/// </summary>
public class SimdDisabledLegTests(ITestOutputHelper output)
{
    /// <summary>The variable the child process carries, so that <see cref="TheLegRunsWithTheIntendedHardware"/> knows what to expect.</summary>
    private const string LegVariable = "INTERGROWTH_SIMD_LEG";

    public static TheoryData<string, string> Legs => new()
    {
        { "avx512-off", "DOTNET_EnableAVX512F,DOTNET_EnableAVX512" },
        { "hwintrinsic-off", "DOTNET_EnableHWIntrinsic" },
    };

    /// <summary>Runs the kernel tests (and the hardware check below) in a child `dotnet test` with the switch set.</summary>
    [Theory]
    [Trait("Category", "SimdLeg")]
    [MemberData(nameof(Legs))]
    public async Task KernelTestsPassWithSimdDisabled(string leg, string switchVariable)
    {
        string assembly = typeof(SimdDisabledLegTests).Assembly.Location;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        string work = Directory.CreateTempSubdirectory("intergrowth-simd-leg-").FullName;
        try
        {
            var start = new ProcessStartInfo(dotnet)
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "test", assembly, "--filter",
                         "(FullyQualifiedName~Kernel|FullyQualifiedName~SimdDisabledLegTests.TheLegRuns)&Category!=SimdLeg" })
                start.ArgumentList.Add(argument);
            foreach (string variable in switchVariable.Split(',')) start.Environment[variable] = "0";
            start.Environment[LegVariable] = leg;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await process.WaitForExitAsync(timeout.Token);
            string text = await stdout + await stderr;
            output.WriteLine(text);
            Assert.True(process.ExitCode == 0, $"{leg} ({switchVariable}=0): the kernel tests failed (exit {process.ExitCode}):\n{text}");
            var passed = System.Text.RegularExpressions.Regex.Match(text, @"Passed: +(\d+)");
            Assert.True(passed.Success && int.Parse(passed.Groups[1].Value) >= 20, $"{leg}: too few tests ran in the child:\n{text}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>In a leg, the switch took effect; outside one, nothing to check (this is the leg's own witness).</summary>
    [Fact]
    public void TheLegRunsWithTheIntendedHardware()
    {
        switch (Environment.GetEnvironmentVariable(LegVariable))
        {
            case "avx512-off":
                Assert.False(Vector512.IsHardwareAccelerated, "DOTNET_EnableAVX512F=0 should switch Vector512 acceleration off");
                break;
            case "hwintrinsic-off":
                Assert.False(Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated,
                             "DOTNET_EnableHWIntrinsic=0 should switch every vector width off");
                Assert.Equal(Kernels.KernelVectorWidth.Scalar, Kernels.ProfileKernelOptions.Default.EffectiveVectorWidth);
                break;
        }
    }
}
