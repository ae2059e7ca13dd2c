using System.Collections.Concurrent;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Remembers, per model, that it exists, its task and positive label, and its feature schema (prepared for
/// parsing), so an ingest request costs no store round trip before its append. Also pools the per-request
/// parse buffers (a <see cref="PredictionBatch"/> of <see cref="IngestLimits.MaxEvents"/> rows each).
/// Unknown models are not cached. Call <see cref="Invalidate"/> whenever a model's monitor (and so its schema)
/// is set or the model changes; a lookup racing with an invalidation does not cache its stale answer.
/// </summary>
public sealed class IngestSchemaCache
{
    private const int PooledParsersPerModel = 8;
    private readonly ConcurrentDictionary<string, ModelEntry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Forgets what is cached for <paramref name="model"/> (call after <c>PUT .../monitor</c>).</summary>
    public void Invalidate(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(model, out _);
    }

    /// <summary>Forgets every model.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>The model's entry, or null when no such model is registered.</summary>
    internal async ValueTask<ModelEntry?> GetAsync(IVigilStore store, string model, CancellationToken ct)
    {
        if (_entries.TryGetValue(model, out var cached)) return cached;
        long generation = Interlocked.Read(ref _generation);
        var record = await store.Registry.GetModelAsync(model, ct).ConfigureAwait(false);
        if (record is null) return null;
        var monitor = await store.Monitors.GetAsync(model, ct).ConfigureAwait(false);
        FeatureSchema? schema = monitor is null ? null : await store.Predictions.GetSchemaAsync(model, ct).ConfigureAwait(false);
        var entry = new ModelEntry(record, monitor is not null, schema is null ? null : new IngestSchema(record, schema));
        if (Interlocked.Read(ref _generation) == generation) _entries.TryAdd(model, entry);
        return entry;
    }

    /// <summary>What ingest knows about one model.</summary>
    internal sealed class ModelEntry(ModelRecord model, bool hasMonitor, IngestSchema? schema)
    {
        private readonly ConcurrentBag<PredictionEventParser> _parsers = new();

        public ModelRecord Model { get; } = model;

        public bool HasMonitor { get; } = hasMonitor;

        /// <summary>Null when the model has no monitor or no stored schema yet.</summary>
        public IngestSchema? Schema { get; } = schema;

        public PredictionEventParser RentParser()
        {
            if (_parsers.TryTake(out var parser)) return parser;
            return new PredictionEventParser(Schema!, new PredictionBatch(Schema!.Schema, IngestLimits.MaxEvents));
        }

        public void ReturnParser(PredictionEventParser parser)
        {
            parser.Reset();
            if (_parsers.Count < PooledParsersPerModel) _parsers.Add(parser);
        }
    }
}
