using System.Collections.Immutable;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>A save frame inside a data block: <c>save_name</c> … <c>save_</c>, holding items and loops. Immutable.</summary>
public sealed class CifSaveFrame : CifContainer, IEquatable<CifSaveFrame>
{
    /// <summary>Makes a save frame.</summary>
    /// <param name="name">The frame code, without "save_".</param>
    /// <param name="nodes">Items and loops in order; every tag once.</param>
    /// <exception cref="ArgumentException">A bad name, a repeated tag, or a node that is not an item or loop.</exception>
    public CifSaveFrame(string name, IEnumerable<CifNode> nodes)
        : this(name, (nodes ?? throw new ArgumentNullException(nameof(nodes))).ToImmutableArray(), 0)
    {
    }

    internal CifSaveFrame(string name, ImmutableArray<CifNode> nodes, int line)
        : base(name, nodes, line, allowSaveFrames: false)
    {
    }

    /// <inheritdoc/>
    public bool Equals(CifSaveFrame? other) => other is not null && NodesEqual(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CifSaveFrame);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CifTag.Comparer.GetHashCode(Name), Nodes.Length);

    /// <inheritdoc/>
    public override string ToString() => $"save_{Name}";
}
