using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Audit;
using Vigil.Server.Problems;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Registry;

/// <summary>The model registry: models, versions, artifacts, aliases, promotion and rollback (docs/API.md "Registry").</summary>
internal static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Registry");
        models.MapPost("", CreateModelAsync).RequireScope(KeyScope.Admin).WithName("CreateModel");
        models.MapGet("", ListModelsAsync).RequireScope(KeyScope.Read).WithName("ListModels");
        models.MapGet("/{model}", GetModelAsync).RequireScope(KeyScope.Read).WithName("GetModel");
        models.MapPost("/{model}/versions", CreateVersionAsync).RequireScope(KeyScope.Admin).WithName("CreateVersion")
            .Accepts<CreateVersionRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery();
        models.MapGet("/{model}/versions", ListVersionsAsync).RequireScope(KeyScope.Read).WithName("ListVersions");
        models.MapPut("/{model}/aliases/{alias}", SetAliasAsync).RequireScope(KeyScope.Admin).WithName("SetAlias");
        models.MapPost("/{model}/promote", PromoteAsync).RequireScope(KeyScope.Admin).WithName("Promote");
        models.MapPost("/{model}/rollback", RollbackAsync).RequireScope(KeyScope.Admin).WithName("Rollback");
        api.MapGet("/artifacts/{sha256}", GetArtifactAsync).RequireScope(KeyScope.Read).WithTags("Registry").WithName("GetArtifact");
        return api;
    }

    internal static async Task<ModelRecord> RequireModelAsync(IVigilStore store, string model, CancellationToken ct) =>
        await store.Registry.GetModelAsync(model, ct).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no model named '{model}'");

    private static async Task<Created<ModelView>> CreateModelAsync(CreateModelRequest request, IVigilStore store, TimeProvider time, HttpContext context)
    {
        var ct = context.RequestAborted;
        var name = Names.Check(request.Name, "$.name");
        ModelTask task = request.Task switch
        {
            "binary" => ModelTask.Binary,
            "multiclass" => ModelTask.Multiclass,
            "regression" => ModelTask.Regression,
            _ => throw ApiProblemException.BadRequest($"'task' must be binary, multiclass or regression (got '{request.Task}')", "$.task"),
        };
        if (request.PositiveLabel is not null && task != ModelTask.Binary)
            throw ApiProblemException.BadRequest("'positive_label' applies to binary models only", "$.positive_label");
        var record = new ModelRecord(name, task, request.Description, request.PositiveLabel, Now(time));
        if (!await store.Registry.CreateModelAsync(record, ct))
            throw ApiProblemException.Conflict($"a model named '{name}' already exists");
        var view = RegistryViews.View(record);
        await store.RecordAsync(context.Actor(), "model.create", $"model:{name}", null, view, ct);
        return TypedResults.Created($"/api/v1/models/{name}", view);
    }

    private static async Task<Ok<ModelListItem[]>> ListModelsAsync(IVigilStore store, HttpContext context)
    {
        var ct = context.RequestAborted;
        var models = await store.Registry.ListModelsAsync(ct);
        var items = new ModelListItem[models.Count];
        for (var i = 0; i < models.Count; i++)
        {
            var m = models[i];
            var aliases = await AliasMapAsync(store, m.Name, ct);
            var versions = await store.Registry.ListVersionsAsync(m.Name, ct);
            var events = await store.Predictions.CountAsync(m.Name, ct);
            var (status, latest) = await ModelStatus.ComputeAsync(store, m.Name, ct);
            items[i] = new ModelListItem(m.Name, RegistryViews.TaskName(m.Task), m.Description, m.PositiveLabel, m.CreatedAt.UtcDateTime, aliases, versions.Count,
                events, status, latest is null ? null : RegistryViews.Summary(latest));
        }
        return TypedResults.Ok(items);
    }

    private static async Task<Ok<ModelDetail>> GetModelAsync(string model, IVigilStore store, HttpContext context)
    {
        var ct = context.RequestAborted;
        var m = await RequireModelAsync(store, model, ct);
        var versions = await store.Registry.ListVersionsAsync(model, ct);
        var history = await store.Registry.AliasHistoryAsync(model, null, ct);
        var monitor = await store.Monitors.GetAsync(model, ct);
        var (status, _) = await ModelStatus.ComputeAsync(store, model, ct);
        return TypedResults.Ok(new ModelDetail(m.Name, RegistryViews.TaskName(m.Task), m.Description, m.PositiveLabel, m.CreatedAt.UtcDateTime,
            [.. versions.Select(RegistryViews.View)], await AliasMapAsync(store, model, ct), [.. history.Select(RegistryViews.View)],
            await store.Predictions.CountAsync(model, ct), await store.Labels.CountAsync(model, ct), RegistryViews.Json(monitor?.ConfigJson), status));
    }

    private static async Task<Created<VersionView>> CreateVersionAsync(string model, IVigilStore store, TimeProvider time, HttpContext context)
    {
        var ct = context.RequestAborted;
        await RequireModelAsync(store, model, ct);
        CreateVersionRequest? request;
        byte[]? artifact = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct);
            var metadata = form["metadata"].ToString();
            if (string.IsNullOrWhiteSpace(metadata))
                throw ApiProblemException.BadRequest("a multipart upload needs a 'metadata' part holding the version JSON", "metadata");
            request = JsonSerializer.Deserialize<CreateVersionRequest>(metadata, ServerJson.Options);
            if (form.Files.GetFile("artifact") is { } file)
            {
                artifact = new byte[file.Length];
                await using var s = file.OpenReadStream();
                await s.ReadExactlyAsync(artifact, ct);
            }
            if (request?.ArtifactBase64 is not null && artifact is not null)
                throw ApiProblemException.BadRequest("give the artifact either as the 'artifact' part or as artifact_base64, not both", "$.artifact_base64");
        }
        else
        {
            if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                throw new ApiProblemException(415, "Unsupported media type", $"send application/json or multipart/form-data (got '{type}')");
            request = await context.Request.ReadFromJsonAsync<CreateVersionRequest>(ServerJson.Options, ct);
        }
        if (request is null) throw ApiProblemException.BadRequest("the request body must be a JSON object", "$");
        var version = Names.Check(request.Version, "$.version");
        if (request.ArtifactBase64 is not null)
        {
            try { artifact = Convert.FromBase64String(request.ArtifactBase64); }
            catch (FormatException) { throw ApiProblemException.BadRequest("'artifact_base64' is not valid base64", "$.artifact_base64"); }
        }
        if (request.Evaluation is { } e && e.ValueKind != JsonValueKind.Object)
            throw ApiProblemException.BadRequest("'evaluation' must be an evaluate JSON object", "$.evaluation");
        string? sha = artifact is null ? null : await store.Blobs.PutAsync(artifact, ct);
        var record = new ModelVersionRecord(model, version, request.Framework, sha, request.TrainingDataFingerprint, request.Evaluation?.GetRawText(),
            request.Tags ?? new Dictionary<string, string>(), Now(time));
        if (!await store.Registry.AddVersionAsync(record, ct))
            throw ApiProblemException.Conflict($"model '{model}' already has a version '{version}'");
        var view = RegistryViews.View(record);
        await store.RecordAsync(context.Actor(), "version.create", $"model:{model}/version:{version}", null, view, ct);
        return TypedResults.Created($"/api/v1/models/{model}/versions/{version}", view);
    }

    private static async Task<Ok<VersionView[]>> ListVersionsAsync(string model, IVigilStore store, HttpContext context)
    {
        await RequireModelAsync(store, model, context.RequestAborted);
        var versions = await store.Registry.ListVersionsAsync(model, context.RequestAborted);
        return TypedResults.Ok(versions.Select(RegistryViews.View).ToArray());
    }

    private static async Task<FileContentHttpResult> GetArtifactAsync(string sha256, IVigilStore store, HttpContext context)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
            throw ApiProblemException.BadRequest($"'{sha256}' is not a SHA-256 (64 hex digits)", "sha256");
        var bytes = await store.Blobs.GetAsync(sha256.ToLowerInvariant(), context.RequestAborted)
            ?? throw ApiProblemException.NotFound($"no artifact with SHA-256 {sha256}");
        return TypedResults.File(bytes, "application/octet-stream", $"{sha256.ToLowerInvariant()}.bin");
    }

    private static async Task<Ok<AliasView>> SetAliasAsync(string model, string alias, SetAliasRequest request, IVigilStore store, TimeProvider time, HttpContext context)
    {
        var ct = context.RequestAborted;
        await RequireModelAsync(store, model, ct);
        Names.Check(alias, "alias");
        var version = Names.Check(request.Version, "$.version");
        if (await store.Registry.GetVersionAsync(model, version, ct) is null)
            throw ApiProblemException.NotFound($"model '{model}' has no version '{version}'");
        var before = await store.Registry.GetAliasAsync(model, alias, ct);
        var at = Now(time);
        await store.Registry.SetAliasAsync(new AliasChange(model, alias, before?.Version, version, "set", null, context.Actor(), at), ct);
        var after = new AliasRecord(model, alias, version, at);
        await store.RecordAsync(context.Actor(), "alias.set", $"model:{model}/alias:{alias}", before is null ? null : RegistryViews.View(before), RegistryViews.View(after), ct);
        return TypedResults.Ok(RegistryViews.View(after));
    }

    private static async Task<Ok<PromoteResult>> PromoteAsync(string model, PromoteRequest request, PromotionService promotions, HttpContext context) =>
        TypedResults.Ok(await promotions.PromoteAsync(model, request, context.Actor(), context.RequestAborted));

    private static async Task<Ok<RollbackResult>> RollbackAsync(string model, RollbackRequest request, IVigilStore store, TimeProvider time, HttpContext context)
    {
        var ct = context.RequestAborted;
        await RequireModelAsync(store, model, ct);
        var alias = Names.Check(request.Alias, "$.alias");
        var current = await store.Registry.GetAliasAsync(model, alias, ct)
            ?? throw ApiProblemException.NotFound($"model '{model}' has no alias '{alias}'");
        var history = await store.Registry.AliasHistoryAsync(model, alias, ct);
        var previous = PreviousVersion(history)
            ?? throw ApiProblemException.Conflict($"alias '{alias}' of model '{model}' has no previous version to roll back to");
        var at = Now(time);
        await store.Registry.SetAliasAsync(new AliasChange(model, alias, current.Version, previous, "rollback", null, context.Actor(), at), ct);
        await store.RecordAsync(context.Actor(), "alias.rollback", $"model:{model}/alias:{alias}", RegistryViews.View(current),
            RegistryViews.View(new AliasRecord(model, alias, previous, at)), ct);
        return TypedResults.Ok(new RollbackResult(alias, current.Version, previous));
    }

    /// <summary>
    /// The version a rollback returns to: the history replayed as a stack (set and promote push the new version, rollback
    /// pops), so repeated rollbacks walk further back instead of undoing each other; null when nothing lies below the top.
    /// </summary>
    internal static string? PreviousVersion(IReadOnlyList<AliasChange> history)
    {
        var stack = new List<string>();
        foreach (var c in history)
        {
            if (c.Kind == "rollback")
            {
                if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                if (stack.Count == 0 || stack[^1] != c.ToVersion) stack.Add(c.ToVersion);
            }
            else stack.Add(c.ToVersion);
        }
        return stack.Count >= 2 ? stack[^2] : null;
    }

    private static async Task<Dictionary<string, string>> AliasMapAsync(IVigilStore store, string model, CancellationToken ct)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in await store.Registry.ListAliasesAsync(model, ct)) map[a.Alias] = a.Version;
        return map;
    }

    /// <summary>Now, to the millisecond (what both stores keep exactly).</summary>
    internal static DateTimeOffset Now(TimeProvider time)
    {
        var t = time.GetUtcNow();
        return new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
