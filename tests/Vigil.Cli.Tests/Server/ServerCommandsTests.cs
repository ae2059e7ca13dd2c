using System.Text.Json;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests.Server;

/// <summary>
/// The server commands against a real server (in process, temporary DuckDB): registry, promotion exit codes, keys online
/// and offline, ingest of the NannyML California housing analysis set with its labels, monitoring listings and report
/// upload. Promotion data: german_credit scored by scikit-learn (tests/fixtures/server).
/// </summary>
public class ServerCommandsTests
{
    private static readonly string Analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");
    private static readonly string Labels = Paths.Data("nannyml_california_housing", "california_housing_analysis_gt.csv");
    private static readonly string Reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");
    private static readonly string[] HousingFeatures = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude"];

    private static int DataRows(string csv) => File.ReadLines(csv).Skip(1).Count(l => l.Length > 0);

    [Fact]
    public async Task RegisterAliasPromoteAndRollBackWithTheContractsExitCodes()
    {
        await using var server = await InProcessServer.StartAsync();
        var dir = Paths.TempFolder();
        var artifact = Path.Combine(dir, "model.onnx");
        File.WriteAllBytes(artifact, [1, 2, 3, 4, 5]);
        var evaluation = CliRun.TempFile("""{"schema_version": 1, "task": "binary"}""", "eval.json");

        var unknown = server.Run("models", "register", "--model", "credit", "--version", "v1");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--task", unknown.Stderr);

        var v1 = server.Run("models", "register", "--model", "credit", "--version", "v1", "--task", "binary", "--positive-label", "1", "--artifact", artifact,
            "--framework", "onnx", "--evaluation", evaluation, "--tag", "owner=risk,team=ml", "--json", "-");
        Assert.True(v1.ExitCode == 0, v1.Stderr);
        var version = v1.Json().RootElement;
        Assert.Equal("v1", version.GetProperty("version").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([1, 2, 3, 4, 5])), version.GetProperty("artifact_sha256").GetString());
        Assert.Equal("ml", version.GetProperty("tags").GetProperty("team").GetString());
        Assert.Contains("registered credit version v1", v1.Stderr); // human output on stderr with --json -

        foreach (var v in new[] { "v2", "v3" })
            Assert.Equal(0, server.Run("models", "register", "--model", "credit", "--version", v).ExitCode);
        Assert.Equal(2, server.Run("models", "register", "--model", "credit", "--version", "v1").ExitCode); // 409: exists
        Assert.Equal(0, server.Run("models", "alias", "--model", "credit", "--alias", "champion", "--version", "v1").ExitCode);

        var csv = Paths.Fixture("server", "promotion.csv");
        string[] Promote(string v, string candidate, string baseline) =>
            ["models", "promote", "--model", "credit", "--version", v, "--data", csv, "--label", "bad", "--candidate-score", candidate, "--baseline-score", baseline,
             "--gate", "roc_auc >= -0.01", "--floor", "roc_auc >= 0.7", "--bootstrap", "200", "--seed", "7"];
        var passed = server.Run(Promote("v2", "score_v2", "score_v1"));
        Assert.True(passed.ExitCode == 0, passed.Stdout + passed.Stderr);
        Assert.Contains("promoted", passed.Stdout);
        Assert.Contains("v1 → v2", passed.Stdout);
        var failed = server.Run([.. Promote("v3", "score_v3", "score_v2"), "--json", "-"]);
        Assert.Equal(1, failed.ExitCode); // a failed gate is a stated condition
        Assert.False(failed.Json().RootElement.GetProperty("promoted").GetBoolean());
        Assert.Contains("FAIL", failed.Stderr);

        var back = server.Run("models", "rollback", "--model", "credit");
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("v2 → v1", back.Stdout);
        var nowhere = server.Run("models", "rollback", "--model", "credit");
        Assert.Equal(2, nowhere.ExitCode); // 409 from the server: the caller's mistake
        Assert.Contains("409", nowhere.Stderr);

        var list = server.Run("models", "list", "--json", "-");
        Assert.Equal(0, list.ExitCode);
        var model = Assert.Single(list.Json().RootElement.EnumerateArray());
        Assert.Equal(3, model.GetProperty("versions").GetInt32());
        Assert.Equal("v1", model.GetProperty("aliases").GetProperty("champion").GetString());
    }

    [Fact]
    public async Task IngestTheCaliforniaHousingAnalysisSetWithLabelsThenReplayIsAllDuplicates()
    {
        await using var server = await InProcessServer.StartAsync();
        Assert.Equal(0, server.Run("models", "create", "--model", "housing", "--task", "binary", "--positive-label", "1").ExitCode);
        var noMonitor = server.Run("ingest", "--model", "housing", "--data", Analysis, "--score-column", "y_pred_proba", "--prediction-column", "y_pred");
        Assert.Equal(2, noMonitor.ExitCode);
        Assert.Contains("409", noMonitor.Stderr);
        await server.MonitorAsync("housing", HousingFeatures);

        var rows = DataRows(Analysis);
        var json = Path.Combine(Paths.TempFolder(), "ingest.json");
        var run = server.Run("ingest", "--model", "housing", "--data", Analysis, "--score-column", "y_pred_proba", "--prediction-column", "y_pred",
            "--labels", Labels, "--label-column", "clf_target", "--model-version", "v1", "--batch-size", "2000", "--json", json);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var r = doc.RootElement;
            Assert.Equal(rows, r.GetProperty("events").GetInt32());
            Assert.Equal(rows, r.GetProperty("accepted").GetInt32());
            Assert.Equal(0, r.GetProperty("rejected").GetInt32());
            Assert.Equal(DataRows(Labels), r.GetProperty("labels").GetProperty("stored").GetInt32());
            Assert.Equal(DataRows(Labels), r.GetProperty("labels").GetProperty("matched").GetInt32());
        }
        Assert.Equal(rows, await server.Store.Predictions.CountAsync("housing"));
        Assert.Equal(DataRows(Labels), await server.Store.Labels.CountAsync("housing"));
        Assert.Contains("ingest", run.Stderr); // progress on stderr (8 batches)

        var replay = server.Run("ingest", "--model", "housing", "--data", Analysis, "--score-column", "y_pred_proba", "--prediction-column", "y_pred", "--json", "-");
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(rows, replay.Json().RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, replay.Json().RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(rows, await server.Store.Predictions.CountAsync("housing"));

        var detail = server.Run("models", "list", "--json", "-");
        Assert.Equal(rows, Assert.Single(detail.Json().RootElement.EnumerateArray()).GetProperty("events_ingested").GetInt64());
    }

    [Fact]
    public async Task RejectedRowsAreExitOneWithTheirFileLines()
    {
        await using var server = await InProcessServer.StartAsync();
        Assert.Equal(0, server.Run("models", "create", "--model", "m", "--task", "binary").ExitCode);
        await server.MonitorAsync("m", "x");
        var csv = CliRun.TempFile("id,timestamp,x,score\na,2026-11-01T00:00:00Z,1.5,0.2\nb,2026-11-01T01:00:00Z,2.5,1.5\n,2026-11-01T02:00:00Z,3.5,0.3\nd,2026-11-01 03:00:00,4.5,0.9\n");
        var run = server.Run("ingest", "--model", "m", "--data", csv, "--score-column", "score", "--json", "-");
        Assert.Equal(1, run.ExitCode);
        var r = run.Json().RootElement;
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        Assert.Equal(2, r.GetProperty("rejected").GetInt32());
        var problems = r.GetProperty("rejections").EnumerateArray().ToList();
        Assert.Equal([3, 4], problems.Select(p => p.GetProperty("line").GetInt32()).ToArray()); // b (score 1.5) and the row without an id
        Assert.Contains("missing id", problems[1].GetProperty("reason").GetString());
        Assert.Contains("line 3 (id b)", run.Stderr);
    }

    [Fact]
    public async Task KeysOnlineThenOfflineOnTheStoppedServersFile()
    {
        string database;
        string adminKey;
        await using (var server = await InProcessServer.StartAsync(Paths.TempFolder()))
        {
            database = server.Database;
            var created = server.Run("keys", "create", "--name", "ops", "--scope", "admin");
            Assert.Equal(0, created.ExitCode);
            adminKey = created.Stdout.Trim();
            Assert.StartsWith("vgl_", adminKey);
            Assert.Contains("not shown again", created.Stderr);

            var anonymous = server.Run("keys", "list");
            Assert.Equal(2, anonymous.ExitCode);
            Assert.Contains("401", anonymous.Stderr);
            Assert.Contains("--key", anonymous.Stderr);
            var list = server.Run("keys", "list", "--key", adminKey, "--json", "-");
            Assert.Equal(0, list.ExitCode);
            Assert.Equal("ops", Assert.Single(list.Json().RootElement.EnumerateArray()).GetProperty("name").GetString());

            // (A locked file needs another process: DuckDB locks per process; see ServeEndToEndTests.)
            var reader = server.Run("keys", "create", "--name", "dash", "--key", adminKey).Stdout.Trim();
            Assert.Equal(0, server.Run("keys", "revoke", reader, "--key", adminKey).ExitCode);
            Assert.Equal(2, server.Run("models", "list", "--key", reader).ExitCode);
        }
        // The server is stopped: the file is free for the offline commands.
        var offline = CliRun.Of("keys", "create", "--db", database, "--name", "backup", "--scope", "ingest");
        Assert.True(offline.ExitCode == 0, offline.Stderr);
        var keys = CliRun.Of("keys", "list", "--db", database, "--json", "-");
        Assert.Equal(["backup", "dash", "ops"], keys.Json().RootElement.EnumerateArray().Select(k => k.GetProperty("name").GetString()!).Order().ToArray());
        var id = keys.Json().RootElement.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "backup").GetProperty("id").GetString()!;
        Assert.Equal(0, CliRun.Of("keys", "revoke", id, "--db", database).ExitCode);
        Assert.Equal(2, CliRun.Of("keys", "revoke", id, "--db", database).ExitCode); // already revoked
        var verify = CliRun.Of("audit", "verify", "--db", database, "--json", "-");
        Assert.Equal(0, verify.ExitCode);
        Assert.True(verify.Json().RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(5, verify.Json().RootElement.GetProperty("entries").GetInt32()); // ops, dash created; dash revoked; backup created and revoked

        // Tampering with an entry breaks the chain: exit 1 naming the entry.
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={database}"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2";
            cmd.ExecuteNonQuery();
        }
        var broken = CliRun.Of("audit", "verify", "--db", database);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN at entry 2", broken.Stdout);
    }

    [Fact]
    public async Task MonitoringListingsAndReportUpload()
    {
        await using var server = await InProcessServer.StartAsync();
        Assert.Equal(0, server.Run("models", "create", "--model", "housing", "--task", "binary").ExitCode);
        var alerts = server.Run("alerts", "--model", "housing", "--state", "firing", "--json", "-");
        Assert.Equal(0, alerts.ExitCode);
        Assert.Equal(0, alerts.Json().RootElement.GetArrayLength());
        Assert.Contains("no alerts", alerts.Stderr);
        Assert.Equal(0, server.Run("triggers", "--model", "housing").ExitCode);
        Assert.Equal(0, server.Run("windows", "--model", "housing").ExitCode);
        Assert.Equal(2, server.Run("triggers", "--model", "nope").ExitCode);

        var drift = server.Run("drift", "--reference", Reference, "--current", Analysis, "--columns", "MedInc,Latitude", "--model", "housing", "--json", "-");
        Assert.True(drift.ExitCode == 0, drift.Stderr);
        Assert.Contains("uploaded: report", drift.Stderr);
        var reports = await server.Store.Reports.ListAsync("housing");
        var report = Assert.Single(reports);
        Assert.Equal("drift", report.Kind);
        Assert.Equal("drift: california_housing_reference.csv vs california_housing_analysis.csv", report.Title);
        var stored = await server.Store.Reports.GetAsync(report.Id);
        Assert.Contains("<html", stored!.Value.Html, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(stored.Value.Json!);
        Assert.Equal(drift.Json().RootElement.GetProperty("drifted_columns").GetInt32(), json.RootElement.GetProperty("drifted_columns").GetInt32());
    }
}
