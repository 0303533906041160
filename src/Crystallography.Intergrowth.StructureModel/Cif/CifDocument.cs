using System.Collections.Immutable;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>The CIF syntax version of a file.</summary>
public enum CifVersion
{
    /// <summary>CIF 1.1 (no magic line, or <c>#\#CIF_1.1</c>).</summary>
    Cif11,

    /// <summary>CIF 2.0, announced by the magic first line <c>#\#CIF_2.0</c>: triple quotes, lists and tables.</summary>
    Cif20,
}

/// <summary>
/// A CIF file read into memory: its syntax version and its data blocks in order. Immutable; read
/// with <see cref="Parse"/>, <see cref="Load"/> or <see cref="Read"/>, written with
/// <see cref="Write(TextWriter)"/> or <see cref="ToCifText"/>.
/// </summary>
public sealed class CifDocument : IEquatable<CifDocument>
{
    /// <summary>Makes a document.</summary>
    /// <param name="blocks">The data blocks in order.</param>
    /// <param name="version">The syntax version to write; lists, tables and triple quotes need <see cref="CifVersion.Cif20"/>.</param>
    /// <param name="fileName">Where the document came from, for messages; not part of equality.</param>
    public CifDocument(IEnumerable<CifBlock> blocks, CifVersion version = CifVersion.Cif11, string? fileName = null)
        : this(blocks, version, fileName, [])
    {
    }

    internal CifDocument(IEnumerable<CifBlock> blocks, CifVersion version, string? fileName, IReadOnlyList<string> warnings)
    {
        Warnings = [.. warnings];
        ArgumentNullException.ThrowIfNull(blocks);
        Blocks = blocks.ToImmutableArray();
        if (Blocks.Any(b => b is null)) throw new ArgumentNullException(nameof(blocks), "A block is null.");
        Version = version;
        FileName = fileName;
    }

    /// <summary>The data blocks in file order.</summary>
    public ImmutableArray<CifBlock> Blocks { get; }

    /// <summary>The syntax version.</summary>
    public CifVersion Version { get; }

    /// <summary>
    /// What the reader tolerated in the file ("file:line: reason"): a tag with no value (dropped), a
    /// tag run together with "?". Empty for well-formed files. Not part of equality.
    /// </summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>The file the document was read from, or null.</summary>
    public string? FileName { get; }

    /// <summary>The first block with this name (case-insensitive), or null.</summary>
    public CifBlock? FindBlock(string name) => Blocks.FirstOrDefault(b => CifTag.Comparer.Equals(b.Name, name));

    /// <summary>Parses CIF text.</summary>
    /// <param name="text">The whole file; a leading byte-order mark is ignored.</param>
    /// <param name="fileName">The name to put in error messages.</param>
    /// <exception cref="CifFormatException">The text is not CIF; the message names file, line and what was expected.</exception>
    public static CifDocument Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CifParser(text, fileName).ParseDocument();
    }

    /// <summary>Reads a CIF file (UTF-8, or what its byte-order mark says).</summary>
    /// <exception cref="CifFormatException">The file is not CIF.</exception>
    public static CifDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads CIF text to its end.</summary>
    /// <exception cref="CifFormatException">The text is not CIF.</exception>
    public static CifDocument Read(TextReader reader, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(reader.ReadToEnd(), fileName);
    }

    /// <summary>Writes the document as CIF text of its <see cref="Version"/>.</summary>
    /// <exception cref="InvalidOperationException">A CIF 1.1 document holds a list, table or triple-quoted value.</exception>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToCifText());
    }

    /// <summary>The document as CIF text (see <see cref="Write(TextWriter)"/>).</summary>
    public string ToCifText() => CifWriter.Write(this);

    /// <inheritdoc/>
    public bool Equals(CifDocument? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Version != other.Version || Blocks.Length != other.Blocks.Length) return false;
        for (int i = 0; i < Blocks.Length; i++)
        {
            if (!Blocks[i].Equals(other.Blocks[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CifDocument);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Version, Blocks.Length);

    /// <inheritdoc/>
    public override string ToString() => $"CIF {(Version == CifVersion.Cif20 ? "2.0" : "1.1")}, {Blocks.Length} block(s){(FileName is null ? "" : " from " + FileName)}";
}
