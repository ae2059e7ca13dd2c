using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Client;

/// <summary>The kind of problem a model solves (API <c>task</c>).</summary>
public enum ModelTask
{
    /// <summary>Two classes; a score is the positive-class probability.</summary>
    Binary,
    /// <summary>More than two classes; scores are one probability per class label.</summary>
    Multiclass,
    /// <summary>A numeric prediction.</summary>
    Regression,
}

/// <summary>Body of <c>POST /api/v1/models</c>.</summary>
/// <param name="Name">Unique model name, <c>[A-Za-z0-9_.-]{1,100}</c>.</param>
/// <param name="Task">Binary, multiclass or regression.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="PositiveLabel">Binary models: the label that counts as positive, or null.</param>
public sealed record CreateModelRequest(string Name, ModelTask Task, string? Description = null, string? PositiveLabel = null);

/// <summary>A model as created (<c>POST /api/v1/models</c>).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Task">Task.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="PositiveLabel">Positive label, or null.</param>
/// <param name="CreatedAt">Registration time.</param>
public sealed record ModelInfo(string Name, ModelTask Task, string? Description, string? PositiveLabel, DateTimeOffset CreatedAt);

/// <summary>One row of <c>GET /api/v1/models</c>.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Task">Task.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="PositiveLabel">Positive label, or null.</param>
/// <param name="CreatedAt">Registration time.</param>
/// <param name="Aliases">Alias → version.</param>
/// <param name="Versions">Number of registered versions.</param>
/// <param name="EventsIngested">Prediction events stored.</param>
/// <param name="Status"><c>ok</c>, <c>drifting</c>, <c>degraded</c>, <c>no_traffic</c> or <c>no_monitor</c>.</param>
/// <param name="LastWindow">Summary of the latest window (server JSON), or null.</param>
public sealed record ModelSummary(
    string Name, ModelTask Task, string? Description, string? PositiveLabel, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string>? Aliases, int Versions, long EventsIngested, string? Status, JsonElement? LastWindow);

/// <summary><c>GET /api/v1/models/{model}</c>: the model with its versions, aliases, history and monitor.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Task">Task.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="PositiveLabel">Positive label, or null.</param>
/// <param name="CreatedAt">Registration time.</param>
/// <param name="Versions">Versions, oldest first.</param>
/// <param name="Aliases">Alias → version.</param>
/// <param name="AliasHistory">Every alias move, oldest first.</param>
/// <param name="EventsIngested">Prediction events stored.</param>
/// <param name="LabelsIngested">Labels stored.</param>
/// <param name="Monitor">The normalised monitor (server JSON), or null when none is set.</param>
/// <param name="Status">Health status (see <see cref="ModelSummary.Status"/>).</param>
public sealed record ModelDetails(
    string Name, ModelTask Task, string? Description, string? PositiveLabel, DateTimeOffset CreatedAt,
    IReadOnlyList<ModelVersion>? Versions, IReadOnlyDictionary<string, string>? Aliases, IReadOnlyList<AliasChange>? AliasHistory,
    long EventsIngested, long LabelsIngested, JsonElement? Monitor, string? Status);

/// <summary>One registered version of a model.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Version">Version name.</param>
/// <param name="Framework">e.g. <c>onnx</c>, <c>ml.net</c>, or null.</param>
/// <param name="ArtifactSha256">SHA-256 of the uploaded artifact (fetch with <see cref="VigilClient.DownloadArtifactAsync"/>), or null.</param>
/// <param name="TrainingDataFingerprint">The <c>vigil fingerprint</c> of the training data, or null.</param>
/// <param name="Evaluation">The attached <c>vigil evaluate</c> JSON, or null.</param>
/// <param name="Tags">Free key/value tags.</param>
/// <param name="CreatedAt">Registration time.</param>
public sealed record ModelVersion(
    string Model, string Version, string? Framework, string? ArtifactSha256, string? TrainingDataFingerprint,
    JsonElement? Evaluation, IReadOnlyDictionary<string, string>? Tags, DateTimeOffset CreatedAt);

/// <summary>Metadata of a new version (<c>POST /api/v1/models/{model}/versions</c>); the artifact travels separately.</summary>
/// <param name="Version">Version name, unique per model.</param>
/// <param name="Framework">e.g. <c>onnx</c>, or null.</param>
/// <param name="TrainingDataFingerprint">The <c>vigil fingerprint</c> of the training data, or null.</param>
/// <param name="Evaluation">A <c>vigil evaluate</c> JSON document to attach, or null.</param>
/// <param name="Tags">Free key/value tags, or null.</param>
public sealed record RegisterVersionRequest(
    string Version, string? Framework = null, string? TrainingDataFingerprint = null, JsonElement? Evaluation = null,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>Where an alias points.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Alias">Alias name.</param>
/// <param name="Version">Version it points at.</param>
/// <param name="UpdatedAt">When it last moved.</param>
public sealed record AliasInfo(string Model, string Alias, string Version, DateTimeOffset UpdatedAt);

/// <summary>One move of an alias.</summary>
/// <param name="Alias">Alias name.</param>
/// <param name="FromVersion">Version before, or null when new.</param>
/// <param name="ToVersion">Version after.</param>
/// <param name="Kind"><c>set</c>, <c>promote</c> or <c>rollback</c>.</param>
/// <param name="Evidence">For promotions: the gate result and comparison JSON; otherwise null.</param>
/// <param name="Actor">Key id of who moved it (<c>local</c> on loopback without keys).</param>
/// <param name="At">When.</param>
public sealed record AliasChange(string Alias, string? FromVersion, string ToVersion, string Kind, JsonElement? Evidence, string Actor, DateTimeOffset At);

/// <summary>
/// Data for a promotion or a monitor reference: either a stored dataset (<see cref="DatasetId"/>) or inline bytes
/// (<see cref="Format"/> + <see cref="ContentBase64"/>). Build with <see cref="FromDataset"/> or <see cref="FromFile"/>.
/// </summary>
/// <param name="DatasetId">Id of an uploaded dataset, or null.</param>
/// <param name="Format"><c>csv</c> or <c>parquet</c> for inline content, or null.</param>
/// <param name="ContentBase64">Inline content, base64, or null.</param>
public sealed record DataSource(string? DatasetId = null, string? Format = null, string? ContentBase64 = null)
{
    /// <summary>A dataset already stored on the server (see <see cref="VigilClient.UploadDatasetAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>).</summary>
    public static DataSource FromDataset(string datasetId) => new(DatasetId: datasetId);

    /// <summary>Inline bytes of a CSV or Parquet file.</summary>
    public static DataSource FromBytes(ReadOnlySpan<byte> content, string format) => new(Format: format, ContentBase64: Convert.ToBase64String(content));

    /// <summary>Inline content of a file; the format is taken from its extension (<c>.parquet</c> or else CSV).</summary>
    public static DataSource FromFile(string path) =>
        FromBytes(File.ReadAllBytes(path), path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "csv");
}

/// <summary>A promotion gate: margins on <c>candidate − baseline</c> (judged on the lower confidence bound) and absolute floors on the candidate.</summary>
/// <param name="Margins">Metric → smallest allowed difference (e.g. <c>roc_auc: -0.01</c>).</param>
/// <param name="Floors">Metric → smallest allowed candidate value (e.g. <c>roc_auc: 0.80</c>).</param>
public sealed record PromotionGateSettings(IReadOnlyDictionary<string, double>? Margins = null, IReadOnlyDictionary<string, double>? Floors = null);

/// <summary>Body of <c>POST /api/v1/models/{model}/promote</c>.</summary>
/// <param name="Version">The candidate version.</param>
/// <param name="EvaluationData">Data carrying the label and both score columns.</param>
/// <param name="Label">Label column.</param>
/// <param name="CandidateScore">Score column of the candidate.</param>
/// <param name="BaselineScore">Score column of the alias's current version.</param>
/// <param name="Gate">Margins and floors.</param>
/// <param name="Alias">Alias to move (default <c>champion</c>).</param>
/// <param name="PositiveLabel">Positive label, or null to infer.</param>
/// <param name="Bootstrap">Bootstrap resamples for the confidence bound, or null for the server default.</param>
/// <param name="Seed">Bootstrap seed, or null for the server default.</param>
public sealed record PromoteRequest(
    string Version, DataSource EvaluationData, string Label, string CandidateScore, string? BaselineScore, PromotionGateSettings Gate,
    string Alias = "champion", string? PositiveLabel = null, int? Bootstrap = null, int? Seed = null);

/// <summary>Outcome of a promotion. A failed gate is a result (<see cref="Promoted"/> false), not an error.</summary>
/// <param name="Promoted">True when the alias moved.</param>
/// <param name="Alias">Alias.</param>
/// <param name="FromVersion">Version the alias held before, or null.</param>
/// <param name="ToVersion">Candidate version.</param>
/// <param name="Evidence">Gate result and comparison JSON.</param>
public sealed record PromoteResult(bool Promoted, string Alias, string? FromVersion, string? ToVersion, JsonElement? Evidence);

/// <summary>Outcome of a rollback.</summary>
/// <param name="Alias">Alias.</param>
/// <param name="FromVersion">Version it held before the rollback.</param>
/// <param name="ToVersion">Version it holds now.</param>
public sealed record RollbackResult(string Alias, string? FromVersion, string ToVersion);

/// <summary>A dataset stored on the server (content-addressed).</summary>
/// <param name="Id">SHA-256 of the content.</param>
/// <param name="Name">File name given at upload.</param>
/// <param name="Format"><c>csv</c> or <c>parquet</c>.</param>
/// <param name="SizeBytes">Length of the content.</param>
/// <param name="CreatedAt">When first stored.</param>
public sealed record DatasetInfo(string Id, string Name, string Format, long SizeBytes, DateTimeOffset CreatedAt);

internal sealed record SetAliasBody(string Version);

internal sealed record RollbackBody(string Alias);
