using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.TestSupport;

namespace Vigil.Server.Tests;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task HealthAndPrometheusMetrics()
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options());
        var live = await (await server.Client.GetAsync("/health/live")).JsonAsync(200);
        Assert.Equal("live", live.GetProperty("status").GetString());
        var ready = await (await server.Client.GetAsync("/health/ready")).JsonAsync(200);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("duckdb", ready.GetProperty("backend").GetString());
        await server.Client.GetAsync("/api/v1/models");
        await server.Client.GetAsync("/api/v1/models/nope");

        // The exporter collects on scrape; the first scrape may precede the first collection, so allow a second.
        // Request metrics are recorded as the response completes, and the exporter caches a scrape briefly: poll a little.
        string text = "";
        for (var attempt = 0; attempt < 50 && !(text.Contains("status=\"404\"") && text.Contains("vigil_server_request_duration_seconds_bucket{")); attempt++)
        {
            if (attempt > 0) await Task.Delay(200);
            var r = await server.Client.GetAsync("/metrics");
            Assert.True(r.IsSuccessStatusCode);
            text = await r.Content.ReadAsStringAsync();
        }
        Assert.Contains("# TYPE vigil_server_requests_total counter", text);
        Assert.Contains("route=\"/api/v1/models/{model}\"", text);
        Assert.Contains("status=\"404\"", text);
        Assert.Contains("route=\"/api/v1/models\",status=\"200\"", text);
        Assert.Contains("vigil_server_request_duration_seconds_bucket{", text);
        Assert.Contains("le=\"0.005\"", text); // second-scale buckets, not OpenTelemetry's millisecond defaults
    }

    /// <summary>
    /// The committed docs/openapi.v1.json must equal what the server serves. To regenerate after an API change:
    /// <c>VIGIL_UPDATE_OPENAPI=1 dotnet test tests/Vigil.Server.Tests --filter FullyQualifiedName~OpenApi</c>.
    /// </summary>
    [Fact]
    public async Task OpenApiDocumentMatchesTheCommittedOne()
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options());
        var served = Normalize(await server.Client.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(Paths.RepositoryRoot, "docs", "openapi.v1.json");
        if (Environment.GetEnvironmentVariable("VIGIL_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(path, served);
        Assert.True(File.Exists(path), $"{path} is missing. Regenerate: VIGIL_UPDATE_OPENAPI=1 dotnet test tests/Vigil.Server.Tests --filter FullyQualifiedName~OpenApi");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        if (served == committed) return;
        var a = committed.Split('\n');
        var b = served.Split('\n');
        var line = 0;
        while (line < a.Length && line < b.Length && a[line] == b[line]) line++;
        Assert.Fail($"docs/openapi.v1.json differs from the served /openapi/v1.json from line {line + 1}:\n" +
            $"  committed: {(line < a.Length ? a[line].Trim() : "<end>")}\n  served:    {(line < b.Length ? b[line].Trim() : "<end>")}\n" +
            "If the API change is intended, regenerate: VIGIL_UPDATE_OPENAPI=1 dotnet test tests/Vigil.Server.Tests --filter FullyQualifiedName~OpenApi");
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n") + "\n";
}
