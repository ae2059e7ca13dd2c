using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigil.Server.Observability;
using Vigil.Storage;

namespace Vigil.Server.Security;

/// <summary>
/// Resolves <c>Authorization: Bearer vgl_…</c> to the caller and enforces the endpoint's <see cref="RequiredScope"/>
/// (every <c>/api</c> route without one needs <c>read</c>): 401 when the key is missing, unknown or revoked, 403 when its
/// scope is too small. On a loopback-only bind with no active key every request passes as actor <c>local</c>.
/// Runs after routing, so the endpoint's metadata is known.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, KeyService keys, ServerState state, IProblemDetailsService problems, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope
            ?? (context.Request.Path.StartsWithSegments("/api") ? KeyScope.Read : (KeyScope?)null);
        if (required is null)
        {
            await next(context);
            return;
        }
        if (state.LoopbackOnly && !await keys.AnyActiveAsync(context.RequestAborted))
        {
            context.Items[ScopeRequirement.ActorItem] = "local";
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await DenyAsync(context, 401, "Unauthorized", "this endpoint needs an API key: send 'Authorization: Bearer vgl_<id>_<secret>'");
            return;
        }
        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), context.RequestAborted);
        if (key is null)
        {
            await DenyAsync(context, 401, "Unauthorized", "the API key is unknown, revoked or malformed");
            return;
        }
        if (key.Scope < required)
        {
            await DenyAsync(context, 403, "Forbidden",
                $"key '{key.Id}' has scope '{KeyService.ScopeName(key.Scope)}'; this endpoint needs '{KeyService.ScopeName(required.Value)}'");
            return;
        }
        context.Items[ScopeRequirement.ActorItem] = key.Id;
        await next(context);
    }

    private async Task DenyAsync(HttpContext context, int status, string title, string detail)
    {
        metrics.AuthFailures.Add(1, new KeyValuePair<string, object?>("status", status));
        context.Response.StatusCode = status;
        if (status == 401) context.Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path },
        });
    }
}

/// <summary>Facts fixed at start-up that request handling needs.</summary>
/// <param name="LoopbackOnly">True when every listen URL is loopback.</param>
internal sealed record ServerState(bool LoopbackOnly);
