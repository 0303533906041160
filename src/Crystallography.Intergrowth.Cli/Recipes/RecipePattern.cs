using System.Collections.Immutable;
using Crystallography.Intergrowth.Diffraction;

namespace Crystallography.Intergrowth.Cli.Recipes;

/// <summary>
/// One powder pattern (histogram) of a recipe (immutable description): its name in parameter ids,
/// the data file and bank, the instrument, the part of the pattern fitted, the background and the
/// weight of the pattern in a joint fit. <c>with</c> copies check each value as the constructor does.
/// </summary>
public sealed record RecipePattern
{
    /// <summary>The number of Chebyshev terms when a recipe states no background: GSAS-II's default for a new histogram.</summary>
    public const int DefaultBackgroundTerms = 3;

    /// <summary>A pattern read with format detection from bank 1, over its whole range, weight 1, the default background.</summary>
    /// <param name="name">The histogram name in parameter ids (<c>sxrd</c> in <c>hist:sxrd/zero</c>).</param>
    /// <param name="data">The powder-data file.</param>
    /// <param name="instrument">The instrument: a preset or a parameter file.</param>
    /// <exception cref="ArgumentException">A name that cannot stand in parameter ids.</exception>
    public RecipePattern(string name, RecipePath data, RecipeInstrument instrument)
    {
        Name = name;
        Data = data;
        Instrument = instrument;
    }

    /// <summary>The histogram name in parameter ids: no whitespace, '/', '[', ']', '+', '-', '*', '='.</summary>
    public string Name { get; init => field = RecipeChecks.Name(value, "name", nameof(Name)); }

    /// <summary>The powder-data file.</summary>
    public RecipePath Data { get; init => field = value ?? throw new ArgumentNullException(nameof(Data)); }

    /// <summary>The data format, or null to detect it from the content (<see cref="FormatDetection"/>).</summary>
    public PowderFileFormat? Format
    {
        get;
        init => field = value is PowderFileFormat.Unknown || (value is { } f && !Enum.IsDefined(f))
            ? throw new ArgumentException("'format' must be a known format, or null to detect it.", nameof(Format))
            : value;
    }

    /// <summary>The bank (1-based) of a file that holds several, as GSAS numbers them.</summary>
    public int Bank { get; init => field = RecipeChecks.AtLeast(value, 1, "bank", nameof(Bank)); } = 1;

    /// <summary>The instrument. A time-of-flight preset cannot be combined with a <see cref="Wavelength"/>.</summary>
    public RecipeInstrument Instrument
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Instrument));
            CheckWavelength(value, Wavelength);
            field = value;
        }
    }

    /// <summary>A wavelength (Å) that replaces the instrument's, or null to keep it.</summary>
    public double? Wavelength
    {
        get;
        init
        {
            value = RecipeChecks.Positive(value, "wavelength", nameof(Wavelength));
            if (Instrument is not null) CheckWavelength(Instrument, value);
            field = value;
        }
    }

    /// <summary>The part of the pattern fitted, in its x units (2θ degrees, or TOF µs), or null for all of it.</summary>
    public RecipeRange? Range { get; init; }

    /// <summary>Regions left out of the fit (impurity peaks, sample-environment lines), in the pattern's x units.</summary>
    public ImmutableArray<RecipeRange> Exclude { get; init => field = RecipeChecks.OrEmpty(value); } = [];

    /// <summary>The Chebyshev background; <see cref="DefaultBackgroundTerms"/> terms when the recipe states none.</summary>
    public RecipeBackground Background { get; init => field = value ?? throw new ArgumentNullException(nameof(Background)); } =
        new(DefaultBackgroundTerms);

    /// <summary>
    /// The pattern's weight in a joint fit (positive; 1 by default): it multiplies every w = 1/σ² of the
    /// pattern, so weight 2 counts the pattern as if it were measured twice.
    /// </summary>
    public double Weight { get; init => field = RecipeChecks.Positive(value, "weight", nameof(Weight)); } = 1;

    private static void CheckWavelength(RecipeInstrument instrument, double? wavelength)
    {
        if (wavelength is not null && instrument.IsTimeOfFlight)
            throw new ArgumentException($"'wavelength' does not apply to the time-of-flight instrument '{instrument}'.", nameof(Wavelength));
    }

    /// <inheritdoc/>
    public bool Equals(RecipePattern? other) =>
        other is not null && Name == other.Name && Data.Equals(other.Data) && Format == other.Format && Bank == other.Bank
        && Instrument.Equals(other.Instrument) && Wavelength.Equals(other.Wavelength) && Range.Equals(other.Range)
        && RecipeChecks.SameItems(Exclude, other.Exclude) && Background.Equals(other.Background) && Weight.Equals(other.Weight);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        hash.Add(Data);
        hash.Add(Format);
        hash.Add(Bank);
        hash.Add(Instrument);
        hash.Add(Wavelength);
        hash.Add(Range);
        hash.Add(RecipeChecks.HashItems(Exclude));
        hash.Add(Background);
        hash.Add(Weight);
        return hash.ToHashCode();
    }
}

/// <summary>
/// The instrument of a pattern: one of <see cref="Diffraction.Instrument.PresetNames"/>, or a GSAS .prm,
/// GSAS-II .instprm or FullProf .irf file with an optional bank. Immutable.
/// </summary>
public sealed record RecipeInstrument
{
    private RecipeInstrument(string? preset, RecipePath? file, int? bank)
    {
        Preset = preset;
        File = file;
        Bank = bank;
    }

    /// <summary>The preset's name (lower case, as <see cref="Diffraction.Instrument.PresetNames"/> lists it), or null for a file.</summary>
    public string? Preset { get; }

    /// <summary>The instrument-parameter file, or null for a preset.</summary>
    public RecipePath? File { get; }

    /// <summary>The bank of the parameter file to use, or null for the pattern's own bank.</summary>
    public int? Bank { get; }

    /// <summary>True for a time-of-flight preset; a file's mode is known only when it is read.</summary>
    public bool IsTimeOfFlight => Preset is not null && Diffraction.Instrument.Preset(Preset)!.Mode == DiffractionMode.TimeOfFlight;

    /// <summary>True when <paramref name="name"/> is a preset's name (any case).</summary>
    public static bool IsPresetName(string name) =>
        Diffraction.Instrument.PresetNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>A preset: lab-cu, synchrotron-11bm, neutron-cw, tof-powgen (any case).</summary>
    /// <exception cref="ArgumentException">Not a preset's name.</exception>
    public static RecipeInstrument FromPreset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IsPresetName(name)
            ? new(name.ToLowerInvariant(), null, null)
            : throw new ArgumentException($"'{name}' is not an instrument preset ({string.Join(", ", Diffraction.Instrument.PresetNames)}).", nameof(name));
    }

    /// <summary>An instrument-parameter file (.prm, .instprm, .irf).</summary>
    /// <param name="file">The file.</param>
    /// <param name="bank">The bank in the file, or null for the pattern's bank.</param>
    /// <exception cref="ArgumentException">A bank below 1.</exception>
    public static RecipeInstrument FromFile(RecipePath file, int? bank = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (bank is { } b) RecipeChecks.AtLeast(b, 1, "instrumentBank", nameof(bank));
        return new(null, file, bank);
    }

    /// <summary>The preset's name or the file as written.</summary>
    public override string ToString() => Preset ?? File!.Text;
}

/// <summary>An interval [min, max] of a pattern's x (2θ degrees, or TOF µs), min below max, both finite. Immutable.</summary>
public readonly record struct RecipeRange
{
    /// <summary>The interval.</summary>
    /// <exception cref="ArgumentException">Ends that are not finite or not in order.</exception>
    public RecipeRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
            throw new ArgumentException($"[{RecipeChecks.Show(min)}, {RecipeChecks.Show(max)}] is not an interval: two finite numbers, the first below the second.", nameof(max));
        Min = min;
        Max = max;
    }

    /// <summary>The lower end.</summary>
    public double Min { get; }

    /// <summary>The upper end.</summary>
    public double Max { get; }

    /// <summary>True when <paramref name="x"/> lies in [min, max].</summary>
    public bool Contains(double x) => x >= Min && x <= Max;
}

/// <summary>
/// A shifted-Chebyshev background (<see cref="ChebyshevBackground"/>): the number of terms and,
/// optionally, starting coefficients c₀ … c(n−1). Immutable.
/// </summary>
public sealed record RecipeBackground
{
    /// <summary>The most terms a recipe may ask for: GSAS-II's limit for its Chebyshev background.</summary>
    public const int MaximumTerms = 36;

    /// <summary>The background.</summary>
    /// <param name="terms">The number of terms, 1 to <see cref="MaximumTerms"/>.</param>
    /// <param name="coefficients">Starting coefficients, exactly <paramref name="terms"/> of them, or null/empty to let the engine start them.</param>
    /// <exception cref="ArgumentException">A count out of range, or coefficients that do not match it or are not finite.</exception>
    public RecipeBackground(int terms, IEnumerable<double>? coefficients = null)
    {
        if (terms < 1 || terms > MaximumTerms)
            throw new ArgumentException($"'terms' must be 1 to {MaximumTerms}, not {terms}.", nameof(terms));
        ImmutableArray<double> c = coefficients is null ? [] : [.. coefficients];
        if (!c.IsEmpty && c.Length != terms)
            throw new ArgumentException($"'coefficients' gives {c.Length} numbers for {terms} terms.", nameof(coefficients));
        foreach (double value in c) RecipeChecks.Finite(value, "coefficients", nameof(coefficients));
        Terms = terms;
        Coefficients = c;
    }

    /// <summary>The number of Chebyshev terms.</summary>
    public int Terms { get; }

    /// <summary>The starting coefficients, or empty when the engine chooses them.</summary>
    public ImmutableArray<double> Coefficients { get; }

    /// <inheritdoc/>
    public bool Equals(RecipeBackground? other) =>
        other is not null && Terms == other.Terms && RecipeChecks.SameItems(Coefficients, other.Coefficients);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Terms, RecipeChecks.HashItems(Coefficients));
}
