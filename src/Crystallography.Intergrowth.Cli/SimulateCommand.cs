using System.Globalization;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The command <c>simulate FILE.cif [FILE.cif…] --instrument FILE|PRESET --range START:STEP:END -o OUT.xye
/// [--fractions x1,x2,…] [--formula-unit F] [--scale K]</c>: a calculated powder pattern
/// (<see cref="PatternSimulator"/>) written as xye (<see cref="XyFile"/>).
/// </summary>
internal static class SimulateCommand
{
    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        // The shared parser knows only "--" options; "-o FILE" arrives as two positionals.
        var files = args.Positionals.ToList();
        string? shortOutput = null;
        int o = files.IndexOf("-o");
        if (o >= 0)
        {
            if (o + 1 >= files.Count) throw new UsageException("The option -o needs a value.");
            shortOutput = files[o + 1];
            files.RemoveRange(o, 2);
        }
        if (files.Count == 0) throw new UsageException("Give at least one CIF file.");
        string instrumentText = args.Option("--instrument") ?? throw new UsageException("Give --instrument FILE or a preset (" + string.Join(", ", Instrument.PresetNames) + ").");
        string rangeText = args.Option("--range") ?? throw new UsageException("Give --range START:STEP:END (2θ in degrees, or TOF in µs).");
        string output = shortOutput ?? args.Option("--output") ?? throw new UsageException("Give -o OUT.xye.");
        PatternRange range;
        try
        {
            range = PatternRange.Parse(rangeText);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        var instrument = Instrument.Preset(instrumentText)
            ?? (File.Exists(instrumentText)
                ? Instrument.FromFile(instrumentText)
                : throw new UsageException($"'{instrumentText}' is neither a file nor a preset ({string.Join(", ", Instrument.PresetNames)})."));
        double overall = args.Option("--scale") is { } s ? ParsedArguments.ParseNumber(s, "--scale") : 1;

        var phases = new List<Phase>();
        string? formulaUnit = args.Option("--formula-unit");
        foreach (string path in files)
            foreach (var phase in Cif.ReadPhases(path))
                phases.Add(formulaUnit is null ? phase : phase.PerFormulaUnit(formulaUnit));

        IReadOnlyList<SimulatedPhase> simulated;
        if (args.Option("--fractions") is { } fractionText)
        {
            double[] fractions = [.. fractionText.Split(',').Select(f => ParsedArguments.ParseNumber(f, "Each fraction"))];
            if (fractions.Length != phases.Count)
                throw new UsageException($"--fractions gives {fractions.Length} values for {phases.Count} phases.");
            simulated = SimulatedPhase.FromMoleFractions([.. phases.Select((p, i) => (p, fractions[i]))], overall);
        }
        else
        {
            simulated = [.. phases.Select(p => new SimulatedPhase(p, overall))];
        }

        var pattern = new PatternSimulator(instrument).Simulate(simulated, range);
        XyFile.Write(pattern.ToPowderPattern(), output);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output}: {pattern.Count} points, {range.X[0]} … {range.X[^1]} ({(instrument.Mode == DiffractionMode.TimeOfFlight ? "TOF µs" : "2θ degrees")}), {instrument}"));
        for (int p = 0; p < simulated.Count; p++)
        {
            int peaks = pattern.TickMarks.Count(r => r.PhaseIndex == p);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {simulated[p].Phase.Name}: scale {simulated[p].Scale:G6}, {peaks} reflections"));
        }
        return CommandLine.Success;
    }
}
