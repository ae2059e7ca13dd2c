namespace Vigil.Storage;

/// <summary>Models, versions and aliases (with alias history for rollback).</summary>
public interface IRegistryStore
{
    /// <summary>Creates a model; false when the name exists.</summary>
    Task<bool> CreateModelAsync(ModelRecord model, CancellationToken ct = default);
    /// <summary>The model, or null.</summary>
    Task<ModelRecord?> GetModelAsync(string name, CancellationToken ct = default);
    /// <summary>All models by name.</summary>
    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct = default);
    /// <summary>Adds a version; false when (model, version) exists.</summary>
    Task<bool> AddVersionAsync(ModelVersionRecord version, CancellationToken ct = default);
    /// <summary>The version, or null.</summary>
    Task<ModelVersionRecord?> GetVersionAsync(string model, string version, CancellationToken ct = default);
    /// <summary>The model's versions, oldest first.</summary>
    Task<IReadOnlyList<ModelVersionRecord>> ListVersionsAsync(string model, CancellationToken ct = default);
    /// <summary>The model's aliases by name.</summary>
    Task<IReadOnlyList<AliasRecord>> ListAliasesAsync(string model, CancellationToken ct = default);
    /// <summary>The alias, or null.</summary>
    Task<AliasRecord?> GetAliasAsync(string model, string alias, CancellationToken ct = default);
    /// <summary>Points the alias at <see cref="AliasChange.ToVersion"/> and appends the change to its history, atomically.</summary>
    Task SetAliasAsync(AliasChange change, CancellationToken ct = default);
    /// <summary>Alias history of the model (one alias when given), oldest first.</summary>
    Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string model, string? alias = null, CancellationToken ct = default);
}

/// <summary>Content-addressed bytes (artifacts, dataset files, report bodies) keyed by lower-case hex SHA-256.</summary>
public interface IBlobStore
{
    /// <summary>Stores the bytes (no-op when present) and returns their SHA-256.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken ct = default);
    /// <summary>The bytes, or null.</summary>
    Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default);
}

/// <summary>Named datasets whose content is a blob.</summary>
public interface IDatasetStore
{
    /// <summary>Stores (or finds) the dataset whose id is the SHA-256 of <paramref name="content"/>.</summary>
    Task<DatasetRecord> PutAsync(string name, string format, ReadOnlyMemory<byte> content, CancellationToken ct = default);
    /// <summary>The dataset record, or null.</summary>
    Task<DatasetRecord?> GetAsync(string id, CancellationToken ct = default);
    /// <summary>The dataset bytes, or null.</summary>
    Task<byte[]?> ReadContentAsync(string id, CancellationToken ct = default);
}

/// <summary>
/// The prediction log: one table per model with typed feature columns. <see cref="AppendAsync"/> is durable on
/// return and idempotent on (model, id).
/// </summary>
public interface IPredictionStore
{
    /// <summary>Creates or widens the model's prediction table for this schema (new features are added; none removed).</summary>
    Task EnsureSchemaAsync(string model, FeatureSchema schema, CancellationToken ct = default);
    /// <summary>The model's stored schema, or null when none.</summary>
    Task<FeatureSchema?> GetSchemaAsync(string model, CancellationToken ct = default);
    /// <summary>Appends the batch in one transaction; ids already stored (or repeated in the batch) are skipped and reported.</summary>
    Task<AppendResult> AppendAsync(string model, PredictionBatch batch, CancellationToken ct = default);
    /// <summary>Number of stored events.</summary>
    Task<long> CountAsync(string model, CancellationToken ct = default);
    /// <summary>Events with <c>from &lt;= timestamp &lt; to</c>, ordered by time then id, with labels joined.</summary>
    Task<PredictionRows> ReadRangeAsync(string model, DateTime from, DateTime to, CancellationToken ct = default);
    /// <summary>Earliest and latest event time, or null when empty.</summary>
    Task<(DateTime First, DateTime Last)?> TimeSpanAsync(string model, CancellationToken ct = default);
    /// <summary>Deletes events with timestamp before <paramref name="cutoff"/>; returns how many.</summary>
    Task<long> DeleteBeforeAsync(string model, DateTime cutoff, CancellationToken ct = default);
}

/// <summary>Labels, keyed by (model, event id), joined to predictions whenever either arrives.</summary>
public interface ILabelStore
{
    /// <summary>Stores the labels in one transaction (replacing earlier labels for the same id).</summary>
    Task<LabelAppendResult> AppendAsync(string model, IReadOnlyList<LabelEvent> labels, CancellationToken ct = default);
    /// <summary>Number of stored labels.</summary>
    Task<long> CountAsync(string model, CancellationToken ct = default);
}

/// <summary>Monitor configurations, one per model.</summary>
public interface IMonitorStore
{
    /// <summary>Creates or replaces the model's monitor.</summary>
    Task PutAsync(MonitorRecord monitor, CancellationToken ct = default);
    /// <summary>The monitor, or null.</summary>
    Task<MonitorRecord?> GetAsync(string model, CancellationToken ct = default);
    /// <summary>All monitors.</summary>
    Task<IReadOnlyList<MonitorRecord>> ListAsync(CancellationToken ct = default);
}

/// <summary>Window results, keyed by (model, start).</summary>
public interface IWindowStore
{
    /// <summary>Inserts or replaces the window with the same (model, start).</summary>
    Task UpsertAsync(WindowRecord window, CancellationToken ct = default);
    /// <summary>Windows whose start lies in [from, to), ordered by start.</summary>
    Task<IReadOnlyList<WindowRecord>> ListAsync(string model, DateTime from, DateTime to, CancellationToken ct = default);
    /// <summary>The window starting at <paramref name="start"/>, or null.</summary>
    Task<WindowRecord?> GetAsync(string model, DateTime start, CancellationToken ct = default);
    /// <summary>The most recent window by start, or null.</summary>
    Task<WindowRecord?> LatestAsync(string model, CancellationToken ct = default);
}

/// <summary>Fired and resolved alerts.</summary>
public interface IAlertStore
{
    /// <summary>Stores a new alert and returns it with its id.</summary>
    Task<AlertRecord> InsertAsync(AlertRecord alert, CancellationToken ct = default);
    /// <summary>Marks the alert resolved.</summary>
    Task ResolveAsync(long id, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Alerts, newest first, filtered by model and/or state when given.</summary>
    Task<IReadOnlyList<AlertRecord>> ListAsync(string? model = null, string? state = null, int limit = 1000, CancellationToken ct = default);
}

/// <summary>Retraining triggers.</summary>
public interface ITriggerStore
{
    /// <summary>Stores the trigger and returns it with its id.</summary>
    Task<TriggerRecord> InsertAsync(TriggerRecord trigger, CancellationToken ct = default);
    /// <summary>The model's triggers, newest first.</summary>
    Task<IReadOnlyList<TriggerRecord>> ListAsync(string model, CancellationToken ct = default);
}

/// <summary>The append-only, hash-chained audit log.</summary>
public interface IAuditStore
{
    /// <summary>Appends an entry chained to the last one (in one transaction) and returns it.</summary>
    Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken ct = default);
    /// <summary>All entries in sequence order.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAllAsync(CancellationToken ct = default);
}

/// <summary>API keys (hashes only).</summary>
public interface IKeyStore
{
    /// <summary>Stores a key record.</summary>
    Task CreateAsync(ApiKeyRecord key, CancellationToken ct = default);
    /// <summary>The key with this id (revoked or not), or null.</summary>
    Task<ApiKeyRecord?> GetAsync(string id, CancellationToken ct = default);
    /// <summary>All keys.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct = default);
    /// <summary>Revokes the key; false when unknown or already revoked.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>True when at least one unrevoked key exists.</summary>
    Task<bool> AnyActiveAsync(CancellationToken ct = default);
}

/// <summary>Stored HTML + JSON reports.</summary>
public interface IReportStore
{
    /// <summary>Stores a report and returns its record.</summary>
    Task<ReportRecord> PutAsync(string? model, string kind, string title, string html, string? json, CancellationToken ct = default);
    /// <summary>Reports newest first, for one model when given.</summary>
    Task<IReadOnlyList<ReportRecord>> ListAsync(string? model = null, CancellationToken ct = default);
    /// <summary>The record and bodies, or null.</summary>
    Task<(ReportRecord Record, string Html, string? Json)?> GetAsync(string id, CancellationToken ct = default);
}

/// <summary>
/// One database holding every store. Open with <c>VigilStore.OpenDuckDbAsync</c> or <c>VigilStore.OpenPostgresAsync</c>,
/// which apply the versioned migrations.
/// </summary>
public interface IVigilStore : IAsyncDisposable
{
    /// <summary>"duckdb" or "postgres".</summary>
    string Backend { get; }
    /// <summary>Schema version after migrations.</summary>
    int SchemaVersion { get; }
    /// <summary>Models, versions, aliases.</summary>
    IRegistryStore Registry { get; }
    /// <summary>Content-addressed bytes.</summary>
    IBlobStore Blobs { get; }
    /// <summary>Datasets.</summary>
    IDatasetStore Datasets { get; }
    /// <summary>Prediction log.</summary>
    IPredictionStore Predictions { get; }
    /// <summary>Labels.</summary>
    ILabelStore Labels { get; }
    /// <summary>Monitors.</summary>
    IMonitorStore Monitors { get; }
    /// <summary>Windows.</summary>
    IWindowStore Windows { get; }
    /// <summary>Alerts.</summary>
    IAlertStore Alerts { get; }
    /// <summary>Retraining triggers.</summary>
    ITriggerStore Triggers { get; }
    /// <summary>Audit log.</summary>
    IAuditStore Audit { get; }
    /// <summary>API keys.</summary>
    IKeyStore Keys { get; }
    /// <summary>Reports.</summary>
    IReportStore Reports { get; }
}
