using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads binary Bruker (Siemens) DIFFRAC RAW files of version 1 (magic <c>"RAW "</c>, DIFFRAC-AT)
/// and version 4 (magic <c>"RAW4.00"</c>, DIFFRAC.SUITE): one <see cref="PowderPattern"/> in 2θ per
/// range. Versions 2 (<c>"RAW2"</c>) and 3 (<c>"RAW1.01"</c>) are recognised and refused with a
/// <see cref="PowderDataFormatException"/>, because no file of those versions was at hand to check a
/// decoder against.
/// </summary>
/// <remarks>
/// <para>All numbers are little-endian. Version 1, one block per range, offsets from the block start:</para>
/// <code>
///   0  char[4]  "RAW " (repeated before later ranges by most writers; early ones omit it)
///   4  uint32   number of steps N
///   8  float32  counting time per step (s)
///  12  float32  step size (° 2θ)
///  16  uint32   scan mode
///  20  4 bytes  unused
///  24  float32  start 2θ (°)
///  28  float32  start θ, 32 start χ, 36 start φ (−1e6 when not used)
///  40  char[32] sample name
///  72  float32  Kα1 (Å);  76 float32 Kα2 (Å)
///  80  72 bytes unused
/// 152  uint32   non-zero when another range follows
/// 156  float32 × N  counts
/// </code>
/// <para>Version 4: an 8-byte magic <c>"RAW4.00\0"</c>, the date (offset 12) and time (offset 24),
/// then from offset 61 a sequence of records, each an uint32 type and an uint32 length in bytes
/// (header included). Type 10 holds a name (24 characters at +12) and a text value (from +36);
/// type 30 describes the X-ray source: Kα average, Kα1, Kα2, Kβ (float64 at +72, +80, +88, +96),
/// I(Kα2)/I(Kα1) (float64 at +104) and the anode (4 characters at +116). A type of 0 or 160 is
/// not a record but the 160-byte header of a range: scan type (24 characters at +32), start 2θ
/// (float64 at +72), step (float64 at +80), N (uint32 at +88), time per step (float32 at +92),
/// generator kV and mA (float32 at +100, +104), the wavelength used (float64 at +112), the size
/// of one datum in bytes (uint32 at +136) and the size of the supplementary headers that follow the
/// range header (uint32 at +140); the N data then follow, each datum starting with a float32
/// intensity. Records and ranges repeat until the end of the file.</para>
/// <para>Start and step are stored as float32 in version 1: they are converted through their
/// shortest decimal form (15.985f → 15.985, not 15.984999656…), which is what the file's writer
/// meant and what the text (UXD) rendering of the same measurement shows.</para>
/// <para>How the layouts were checked: version 1 against <c>LiCoO2.RAW</c> and <c>LiCoO2.UXD</c>
/// (the same measurement as text): N = 4001 at offset 4, step time 12.5 s at 8, step 0.03° at 12,
/// start 15.985° at 24, sample "LICOO2" at 40, Kα1 1.5406 / Kα2 1.54443 Å at 72/76, and the 4001
/// counts from offset 156 equal the UXD <c>_COUNTS</c> block value for value; 156 + 4·4001 = 16160
/// bytes, the file's length. Version 4 against <c>TwoTheta_scan_scrambled.raw</c>: records of types
/// 10 (×5) and 30 from offset 61, the range header at 447 (N = 7134, start 10°, step 0.0105203°,
/// datum size 8, 704 bytes of supplementary headers) and the data ending exactly at the end of the
/// file. Field names follow the DIFFRAC^plus XCH manual appendix as quoted by xylib and GSAS-II's
/// importer; nothing of their code is used here.</para>
/// <para>σ follows counting statistics (the values are counts).</para>
/// </remarks>
public static class BrukerRawReader
{
    /// <summary>The format name written into <see cref="PowderPattern.Format"/> for version 1 files.</summary>
    public const string FormatNameVersion1 = "Bruker RAW v1";

    /// <summary>The format name written into <see cref="PowderPattern.Format"/> for version 4 files.</summary>
    public const string FormatNameVersion4 = "Bruker RAW v4";

    private const int Version1HeaderLength = 156;
    private const int Version4RangeHeaderLength = 160;
    private const int Version4FirstRecord = 61;

    /// <summary>True when the bytes start with a Bruker RAW magic ("RAW ", "RAW2", "RAW1.01" or "RAW4.00").</summary>
    /// <param name="head">The first bytes of a file (at least 4).</param>
    public static bool LooksLike(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == (byte)'R' && head[1] == (byte)'A' && head[2] == (byte)'W'
        && (head[3] == (byte)' ' || head[3] == (byte)'2' || head[3] == (byte)'1' || head[3] == (byte)'4');

    /// <summary>Reads the first range of a RAW file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not a RAW v1/v4 file or its length does not match its header.</exception>
    public static PowderPattern Read(string path) => ReadAll(path)[0];

    /// <summary>Reads every range of a RAW file (<see cref="PowderPattern.Bank"/> is 1, 2, … when there are several).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PowderDataFormatException">The file is not a RAW v1/v4 file or its length does not match its header.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadAll(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads every range of a RAW file held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="fileName">The name used in messages and <see cref="PowderPattern.SourceFile"/>, or null.</param>
    /// <exception cref="PowderDataFormatException">The bytes are not a RAW v1/v4 file or their length does not match the header.</exception>
    public static IReadOnlyList<PowderPattern> ReadAll(ReadOnlySpan<byte> data, string? fileName = null)
    {
        if (data.Length >= 7 && Ascii(data[..7]) == "RAW4.00") return ReadVersion4(data, fileName);
        if (data.Length >= 4 && Ascii(data[..4]) == "RAW ") return ReadVersion1(data, fileName);
        if (data.Length >= 4 && Ascii(data[..4]) == "RAW2")
            throw new PowderDataFormatException(fileName, 0, "a Bruker RAW version 1 (\"RAW \") or 4 (\"RAW4.00\") file; version 2 is not supported", "RAW2");
        if (data.Length >= 7 && Ascii(data[..7]) == "RAW1.01")
            throw new PowderDataFormatException(fileName, 0, "a Bruker RAW version 1 (\"RAW \") or 4 (\"RAW4.00\") file; version 3 (RAW1.01) is not supported", "RAW1.01");
        throw new PowderDataFormatException(fileName, 0, "a Bruker RAW file starting with \"RAW \" or \"RAW4.00\"",
            Ascii(data[..Math.Min(7, data.Length)]));
    }

    private static IReadOnlyList<PowderPattern> ReadVersion1(ReadOnlySpan<byte> data, string? fileName)
    {
        var patterns = new List<PowderPattern>();
        int offset = 0;
        while (true)
        {
            // A later range may or may not repeat the magic; the block layout counts from where the magic would be.
            int block = offset;
            bool hasMagic = data.Length - offset >= 4 && Ascii(data.Slice(offset, 4)) == "RAW ";
            if (!hasMagic) block -= 4;
            if (data.Length < block + Version1HeaderLength)
                throw new PowderDataFormatException(fileName, 0,
                    $"a {Version1HeaderLength}-byte RAW v1 range header at byte {block}", $"{data.Length} bytes in the file");
            var h = data.Slice(block);
            uint steps = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
            float stepTime = BinaryPrimitives.ReadSingleLittleEndian(h[8..]);
            double step = Shortest(BinaryPrimitives.ReadSingleLittleEndian(h[12..]));
            uint scanMode = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]);
            double start = Shortest(BinaryPrimitives.ReadSingleLittleEndian(h[24..]));
            string sample = Ascii(h.Slice(40, 32)).Trim();
            double k1 = Shortest(BinaryPrimitives.ReadSingleLittleEndian(h[72..]));
            double k2 = Shortest(BinaryPrimitives.ReadSingleLittleEndian(h[76..]));
            uint following = BinaryPrimitives.ReadUInt32LittleEndian(h[152..]);

            long needed = (long)block + Version1HeaderLength + 4L * steps;
            if (steps == 0 || needed > data.Length)
                throw new PowderDataFormatException(fileName, 0,
                    $"{steps} float32 counts after the RAW v1 range header at byte {block} ({needed} bytes)",
                    $"{data.Length} bytes in the file");
            if (!(step > 0) || !double.IsFinite(start))
                throw new PowderDataFormatException(fileName, 0, $"a finite start and a positive step in the RAW v1 range header at byte {block}",
                    string.Create(CultureInfo.InvariantCulture, $"start {start}, step {step}"));

            var x = new double[steps];
            var y = new double[steps];
            var counts = data.Slice(block + Version1HeaderLength);
            for (int i = 0; i < steps; i++)
            {
                x[i] = start + i * step;
                y[i] = BinaryPrimitives.ReadSingleLittleEndian(counts[(4 * i)..]);
                if (!double.IsFinite(y[i]))
                    throw new PowderDataFormatException(fileName, 0, $"a finite float32 count at byte {block + Version1HeaderLength + 4 * i}", y[i].ToString(CultureInfo.InvariantCulture));
            }
            var p = new PowderPattern(AxisKind.TwoThetaDegrees, ImmutableArray.Create(x), ImmutableArray.Create(y))
                .WithFormat(FormatNameVersion1).WithSourceFile(fileName)
                .WithMetadata("time per step (s)", Invariant(Shortest(stepTime)))
                .WithMetadata("step (°)", Invariant(step))
                .WithMetadata("scan mode", scanMode.ToString(CultureInfo.InvariantCulture));
            if (sample.Length > 0) p = p.WithTitle(sample);
            if (k1 > 0) p = k2 > 0 ? p.WithWavelengths(k1, k2) : p.WithWavelengths(k1);
            patterns.Add(p);

            offset = (int)needed;
            if (following == 0 || offset >= data.Length) break;
        }
        if (!AllZero(data[offset..]))
            throw new PowderDataFormatException(fileName, 0,
                $"the end of the file after the last RAW v1 range (byte {offset})", $"{data.Length - offset} further bytes");
        return Number(patterns);
    }

    private static IReadOnlyList<PowderPattern> ReadVersion4(ReadOnlySpan<byte> data, string? fileName)
    {
        var patterns = new List<PowderPattern>();
        var fileMetadata = new List<KeyValuePair<string, string>>();
        if (data.Length >= 34)
        {
            fileMetadata.Add(new("date", Ascii(data.Slice(12, 12)).Trim()));
            fileMetadata.Add(new("time", Ascii(data.Slice(24, 10)).Trim()));
        }
        double[] wavelengths = [];
        double? ratio = null;
        int offset = Version4FirstRecord;
        while (offset < data.Length)
        {
            if (data.Length - offset < 8)
                throw new PowderDataFormatException(fileName, 0, $"an 8-byte RAW v4 record header at byte {offset}", $"{data.Length - offset} bytes left");
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
            if (type is 0 or Version4RangeHeaderLength)
            {
                offset = ReadVersion4Range(data, offset, fileName, wavelengths, ratio, fileMetadata, patterns);
                continue;
            }
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
            if (length < 8 || offset + (long)length > data.Length)
                throw new PowderDataFormatException(fileName, 0,
                    $"a RAW v4 record of type {type} at byte {offset} whose length (8 … {data.Length - offset} bytes) fits in the file", $"length {length}");
            var record = data.Slice(offset, (int)length);
            if (type == 10 && length >= 36)
            {
                string name = Ascii(record.Slice(12, 24)).Trim();
                string value = Ascii(record[36..]).Trim();
                if (name.Length > 0) fileMetadata.Add(new(name, value));
            }
            else if (type == 30 && length >= 120)
            {
                double k1 = BinaryPrimitives.ReadDoubleLittleEndian(record[80..]);
                double k2 = BinaryPrimitives.ReadDoubleLittleEndian(record[88..]);
                double kb = BinaryPrimitives.ReadDoubleLittleEndian(record[96..]);
                double r = BinaryPrimitives.ReadDoubleLittleEndian(record[104..]);
                k1 = Tidy(k1);
                k2 = Tidy(k2);
                wavelengths = k1 > 0 ? (k2 > 0 ? [k1, k2] : [k1]) : [];
                ratio = k1 > 0 && k2 > 0 && r >= 0 && double.IsFinite(r) ? Tidy(r) : null;
                if (kb > 0 && double.IsFinite(kb)) fileMetadata.Add(new("kBeta (Å)", Invariant(Tidy(kb))));
                string anode = Ascii(record.Slice(116, 4)).Trim();
                if (anode.Length > 0) fileMetadata.Add(new("anode", anode));
            }
            offset += (int)length;
        }
        if (patterns.Count == 0)
            throw new PowderDataFormatException(fileName, 0, "at least one RAW v4 range (a 160-byte range header and its data)");
        return Number(patterns);
    }

    private static int ReadVersion4Range(ReadOnlySpan<byte> data, int offset, string? fileName, double[] wavelengths, double? ratio,
                                         List<KeyValuePair<string, string>> fileMetadata, List<PowderPattern> patterns)
    {
        if (data.Length - offset < Version4RangeHeaderLength)
            throw new PowderDataFormatException(fileName, 0, $"a {Version4RangeHeaderLength}-byte RAW v4 range header at byte {offset}",
                $"{data.Length - offset} bytes left");
        var h = data.Slice(offset, Version4RangeHeaderLength);
        string scanType = Ascii(h.Slice(32, 24)).Trim();
        double start = BinaryPrimitives.ReadDoubleLittleEndian(h[72..]);
        double step = BinaryPrimitives.ReadDoubleLittleEndian(h[80..]);
        uint steps = BinaryPrimitives.ReadUInt32LittleEndian(h[88..]);
        float stepTime = BinaryPrimitives.ReadSingleLittleEndian(h[92..]);
        float kiloVolts = BinaryPrimitives.ReadSingleLittleEndian(h[100..]);
        float milliAmps = BinaryPrimitives.ReadSingleLittleEndian(h[104..]);
        double usedWavelength = BinaryPrimitives.ReadDoubleLittleEndian(h[112..]);
        uint datumSize = BinaryPrimitives.ReadUInt32LittleEndian(h[136..]);
        uint supplementary = BinaryPrimitives.ReadUInt32LittleEndian(h[140..]);

        long dataStart = (long)offset + Version4RangeHeaderLength + supplementary;
        long dataEnd = dataStart + (long)steps * datumSize;
        if (steps == 0 || datumSize < 4 || dataEnd > data.Length)
            throw new PowderDataFormatException(fileName, 0,
                $"{steps} data of {datumSize} bytes (at least 4) after the RAW v4 range header at byte {offset} and {supplementary} bytes of supplementary headers, ending by byte {dataEnd}",
                $"{data.Length} bytes in the file");
        if (!(step > 0) || !double.IsFinite(start))
            throw new PowderDataFormatException(fileName, 0, $"a finite start and a positive step in the RAW v4 range header at byte {offset}",
                string.Create(CultureInfo.InvariantCulture, $"start {start}, step {step}"));

        var x = new double[steps];
        var y = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            x[i] = start + i * step;
            int at = (int)(dataStart + (long)i * datumSize);
            y[i] = BinaryPrimitives.ReadSingleLittleEndian(data[at..]);
            if (!double.IsFinite(y[i]))
                throw new PowderDataFormatException(fileName, 0, $"a finite float32 intensity at byte {at}", y[i].ToString(CultureInfo.InvariantCulture));
        }
        var p = new PowderPattern(AxisKind.TwoThetaDegrees, ImmutableArray.Create(x), ImmutableArray.Create(y))
            .WithFormat(FormatNameVersion4).WithSourceFile(fileName)
            .WithMetadata(fileMetadata.GroupBy(kv => kv.Key).Select(g => g.Last()))
            .WithMetadata("scan type", scanType)
            .WithMetadata("time per step (as stored)", Invariant(Shortest(stepTime)))
            .WithMetadata("generator (kV, mA)", Invariant(Shortest(kiloVolts)) + ", " + Invariant(Shortest(milliAmps)));
        if (wavelengths.Length > 0)
        {
            p = p.WithWavelengths(wavelengths);
            if (ratio is not null) p = p.WithWavelengthIntensityRatio(ratio);
        }
        else if (usedWavelength > 0 && double.IsFinite(usedWavelength))
        {
            p = p.WithWavelengths(Tidy(usedWavelength));
        }
        if (usedWavelength > 0 && double.IsFinite(usedWavelength))
            p = p.WithMetadata("used wavelength (Å)", Invariant(Tidy(usedWavelength)));
        patterns.Add(p);
        return (int)dataEnd;
    }

    private static IReadOnlyList<PowderPattern> Number(List<PowderPattern> patterns)
    {
        if (patterns.Count == 1) return patterns;
        for (int i = 0; i < patterns.Count; i++) patterns[i] = patterns[i].WithBank(i + 1);
        return patterns;
    }

    /// <summary>A float32 as the shortest decimal that reads back to it, then as a double: 0.03f → 0.03.</summary>
    private static double Shortest(float value) =>
        double.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// A float64 that holds a widened float32 (1.5405999422073364 for 1.5406f, as DIFFRAC writes its
    /// wavelengths) shown as the float32's shortest decimal; a genuine float64 is returned unchanged.
    /// </summary>
    private static double Tidy(double value) =>
        double.IsFinite(value) && (double)(float)value == value ? Shortest((float)value) : value;

    private static string Ascii(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        if (end >= 0) bytes = bytes[..end];
        return Encoding.Latin1.GetString(bytes);
    }

    private static bool AllZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;

    private static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
