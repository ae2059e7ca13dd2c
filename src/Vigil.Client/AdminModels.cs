using System.Text.Json;

namespace Vigil.Client;

/// <summary>The scope of an API key: <c>read</c> ⊂ <c>ingest</c> ⊂ <c>admin</c>.</summary>
public enum ApiKeyScope
{
    /// <summary>GET endpoints.</summary>
    Read,
    /// <summary>Read plus prediction/label ingest and report upload.</summary>
    Ingest,
    /// <summary>Everything: registry, monitors, keys, audit.</summary>
    Admin,
}

/// <summary>A key as listed (the secret is never shown again).</summary>
/// <param name="Id">Key id (the part after <c>vgl_</c>).</param>
/// <param name="Name">Label given at creation.</param>
/// <param name="Scope">Scope.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="RevokedAt">Revocation time, or null while valid.</param>
public sealed record ApiKeyInfo(string Id, string Name, ApiKeyScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key; <see cref="Key"/> (<c>vgl_ID_SECRET</c>) is shown this once only.</summary>
/// <param name="Id">Key id.</param>
/// <param name="Name">Label.</param>
/// <param name="Scope">Scope.</param>
/// <param name="Key">The full bearer key.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record CreatedApiKey(string Id, string Name, ApiKeyScope Scope, string Key, DateTimeOffset CreatedAt);

internal sealed record CreateKeyBody(string Name, ApiKeyScope Scope);

/// <summary>One entry of the hash-chained audit log.</summary>
/// <param name="Sequence">Position in the chain (from 1).</param>
/// <param name="At">When.</param>
/// <param name="Actor">Key id, <c>local</c> or <c>cli</c>.</param>
/// <param name="Action">e.g. <c>alias.promote</c>.</param>
/// <param name="Target">e.g. <c>model:credit</c>.</param>
/// <param name="Before">State before (server JSON), or null.</param>
/// <param name="After">State after (server JSON), or null.</param>
/// <param name="PreviousHash">Hash of the previous entry.</param>
/// <param name="Hash">SHA-256 over this entry's canonical text including <paramref name="PreviousHash"/>.</param>
public sealed record AuditRecord(
    long Sequence, DateTimeOffset At, string Actor, string Action, string Target, JsonElement? Before, JsonElement? After,
    string? PreviousHash, string? Hash);

/// <summary>Result of re-computing the audit chain.</summary>
/// <param name="Valid">True when every hash and link checks out.</param>
/// <param name="Entries">Entries checked.</param>
/// <param name="FirstBadSequence">First entry that does not check out, or null.</param>
/// <param name="Reason">What is wrong with it, or null.</param>
public sealed record AuditVerification(bool Valid, long Entries, long? FirstBadSequence, string? Reason);

/// <summary>A report to store (what a report command wrote).</summary>
/// <param name="Kind"><c>evaluate</c>, <c>drift</c>, <c>validate</c>, <c>estimate</c>, …</param>
/// <param name="Title">Short title for lists.</param>
/// <param name="Html">The HTML report.</param>
/// <param name="Json">The machine JSON document (sent as JSON, not as a string), or null.</param>
/// <param name="Model">Model it belongs to, or null.</param>
public sealed record ReportUpload(string Kind, string Title, string Html, string? Json = null, string? Model = null);

/// <summary>A stored report.</summary>
/// <param name="Id">Report id.</param>
/// <param name="Model">Model, or null.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Title">Title.</param>
/// <param name="CreatedAt">When stored.</param>
public sealed record ReportInfo(string Id, string? Model, string Kind, string Title, DateTimeOffset CreatedAt);
