namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// Something a CIF data block or save frame holds, in file order: a tag–value pair
/// (<see cref="CifItem"/>), a loop (<see cref="CifLoop"/>) or, in a data block, a save frame
/// (<see cref="CifSaveFrame"/>). Immutable.
/// </summary>
public abstract class CifNode
{
    private protected CifNode(int line) => Line = line;

    /// <summary>The line the node starts on in the file it was read from, 0 when made in code. Not part of equality.</summary>
    public int Line { get; }
}
