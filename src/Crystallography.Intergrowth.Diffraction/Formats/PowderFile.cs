using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>
/// Reads any supported powder-data file, detecting its format from the content (<see cref="FormatDetection"/>), and returns
/// one pattern per bank (GSAS files may hold several; most formats hold one).
/// </summary>
public static class PowderFile
{
    /// <summary>Reads every pattern (bank, scan) of a file.</summary>
    /// <exception cref="PowderDataFormatException">The format is not recognised, or the file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ImmutableArray<PowderPattern> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"powder data file not found: {path}", path);
        var format = FormatDetection.Detect(path);
        return format switch
        {
            PowderFileFormat.Columns => [XyFile.Read(path)],
            PowderFileFormat.GsasRaw => GsasRawFile.Read(path),
            PowderFileFormat.FullProfFreeFormat => [FullProfDataFile.Read(path, FullProfDataLayout.FreeFormat)],
            PowderFileFormat.FullProfXyData => [FullProfDataFile.Read(path, FullProfDataLayout.XYSigma)],
            PowderFileFormat.Xrdml => [.. XrdmlReader.ReadAll(path)],
            PowderFileFormat.BrukerRaw => [.. BrukerRawReader.ReadAll(path)],
            PowderFileFormat.BrukerUxd => [.. BrukerUxdReader.ReadAll(path)],
            PowderFileFormat.BrukerBrml => [.. BrukerBrmlReader.ReadAll(path)],
            PowderFileFormat.RigakuRasx => [.. RigakuRasxReader.ReadAll(path)],
            PowderFileFormat.PdCif => [.. PdCifReader.ReadAll(path)],
            _ => throw new PowderDataFormatException(path, 0,
                     "a powder-data file: columns (xy/xye/xys/dat/PRN), GSAS raw, FullProf .dat, XRDML, Bruker RAW/UXD/BRML, Rigaku RASX or pdCIF"),
        };
    }

    /// <summary>Reads a file that holds exactly one pattern.</summary>
    /// <exception cref="PowderDataFormatException">The file holds several banks; use <see cref="Read"/>.</exception>
    public static PowderPattern ReadSingle(string path)
    {
        var all = Read(path);
        if (all.Length != 1)
            throw new PowderDataFormatException(path, 0, $"one pattern, the file holds {all.Length} (use PowderFile.Read for all banks)");
        return all[0];
    }
}
