using Vigil.Core.Data;
using Vigil.IO.Csv;
using Vigil.IO.Parquet;

namespace Vigil.IO;

/// <summary>Reads a data file by its extension: <c>.parquet</c>/<c>.pq</c> as Parquet, anything else as CSV.</summary>
public static class DataFile
{
    /// <summary>Reads <paramref name="path"/>; bad input throws <see cref="DataFormatException"/>.</summary>
    public static DataFrame Read(string path, ReadOptions? options = null)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".parquet" or ".pq" ? ParquetFileReader.Read(path, options) : CsvReader.Read(path, options);
    }
}
