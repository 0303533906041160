using System.Collections.Immutable;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>A CIF data block: <c>data_name</c> followed by items, loops and save frames. Immutable.</summary>
public sealed class CifBlock : CifContainer, IEquatable<CifBlock>
{
    /// <summary>Makes a data block.</summary>
    /// <param name="name">The block code, without "data_".</param>
    /// <param name="nodes">Items, loops and save frames in order; every tag once, every frame name once.</param>
    /// <exception cref="ArgumentException">A bad name, a repeated tag or frame.</exception>
    public CifBlock(string name, IEnumerable<CifNode> nodes)
        : this(name, (nodes ?? throw new ArgumentNullException(nameof(nodes))).ToImmutableArray(), 0)
    {
    }

    internal CifBlock(string name, ImmutableArray<CifNode> nodes, int line)
        : base(name, nodes, line, allowSaveFrames: true)
    {
    }

    /// <summary>The save frames, in file order.</summary>
    public IEnumerable<CifSaveFrame> SaveFrames => Nodes.OfType<CifSaveFrame>();

    /// <summary>The save frame with this name (case-insensitive), or null.</summary>
    public CifSaveFrame? FindSaveFrame(string name) => SaveFrames.FirstOrDefault(f => CifTag.Comparer.Equals(f.Name, name));

    /// <inheritdoc/>
    public bool Equals(CifBlock? other) => other is not null && NodesEqual(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CifBlock);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CifTag.Comparer.GetHashCode(Name), Nodes.Length);

    /// <inheritdoc/>
    public override string ToString() => $"data_{Name}";
}
