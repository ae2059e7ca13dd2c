using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Parses prediction events straight from the request bytes into a <see cref="PredictionBatch"/> in the
/// model's schema order, with <see cref="Utf8JsonReader"/> (no DOM, no reflection, no per-event allocation
/// beyond the id string; repeated categories and labels are interned). Event shape (docs/API.md, "Ingest"):
/// <c>{"id", "timestamp", "version"?, "features": {name: number|string|null}, "prediction"?, "scores"?: number | {label: p}}</c>.
/// <para>Per-event rejects (the event is skipped, the rest of the request continues): missing id, missing or bad
/// timestamp, unknown feature, wrong type (numeric features take numbers or null; categorical features take
/// strings, numbers and booleans as text, or null), NaN/Inf (a number outside the double range), score outside
/// [0, 1]. A feature left out is a missing value (NaN / null). Unknown top-level fields are ignored.</para>
/// <para>Binary models: a number score is the positive-class probability; an object's entry for the model's
/// positive label is taken as the score. Multiclass models need an object and keep it as JSON.</para>
/// </summary>
internal sealed class PredictionEventParser : IIngestEventSink
{
    private readonly IngestSchema _schema;
    private readonly PredictionBatch _batch;
    private readonly Utf8StringInterner?[] _categoryInterners;
    private readonly Utf8StringInterner _labelInterner = new();
    private readonly byte[]? _positiveLabel;
    private readonly bool _multiclass, _regression;

    /// <summary>A parser filling <paramref name="batch"/> (capacity ≥ <see cref="IngestLimits.MaxEvents"/>) for the model.</summary>
    public PredictionEventParser(IngestSchema schema, PredictionBatch batch)
    {
        _schema = schema;
        _batch = batch;
        _categoryInterners = new Utf8StringInterner?[schema.Count];
        for (int f = 0; f < schema.Count; f++)
            if (schema.Kinds[f] == FeatureKind.Categorical) _categoryInterners[f] = new Utf8StringInterner();
        _positiveLabel = schema.Model.PositiveLabel is { } p ? Encoding.UTF8.GetBytes(p) : null;
        _multiclass = schema.Model.Task == ModelTask.Multiclass;
        _regression = schema.Model.Task == ModelTask.Regression;
    }

    /// <summary>The batch being filled.</summary>
    public PredictionBatch Batch => _batch;

    /// <summary>Events not stored, in request order.</summary>
    public List<IngestReject> Rejects { get; } = new();

    /// <summary>Earliest accepted event time (valid when <see cref="PredictionBatch.Count"/> &gt; 0).</summary>
    public DateTime MinTimestamp { get; private set; } = DateTime.MaxValue;

    /// <summary>Latest accepted event time.</summary>
    public DateTime MaxTimestamp { get; private set; } = DateTime.MinValue;

    /// <summary>Empties the batch and rejects so the parser (and its interned strings) can serve another request.</summary>
    public void Reset()
    {
        int n = _batch.Count;
        Array.Clear(_batch.Ids, 0, n);
        Array.Clear(_batch.Versions, 0, n);
        Array.Clear(_batch.Predictions, 0, n);
        Array.Clear(_batch.ScoresJson, 0, n);
        foreach (var column in _batch.Categorical) if (column is not null) Array.Clear(column, 0, n);
        _batch.Count = 0;
        Rejects.Clear();
        MinTimestamp = DateTime.MaxValue;
        MaxTimestamp = DateTime.MinValue;
    }

    /// <summary>Parses a whole body; a non-null result is a whole-request problem (then nothing may be written).</summary>
    public IngestRequestError? Parse(ReadOnlySpan<byte> body, out int events) => IngestJsonFraming.ReadEvents(body, this, out events);

    void IIngestEventSink.ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Rejects.Add(new IngestReject(index, null, "event is not a JSON object"));
            reader.Skip();
            return;
        }
        var b = _batch;
        int row = b.Count;
        if (row >= b.Ids.Length) throw new InvalidOperationException("Batch capacity is below the event limit.");
        ClearRow(row);
        string? id = null, reason = null;
        bool haveTime = false;
        DateTime time = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadId(ref reader, ref reason);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                haveTime = ReadTime(ref reader, ref reason, out time);
            }
            else if (reader.ValueTextEquals("features"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadFeatures(ref reader, row, ref reason);
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    reason ??= "wrong type for 'features': expected an object {name: value}";
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("scores"u8))
            {
                reader.Read();
                ReadScores(ref reader, json, row, ref reason);
            }
            else if (reader.ValueTextEquals("prediction"u8))
            {
                reader.Read();
                b.Predictions[row] = ReadPrediction(ref reader, ref reason);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.Number) b.Versions[row] = _labelInterner.Get(ref reader);
                else if (reader.TokenType != JsonTokenType.Null) { reason ??= "wrong type for 'version': expected a string"; reader.Skip(); }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (id is null) reason ??= "missing id";
        else if (!haveTime) reason ??= "bad timestamp: missing (expected ISO-8601, e.g. 2026-11-27T12:00:00Z)";
        if (reason is not null)
        {
            Rejects.Add(new IngestReject(index, id, reason));
            return;
        }
        b.Ids[row] = id!;
        b.Timestamps[row] = time;
        if (time < MinTimestamp) MinTimestamp = time;
        if (time > MaxTimestamp) MaxTimestamp = time;
        b.Count = row + 1;
    }

    private void ClearRow(int row)
    {
        var b = _batch;
        b.Versions[row] = null;
        b.Predictions[row] = null;
        b.Scores[row] = double.NaN;
        b.ScoresJson[row] = null;
        var kinds = _schema.Kinds;
        for (int f = 0; f < kinds.Length; f++)
        {
            if (kinds[f] == FeatureKind.Numeric) b.Numeric[f]![row] = double.NaN;
            else b.Categorical[f]![row] = null;
        }
    }

    private static string? ReadId(ref Utf8JsonReader reader, ref string? reason)
    {
        string? id;
        switch (reader.TokenType)
        {
            case JsonTokenType.String: id = reader.GetString(); break;
            case JsonTokenType.Number: id = Encoding.UTF8.GetString(reader.ValueSpan); break;
            case JsonTokenType.Null: return null;
            default:
                reason ??= "wrong type for 'id': expected a string";
                reader.Skip();
                return null;
        }
        if (string.IsNullOrEmpty(id)) return null;
        if (id.Length > IngestLimits.MaxIdLength)
        {
            reason ??= $"id longer than {IngestLimits.MaxIdLength} characters";
            return id[..32] + "…";
        }
        return id;
    }

    internal static bool ReadTime(ref Utf8JsonReader reader, ref string? reason, out DateTime time)
    {
        time = default;
        if (reader.TokenType == JsonTokenType.Null) return false;
        if (reader.TokenType != JsonTokenType.String)
        {
            reason ??= "bad timestamp: expected an ISO-8601 string, e.g. 2026-11-27T12:00:00Z";
            reader.Skip();
            return false;
        }
        int length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        bool ok;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped) ok = Utf8Timestamp.TryParse(reader.ValueSpan, out time);
        else if (length <= 128)
        {
            Span<byte> copy = stackalloc byte[length];
            int n = reader.CopyString(copy);
            ok = Utf8Timestamp.TryParse(copy[..n], out time);
        }
        else ok = false;
        if (!ok)
        {
            string shown = length <= 64 ? reader.GetString()! : "(" + length.ToString(CultureInfo.InvariantCulture) + " bytes)";
            reason ??= $"bad timestamp '{shown}': expected ISO-8601 such as 2026-11-27T12:00:00Z (T or space; no zone = UTC)";
        }
        return ok;
    }

    private void ReadFeatures(ref Utf8JsonReader reader, int row, ref string? reason)
    {
        var b = _batch;
        var kinds = _schema.Kinds;
        int expected = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int f = _schema.Find(ref reader, expected);
            if (f < 0)
            {
                reason ??= $"unknown feature '{reader.GetString()}'";
                reader.Read();
                reader.Skip();
                continue;
            }
            expected = f + 1;
            reader.Read();
            var token = reader.TokenType;
            if (kinds[f] == FeatureKind.Numeric)
            {
                if (token == JsonTokenType.Number)
                {
                    if (reader.TryGetDouble(out double v) && double.IsFinite(v)) b.Numeric[f]![row] = v;
                    else reason ??= $"NaN/Inf for feature '{_schema.Schema.Fields[f].Name}': the number is outside the double range";
                }
                else if (token != JsonTokenType.Null)
                {
                    reason ??= $"wrong type for feature '{_schema.Schema.Fields[f].Name}': expected a number or null, got {Describe(token)}";
                    reader.Skip();
                }
            }
            else
            {
                switch (token)
                {
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                        b.Categorical[f]![row] = _categoryInterners[f]!.Get(ref reader);
                        break;
                    case JsonTokenType.True: b.Categorical[f]![row] = "true"; break;
                    case JsonTokenType.False: b.Categorical[f]![row] = "false"; break;
                    case JsonTokenType.Null: break;
                    default:
                        reason ??= $"wrong type for feature '{_schema.Schema.Fields[f].Name}': expected a string or null, got {Describe(token)}";
                        reader.Skip();
                        break;
                }
            }
        }
    }

    private string? ReadPrediction(ref Utf8JsonReader reader, ref string? reason)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return _labelInterner.Get(ref reader);
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out double v) || !double.IsFinite(v))
                {
                    reason ??= "NaN/Inf for 'prediction': the number is outside the double range";
                    return null;
                }
                return _regression ? v.ToString("R", CultureInfo.InvariantCulture) : _labelInterner.Get(ref reader);
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            case JsonTokenType.Null: return null;
            default:
                reason ??= $"wrong type for 'prediction': expected a string or number, got {Describe(reader.TokenType)}";
                reader.Skip();
                return null;
        }
    }

    private void ReadScores(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int row, ref string? reason)
    {
        var b = _batch;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return;
            case JsonTokenType.Number:
                if (_multiclass)
                {
                    reason ??= "wrong type for 'scores': a multiclass model needs an object {label: probability}";
                    return;
                }
                if (ReadProbability(ref reader, "scores", ref reason, out double p)) b.Scores[row] = p;
                return;
            case JsonTokenType.StartObject:
                int start = (int)reader.TokenStartIndex;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool positive = _positiveLabel is not null && !_multiclass && reader.ValueTextEquals(_positiveLabel);
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        reason ??= $"wrong type for 'scores': expected {{label: probability}} with numbers, got {Describe(reader.TokenType)}";
                        reader.Skip();
                        continue;
                    }
                    if (ReadProbability(ref reader, "scores", ref reason, out double q) && positive) b.Scores[row] = q;
                }
                if (_multiclass) b.ScoresJson[row] = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                return;
            default:
                reason ??= $"wrong type for 'scores': expected a number or an object {{label: probability}}, got {Describe(reader.TokenType)}";
                reader.Skip();
                return;
        }
    }

    private static bool ReadProbability(ref Utf8JsonReader reader, string field, ref string? reason, out double p)
    {
        if (!reader.TryGetDouble(out p) || !double.IsFinite(p))
        {
            reason ??= $"NaN/Inf in '{field}': the number is outside the double range";
            return false;
        }
        if (p < 0 || p > 1)
        {
            reason ??= string.Create(CultureInfo.InvariantCulture, $"score {p} outside [0, 1] in '{field}'");
            return false;
        }
        return true;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
