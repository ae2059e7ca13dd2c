namespace Vigil.Client;

public sealed partial class VigilClient
{
    /// <summary>Most events one ingest request may carry (docs/API.md).</summary>
    public const int MaxEventsPerRequest = 10_000;

    /// <summary>
    /// <c>POST /api/v1/models/{model}/predictions</c> (ingest): logs a batch (at most <see cref="MaxEventsPerRequest"/>).
    /// Per-event problems come back in <see cref="IngestResult.Rejected"/>; whole-request problems throw.
    /// </summary>
    /// <exception cref="ArgumentException">An event cannot be written as JSON (see <see cref="Ndjson.SerializePredictions"/>).</exception>
    /// <exception cref="VigilApiException">404 unknown model, 409 no monitor, 413 too large, 400 not readable.</exception>
    public Task<IngestResult> IngestPredictionsAsync(string model, IEnumerable<PredictionEvent> events, CancellationToken ct = default) =>
        IngestPredictionsNdjsonAsync(model, Ndjson.SerializePredictions(events), ct);

    /// <summary>Sends events already serialised as NDJSON (e.g. by <see cref="Ndjson.SerializePredictions"/>) unchanged.</summary>
    public Task<IngestResult> IngestPredictionsNdjsonAsync(string model, ReadOnlyMemory<byte> ndjson, CancellationToken ct = default) =>
        SendForAsync<IngestResult>(HttpMethod.Post, $"api/v1/models/{Segment(model)}/predictions", Bytes(ndjson, Ndjson.MediaType), ct);

    /// <summary>
    /// <c>POST /api/v1/models/{model}/labels</c> (ingest): stores true labels; labels for ids not logged yet are kept
    /// pending and joined when the prediction arrives.
    /// </summary>
    public Task<LabelResult> IngestLabelsAsync(string model, IEnumerable<LabelRecord> labels, CancellationToken ct = default) =>
        IngestLabelsNdjsonAsync(model, Ndjson.SerializeLabels(labels), ct);

    /// <summary>Sends labels already serialised as NDJSON unchanged.</summary>
    public Task<LabelResult> IngestLabelsNdjsonAsync(string model, ReadOnlyMemory<byte> ndjson, CancellationToken ct = default) =>
        SendForAsync<LabelResult>(HttpMethod.Post, $"api/v1/models/{Segment(model)}/labels", Bytes(ndjson, Ndjson.MediaType), ct);
}
