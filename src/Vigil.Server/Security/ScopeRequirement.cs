using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vigil.Storage;

namespace Vigil.Server.Security;

/// <summary>
/// Endpoint metadata and helpers for API-key scopes. The authentication middleware (server work) resolves the
/// bearer key, stores the caller in <see cref="HttpContext.Items"/> and enforces the scope declared here.
/// </summary>
public static class ScopeRequirement
{
    internal const string ActorItem = "vigil.actor";

    /// <summary>Declares the scope an endpoint needs (read ⊂ ingest ⊂ admin).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, KeyScope scope) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredScope(scope));
        return builder;
    }

    /// <summary>The caller's key id, or "local" on loopback with no keys defined.</summary>
    public static string Actor(this HttpContext context) =>
        context.Items.TryGetValue(ActorItem, out var a) && a is string s ? s : "local";
}

/// <summary>Endpoint metadata: the minimum scope.</summary>
public sealed record RequiredScope(KeyScope Scope);
