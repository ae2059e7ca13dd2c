namespace Vigil.Client;

public sealed partial class VigilClient
{
    /// <summary><c>PUT /api/v1/models/{model}/monitor</c> (admin): sets the monitor; the reference data fixes the feature schema.</summary>
    public Task<MonitorInfo> PutMonitorAsync(string model, MonitorConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PutAsync<MonitorInfo>($"api/v1/models/{Segment(model)}/monitor", config, ct);
    }

    /// <summary>
    /// <c>PUT /api/v1/models/{model}/monitor</c> with a monitor document already in API JSON (e.g. read from a file);
    /// sent as is.
    /// </summary>
    public Task<MonitorInfo> PutMonitorAsync(string model, string configJson, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configJson);
        var content = new StringContent(configJson, System.Text.Encoding.UTF8, "application/json");
        return SendForAsync<MonitorInfo>(HttpMethod.Put, $"api/v1/models/{Segment(model)}/monitor", content, ct);
    }

    /// <summary>The model's monitor (from <c>GET /api/v1/models/{model}</c>), or null when none is set.</summary>
    public async Task<MonitorInfo?> GetMonitorAsync(string model, CancellationToken ct = default)
    {
        var details = await GetModelAsync(model, ct).ConfigureAwait(false);
        if (details.Monitor is not { ValueKind: System.Text.Json.JsonValueKind.Object } m) return null;
        return System.Text.Json.JsonSerializer.Deserialize<MonitorInfo>(m, VigilJson.Options);
    }

    /// <summary><c>GET /api/v1/models/{model}/windows?from=&amp;to=</c> (read): windows ordered by start.</summary>
    /// <param name="model">Model name.</param>
    /// <param name="from">Earliest window start (UTC), or null.</param>
    /// <param name="to">Latest window start, exclusive, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<WindowResult>> GetWindowsAsync(string model, DateTime? from = null, DateTime? to = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WindowResult>>($"api/v1/models/{Segment(model)}/windows" +
            Query(("from", from is { } f ? Ndjson.FormatTime(f) : null), ("to", to is { } t ? Ndjson.FormatTime(t) : null)), ct);

    /// <summary><c>GET /api/v1/alerts?model=&amp;state=</c> (read): alerts, newest first.</summary>
    /// <param name="model">Only this model's, or null for all.</param>
    /// <param name="state"><c>firing</c>, <c>resolved</c>, or null for both.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<AlertInfo>> GetAlertsAsync(string? model = null, string? state = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<AlertInfo>>("api/v1/alerts" + Query(("model", model), ("state", state)), ct);

    /// <summary><c>GET /api/v1/models/{model}/triggers</c> (read): retraining triggers, newest first.</summary>
    public Task<IReadOnlyList<TriggerInfo>> GetTriggersAsync(string model, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<TriggerInfo>>($"api/v1/models/{Segment(model)}/triggers", ct);
}
