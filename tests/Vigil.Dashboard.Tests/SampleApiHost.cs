using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.Server.Dashboard;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// A test-only Kestrel app on 127.0.0.1 (port 0) serving the real dashboard (<see cref="DashboardEndpoints.MapDashboard"/>)
/// and the read side of docs/API.md from <see cref="SampleData"/>. Used where the real server cannot produce a
/// state cheaply (the 365 × 50 speed case) and until the server lands; given a required key it answers
/// 401 problem details to requests without that bearer key, like a server with keys defined.
/// </summary>
public sealed class SampleApiHost : IDashboardHost
{
    private readonly WebApplication app;

    private SampleApiHost(WebApplication app, string baseUrl, SampleData data)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Data = data;
    }

    public string BaseUrl { get; }
    public SampleData Data { get; }

    public static async Task<SampleApiHost> StartAsync(SampleData data, string? requiredKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        if (requiredKey is not null)
        {
            app.Use(async (ctx, next) =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api") && ctx.Request.Headers.Authorization.ToString() != "Bearer " + requiredKey)
                {
                    ctx.Response.StatusCode = 401;
                    ctx.Response.ContentType = "application/problem+json";
                    await ctx.Response.WriteAsync("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"A valid API key is required.\"}");
                    return;
                }
                await next();
            });
        }
        app.MapDashboard();
        var api = app.MapGroup("/api/v1");
        api.MapGet("/models", () => Json(data.ModelList()));
        api.MapGet("/models/{model}", (string model) => data.ModelDetails.TryGetValue(model, out var m) ? Json(m) : NotFound("model", model));
        // Serialised once per model, as the real server passes stored window JSON through.
        var windowJson = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        api.MapGet("/models/{model}/windows", (string model) => data.Windows.TryGetValue(model, out var w)
            ? Results.Text(windowJson.GetOrAdd(model, _ => SampleData.ToJson(new JsonArray(w.Select(x => (JsonNode)x.DeepClone()).ToArray()))), "application/json; charset=utf-8")
            : NotFound("model", model));
        api.MapGet("/models/{model}/triggers", (string model) => data.Triggers.TryGetValue(model, out var t) ? Json(new JsonArray(t.Select(x => (JsonNode)x.DeepClone()).ToArray())) : NotFound("model", model));
        api.MapGet("/alerts", (string? model, string? state) => Json(new JsonArray(data.Alerts
            .Where(a => (model is null || (string?)a["model"] == model) && (state is null || (string?)a["state"] == state))
            .Select(a => (JsonNode)a.DeepClone()).ToArray())));
        api.MapGet("/reports", (string? model) => Json(new JsonArray(data.Reports.Where(r => model is null || (string?)r["model"] == model).Select(r => (JsonNode)r.DeepClone()).ToArray())));
        api.MapGet("/reports/{id}", (string id) => data.ReportHtml.TryGetValue(id, out var html) ? Results.Content(html, "text/html; charset=utf-8") : NotFound("report", id));
        api.MapGet("/audit", () => Json(new JsonArray(data.Audit.Select(a => (JsonNode)a.DeepClone()).ToArray())));
        api.MapGet("/audit/verify", () => Json(new JsonObject { ["valid"] = true, ["entries"] = data.Audit.Count, ["first_bad_sequence"] = null, ["reason"] = null }));
        await app.StartAsync();
        var address = app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new SampleApiHost(app, address, data);
    }

    private static IResult Json(JsonNode node) => Results.Text(SampleData.ToJson(node), "application/json; charset=utf-8");

    private static IResult NotFound(string what, string name) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: $"No {what} named '{name}'.");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
