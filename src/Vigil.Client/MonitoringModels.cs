using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Client;

/// <summary>
/// A monitoring window: calendar (<c>30s</c>, <c>15min</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>, <c>1M</c>; aligned in UTC) or a count of
/// events. Serialised as the string or the number (API <c>"window": "1d" | 1000</c>).
/// </summary>
[JsonConverter(typeof(MonitorWindowConverter))]
public readonly record struct MonitorWindow
{
    private MonitorWindow(string? duration, int? events)
    {
        Duration = duration;
        EventCount = events;
    }

    /// <summary>The calendar duration, or null for a count window.</summary>
    public string? Duration { get; }

    /// <summary>Events per window, or null for a calendar window.</summary>
    public int? EventCount { get; }

    /// <summary>A calendar window such as <c>1d</c>.</summary>
    public static MonitorWindow Calendar(string duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(duration);
        return new MonitorWindow(duration, null);
    }

    /// <summary>A window of <paramref name="count"/> events (positive).</summary>
    public static MonitorWindow Events(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new MonitorWindow(null, count);
    }

    /// <summary>A calendar window.</summary>
    public static implicit operator MonitorWindow(string duration) => Calendar(duration);

    /// <summary>A count window.</summary>
    public static implicit operator MonitorWindow(int count) => Events(count);

    /// <inheritdoc />
    public override string ToString() => Duration ?? EventCount?.ToString(CultureInfo.InvariantCulture) ?? "";
}

internal sealed class MonitorWindowConverter : JsonConverter<MonitorWindow>
{
    public override MonitorWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => MonitorWindow.Calendar(reader.GetString()!),
        JsonTokenType.Number => MonitorWindow.Events(reader.GetInt32()),
        _ => throw new JsonException("window must be a duration string or a number of events"),
    };

    public override void Write(Utf8JsonWriter writer, MonitorWindow value, JsonSerializerOptions options)
    {
        if (value.EventCount is { } n) writer.WriteNumberValue(n);
        else writer.WriteStringValue(value.Duration);
    }
}

/// <summary>The drift test of one feature, overriding the monitor's default.</summary>
/// <param name="Method">Method id (see CONTRACTS.md "Drift tests"), or null for automatic.</param>
/// <param name="Threshold">Threshold, or null for the method's default.</param>
public sealed record DriftOverride(string? Method = null, double? Threshold = null);

/// <summary>Drift settings of a monitor.</summary>
/// <param name="Method"><c>auto</c> or a method id.</param>
/// <param name="Threshold">Threshold for every feature, or null for the method's default.</param>
/// <param name="Overrides">Feature → its own method and threshold.</param>
public sealed record DriftSettings(string Method = "auto", double? Threshold = null, IReadOnlyDictionary<string, DriftOverride>? Overrides = null);

/// <summary>An alert rule evaluated on every closed window.</summary>
/// <param name="Name">Rule name.</param>
/// <param name="Expression">e.g. <c>drift_share &gt; 0.3</c>, <c>estimated.roc_auc &lt; 0.8</c>, <c>ingest.events &lt; 100</c>.</param>
/// <param name="For">Consecutive windows the expression must hold before the alert fires.</param>
public sealed record AlertRule(string Name, string Expression, int For = 1);

/// <summary>When the monitor emits <c>retrain_requested</c>.</summary>
/// <param name="DriftWindows">After this many consecutive drifting windows, or null.</param>
/// <param name="Realized">Metric → floor on the realised value, or null.</param>
/// <param name="EstimatedDrop">Metric → largest allowed drop of the estimate from the reference, or null.</param>
/// <param name="Cooldown">Least time between two triggers (e.g. <c>7d</c>), or null.</param>
public sealed record RetrainingPolicy(
    int? DriftWindows = null, IReadOnlyDictionary<string, double>? Realized = null, IReadOnlyDictionary<string, double>? EstimatedDrop = null,
    string? Cooldown = null);

/// <summary>A webhook receiving alert and trigger events, signed with HMAC-SHA256 of the body.</summary>
/// <param name="Url">Target URL.</param>
/// <param name="Secret">HMAC secret, or null for unsigned.</param>
public sealed record Webhook(string Url, string? Secret = null);

/// <summary>Body of <c>PUT /api/v1/models/{model}/monitor</c>. The reference data fixes the model's feature schema.</summary>
/// <param name="Reference">Reference data (a stored dataset or inline bytes).</param>
/// <param name="Window">Calendar or count window.</param>
/// <param name="Features">Features to monitor, or null for every reference column except label/score/prediction/id/timestamp.</param>
/// <param name="Label">Label column of the reference, or null.</param>
/// <param name="Score">Score column of the reference, or null.</param>
/// <param name="Prediction">Prediction column of the reference, or null.</param>
/// <param name="Grace">Grace period after a calendar window's end (default 10% of the window), or null.</param>
/// <param name="Drift">Drift settings, or null for automatic.</param>
/// <param name="Metrics">Realised metrics per window (e.g. <c>roc_auc</c>), or null.</param>
/// <param name="Estimation">Estimate performance without labels (CBPE/DLE), or null for the server default.</param>
/// <param name="Alerts">Alert rules, or null.</param>
/// <param name="Retraining">Retraining policy, or null.</param>
/// <param name="Webhooks">Webhooks, or null.</param>
public sealed record MonitorConfig(
    DataSource Reference, MonitorWindow Window, IReadOnlyList<string>? Features = null, string? Label = null, string? Score = null,
    string? Prediction = null, string? Grace = null, DriftSettings? Drift = null, IReadOnlyList<string>? Metrics = null,
    bool? Estimation = null, IReadOnlyList<AlertRule>? Alerts = null, RetrainingPolicy? Retraining = null, IReadOnlyList<Webhook>? Webhooks = null);

/// <summary>One feature of a model's schema.</summary>
/// <param name="Name">Feature name.</param>
/// <param name="Kind"><c>numeric</c> or <c>categorical</c>.</param>
public sealed record SchemaField(string Name, string Kind);

/// <summary>The normalised monitor the server stored.</summary>
/// <param name="Model">Model name.</param>
/// <param name="ReferenceDatasetId">Dataset holding the reference data.</param>
/// <param name="Schema">The feature schema events are validated against.</param>
public sealed record MonitorInfo(string Model, string? ReferenceDatasetId, IReadOnlyList<SchemaField>? Schema)
{
    /// <summary>Every other member of the monitor (window, drift, metrics, alerts, …) as the server sent it.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Settings { get; init; }
}

/// <summary>One drift test in a window.</summary>
/// <param name="Column">Column.</param>
/// <param name="Method">Method id.</param>
/// <param name="Statistic">Statistic, or null when undefined.</param>
/// <param name="PValue">p-value for p-value tests, null for distances.</param>
/// <param name="Threshold">Threshold used.</param>
/// <param name="Drift">Decision.</param>
public sealed record ColumnDrift(string Column, string Method, double? Statistic, double? PValue, double? Threshold, bool Drift);

/// <summary>A column that was not tested and why.</summary>
/// <param name="Column">Column.</param>
/// <param name="Reason">Why.</param>
public sealed record SkippedColumn(string Column, string Reason);

/// <summary>Feature drift of one window.</summary>
/// <param name="DriftShare">Drifted / tested, or null when nothing was tested.</param>
/// <param name="ColumnsTested">Columns tested.</param>
/// <param name="DriftedColumns">Columns that drifted.</param>
/// <param name="Columns">Tested columns.</param>
/// <param name="SkippedColumns">Columns not tested.</param>
public sealed record WindowDrift(double? DriftShare, int ColumnsTested, int DriftedColumns, IReadOnlyList<ColumnDrift>? Columns, IReadOnlyList<SkippedColumn>? SkippedColumns);

/// <summary>An estimated metric with its interval.</summary>
/// <param name="Value">Estimate, or null when undefined.</param>
/// <param name="Lower">Lower bound, or null.</param>
/// <param name="Upper">Upper bound, or null.</param>
public sealed record EstimatedMetric(double? Value, double? Lower, double? Upper);

/// <summary>One monitoring window with its results (<c>GET /api/v1/models/{model}/windows</c>).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Index">Window number from the model's first window.</param>
/// <param name="Start">Inclusive start (UTC).</param>
/// <param name="End">Exclusive end (UTC).</param>
/// <param name="Closed">True once closed.</param>
/// <param name="Events">Events in the window.</param>
/// <param name="Labeled">Events with a joined label.</param>
/// <param name="ComputedAt">When the results were computed.</param>
/// <param name="Drift">Feature drift, or null.</param>
/// <param name="PredictionDrift">Drift of the prediction/score, or null.</param>
/// <param name="Quality">Data quality checks (server JSON), or null.</param>
/// <param name="Estimated">Metric → estimate without labels, or null.</param>
/// <param name="Realized">Metric → value from labels (null when undefined), or null.</param>
/// <param name="Distributions">Feature → reference/current shares (server JSON), or null.</param>
/// <param name="PredictionDistribution">Score histogram (server JSON), or null.</param>
/// <param name="Profile">Window profile (server JSON), or null.</param>
public sealed record WindowResult(
    string Model, long Index, DateTime Start, DateTime End, bool Closed, long Events, long Labeled, DateTimeOffset? ComputedAt,
    WindowDrift? Drift, ColumnDrift? PredictionDrift, JsonElement? Quality, IReadOnlyDictionary<string, EstimatedMetric>? Estimated,
    IReadOnlyDictionary<string, double?>? Realized, JsonElement? Distributions, JsonElement? PredictionDistribution, JsonElement? Profile);

/// <summary>An alert.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="Model">Model name.</param>
/// <param name="Rule">Rule name.</param>
/// <param name="Expression">Rule expression.</param>
/// <param name="State"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="WindowStart">Start of the window that made it fire.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved, or null.</param>
/// <param name="Evidence">Observed values that made it fire.</param>
public sealed record AlertInfo(
    long Id, string Model, string Rule, string Expression, string State, DateTime WindowStart, DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt, JsonElement? Evidence);

/// <summary>A <c>retrain_requested</c> trigger.</summary>
/// <param name="Id">Trigger id.</param>
/// <param name="Model">Model name.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why.</param>
/// <param name="Evidence">Observed values.</param>
public sealed record TriggerInfo(long Id, string Model, DateTimeOffset At, string Reason, JsonElement? Evidence);
