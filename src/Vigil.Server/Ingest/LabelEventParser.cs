using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Parses labels <c>[{"id", "label", "timestamp"?}]</c> (JSON array or NDJSON) with <see cref="Utf8JsonReader"/>.
/// A label may be a string, number or boolean and is stored as text (numbers as sent, booleans as
/// <c>true</c>/<c>false</c>). Per-label rejects: missing id, missing label, wrong type, bad timestamp.
/// </summary>
internal sealed class LabelEventParser : IIngestEventSink
{
    private readonly Utf8StringInterner _interner = new();

    /// <summary>Labels accepted so far, in request order.</summary>
    public List<LabelEvent> Labels { get; } = new();

    /// <summary>Labels not stored.</summary>
    public List<IngestReject> Rejects { get; } = new();

    /// <summary>Parses a whole body; a non-null result is a whole-request problem.</summary>
    public IngestRequestError? Parse(ReadOnlySpan<byte> body, out int count) => IngestJsonFraming.ReadEvents(body, this, out count);

    void IIngestEventSink.ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Rejects.Add(new IngestReject(index, null, "label is not a JSON object"));
            reader.Skip();
            return;
        }
        string? id = null, label = null, reason = null;
        DateTime? time = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: id = reader.GetString(); break;
                    case JsonTokenType.Number: id = Encoding.UTF8.GetString(reader.ValueSpan); break;
                    case JsonTokenType.Null: break;
                    default: reason ??= "wrong type for 'id': expected a string"; reader.Skip(); break;
                }
            }
            else if (reader.ValueTextEquals("label"u8))
            {
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: label = _interner.Get(ref reader); break;
                    case JsonTokenType.Number:
                        if (reader.TryGetDouble(out double v) && double.IsFinite(v)) label = _interner.Get(ref reader);
                        else reason ??= "NaN/Inf for 'label': the number is outside the double range";
                        break;
                    case JsonTokenType.True: label = "true"; break;
                    case JsonTokenType.False: label = "false"; break;
                    case JsonTokenType.Null: break;
                    default:
                        reason ??= $"wrong type for 'label': expected a string, number or boolean, got {PredictionEventParser.Describe(reader.TokenType)}";
                        reader.Skip();
                        break;
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (PredictionEventParser.ReadTime(ref reader, ref reason, out var t)) time = t;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (string.IsNullOrEmpty(id)) reason ??= "missing id";
        else if (id.Length > IngestLimits.MaxIdLength) reason ??= string.Create(CultureInfo.InvariantCulture, $"id longer than {IngestLimits.MaxIdLength} characters");
        if (label is null) reason ??= "missing label";
        if (reason is not null)
        {
            Rejects.Add(new IngestReject(index, id is { Length: <= IngestLimits.MaxIdLength } ? id : null, reason));
            return;
        }
        Labels.Add(new LabelEvent(id!, label!, time));
    }
}
