namespace Vigil.Monitoring.Configuration;

/// <summary>
/// A parsed, validated monitor configuration (docs/API.md "Monitor"). Built by <see cref="MonitorConfigParser"/>;
/// defaults are those of <c>vigil drift</c> (automatic method choice, the method's threshold, dataset drift at a
/// drift share of 0.5) and a grace period of 10% of a calendar window.
/// </summary>
public sealed record MonitorConfig
{
    /// <summary>Where the reference data comes from.</summary>
    public required ReferenceSource Reference { get; init; }

    /// <summary>The features to monitor; null: every reference column except label, score, prediction, id and timestamp.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The label column of the reference, if any.</summary>
    public string? Label { get; init; }

    /// <summary>The score column of the reference (binary: positive-class probability), if any.</summary>
    public string? Score { get; init; }

    /// <summary>The prediction column of the reference, if any.</summary>
    public string? Prediction { get; init; }

    /// <summary>The id column of the reference, excluded from features (default: a column named <c>id</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The timestamp column of the reference, excluded from features (default: a column named <c>timestamp</c> and every timestamp-typed column).</summary>
    public string? Timestamp { get; init; }

    /// <summary>Binary models: the positive label (overrides the model's); null: the model's, else inferred.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Binary models: predicted positive iff score ≥ this when events carry no prediction (default 0.5).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>The window.</summary>
    public required MonitorWindow Window { get; init; }

    /// <summary>How long after a calendar window's end late events are still waited for.</summary>
    public TimeSpan Grace { get; init; }

    /// <summary>Drift settings.</summary>
    public DriftConfig Drift { get; init; } = new();

    /// <summary>Realised metrics to compute from labels (ids of the evaluate metrics); empty: the task's defaults.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Whether to estimate performance without labels (CBPE for binary, DLE for regression).</summary>
    public bool Estimation { get; init; } = true;

    /// <summary>Whether each window stores a profile (sketches) of its events (default true).</summary>
    public bool Profile { get; init; } = true;

    /// <summary>Alert rules.</summary>
    public IReadOnlyList<AlertRuleConfig> Alerts { get; init; } = [];

    /// <summary>The retraining policy, or null for none.</summary>
    public RetrainingConfig? Retraining { get; init; }

    /// <summary>Webhooks notified of alerts and retraining triggers.</summary>
    public IReadOnlyList<WebhookConfig> Webhooks { get; init; } = [];
}

/// <summary>Where a monitor's reference data comes from: a stored dataset or inline bytes.</summary>
/// <param name="DatasetId">A stored dataset id, or null when inline.</param>
/// <param name="Format">Inline: <c>csv</c> or <c>parquet</c>.</param>
/// <param name="Content">Inline: the file bytes.</param>
public sealed record ReferenceSource(string? DatasetId, string? Format, byte[]? Content);

/// <summary>Drift settings of a monitor (the <c>vigil drift</c> options that make sense per window).</summary>
public sealed record DriftConfig
{
    /// <summary>Method for every column that accepts it; null (<c>"auto"</c>): the policy of <c>vigil drift</c>.</summary>
    public string? Method { get; init; }

    /// <summary>Threshold for every column; null: the method's default.</summary>
    public double? Threshold { get; init; }

    /// <summary>Per-column method and/or threshold.</summary>
    public IReadOnlyDictionary<string, DriftOverride> Overrides { get; init; } = new Dictionary<string, DriftOverride>(StringComparer.Ordinal);

    /// <summary>A window has dataset drift when drifted / tested columns ≥ this (default 0.5, as <c>vigil drift</c>).</summary>
    public double DriftShare { get; init; } = 0.5;
}

/// <summary>A per-column drift override.</summary>
/// <param name="Method">Method id, or null to keep the default choice.</param>
/// <param name="Threshold">Threshold, or null for the method's default.</param>
public sealed record DriftOverride(string? Method, double? Threshold);

/// <summary>An alert rule as configured.</summary>
/// <param name="Name">The rule's name (unique within the monitor).</param>
/// <param name="Expression">The parsed expression.</param>
/// <param name="For">How many consecutive closed windows the expression must hold before the alert fires (≥ 1).</param>
public sealed record AlertRuleConfig(string Name, Alerts.AlertExpression Expression, int For);

/// <summary>
/// The retraining policy: a <c>retrain_requested</c> trigger when any condition holds on a closed window, at most once
/// per <see cref="Cooldown"/>.
/// </summary>
public sealed record RetrainingConfig
{
    /// <summary>Dataset drift in at least this many consecutive windows; null: not used.</summary>
    public int? DriftWindows { get; init; }

    /// <summary>Realised metric floors: trigger when a window's realised value is below.</summary>
    public IReadOnlyDictionary<string, double> Realized { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Estimated drops: trigger when reference estimate − window estimate exceeds the value.</summary>
    public IReadOnlyDictionary<string, double> EstimatedDrop { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Minimum wall-clock time between two triggers (default 7 days).</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromDays(7);
}

/// <summary>A webhook endpoint.</summary>
/// <param name="Url">Absolute http(s) URL.</param>
/// <param name="Secret">HMAC-SHA256 key of the signature header; null: unsigned.</param>
public sealed record WebhookConfig(Uri Url, string? Secret);
