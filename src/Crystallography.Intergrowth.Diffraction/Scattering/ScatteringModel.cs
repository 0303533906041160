using System.Collections.Immutable;
using System.Numerics;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// A description of how atoms scatter for a structure-factor calculation: X-ray form factors from
/// a table (with or without ions, with or without anomalous dispersion) or neutron scattering
/// lengths. Immutable; <c>With…</c> returns a copy. Structure factors come out in electrons for
/// X-rays and in fm for neutrons, so |F|² is in electrons² or fm².
/// </summary>
public abstract class ScatteringModel : IEquatable<ScatteringModel>
{
    private protected ScatteringModel()
    {
    }

    /// <summary>X-rays or neutrons.</summary>
    public abstract RadiationProbe Probe { get; }

    /// <summary>X-ray scattering: neutral-atom form factors from a table, no anomalous dispersion (what the CLI and the cctbx reference use).</summary>
    /// <param name="table">The form-factor table.</param>
    public static XRayScattering XRay(FormFactorTable table = FormFactorTable.WaasmaierKirfel1995) => new(table);

    /// <summary>Neutron scattering with Sears (1992) coherent lengths.</summary>
    public static NeutronScattering Neutron() => NeutronScattering.Sears1992;

    /// <summary>
    /// The default model for a radiation: neutral-atom Waasmaier–Kirfel form factors for X-rays (with
    /// the tabulated f′, f″ of the anode for a laboratory tube when <paramref name="anomalousDispersion"/>
    /// is true), Sears lengths for neutrons.
    /// </summary>
    /// <param name="radiation">The radiation.</param>
    /// <param name="anomalousDispersion">Whether to add the anode's tabulated f′, f″ (laboratory X-rays only; for synchrotron energies set values with <see cref="XRayScattering.WithAnomalousDispersion(Element, AnomalousDispersion)"/>).
    /// A tube given by its wavelengths (from an instrument file) is matched to the anode whose Kα1 lies within 0.002 Å.</param>
    /// <exception cref="ArgumentException">f′, f″ asked for a laboratory tube whose Kα1 is no tabulated anode's.</exception>
    public static ScatteringModel For(Radiation radiation, bool anomalousDispersion = false)
    {
        ArgumentNullException.ThrowIfNull(radiation);
        if (radiation.Probe == RadiationProbe.Neutron) return NeutronScattering.Sears1992;
        var model = new XRayScattering();
        if (!anomalousDispersion || radiation is not LaboratoryXRays tube) return model;
        var anode = tube.Anode ?? AnodeOf(tube.KAlpha1)
            ?? throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"No tabulated anode has Kα1 = {tube.KAlpha1} Å (Cu 1.5406, Co 1.7890, Mo 0.7093, Ag 0.5594): set f′, f″ with XRayScattering.WithAnomalousDispersion(element, dispersion)."),
                nameof(radiation));
        return model.WithAnomalousDispersion(anode);
    }

    // The anode whose Kα1 lies within 0.002 Å of a tube's (instrument files round it: GSAS writes 1.5405 for Cu).
    private static Anode? AnodeOf(double kAlpha1)
    {
        foreach (var anode in Enum.GetValues<Anode>())
            if (Math.Abs(LaboratoryXRays.KAlpha1Of(anode) - kAlpha1) <= 0.002) return anode;
        return null;
    }

    /// <summary>How one species scatters: an optional form factor plus a constant complex term.</summary>
    internal abstract ScattererTerm Resolve(Species species);

    /// <inheritdoc />
    public abstract bool Equals(ScatteringModel? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScatteringModel);

    /// <inheritdoc />
    public abstract override int GetHashCode();
}

/// <summary>A species' scattering: f₀(s) from a form factor (none for neutrons) plus a constant complex term (f′ + i f″, or b).</summary>
internal readonly record struct ScattererTerm(XRayFormFactor? FormFactor, Complex Constant)
{
    public Complex Evaluate(double s2) => FormFactor is null ? Constant : new Complex(FormFactor.EvaluateSquared(s2) + Constant.Real, Constant.Imaginary);
}

/// <summary>
/// X-ray scattering: the form-factor table, whether ions use their own curves, and the
/// anomalous-dispersion corrections per element. Immutable.
/// </summary>
public sealed class XRayScattering : ScatteringModel
{
    /// <summary>Neutral-atom form factors from a table, no anomalous dispersion.</summary>
    /// <param name="table">The table, Waasmaier–Kirfel by default.</param>
    public XRayScattering(FormFactorTable table = FormFactorTable.WaasmaierKirfel1995)
        : this(table, false, ImmutableSortedDictionary<string, AnomalousDispersion>.Empty, null)
    {
    }

    private XRayScattering(FormFactorTable table, bool useIons, ImmutableSortedDictionary<string, AnomalousDispersion> dispersion, Anode? anode)
    {
        if (!Enum.IsDefined(table)) throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown form-factor table.");
        Table = table;
        UseIonFormFactors = useIons;
        Dispersion = dispersion;
        TabulatedAnode = anode;
    }

    /// <inheritdoc />
    public override RadiationProbe Probe => RadiationProbe.XRay;

    /// <summary>The form-factor table.</summary>
    public FormFactorTable Table { get; }

    /// <summary>
    /// When true, a charged species uses its ion's curve where the table has one (Ni2+, O2-) and the
    /// neutral atom's otherwise (Ru5+); when false (the default) every species scatters as its neutral atom.
    /// </summary>
    public bool UseIonFormFactors { get; }

    /// <summary>The anode whose tabulated f′, f″ every element gets (set values override), or null.</summary>
    public Anode? TabulatedAnode { get; }

    /// <summary>f′, f″ set per element symbol; elements not listed get the anode's tabulated values, or none.</summary>
    public ImmutableSortedDictionary<string, AnomalousDispersion> Dispersion { get; }

    /// <summary>A copy with another table.</summary>
    /// <param name="table">The table.</param>
    public XRayScattering WithTable(FormFactorTable table) => new(table, UseIonFormFactors, Dispersion, TabulatedAnode);

    /// <summary>A copy that uses ion form factors where tabulated (<see cref="UseIonFormFactors"/>).</summary>
    /// <param name="useIons">True for ion curves, false for neutral atoms.</param>
    public XRayScattering WithIonFormFactors(bool useIons = true) => new(Table, useIons, Dispersion, TabulatedAnode);

    /// <summary>A copy with the tabulated f′, f″ at an anode's Kα1 for every element (values set per element still win).</summary>
    /// <param name="anode">The anode.</param>
    public XRayScattering WithAnomalousDispersion(Anode anode) => new(Table, UseIonFormFactors, Dispersion, anode);

    /// <summary>A copy with f′, f″ of one element set, e.g. measured near an edge or computed for a synchrotron energy.</summary>
    /// <param name="element">The element.</param>
    /// <param name="dispersion">Its f′ and f″.</param>
    public XRayScattering WithAnomalousDispersion(Element element, AnomalousDispersion dispersion)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!double.IsFinite(dispersion.FPrime) || !double.IsFinite(dispersion.FDoublePrime))
            throw new ArgumentOutOfRangeException(nameof(dispersion), dispersion, "f′ and f″ must be finite.");
        return new(Table, UseIonFormFactors, Dispersion.SetItem(element.Symbol, dispersion), TabulatedAnode);
    }

    /// <summary>A copy without any anomalous dispersion.</summary>
    public XRayScattering WithoutAnomalousDispersion() =>
        new(Table, UseIonFormFactors, ImmutableSortedDictionary<string, AnomalousDispersion>.Empty, null);

    /// <summary>The f′, f″ this model gives an element.</summary>
    /// <param name="element">The element.</param>
    public AnomalousDispersion AnomalousDispersionOf(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (Dispersion.TryGetValue(element.Symbol, out var set)) return set;
        return TabulatedAnode is { } anode ? ScatteringFactors.Anomalous(element, anode) : AnomalousDispersion.None;
    }

    /// <summary>The form factor this model uses for a species.</summary>
    /// <param name="species">The species.</param>
    public XRayFormFactor FormFactorOf(Species species) => ScatteringFactors.XRay(species, Table, neutralAtom: !UseIonFormFactors);

    internal override ScattererTerm Resolve(Species species) =>
        new(FormFactorOf(species), AnomalousDispersionOf(species.Element).Value);

    /// <inheritdoc />
    public override bool Equals(ScatteringModel? other) =>
        other is XRayScattering x && x.Table == Table && x.UseIonFormFactors == UseIonFormFactors &&
        x.TabulatedAnode == TabulatedAnode && x.Dispersion.SequenceEqual(Dispersion);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Table, UseIonFormFactors, TabulatedAnode, Dispersion.Count);

    /// <summary>"X-rays, WaasmaierKirfel1995, neutral atoms, f′ f″ of Cu Kα1".</summary>
    public override string ToString() =>
        $"X-rays, {Table}, {(UseIonFormFactors ? "ions where tabulated" : "neutral atoms")}" +
        (TabulatedAnode is { } a ? $", f′ f″ at {a} Kα1" : "") +
        (Dispersion.Count > 0 ? $", f′ f″ set for {string.Join(", ", Dispersion.Keys)}" : "");
}

/// <summary>Neutron scattering: Sears (1992) coherent lengths, with per-element overrides (isotope-enriched samples such as ⁷Li). Immutable.</summary>
public sealed class NeutronScattering : ScatteringModel
{
    private NeutronScattering(ImmutableSortedDictionary<string, NeutronScatteringLength> overrides) => Overrides = overrides;

    /// <summary>Sears (1992) lengths for every element.</summary>
    public static NeutronScattering Sears1992 { get; } = new(ImmutableSortedDictionary<string, NeutronScatteringLength>.Empty);

    /// <inheritdoc />
    public override RadiationProbe Probe => RadiationProbe.Neutron;

    /// <summary>Lengths set per element symbol instead of Sears's.</summary>
    public ImmutableSortedDictionary<string, NeutronScatteringLength> Overrides { get; }

    /// <summary>A copy with one element's coherent length set (⁷Li: −2.22 fm, for instance).</summary>
    /// <param name="element">The element.</param>
    /// <param name="length">Its bound coherent scattering length in fm.</param>
    public NeutronScattering WithScatteringLength(Element element, NeutronScatteringLength length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!double.IsFinite(length.Real) || !double.IsFinite(length.Imaginary))
            throw new ArgumentOutOfRangeException(nameof(length), length, "A scattering length must be finite.");
        return new(Overrides.SetItem(element.Symbol, length));
    }

    /// <summary>The length this model gives an element, in fm.</summary>
    /// <param name="element">The element.</param>
    public NeutronScatteringLength ScatteringLengthOf(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return Overrides.TryGetValue(element.Symbol, out var b) ? b : ScatteringFactors.Neutron(element);
    }

    internal override ScattererTerm Resolve(Species species) => new(null, ScatteringLengthOf(species.Element).Value);

    /// <inheritdoc />
    public override bool Equals(ScatteringModel? other) => other is NeutronScattering n && n.Overrides.SequenceEqual(Overrides);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Probe, Overrides.Count);

    /// <summary>"neutrons, Sears (1992)".</summary>
    public override string ToString() =>
        "neutrons, Sears (1992)" + (Overrides.Count > 0 ? $", set for {string.Join(", ", Overrides.Keys)}" : "");
}
