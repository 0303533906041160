using System.Collections.Immutable;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// What data blocks and save frames share: a name and, in file order, items and loops (and in a data
/// block, save frames). Every tag appears once, whether as an item or in a loop; tags are looked up
/// without regard to case. Immutable.
/// </summary>
public abstract class CifContainer : CifNode
{
    private readonly Dictionary<string, (int Node, int Column)> _tagIndex;

    private protected CifContainer(string name, ImmutableArray<CifNode> nodes, int line, bool allowSaveFrames)
        : base(line)
    {
        CifTag.CheckName(name, allowSaveFrames ? "data block" : "save frame", nameof(name));
        if (nodes.IsDefault) nodes = [];
        _tagIndex = new Dictionary<string, (int, int)>(CifTag.Comparer);
        var frameNames = new HashSet<string>(CifTag.Comparer);
        for (int n = 0; n < nodes.Length; n++)
        {
            switch (nodes[n])
            {
                case CifItem item:
                    AddTag(item.Tag, n, -1);
                    break;
                case CifLoop loop:
                    for (int c = 0; c < loop.Tags.Length; c++) AddTag(loop.Tags[c], n, c);
                    break;
                case CifSaveFrame frame when allowSaveFrames:
                    if (!frameNames.Add(frame.Name))
                        throw new ArgumentException($"The save frame {frame.Name} appears twice in {name}.", nameof(nodes));
                    break;
                case null:
                    throw new ArgumentNullException(nameof(nodes));
                default:
                    throw new ArgumentException($"A {(allowSaveFrames ? "data block" : "save frame")} cannot hold a {nodes[n].GetType().Name}.", nameof(nodes));
            }
        }
        Name = name;
        Nodes = nodes;

        void AddTag(string tag, int node, int column)
        {
            if (!_tagIndex.TryAdd(tag, (node, column)))
                throw new ArgumentException($"The tag {tag} appears twice in {name}.", nameof(nodes));
        }
    }

    /// <summary>The block code or frame code, without the data_ or save_ prefix.</summary>
    public string Name { get; }

    /// <summary>Items, loops and save frames in file order.</summary>
    public ImmutableArray<CifNode> Nodes { get; }

    /// <summary>The items outside loops, in file order.</summary>
    public IEnumerable<CifItem> Items => Nodes.OfType<CifItem>();

    /// <summary>The loops, in file order.</summary>
    public IEnumerable<CifLoop> Loops => Nodes.OfType<CifLoop>();

    /// <summary>Every tag, items and loops, in file order.</summary>
    public IEnumerable<string> Tags => Nodes.SelectMany(n => n switch
    {
        CifItem item => [item.Tag],
        CifLoop loop => loop.Tags.AsEnumerable(),
        _ => [],
    });

    /// <summary>True when the tag appears as an item or in a loop (case-insensitive).</summary>
    public bool Contains(string tag) => _tagIndex.ContainsKey(tag);

    /// <summary>
    /// The single value of a tag: the item's value, or the value of a loop column with exactly one
    /// row. Null when the tag is absent or is a loop column of another length.
    /// </summary>
    public CifValue? Find(string tag)
    {
        if (!_tagIndex.TryGetValue(tag, out var at)) return null;
        return Nodes[at.Node] switch
        {
            CifItem item => item.Value,
            CifLoop { RowCount: 1 } loop => loop.Values[at.Column],
            _ => null,
        };
    }

    /// <summary>Like <see cref="Find"/>, reporting whether a value was found.</summary>
    public bool TryGetValue(string tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CifValue? value)
    {
        value = Find(tag);
        return value is not null;
    }

    /// <summary>
    /// All values of a tag: one for an item, a column for a loop, none when absent (so a tag may be
    /// read the same way whether it was written looped or not).
    /// </summary>
    public IReadOnlyList<CifValue> FindAll(string tag)
    {
        if (!_tagIndex.TryGetValue(tag, out var at)) return [];
        return Nodes[at.Node] switch
        {
            CifItem item => [item.Value],
            CifLoop loop => loop.Column(at.Column),
            _ => [],
        };
    }

    /// <summary>The loop holding a tag, or null when the tag is absent or not looped.</summary>
    public CifLoop? FindLoop(string tag) =>
        _tagIndex.TryGetValue(tag, out var at) ? Nodes[at.Node] as CifLoop : null;

    /// <summary>The first tag of the list that is present, or null: for items that go by several names (CIF 1.1 and DDLm spellings).</summary>
    public string? FirstPresent(params ReadOnlySpan<string> tags)
    {
        foreach (string tag in tags)
        {
            if (_tagIndex.ContainsKey(tag)) return tag;
        }
        return null;
    }

    private protected bool NodesEqual(CifContainer other)
    {
        if (!CifTag.Comparer.Equals(Name, other.Name) || Nodes.Length != other.Nodes.Length) return false;
        for (int i = 0; i < Nodes.Length; i++)
        {
            if (!Nodes[i].Equals(other.Nodes[i])) return false;
        }
        return true;
    }
}
