using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>What the real-data tests share: where the copied data live, how they stop, small conversions.</summary>
internal static class RealData
{
    /// <summary>B = 8π²·Uiso.</summary>
    public const double EightPiSquared = 8 * Math.PI * Math.PI;

    /// <summary>A file under tests/Crystallography.Intergrowth.Refinement.Tests/Data.</summary>
    public static string DataPath(params string[] parts) =>
        RepositoryLayout.PathOf(["tests", "Crystallography.Intergrowth.Refinement.Tests", "Data", .. parts]);

    /// <summary>Stops as crystallographic programs do: max shift/s.u. ≤ 0.01 or χ² changing by less than 10⁻⁶ (FullProf's Eps is 0.1).</summary>
    public static readonly LevenbergMarquardtOptions RealDataOptions =
        LevenbergMarquardtOptions.Default with { ShiftOverUncertaintyTolerance = 0.01, RelativeChiSquaredTolerance = 1e-6, MaximumCycles = 30 };

    /// <summary>The Chebyshev background terms.</summary>
    public static bool Background(ParameterId id) => id.Name == "bkg";
}
