using System.Globalization;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The command <c>reflections FILE.cif --xray λ | --neutron λ [--dmin D] [--anomalous] [--json]</c>:
/// every reflection family of the file's phases with d, multiplicity and |F|² per unit cell
/// (<see cref="ReflectionList"/>, <see cref="StructureFactorEvaluator"/>).
/// </summary>
internal static class ReflectionsCommand
{
    public static int Run(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count != 1) throw new UsageException("Give one CIF file.");
        string? xray = args.Option("--xray"), neutron = args.Option("--neutron");
        if ((xray is null) == (neutron is null)) throw new UsageException("Give exactly one of --xray WAVELENGTH or --neutron WAVELENGTH.");
        double wavelength = ParsedArguments.ParseNumber(xray ?? neutron!, "The wavelength");
        if (!(wavelength > 0)) throw new UsageException($"The wavelength must be positive (Å), not {wavelength.ToString(CultureInfo.InvariantCulture)}.");
        // The smallest d a wavelength reaches is λ/2; without --dmin list up to there.
        double dMin = args.Option("--dmin") is { } d ? ParsedArguments.ParseNumber(d, "--dmin") : wavelength / 2;
        if (!(dMin > 0)) throw new UsageException("--dmin must be positive (Å).");
        ScatteringModel model = neutron is not null ? ScatteringModel.Neutron() : ScatteringModel.XRay();
        if (args.HasFlag("--anomalous"))
        {
            if (neutron is not null) throw new UsageException("--anomalous applies to X-rays only.");
            var anode = AnodeOf(wavelength)
                ?? throw new UsageException("--anomalous needs a tabulated anode wavelength (Cu, Co, Mo or Ag Kα1).");
            model = ScatteringModel.XRay().WithAnomalousDispersion(anode);
        }

        var phases = Cif.ReadPhases(args.Positionals[0]);
        var lists = phases.Select(p => ReflectionList.Generate(p, dMin).WithSquaredStructureFactors(p, model)).ToList();
        if (args.HasFlag("--json"))
        {
            JsonOutput.WriteDocument(stdout, w =>
            {
                if (lists.Count > 1) w.WriteStartArray();
                for (int p = 0; p < lists.Count; p++)
                {
                    w.WriteStartObject();
                    w.WriteString("phase", phases[p].Name);
                    w.WriteString("radiation", neutron is null ? "xray" : "neutron");
                    w.WriteNumber("wavelength", wavelength);
                    w.WriteNumber("dmin", dMin);
                    w.WriteStartArray("reflections");
                    var list = lists[p];
                    for (int i = 0; i < list.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("h", list.H[i]);
                        w.WriteNumber("k", list.K[i]);
                        w.WriteNumber("l", list.L[i]);
                        w.WriteNumber("d", Math.Round(list.DSpacing[i], 6));
                        w.WriteNumber("multiplicity", list.Multiplicity[i]);
                        w.WriteNumber("f2", Math.Round(list.SquaredStructureFactor[i], 4));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                if (lists.Count > 1) w.WriteEndArray();
            });
            return CommandLine.Success;
        }
        for (int p = 0; p < lists.Count; p++)
        {
            if (p > 0) stdout.WriteLine();
            var list = lists[p];
            string unit = neutron is null ? "electrons²" : "fm²";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phases[p].Name} ({phases[p].SpaceGroup}): {(neutron is null ? "X-rays" : "neutrons")} λ = {wavelength} Å, d ≥ {dMin:0.####} Å, {list.Count} reflections"));
            stdout.WriteLine($"{"h",4} {"k",4} {"l",4} {"d (Å)",10} {"m",4} {"|F|² (" + unit + ")",18}");
            for (int i = 0; i < list.Count; i++)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{list.H[i],4} {list.K[i],4} {list.L[i],4} {list.DSpacing[i],10:0.00000} {list.Multiplicity[i],4} {list.SquaredStructureFactor[i],18:0.0000}"));
        }
        return CommandLine.Success;
    }

    private static Anode? AnodeOf(double wavelength) =>
        Enum.GetValues<Anode>().Cast<Anode?>().FirstOrDefault(a => Math.Abs(LaboratoryXRays.KAlpha1Of(a!.Value) - wavelength) < 5e-4);
}
