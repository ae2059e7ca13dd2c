using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Monitoring;
using Vigil.Monitoring.Configuration;
using Vigil.Server.Ingest;
using Vigil.Server.Problems;
using Vigil.Server.Registry;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Operations;

/// <summary>Monitor configuration, windows, alerts and retraining triggers (docs/API.md "Monitor" and "Windows, alerts, triggers").</summary>
internal static class MonitorEndpoints
{
    public static RouteGroupBuilder MapMonitorEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models/{model}").WithTags("Monitoring");
        models.MapPut("/monitor", PutMonitorAsync).RequireScope(KeyScope.Admin).WithName("PutMonitor");
        models.MapGet("/monitor", GetMonitorAsync).RequireScope(KeyScope.Read).WithName("GetMonitor");
        models.MapGet("/windows", WindowsAsync).RequireScope(KeyScope.Read).WithName("ListWindows");
        models.MapGet("/triggers", TriggersAsync).RequireScope(KeyScope.Read).WithName("ListTriggers");
        api.MapGet("/alerts", AlertsAsync).RequireScope(KeyScope.Read).WithTags("Monitoring").WithName("ListAlerts");
        return api;
    }

    /// <summary>
    /// Validates and stores the monitor through <see cref="MonitorService.PutMonitorAsync"/>, which also writes the
    /// <c>monitor.put</c> audit entry; configuration problems come back as <see cref="MonitorConfigException"/> (400 naming the path).
    /// </summary>
    private static async Task<Ok<JsonElement>> PutMonitorAsync(string model, JsonElement config, IVigilStore store, MonitorService monitors,
        IngestSchemaCache schemas, HttpContext context)
    {
        await RegistryEndpoints.RequireModelAsync(store, model, context.RequestAborted);
        if (config.ValueKind != JsonValueKind.Object) throw ApiProblemException.BadRequest("the monitor configuration must be a JSON object", "$");
        var record = await monitors.PutMonitorAsync(model, config, context.Actor(), context.RequestAborted);
        schemas.Invalidate(model); // ingest validates against the new schema from the next request on
        return TypedResults.Ok(RegistryViews.Json(record.ConfigJson)!.Value);
    }

    private static async Task<Ok<JsonElement>> GetMonitorAsync(string model, IVigilStore store, HttpContext context)
    {
        await RegistryEndpoints.RequireModelAsync(store, model, context.RequestAborted);
        var monitor = await store.Monitors.GetAsync(model, context.RequestAborted) ?? throw ApiProblemException.NotFound($"model '{model}' has no monitor");
        return TypedResults.Ok(RegistryViews.Json(monitor.ConfigJson)!.Value);
    }

    private static async Task<Ok<JsonArray>> WindowsAsync(string model, string? from, string? to, IVigilStore store, HttpContext context)
    {
        await RegistryEndpoints.RequireModelAsync(store, model, context.RequestAborted);
        var start = ParseTime(from, "from") ?? DateTime.MinValue;
        var end = ParseTime(to, "to") ?? DateTime.MaxValue;
        var windows = await store.Windows.ListAsync(model, start, end, context.RequestAborted);
        var array = new JsonArray();
        foreach (var w in windows)
        {
            // The stored result is the window document; the record's columns are authoritative for the identifying fields.
            var node = JsonNode.Parse(w.ResultJson) as JsonObject ?? [];
            node["model"] = w.Model;
            node["index"] = w.Index;
            node["start"] = RegistryViews.Utc(w.Start);
            node["end"] = RegistryViews.Utc(w.End);
            node["closed"] = w.Closed;
            node["events"] = w.Events;
            node["labeled"] = w.Labeled;
            node["computed_at"] = w.ComputedAt.UtcDateTime;
            array.Add(node);
        }
        return TypedResults.Ok(array);
    }

    private static async Task<Ok<AlertView[]>> AlertsAsync(string? model, string? state, IVigilStore store, HttpContext context)
    {
        if (state is not (null or "firing" or "resolved"))
            throw ApiProblemException.BadRequest($"'state' must be firing or resolved (got '{state}')", "state");
        var alerts = await store.Alerts.ListAsync(model, state, 1000, context.RequestAborted);
        return TypedResults.Ok(alerts.Select(a => new AlertView(a.Id, a.Model, a.Rule, a.Expression, a.State, RegistryViews.Utc(a.WindowStart), a.FiredAt.UtcDateTime,
            a.ResolvedAt?.UtcDateTime, RegistryViews.Json(a.EvidenceJson))).ToArray());
    }

    private static async Task<Ok<TriggerView[]>> TriggersAsync(string model, IVigilStore store, HttpContext context)
    {
        await RegistryEndpoints.RequireModelAsync(store, model, context.RequestAborted);
        var triggers = await store.Triggers.ListAsync(model, context.RequestAborted);
        return TypedResults.Ok(triggers.Select(t => new TriggerView(t.Id, t.Model, t.At.UtcDateTime, t.Reason, RegistryViews.Json(t.EvidenceJson))).ToArray());
    }

    /// <summary>An ISO-8601 time (with <c>T</c> or a space, optional zone; none = UTC), or null when absent.</summary>
    internal static DateTime? ParseTime(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t.UtcDateTime;
        throw ApiProblemException.BadRequest($"query parameter '{parameter}' is not an ISO-8601 time (got '{text}')", parameter);
    }
}

internal sealed record AlertView(long Id, string Model, string Rule, string Expression, string State, DateTime WindowStart, DateTime FiredAt,
    DateTime? ResolvedAt, JsonElement? Evidence);

internal sealed record TriggerView(long Id, string Model, DateTime At, string Reason, JsonElement? Evidence);
