namespace Vigil.Storage;

/// <summary>The kind of problem a model solves; decides which metrics and estimators apply.</summary>
public enum ModelTask
{
    /// <summary>Two classes; a score is the positive-class probability.</summary>
    Binary,
    /// <summary>More than two classes; scores are one probability per class label.</summary>
    Multiclass,
    /// <summary>A numeric prediction.</summary>
    Regression,
}

/// <summary>A registered model: a name under which versions, aliases, a monitor and predictions live.</summary>
/// <param name="Name">Unique name, <c>[A-Za-z0-9_.-]{1,100}</c>.</param>
/// <param name="Task">Binary, multiclass or regression.</param>
/// <param name="Description">Free text, may be null.</param>
/// <param name="PositiveLabel">Binary models: the label that counts as positive (e.g. "1"); null otherwise.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record ModelRecord(string Name, ModelTask Task, string? Description, string? PositiveLabel, DateTimeOffset CreatedAt);

/// <summary>One version of a model with its metadata.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Version">Version name, unique per model (e.g. "1", "2026-11-27").</param>
/// <param name="Framework">e.g. "onnx", "ml.net", "sklearn"; may be null.</param>
/// <param name="ArtifactSha256">SHA-256 (lower-case hex) of the uploaded artifact in the blob store, or null.</param>
/// <param name="TrainingDataFingerprint">The <c>vigil fingerprint</c> of the training data, or null.</param>
/// <param name="EvaluationJson">An evaluate JSON result attached to the version, or null.</param>
/// <param name="Tags">Free key/value tags.</param>
/// <param name="CreatedAt">When the version was registered.</param>
public sealed record ModelVersionRecord(
    string Model, string Version, string? Framework, string? ArtifactSha256, string? TrainingDataFingerprint,
    string? EvaluationJson, IReadOnlyDictionary<string, string> Tags, DateTimeOffset CreatedAt);

/// <summary>Where an alias points now.</summary>
public sealed record AliasRecord(string Model, string Alias, string Version, DateTimeOffset UpdatedAt);

/// <summary>
/// One move of an alias (set, promote or rollback) with its evidence; the history is what rollback walks back.
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="Alias">Alias name.</param>
/// <param name="FromVersion">Version it pointed at before, null when new.</param>
/// <param name="ToVersion">Version it points at after.</param>
/// <param name="Kind">"set", "promote" or "rollback".</param>
/// <param name="EvidenceJson">For promotions: the gate result and comparison JSON; otherwise null.</param>
/// <param name="Actor">Key id of who did it ("local" on loopback with no keys).</param>
/// <param name="At">When.</param>
public sealed record AliasChange(
    string Model, string Alias, string? FromVersion, string ToVersion, string Kind, string? EvidenceJson, string Actor, DateTimeOffset At);

/// <summary>A stored dataset (e.g. a monitor's reference data): metadata; the bytes are a blob.</summary>
/// <param name="Id">The SHA-256 of the content (content-addressed).</param>
/// <param name="Name">File name given at upload.</param>
/// <param name="Format">"csv" or "parquet".</param>
/// <param name="SizeBytes">Length of the content.</param>
/// <param name="CreatedAt">When first stored.</param>
public sealed record DatasetRecord(string Id, string Name, string Format, long SizeBytes, DateTimeOffset CreatedAt);

/// <summary>How a feature is stored: numbers (double, NaN = missing) or categories (text, null = missing).</summary>
public enum FeatureKind
{
    /// <summary>double; NaN is missing.</summary>
    Numeric,
    /// <summary>text category; null is missing.</summary>
    Categorical,
}

/// <summary>One feature of a model's input schema.</summary>
public sealed record FeatureField(string Name, FeatureKind Kind);

/// <summary>The features a model's events carry, in a fixed order (taken from the monitor's reference data).</summary>
public sealed record FeatureSchema(IReadOnlyList<FeatureField> Fields);

/// <summary>A model's monitor configuration, stored as the JSON the API received (normalised).</summary>
/// <param name="Model">Model name.</param>
/// <param name="ConfigJson">The monitor configuration (window, drift, metrics, estimation, alerts, retraining, webhooks).</param>
/// <param name="ReferenceDatasetId">The dataset holding the reference data.</param>
/// <param name="UpdatedAt">When it was last set.</param>
public sealed record MonitorRecord(string Model, string ConfigJson, string ReferenceDatasetId, DateTimeOffset UpdatedAt);

/// <summary>The computed results of one monitoring window.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Start">Inclusive start (UTC; for count windows the first event's time).</param>
/// <param name="End">Exclusive end (UTC).</param>
/// <param name="Index">Window number, 0-based from the first window of the model (count windows: sequence).</param>
/// <param name="Closed">True once the window has closed (event time or wall clock passed end + grace).</param>
/// <param name="Events">Prediction events in the window.</param>
/// <param name="Labeled">Events in the window with a joined label.</param>
/// <param name="DriftShare">Share of tested features that drifted, or null when not computed.</param>
/// <param name="ResultJson">The full window result (see docs/API.md, "window").</param>
/// <param name="ComputedAt">When the result was (re)computed.</param>
public sealed record WindowRecord(
    string Model, DateTime Start, DateTime End, long Index, bool Closed, long Events, long Labeled, double? DriftShare,
    string ResultJson, DateTimeOffset ComputedAt);

/// <summary>An alert: one rule that held for its required number of windows.</summary>
/// <param name="Id">Store-assigned id (0 before insert).</param>
/// <param name="Model">Model name.</param>
/// <param name="Rule">The rule's name.</param>
/// <param name="Expression">The rule expression, e.g. "drift_share &gt; 0.3".</param>
/// <param name="State">"firing" or "resolved".</param>
/// <param name="WindowStart">Start of the window that made it fire.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved, or null.</param>
/// <param name="EvidenceJson">Observed values and windows that made it fire.</param>
public sealed record AlertRecord(
    long Id, string Model, string Rule, string Expression, string State, DateTime WindowStart, DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt, string EvidenceJson);

/// <summary>A <c>retrain_requested</c> event emitted by a model's retraining policy.</summary>
public sealed record TriggerRecord(long Id, string Model, DateTimeOffset At, string Reason, string EvidenceJson);

/// <summary>What the caller supplies for an audit entry; the store adds sequence, time and hashes.</summary>
/// <param name="Actor">Key id ("local" on loopback with no keys, "cli" for offline commands).</param>
/// <param name="Action">e.g. "model.create", "alias.promote", "monitor.put", "key.create".</param>
/// <param name="Target">What it acted on, e.g. "model:credit".</param>
/// <param name="BeforeJson">State before, or null.</param>
/// <param name="AfterJson">State after, or null.</param>
public sealed record AuditDraft(string Actor, string Action, string Target, string? BeforeJson, string? AfterJson);

/// <summary>
/// A tamper-evident audit log entry: <see cref="Hash"/> = SHA-256 over the canonical text of this entry
/// including <see cref="PreviousHash"/> (see <c>AuditChain</c>).
/// </summary>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string? BeforeJson, string? AfterJson,
    string PreviousHash, string Hash);

/// <summary>The scope of an API key. Admin implies ingest and read; ingest implies read.</summary>
public enum KeyScope
{
    /// <summary>GET endpoints.</summary>
    Read,
    /// <summary>Read plus prediction and label ingest, report upload.</summary>
    Ingest,
    /// <summary>Everything: registry, monitors, keys.</summary>
    Admin,
}

/// <summary>A stored API key: only the SHA-256 of its secret is kept.</summary>
/// <param name="Id">Public key id (the part before the secret in <c>vgl_ID_SECRET</c>).</param>
/// <param name="Name">Label given at creation.</param>
/// <param name="Scope">Scope.</param>
/// <param name="SecretSha256">Lower-case hex SHA-256 of the secret part.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="RevokedAt">Revocation time, or null while valid.</param>
public sealed record ApiKeyRecord(string Id, string Name, KeyScope Scope, string SecretSha256, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A stored report (HTML and JSON written by a report command).</summary>
/// <param name="Id">Store-assigned id (a GUID string).</param>
/// <param name="Model">Model it belongs to, or null.</param>
/// <param name="Kind">"evaluate", "drift", "validate", "estimate", ...</param>
/// <param name="Title">Short title for lists.</param>
/// <param name="CreatedAt">When stored.</param>
public sealed record ReportRecord(string Id, string? Model, string Kind, string Title, DateTimeOffset CreatedAt);

/// <summary>A label for a prediction event, possibly arriving before the event.</summary>
/// <param name="Id">The prediction event id.</param>
/// <param name="Label">The true label as text (class label, or the number for regression, invariant culture).</param>
/// <param name="Timestamp">When the label was observed, or null.</param>
public sealed record LabelEvent(string Id, string Label, DateTime? Timestamp);
