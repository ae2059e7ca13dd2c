using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Profiles;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Reference;
using Vigil.Storage;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// Computes a window's result (docs/API.md "window") from the stored rows of one window: per-feature drift with the
/// engine of <c>vigil drift</c> (<see cref="ColumnDriftEngine"/>), prediction drift (score, else prediction, against
/// the reference's), data quality (<see cref="WindowQuality"/>), estimated performance (CBPE / DLE,
/// <see cref="WindowEstimation"/>), realised metrics from joined labels (<see cref="RealizedMetrics"/>), per-feature
/// distributions for the dashboard and a profile (sketches) of the events.
/// <para>Everything that depends only on the reference — sorted reference columns, category counts, methods,
/// distribution edges, the suggested suite, the CBPE calibration, the DLE loss models — is prepared once here and
/// reused by every window, so a window costs its own sort and counts. A column that fails is skipped with a reason;
/// a failing section becomes null with a note; <see cref="Compute"/> does not throw for data problems.</para>
/// Thread-safe: one calculator serves concurrent windows.
/// </summary>
public sealed class WindowCalculator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _model;
    private readonly MonitorConfig _config;
    private readonly ModelTask _task;
    private readonly DriftMethodCatalog _catalog = DriftMethodCatalog.Default;
    private readonly ColumnReference[] _features;
    private readonly ColumnReference? _prediction;
    private readonly string? _predictionColumn;
    private readonly Dictionary<string, ColumnType> _referenceTypes = new(StringComparer.Ordinal);
    private readonly WindowQuality _quality;
    private readonly WindowEstimation _estimation;
    private readonly IReadOnlyList<string> _realizedMetrics;

    private WindowCalculator(string model, MonitorConfig config, ModelTask task, FeatureSchema schema, ColumnReference[] features, ColumnReference? prediction,
        string? predictionColumn, WindowQuality quality, WindowEstimation estimation, PositiveLabel? positive, IReadOnlyList<string> realized)
    {
        _model = model;
        _config = config;
        _task = task;
        Schema = schema;
        _features = features;
        _prediction = prediction;
        _predictionColumn = predictionColumn;
        _quality = quality;
        _estimation = estimation;
        Positive = positive;
        _realizedMetrics = realized;
    }

    /// <summary>The model's feature schema (from the reference).</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The binary positive label, or null.</summary>
    public PositiveLabel? Positive { get; }

    /// <summary>The realised metrics computed per window.</summary>
    public IReadOnlyList<string> RealizedMetricNames => _realizedMetrics;

    /// <summary>
    /// Prepares the reference work of a monitor. Throws <see cref="MonitorConfigException"/> for configuration
    /// problems against the reference (unknown columns, unknown metrics); data problems of single columns only skip them.
    /// </summary>
    public static WindowCalculator Create(string model, DataFrame reference, MonitorConfig config, ModelTask task, string? modelPositiveLabel = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(config);
        var schema = FeatureSchemaBuilder.Build(reference, config);
        var realized = config.Metrics.Count > 0 ? config.Metrics : RealizedMetrics.Defaults(task);
        for (var i = 0; i < config.Metrics.Count; i++)
            if (!RealizedMetrics.IsKnown(task, config.Metrics[i]) && !WindowEstimation.Estimable(task).Contains(config.Metrics[i]))
                throw new MonitorConfigException($"metrics[{i}]", $"unknown {task.ToString().ToLowerInvariant()} metric '{config.Metrics[i]}' (known: {string.Join(", ", RealizedMetrics.Known(task))})");
        PositiveLabel? positive = null;
        if (task == ModelTask.Binary)
        {
            positive = PositiveLabel.Resolve(config.PositiveLabel, modelPositiveLabel, config.Label is null ? null : reference[config.Label], out var problem);
            if (positive is null && config.Label is not null) throw new MonitorConfigException("positive_label", problem!);
        }
        var features = new ColumnReference[schema.Fields.Count];
        for (var f = 0; f < features.Length; f++)
        {
            var column = reference[schema.Fields[f].Name];
            try { features[f] = ColumnReference.Build(column, config.Drift, DriftMethodCatalog.Default); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                features[f] = ColumnReference.Skipped(column.Name, "reference: " + e.Message.Split(" (Parameter")[0]);
            }
        }
        string? predictionColumn = task == ModelTask.Binary && config.Score is not null ? config.Score : config.Prediction ?? config.Score;
        ColumnReference? prediction = null;
        if (predictionColumn is not null)
        {
            try { prediction = ColumnReference.Build(reference[predictionColumn], new DriftConfig { Method = config.Drift.Method, Threshold = config.Drift.Threshold }, DriftMethodCatalog.Default); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                prediction = ColumnReference.Skipped(predictionColumn, "reference: " + e.Message.Split(" (Parameter")[0]);
            }
        }
        var featureFrame = new DataFrame([.. schema.Fields.Select(f => reference[f.Name])], reference.Source);
        var estimable = WindowEstimation.Estimable(task);
        var wanted = (config.Metrics.Count > 0 ? config.Metrics : RealizedMetrics.Defaults(task))
            .Concat(config.Alerts.Where(a => a.Expression.Quantity.StartsWith("estimated.", StringComparison.Ordinal)).Select(a => a.Expression.Quantity["estimated.".Length..]))
            .Concat(config.Retraining?.EstimatedDrop.Keys ?? [])
            .Where(estimable.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0 && config.Metrics.Count == 0) wanted = [.. estimable];
        var calculator = new WindowCalculator(model, config, task, schema, features, prediction, predictionColumn, WindowQuality.Create(featureFrame),
            WindowEstimation.Create(reference, config, task, positive, schema, wanted), positive, realized);
        foreach (var f in schema.Fields) calculator._referenceTypes[f.Name] = reference[f.Name].Type;
        return calculator;
    }

    /// <summary>The feature frame of a window's rows (schema order, reference column types).</summary>
    public DataFrame Frame(PredictionRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return WindowFrameBuilder.Build(Restrict(rows), _referenceTypes, $"{_model} window");
    }

    /// <summary>Computes the window; the result's JSON is what the API serves.</summary>
    public WindowComputation Compute(PredictionRows rows, WindowSpan span, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(span);
        var clock = Stopwatch.StartNew();
        var sections = new Dictionary<string, double>(StringComparer.Ordinal);
        var lap = Stopwatch.StartNew();
        void Lap(string name) { sections[name] = lap.Elapsed.TotalMilliseconds; lap.Restart(); }
        var drift = Drift(rows);
        Lap("drift");
        var predictionDrift = PredictionDrift(rows);
        Lap("prediction_drift");
        DataFrame? frame = null;
        DataFrame GetFrame() => frame ??= Frame(rows);
        GetFrame();
        Lap("frame");
        QualityOutcome? quality = null;
        string? qualityNote;
        try { quality = _quality.Validate(GetFrame(), out qualityNote); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { qualityNote = e.Message; }
        Lap("quality");
        IReadOnlyDictionary<string, EstimatedValue>? estimated = null;
        string? estimationNote;
        try { (estimated, estimationNote) = _estimation.Estimate(rows, GetFrame); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException) { estimationNote = e.Message.Split(" (Parameter")[0]; }
        Lap("estimated");
        var realized = RealizedMetrics.Compute(rows, _task, _realizedMetrics, Positive, _config.Threshold, out var realizedNote);
        Lap("realized");
        string? profile = null;
        if (_config.Profile && rows.Count > 0)
        {
            try { profile = ProfileSerializer.ToJson(DatasetProfile.Of(GetFrame())); }
            catch (ArgumentException) { profile = null; }
        }
        Lap("profile");
        var labeled = 0L;
        for (var i = 0; i < rows.Count; i++) if (rows.Labels[i] is not null) labeled++;
        var tested = drift.Where(d => d.Result is not null).ToList();
        double? share = tested.Count == 0 ? null : (double)tested.Count(d => d.Result!.Drift) / tested.Count;
        var performance = new PerformanceOutcome(_estimation.Estimator, estimated, estimationNote, realized, realizedNote);
        var json = Write(span, rows.Count, labeled, computedAt, drift, share, predictionDrift, quality, qualityNote, performance, profile);
        Lap("json");
        clock.Stop();
        var record = new WindowRecord(_model, span.Start, span.End, span.Index, span.Closed, rows.Count, labeled, share, json, computedAt);
        return new WindowComputation(record, drift, predictionDrift, quality, performance, clock.Elapsed) { SectionMilliseconds = sections };
    }

    /// <summary>
    /// Recomputes only the realised metrics (and the labelled count) of a stored window after late labels, patching
    /// its JSON; the rest of the result is kept as it was.
    /// </summary>
    public WindowRecord RecomputeRealized(WindowRecord stored, PredictionRows rows, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rows);
        var realized = RealizedMetrics.Compute(rows, _task, _realizedMetrics, Positive, _config.Threshold, out var note);
        var labeled = 0L;
        for (var i = 0; i < rows.Count; i++) if (rows.Labels[i] is not null) labeled++;
        var node = JsonNode.Parse(stored.ResultJson)!.AsObject();
        node["labeled"] = labeled;
        node["computed_at"] = computedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
        node["realized"] = realized is null ? null : JsonNode.Parse(RealizedJson(realized));
        node["realized_note"] = note;
        return stored with { Labeled = labeled, ResultJson = node.ToJsonString(), ComputedAt = computedAt };
    }

    private static string RealizedJson(IReadOnlyDictionary<string, double> realized)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (k, v) in realized) Number(w, k, v);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The rows restricted to the monitor's schema (the store's schema may be wider after a monitor change).</summary>
    private PredictionRows Restrict(PredictionRows rows)
    {
        var stored = rows.Batch.Schema;
        if (stored.Fields.Count == Schema.Fields.Count && stored.Fields.SequenceEqual(Schema.Fields)) return rows;
        var result = new PredictionRows(Schema, rows.Count);
        CopyCommon(rows.Batch, result.Batch, rows.Count);
        rows.Labels.AsSpan(0, rows.Count).CopyTo(result.Labels);
        for (var f = 0; f < Schema.Fields.Count; f++)
        {
            var index = IndexOf(stored, Schema.Fields[f].Name);
            if (index < 0) continue;
            if (Schema.Fields[f].Kind == FeatureKind.Numeric)
            {
                if (rows.Batch.Numeric[index] is { } values) values.AsSpan(0, rows.Count).CopyTo(result.Batch.Numeric[f]);
                else result.Batch.Numeric[f].AsSpan().Fill(double.NaN);
            }
            else if (rows.Batch.Categorical[index] is { } text) text.AsSpan(0, rows.Count).CopyTo(result.Batch.Categorical[f]);
        }
        return result;
    }

    private static void CopyCommon(PredictionBatch from, PredictionBatch to, int n)
    {
        from.Ids.AsSpan(0, n).CopyTo(to.Ids);
        from.Timestamps.AsSpan(0, n).CopyTo(to.Timestamps);
        from.Versions.AsSpan(0, n).CopyTo(to.Versions);
        from.Predictions.AsSpan(0, n).CopyTo(to.Predictions);
        from.Scores.AsSpan(0, n).CopyTo(to.Scores);
        from.ScoresJson.AsSpan(0, n).CopyTo(to.ScoresJson);
    }

    private static int IndexOf(FeatureSchema schema, string name)
    {
        for (var i = 0; i < schema.Fields.Count; i++) if (schema.Fields[i].Name == name) return i;
        return -1;
    }

    /// <summary>Per-feature drift of a window (in schema order), tested or skipped.</summary>
    public IReadOnlyList<ColumnDriftOutcome> Drift(PredictionRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var stored = rows.Batch.Schema;
        var outcomes = new ColumnDriftOutcome[_features.Length];
        for (var f = 0; f < _features.Length; f++)
        {
            var reference = _features[f];
            if (reference.SkipReason is not null) { outcomes[f] = new ColumnDriftOutcome(reference.Name, null, null, reference.SkipReason, null); continue; }
            if (rows.Count == 0) { outcomes[f] = new ColumnDriftOutcome(reference.Name, reference.Kind, null, "no events in the window", null); continue; }
            var index = IndexOf(stored, reference.Name);
            if (index < 0) { outcomes[f] = new ColumnDriftOutcome(reference.Name, reference.Kind, null, "not stored with the events", null); continue; }
            try
            {
                var numeric = rows.Batch.Numeric[index];
                var text = rows.Batch.Categorical[index];
                outcomes[f] = reference.Kind == DriftColumnKind.Numeric
                    ? numeric is not null
                        ? ColumnDriftEngine.Numeric(reference, numeric.AsSpan(0, rows.Count))
                        : new ColumnDriftOutcome(reference.Name, reference.Kind, null, "numbers in the reference data but text in the events: a type change, not tested", null)
                    : numeric is not null
                        ? ColumnDriftEngine.Categorical(reference, numeric.AsSpan(0, rows.Count), _config.Drift, _catalog)
                        : ColumnDriftEngine.Categorical(reference, text.AsSpan(0, rows.Count), _config.Drift, _catalog);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or IndexOutOfRangeException)
            {
                outcomes[f] = new ColumnDriftOutcome(reference.Name, reference.Kind, null, "failed: " + e.Message.Split(" (Parameter")[0], null);
            }
        }
        return outcomes;
    }

    private ColumnDriftOutcome? PredictionDrift(PredictionRows rows)
    {
        if (_prediction is null) return null;
        if (_prediction.SkipReason is not null) return new ColumnDriftOutcome(_prediction.Name, null, null, _prediction.SkipReason, null);
        if (rows.Count == 0) return new ColumnDriftOutcome(_prediction.Name, _prediction.Kind, null, "no events in the window", null);
        var b = rows.Batch;
        try
        {
            var useScores = _task == ModelTask.Binary && _predictionColumn == _config.Score;
            if (useScores || _task == ModelTask.Regression)
            {
                var values = new double[rows.Count];
                for (var i = 0; i < values.Length; i++) values[i] = useScores ? b.Scores[i] : RealizedMetrics.Prediction(b, i);
                return _prediction.Kind == DriftColumnKind.Numeric
                    ? ColumnDriftEngine.Numeric(_prediction, values)
                    : ColumnDriftEngine.Categorical(_prediction, values, _config.Drift, _catalog);
            }
            return ColumnDriftEngine.Categorical(_prediction, b.Predictions.AsSpan(0, rows.Count), _config.Drift, _catalog);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return new ColumnDriftOutcome(_prediction.Name, _prediction.Kind, null, "failed: " + e.Message.Split(" (Parameter")[0], null);
        }
    }

    private string Write(WindowSpan span, int events, long labeled, DateTimeOffset computedAt, IReadOnlyList<ColumnDriftOutcome> drift, double? share,
        ColumnDriftOutcome? predictionDrift, QualityOutcome? quality, string? qualityNote, PerformanceOutcome performance, string? profile)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("model", _model);
            w.WriteNumber("index", span.Index);
            w.WriteString("start", Time(span.Start));
            w.WriteString("end", Time(span.End));
            w.WriteBoolean("closed", span.Closed);
            w.WriteNumber("events", events);
            w.WriteNumber("labeled", labeled);
            w.WriteString("computed_at", Time(computedAt.UtcDateTime));

            w.WriteStartObject("drift");
            var tested = drift.Where(d => d.Result is not null).ToList();
            if (share is { } s) w.WriteNumber("drift_share", s); else w.WriteNull("drift_share");
            w.WriteNumber("columns_tested", tested.Count);
            w.WriteNumber("drifted_columns", tested.Count(d => d.Result!.Drift));
            w.WriteNumber("drift_share_threshold", _config.Drift.DriftShare);
            if (share is { } s2) w.WriteBoolean("dataset_drift", s2 >= _config.Drift.DriftShare); else w.WriteNull("dataset_drift");
            w.WriteStartArray("columns");
            foreach (var d in tested) WriteDriftColumn(w, d);
            w.WriteEndArray();
            w.WriteStartArray("skipped_columns");
            foreach (var d in drift.Where(d => d.Result is null))
            {
                w.WriteStartObject();
                w.WriteString("column", d.Column);
                w.WriteString("reason", d.SkipReason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            if (predictionDrift is null) w.WriteNull("prediction_drift");
            else if (predictionDrift.Result is null)
            {
                w.WriteStartObject("prediction_drift");
                w.WriteString("column", predictionDrift.Column);
                w.WriteNull("drift");
                w.WriteString("reason", predictionDrift.SkipReason);
                w.WriteEndObject();
            }
            else
            {
                w.WritePropertyName("prediction_drift");
                WriteDriftColumn(w, predictionDrift);
            }

            w.WriteStartObject("quality");
            if (quality is null)
            {
                w.WriteNull("failed");
                w.WriteString("note", qualityNote);
                w.WriteStartArray("checks");
                w.WriteEndArray();
            }
            else
            {
                w.WriteNumber("failed", quality.Failed);
                w.WriteNumber("warned", quality.Warned);
                w.WriteNumber("checks_run", quality.Checks);
                w.WriteStartArray("checks");
                foreach (var f in quality.Failures)
                {
                    w.WriteStartObject();
                    if (f.Column is null) w.WriteNull("column"); else w.WriteString("column", f.Column);
                    w.WriteString("check", f.Check);
                    w.WriteString("severity", f.Severity);
                    if (f.Failed is { } n) w.WriteNumber("failed", n); else w.WriteNull("failed");
                    if (f.Detail is null) w.WriteNull("detail"); else w.WriteString("detail", f.Detail);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();

            if (performance.Estimated is null) w.WriteNull("estimated");
            else
            {
                w.WriteStartObject("estimated");
                foreach (var (name, e) in performance.Estimated)
                {
                    w.WriteStartObject(name);
                    Number(w, "value", e.Value);
                    Number(w, "lower", e.Lower);
                    Number(w, "upper", e.Upper);
                    Number(w, "reference", e.Reference);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            if (performance.Estimator is null) w.WriteNull("estimator"); else w.WriteString("estimator", performance.Estimator);
            if (performance.EstimationNote is null) w.WriteNull("estimation_note"); else w.WriteString("estimation_note", performance.EstimationNote);
            if (performance.Realized is null) w.WriteNull("realized");
            else
            {
                w.WriteStartObject("realized");
                foreach (var (k, v) in performance.Realized) Number(w, k, v);
                w.WriteEndObject();
            }
            if (performance.RealizedNote is null) w.WriteNull("realized_note"); else w.WriteString("realized_note", performance.RealizedNote);

            w.WriteStartObject("distributions");
            foreach (var d in drift) if (d.Distribution is not null) WriteShares(w, d.Column, d.Kind, d.Distribution);
            w.WriteEndObject();
            if (predictionDrift?.Distribution is { } pd) WriteShares(w, "prediction_distribution", predictionDrift.Kind, pd);
            else w.WriteNull("prediction_distribution");

            if (profile is null) w.WriteNull("profile");
            else
            {
                w.WritePropertyName("profile");
                w.WriteRawValue(profile, skipInputValidation: true);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDriftColumn(Utf8JsonWriter w, ColumnDriftOutcome d)
    {
        var r = d.Result!;
        w.WriteStartObject();
        w.WriteString("column", d.Column);
        w.WriteString("kind", d.Kind == DriftColumnKind.Numeric ? "numeric" : "categorical");
        w.WriteString("method", r.Method);
        w.WriteString("score_kind", r.ScoreKind == DriftScoreKind.PValue ? "p_value" : "distance");
        Number(w, "statistic", r.Statistic);
        if (r.PValue is { } p) Number(w, "p_value", p); else w.WriteNull("p_value");
        w.WriteNumber("threshold", r.Threshold);
        w.WriteBoolean("drift", r.Drift);
        if (r.Reason is not null) w.WriteString("reason", r.Reason);
        w.WriteEndObject();
    }

    private static void WriteShares(Utf8JsonWriter w, string name, DriftColumnKind? kind, ColumnShares s)
    {
        w.WriteStartObject(name);
        if (kind == DriftColumnKind.Numeric)
        {
            w.WriteString("kind", "numeric");
            w.WriteStartArray("edges");
            foreach (var e in s.Edges) w.WriteNumberValue(e);
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("kind", "categorical");
            w.WriteStartArray("categories");
            foreach (var c in s.Categories) w.WriteStringValue(c);
            w.WriteEndArray();
        }
        w.WriteStartArray("reference");
        foreach (var v in s.Reference) w.WriteNumberValue(Math.Round(v, 6));
        w.WriteEndArray();
        w.WriteStartArray("current");
        foreach (var v in s.Current) w.WriteNumberValue(Math.Round(v, 6));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static string Time(DateTime t) =>
        DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
