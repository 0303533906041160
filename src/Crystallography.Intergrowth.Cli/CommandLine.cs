using System.Reflection;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Cli;

/// <summary>
/// The <c>intergrowth</c> command line: reads the command name, hands the rest to the command and
/// turns errors into messages on standard error and an exit code. It has no state, so tests call
/// <see cref="Run"/> in-process with string writers.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code of a command that did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the input is well formed but wrong: an unknown space-group symbol, an impossible tolerance.</summary>
    public const int InvalidInput = 1;

    /// <summary>Exit code when the command line itself is wrong: an unknown command or option, a missing argument.</summary>
    public const int UsageError = 2;

    private const string SymbolHelp =
        """
        SYMBOL is a Hermann-Mauguin symbol in any usual spelling (R-3m, "R -3 m :R", Fd-3m:2, P21/c,
        Fm3m), a number with an optional setting (166, 166:R, 227:2, 14:c1) or a Hall symbol
        ("Hall:-R 3 2\""). Without an extension the first setting is taken: origin choice 1,
        hexagonal axes, unique axis b. Quote symbols that contain spaces or quotes.
        """;

    private static readonly Command[] Commands =
    [
        new("demo", "demo [pbso4] [--plot F] [--json F]",
            "Run the reference study's joint two-phase refinement on embedded data (or the PbSO4 example).",
            """
            demo [pbso4] [--plot FILE] [--json FILE] [--quiet]
            Without an argument: the reference study's analysis of Li1.2Ni0.4Ru0.4O2 on two patterns
            embedded in the tool, SIMULATED from Supplementary Table S1 (layered R-3m + rocksalt Fm-3m,
            70:30 per O2 formula unit) with Poisson counting noise from fixed seeds: synchrotron X-rays
            (0.4137 A) and constant-wavelength neutrons (1.622 A). A joint refinement from a perturbed
            start (molar ratio 50:50, cells, O z and Uiso off, 3 % Li/Ni exchange) in three stages,
            under the constraints sum of mole fractions = 1 and the Li/Ni exchange between the 3b and
            3a sites (sites full, composition kept). Progress per cycle on standard error; then on
            standard output the refined values with s.u. beside the true ones, mol % and wt % of the
            phases, the R factors per pattern, and the Rietveld plot written as SVG. Takes seconds.
            pbso4        the real PbSO4 data (IUCr round robin, laboratory Cu K-alpha X-rays + D1A
                         neutrons, GSAS-II's test files, BSD-like licence), embedded too, refined from
                         the starting CIF by the recipe docs/examples/pbso4-joint.json ('refine').
            --plot FILE  where the Rietveld plot goes; default intergrowth-demo.svg
                         (intergrowth-demo-pbso4.svg for pbso4).
            --json FILE  write the result as JSON: per parameter id, start, value, su, true; the mole
                         fractions; Rp, Rwp, Rexp, GoF per pattern (pbso4: the 'refine' report).
            --quiet      print no progress on standard error.
            """,
            ["--quiet"], ["--plot", "--json"], DemoCommand.Run),
        new("spacegroups", "spacegroups [--json]",
            "List the 530 standard space-group settings.",
            """
            Without --json: one line per setting with its number, universal Hermann-Mauguin symbol,
            compact symbol, Hall symbol, crystal system and order (operations in the conventional cell).
            With --json: one JSON array of 530 objects, each as 'spacegroup SYMBOL --json' prints it.
            """,
            ["--json"], [], SpaceGroupCommands.List),
        new("spacegroup", "spacegroup SYMBOL [--json]",
            "Show one setting: symbols, reflection conditions, Wyckoff positions, operations.",
            """
            Prints the symbols, crystal system, point group, Laue class, centring, whether the group is
            centrosymmetric and its order; the reflection conditions; the Wyckoff positions with up to
            six coordinate triplets each; and the symmetry operations, numbered, after the centring
            translations as International Tables list them.
            With --json: one JSON object with the same content (every operation written out).
            Exits with 1 and suggestions on standard error when SYMBOL matches no setting.

            """ + "\n" + SymbolHelp,
            ["--json"], [], SpaceGroupCommands.Show),
        new("describe", "describe SYMBOL [SYMBOL...]",
            "Short crystallographer's description of one or more settings.",
            """
            For each SYMBOL: symbols, crystal system, point group, centrosymmetric or not, reflection
            conditions and the Wyckoff table, in a few lines. Settings that match are described even
            when another SYMBOL does not; the exit code is then 1.

            """ + "\n" + SymbolHelp,
            [], [], SpaceGroupCommands.Describe),
        new("site", "site SYMBOL X Y Z [--tolerance T] [--json]",
            "Find the Wyckoff position of a fractional position and snap it onto it.",
            """
            X, Y, Z are fractional coordinates, as decimals (0.2571, -1e-4) or fractions (1/3).
            Prints the Wyckoff position the point falls on (label, site symmetry, coordinates), the point
            moved exactly onto that special position, the largest coordinate shift this needed, the
            site-symmetry operations and the orbit (the equivalent positions in the cell).
            --tolerance T   how far (fractional units, per coordinate) the point may be from a special
                            position to be put onto it; default 1e-4 (the library's default),
                            below 0.25.
            --json          one JSON object instead of text.

            """ + "\n" + SymbolHelp,
            ["--json"], ["--tolerance"], SiteCommand.Run),
        new("phase", "phase FILE.cif... [--formula-unit F] [--json]",
            "Show the phases of CIF files: cell, space group, sites, formula, Z, molar mass, density.",
            """
            Reads every data block with atom sites of each file and prints, per phase: the space group,
            the cell with standard uncertainties in parenthesis notation (2.94194(7)), the volume, the
            cell content, the formula per formula unit, Z, the molar mass (g/mol per formula unit), the
            density (g/cm3), the charge per formula unit when every species has an oxidation state,
            and one line per site: label, Wyckoff position (3a), site symmetry, x y z, Uiso, occupants
            with their occupancies. CIF rows on one position make one site with several occupants.
            --formula-unit F  state the formula unit Z and the formula refer to, e.g. O2; without it
                              Z is the greatest common divisor of the site multiplicities.
            --json            one JSON object per phase (an array when there are several).
            A file that is missing or does not read is reported on standard error with its name and
            line; the others are still shown and the exit code is 1.
            """,
            ["--json"], ["--formula-unit"], PhaseCommand.Run),
        new("design", "design [OPTIONS] [--json]",
            "List charge-balanced compositions Li(1+x) M1 M2 O2, or check a measured one.",
            """
            design [--excess-from X] [--excess-to X] [--step X] [--metals M1,M2] [--json]
            Lists the compositions Li(1+x) M1(a) M2(b) O2 with Li+ and O2- that are charge balanced and
            fill the cation sublattice (as many cations as anions, 2 per O2), on a grid of x: x, the
            formula in decimals, the exact formula (Li7/6Ni4/9Ru7/18O2), the charge (0) and the cation
            sum (2), all computed in exact rational arithmetic.
            --excess-from X  first x; default 0. Decimals are read exactly (0.2 is 1/5); fractions
                             such as 1/6 are accepted.
            --excess-to X    last x (included when the steps land on it); default 1/3.
            --step X         grid step; default 1/30 (so x = 1/6 and x = 1/5 are on the grid).
            --metals M1,M2   the two transition-metal species with their oxidation states; default
                             Ni2+,Ru5+ (the study's family).
            --json           one JSON object instead of text.

            Checking a measured composition against a designed one:
              design --check ELEMENTS=VALUES --against FORMULA [--coverage K] [--json]
            --check          the measured amounts with standard uncertainties in parenthesis notation,
                             e.g. "Li:Ni:Ru=1.17(3):0.44(2):0.39(4)".
            --against        the expected composition, e.g. Li1.2Ni0.4Ru0.4O2 or Li7/6Ni4/9Ru7/18O2.
            --coverage K     agreement means |measured - expected| <= K s.u.; default 2.
            Prints per element the difference and z = difference / s.u., chi^2, and whether all agree.
            Only the measured elements are compared. The exit code is 0 whether or not they agree.
            """,
            ["--json"], ["--excess-from", "--excess-to", "--step", "--metals", "--check", "--against", "--coverage"],
            DesignCommand.Run),
        new("study", "study [--molar-ratio L:R] [--json]",
            "The reference study's layered and rocksalt phases (Table S1), compared.",
            """
            The two phases of the layered-rocksalt intergrowth Li1.2Ni0.4Ru0.4O2 as the study's
            Supplementary Table S1 gives them (CIFs embedded in the tool): a layered R-3m phase and a
            rocksalt Fm-3m phase. The CIFs carry no oxidation states; Li+, Ni2+, Ru5+ and O2- are
            assigned for the charge check. Prints both phases per O2 formula unit (as 'phase' does),
            their compositions and charge balance, the pseudo-cubic parameters of the layered phase
            (a_c from a, from c and from the volume; c/a against 2*sqrt(6)), its lattice mismatch to
            the rocksalt phase, and the phase fractions of the study's convention: layered:rocksalt
            70:30 by moles of O2 formula units, with the weight fractions this gives
            (W_p = x_p*M_p / sum of x*M, M per formula unit).
            --molar-ratio L:R  another layered:rocksalt molar ratio, e.g. 60:40 or 2.33:1.
            --json             one JSON object instead of text.
            """,
            ["--json"], ["--molar-ratio"], StudyCommand.Run),
        new("reflections", "reflections FILE.cif --xray|--neutron W",
            "List the reflections of a phase with d, multiplicity and |F|^2.",
            """
            reflections FILE.cif --xray W | --neutron W [--dmin D] [--anomalous] [--json]
            Every family of symmetry-equivalent reflections of each phase in the CIF with d >= DMIN:
            h k l (one representative), d (Angstrom), the powder multiplicity and |F|^2 per unit cell
            (electrons^2 for X-rays, fm^2 for neutrons), sorted by d descending, absences removed.
            --xray W        X-rays of wavelength W (Angstrom): Waasmaier-Kirfel neutral-atom form factors,
                            no anomalous dispersion.
            --neutron W     neutrons of wavelength W: Sears (1992) coherent scattering lengths.
            --dmin D        smallest d (Angstrom); default W/2, the smallest d the wavelength reaches.
            --anomalous     add the tabulated f', f'' of the anode whose K-alpha1 is W (Cu, Co, Mo, Ag).
            --json          one JSON object per phase; each reflection has h, k, l, d, multiplicity, f2.
            """,
            ["--json", "--anomalous"], ["--xray", "--neutron", "--dmin"], ReflectionsCommand.Run),
        new("simulate", "simulate FILE.cif... --instrument I -o OUT",
            "Simulate a powder pattern of one or more phases and write it as xye.",
            """
            simulate FILE.cif... --instrument FILE|PRESET --range START:STEP:END -o OUT.xye
                     [--fractions X,...] [--formula-unit F] [--scale K]
            Calculates background + sum of every phase's peaks (Thompson-Cox-Hastings pseudo-Voigt,
            Finger-Cox-Jephcoat asymmetry, the K-alpha2 line of a laboratory tube; the GSAS
            back-to-back-exponential shape for time of flight) and writes x, y, sigma = sqrt(y).
            --instrument    a GSAS-II .instprm or GSAS .prm file, or a preset: lab-cu,
                            synchrotron-11bm (0.413909 A), neutron-cw (1.622 A), tof-powgen.
            --range         START:STEP:END in degrees 2theta, or in microseconds for time of flight.
            -o OUT.xye      the output file (also --output OUT.xye).
            --fractions     mole fractions of formula units, one per phase (e.g. 0.7,0.3), turned into
                            scale factors S = K x/(Z V) (Hill & Howard); without it every scale is K.
            --formula-unit  the formula unit the fractions refer to, e.g. O2 (the study's convention).
            --scale K       the overall scale K; default 1.
            """,
            [], ["--instrument", "--range", "--output", "--fractions", "--formula-unit", "--scale"], SimulateCommand.Run),
        new("refine", "refine RECIPE [--json F] [--cif F] [--plot F]",
            "Run a refinement recipe: phases, patterns, stages; print the result.",
            """
            refine RECIPE [--json FILE] [--cif FILE] [--plot FILE] [--quiet]
            Reads the recipe (JSON with comments, docs/recipes.md): the phases (CIF files or inline
            structures), the powder patterns (data file, instrument preset or parameter file, range,
            excluded regions, background), what to refine and hold (parameter ids with * wildcards),
            constraints, bounds and stages. Runs the stages in order, each starting where the one
            before ended, and prints one line per least-squares cycle on standard error (stage, cycle,
            chi^2, Rwp, largest shift/s.u.), then on standard output the table of refined parameters
            with s.u., phase fractions, correlations and agreement factors, the R factors per pattern
            and the status.
            --json FILE  write the report as JSON: status, cycles, stages, every parameter with value
                         and s.u., the refined ones, correlations |r| >= 0.8, Rp, Rwp, Rexp, chi^2 and
                         GoF per pattern, R_Bragg per phase and pattern, mole and weight fractions,
                         the refined phases and the history of cycles.
            --cif FILE   write the refined phases as CIF.
            --plot FILE  write the Rietveld plot as SVG: per pattern the observed points, the calculated
                         and background lines, the difference curve and a row of reflection marks per
                         phase (hkl as tooltips).
            --quiet      print no progress on standard error.
            The recipe's own 'output' files are written too (its paths are relative to its folder).
            Exit codes: 0 converged or stopped at the cycle limit; 1 a recipe or input file that does
            not read (the message gives the recipe's line and column, or names the file), or a
            pattern that matches no parameter; 2 a stage that ended singular (the parameters the
            data do not determine are printed) or diverged, or a usage error.
            """,
            ["--quiet"], ["--json", "--cif", "--plot"], RefineCommand.Run),
    ];

    /// <summary>
    /// Runs the tool on the arguments that follow the program name and returns its exit code:
    /// <see cref="Success"/>, <see cref="InvalidInput"/> or <see cref="UsageError"/>.
    /// </summary>
    /// <param name="args">The arguments, e.g. <c>["spacegroup", "R-3m", "--json"]</c>.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where error messages go.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0)
        {
            stderr.WriteLine("intergrowth: no command given.");
            stderr.WriteLine();
            WriteHelp(stderr);
            return UsageError;
        }

        string name = args[0];
        if (name is "--help" or "-h" or "help" or "-?" or "/?")
        {
            if (name == "help" && args.Length > 1)
            {
                var command = Find(args[1]);
                if (command is null) return UnknownCommand(args[1], stderr);
                WriteHelp(command, stdout);
                return Success;
            }
            WriteHelp(stdout);
            return Success;
        }
        if (name is "--version" or "version")
        {
            stdout.WriteLine($"intergrowth {Version}");
            return Success;
        }

        var found = Find(name);
        if (found is null) return UnknownCommand(name, stderr);

        try
        {
            var arguments = ParsedArguments.Parse(args.Skip(1), found.Flags, found.ValueOptions);
            if (arguments.HasFlag("--help"))
            {
                WriteHelp(found, stdout);
                return Success;
            }
            return found.Execute(arguments, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"intergrowth {found.Name}: {e.Message}");
            stderr.WriteLine($"Usage: intergrowth {found.Synopsis}");
            stderr.WriteLine($"Run 'intergrowth help {found.Name}' for details.");
            return UsageError;
        }
        catch (UnknownSpaceGroupException e)
        {
            WriteUnknownSymbol(e, stderr);
            return InvalidInput;
        }
        catch (ArgumentException e)
        {
            // The library validates at its boundary and says which argument is wrong and why.
            stderr.WriteLine($"intergrowth {found.Name}: {WithoutParameterName(e)}");
            return InvalidInput;
        }
        catch (FormatException e)
        {
            // Text the library cannot read (a CIF syntax error, a formula): its message says where.
            stderr.WriteLine($"intergrowth {found.Name}: {e.Message}");
            return InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missing or unreadable file: .NET's message names the path.
            stderr.WriteLine($"intergrowth {found.Name}: {e.Message}");
            return InvalidInput;
        }
    }

    /// <summary>Writes the library's message for a symbol that matched nothing, suggestions included ("Did you mean: ...").</summary>
    internal static void WriteUnknownSymbol(UnknownSpaceGroupException e, TextWriter stderr)
    {
        stderr.WriteLine($"intergrowth: {WithoutParameterName(e)}");
        // The message carries the suggestions already; say so explicitly when a custom message did not.
        if (e.Suggestions.Count > 0 && !e.Message.Contains("Did you mean", StringComparison.Ordinal))
            stderr.WriteLine($"Did you mean: {string.Join(", ", e.Suggestions)}?");
    }

    /// <summary>The message without the " (Parameter 'name')" that .NET appends: the user never saw the parameter's name.</summary>
    private static string WithoutParameterName(ArgumentException e)
    {
        string message = e.Message;
        // ArgumentOutOfRangeException adds a line "Actual value was …."; the library's message already says it.
        if (e is ArgumentOutOfRangeException { ActualValue: not null })
        {
            int line = message.LastIndexOf(Environment.NewLine + "Actual value was ", StringComparison.Ordinal);
            if (line >= 0) message = message[..line];
        }
        return e.ParamName is null ? message : message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
    }

    private static Command? Find(string name) =>
        Array.Find(Commands, c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static int UnknownCommand(string name, TextWriter stderr)
    {
        stderr.WriteLine($"intergrowth: unknown command '{name}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))}.");
        stderr.WriteLine("Run 'intergrowth --help' for usage.");
        return UsageError;
    }

    private static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static void WriteHelp(TextWriter w)
    {
        w.WriteLine($"intergrowth {Version} - space groups, phases and compositions from the shell (Crystallography.Intergrowth)");
        w.WriteLine();
        w.WriteLine("Usage: intergrowth COMMAND [ARGUMENTS] [OPTIONS]");
        w.WriteLine();
        w.WriteLine("Commands:");
        int width = Commands.Max(c => c.Synopsis.Length);
        foreach (var c in Commands)
            w.WriteLine($"  {c.Synopsis.PadRight(width)}  {c.Summary}");
        w.WriteLine($"  {"help [COMMAND]".PadRight(width)}  Show this help, or the help of one command.");
        w.WriteLine($"  {"--version".PadRight(width)}  Show the version.");
        w.WriteLine();
        w.WriteLine(SymbolHelp);
        w.WriteLine();
        w.WriteLine("Examples:");
        w.WriteLine("  intergrowth demo");
        w.WriteLine("  intergrowth demo pbso4 --plot pbso4.svg");
        w.WriteLine("  intergrowth study");
        w.WriteLine("  intergrowth phase layered.cif --formula-unit O2");
        w.WriteLine("  intergrowth design --check \"Li:Ni:Ru=1.17(3):0.44(2):0.39(4)\" --against Li1.2Ni0.4Ru0.4O2");
        w.WriteLine("  intergrowth describe R-3m Fm-3m");
        w.WriteLine("  intergrowth spacegroup Fd-3m:2 --json");
        w.WriteLine("  intergrowth site R-3m 0.0001 0 0.2571");
        w.WriteLine("  intergrowth reflections layered.cif --xray 0.4137 --dmin 1.4");
        w.WriteLine("  intergrowth simulate layered.cif rocksalt.cif --instrument synchrotron-11bm --range 5:0.005:30 \\");
        w.WriteLine("      -o pattern.xye --fractions 0.7,0.3 --formula-unit O2");
        w.WriteLine("  intergrowth refine recipe.json --json refined.json --cif refined.cif");
        w.WriteLine();
        w.WriteLine("Exit codes: 0 success, 1 invalid input (e.g. an unknown symbol), 2 usage error.");
    }

    private static void WriteHelp(Command c, TextWriter w)
    {
        w.WriteLine($"Usage: intergrowth {c.Synopsis}");
        w.WriteLine();
        w.WriteLine(c.Summary);
        w.WriteLine();
        w.WriteLine(c.Help);
    }

    private sealed record Command(
        string Name,
        string Synopsis,
        string Summary,
        string Help,
        string[] Flags,
        string[] ValueOptions,
        Func<ParsedArguments, TextWriter, TextWriter, int> Execute);
}
