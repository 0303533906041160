using System.Collections.Immutable;
using System.Globalization;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// One measured powder pattern (one histogram, one detector bank): abscissa x, intensity y and the
/// standard uncertainty σ of each point, with what the file said about it (axis, wavelength, title,
/// bank, further metadata). Immutable; <c>With…</c> methods return copies.
/// </summary>
/// <remarks>
/// Invariants checked on construction: x, y and σ have the same length; every x and y is finite;
/// x is strictly increasing; every σ is finite and ≥ 0. A σ of 0 is allowed because some files
/// (GSAS ESD/FXYE) write it for points that carry no information; such a point has weight 0 in a fit,
/// as in GSAS-II. When the file gives no σ, σ follows counting statistics (<see cref="SigmaSource.CountingStatistics"/>).
/// </remarks>
public sealed class PowderPattern : IEquatable<PowderPattern>
{
    private PowderPattern(AxisKind axis, ImmutableArray<double> x, ImmutableArray<double> y,
                          ImmutableArray<double> sigma, SigmaSource sigmaSource,
                          ImmutableArray<double> wavelengths, double? wavelengthIntensityRatio,
                          string? sourceFile, string? title, int? bank, string? format,
                          ImmutableDictionary<string, string> metadata)
    {
        Axis = axis;
        X = x;
        Y = y;
        Sigma = sigma;
        SigmaSource = sigmaSource;
        Wavelengths = wavelengths;
        WavelengthIntensityRatio = wavelengthIntensityRatio;
        SourceFile = sourceFile;
        Title = title;
        Bank = bank;
        Format = format;
        Metadata = metadata;
    }

    /// <summary>
    /// Makes a pattern and checks it. When <paramref name="sigma"/> is null (or a default array) σ is
    /// taken from counting statistics: √y for y &gt; 0, 1 for y ≤ 0.
    /// </summary>
    /// <param name="axis">What x measures.</param>
    /// <param name="x">Abscissae, strictly increasing, finite.</param>
    /// <param name="y">Intensities, finite, same length as x.</param>
    /// <param name="sigma">Standard uncertainties of y (≥ 0, finite), or null when unknown.</param>
    /// <exception cref="ArgumentException">Lengths differ, a value is not finite, x is not strictly increasing, or a σ is negative.</exception>
    public PowderPattern(AxisKind axis, ImmutableArray<double> x, ImmutableArray<double> y,
                         ImmutableArray<double>? sigma = null)
        : this(axis, x, y, sigma ?? default, Source(sigma), [], null, null, null, null, null,
               ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal))
    {
        if (!Enum.IsDefined(axis)) throw new ArgumentOutOfRangeException(nameof(axis), axis, "unknown axis kind");
        if (x.IsDefault) throw new ArgumentException("x must not be a default array", nameof(x));
        if (y.IsDefault) throw new ArgumentException("y must not be a default array", nameof(y));
        if (y.Length != x.Length)
            throw new ArgumentException($"y has {y.Length} values but x has {x.Length}", nameof(y));
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i])) throw new ArgumentException($"x[{i}] = {x[i]} is not finite", nameof(x));
            if (!double.IsFinite(y[i])) throw new ArgumentException($"y[{i}] = {y[i]} is not finite", nameof(y));
            if (i > 0 && !(x[i] > x[i - 1]))
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"x must be strictly increasing: x[{i - 1}] = {x[i - 1]}, x[{i}] = {x[i]}"), nameof(x));
        }
        if (Sigma.IsDefault)
        {
            Sigma = CountingSigma(y);
        }
        else
        {
            if (Sigma.Length != x.Length)
                throw new ArgumentException($"sigma has {Sigma.Length} values but x has {x.Length}", nameof(sigma));
            for (int i = 0; i < Sigma.Length; i++)
                if (!double.IsFinite(Sigma[i]) || Sigma[i] < 0)
                    throw new ArgumentException($"sigma[{i}] = {Sigma[i]} must be finite and ≥ 0", nameof(sigma));
        }
    }

    private static SigmaSource Source(ImmutableArray<double>? sigma) =>
        sigma is { IsDefault: false } ? SigmaSource.File : SigmaSource.CountingStatistics;

    /// <summary>Makes a pattern from spans (copied). See the constructor for the rules.</summary>
    public static PowderPattern Create(AxisKind axis, ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        new(axis, [.. x], [.. y]);

    /// <summary>Makes a pattern with σ from spans (copied). See the constructor for the rules.</summary>
    public static PowderPattern Create(AxisKind axis, ReadOnlySpan<double> x, ReadOnlySpan<double> y,
                                       ReadOnlySpan<double> sigma) =>
        new(axis, [.. x], [.. y], [.. sigma]);

    /// <summary>σ from counting statistics: √y for y &gt; 0 and 1 for y ≤ 0 (see <see cref="SigmaSource.CountingStatistics"/>).</summary>
    public static double CountingSigma(double y) => y > 0 ? Math.Sqrt(y) : 1.0;

    private static ImmutableArray<double> CountingSigma(ImmutableArray<double> y)
    {
        var s = new double[y.Length];
        for (int i = 0; i < s.Length; i++) s[i] = CountingSigma(y[i]);
        return ImmutableArray.Create(s);
    }

    /// <summary>What x measures, with its unit.</summary>
    public AxisKind Axis { get; }

    /// <summary>Abscissae (2θ in degrees, TOF in µs, d in Å, … per <see cref="Axis"/>), strictly increasing.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>Observed intensities, as the file gave them (counts, or normalised counts).</summary>
    public ImmutableArray<double> Y { get; }

    /// <summary>Standard uncertainties of <see cref="Y"/>, from the file or from counting statistics (<see cref="SigmaSource"/>).</summary>
    public ImmutableArray<double> Sigma { get; }

    /// <summary>Whether <see cref="Sigma"/> came from the file or was estimated from counting statistics.</summary>
    public SigmaSource SigmaSource { get; }

    /// <summary>The number of points.</summary>
    public int Count => X.Length;

    /// <summary>Wavelengths in Å stated by the file (empty when unknown or time of flight); for a lab doublet Kα1 first, then Kα2.</summary>
    public ImmutableArray<double> Wavelengths { get; }

    /// <summary>The first (primary) wavelength in Å, or null when the file gives none.</summary>
    public double? Wavelength => Wavelengths.IsDefaultOrEmpty ? null : Wavelengths[0];

    /// <summary>The intensity ratio of the second to the first wavelength (I(Kα2)/I(Kα1)) when the file states it.</summary>
    public double? WavelengthIntensityRatio { get; }

    /// <summary>The file the pattern was read from, or null.</summary>
    public string? SourceFile { get; }

    /// <summary>The title or comment line of the file, or null.</summary>
    public string? Title { get; }

    /// <summary>The bank (histogram) number within the file, or null when the file has no banks.</summary>
    public int? Bank { get; }

    /// <summary>The name of the file format read ("GSAS FXYE", "xye", …), or null when made in code.</summary>
    public string? Format { get; }

    /// <summary>Further facts the file states (temperature, monitor, BANK header fields, …), as text keyed by the file's own names.</summary>
    public ImmutableDictionary<string, string> Metadata { get; }

    /// <summary>The smallest x (the first), or NaN for an empty pattern.</summary>
    public double XMin => Count == 0 ? double.NaN : X[0];

    /// <summary>The largest x (the last), or NaN for an empty pattern.</summary>
    public double XMax => Count == 0 ? double.NaN : X[^1];

    private PowderPattern Copy(ImmutableArray<double>? wavelengths = null, double? ratio = null, bool setRatio = false,
                               string? sourceFile = null, bool setSource = false,
                               string? title = null, bool setTitle = false,
                               int? bank = null, bool setBank = false,
                               string? format = null, bool setFormat = false,
                               ImmutableDictionary<string, string>? metadata = null) =>
        new(Axis, X, Y, Sigma, SigmaSource, wavelengths ?? Wavelengths,
            setRatio ? ratio : WavelengthIntensityRatio,
            setSource ? sourceFile : SourceFile, setTitle ? title : Title, setBank ? bank : Bank,
            setFormat ? format : Format, metadata ?? Metadata);

    /// <summary>A copy with the given wavelengths in Å (Kα1 first); each must be finite and positive.</summary>
    public PowderPattern WithWavelengths(params ReadOnlySpan<double> wavelengths)
    {
        foreach (double w in wavelengths)
            if (!double.IsFinite(w) || w <= 0)
                throw new ArgumentOutOfRangeException(nameof(wavelengths), w, "a wavelength must be finite and positive (Å)");
        return Copy(wavelengths: [.. wavelengths]);
    }

    /// <summary>A copy with I(λ2)/I(λ1) set (null to clear); must be finite and ≥ 0.</summary>
    public PowderPattern WithWavelengthIntensityRatio(double? ratio)
    {
        if (ratio is { } r && (!double.IsFinite(r) || r < 0))
            throw new ArgumentOutOfRangeException(nameof(ratio), r, "the intensity ratio must be finite and ≥ 0");
        return Copy(ratio: ratio, setRatio: true);
    }

    /// <summary>A copy naming the file it came from.</summary>
    public PowderPattern WithSourceFile(string? sourceFile) => Copy(sourceFile: sourceFile, setSource: true);

    /// <summary>A copy with the title set.</summary>
    public PowderPattern WithTitle(string? title) => Copy(title: title, setTitle: true);

    /// <summary>A copy with the bank number set.</summary>
    public PowderPattern WithBank(int? bank) => Copy(bank: bank, setBank: true);

    /// <summary>A copy naming the file format.</summary>
    public PowderPattern WithFormat(string? format) => Copy(format: format, setFormat: true);

    /// <summary>A copy with one metadata entry added or replaced.</summary>
    public PowderPattern WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return Copy(metadata: Metadata.SetItem(key, value));
    }

    /// <summary>A copy with the metadata replaced.</summary>
    public PowderPattern WithMetadata(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Copy(metadata: ImmutableDictionary.CreateRange(StringComparer.Ordinal, metadata));
    }

    /// <summary>A copy with new intensities and σ on the same x (σ null → counting statistics); metadata kept.</summary>
    public PowderPattern WithIntensities(ImmutableArray<double> y, ImmutableArray<double>? sigma = null)
    {
        var p = new PowderPattern(Axis, X, y, sigma);
        return new PowderPattern(Axis, X, p.Y, p.Sigma, p.SigmaSource, Wavelengths, WavelengthIntensityRatio,
                                 SourceFile, Title, Bank, Format, Metadata);
    }

    /// <summary>The points with <paramref name="min"/> ≤ x ≤ <paramref name="max"/>, metadata kept.</summary>
    public PowderPattern Slice(double min, double max)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
            throw new ArgumentOutOfRangeException(nameof(max), max, $"the range [{min}, {max}] is empty or not a number");
        int lo = 0;
        while (lo < Count && X[lo] < min) lo++;
        int hi = lo;
        while (hi < Count && X[hi] <= max) hi++;
        return new PowderPattern(Axis, X[lo..hi], Y[lo..hi], Sigma[lo..hi], SigmaSource, Wavelengths,
                                 WavelengthIntensityRatio, SourceFile, Title, Bank, Format, Metadata);
    }

    /// <inheritdoc />
    public bool Equals(PowderPattern? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        return Axis == other.Axis && SigmaSource == other.SigmaSource
            && X.AsSpan().SequenceEqual(other.X.AsSpan())
            && Y.AsSpan().SequenceEqual(other.Y.AsSpan())
            && Sigma.AsSpan().SequenceEqual(other.Sigma.AsSpan())
            && Wavelengths.AsSpan().SequenceEqual(other.Wavelengths.AsSpan())
            && WavelengthIntensityRatio == other.WavelengthIntensityRatio
            && SourceFile == other.SourceFile && Title == other.Title && Bank == other.Bank && Format == other.Format
            && Metadata.Count == other.Metadata.Count
            && Metadata.All(kv => other.Metadata.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PowderPattern);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Axis);
        h.Add(Count);
        if (Count > 0)
        {
            h.Add(X[0]); h.Add(X[^1]); h.Add(Y[0]); h.Add(Y[^1]);
        }
        h.Add(Title);
        h.Add(Bank);
        return h.ToHashCode();
    }

    /// <summary>Written as "PowderPattern TwoThetaDegrees, 6001 points, 10 … 160, bank 1, 'title'".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"PowderPattern {Axis}, {Count} points, {XMin} … {XMax}{(Bank is { } b ? $", bank {b}" : "")}{(Title is null ? "" : $", '{Title}'")}");
}
