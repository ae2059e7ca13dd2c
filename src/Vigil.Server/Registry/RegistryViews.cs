using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Storage;

namespace Vigil.Server.Registry;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateModelRequest(string Name, string Task, string? Description = null, string? PositiveLabel = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateVersionRequest(string Version, string? Framework = null, string? TrainingDataFingerprint = null, JsonElement? Evaluation = null,
    Dictionary<string, string>? Tags = null, string? ArtifactBase64 = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SetAliasRequest(string Version);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RollbackRequest(string Alias);

/// <summary>Inline data (<c>format</c> + <c>content_base64</c>) or a stored dataset (<c>dataset_id</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record DataReference(string? DatasetId = null, string? Format = null, string? ContentBase64 = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record GateRequest(Dictionary<string, double>? Margins = null, Dictionary<string, double>? Floors = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PromoteRequest(string Version, DataReference EvaluationData, string Label, string CandidateScore, string Alias = "champion",
    string? BaselineScore = null, string? PositiveLabel = null, GateRequest? Gate = null, int Bootstrap = 1000, long Seed = 42, double Threshold = 0.5);

internal sealed record ModelView(string Name, string Task, string? Description, string? PositiveLabel, DateTime CreatedAt);

internal sealed record WindowSummary(long Index, DateTime Start, DateTime End, bool Closed, long Events, long Labeled, double? DriftShare, DateTime ComputedAt);

internal sealed record ModelListItem(string Name, string Task, string? Description, string? PositiveLabel, DateTime CreatedAt,
    Dictionary<string, string> Aliases, int Versions, long EventsIngested, string Status, WindowSummary? LastWindow);

internal sealed record VersionView(string Model, string Version, string? Framework, string? ArtifactSha256, string? TrainingDataFingerprint,
    JsonElement? Evaluation, IReadOnlyDictionary<string, string> Tags, DateTime CreatedAt);

internal sealed record AliasView(string Model, string Alias, string Version, DateTime UpdatedAt);

internal sealed record AliasChangeView(string Alias, string? FromVersion, string ToVersion, string Kind, JsonElement? Evidence, string Actor, DateTime At);

internal sealed record ModelDetail(string Name, string Task, string? Description, string? PositiveLabel, DateTime CreatedAt, VersionView[] Versions,
    Dictionary<string, string> Aliases, AliasChangeView[] AliasHistory, long EventsIngested, long LabelsIngested, JsonElement? Monitor, string Status);

internal sealed record PromoteResult(bool Promoted, string Alias, string? FromVersion, string ToVersion, JsonElement Evidence);

internal sealed record RollbackResult(string Alias, string FromVersion, string ToVersion);

internal static class RegistryViews
{
    public static string TaskName(ModelTask task) => task switch
    {
        ModelTask.Binary => "binary",
        ModelTask.Multiclass => "multiclass",
        _ => "regression",
    };

    public static ModelView View(ModelRecord m) => new(m.Name, TaskName(m.Task), m.Description, m.PositiveLabel, m.CreatedAt.UtcDateTime);

    public static VersionView View(ModelVersionRecord v) =>
        new(v.Model, v.Version, v.Framework, v.ArtifactSha256, v.TrainingDataFingerprint, Json(v.EvaluationJson), v.Tags, v.CreatedAt.UtcDateTime);

    public static AliasView View(AliasRecord a) => new(a.Model, a.Alias, a.Version, a.UpdatedAt.UtcDateTime);

    public static AliasChangeView View(AliasChange c) => new(c.Alias, c.FromVersion, c.ToVersion, c.Kind, Json(c.EvidenceJson), c.Actor, c.At.UtcDateTime);

    public static WindowSummary Summary(WindowRecord w) =>
        new(w.Index, Utc(w.Start), Utc(w.End), w.Closed, w.Events, w.Labeled, w.DriftShare, w.ComputedAt.UtcDateTime);

    /// <summary>Store times are UTC whatever kind the driver gives them.</summary>
    public static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    public static JsonElement? Json(string? text)
    {
        if (text is null) return null;
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
