using System.IO.Compression;

namespace Crystallography.Intergrowth.Diffraction;

/// <summary>The zip archives vendors wrap their XML and text scans in (Bruker .brml, Rigaku .rasx).</summary>
internal static class ZipContainer
{
    /// <summary>Opens a zip archive for reading, turning "not a zip" into a format error naming the file.</summary>
    /// <param name="stream">The archive, left open.</param>
    /// <param name="fileName">The name for messages, or null.</param>
    /// <param name="expected">What the file should have been, e.g. "a BRML file (a zip archive)".</param>
    public static ZipArchive Open(Stream stream, string? fileName, string expected)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new PowderDataFormatException(fileName, 0, expected, ex.Message, ex);
        }
    }
}
