using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Server.Operations;

/// <summary>
/// Writes one stored window as its API document without building a DOM: the record's identifying columns first (they are
/// authoritative), then every other top-level member of the stored result copied through as raw JSON. Cost: one UTF-8
/// transcode and one forward pass over the stored text, no per-member allocation.
/// </summary>
internal static class WindowWriter
{
    private static readonly byte[][] Identifying =
        [.. new[] { "model", "index", "start", "end", "closed", "events", "labeled", "computed_at" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] Large = [.. new[] { "distributions", "profile" }.Select(Encoding.UTF8.GetBytes)];

    public static void Write(Utf8JsonWriter writer, WindowRecord w, bool summary)
    {
        writer.WriteStartObject();
        writer.WriteString("model", w.Model);
        writer.WriteNumber("index", w.Index);
        writer.WriteString("start", RegistryViewsUtc(w.Start));
        writer.WriteString("end", RegistryViewsUtc(w.End));
        writer.WriteBoolean("closed", w.Closed);
        writer.WriteNumber("events", w.Events);
        writer.WriteNumber("labeled", w.Labeled);
        writer.WriteString("computed_at", w.ComputedAt.UtcDateTime);
        CopyMembers(writer, w.ResultJson, summary);
        writer.WriteEndObject();
    }

    private static DateTime RegistryViewsUtc(DateTime t) => Registry.RegistryViews.Utc(t);

    private static void CopyMembers(Utf8JsonWriter writer, string json, bool summary)
    {
        if (string.IsNullOrEmpty(json)) return;
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, rented);
            var bytes = rented.AsSpan(0, length);
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return; // a stored result is always an object
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool skip = Matches(ref reader, Identifying) || (summary && Matches(ref reader, Large));
                if (skip)
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                bool plainName = !reader.ValueIsEscaped;
                int nameStart = (int)reader.TokenStartIndex + 1, nameLength = reader.ValueSpan.Length;
                string? escapedName = plainName ? null : reader.GetString();
                reader.Read();
                int valueStart = (int)reader.TokenStartIndex;
                reader.Skip(); // on a start token: moves to its matching end; on a primitive: stays
                int valueEnd = (int)reader.BytesConsumed;
                if (plainName) writer.WritePropertyName(bytes.Slice(nameStart, nameLength));
                else writer.WritePropertyName(escapedName!);
                writer.WriteRawValue(bytes[valueStart..valueEnd], skipInputValidation: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool Matches(ref Utf8JsonReader reader, byte[][] names)
    {
        foreach (var n in names)
            if (reader.ValueTextEquals(n)) return true;
        return false;
    }
}
