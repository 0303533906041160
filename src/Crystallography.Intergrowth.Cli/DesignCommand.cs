using System.Globalization;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The command <c>design</c>: the charge-balanced compositions Li(1+x) M1 M2 O2 with a full cation
/// sublattice on a grid of x (<see cref="CompositionDesigner"/>), or, with <c>--check</c>, a measured
/// composition set against a designed one (<see cref="CompositionComparison"/>).
/// </summary>
internal static class DesignCommand
{
    // The study's grid: x = 0, 1/30, …, 1/3 holds both Li7/6Ni4/9Ru7/18O2 (x = 1/6) and Li1.2Ni0.4Ru0.4O2 (x = 1/5).
    private static readonly Fraction DefaultFrom = Fraction.Zero;
    private static readonly Fraction DefaultTo = new(1, 3);
    private static readonly Fraction DefaultStep = new(1, 30);

    // The agreement criterion the field uses by habit: within 2 standard uncertainties.
    private const double DefaultCoverage = 2;

    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count > 0)
            throw new UsageException($"design takes no arguments, found '{args.Positionals[0]}'.");
        return args.Option("--check") is { } check ? Check(args, check, stdout) : List(args, stdout);
    }

    /// <summary><c>design [--excess-from X] [--excess-to X] [--step X] [--metals M1,M2] [--json]</c>.</summary>
    private static int List(ParsedArguments args, TextWriter stdout)
    {
        foreach (string checkOnly in new[] { "--against", "--coverage" })
            if (args.Option(checkOnly) is not null)
                throw new UsageException($"{checkOnly} goes with --check.");
        var family = Family(args.Option("--metals"));
        Fraction from = Excess(args.Option("--excess-from"), "--excess-from", DefaultFrom);
        Fraction to = Excess(args.Option("--excess-to"), "--excess-to", DefaultTo);
        Fraction step = Excess(args.Option("--step"), "--step", DefaultStep);
        var members = CompositionDesigner.DesignGrid(family, from, to, step);

        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w => JsonOutput.WriteDesign(w, family, members));
            return CommandLine.Success;
        }

        stdout.WriteLine($"Family {family}");
        stdout.WriteLine($"  charge balance and a full cation sublattice ({family.CationSites} cations per formula unit with {family.AnionAmount} {family.Anion.Symbol}) fix both metals at each x");
        if (family.ExcessRange is var (min, max))
            stdout.WriteLine($"  all amounts are non-negative for x from {min} to {max}");
        stdout.WriteLine();
        string[] header = ["x", "x (dec)", "formula", "exact", "charge", "cations"];
        var rows = members.Select(m => new[]
        {
            m.X.ToString(), Notation.Decimal(m.X.ToDouble(), 4), m.Composition.ToString(4), m.Formula,
            m.Charge.ToString(), m.CationSum.ToString(),
        }).ToList();
        int[] widths = Enumerable.Range(0, header.Length)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        stdout.WriteLine(Row(header));
        foreach (var row in rows) stdout.WriteLine(Row(row));
        return CommandLine.Success;

        string Row(string[] cells) =>
            $"{cells[0].PadLeft(widths[0])}  {cells[1].PadLeft(widths[1])}  {cells[2].PadRight(widths[2])}  {cells[3].PadRight(widths[3])}  {cells[4].PadLeft(widths[4])}  {cells[5].PadLeft(widths[5])}".TrimEnd();
    }

    /// <summary><c>design --check "Li:Ni:Ru=1.17(3):0.44(2):0.39(4)" --against FORMULA [--coverage K] [--json]</c>.</summary>
    private static int Check(ParsedArguments args, string check, TextWriter stdout)
    {
        foreach (string gridOnly in new[] { "--excess-from", "--excess-to", "--step", "--metals" })
            if (args.Option(gridOnly) is not null)
                throw new UsageException($"{gridOnly} lists compositions; it does not go with --check.");
        string against = args.Option("--against")
            ?? throw new UsageException("--check needs --against FORMULA, the designed composition, e.g. --against Li1.2Ni0.4Ru0.4O2.");
        int equals = check.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new UsageException($"--check takes ELEMENTS=VALUES, e.g. \"Li:Ni:Ru=1.17(3):0.44(2):0.39(4)\", not '{check}'.");
        MeasuredComposition measured;
        Composition expected;
        try
        {
            measured = MeasuredComposition.ParseRatio(check[..equals], check[(equals + 1)..]);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--check: {e.Message}");
        }
        try
        {
            expected = Composition.Parse(against);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--against: {e.Message}");
        }
        string? coverageText = args.Option("--coverage");
        double coverage = coverageText is null ? DefaultCoverage : ParsedArguments.ParseNumber(coverageText, "The coverage factor");
        var comparison = measured.CompareWith(expected, coverage);

        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w => JsonOutput.WriteCompositionCheck(w, Ratio(measured), against, comparison));
            return CommandLine.Success;
        }

        string k = Notation.Decimal(coverage, 3);
        stdout.WriteLine($"Measured {Ratio(measured)} against {against} (agreement within {k} s.u.)");
        stdout.WriteLine();
        string[] header = ["element", "measured", "expected", "difference", "z", "agrees"];
        var rows = comparison.Elements.Select(e => new[]
        {
            e.Element.Symbol, e.Measured.ToString(), Notation.Decimal(e.Expected, 4),
            Signed(e.Difference, 4), Signed(e.ZScore, "0.00"), e.Agrees ? "yes" : "no",
        }).ToList();
        int[] widths = Enumerable.Range(0, header.Length)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        stdout.WriteLine(Row(header));
        foreach (var row in rows) stdout.WriteLine(Row(row));
        stdout.WriteLine();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chi^2 = {Notation.Decimal(comparison.ChiSquared, 4)} over {comparison.DegreesOfFreedom} elements (reduced {Notation.Decimal(comparison.ReducedChiSquared, 4)})"));
        var worst = comparison.WorstElement;
        stdout.WriteLine(comparison.AllAgree
            ? $"All {comparison.DegreesOfFreedom} elements agree within {k} s.u. (largest |z|: {worst.Element}, z = {Signed(worst.ZScore, "0.00")})."
            : $"Not all agree within {k} s.u.: {string.Join(", ", comparison.Elements.Where(e => !e.Agrees).Select(e => $"{e.Element} (z = {Signed(e.ZScore, "0.00")})"))}.");
        return CommandLine.Success;

        string Row(string[] cells) =>
            $"  {cells[0].PadRight(widths[0])}  {cells[1].PadRight(widths[1])}  {cells[2].PadLeft(widths[2])}  {cells[3].PadLeft(widths[3])}  {cells[4].PadLeft(widths[4])}  {cells[5]}".TrimEnd();
    }

    /// <summary>The study's family, or Li(1+x) M1 M2 O2 for the two charged species of <c>--metals M1,M2</c>.</summary>
    private static CompositionFamily Family(string? metals)
    {
        if (metals is null) return CompositionFamily.LithiumNickelRuthenate;
        string[] parts = metals.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
            throw new UsageException($"--metals takes two charged species separated by a comma, e.g. Ni2+,Ru5+, not '{metals}'.");
        var species = parts.Select(p =>
        {
            try
            {
                return Species.Parse(p);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--metals: {e.Message}");
            }
        }).ToArray();
        // The library refuses a species without a charge or two metals of equal charge, with a message (exit 1).
        return CompositionFamily.LithiumExcess(species[0], species[1]);
    }

    /// <summary>An x typed as a decimal read exactly ("0.2" is 1/5) or a fraction ("1/6").</summary>
    private static Fraction Excess(string? text, string option, Fraction fallback)
    {
        if (text is null) return fallback;
        if (Fraction.TryParse(text, out var value)) return value;
        throw new UsageException($"{option} must be a decimal or a fraction such as 0.2 or 1/6, not '{text}'.");
    }

    /// <summary>"Li:Ni:Ru = 1.17(3):0.44(2):0.39(4)".</summary>
    internal static string Ratio(MeasuredComposition measured) =>
        string.Join(":", measured.Elements.Select(e => e.Symbol)) + " = " +
        string.Join(":", measured.Amounts.Select(a => a.Value.ToString()));

    private static string Signed(double value, int decimals) => WithSign(Notation.Decimal(value, decimals));

    private static string Signed(double value, string format)
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture);
        if (text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0) text = text[1..];   // "-0.00" is 0
        return WithSign(text);
    }

    // A plus sign on positive differences and z-scores, so that the column reads as signed at a glance.
    private static string WithSign(string text) => text.StartsWith('-') || text.Trim('0', '.').Length == 0 ? text : "+" + text;
}
