using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Looks up the published scattering data shipped with the library as embedded tables: X-ray form
/// factors (Waasmaier &amp; Kirfel 1995; International Tables Vol. C 1992, Table 6.1.1.4), neutron
/// coherent scattering lengths (Sears 1992) and anomalous-dispersion corrections at the Kα1 lines of
/// Cu, Co, Mo and Ag (Sasaki 1989, Henke et al. 1993 where Sasaki has no entry). The tables were
/// written once by tools/reference/make_scattering_tables.py from cctbx.eltbx; docs/diffraction-scattering.md
/// names every source.
/// </summary>
public static class ScatteringFactors
{
    private static readonly Lazy<FrozenDictionary<string, XRayFormFactor>> WaasmaierKirfel =
        new(() => LoadGaussians("scattering_xray_wk1995.tsv", FormFactorTable.WaasmaierKirfel1995, 5));

    private static readonly Lazy<FrozenDictionary<string, XRayFormFactor>> InternationalTables =
        new(() => LoadGaussians("scattering_xray_it1992.tsv", FormFactorTable.InternationalTablesC1992, 4));

    private static readonly Lazy<FrozenDictionary<string, NeutronScatteringLength>> Sears = new(LoadNeutron);

    private static readonly Lazy<FrozenDictionary<string, AnomalousDispersion[]>> KAlpha1Dispersion = new(LoadAnomalous);

    /// <summary>
    /// The X-ray form factor of a species. An ion's own curve is used when the species carries a
    /// charge, the table lists that ion and <paramref name="neutralAtom"/> is false; otherwise the
    /// neutral atom's (Ru5+, for instance, is in neither table, so it scatters as neutral Ru).
    /// </summary>
    /// <param name="species">The species ("Ni2+", "O2-", "Li").</param>
    /// <param name="table">The table; Waasmaier–Kirfel by default.</param>
    /// <param name="neutralAtom">True to use the neutral atom's curve whatever the charge.</param>
    /// <exception cref="ArgumentException">The table has no entry for the element (beyond Cf).</exception>
    public static XRayFormFactor XRay(Species species, FormFactorTable table = FormFactorTable.WaasmaierKirfel1995, bool neutralAtom = false)
    {
        ArgumentNullException.ThrowIfNull(species);
        var entries = Entries(table);
        if (!neutralAtom && species.Charge is int q && q != 0 && entries.TryGetValue(IonLabel(species.Element, q), out var ion))
            return ion;
        if (entries.TryGetValue(species.Element.Symbol, out var atom))
            return atom;
        throw new ArgumentException($"{table} has no form factor for {species.Element.Symbol} (Z = {species.Element.AtomicNumber}).", nameof(species));
    }

    /// <summary>True when the table lists the ion itself (e.g. Ni2+, Li1+, O2-; not Ru5+).</summary>
    /// <param name="species">A species with a charge.</param>
    /// <param name="table">The table.</param>
    public static bool IsTabulatedIon(Species species, FormFactorTable table = FormFactorTable.WaasmaierKirfel1995)
    {
        ArgumentNullException.ThrowIfNull(species);
        return species.Charge is int q && q != 0 && Entries(table).ContainsKey(IonLabel(species.Element, q));
    }

    /// <summary>Every entry of a table, neutral atoms and ions, in the table's order of labels.</summary>
    /// <param name="table">The table.</param>
    public static IReadOnlyList<XRayFormFactor> All(FormFactorTable table) =>
        [.. Entries(table).Values.OrderBy(f => f.Element.AtomicNumber).ThenBy(f => f.Charge)];

    /// <summary>The bound coherent neutron scattering length of an element's natural isotopic mixture (Sears 1992), in fm.</summary>
    /// <param name="element">The element.</param>
    /// <exception cref="ArgumentException">Sears lists no value (Po, At, Rn, Fr, Ra, Ac, Pa and the transuranium elements beyond U).</exception>
    public static NeutronScatteringLength Neutron(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return Sears.Value.TryGetValue(element.Symbol, out var b)
            ? b
            : throw new ArgumentException($"Sears (1992) lists no coherent scattering length for {element.Symbol}; give one with NeutronScattering.WithScatteringLength.", nameof(element));
    }

    /// <summary>
    /// f′ and f″ of an element at the Kα1 line of an anode (Sasaki, KEK Report 88-14 (1989); Henke et al.
    /// (1993) for H, He, At, Rn, Ra, Ac, Th); zero for elements in neither table.
    /// </summary>
    /// <param name="element">The element.</param>
    /// <param name="anode">The anode whose Kα1 wavelength (<see cref="LaboratoryXRays.KAlpha1Of"/>) the values belong to.</param>
    public static AnomalousDispersion Anomalous(Element element, Anode anode)
    {
        ArgumentNullException.ThrowIfNull(element);
        int column = anode switch
        {
            Anode.Copper => 0,
            Anode.Cobalt => 1,
            Anode.Molybdenum => 2,
            Anode.Silver => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(anode), anode, "Unknown anode."),
        };
        return KAlpha1Dispersion.Value.TryGetValue(element.Symbol, out var row) ? row[column] : AnomalousDispersion.None;
    }

    private static FrozenDictionary<string, XRayFormFactor> Entries(FormFactorTable table) => table switch
    {
        FormFactorTable.WaasmaierKirfel1995 => WaasmaierKirfel.Value,
        FormFactorTable.InternationalTablesC1992 => InternationalTables.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown form-factor table."),
    };

    private static string IonLabel(Element element, int charge) =>
        string.Create(CultureInfo.InvariantCulture, $"{element.Symbol}{Math.Abs(charge)}{(charge > 0 ? '+' : '-')}");

    private static FrozenDictionary<string, XRayFormFactor> LoadGaussians(string resource, FormFactorTable table, int n)
    {
        var result = new Dictionary<string, XRayFormFactor>(StringComparer.Ordinal);
        foreach (var f in ReadRows(resource, 3 + 2 * n + 1))
        {
            var element = Element.FromSymbol(f[1]);
            var a = ImmutableArray.CreateRange(Enumerable.Range(0, n).Select(i => Parse(f[3 + i], resource)));
            var b = ImmutableArray.CreateRange(Enumerable.Range(0, n).Select(i => Parse(f[3 + n + i], resource)));
            result.Add(f[0], new XRayFormFactor(f[0], element, int.Parse(f[2], CultureInfo.InvariantCulture), table, a, b, Parse(f[3 + 2 * n], resource)));
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, NeutronScatteringLength> LoadNeutron() =>
        ReadRows("scattering_neutron_sears1992.tsv", 3)
            .ToFrozenDictionary(f => f[0], f => new NeutronScatteringLength(Parse(f[1], "sears"), Parse(f[2], "sears")), StringComparer.Ordinal);

    private static FrozenDictionary<string, AnomalousDispersion[]> LoadAnomalous() =>
        ReadRows("scattering_anomalous_kalpha1.tsv", 10).ToFrozenDictionary(
            f => f[0],
            f => Enumerable.Range(0, 4).Select(i => new AnomalousDispersion(Parse(f[2 + 2 * i], "anomalous"), Parse(f[3 + 2 * i], "anomalous"))).ToArray(),
            StringComparer.Ordinal);

    private static double Parse(string text, string resource) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new InvalidOperationException($"Embedded table {resource}: '{text}' is not a number.");

    // The first line names the source (starts with '#'), the second the columns; then one row per entry.
    private static IEnumerable<string[]> ReadRows(string resource, int columns)
    {
        string name = "Crystallography.Intergrowth.Diffraction.Data." + resource;
        using var stream = typeof(ScatteringFactors).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded table {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        bool header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header)
            {
                header = false;
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != columns)
                throw new InvalidOperationException($"Embedded table {resource}: a row has {fields.Length} fields instead of {columns}: '{line}'.");
            rows.Add(fields);
        }
        return rows;
    }
}
