using System.Data.Common;
using System.Text.Json;

namespace Vigil.Storage.Sql;

internal sealed class SqlRegistryStore(SqlDialect db) : IRegistryStore
{
    private readonly SemaphoreSlim _aliasLock = new(1, 1);

    public async Task<bool> CreateModelAsync(ModelRecord model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var n = await db.ExecuteAsync(
            "INSERT INTO models (name, task, description, positive_label, created_at) VALUES ($n, $t, $d, $p, $c) ON CONFLICT (name) DO NOTHING", ct,
            ("n", model.Name), ("t", TaskText(model.Task)), ("d", model.Description), ("p", model.PositiveLabel), ("c", model.CreatedAt)).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<ModelRecord?> GetModelAsync(string name, CancellationToken ct = default)
    {
        var list = await db.QueryAsync("SELECT name, task, description, positive_label, created_at FROM models WHERE name = $n", ReadModel, ct, ("n", name)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct = default) =>
        await db.QueryAsync("SELECT name, task, description, positive_label, created_at FROM models ORDER BY name", ReadModel, ct).ConfigureAwait(false);

    public async Task<bool> AddVersionAsync(ModelVersionRecord version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var tags = JsonSerializer.Serialize(version.Tags ?? new Dictionary<string, string>());
        var n = await db.ExecuteAsync(
            "INSERT INTO model_versions (model, version, framework, artifact_sha256, training_fingerprint, evaluation_json, tags_json, created_at) " +
            "VALUES ($m, $v, $f, $a, $tf, $e, $tags, $c) ON CONFLICT (model, version) DO NOTHING", ct,
            ("m", version.Model), ("v", version.Version), ("f", version.Framework), ("a", version.ArtifactSha256),
            ("tf", version.TrainingDataFingerprint), ("e", version.EvaluationJson), ("tags", tags), ("c", version.CreatedAt)).ConfigureAwait(false);
        return n > 0;
    }

    private const string VersionColumns = "model, version, framework, artifact_sha256, training_fingerprint, evaluation_json, tags_json, created_at";

    public async Task<ModelVersionRecord?> GetVersionAsync(string model, string version, CancellationToken ct = default)
    {
        var list = await db.QueryAsync($"SELECT {VersionColumns} FROM model_versions WHERE model = $m AND version = $v", ReadVersion, ct,
            ("m", model), ("v", version)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<ModelVersionRecord>> ListVersionsAsync(string model, CancellationToken ct = default) =>
        await db.QueryAsync($"SELECT {VersionColumns} FROM model_versions WHERE model = $m ORDER BY created_at, seq", ReadVersion, ct, ("m", model)).ConfigureAwait(false);

    public async Task<IReadOnlyList<AliasRecord>> ListAliasesAsync(string model, CancellationToken ct = default) =>
        await db.QueryAsync("SELECT model, alias, version, updated_at FROM aliases WHERE model = $m ORDER BY alias", ReadAlias, ct, ("m", model)).ConfigureAwait(false);

    public async Task<AliasRecord?> GetAliasAsync(string model, string alias, CancellationToken ct = default)
    {
        var list = await db.QueryAsync("SELECT model, alias, version, updated_at FROM aliases WHERE model = $m AND alias = $a", ReadAlias, ct,
            ("m", model), ("a", alias)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task SetAliasAsync(AliasChange change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _aliasLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await db.TransactionAsync(async (c, tx) =>
            {
                await db.LockAsync(c, tx, "alias", ct).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx,
                    "INSERT INTO aliases (model, alias, version, updated_at) VALUES ($m, $a, $v, $t) " +
                    "ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at", ct,
                    ("m", change.Model), ("a", change.Alias), ("v", change.ToVersion), ("t", change.At)).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx,
                    "INSERT INTO alias_history (model, alias, from_version, to_version, kind, evidence_json, actor, changed_at) VALUES ($m, $a, $f, $v, $k, $e, $ac, $t)", ct,
                    ("m", change.Model), ("a", change.Alias), ("f", change.FromVersion), ("v", change.ToVersion), ("k", change.Kind),
                    ("e", change.EvidenceJson), ("ac", change.Actor), ("t", change.At)).ConfigureAwait(false);
                return 0;
            }, ct).ConfigureAwait(false);
        }
        finally { _aliasLock.Release(); }
    }

    public async Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string model, string? alias = null, CancellationToken ct = default)
    {
        const string cols = "SELECT model, alias, from_version, to_version, kind, evidence_json, actor, changed_at FROM alias_history WHERE model = $m";
        return alias is null
            ? await db.QueryAsync(cols + " ORDER BY seq", ReadChange, ct, ("m", model)).ConfigureAwait(false)
            : await db.QueryAsync(cols + " AND alias = $a ORDER BY seq", ReadChange, ct, ("m", model), ("a", alias)).ConfigureAwait(false);
    }

    internal static string TaskText(ModelTask task) => task switch
    {
        ModelTask.Binary => "binary",
        ModelTask.Multiclass => "multiclass",
        ModelTask.Regression => "regression",
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "unknown model task"),
    };

    private static ModelTask ParseTask(string s) => s switch
    {
        "binary" => ModelTask.Binary,
        "multiclass" => ModelTask.Multiclass,
        "regression" => ModelTask.Regression,
        _ => throw new InvalidDataException($"stored model task '{s}' is not binary, multiclass or regression"),
    };

    private static ModelRecord ReadModel(DbDataReader r) =>
        new(r.GetString(0), ParseTask(r.GetString(1)), Time.StringOrNull(r, 2), Time.StringOrNull(r, 3), Time.ReadOffset(r, 4));

    private static ModelVersionRecord ReadVersion(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), Time.StringOrNull(r, 2), Time.StringOrNull(r, 3), Time.StringOrNull(r, 4), Time.StringOrNull(r, 5),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(6)) ?? new Dictionary<string, string>(), Time.ReadOffset(r, 7));

    private static AliasRecord ReadAlias(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), Time.ReadOffset(r, 3));

    private static AliasChange ReadChange(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), Time.StringOrNull(r, 2), r.GetString(3), r.GetString(4), Time.StringOrNull(r, 5), r.GetString(6), Time.ReadOffset(r, 7));
}
