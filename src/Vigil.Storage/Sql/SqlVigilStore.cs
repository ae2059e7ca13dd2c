using System.Globalization;

namespace Vigil.Storage.Sql;

/// <summary>Every store over one <see cref="SqlDialect"/>; thread-safe (each operation rents its own connection).</summary>
internal sealed class SqlVigilStore : IVigilStore
{
    private readonly SqlDialect _db;

    private SqlVigilStore(SqlDialect db, int schemaVersion)
    {
        _db = db;
        SchemaVersion = schemaVersion;
        Registry = new SqlRegistryStore(db);
        var blobs = new SqlBlobStore(db);
        Blobs = blobs;
        Datasets = new SqlDatasetStore(db, blobs);
        var predictions = new SqlPredictionStore(db);
        Predictions = predictions;
        Labels = new SqlLabelStore(db, predictions);
        Monitors = new SqlMonitorStore(db);
        Windows = new SqlWindowStore(db);
        Alerts = new SqlAlertStore(db);
        Triggers = new SqlTriggerStore(db);
        Audit = new SqlAuditStore(db);
        Keys = new SqlKeyStore(db);
        Reports = new SqlReportStore(db);
    }

    public static async Task<IVigilStore> OpenAsync(SqlDialect db, CancellationToken ct)
    {
        try
        {
            await Migrations.ApplyAsync(db, ct).ConfigureAwait(false);
            var version = await db.QueryAsync("SELECT max(version) FROM schema_migrations",
                r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return new SqlVigilStore(db, version[0]);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string Backend => _db.Backend;
    public int SchemaVersion { get; }
    public IRegistryStore Registry { get; }
    public IBlobStore Blobs { get; }
    public IDatasetStore Datasets { get; }
    public IPredictionStore Predictions { get; }
    public ILabelStore Labels { get; }
    public IMonitorStore Monitors { get; }
    public IWindowStore Windows { get; }
    public IAlertStore Alerts { get; }
    public ITriggerStore Triggers { get; }
    public IAuditStore Audit { get; }
    public IKeyStore Keys { get; }
    public IReportStore Reports { get; }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
