using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Provenance;

namespace Vigil.IO.Lineage;

/// <summary>
/// The file lineage store: JSON lines, append-only, one <see cref="LineageRecord"/> per line:
/// <c>{"id", "kind": "dataset|model|report|run", "attributes": {string: string}, "inputs": [ids], "created": ISO-8601}</c>.
/// Appending opens the file for append with an exclusive lock for the duration of one write, so concurrent
/// commands do not interleave lines; a record whose id and kind are already stored is not written again
/// (recording the same dataset twice is a no-op). A damaged line is an input error naming the file and line.
/// </summary>
public sealed class LineageStore
{
    /// <summary>Opens (without creating) the store at <paramref name="path"/>.</summary>
    public LineageStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>All records in file order (empty when the file does not exist).</summary>
    public IReadOnlyList<LineageRecord> ReadAll()
    {
        var list = new List<LineageRecord>();
        if (!File.Exists(Path)) return list;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { list.Add(Parse(line)); }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DataFormatException(Path, $"not a lineage record: {e.Message}", lineNumber);
            }
        }
        return list;
    }

    /// <summary>The graph of all stored records.</summary>
    public LineageGraph Graph() => new(ReadAll());

    /// <summary>Appends the records not already stored (same id and kind); returns how many were written.</summary>
    public int Append(params LineageRecord[] records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in ReadAll()) existing.Add(r.Id);
        var sb = new StringBuilder();
        var written = 0;
        foreach (var r in records)
        {
            if (!existing.Add(r.Id)) continue;
            sb.Append(Serialize(r)).Append('\n');
            written++;
        }
        if (written == 0) return 0;
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        stream.Write(bytes);
        return written;
    }

    /// <summary>One record as a JSON line (no trailing newline).</summary>
    public static string Serialize(LineageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", record.Id);
            w.WriteString("kind", LineageRecord.KindName(record.Kind));
            w.WriteStartObject("attributes");
            foreach (var (k, v) in record.Attributes) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteStartArray("inputs");
            foreach (var i in record.Inputs) w.WriteStringValue(i);
            w.WriteEndArray();
            w.WriteString("created", record.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Parses one JSON line.</summary>
    public static LineageRecord Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var id = root.GetProperty("id").GetString() ?? throw new FormatException("id is null");
        var kind = LineageRecord.ParseKind(root.GetProperty("kind").GetString() ?? "");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("attributes", out var a))
            foreach (var p in a.EnumerateObject()) attributes[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        var inputs = new List<string>();
        if (root.TryGetProperty("inputs", out var ins))
            foreach (var i in ins.EnumerateArray()) inputs.Add(i.GetString() ?? throw new FormatException("input id is null"));
        var created = DateTimeOffset.Parse(root.GetProperty("created").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new LineageRecord(id, kind, attributes, inputs, created);
    }
}
