using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Npgsql;
using Vigil.TestSupport;

namespace Vigil.Server.Tests;

/// <summary>
/// The registry end to end on a real server: register, versions (JSON and multipart), artifacts, aliases, promotion through
/// the statistical gate (passing, failing, floors only), rollback, and the audit chain verified before and after tampering.
/// The evaluation data is german_credit scored by three scikit-learn models (tests/fixtures/gen_server.py); the comparison's
/// ROC AUCs must match scikit-learn's roc_auc_score.
/// </summary>
public abstract class RegistryFlowTests
{
    protected abstract Task<TestDatabase> DatabaseAsync();

    /// <summary>Runs SQL against the database directly (the server is stopped first for DuckDB, which locks its file).</summary>
    protected abstract Task ExecuteAsync(TestDatabase db, string sql);

    private static readonly string Csv = File.ReadAllText(Paths.Fixture("server", "promotion.csv"));

    private static object Promote(string version, string candidate, string? baseline, object gate, string alias = "champion", object? data = null) => new
    {
        version,
        alias,
        evaluation_data = data ?? new { format = "csv", content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Csv)) },
        label = "bad",
        candidate_score = candidate,
        baseline_score = baseline,
        gate,
        bootstrap = 200,
        seed = 7,
    };

    [Fact]
    public async Task RegisterPromoteRollbackAndVerifyTheAuditChain()
    {
        await using var db = await DatabaseAsync();
        var reference = Fixture.Load("server/promotion.json").RootElement.GetProperty("roc_auc");
        var server = await ServerHost.StartAsync(db.Options());
        try
        {
            var c = server.Client;
            var model = await (await c.PostJsonAsync("/api/v1/models", new { name = "credit", task = "binary", description = "german credit", positive_label = "1" })).JsonAsync(201);
            Assert.Equal("binary", model.GetProperty("task").GetString());
            await (await c.PostJsonAsync("/api/v1/models", new { name = "credit", task = "binary" })).ProblemAsync(409);

            // v1: JSON with an inline artifact; the stored SHA-256 is the bytes' hash and the bytes come back.
            var artifact = Encoding.UTF8.GetBytes("pretend this is an ONNX graph");
            var v1 = await (await c.PostJsonAsync("/api/v1/models/credit/versions", new
            {
                version = "v1", framework = "sklearn", tags = new Dictionary<string, string> { ["owner"] = "risk" },
                evaluation = new { schema_version = 1, task = "binary" }, artifact_base64 = Convert.ToBase64String(artifact),
            })).JsonAsync(201);
            var sha = Convert.ToHexStringLower(SHA256.HashData(artifact));
            Assert.Equal(sha, v1.GetProperty("artifact_sha256").GetString());
            Assert.Equal("risk", v1.GetProperty("tags").GetProperty("owner").GetString());
            Assert.Equal(1, v1.GetProperty("evaluation").GetProperty("schema_version").GetInt32());
            Assert.Equal(artifact, await c.GetByteArrayAsync($"/api/v1/artifacts/{sha}"));

            // v2: multipart (metadata part + artifact file part).
            var onnx = RandomNumberGenerator.GetBytes(50_000);
            using (var form = new MultipartFormDataContent())
            {
                form.Add(new StringContent("""{"version":"v2","framework":"onnx"}""", Encoding.UTF8, "application/json"), "metadata");
                var file = new ByteArrayContent(onnx);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, "artifact", "model.onnx");
                var v2 = await (await c.PostAsync("/api/v1/models/credit/versions", form)).JsonAsync(201);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(onnx)), v2.GetProperty("artifact_sha256").GetString());
                Assert.Equal("onnx", v2.GetProperty("framework").GetString());
            }
            await (await c.PostJsonAsync("/api/v1/models/credit/versions", new { version = "v3" })).JsonAsync(201);
            await (await c.PostJsonAsync("/api/v1/models/credit/versions", new { version = "v1" })).ProblemAsync(409);
            var versions = await (await c.GetAsync("/api/v1/models/credit/versions")).JsonAsync(200);
            Assert.Equal(new string?[] { "v1", "v2", "v3" }, versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToArray());

            var alias = await (await c.PutAsJsonAsync2("/api/v1/models/credit/aliases/champion", new { version = "v1" })).JsonAsync(200);
            Assert.Equal("v1", alias.GetProperty("version").GetString());
            await (await c.PutAsJsonAsync2("/api/v1/models/credit/aliases/champion", new { version = "v9" })).ProblemAsync(404);

            // v2 (AUC .75) against the champion v1 (AUC .65): non-inferior by far, above the floor.
            var gate = new { margins = new Dictionary<string, double> { ["roc_auc"] = -0.01 }, floors = new Dictionary<string, double> { ["roc_auc"] = 0.7 } };
            var promoted = await (await c.PostJsonAsync("/api/v1/models/credit/promote", Promote("v2", "score_v2", "score_v1", gate))).JsonAsync(200);
            Assert.True(promoted.GetProperty("promoted").GetBoolean(), promoted.GetRawText());
            Assert.Equal("v1", promoted.GetProperty("from_version").GetString());
            Assert.Equal("v2", promoted.GetProperty("to_version").GetString());
            var evidence = promoted.GetProperty("evidence");
            Assert.False(evidence.GetProperty("floors_only").GetBoolean());
            var auc = evidence.GetProperty("comparison").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "roc_auc");
            Approx.Equal(reference.GetProperty("score_v1").GetDouble(), auc.GetProperty("baseline").GetDouble(), 1e-9, what: "baseline AUC vs sklearn");
            Approx.Equal(reference.GetProperty("score_v2").GetDouble(), auc.GetProperty("candidate").GetDouble(), 1e-9, what: "candidate AUC vs sklearn");
            Assert.True(auc.GetProperty("ci_low").GetDouble() > -0.01);
            Assert.Equal(2, evidence.GetProperty("gate").GetProperty("checks").GetArrayLength());

            // v3 (AUC .49) against v2: the margin fails; 200 with promoted false and the alias unchanged.
            var rejected = await (await c.PostJsonAsync("/api/v1/models/credit/promote", Promote("v3", "score_v3", "score_v2", gate))).JsonAsync(200);
            Assert.False(rejected.GetProperty("promoted").GetBoolean());
            var failed = rejected.GetProperty("evidence").GetProperty("gate").GetProperty("checks").EnumerateArray().Where(x => !x.GetProperty("passed").GetBoolean()).ToList();
            Assert.Equal(2, failed.Count); // the margin and the floor
            // A held alias needs the baseline's scores.
            await (await c.PostJsonAsync("/api/v1/models/credit/promote", Promote("v3", "score_v3", null, gate))).ProblemAsync(400);

            // A new alias has no holder: floors only, here from an uploaded dataset.
            var dataset = await (await c.PostAsync("/api/v1/datasets?name=promotion.csv", new StringContent(Csv, Encoding.UTF8, "text/csv"))).JsonAsync(201);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Csv))), dataset.GetProperty("id").GetString());
            Assert.Equal("csv", dataset.GetProperty("format").GetString());
            var byId = new { dataset_id = dataset.GetProperty("id").GetString() };
            var high = new { floors = new Dictionary<string, double> { ["roc_auc"] = 0.7 }, margins = new Dictionary<string, double> { ["roc_auc"] = 0.5 } };
            var noStaging = await (await c.PostJsonAsync("/api/v1/models/credit/promote", Promote("v1", "score_v1", null, high, "staging", byId))).JsonAsync(200);
            Assert.False(noStaging.GetProperty("promoted").GetBoolean());
            var low = new { floors = new Dictionary<string, double> { ["roc_auc"] = 0.6 }, margins = new Dictionary<string, double> { ["roc_auc"] = 0.5 } };
            var staging = await (await c.PostJsonAsync("/api/v1/models/credit/promote", Promote("v1", "score_v1", null, low, "staging", byId))).JsonAsync(200);
            Assert.True(staging.GetProperty("promoted").GetBoolean(), staging.GetRawText());
            Assert.True(staging.GetProperty("evidence").GetProperty("floors_only").GetBoolean());
            Assert.Equal(JsonValueKind.Null, staging.GetProperty("from_version").ValueKind);
            Assert.Single(staging.GetProperty("evidence").GetProperty("gate").GetProperty("checks").EnumerateArray()); // the margin is not judged

            // Rollback returns to v1, and a second rollback has nowhere to go.
            var back = await (await c.PostJsonAsync("/api/v1/models/credit/rollback", new { alias = "champion" })).JsonAsync(200);
            Assert.Equal("v2", back.GetProperty("from_version").GetString());
            Assert.Equal("v1", back.GetProperty("to_version").GetString());
            await (await c.PostJsonAsync("/api/v1/models/credit/rollback", new { alias = "champion" })).ProblemAsync(409);
            await (await c.PostJsonAsync("/api/v1/models/credit/rollback", new { alias = "nope" })).ProblemAsync(404);

            var detail = await (await c.GetAsync("/api/v1/models/credit")).JsonAsync(200);
            Assert.Equal("v1", detail.GetProperty("aliases").GetProperty("champion").GetString());
            Assert.Equal("v1", detail.GetProperty("aliases").GetProperty("staging").GetString());
            Assert.Equal(0, detail.GetProperty("events_ingested").GetInt64());
            Assert.Equal("no_monitor", detail.GetProperty("status").GetString());
            var history = detail.GetProperty("alias_history").EnumerateArray().Where(h => h.GetProperty("alias").GetString() == "champion").ToList();
            Assert.Equal(new string?[] { "set", "promote", "rollback" }, history.Select(h => h.GetProperty("kind").GetString()).ToArray());
            Assert.True(history[1].GetProperty("evidence").GetProperty("passed").GetBoolean());
            var list = await (await c.GetAsync("/api/v1/models")).JsonAsync(200);
            var item = Assert.Single(list.EnumerateArray());
            Assert.Equal(3, item.GetProperty("versions").GetInt32());
            Assert.Equal(JsonValueKind.Null, item.GetProperty("last_window").ValueKind);

            // Audit: every change, a valid chain.
            var audit = await (await c.GetAsync("/api/v1/audit")).JsonAsync(200);
            Assert.Equal(new string?[] { "model.create", "version.create", "version.create", "version.create", "alias.set", "alias.promote", "dataset.create", "alias.promote", "alias.rollback" },
                audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToArray());
            var verify = await (await c.GetAsync("/api/v1/audit/verify")).JsonAsync(200);
            Assert.True(verify.GetProperty("valid").GetBoolean(), verify.GetRawText());
            Assert.Equal(9, verify.GetProperty("entries").GetInt32());

            // Someone edits entry 2 behind the server's back: verification names it.
            await server.DisposeAsync();
            server = null;
            await ExecuteAsync(db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
            server = await ServerHost.StartAsync(db.Options());
            var tampered = await (await server.Client.GetAsync("/api/v1/audit/verify")).JsonAsync(200);
            Assert.False(tampered.GetProperty("valid").GetBoolean());
            Assert.Equal(2, tampered.GetProperty("first_bad_sequence").GetInt64());
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }
    }
}

public sealed class DuckDbRegistryFlowTests : RegistryFlowTests
{
    protected override Task<TestDatabase> DatabaseAsync() => Task.FromResult(TestDatabase.DuckDb());

    protected override async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var c = new DuckDBConnection($"Data Source={db.DuckDbPath}");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}

public sealed class PostgresRegistryFlowTests : RegistryFlowTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.PostgresAsync();

    protected override async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var c = new NpgsqlConnection(db.Postgres);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}

internal static class PutJson
{
    public static Task<HttpResponseMessage> PutAsJsonAsync2(this HttpClient c, string url, object body) =>
        System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(c, url, body);
}
