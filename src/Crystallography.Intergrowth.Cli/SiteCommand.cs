using System.Globalization;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli;

/// <summary>The command <c>site SYMBOL X Y Z [--tolerance T] [--json]</c>: which Wyckoff position a point falls on.</summary>
internal static class SiteCommand
{
    // How many equivalent positions the readable form lists before "…".
    private const int OrbitShown = 12;

    // How many site-symmetry operations the readable form lists before "…" (--json lists all).
    private const int OperationsShown = 12;

    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count != 4)
            throw new UsageException($"Give a space-group symbol and three fractional coordinates, found {args.Positionals.Count} argument(s).");
        var group = SpaceGroup.Parse(args.Positionals[0]);
        var input = new FractionalPosition(
            ParsedArguments.ParseNumber(args.Positionals[1], "X"),
            ParsedArguments.ParseNumber(args.Positionals[2], "Y"),
            ParsedArguments.ParseNumber(args.Positionals[3], "Z"));
        string? toleranceText = args.Option("--tolerance");
        double tolerance = toleranceText is null
            ? SpaceGroup.DefaultPositionTolerance
            : ParsedArguments.ParseNumber(toleranceText, "The tolerance");

        var location = group.Locate(input, tolerance);
        var orbit = group.Orbit(location.Position);

        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w => JsonOutput.WriteSite(w, group, input, tolerance, location, orbit));
            return CommandLine.Success;
        }

        var wyckoff = location.Wyckoff;
        stdout.WriteLine($"{group.UniversalHermannMauguin}  (No. {group.Number})");
        Field("Input", Notation.Position(input));
        Field("Wyckoff position", $"{wyckoff.Label}  site symmetry {wyckoff.SiteSymmetry}  ({wyckoff.Representative})");
        Field("Snapped position", Notation.Position(location.Position));
        Field("Shift", Notation.Coordinate(location.Shift) + string.Create(CultureInfo.InvariantCulture, $"  (tolerance {tolerance:G6})"));
        Field("Site operations", $"{location.SiteOperations.Length}: {string.Join("; ", location.SiteOperations.Take(OperationsShown))}"
                                 + (location.SiteOperations.Length > OperationsShown ? "; …" : ""));
        Field("Orbit size", Notation.Integer(orbit.Count));
        foreach (var p in orbit.Take(OrbitShown)) stdout.WriteLine($"    {Notation.Position(p)}");
        if (orbit.Count > OrbitShown) stdout.WriteLine("    …");
        return CommandLine.Success;

        void Field(string name, string value) => stdout.WriteLine($"  {name,-16}  {value}");
    }
}
