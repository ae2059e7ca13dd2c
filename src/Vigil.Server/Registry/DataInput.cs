using Vigil.Core.Data;
using Vigil.IO.Csv;
using Vigil.IO.Parquet;
using Vigil.Server.Problems;
using Vigil.Storage;

namespace Vigil.Server.Registry;

/// <summary>Reads a <see cref="DataReference"/>: a stored dataset by id, or inline CSV/Parquet bytes in base64.</summary>
internal static class DataInput
{
    public static async Task<DataFrame> ReadAsync(IVigilStore store, DataReference? data, string field, CancellationToken ct)
    {
        if (data is null) throw ApiProblemException.BadRequest($"'{field[2..]}' is required", field);
        byte[] bytes;
        string format;
        string source;
        if (data.DatasetId is { } id)
        {
            if (data.ContentBase64 is not null)
                throw ApiProblemException.BadRequest("give either 'dataset_id' or 'content_base64', not both", field);
            var record = await store.Datasets.GetAsync(id, ct).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no dataset with id '{id}'");
            bytes = await store.Datasets.ReadContentAsync(id, ct).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"dataset '{id}' has no content");
            format = record.Format;
            source = record.Name;
        }
        else if (data.ContentBase64 is { } b64)
        {
            format = (data.Format ?? "csv").ToLowerInvariant();
            if (format is not ("csv" or "parquet"))
                throw ApiProblemException.BadRequest($"'format' must be csv or parquet (got '{data.Format}')", $"{field}.format");
            try { bytes = Convert.FromBase64String(b64); }
            catch (FormatException) { throw ApiProblemException.BadRequest("'content_base64' is not valid base64", $"{field}.content_base64"); }
            source = $"{field[2..]}.{format}";
        }
        else throw ApiProblemException.BadRequest("give 'dataset_id' or 'format' with 'content_base64'", field);
        return await Task.Run(() => Parse(bytes, format, source), ct).ConfigureAwait(false);
    }

    /// <summary>Parses CSV or Parquet bytes (Parquet through a temporary file, which the reader needs).</summary>
    public static DataFrame Parse(byte[] bytes, string format, string source)
    {
        if (format == "csv") return CsvReader.Parse(bytes, source);
        var folder = Path.Combine(Path.GetTempPath(), $"vigil-upload-{Guid.NewGuid():N}");
        var path = Path.Combine(folder, "data.parquet");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(path, bytes);
            return ParquetFileReader.Read(path);
        }
        catch (Exception ex)
        {
            // The reader names the temporary file; the client knows the data by its own name.
            throw ApiProblemException.BadRequest($"{source} is not a readable Parquet file: {ProblemMiddleware.OneLine(ex.Message.Replace(path, source, StringComparison.Ordinal))}");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>"parquet" when the name ends in .parquet/.pq or the bytes start with the Parquet magic, else "csv".</summary>
    public static string FormatOf(string name, ReadOnlySpan<byte> bytes)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext is ".parquet" or ".pq") return "parquet";
        return bytes.Length >= 4 && bytes[..4].SequenceEqual("PAR1"u8) ? "parquet" : "csv";
    }
}
