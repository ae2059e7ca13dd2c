using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Server.Audit;

/// <summary>Appends registry, alias, monitor and key changes to the hash-chained audit log, with before/after as JSON.</summary>
internal static class AuditLog
{
    public static Task<AuditEntry> RecordAsync(this IVigilStore store, string actor, string action, string target, object? before, object? after, CancellationToken ct) =>
        store.Audit.AppendAsync(new AuditDraft(actor, action, target, ToJson(before), ToJson(after)), ct);

    private static string? ToJson(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType(), ServerJson.Options),
    };
}
