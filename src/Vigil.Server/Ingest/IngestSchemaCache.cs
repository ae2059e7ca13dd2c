using System.Collections.Concurrent;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Remembers, per model, that it exists, its task and positive label, and its feature schema (prepared for
/// parsing), so an ingest request costs no store round trip before its append. Also pools the per-request
/// parse buffers (a <see cref="PredictionBatch"/> of <see cref="IngestLimits.MaxEvents"/> rows each).
/// Only models with a schema are cached (unknown models and models without a monitor are looked up again on
/// every request, so creating them takes effect at once). An entry is trusted for <see cref="TimeToLive"/> and
/// then re-read, so a schema change is seen within seconds even without <see cref="Invalidate"/>; call
/// <see cref="Invalidate"/> after a monitor PUT to see it at once. A lookup racing with an invalidation does not
/// cache its stale answer.
/// </summary>
public sealed class IngestSchemaCache
{
    private const int PooledParsersPerModel = 8;
    private readonly ConcurrentDictionary<string, ModelEntry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _generation;

    /// <summary>How long a cached entry is used before the store is asked again (10 s).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(10);

    /// <summary>A cache on the system clock.</summary>
    public IngestSchemaCache() : this(TimeProvider.System) { }

    /// <summary>A cache whose entry lifetime follows <paramref name="time"/>.</summary>
    public IngestSchemaCache(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

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
        long now = _time.GetTimestamp();
        if (_entries.TryGetValue(model, out var cached))
        {
            if (_time.GetElapsedTime(cached.LoadedAt, now) < TimeToLive) return cached;
            _entries.TryUpdate(model, cached.Refreshed(now), cached); // others keep using it while this request re-reads
        }
        long generation = Interlocked.Read(ref _generation);
        var record = await store.Registry.GetModelAsync(model, ct).ConfigureAwait(false);
        if (record is null)
        {
            _entries.TryRemove(model, out _);
            return null;
        }
        var monitor = await store.Monitors.GetAsync(model, ct).ConfigureAwait(false);
        FeatureSchema? schema = monitor is null ? null : await store.Predictions.GetSchemaAsync(model, ct).ConfigureAwait(false);
        if (cached is not null && cached.Model == record && cached.Schema is { } old && schema is not null && SameFields(old.Schema, schema))
            return cached; // unchanged: keep the entry (and its pooled buffers), now refreshed
        var entry = new ModelEntry(record, monitor is not null, schema is null ? null : new IngestSchema(record, schema), now);
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (entry.Schema is not null) _entries[model] = entry;
            else _entries.TryRemove(model, out _);
        }
        return entry;
    }

    private static bool SameFields(FeatureSchema a, FeatureSchema b)
    {
        if (a.Fields.Count != b.Fields.Count) return false;
        for (int i = 0; i < a.Fields.Count; i++)
            if (a.Fields[i] != b.Fields[i]) return false;
        return true;
    }

    /// <summary>What ingest knows about one model.</summary>
    internal sealed class ModelEntry(ModelRecord model, bool hasMonitor, IngestSchema? schema, long loadedAt)
    {
        private readonly ConcurrentBag<PredictionEventParser> _parsers = new();

        /// <summary><see cref="TimeProvider.GetTimestamp"/> when read from the store.</summary>
        public long LoadedAt { get; private set; } = loadedAt;

        /// <summary>Marks the entry fresh again (it was re-read and found unchanged, or is being re-read).</summary>
        public ModelEntry Refreshed(long now)
        {
            LoadedAt = now;
            return this;
        }

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
