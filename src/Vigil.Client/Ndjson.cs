using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Client;

/// <summary>
/// Writes prediction events and labels as NDJSON (one JSON object per line, <c>application/x-ndjson</c>) in the shape
/// <c>POST /api/v1/models/{model}/predictions</c> and <c>/labels</c> read. Streaming writers with no reflection; cost
/// O(total characters). Use it to pre-serialise a batch once and send it with
/// <see cref="VigilClient.IngestPredictionsNdjsonAsync"/>.
/// </summary>
public static class Ndjson
{
    /// <summary>The media type of NDJSON bodies.</summary>
    public const string MediaType = "application/x-ndjson";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Serialises <paramref name="events"/> as NDJSON bytes.</summary>
    /// <exception cref="ArgumentException">An event has no id, an infinite number, or a feature value of an unsupported type.</exception>
    public static byte[] SerializePredictions(IEnumerable<PredictionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var index = 0;
        foreach (var e in events) WritePrediction(buffer, e, index++);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serialises <paramref name="labels"/> as NDJSON bytes.</summary>
    /// <exception cref="ArgumentException">A label has no id or no label.</exception>
    public static byte[] SerializeLabels(IEnumerable<LabelRecord> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var index = 0;
        foreach (var l in labels)
        {
            ArgumentNullException.ThrowIfNull(l, nameof(labels));
            if (string.IsNullOrEmpty(l.Id)) throw new ArgumentException($"label {index}: empty id", nameof(labels));
            if (l.Label is null) throw new ArgumentException($"label {index} ('{l.Id}'): null label", nameof(labels));
            using (var w = new Utf8JsonWriter(buffer, WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("id"u8, l.Id);
                w.WriteString("label"u8, l.Label);
                if (l.Timestamp is { } t) w.WriteString("timestamp"u8, FormatTime(t));
                w.WriteEndObject();
            }
            buffer.Write("\n"u8);
            index++;
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends one event and a line break to <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Target.</param>
    /// <param name="e">The event.</param>
    /// <param name="index">Its position, used in error messages.</param>
    /// <exception cref="ArgumentException">See <see cref="SerializePredictions"/>.</exception>
    public static void WritePrediction(IBufferWriter<byte> buffer, PredictionEvent e, int index)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(e, nameof(e));
        if (string.IsNullOrEmpty(e.Id)) throw new ArgumentException($"event {index}: empty id", nameof(e));
        if (e.Score is not null && e.Scores is not null) throw new ArgumentException($"event {index} ('{e.Id}'): give Score or Scores, not both", nameof(e));
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id"u8, e.Id);
            w.WriteString("timestamp"u8, FormatTime(e.Timestamp));
            if (e.Version is not null) w.WriteString("version"u8, e.Version);
            w.WritePropertyName("features"u8);
            w.WriteStartObject();
            if (e.Features is not null)
                foreach (var (name, value) in e.Features)
                {
                    w.WritePropertyName(name);
                    WriteFeature(w, value, index, e.Id, name);
                }
            w.WriteEndObject();
            if (e.Prediction is not null) w.WriteString("prediction"u8, e.Prediction);
            if (e.Score is { } s)
            {
                w.WritePropertyName("scores"u8);
                WriteNumber(w, s, index, e.Id, "score");
            }
            else if (e.Scores is not null)
            {
                w.WritePropertyName("scores"u8);
                w.WriteStartObject();
                foreach (var (label, p) in e.Scores)
                {
                    w.WritePropertyName(label);
                    WriteNumber(w, p, index, e.Id, $"score of '{label}'");
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
    }

    /// <summary>An event time as the API writes it: ISO-8601 UTC with a <c>Z</c> (unspecified kind = UTC).</summary>
    public static string FormatTime(DateTime time)
    {
        var utc = time.Kind switch
        {
            DateTimeKind.Local => time.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            _ => time,
        };
        return utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    private static void WriteFeature(Utf8JsonWriter w, object? value, int index, string id, string name)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case double d: WriteNumber(w, d, index, id, name); break;
            case float f: WriteNumber(w, f, index, id, name); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal m: w.WriteNumberValue(m); break;
            case short s16: w.WriteNumberValue(s16); break;
            case byte b: w.WriteNumberValue(b); break;
            case uint u: w.WriteNumberValue(u); break;
            case ulong ul: w.WriteNumberValue(ul); break;
            case bool flag: w.WriteStringValue(flag ? "true" : "false"); break;
            case char c: w.WriteStringValue(c.ToString()); break;
            case Enum en: w.WriteStringValue(en.ToString()); break;
            default:
                throw new ArgumentException($"event {index} ('{id}'): feature '{name}' has a {value.GetType().Name}; use a number, string, bool or null", "e");
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, double value, int index, string id, string what)
    {
        if (double.IsNaN(value)) { w.WriteNullValue(); return; }
        if (double.IsInfinity(value)) throw new ArgumentException($"event {index} ('{id}'): {what} is {value}; JSON has no infinity", "e");
        w.WriteNumberValue(value);
    }
}
