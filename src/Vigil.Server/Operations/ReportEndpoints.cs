using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Problems;
using Vigil.Server.Registry;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Operations;

/// <summary>Stored HTML + JSON reports: upload (ingest), list, the HTML and the JSON (read).</summary>
internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapPost("", UploadAsync).RequireScope(KeyScope.Ingest).WithName("UploadReport");
        reports.MapGet("", ListAsync).RequireScope(KeyScope.Read).WithName("ListReports");
        reports.MapGet("/{id}", HtmlAsync).RequireScope(KeyScope.Read).WithName("GetReportHtml").Produces(200, contentType: "text/html");
        reports.MapGet("/{id}/json", JsonAsync).RequireScope(KeyScope.Read).WithName("GetReportJson").Produces(200, contentType: "application/json");
        return api;
    }

    private static async Task<Created<ReportView>> UploadAsync(UploadReportRequest request, IVigilStore store, HttpContext context)
    {
        var ct = context.RequestAborted;
        if (string.IsNullOrWhiteSpace(request.Kind)) throw ApiProblemException.BadRequest("'kind' must not be empty", "$.kind");
        if (string.IsNullOrWhiteSpace(request.Title)) throw ApiProblemException.BadRequest("'title' must not be empty", "$.title");
        if (string.IsNullOrWhiteSpace(request.Html)) throw ApiProblemException.BadRequest("'html' must not be empty", "$.html");
        if (request.Model is not null) await RegistryEndpoints.RequireModelAsync(store, request.Model, ct);
        string? json = request.Json switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => Validate(s.GetString()!),
            { } e => e.GetRawText(),
        };
        var r = await store.Reports.PutAsync(request.Model, request.Kind, request.Title, request.Html, json, ct);
        return TypedResults.Created($"/api/v1/reports/{r.Id}", View(r));
    }

    private static async Task<Ok<ReportView[]>> ListAsync(string? model, IVigilStore store, HttpContext context)
    {
        var all = await store.Reports.ListAsync(model, context.RequestAborted);
        return TypedResults.Ok(all.Select(View).ToArray());
    }

    private static async Task<ContentHttpResult> HtmlAsync(string id, IVigilStore store, HttpContext context)
    {
        var r = await store.Reports.GetAsync(id, context.RequestAborted) ?? throw ApiProblemException.NotFound($"no report with id '{id}'");
        return TypedResults.Content(r.Html, "text/html; charset=utf-8");
    }

    private static async Task<ContentHttpResult> JsonAsync(string id, IVigilStore store, HttpContext context)
    {
        var r = await store.Reports.GetAsync(id, context.RequestAborted) ?? throw ApiProblemException.NotFound($"no report with id '{id}'");
        if (r.Json is null) throw ApiProblemException.NotFound($"report '{id}' was stored without JSON");
        return TypedResults.Content(r.Json, "application/json; charset=utf-8");
    }

    /// <summary>A report's JSON sent as a string must still be JSON.</summary>
    private static string Validate(string text)
    {
        try { using var _ = JsonDocument.Parse(text); }
        catch (JsonException ex) { throw ApiProblemException.BadRequest($"'json' is not valid JSON: {ProblemMiddleware.OneLine(ex.Message)}", "$.json"); }
        return text;
    }

    private static ReportView View(ReportRecord r) => new(r.Id, r.Model, r.Kind, r.Title, r.CreatedAt.UtcDateTime);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record UploadReportRequest(string Kind, string Title, string Html, string? Model = null, JsonElement? Json = null);

internal sealed record ReportView(string Id, string? Model, string Kind, string Title, DateTime CreatedAt);
