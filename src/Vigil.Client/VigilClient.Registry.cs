using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Vigil.Client;

public sealed partial class VigilClient
{
    /// <summary><c>GET /api/v1/models</c> (read): every model with its aliases, traffic and status.</summary>
    public Task<IReadOnlyList<ModelSummary>> ListModelsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ModelSummary>>("api/v1/models", ct);

    /// <summary><c>GET /api/v1/models/{model}</c> (read): versions, aliases, alias history, monitor and status.</summary>
    /// <exception cref="VigilApiException">404 when the model is unknown.</exception>
    public Task<ModelDetails> GetModelAsync(string model, CancellationToken ct = default) =>
        GetAsync<ModelDetails>($"api/v1/models/{Segment(model)}", ct);

    /// <summary><c>POST /api/v1/models</c> (admin): registers a model.</summary>
    /// <exception cref="VigilApiException">409 when the name exists, 400 for a bad name.</exception>
    public Task<ModelInfo> CreateModelAsync(CreateModelRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync<ModelInfo>("api/v1/models", request, ct);
    }

    /// <summary><c>POST /api/v1/models/{model}/versions</c> (admin) as JSON: a version without an artifact.</summary>
    /// <exception cref="VigilApiException">404 unknown model, 409 version exists.</exception>
    public Task<ModelVersion> RegisterVersionAsync(string model, RegisterVersionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync<ModelVersion>($"api/v1/models/{Segment(model)}/versions", request, ct);
    }

    /// <summary>
    /// <c>POST /api/v1/models/{model}/versions</c> (admin) as multipart: the metadata part plus the artifact streamed
    /// from <paramref name="artifact"/> (the server stores it by SHA-256).
    /// </summary>
    /// <param name="model">Model name.</param>
    /// <param name="request">Version metadata.</param>
    /// <param name="artifact">Artifact bytes (read to the end, not disposed).</param>
    /// <param name="artifactFileName">File name sent with the artifact.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<ModelVersion> RegisterVersionAsync(string model, RegisterVersionRequest request, Stream artifact, string artifactFileName,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(artifact);
        var form = new MultipartFormDataContent();
        form.Add(JsonContent.Create(request, options: VigilJson.Options), "metadata");
        var file = new StreamContent(artifact);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "artifact", artifactFileName);
        return SendForAsync<ModelVersion>(HttpMethod.Post, $"api/v1/models/{Segment(model)}/versions", form, ct);
    }

    /// <summary>Registers a version with the artifact read from <paramref name="artifactPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The artifact file does not exist.</exception>
    public async Task<ModelVersion> RegisterVersionAsync(string model, RegisterVersionRequest request, string artifactPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(artifactPath);
        await using var stream = File.OpenRead(artifactPath);
        return await RegisterVersionAsync(model, request, stream, Path.GetFileName(artifactPath), ct).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/v1/models/{model}/versions</c> (read), oldest first.</summary>
    public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ModelVersion>>($"api/v1/models/{Segment(model)}/versions", ct);

    /// <summary><c>GET /api/v1/artifacts/{sha256}</c> (read): the artifact bytes.</summary>
    public async Task<byte[]> DownloadArtifactAsync(string sha256, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/v1/artifacts/{Segment(sha256)}", null, ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    /// <summary><c>PUT /api/v1/models/{model}/aliases/{alias}</c> (admin): points the alias at a version, without a gate.</summary>
    public Task<AliasInfo> SetAliasAsync(string model, string alias, string version, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        return PutAsync<AliasInfo>($"api/v1/models/{Segment(model)}/aliases/{Segment(alias)}", new SetAliasBody(version), ct);
    }

    /// <summary>
    /// <c>POST /api/v1/models/{model}/promote</c> (admin): moves the alias to the candidate when the gate passes. A failed
    /// gate returns <see cref="PromoteResult.Promoted"/> = false with the evidence (no exception).
    /// </summary>
    public Task<PromoteResult> PromoteAsync(string model, PromoteRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync<PromoteResult>($"api/v1/models/{Segment(model)}/promote", request, ct);
    }

    /// <summary><c>POST /api/v1/models/{model}/rollback</c> (admin): moves the alias back to its previous version.</summary>
    /// <exception cref="VigilApiException">409 when the alias has no previous version.</exception>
    public Task<RollbackResult> RollbackAsync(string model, string alias = "champion", CancellationToken ct = default) =>
        PostAsync<RollbackResult>($"api/v1/models/{Segment(model)}/rollback", new RollbackBody(alias), ct);

    /// <summary><c>POST /api/v1/datasets?name=</c> (admin): stores CSV or Parquet bytes (content-addressed).</summary>
    public Task<DatasetInfo> UploadDatasetAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var mediaType = name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "application/vnd.apache.parquet" : "text/csv";
        return SendForAsync<DatasetInfo>(HttpMethod.Post, "api/v1/datasets" + Query(("name", name)), Bytes(content, mediaType), ct);
    }

    /// <summary>Uploads the file at <paramref name="path"/> as a dataset named after the file.</summary>
    public async Task<DatasetInfo> UploadDatasetAsync(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return await UploadDatasetAsync(Path.GetFileName(path), bytes, ct).ConfigureAwait(false);
    }
}
