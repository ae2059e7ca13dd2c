using Vigil.Core.Data;
using Vigil.IO.Csv;
using Vigil.IO.Parquet;

namespace Vigil.Monitoring.Reference;

/// <summary>
/// Reads a monitor's reference data from stored bytes with Vigil.IO: CSV is parsed from memory, Parquet through a
/// temporary file (the Parquet reader works on files) that is deleted afterwards. Bad input throws
/// <see cref="DataFormatException"/> naming the source.
/// </summary>
public static class ReferenceData
{
    /// <summary>Reads <paramref name="content"/> as <paramref name="format"/> (<c>csv</c> or <c>parquet</c>).</summary>
    public static DataFrame Read(byte[] content, string format, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(format);
        if (format == "csv") return CsvReader.Parse(content, source);
        if (format != "parquet") throw new ArgumentException($"unknown reference format '{format}' (expected csv or parquet)", nameof(format));
        var path = Path.Combine(Path.GetTempPath(), $"vigil-reference-{Guid.NewGuid():N}.parquet");
        try
        {
            File.WriteAllBytes(path, content);
            return ParquetFileReader.Read(path);
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { /* a leftover temp file is harmless */ }
        }
    }

    /// <summary>The format of a file by its bytes: Parquet files start with <c>PAR1</c>; anything else is CSV.</summary>
    public static string DetectFormat(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'A' && content[2] == (byte)'R' && content[3] == (byte)'1' ? "parquet" : "csv";
}
