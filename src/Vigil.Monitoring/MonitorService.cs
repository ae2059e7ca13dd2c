using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Core.Data;
using Vigil.Monitoring.Alerts;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Reference;
using Vigil.Monitoring.Retraining;
using Vigil.Monitoring.Telemetry;
using Vigil.Monitoring.Webhooks;
using Vigil.Monitoring.Windows;
using Vigil.Storage;

namespace Vigil.Monitoring;

/// <summary>
/// Turns stored prediction events and late labels into windows, alerts and retraining triggers (issue 7). The server
/// calls <see cref="PutMonitorAsync"/> for <c>PUT …/monitor</c>, <see cref="NotifyPredictions"/> /
/// <see cref="NotifyLabels"/> after committing ingest (they only enqueue), and runs <see cref="RunAsync"/> in the
/// background.
/// <para>Each <see cref="TickAsync"/>: drain the notifications; for every monitor, close the windows whose end plus
/// grace has been passed by event time (the latest stored event) or by the wall clock (<see cref="TimeProvider"/>),
/// oldest first. The wall clock only takes over when the model's ingest has been silent for a grace period: while events
/// keep arriving their own times decide, so a replay of old data (a backfill, the demo) builds its windows in event time
/// instead of the clock closing every past window empty before its events arrive — empty windows included, so <c>ingest.events &lt; N</c> fires on silence — compute each with the
/// model's <see cref="WindowCalculator"/>, upsert it, then evaluate the alert rules (<see cref="AlertEvaluator"/>) and the
/// retraining policy (<see cref="RetrainingPolicy"/>), store what fired and send the webhooks
/// (<see cref="WebhookSender"/>, in the background). Windows that late events fall into are recomputed; windows
/// touched by late labels get their realised metrics recomputed. The open window is computed (closed = false) when it
/// received events, for the dashboard; rules see closed windows only. Count windows close as soon as they hold their
/// events. State lives in the store (the latest window, firing alerts, the last trigger), so a restart continues where
/// it stopped.</para>
/// </summary>
public sealed class MonitorService : IAsyncDisposable
{
    /// <summary>Trailing silent windows recorded at most after the last event (older silent windows are skipped, not stored).</summary>
    public const int MaxTrailingEmptyWindows = 100;

    /// <summary>Windows closed per model per tick at most (the rest follow on the next tick).</summary>
    public const int MaxWindowsPerTick = 5000;

    /// <summary>
    /// The smallest time step the stores keep (DuckDB and PostgreSQL timestamps have microseconds): exclusive upper
    /// bounds just past an instant are that instant plus this.
    /// </summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMicroseconds(1);

    private readonly IVigilStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Notice> _notices = Channel.CreateUnbounded<Notice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, ModelMonitor> _monitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingWork> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tickLock = new(1, 1);
    private readonly object _idleGate = new();
    private readonly HttpClient? _ownedClient;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastIngest = new(StringComparer.Ordinal);
    private long _enqueued;
    private long _drainedDone;
    private TaskCompletionSource _tickDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _running;
    private Func<TimeSpan, CancellationToken, Task>? _webhookDelay;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The store (windows, alerts, triggers, predictions, labels, monitors, datasets, audit).</param>
    /// <param name="time">The clock (event time windows close by it when traffic is silent; tests pass a fake one).</param>
    /// <param name="webhookClient">HTTP client for webhooks (default: a new one with a 10 s timeout).</param>
    /// <param name="logger">Logger.</param>
    public MonitorService(IVigilStore store, TimeProvider time, HttpClient? webhookClient = null, ILogger<MonitorService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (webhookClient is null) _ownedClient = webhookClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Webhooks = new WebhookSender(webhookClient, time, _logger, (d, ct) => _webhookDelay is { } f ? f(d, ct) : Task.Delay(d, time, ct));
        Telemetry = new MonitoringTelemetry();
    }

    /// <summary>How often <see cref="RunAsync"/> ticks without notifications (wall-clock closing); default 5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Replaces the wait between webhook retries (tests: no real waiting).</summary>
    public Func<TimeSpan, CancellationToken, Task>? WebhookRetryDelay { get => _webhookDelay; init => _webhookDelay = value; }

    /// <summary>The webhook sender.</summary>
    public WebhookSender Webhooks { get; }

    /// <summary>The gauges of the latest windows (meter <c>Vigil.Monitoring</c>).</summary>
    public MonitoringTelemetry Telemetry { get; }

    /// <summary>Compute time of the last window computed per model (for diagnostics and benchmarks).</summary>
    public IReadOnlyDictionary<string, TimeSpan> LastComputeTimes => _lastCompute;

    private readonly Dictionary<string, TimeSpan> _lastCompute = new(StringComparer.Ordinal);

    private sealed record Notice(string Model, DateTime Min, DateTime Max, IReadOnlyList<DateTime>? LabelTimes);

    /// <summary>
    /// Validates and stores a model's monitor: parses the configuration (<see cref="MonitorConfigException"/> with the JSON
    /// path on problems), stores inline reference data as a dataset, derives the feature schema, prepares the window
    /// calculator (which validates columns and metrics against the reference), widens the prediction table
    /// (<see cref="IPredictionStore.EnsureSchemaAsync"/>) and appends a <c>monitor.put</c> audit entry.
    /// Throws <see cref="KeyNotFoundException"/> when the model is not registered.
    /// </summary>
    public async Task<MonitorRecord> PutMonitorAsync(string model, JsonElement config, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(actor);
        var parsed = MonitorConfigParser.Parse(config);
        var modelRecord = await _store.Registry.GetModelAsync(model, ct).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"model '{model}' is not registered");
        DatasetRecord dataset;
        byte[] content;
        if (parsed.Reference.DatasetId is { } id)
        {
            dataset = await _store.Datasets.GetAsync(id, ct).ConfigureAwait(false)
                ?? throw new MonitorConfigException("reference.dataset_id", $"no dataset '{id}' (upload it with POST /api/v1/datasets)");
            content = await _store.Datasets.ReadContentAsync(id, ct).ConfigureAwait(false)
                ?? throw new MonitorConfigException("reference.dataset_id", $"the content of dataset '{id}' is missing");
        }
        else
        {
            content = parsed.Reference.Content!;
            dataset = await _store.Datasets.PutAsync($"{model}-reference.{parsed.Reference.Format}", parsed.Reference.Format!, content, ct).ConfigureAwait(false);
        }
        var reference = LoadReference(dataset, content);
        var calculator = WindowCalculator.Create(model, reference, parsed, modelRecord.Task, modelRecord.PositiveLabel);
        await _store.Predictions.EnsureSchemaAsync(model, calculator.Schema, ct).ConfigureAwait(false);
        var before = await _store.Monitors.GetAsync(model, ct).ConfigureAwait(false);
        var json = MonitorConfigJson.Write(model, dataset.Id, calculator.Schema, parsed);
        var record = new MonitorRecord(model, json, dataset.Id, _time.GetUtcNow());
        await _store.Monitors.PutAsync(record, ct).ConfigureAwait(false);
        await _store.Audit.AppendAsync(new AuditDraft(actor, "monitor.put", $"model:{model}", before?.ConfigJson, json), ct).ConfigureAwait(false);
        lock (_monitors) _monitors[model] = new ModelMonitor(record, modelRecord, parsed, calculator);
        return record;
    }

    private static DataFrame LoadReference(DatasetRecord dataset, byte[] content)
    {
        try { return ReferenceData.Read(content, dataset.Format, $"dataset {dataset.Name}"); }
        catch (DataFormatException e) { throw new MonitorConfigException("reference", e.Message); }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException) { throw new MonitorConfigException("reference", $"cannot read the {dataset.Format} data: {e.Message}"); }
    }

    /// <summary>Tells the service that predictions with event times in [min, max] were committed. Returns at once.</summary>
    public void NotifyPredictions(string model, DateTime minEventTime, DateTime maxEventTime)
    {
        ArgumentNullException.ThrowIfNull(model);
        Interlocked.Increment(ref _enqueued);
        _lastIngest[model] = _time.GetUtcNow();
        _notices.Writer.TryWrite(new Notice(model, Utc(minEventTime), Utc(maxEventTime), null));
    }

    /// <summary>Tells the service that labels were joined to predictions with these event times. Returns at once.</summary>
    public void NotifyLabels(string model, IReadOnlyList<DateTime> affectedEventTimes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(affectedEventTimes);
        if (affectedEventTimes.Count == 0) return;
        Interlocked.Increment(ref _enqueued);
        _notices.Writer.TryWrite(new Notice(model, default, default, [.. affectedEventTimes]));
    }

    /// <summary>The background loop: a tick on every notification (batched) and every <see cref="PollInterval"/>.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _running = true;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try { await TickAsync(ct).ConfigureAwait(false); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
                catch (Exception e) { _logger.LogError(e, "monitor tick failed"); }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var notified = _notices.Reader.WaitToReadAsync(wait.Token).AsTask();
                var delay = Task.Delay(PollInterval, _time, wait.Token);
                await Task.WhenAny(notified, delay).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }
        }
        finally { _running = false; }
    }

    /// <summary>
    /// Completes when every notification given before the call has been handled by a finished tick and no webhook
    /// delivery is in flight. Without <see cref="RunAsync"/> running it runs a tick itself.
    /// </summary>
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        var target = Interlocked.Read(ref _enqueued);
        if (!_running) await TickAsync(ct).ConfigureAwait(false);
        while (Interlocked.Read(ref _drainedDone) < target)
        {
            Task signal;
            lock (_idleGate) signal = _tickDone.Task;
            if (Interlocked.Read(ref _drainedDone) >= target) break;
            await signal.WaitAsync(ct).ConfigureAwait(false);
        }
        await Webhooks.WaitIdleAsync(ct).ConfigureAwait(false);
    }

    /// <summary>One pass over every monitor (see the type's summary).</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        await _tickLock.WaitAsync(ct).ConfigureAwait(false);
        long drained = 0;
        try
        {
            while (_notices.Reader.TryRead(out var n))
            {
                drained++;
                if (!_pending.TryGetValue(n.Model, out var p)) _pending[n.Model] = p = new PendingWork();
                if (n.LabelTimes is { } times) foreach (var t in times) p.LabelTimes.Add(Utc(t));
                else p.AddPredictions(n.Min, n.Max);
            }
            var monitors = await _store.Monitors.ListAsync(ct).ConfigureAwait(false);
            foreach (var record in monitors)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var monitor = await MonitorFor(record, ct).ConfigureAwait(false);
                    if (monitor is null) continue;
                    _pending.Remove(record.Model, out var work);
                    await ProcessAsync(monitor, work ?? new PendingWork(), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
                catch (Exception e) { _logger.LogError(e, "monitor of model {Model} failed", record.Model); }
            }
        }
        finally
        {
            Interlocked.Add(ref _drainedDone, drained);
            lock (_idleGate)
            {
                _tickDone.TrySetResult();
                _tickDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            _tickLock.Release();
        }
    }

    private async Task<ModelMonitor?> MonitorFor(MonitorRecord record, CancellationToken ct)
    {
        lock (_monitors)
            if (_monitors.TryGetValue(record.Model, out var cached) && cached.Matches(record)) return cached;
        var model = await _store.Registry.GetModelAsync(record.Model, ct).ConfigureAwait(false);
        if (model is null) return null;
        var config = MonitorConfigParser.Parse(record.ConfigJson);
        var dataset = await _store.Datasets.GetAsync(record.ReferenceDatasetId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"reference dataset {record.ReferenceDatasetId} of model {record.Model} is missing");
        var content = await _store.Datasets.ReadContentAsync(record.ReferenceDatasetId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"content of reference dataset {record.ReferenceDatasetId} is missing");
        var calculator = WindowCalculator.Create(record.Model, LoadReference(dataset, content), config, model.Task, model.PositiveLabel);
        var monitor = new ModelMonitor(record, model, config, calculator);
        lock (_monitors) _monitors[record.Model] = monitor;
        Telemetry.Forget(record.Model);
        return monitor;
    }

    private async Task ProcessAsync(ModelMonitor monitor, PendingWork work, CancellationToken ct)
    {
        var done = new HashSet<DateTime>();
        if (monitor.Config.Window.IsCalendar) await CalendarWindowsAsync(monitor, work, done, ct).ConfigureAwait(false);
        else await CountWindowsAsync(monitor, done, ct).ConfigureAwait(false);
        await LateLabelsAsync(monitor, work, done, ct).ConfigureAwait(false);
        var firing = await _store.Alerts.ListAsync(monitor.Record.Model, "firing", 10000, ct).ConfigureAwait(false);
        Telemetry.SetFiring(monitor.Record.Model, firing.Count);
    }

    private async Task CalendarWindowsAsync(ModelMonitor monitor, PendingWork work, HashSet<DateTime> done, CancellationToken ct)
    {
        var model = monitor.Record.Model;
        var window = monitor.Config.Window;
        var grace = monitor.Config.Grace;
        var now = _time.GetUtcNow().UtcDateTime;
        // The wall clock closes windows only after the model's ingest has been silent for a grace period (or nothing was
        // received since this process started): a replay of old events keeps building its windows in event time.
        var clockRules = !_lastIngest.TryGetValue(model, out var lastIngest) || _time.GetUtcNow() - lastIngest >= grace;
        var span = await _store.Predictions.TimeSpanAsync(model, ct).ConfigureAwait(false);
        var latest = await _store.Windows.LatestAsync(model, ct).ConfigureAwait(false);
        DateTime next;
        long index;
        if (latest is null)
        {
            var anchor = span?.First ?? monitor.Record.UpdatedAt.UtcDateTime;
            next = window.Bounds(anchor).Start;
            index = 0;
        }
        else
        {
            next = latest.Closed ? latest.End : latest.Start;
            index = latest.Closed ? latest.Index + 1 : latest.Index;
        }
        // Late events into windows already closed: recompute them (a replay of old data, or events later than the grace).
        if (work.MinEvent is { } min && latest is not null)
        {
            var stored = await _store.Windows.ListAsync(model, window.Bounds(min).Start, work.MaxEvent!.Value.Add(Resolution), ct).ConfigureAwait(false);
            foreach (var w in stored)
                if (w.Closed && w.Start < next)
                    await ComputeAsync(monitor, new WindowSpan(w.Start, w.End, w.Index, true), latestClosed: false, done, ct).ConfigureAwait(false);
        }
        for (var count = 0; count < MaxWindowsPerTick; count++)
        {
            var lastEvent = span?.Last;
            if (lastEvent is null || lastEvent < next)
            {
                if (!clockRules) break; // events are still arriving: wait for them rather than record silence
                // Silence after the last event: record only the most recent silent windows.
                var horizon = window.Bounds(now - grace).Start;
                var earliest = window.Step(horizon, -MaxTrailingEmptyWindows);
                if (earliest > next)
                {
                    index += window.WindowsBetween(next, earliest);
                    next = earliest;
                }
            }
            var end = window.Bounds(next).End;
            var closedByEvents = lastEvent is { } le && le >= end + grace;
            var closedByClock = clockRules && now >= end + grace;
            if (!closedByEvents && !closedByClock)
            {
                if (lastEvent is { } last && last >= next && work.MaxEvent is { } maxNew && maxNew >= next)
                    await ComputeAsync(monitor, new WindowSpan(next, end, index, false), latestClosed: false, done, ct).ConfigureAwait(false);
                break;
            }
            await ComputeAsync(monitor, new WindowSpan(next, end, index, true), latestClosed: true, done, ct).ConfigureAwait(false);
            next = end;
            index++;
        }
    }

    private async Task CountWindowsAsync(ModelMonitor monitor, HashSet<DateTime> done, CancellationToken ct)
    {
        var model = monitor.Record.Model;
        var size = monitor.Config.Window.EventCount!.Value;
        var span = await _store.Predictions.TimeSpanAsync(model, ct).ConfigureAwait(false);
        if (span is null) return;
        var latest = await _store.Windows.LatestAsync(model, ct).ConfigureAwait(false);
        var from = latest?.End ?? span.Value.First;
        var index = latest is null ? 0 : latest.Index + 1;
        if (span.Value.Last < from) return;
        var rows = await _store.Predictions.ReadRangeAsync(model, from, span.Value.Last.Add(Resolution), ct).ConfigureAwait(false);
        var offset = 0;
        for (var count = 0; count < MaxWindowsPerTick && rows.Count - offset >= size; count++)
        {
            var ts = rows.Batch.Timestamps;
            var lastInside = ts[offset + size - 1];
            var k = offset + size;
            while (k < rows.Count && ts[k] == lastInside) k++;
            var end = k < rows.Count ? ts[k] : lastInside.Add(Resolution);
            var slice = Slice(rows, offset, k - offset);
            var spanOf = new WindowSpan(ts[offset], end, index, true);
            await StoreComputedAsync(monitor, monitor.Calculator.Compute(slice, spanOf, _time.GetUtcNow()), latestClosed: true, done, ct).ConfigureAwait(false);
            offset = k;
            index++;
        }
    }

    private static PredictionRows Slice(PredictionRows rows, int offset, int count)
    {
        var schema = rows.Batch.Schema;
        var result = new PredictionRows(schema, count);
        var from = rows.Batch;
        var to = result.Batch;
        from.Ids.AsSpan(offset, count).CopyTo(to.Ids);
        from.Timestamps.AsSpan(offset, count).CopyTo(to.Timestamps);
        from.Versions.AsSpan(offset, count).CopyTo(to.Versions);
        from.Predictions.AsSpan(offset, count).CopyTo(to.Predictions);
        from.Scores.AsSpan(offset, count).CopyTo(to.Scores);
        from.ScoresJson.AsSpan(offset, count).CopyTo(to.ScoresJson);
        rows.Labels.AsSpan(offset, count).CopyTo(result.Labels);
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            if (from.Numeric[f] is { } n) n.AsSpan(offset, count).CopyTo(to.Numeric[f]);
            if (from.Categorical[f] is { } c) c.AsSpan(offset, count).CopyTo(to.Categorical[f]);
        }
        return result;
    }

    private async Task ComputeAsync(ModelMonitor monitor, WindowSpan span, bool latestClosed, HashSet<DateTime> done, CancellationToken ct)
    {
        var rows = await _store.Predictions.ReadRangeAsync(monitor.Record.Model, span.Start, span.End, ct).ConfigureAwait(false);
        var computation = monitor.Calculator.Compute(rows, span, _time.GetUtcNow());
        await StoreComputedAsync(monitor, computation, latestClosed, done, ct).ConfigureAwait(false);
    }

    private async Task StoreComputedAsync(ModelMonitor monitor, WindowComputation computation, bool latestClosed, HashSet<DateTime> done, CancellationToken ct)
    {
        var model = monitor.Record.Model;
        var record = computation.Record;
        await _store.Windows.UpsertAsync(record, ct).ConfigureAwait(false);
        done.Add(record.Start);
        lock (_lastCompute) _lastCompute[model] = computation.Elapsed;
        _logger.LogDebug("window {Model} {Start:o} ({Events} events) computed in {Elapsed} ms", model, record.Start, record.Events, computation.Elapsed.TotalMilliseconds);
        if (!record.Closed) return;
        if (latestClosed) Telemetry.Record(model, computation);
        await EvaluateAsync(monitor, record, latestClosed, ct).ConfigureAwait(false);
    }

    private async Task LateLabelsAsync(ModelMonitor monitor, PendingWork work, HashSet<DateTime> done, CancellationToken ct)
    {
        if (work.LabelTimes.Count == 0) return;
        var model = monitor.Record.Model;
        var touched = new Dictionary<DateTime, WindowRecord>();
        foreach (var t in work.LabelTimes)
        {
            WindowRecord? w;
            if (monitor.Config.Window.IsCalendar) w = await _store.Windows.GetAsync(model, monitor.Config.Window.Bounds(t).Start, ct).ConfigureAwait(false);
            else
            {
                var list = await _store.Windows.ListAsync(model, DateTime.MinValue, t.Add(Resolution), ct).ConfigureAwait(false);
                w = list.Count > 0 && list[^1].End > t ? list[^1] : null;
            }
            if (w is not null && !done.Contains(w.Start)) touched[w.Start] = w;
        }
        if (touched.Count == 0) return;
        var latest = await _store.Windows.LatestAsync(model, ct).ConfigureAwait(false);
        foreach (var w in touched.Values.OrderBy(w => w.Start))
        {
            var rows = await _store.Predictions.ReadRangeAsync(model, w.Start, w.End, ct).ConfigureAwait(false);
            var updated = monitor.Calculator.RecomputeRealized(w, rows, _time.GetUtcNow());
            await _store.Windows.UpsertAsync(updated, ct).ConfigureAwait(false);
            if (!updated.Closed) continue;
            var isLatest = latest is not null && (latest.Start == w.Start || (!latest.Closed && latest.Index == w.Index + 1));
            if (isLatest) Telemetry.RecordRealized(model, WindowObservation.FromJson(updated.ResultJson).Realized);
            await EvaluateAsync(monitor, updated, isLatest, ct).ConfigureAwait(false);
        }
    }

    private async Task<List<WindowObservation>> RecentAsync(ModelMonitor monitor, WindowRecord current, int count, CancellationToken ct)
    {
        var model = monitor.Record.Model;
        var window = monitor.Config.Window;
        var from = window.IsCalendar ? window.Step(current.Start, -(count - 1)) : DateTime.MinValue;
        var list = await _store.Windows.ListAsync(model, from, current.Start.Add(Resolution), ct).ConfigureAwait(false);
        var closed = list.Where(w => w.Closed && w.Start <= current.Start).ToList();
        if (closed.Count > count) closed = closed.GetRange(closed.Count - count, count);
        return [.. closed.Select(w => WindowObservation.FromJson(w.ResultJson))];
    }

    private async Task EvaluateAsync(ModelMonitor monitor, WindowRecord window, bool latest, CancellationToken ct)
    {
        var model = monitor.Record.Model;
        var config = monitor.Config;
        var now = _time.GetUtcNow();
        var need = Math.Max(config.Alerts.Count == 0 ? 1 : config.Alerts.Max(a => a.For), config.Retraining?.DriftWindows ?? 1);
        var recent = await RecentAsync(monitor, window, need, ct).ConfigureAwait(false);
        if (recent.Count == 0) return;
        if (config.Alerts.Count > 0)
        {
            var firing = (await _store.Alerts.ListAsync(model, "firing", 10000, ct).ConfigureAwait(false))
                .GroupBy(a => a.Rule, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var rule in config.Alerts)
            {
                firing.TryGetValue(rule.Name, out var open);
                var decision = AlertEvaluator.Evaluate(rule, recent, open is not null, latest);
                if (decision.Action == AlertAction.Fire)
                {
                    var alert = await _store.Alerts.InsertAsync(new AlertRecord(0, model, rule.Name, rule.Expression.Text, "firing", window.Start, now, null, decision.EvidenceJson!), ct).ConfigureAwait(false);
                    _logger.LogInformation("alert {Rule} of {Model} fired on window {Start:o}", rule.Name, model, window.Start);
                    Send(config, "alert.fired", model, now, AlertJson(alert));
                }
                else if (decision.Action == AlertAction.Resolve)
                {
                    await _store.Alerts.ResolveAsync(open!.Id, now, ct).ConfigureAwait(false);
                    var resolved = open with { State = "resolved", ResolvedAt = now, EvidenceJson = decision.EvidenceJson! };
                    _logger.LogInformation("alert {Rule} of {Model} resolved on window {Start:o}", rule.Name, model, window.Start);
                    Send(config, "alert.resolved", model, now, AlertJson(resolved));
                }
            }
        }
        if (config.Retraining is { } policy)
        {
            var triggers = await _store.Triggers.ListAsync(model, ct).ConfigureAwait(false);
            DateTimeOffset? last = triggers.Count == 0 ? null : triggers.Max(t => t.At);
            if (RetrainingPolicy.Evaluate(policy, recent, now, last) is { } decision)
            {
                var trigger = await _store.Triggers.InsertAsync(new TriggerRecord(0, model, now, decision.Reason, decision.EvidenceJson), ct).ConfigureAwait(false);
                _logger.LogInformation("retraining of {Model} requested: {Reason}", model, decision.Reason);
                Send(config, "retrain_requested", model, now, TriggerJson(trigger));
            }
        }
    }

    private void Send(MonitorConfig config, string type, string model, DateTimeOffset at, string data)
    {
        foreach (var hook in config.Webhooks) Webhooks.Enqueue(hook, type, model, at, data);
    }

    /// <summary>An alert as the API writes it: <c>{"id","model","rule","expression","state","window_start","fired_at","resolved_at","evidence"}</c>.</summary>
    public static string AlertJson(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return JsonText.Render(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", alert.Id);
            w.WriteString("model", alert.Model);
            w.WriteString("rule", alert.Rule);
            w.WriteString("expression", alert.Expression);
            w.WriteString("state", alert.State);
            w.WriteString("window_start", DateTime.SpecifyKind(alert.WindowStart, DateTimeKind.Utc));
            w.WriteString("fired_at", alert.FiredAt);
            if (alert.ResolvedAt is { } r) w.WriteString("resolved_at", r); else w.WriteNull("resolved_at");
            w.WritePropertyName("evidence");
            w.WriteRawValue(alert.EvidenceJson);
            w.WriteEndObject();
        });
    }

    /// <summary>A trigger as the API writes it: <c>{"id","model","at","reason","evidence"}</c>.</summary>
    public static string TriggerJson(TriggerRecord trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return JsonText.Render(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", trigger.Id);
            w.WriteString("model", trigger.Model);
            w.WriteString("at", trigger.At);
            w.WriteString("reason", trigger.Reason);
            w.WritePropertyName("evidence");
            w.WriteRawValue(trigger.EvidenceJson);
            w.WriteEndObject();
        });
    }

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Webhooks.Stop();
        await Task.Yield();
        Telemetry.Dispose();
        _ownedClient?.Dispose();
        _tickLock.Dispose();
    }
}
