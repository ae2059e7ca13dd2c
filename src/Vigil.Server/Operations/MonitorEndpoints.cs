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
        models.MapGet("/windows", WindowsAsync).RequireScope(KeyScope.Read).WithName("ListWindows")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/windows/{start}", WindowAsync).RequireScope(KeyScope.Read).WithName("GetWindow")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
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

    /// <summary>
    /// Lists the windows, streamed: each stored result document is copied through token by token (no DOM), with the record's
    /// identifying columns written first. <c>fields=summary</c> leaves out the two large members, <c>distributions</c> and
    /// <c>profile</c> (a 365-window × 50-feature model: about 6 MB full, a few hundred kB summarised).
    /// </summary>
    private static async Task WindowsAsync(string model, string? from, string? to, string? fields, IVigilStore store, HttpContext context)
    {
        if (fields is not (null or "" or "all" or "summary"))
            throw ApiProblemException.BadRequest($"'fields' must be summary or all (got '{fields}')", "fields");
        await RegistryEndpoints.RequireModelAsync(store, model, context.RequestAborted);
        var start = ParseTime(from, "from") ?? DateTime.MinValue;
        var end = ParseTime(to, "to") ?? DateTime.MaxValue;
        var windows = await store.Windows.ListAsync(model, start, end, context.RequestAborted);
        bool summary = fields == "summary";
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartArray();
        foreach (var w in windows)
        {
            WindowWriter.Write(writer, w, summary);
            if (writer.BytesPending > 32 * 1024) await writer.FlushAsync(context.RequestAborted);
        }
        writer.WriteEndArray();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>One full window (with distributions and profile), addressed by its start time.</summary>
    private static async Task WindowAsync(string model, string start, IVigilStore store, HttpContext context)
    {
        await RegistryEndpoints.RequireModelAsync(store, model, context.RequestAborted);
        var at = ParseTime(start, "start") ?? throw ApiProblemException.BadRequest("the window start is missing", "start");
        var w = await store.Windows.GetAsync(model, at, context.RequestAborted)
            ?? throw ApiProblemException.NotFound($"model '{model}' has no window starting at {at:yyyy-MM-ddTHH:mm:ss.FFFFFFFZ}");
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        WindowWriter.Write(writer, w, summary: false);
        await writer.FlushAsync(context.RequestAborted);
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
