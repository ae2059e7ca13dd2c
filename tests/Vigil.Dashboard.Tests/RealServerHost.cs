using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Server;
using Vigil.Storage;
using Vigil.TestSupport;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// The real server (<see cref="VigilServer.CreateAsync"/>) on a temporary DuckDB file, bound to 127.0.0.1 port 0, seeded
/// with <see cref="SampleData"/>: models, versions, aliases, a gated promotion, a rollback, reports and keys through the
/// HTTP API; monitor (when the API cannot take it yet), windows, alerts and triggers straight into the server's own store
/// (<see cref="IWindowStore.UpsertAsync"/> and friends), since simulating 60 days of traffic is the demo's job.
/// </summary>
public sealed class RealServerHost : IDashboardHost
{
    private readonly WebApplication app;
    private readonly string folder;

    private RealServerHost(WebApplication app, string baseUrl, SampleData data, string folder)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Data = data;
        this.folder = folder;
    }

    public string BaseUrl { get; }
    public SampleData Data { get; }
    public IVigilStore Store => app.Services.GetRequiredService<IVigilStore>();

    public static async Task<RealServerHost> StartAsync(SampleData data)
    {
        var folder = Paths.TempFolder();
        var options = new ServerOptions(DatabasePath: Path.Combine(folder, "vigil.duckdb"), Urls: "http://127.0.0.1:0");
        // The sample is a picture of one moment: the server's clock (the monitor closes silent windows by it) stands at
        // the first seeded window's start while seeding (so the live monitor writes nothing over the windows being seeded),
        // then at the latest seeded window's end (so it adds no silent windows up to today and statuses are as of then).
        var ends = data.Windows.Values.SelectMany(ws => ws).Select(w => DateTimeOffset.Parse((string)w["end"]!, CultureInfo.InvariantCulture)).ToList();
        var starts = data.Windows.Values.SelectMany(ws => ws).Select(w => DateTimeOffset.Parse((string)w["start"]!, CultureInfo.InvariantCulture)).ToList();
        var clock = new SampleClock(starts.Count > 0 ? starts.Min() : DateTimeOffset.UtcNow);
        var app = await VigilServer.CreateAsync(options, b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton<TimeProvider>(clock);
        });
        await app.StartAsync();
        var baseUrl = app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
        var host = new RealServerHost(app, baseUrl, data, folder);
        try
        {
            await host.SeedAsync();
            if (ends.Count > 0) clock.Now = ends.Max();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Creates a key through the admin API (after this the server requires keys) and returns the full key.</summary>
    public async Task<string> CreateKeyAsync(string scope, string? adminKey = null)
    {
        using var http = Client(adminKey);
        var created = await Send(http, HttpMethod.Post, "/api/v1/keys", new JsonObject { ["name"] = "dashboard-" + scope, ["scope"] = scope });
        return (string)created!["key"]!;
    }

    private HttpClient Client(string? key = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (key is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }

    private static async Task<JsonNode?> Send(HttpClient http, HttpMethod method, string path, JsonNode? body, bool allowNotImplemented = false)
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null) req.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var res = await http.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        if (allowNotImplemented && (int)res.StatusCode == 501) return null;
        if (!res.IsSuccessStatusCode)
            throw new InvalidOperationException($"Seeding the real server: {method} {path} answered {(int)res.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private async Task SeedAsync()
    {
        using var http = Client();
        var store = Store;
        foreach (var (name, detail) in Data.ModelDetails)
        {
            await Send(http, HttpMethod.Post, "/api/v1/models", new JsonObject
            {
                ["name"] = name, ["task"] = detail["task"]!.DeepClone(), ["description"] = detail["description"]?.DeepClone(),
                ["positive_label"] = detail["positive_label"]?.DeepClone(),
            });
            foreach (var v in detail["versions"]!.AsArray())
            {
                await Send(http, HttpMethod.Post, $"/api/v1/models/{name}/versions", new JsonObject
                {
                    ["version"] = v!["version"]!.DeepClone(), ["framework"] = v["framework"]!.DeepClone(),
                    ["training_data_fingerprint"] = v["training_data_fingerprint"]!.DeepClone(), ["tags"] = v["tags"]!.DeepClone(),
                    ["evaluation"] = v["evaluation"]!.DeepClone(),
                });
            }
            await SeedAliasesAsync(http, name, detail);
            if (detail["monitor"] is JsonObject monitor) await SeedMonitorAsync(http, store, name, monitor);
        }
        foreach (var (name, windows) in Data.Windows)
        {
            foreach (var w in windows)
            {
                var start = DateTime.Parse((string)w["start"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var end = DateTime.Parse((string)w["end"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var record = new WindowRecord(name, start, end, (int)w["index"]!, (bool)w["closed"]!, (long)w["events"]!, (long)w["labeled"]!,
                    (double)w["drift"]!["drift_share"]!, w.ToJsonString(), DateTimeOffset.Parse((string)w["computed_at"]!, CultureInfo.InvariantCulture));
                // The server's monitor records silent windows by the wall clock while this seeds; an upsert racing it on the same
                // (model, start) can fail on the primary key (DuckDB), so one retry (which then updates) is enough.
                try { await store.Windows.UpsertAsync(record); }
                catch (DuckDB.NET.Data.DuckDBException) { await Task.Delay(100); await store.Windows.UpsertAsync(record); }
            }
        }
        foreach (var a in Data.Alerts)
        {
            var stored = await store.Alerts.InsertAsync(new AlertRecord(0, (string)a["model"]!, (string)a["rule"]!, (string)a["expression"]!, "firing",
                DateTime.Parse((string)a["window_start"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
                DateTimeOffset.Parse((string)a["fired_at"]!, CultureInfo.InvariantCulture), null,
                a["evidence"] is JsonValue ev && ev.TryGetValue<string>(out var s) ? s : a["evidence"]!.ToJsonString()));
            if ((string?)a["state"] == "resolved")
                await store.Alerts.ResolveAsync(stored.Id, DateTimeOffset.Parse((string)a["resolved_at"]!, CultureInfo.InvariantCulture));
            a["id"] = stored.Id;
        }
        foreach (var (name, triggers) in Data.Triggers)
        {
            foreach (var t in triggers)
            {
                var stored = await store.Triggers.InsertAsync(new TriggerRecord(0, name, DateTimeOffset.Parse((string)t["at"]!, CultureInfo.InvariantCulture),
                    (string)t["reason"]!, t["evidence"]!.ToJsonString()));
                t["id"] = stored.Id;
            }
        }
        var reportHtml = new Dictionary<string, string>(Data.ReportHtml);
        Data.ReportHtml.Clear();
        foreach (var r in Data.Reports)
        {
            var created = await Send(http, HttpMethod.Post, "/api/v1/reports", new JsonObject
            {
                ["model"] = r["model"]?.DeepClone(), ["kind"] = r["kind"]!.DeepClone(), ["title"] = r["title"]!.DeepClone(),
                ["html"] = reportHtml[(string)r["id"]!], ["json"] = new JsonObject { ["schema_version"] = 1 },
            });
            var id = (string)created!["id"]!;
            Data.ReportHtml[id] = reportHtml[(string)r["id"]!];
            r["id"] = id;
        }
    }

    private static async Task SeedAliasesAsync(HttpClient http, string model, JsonObject detail)
    {
        if (model != SampleData.CreditModel)
        {
            foreach (var (alias, version) in detail["aliases"]!.AsObject())
                await Send(http, HttpMethod.Put, $"/api/v1/models/{model}/aliases/{alias}", new JsonObject { ["version"] = version!.DeepClone() });
            return;
        }
        // champion → 1, challenger → 2, a gated promotion of 2 to champion, then a rollback to 1.
        await Send(http, HttpMethod.Put, $"/api/v1/models/{model}/aliases/champion", new JsonObject { ["version"] = "1" });
        await Send(http, HttpMethod.Put, $"/api/v1/models/{model}/aliases/challenger", new JsonObject { ["version"] = "2" });
        var promoted = await Send(http, HttpMethod.Post, $"/api/v1/models/{model}/promote", new JsonObject
        {
            ["version"] = "2", ["alias"] = "champion", ["label"] = "y", ["candidate_score"] = "score_v2", ["baseline_score"] = "score_v1",
            ["evaluation_data"] = new JsonObject { ["format"] = "csv", ["content_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(EvaluationCsv())) },
            ["gate"] = new JsonObject { ["margins"] = new JsonObject { ["roc_auc"] = -0.2 }, ["floors"] = new JsonObject { ["roc_auc"] = 0.6 } },
            ["bootstrap"] = 200, ["seed"] = 7,
        });
        if (promoted?["promoted"]?.GetValue<bool>() != true)
            throw new InvalidOperationException("Seeding: the promotion gate did not pass: " + promoted?.ToJsonString());
        await Send(http, HttpMethod.Post, $"/api/v1/models/{model}/rollback", new JsonObject { ["alias"] = "champion" });
    }

    /// <summary>A labelled evaluation set where both versions rank well (seeded).</summary>
    private static string EvaluationCsv()
    {
        var rng = new Random(11);
        var sb = new StringBuilder("y,score_v1,score_v2\n");
        for (int i = 0; i < 400; i++)
        {
            int y = rng.NextDouble() < 0.3 ? 1 : 0;
            double s1 = Math.Clamp(0.35 + 0.3 * y + 0.25 * (rng.NextDouble() - 0.5), 0, 1);
            double s2 = Math.Clamp(0.33 + 0.34 * y + 0.25 * (rng.NextDouble() - 0.5), 0, 1);
            sb.Append(CultureInfo.InvariantCulture, $"{y},{s1:F4},{s2:F4}\n");
        }
        return sb.ToString();
    }

    private static async Task SeedMonitorAsync(HttpClient http, IVigilStore store, string model, JsonObject monitor)
    {
        var schema = monitor["schema"]!.AsArray();
        var header = string.Join(',', schema.Select(f => (string)f!["name"]!));
        var rng = new Random(3);
        var csv = new StringBuilder(header + "\n");
        for (int i = 0; i < 200; i++)
            csv.AppendLine(string.Join(',', schema.Select(f => (string)f!["kind"]! == "numeric" ? (20 + rng.NextDouble() * 70).ToString("F2", CultureInfo.InvariantCulture) : "north")));
        var config = new JsonObject
        {
            ["reference"] = new JsonObject { ["format"] = "csv", ["content_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv.ToString())) },
            ["window"] = "1d", ["metrics"] = monitor["metrics"]!.DeepClone(), ["estimation"] = true, ["alerts"] = monitor["alerts"]!.DeepClone(),
        };
        var put = await Send(http, HttpMethod.Put, $"/api/v1/models/{model}/monitor", config, allowNotImplemented: true);
        if (put is not null) return;
        // The server cannot take monitors yet (501 until monitoring lands): store the normalised monitor directly.
        var dataset = await store.Datasets.PutAsync("reference.csv", "csv", Encoding.UTF8.GetBytes(csv.ToString()));
        var normalised = monitor.DeepClone().AsObject();
        normalised["reference_dataset_id"] = dataset.Id;
        await store.Monitors.PutAsync(new MonitorRecord(model, normalised.ToJsonString(), dataset.Id, DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ }
    }
}

/// <summary>A clock that stands still at <see cref="Now"/> (set by the host).</summary>
internal sealed class SampleClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
