using System.Security.Cryptography;
using Vigil.Storage;

namespace Vigil.Monitoring.Tests.Support;

/// <summary>
/// An in-memory <see cref="IVigilStore"/> following the interface documentation, used to run the service end to end
/// until the DuckDB / PostgreSQL stores land (the same scenario then runs on DuckDB). Keys and reports are not needed
/// by the monitor and are not implemented.
/// </summary>
public sealed class InMemoryStore : IVigilStore
{
    private readonly MemRegistry _registry = new();
    private readonly MemBlobs _blobs = new();
    private readonly MemDatasets _datasets;
    private readonly MemPredictions _predictions = new();
    private readonly MonitorsStore _monitors = new();
    private readonly WindowsStore _windows = new();
    private readonly AlertsStore _alerts = new();
    private readonly TriggersStore _triggers = new();
    private readonly AuditStore _audit = new();

    public InMemoryStore() => _datasets = new MemDatasets(_blobs);

    public string Backend => "memory";
    public int SchemaVersion => 1;
    public IRegistryStore Registry => _registry;
    public IBlobStore Blobs => _blobs;
    public IDatasetStore Datasets => _datasets;
    public IPredictionStore Predictions => _predictions;
    public ILabelStore Labels => _predictions;
    public IMonitorStore Monitors => _monitors;
    public IWindowStore Windows => _windows;
    public IAlertStore Alerts => _alerts;
    public ITriggerStore Triggers => _triggers;
    public IAuditStore Audit => _audit;
    public IKeyStore Keys => throw new NotSupportedException();
    public IReportStore Reports => throw new NotSupportedException();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class MemRegistry : IRegistryStore
    {
        private readonly Dictionary<string, ModelRecord> _models = new(StringComparer.Ordinal);
        public Task<bool> CreateModelAsync(ModelRecord model, CancellationToken ct = default) { lock (_models) return Task.FromResult(_models.TryAdd(model.Name, model)); }
        public Task<ModelRecord?> GetModelAsync(string name, CancellationToken ct = default) { lock (_models) return Task.FromResult(_models.GetValueOrDefault(name)); }
        public Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct = default) { lock (_models) return Task.FromResult<IReadOnlyList<ModelRecord>>([.. _models.Values]); }
        public Task<bool> AddVersionAsync(ModelVersionRecord version, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ModelVersionRecord?> GetVersionAsync(string model, string version, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<ModelVersionRecord>> ListVersionsAsync(string model, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<AliasRecord>> ListAliasesAsync(string model, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<AliasRecord?> GetAliasAsync(string model, string alias, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetAliasAsync(AliasChange change, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string model, string? alias = null, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class MemBlobs : IBlobStore
    {
        private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
        public Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken ct = default)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
            lock (_blobs) _blobs.TryAdd(sha, content.ToArray());
            return Task.FromResult(sha);
        }
        public Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default) { lock (_blobs) return Task.FromResult(_blobs.GetValueOrDefault(sha256)); }
    }

    private sealed class MemDatasets(MemBlobs blobs) : IDatasetStore
    {
        private readonly Dictionary<string, DatasetRecord> _records = new(StringComparer.Ordinal);
        public async Task<DatasetRecord> PutAsync(string name, string format, ReadOnlyMemory<byte> content, CancellationToken ct = default)
        {
            var id = await blobs.PutAsync(content, ct);
            lock (_records)
            {
                if (!_records.TryGetValue(id, out var r)) _records[id] = r = new DatasetRecord(id, name, format, content.Length, DateTimeOffset.UtcNow);
                return r;
            }
        }
        public Task<DatasetRecord?> GetAsync(string id, CancellationToken ct = default) { lock (_records) return Task.FromResult(_records.GetValueOrDefault(id)); }
        public Task<byte[]?> ReadContentAsync(string id, CancellationToken ct = default) => blobs.GetAsync(id, ct);
    }

    private sealed record Event(string Id, DateTime Time, string? Version, string? Prediction, double Score, string? ScoresJson, Dictionary<string, double> Numbers, Dictionary<string, string?> Texts);

    private sealed class MemPredictions : IPredictionStore, ILabelStore
    {
        private readonly Dictionary<string, FeatureSchema> _schemas = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, Event>> _events = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, string>> _labels = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public Task EnsureSchemaAsync(string model, FeatureSchema schema, CancellationToken ct = default)
        {
            lock (_gate)
            {
                var fields = _schemas.TryGetValue(model, out var s) ? s.Fields.ToList() : [];
                foreach (var f in schema.Fields) if (!fields.Any(x => x.Name == f.Name)) fields.Add(f);
                _schemas[model] = new FeatureSchema(fields);
                _events.TryAdd(model, new Dictionary<string, Event>(StringComparer.Ordinal));
            }
            return Task.CompletedTask;
        }

        public Task<FeatureSchema?> GetSchemaAsync(string model, CancellationToken ct = default) { lock (_gate) return Task.FromResult(_schemas.GetValueOrDefault(model)); }

        public Task<AppendResult> AppendAsync(string model, PredictionBatch batch, CancellationToken ct = default)
        {
            lock (_gate)
            {
                var events = _events[model];
                var duplicates = new List<int>();
                var inserted = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    if (events.ContainsKey(batch.Ids[i])) { duplicates.Add(i); continue; }
                    var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
                    var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
                    for (var f = 0; f < batch.Schema.Fields.Count; f++)
                    {
                        if (batch.Numeric[f] is { } n) numbers[batch.Schema.Fields[f].Name] = n[i];
                        else texts[batch.Schema.Fields[f].Name] = batch.Categorical[f]![i];
                    }
                    events[batch.Ids[i]] = new Event(batch.Ids[i], batch.Timestamps[i], batch.Versions[i], batch.Predictions[i], batch.Scores[i], batch.ScoresJson[i], numbers, texts);
                    inserted++;
                }
                return Task.FromResult(new AppendResult(inserted, duplicates));
            }
        }

        public Task<long> CountAsync(string model, CancellationToken ct = default) { lock (_gate) return Task.FromResult((long)_events[model].Count); }

        public Task<PredictionRows> ReadRangeAsync(string model, DateTime from, DateTime to, CancellationToken ct = default)
        {
            lock (_gate)
            {
                var schema = _schemas[model];
                var list = _events[model].Values.Where(e => e.Time >= from && e.Time < to).OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
                var labels = _labels.GetValueOrDefault(model);
                var rows = new PredictionRows(schema, list.Count);
                var b = rows.Batch;
                for (var i = 0; i < list.Count; i++)
                {
                    var e = list[i];
                    b.Ids[i] = e.Id; b.Timestamps[i] = e.Time; b.Versions[i] = e.Version; b.Predictions[i] = e.Prediction; b.Scores[i] = e.Score; b.ScoresJson[i] = e.ScoresJson;
                    for (var f = 0; f < schema.Fields.Count; f++)
                    {
                        var name = schema.Fields[f].Name;
                        if (b.Numeric[f] is { } n) n[i] = e.Numbers.TryGetValue(name, out var x) ? x : double.NaN;
                        else b.Categorical[f]![i] = e.Texts.GetValueOrDefault(name);
                    }
                    rows.Labels[i] = labels?.GetValueOrDefault(e.Id);
                }
                return Task.FromResult(rows);
            }
        }

        public Task<(DateTime First, DateTime Last)?> TimeSpanAsync(string model, CancellationToken ct = default)
        {
            lock (_gate)
            {
                var events = _events.GetValueOrDefault(model);
                if (events is null || events.Count == 0) return Task.FromResult<(DateTime, DateTime)?>(null);
                return Task.FromResult<(DateTime, DateTime)?>((events.Values.Min(e => e.Time), events.Values.Max(e => e.Time)));
            }
        }

        public Task<long> DeleteBeforeAsync(string model, DateTime cutoff, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<LabelAppendResult> AppendAsync(string model, IReadOnlyList<LabelEvent> labels, CancellationToken ct = default)
        {
            lock (_gate)
            {
                if (!_labels.TryGetValue(model, out var map)) _labels[model] = map = new Dictionary<string, string>(StringComparer.Ordinal);
                var events = _events[model];
                var times = new List<DateTime>();
                var matched = 0;
                foreach (var l in labels)
                {
                    map[l.Id] = l.Label;
                    if (events.TryGetValue(l.Id, out var e)) { matched++; times.Add(e.Time); }
                }
                return Task.FromResult(new LabelAppendResult(labels.Count, matched, labels.Count - matched, times));
            }
        }

        Task<long> ILabelStore.CountAsync(string model, CancellationToken ct) { lock (_gate) return Task.FromResult((long)(_labels.GetValueOrDefault(model)?.Count ?? 0)); }
    }

    private sealed class MonitorsStore : IMonitorStore
    {
        private readonly Dictionary<string, MonitorRecord> _m = new(StringComparer.Ordinal);
        public Task PutAsync(MonitorRecord monitor, CancellationToken ct = default) { lock (_m) _m[monitor.Model] = monitor; return Task.CompletedTask; }
        public Task<MonitorRecord?> GetAsync(string model, CancellationToken ct = default) { lock (_m) return Task.FromResult(_m.GetValueOrDefault(model)); }
        public Task<IReadOnlyList<MonitorRecord>> ListAsync(CancellationToken ct = default) { lock (_m) return Task.FromResult<IReadOnlyList<MonitorRecord>>([.. _m.Values]); }
    }

    private sealed class WindowsStore : IWindowStore
    {
        private readonly Dictionary<(string, DateTime), WindowRecord> _w = [];
        public Task UpsertAsync(WindowRecord window, CancellationToken ct = default) { lock (_w) _w[(window.Model, window.Start)] = window; return Task.CompletedTask; }
        public Task<IReadOnlyList<WindowRecord>> ListAsync(string model, DateTime from, DateTime to, CancellationToken ct = default)
        { lock (_w) return Task.FromResult<IReadOnlyList<WindowRecord>>([.. _w.Values.Where(w => w.Model == model && w.Start >= from && w.Start < to).OrderBy(w => w.Start)]); }
        public Task<WindowRecord?> GetAsync(string model, DateTime start, CancellationToken ct = default) { lock (_w) return Task.FromResult(_w.GetValueOrDefault((model, start))); }
        public Task<WindowRecord?> LatestAsync(string model, CancellationToken ct = default)
        { lock (_w) return Task.FromResult(_w.Values.Where(w => w.Model == model).OrderByDescending(w => w.Start).FirstOrDefault()); }
    }

    private sealed class AlertsStore : IAlertStore
    {
        private readonly List<AlertRecord> _a = [];
        public Task<AlertRecord> InsertAsync(AlertRecord alert, CancellationToken ct = default)
        { lock (_a) { var r = alert with { Id = _a.Count + 1 }; _a.Add(r); return Task.FromResult(r); } }
        public Task ResolveAsync(long id, DateTimeOffset at, CancellationToken ct = default)
        { lock (_a) { var i = _a.FindIndex(x => x.Id == id); _a[i] = _a[i] with { State = "resolved", ResolvedAt = at }; } return Task.CompletedTask; }
        public Task<IReadOnlyList<AlertRecord>> ListAsync(string? model = null, string? state = null, int limit = 1000, CancellationToken ct = default)
        { lock (_a) return Task.FromResult<IReadOnlyList<AlertRecord>>([.. _a.Where(x => (model is null || x.Model == model) && (state is null || x.State == state)).OrderByDescending(x => x.Id).Take(limit)]); }
    }

    private sealed class TriggersStore : ITriggerStore
    {
        private readonly List<TriggerRecord> _t = [];
        public Task<TriggerRecord> InsertAsync(TriggerRecord trigger, CancellationToken ct = default)
        { lock (_t) { var r = trigger with { Id = _t.Count + 1 }; _t.Add(r); return Task.FromResult(r); } }
        public Task<IReadOnlyList<TriggerRecord>> ListAsync(string model, CancellationToken ct = default)
        { lock (_t) return Task.FromResult<IReadOnlyList<TriggerRecord>>([.. _t.Where(x => x.Model == model).OrderByDescending(x => x.Id)]); }
    }

    private sealed class AuditStore : IAuditStore
    {
        private readonly List<AuditEntry> _e = [];
        public Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken ct = default)
        { lock (_e) { var e = new AuditEntry(_e.Count + 1, DateTimeOffset.UtcNow, draft.Actor, draft.Action, draft.Target, draft.BeforeJson, draft.AfterJson, "", ""); _e.Add(e); return Task.FromResult(e); } }
        public Task<IReadOnlyList<AuditEntry>> ReadAllAsync(CancellationToken ct = default) { lock (_e) return Task.FromResult<IReadOnlyList<AuditEntry>>([.. _e]); }
    }
}
