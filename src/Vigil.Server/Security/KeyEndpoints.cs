using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Problems;
using Vigil.Storage;

namespace Vigil.Server.Security;

/// <summary><c>/api/v1/keys</c>: create, list, revoke (admin).</summary>
internal static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").RequireScope(KeyScope.Admin).WithTags("Keys");
        keys.MapPost("", CreateAsync).WithName("CreateKey");
        keys.MapGet("", ListAsync).WithName("ListKeys");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeKey");
        return api;
    }

    private static async Task<Created<CreatedKeyView>> CreateAsync(CreateKeyRequest request, KeyService keys, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) throw ApiProblemException.BadRequest("'name' must not be empty", "$.name");
        if (!KeyService.TryParseScope(request.Scope, out var scope))
            throw ApiProblemException.BadRequest($"'scope' must be read, ingest or admin (got '{request.Scope}')", "$.scope");
        var created = await keys.CreateAsync(request.Name.Trim(), scope, context.Actor(), context.RequestAborted);
        var r = created.Record;
        return TypedResults.Created($"/api/v1/keys/{r.Id}", new CreatedKeyView(r.Id, r.Name, KeyService.ScopeName(r.Scope), created.Key, r.CreatedAt.UtcDateTime));
    }

    private static async Task<Ok<KeyView[]>> ListAsync(KeyService keys, HttpContext context)
    {
        var all = await keys.ListAsync(context.RequestAborted);
        var views = new KeyView[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            var k = all[i];
            views[i] = new KeyView(k.Id, k.Name, KeyService.ScopeName(k.Scope), k.CreatedAt.UtcDateTime, k.RevokedAt?.UtcDateTime);
        }
        return TypedResults.Ok(views);
    }

    private static async Task<NoContent> RevokeAsync(string id, KeyService keys, HttpContext context)
    {
        if (!await keys.RevokeAsync(id, context.Actor(), context.RequestAborted))
            throw ApiProblemException.NotFound($"no active key with id '{id}'");
        return TypedResults.NoContent();
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateKeyRequest(string Name, string Scope);

internal sealed record CreatedKeyView(string Id, string Name, string Scope, string Key, DateTime CreatedAt);

internal sealed record KeyView(string Id, string Name, string Scope, DateTime CreatedAt, DateTime? RevokedAt);
