using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Audit;

/// <summary><c>GET /api/v1/audit</c> and <c>/api/v1/audit/verify</c> (admin).</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireScope(KeyScope.Admin).WithTags("Audit");
        audit.MapGet("", ListAsync).WithName("ListAudit");
        audit.MapGet("/verify", VerifyAsync).WithName("VerifyAudit");
        return api;
    }

    private static async Task<Ok<AuditEntryView[]>> ListAsync(IVigilStore store, HttpContext context)
    {
        var all = await store.Audit.ReadAllAsync(context.RequestAborted);
        var views = new AuditEntryView[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            var e = all[i];
            views[i] = new AuditEntryView(e.Sequence, e.At.UtcDateTime, e.Actor, e.Action, e.Target, Parse(e.BeforeJson), Parse(e.AfterJson), e.PreviousHash, e.Hash);
        }
        return TypedResults.Ok(views);
    }

    private static async Task<Ok<AuditVerificationView>> VerifyAsync(IVigilStore store, HttpContext context)
    {
        var all = await store.Audit.ReadAllAsync(context.RequestAborted);
        var v = AuditChain.Verify(all);
        return TypedResults.Ok(new AuditVerificationView(v.Valid, v.Entries, v.FirstBadSequence, v.Reason));
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json); // stored text that is not JSON is shown as a string
        }
    }
}

internal sealed record AuditEntryView(long Sequence, DateTime At, string Actor, string Action, string Target, JsonElement? Before, JsonElement? After,
    string PreviousHash, string Hash);

internal sealed record AuditVerificationView(bool Valid, long Entries, long? FirstBadSequence, string? Reason);
