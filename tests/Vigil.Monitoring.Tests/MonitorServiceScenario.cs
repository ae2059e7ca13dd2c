using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Monitoring.Alerts;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Tests.Support;
using Vigil.Monitoring.Webhooks;
using Vigil.Storage;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Monitoring.Tests;

/// <summary>
/// The monitor end to end on a store: California housing events month by month through <c>Predictions.AppendAsync</c>,
/// a fake clock, a real local webhook receiver. Subclasses give the store (DuckDB, PostgreSQL).
/// </summary>
public abstract class MonitorServiceScenario
{
    protected abstract Task<IVigilStore> OpenStoreAsync();

    private static DateTime Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private sealed class Harness(IVigilStore store, MonitorService service, FakeClock clock, FeatureSchema schema)
    {
        public async Task FeedAsync(DataFrame frame, int[] rows, Func<int, DateTime>? time = null, string idPrefix = "")
        {
            var batch = Rows.Batch(schema, frame, rows, "id", "timestamp", "y_pred_proba", "y_pred");
            for (var k = 0; k < batch.Count; k++)
            {
                if (time is not null) batch.Timestamps[k] = time(k);
                batch.Ids[k] = idPrefix + batch.Ids[k];
            }
            var result = await store.Predictions.AppendAsync("ca", batch);
            Assert.Equal(rows.Length, result.Inserted);
            var min = batch.Timestamps.Min();
            var max = batch.Timestamps.Max();
            service.NotifyPredictions("ca", min, max);
            clock.Set(new DateTimeOffset(max.AddHours(1)));
            await service.WaitIdleAsync(CancellationToken.None);
        }

        public async Task FeedMonthAsync(int year, int month) =>
            await FeedAsync(California.Analysis, Rows.Between(California.Analysis, "timestamp", Utc(year, month, 1), Utc(year, month, 1).AddMonths(1)));

        public async Task<WindowRecord> WindowAsync(int year, int month) => (await store.Windows.GetAsync("ca", Utc(year, month, 1)))!;

        public async Task<IReadOnlyList<AlertRecord>> AlertsAsync(string rule) =>
            [.. (await store.Alerts.ListAsync("ca")).Where(a => a.Rule == rule).OrderBy(a => a.Id)];
    }

    [Fact]
    public async Task CaliforniaMonthByMonth()
    {
        var clock = new FakeClock(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateModelAsync(new ModelRecord("ca", ModelTask.Binary, null, "1", clock.GetUtcNow()));
        using var receiver = new WebhookReceiver();
        var log = new ListLogger<MonitorService>();
        await using var service = new MonitorService(store, clock, logger: log) { WebhookRetryDelay = (_, _) => Task.CompletedTask };
        var reference = Convert.ToBase64String(File.ReadAllBytes(California.ReferencePath));
        var config = $$"""
            {"reference": {"format": "csv", "content_base64": "{{reference}}"},
             "label": "clf_target", "score": "y_pred_proba", "prediction": "y_pred", "window": "1M", "grace": "1d", "metrics": ["roc_auc", "f1"],
             "alerts": [{"name": "geo", "expression": "drift(feature=Latitude)", "for": 2},
                        {"name": "auc", "expression": "realized.roc_auc < 0.75"},
                        {"name": "silence", "expression": "ingest.events < 100"}],
             "retraining": {"drift_windows": 2, "cooldown": "45d"},
             "webhooks": [{"url": "{{receiver.Url}}", "secret": "s3cret"}]}
            """;
        var record = await service.PutMonitorAsync("ca", Json(config), "tester", CancellationToken.None);
        var schema = (await store.Predictions.GetSchemaAsync("ca"))!;
        Assert.Equal(California.Features, schema.Fields.Select(f => f.Name));
        Assert.Equal(record.ReferenceDatasetId, (await store.Datasets.GetAsync(record.ReferenceDatasetId))!.Id);
        Assert.Contains(await store.Audit.ReadAllAsync(), e => e.Action == "monitor.put" && e.Target == "model:ca" && e.Actor == "tester");
        var h = new Harness(store, service, clock, schema);

        // June: the window is open (computed for the dashboard, not closed yet)
        await h.FeedMonthAsync(2021, 6);
        var june = await h.WindowAsync(2021, 6);
        Assert.False(june.Closed);
        Assert.Equal(720, june.Events);

        // July events pass June's end + grace: June closes; Latitude drifts (README: geographic covariate shift)
        await h.FeedMonthAsync(2021, 7);
        june = await h.WindowAsync(2021, 6);
        Assert.True(june.Closed);
        Assert.Equal(0, june.Index);
        Assert.True(WindowObservation.FromJson(june.ResultJson).FeatureDrift["Latitude"]);
        Assert.Empty(await store.Alerts.ListAsync("ca"));

        Assert.Empty(log.Errors);

        // August closes July: the geo rule held for 2 windows -> fires once; dataset drift in 2 windows -> retraining trigger
        await h.FeedMonthAsync(2021, 8);
        var geo = Assert.Single(await h.AlertsAsync("geo"));
        Assert.Equal("firing", geo.State);
        Assert.Equal(Utc(2021, 7, 1), geo.WindowStart);
        using (var evidence = JsonDocument.Parse(geo.EvidenceJson))
            Assert.Equal(2, evidence.RootElement.GetProperty("windows").GetArrayLength());
        var trigger = Assert.Single(await store.Triggers.ListAsync("ca"));
        Assert.Equal("dataset drift in 2 consecutive windows", trigger.Reason);

        // September: reference-like events (a subsample of the reference, re-timed); August closes, still drifting; cooldown holds the trigger
        var referenceRows = Enumerable.Range(0, California.Reference.RowCount).Where(i => i % 8 == 0).Take(720).ToArray();
        await h.FeedAsync(California.Reference, referenceRows, k => Utc(2021, 9, 1).AddHours(k), "ref-");
        Assert.True((await h.WindowAsync(2021, 8)).Closed);
        Assert.Single(await store.Triggers.ListAsync("ca"));
        Assert.Single(await h.AlertsAsync("geo"));
        var august = await h.WindowAsync(2021, 8);
        Assert.Equal(0, august.Labeled);
        Assert.False(WindowObservation.FromJson(august.ResultJson).Realized.ContainsKey("roc_auc"));

        // Late labels for August: its realised metrics are recomputed (sklearn 0.704) and the auc rule fires
        var augustRows = Rows.Between(California.Analysis, "timestamp", Utc(2021, 8, 1), Utc(2021, 9, 1));
        var labels = augustRows.Select(i => new LabelEvent(California.Analysis["id"].GetText(i)!, California.Labels[California.Analysis["id"].GetText(i)!], null)).ToList();
        var appended = await store.Labels.AppendAsync("ca", labels);
        Assert.Equal(labels.Count, appended.Matched);
        service.NotifyLabels("ca", appended.AffectedEventTimes);
        await service.WaitIdleAsync(CancellationToken.None);
        august = await h.WindowAsync(2021, 8);
        Assert.Equal(744, august.Labeled);
        var expectedAuc = California.Monthly().EnumerateArray().Single(m => m.GetProperty("month").GetString() == "2021-08").GetProperty("roc_auc").GetDouble();
        Approx.Equal(expectedAuc, WindowObservation.FromJson(august.ResultJson).Realized["roc_auc"], relative: 1e-9);
        Assert.Equal("firing", Assert.Single(await h.AlertsAsync("auc")).State);

        // Silence: the wall clock passes October's end + grace with no events; September (no drift) resolves geo, the empty October fires silence
        clock.Set(new DateTimeOffset(2021, 11, 3, 0, 0, 0, TimeSpan.Zero));
        await service.WaitIdleAsync(CancellationToken.None);
        var september = WindowObservation.FromJson((await h.WindowAsync(2021, 9)).ResultJson);
        Assert.False(september.FeatureDrift["Latitude"]);
        Assert.Equal("resolved", Assert.Single(await h.AlertsAsync("geo")).State);
        var october = await h.WindowAsync(2021, 10);
        Assert.True(october.Closed);
        Assert.Equal(0, october.Events);
        Assert.Equal("firing", Assert.Single(await h.AlertsAsync("silence")).State);

        // November traffic resolves silence once November closes (by the clock)
        await h.FeedMonthAsync(2021, 11);
        clock.Set(new DateTimeOffset(2021, 12, 3, 0, 0, 0, TimeSpan.Zero));
        await service.WaitIdleAsync(CancellationToken.None);
        Assert.Equal("resolved", Assert.Single(await h.AlertsAsync("silence")).State);
        Assert.Single(await h.AlertsAsync("geo")); // October was empty: no 2 consecutive drifting windows yet

        // December: geo fires again (November, December), and the cooldown since the first trigger has passed
        await h.FeedMonthAsync(2021, 12);
        clock.Set(new DateTimeOffset(2022, 1, 3, 0, 0, 0, TimeSpan.Zero));
        await service.WaitIdleAsync(CancellationToken.None);
        Assert.Equal(["resolved", "firing"], (await h.AlertsAsync("geo")).Select(a => a.State));
        Assert.Equal(2, (await store.Triggers.ListAsync("ca")).Count);

        Assert.Empty(log.Errors);

        // Windows are consecutive, indexed from 0
        var windows = await store.Windows.ListAsync("ca", DateTime.MinValue, DateTime.MaxValue);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), windows.Select(w => w.Index));
        Assert.All(windows, w => Assert.True(w.Closed));

        // Webhooks: every request signed with the secret; the events in order of what happened
        var types = receiver.Accepted.Select(r =>
        {
            Assert.True(WebhookSignature.Verify(r.Body, "s3cret", r.Signature));
            using var doc = JsonDocument.Parse(r.Body);
            var data = doc.RootElement.GetProperty("data");
            return doc.RootElement.GetProperty("type").GetString() + (data.TryGetProperty("rule", out var rule) ? ":" + rule.GetString() : "");
        }).Order().ToList();
        Assert.Equal(new[] { "alert.fired:auc", "alert.fired:geo", "alert.fired:geo", "alert.fired:silence", "alert.resolved:geo", "alert.resolved:silence", "retrain_requested", "retrain_requested" }, types);

        // Telemetry: gauges of the latest window; distances never reported as p-values
        var measured = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter == service.Telemetry.Meter) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var t = new Dictionary<string, object?>();
            foreach (var tag in tags) t[tag.Key] = tag.Value;
            measured.Add((instrument.Name, value, t));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        var december = WindowObservation.FromJson((await h.WindowAsync(2021, 12)).ResultJson);
        Assert.Equal(december.DriftShare!.Value, measured.Single(m => m.Name == "vigil_window_drift_share").Value);
        Assert.Equal(8, measured.Count(m => m.Name == "vigil_feature_drift_statistic" && (string)m.Tags["method"]! == "wasserstein_norm"));
        Assert.DoesNotContain(measured, m => m.Name == "vigil_feature_drift_p_value");
        Assert.Equal(1, measured.Single(m => m.Name == "vigil_feature_drift_detected" && (string)m.Tags["feature"]! == "Latitude").Value);
        Assert.Equal(2, measured.Single(m => m.Name == "vigil_alerts_firing").Value);
        Assert.Contains(measured, m => m.Name == "vigil_estimated_metric" && (string)m.Tags["metric"]! == "roc_auc");
    }

    [Fact]
    public async Task CountWindowsCloseAsEventsArriveInTheBackgroundLoop()
    {
        var clock = new FakeClock(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateModelAsync(new ModelRecord("ca", ModelTask.Binary, null, "1", clock.GetUtcNow()));
        await using var service = new MonitorService(store, clock) { PollInterval = TimeSpan.FromMilliseconds(50) };
        var reference = Convert.ToBase64String(File.ReadAllBytes(California.ReferencePath));
        await service.PutMonitorAsync("ca", Json($$"""{"reference": {"format": "csv", "content_base64": "{{reference}}"}, "label": "clf_target", "score": "y_pred_proba", "window": 500}"""), "tester", CancellationToken.None);
        var schema = (await store.Predictions.GetSchemaAsync("ca"))!;
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => service.RunAsync(stop.Token));
        var rows = Enumerable.Range(0, 1200).ToArray();
        var batch = Rows.Batch(schema, California.Analysis, rows, "id", "timestamp", "y_pred_proba", "y_pred");
        await store.Predictions.AppendAsync("ca", batch);
        service.NotifyPredictions("ca", batch.Timestamps[0], batch.Timestamps[1199]);
        await service.WaitIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var windows = await store.Windows.ListAsync("ca", DateTime.MinValue, DateTime.MaxValue);
        Assert.Equal(2, windows.Count);
        Assert.All(windows, w => Assert.Equal(500, w.Events));
        Assert.Equal(batch.Timestamps[0], windows[0].Start);
        Assert.Equal(batch.Timestamps[500], windows[0].End);
        Assert.Equal(batch.Timestamps[500], windows[1].Start);
        Assert.Equal([0L, 1L], windows.Select(w => w.Index));
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task PutMonitorRejectsColumnsTheReferenceDoesNotHave()
    {
        await using var store = await OpenStoreAsync();
        var clock = new FakeClock(DateTimeOffset.UnixEpoch);
        await store.Registry.CreateModelAsync(new ModelRecord("ca", ModelTask.Binary, null, "1", clock.GetUtcNow()));
        await using var service = new MonitorService(store, clock);
        var reference = Convert.ToBase64String(File.ReadAllBytes(California.ReferencePath));
        var e = await Assert.ThrowsAsync<MonitorConfigException>(() => service.PutMonitorAsync("ca",
            Json($$"""{"reference": {"format": "csv", "content_base64": "{{reference}}"}, "label": "target", "window": "1d"}"""), "t", CancellationToken.None));
        Assert.Equal("label", e.Path);
        Assert.Contains("clf_target", e.Message);
        e = await Assert.ThrowsAsync<MonitorConfigException>(() => service.PutMonitorAsync("ca",
            Json($$"""{"reference": {"format": "csv", "content_base64": "{{reference}}"}, "label": "clf_target", "window": "1d", "metrics": ["auc"]}"""), "t", CancellationToken.None));
        Assert.Equal("metrics[0]", e.Path);
        e = await Assert.ThrowsAsync<MonitorConfigException>(() => service.PutMonitorAsync("ca",
            Json("""{"reference": {"dataset_id": "nope"}, "window": "1d"}"""), "t", CancellationToken.None));
        Assert.Equal("reference.dataset_id", e.Path);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => service.PutMonitorAsync("nobody",
            Json($$"""{"reference": {"format": "csv", "content_base64": "{{reference}}"}, "window": "1d"}"""), "t", CancellationToken.None));
        Assert.Null(await store.Monitors.GetAsync("ca"));
    }
}

/// <summary>The scenario on a real DuckDB store in a temporary folder.</summary>
public sealed class DuckDbMonitorServiceTests : MonitorServiceScenario
{
    protected override Task<IVigilStore> OpenStoreAsync() => VigilStore.OpenDuckDbAsync(Path.Combine(Paths.TempFolder(), "vigil.duckdb"));
}

/// <summary>
/// The scenario on the real PostgreSQL (env <c>VIGIL_TEST_POSTGRES</c>, default the local test database), each test in
/// a fresh schema (the connection's Search Path) dropped afterwards.
/// </summary>
public sealed class PostgresMonitorServiceTests : MonitorServiceScenario, IAsyncLifetime
{
    private const string DefaultConnection = "Host=127.0.0.1;Username=postgres;Password=postgres;Database=vigil_test";
    private readonly string _schema = "vigil_monitoring_" + Guid.NewGuid().ToString("N")[..12];

    private static string BaseConnection =>
        Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES") is { Length: > 0 } s ? s : DefaultConnection;

    protected override async Task<IVigilStore> OpenStoreAsync() =>
        await VigilStore.OpenPostgresAsync(new Npgsql.NpgsqlConnectionStringBuilder(BaseConnection) { SearchPath = _schema }.ConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var c = new Npgsql.NpgsqlConnection(BaseConnection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE";
        await cmd.ExecuteNonQueryAsync();
    }
}
