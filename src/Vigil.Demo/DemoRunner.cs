using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Client;
using Vigil.Core.Data;
using Vigil.IO.Csv;

namespace Vigil.Demo;

/// <summary>How fast the demo plays.</summary>
/// <param name="DayDelay">Wall time between simulated days (default 0.4 s: 60 days in about 25 s).</param>
public sealed record DemoPace(TimeSpan DayDelay)
{
    /// <summary>The default pace for people watching the dashboard.</summary>
    public static DemoPace Watchable { get; } = new(TimeSpan.FromMilliseconds(400));

    /// <summary>No pauses (tests).</summary>
    public static DemoPace AsFastAsPossible { get; } = new(TimeSpan.Zero);
}

/// <summary>
/// Plays the <see cref="DemoScenario"/> against a running server through its public API only (the same calls any
/// application makes): registers the model with its two ONNX versions and aliases, sets a monitor with alert rules and
/// a retraining policy, then sends each simulated day's predictions and, <see cref="DemoScenario.LabelDelayDays"/> days
/// later, their labels; finally asks the promotion gate whether the challenger may replace the champion. The simulated
/// days end at today's midnight (UTC), so the dashboard shows the last <see cref="DemoScenario.Days"/> days.
/// </summary>
public sealed class DemoRunner
{
    /// <summary>The demo model's name.</summary>
    public const string ModelName = "credit-default";

    private readonly VigilClient _client;
    private readonly DemoScenario _scenario;
    private readonly Action<string> _log;

    /// <summary>Creates a runner that talks to <paramref name="client"/> and reports progress lines to <paramref name="log"/>.</summary>
    public DemoRunner(VigilClient client, DemoScenario scenario, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scenario);
        _client = client;
        _scenario = scenario;
        _log = log ?? (_ => { });
    }

    /// <summary>The first simulated day (UTC midnight), given the wall clock.</summary>
    public DateTime FirstDay(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(-_scenario.Days);

    /// <summary>Runs the whole story; returns false without changing anything when the model already exists.</summary>
    public async Task<bool> RunAsync(DemoPace pace, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pace);
        var existing = await _client.ListModelsAsync(ct).ConfigureAwait(false);
        if (existing.Any(m => m.Name == ModelName))
        {
            _log($"demo: model '{ModelName}' already exists; nothing to seed");
            return false;
        }

        _log("demo: training the champion and the challenger (ML.NET FastTree) and exporting them to ONNX");
        var models = DemoModels.Train(_scenario);
        await RegisterAsync(models, ct).ConfigureAwait(false);

        var first = FirstDay(now);
        var pendingLabels = new Queue<(int Day, List<LabelRecord> Labels)>();
        for (var day = 0; day < _scenario.Days; day++)
        {
            ct.ThrowIfCancellationRequested();
            var frame = _scenario.Day(day);
            var scores = models.Champion.Score(frame);
            var (events, labels) = Events(frame, scores, first.AddDays(day), day);
            var result = await _client.IngestPredictionsAsync(ModelName, events, ct).ConfigureAwait(false);
            if (result.Rejected.Count > 0)
                throw new InvalidOperationException($"demo: day {day}: the server rejected {result.Rejected.Count} events, first: {result.Rejected[0].Reason}");
            pendingLabels.Enqueue((day, labels));
            while (pendingLabels.Count > 0 && pendingLabels.Peek().Day <= day - _scenario.LabelDelayDays)
            {
                var (_, batch) = pendingLabels.Dequeue();
                await _client.IngestLabelsAsync(ModelName, batch, ct).ConfigureAwait(false);
            }
            _log($"demo: day {day + 1}/{_scenario.Days} ({first.AddDays(day):yyyy-MM-dd}): {result.Accepted} predictions" +
                 (day >= _scenario.DriftStartDay ? " — applicant population drifting" : ""));
            if (pace.DayDelay > TimeSpan.Zero) await Task.Delay(pace.DayDelay, ct).ConfigureAwait(false);
        }

        await PromoteChallengerAsync(models, ct).ConfigureAwait(false);
        _log($"demo: done — {_scenario.Days} days sent; the last {_scenario.LabelDelayDays} days have no labels yet");
        return true;
    }

    private async Task RegisterAsync(DemoModels models, CancellationToken ct)
    {
        await _client.CreateModelAsync(new CreateModelRequest(ModelName, ModelTask.Binary,
            "Demo: probability that a credit applicant defaults (synthetic data)", PositiveLabel: "1"), ct).ConfigureAwait(false);
        foreach (var (version, model, notes) in new[]
                 {
                     ("1", models.Champion, "100 trees, reference applicants"),
                     ("2", models.Challenger, "200 trees, reference + new applicants"),
                 })
        {
            using var artifact = new MemoryStream(DemoModels.Onnx(model));
            await _client.RegisterVersionAsync(ModelName, new RegisterVersionRequest(version, "onnx",
                Tags: new Dictionary<string, string> { ["trainer"] = "ml.net fasttree", ["notes"] = notes }), artifact, $"credit-default-v{version}.onnx", ct).ConfigureAwait(false);
        }
        await _client.SetAliasAsync(ModelName, "champion", "1", ct).ConfigureAwait(false);
        await _client.SetAliasAsync(ModelName, "challenger", "2", ct).ConfigureAwait(false);
        _log("demo: registered versions 1 (champion) and 2 (challenger) with their ONNX artifacts");

        var reference = ScoredReference(models);
        await _client.PutMonitorAsync(ModelName, MonitorJson(reference), ct).ConfigureAwait(false);
        _log("demo: monitor set (daily windows, drift, CBPE, alerts, retraining policy)");
    }

    /// <summary>
    /// Reference data for the monitor: a fresh baseline sample (not the training rows, whose scores are optimistic)
    /// with the champion's scores and predictions, so CBPE calibrates on honest scores.
    /// </summary>
    private DataFrame ScoredReference(DemoModels models)
    {
        var sample = _scenario.HoldOut();
        var scores = models.Champion.Score(sample);
        var columns = sample.Columns.Where(c => c.Name != "score").ToList();
        columns.Add(new NumericColumn("score", scores));
        columns.Add(CategoricalColumn.FromStrings("prediction", scores.Select(s => s >= 0.5 ? "1" : "0").ToArray()));
        return new DataFrame(columns, "demo-reference");
    }

    private static string MonitorJson(DataFrame reference)
    {
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        CsvWriter.Write(reference, csv);
        var config = new
        {
            reference = new { format = "csv", content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv.ToString())) },
            features = DemoScenario.Features,
            label = DemoScenario.Label,
            score = "score",
            prediction = "prediction",
            window = "1d",
            metrics = new[] { "roc_auc", "f1", "accuracy" },
            estimation = true,
            // Thresholds above the day-to-day noise of a few hundred applicants: the automatic choice (normalised
            // Wasserstein at 0.1, Jensen–Shannon at 0.1) flags 10–20 % of the undrifted days (e.g. age, daily statistic
            // 0.04–0.17 at 200 events a day), while the drift itself moves income to about 0.6 and debt_ratio to about 1.4.
            drift = new
            {
                overrides = new Dictionary<string, object>
                {
                    ["age"] = new { method = "wasserstein_norm", threshold = 0.25 },
                    ["income"] = new { method = "wasserstein_norm", threshold = 0.25 },
                    ["debt_ratio"] = new { method = "wasserstein_norm", threshold = 0.25 },
                    ["late_payments"] = new { method = "jensenshannon", threshold = 0.15 },
                    ["region"] = new { method = "jensenshannon", threshold = 0.15 },
                },
            },
            alerts = new object[]
            {
                new { name = "feature drift", expression = "drift_share > 0.3", @for = 2 },
                new { name = "income drift", expression = "drift(feature=income)", @for = 1 },
                // daily ROC AUC on 400 applicants wanders ±0.04 around 0.77 before the drift: thresholds sit below that noise
                new { name = "estimated AUC low", expression = "estimated.roc_auc < 0.72", @for = 2 },
                new { name = "realized AUC low", expression = "realized.roc_auc < 0.70", @for = 3 },
                new { name = "traffic stopped", expression = "ingest.events < 100", @for = 1 },
            },
            retraining = new { drift_windows = 3, estimated_drop = new Dictionary<string, double> { ["roc_auc"] = 0.05 }, cooldown = "14d" },
        };
        return JsonSerializer.Serialize(config);
    }

    private static (List<PredictionEvent> Events, List<LabelRecord> Labels) Events(DataFrame frame, double[] scores, DateTime dayStart, int day)
    {
        var n = frame.RowCount;
        var events = new List<PredictionEvent>(n);
        var labels = new List<LabelRecord>(n);
        var step = TimeSpan.FromDays(1) / n;
        var label = frame[DemoScenario.Label];
        for (var i = 0; i < n; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"d{day:D3}-{i:D4}");
            var at = dayStart + step * (i + 0.5);
            var features = new Dictionary<string, object?>(DemoScenario.Features.Count);
            foreach (var name in DemoScenario.Features)
            {
                var column = frame[name];
                features[name] = column is NumericColumn numeric ? numeric.Values[i] : column.GetText(i);
            }
            var score = Math.Round(scores[i], 6);
            events.Add(new PredictionEvent(id, at, features, score >= 0.5 ? "1" : "0", score, Version: "1"));
            labels.Add(new LabelRecord(id, label.GetText(i)!, at.AddDays(7)));
        }
        return (events, labels);
    }

    /// <summary>Asks the gate whether version 2 may replace the champion, on the labelled days before the drift.</summary>
    private async Task PromoteChallengerAsync(DemoModels models, CancellationToken ct)
    {
        var days = Enumerable.Range(_scenario.DriftStartDay - 10, 10).Select(_scenario.Day).ToList();
        var label = new List<string?>();
        var champion = new List<double>();
        var challenger = new List<double>();
        foreach (var frame in days)
        {
            var l = frame[DemoScenario.Label];
            for (var i = 0; i < frame.RowCount; i++) label.Add(l.GetText(i));
            champion.AddRange(models.Champion.Score(frame));
            challenger.AddRange(models.Challenger.Score(frame));
        }
        var evaluation = new DataFrame(
        [
            CategoricalColumn.FromStrings("default", label),
            new NumericColumn("score_v1", [.. champion]),
            new NumericColumn("score_v2", [.. challenger]),
        ], "demo-promotion");
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        CsvWriter.Write(evaluation, csv);
        var result = await _client.PromoteAsync(ModelName, new PromoteRequest("2",
            DataSource.FromBytes(Encoding.UTF8.GetBytes(csv.ToString()), "csv"), "default", "score_v2", "score_v1",
            new PromotionGateSettings(new Dictionary<string, double> { ["roc_auc"] = -0.01 }, new Dictionary<string, double> { ["roc_auc"] = 0.75 }),
            PositiveLabel: "1", Bootstrap: 500, Seed: 7), ct).ConfigureAwait(false);
        _log(result.Promoted
            ? "demo: the challenger passed the promotion gate and is now champion"
            : "demo: the challenger did not pass the promotion gate (evidence stored in the alias history)");
    }
}
