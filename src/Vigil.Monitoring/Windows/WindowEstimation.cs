using Vigil.Core.Data;
using Vigil.Core.Estimation;
using Vigil.Core.Estimation.Regression;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Reference;
using Vigil.Storage;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// Performance estimation without labels for a window, fitted once per monitor on the labelled reference:
/// binary models use CBPE (<see cref="ConfidenceBasedPerformanceEstimator"/>, needs reference labels and scores),
/// regression models DLE (<see cref="DirectLossEstimator"/> with Vigil.Models' FastTree loss models, needs reference
/// labels and predictions; fitted lazily on the first window because it trains two tree models). Multiclass models
/// are not estimated. Each estimate carries the same estimator's value on the whole reference, the baseline of the
/// retraining policy's <c>estimated_drop</c>. Thread-safe after construction.
/// </summary>
internal sealed class WindowEstimation
{
    private readonly ConfidenceBasedPerformanceEstimator? _cbpe;
    private readonly Lazy<(DirectLossEstimator? Estimator, string? Problem, IReadOnlyDictionary<string, double> Reference)>? _dle;
    private readonly IReadOnlyDictionary<string, double> _cbpeReference = new Dictionary<string, double>();
    private readonly PositiveLabel? _positive;
    private readonly double _threshold;
    private readonly string? _prediction;

    private WindowEstimation(string? problem) => Problem = problem;

    private WindowEstimation(ConfidenceBasedPerformanceEstimator cbpe, IReadOnlyDictionary<string, double> reference, PositiveLabel positive, double threshold)
    {
        _cbpe = cbpe;
        _cbpeReference = reference;
        _positive = positive;
        _threshold = threshold;
        Estimator = "cbpe";
    }

    private WindowEstimation(Lazy<(DirectLossEstimator?, string?, IReadOnlyDictionary<string, double>)> dle, string prediction)
    {
        _dle = dle;
        _prediction = prediction;
        Estimator = "dle";
    }

    /// <summary>"cbpe", "dle" or null.</summary>
    public string? Estimator { get; }

    /// <summary>Why nothing is estimated, or null.</summary>
    public string? Problem { get; }

    /// <summary>Prepares the estimator for a monitor; never throws for data problems (they become <see cref="Problem"/>).</summary>
    public static WindowEstimation Create(DataFrame reference, MonitorConfig config, ModelTask task, PositiveLabel? positive, FeatureSchema schema, IReadOnlyList<string> metrics)
    {
        if (!config.Estimation) return new WindowEstimation("estimation is off");
        if (metrics.Count == 0) return new WindowEstimation("no estimable metric requested");
        try
        {
            return task switch
            {
                ModelTask.Binary => Binary(reference, config, positive, metrics),
                ModelTask.Regression => Regression(reference, config, schema, metrics),
                _ => new WindowEstimation("multiclass models are not estimated"),
            };
        }
        catch (ArgumentException e)
        {
            return new WindowEstimation(e.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>The metrics this task can estimate.</summary>
    public static IReadOnlyList<string> Estimable(ModelTask task) => task switch
    {
        ModelTask.Binary => EstimationMetricNames.Binary,
        ModelTask.Regression => RegressionEstimationMetricNames.All,
        _ => [],
    };

    private static WindowEstimation Binary(DataFrame reference, MonitorConfig config, PositiveLabel? positive, IReadOnlyList<string> metrics)
    {
        if (config.Label is null || config.Score is null) return new WindowEstimation("CBPE needs the reference's label and score columns (\"label\", \"score\")");
        if (positive is null) return new WindowEstimation("positive label unknown");
        if (reference[config.Score] is not NumericColumn scoreColumn) return new WindowEstimation($"score column '{config.Score}' is not numeric");
        var labelColumn = reference[config.Label];
        var predictionColumn = config.Prediction is null ? null : reference[config.Prediction];
        var rows = new List<int>(reference.RowCount);
        for (var i = 0; i < reference.RowCount; i++)
            if (!labelColumn.IsMissing(i) && double.IsFinite(scoreColumn.Values[i]) && (predictionColumn is null || !predictionColumn.IsMissing(i))) rows.Add(i);
        if (rows.Count < 2) return new WindowEstimation("fewer than 2 reference rows with a label and a score");
        var labels = new bool[rows.Count];
        var scores = new double[rows.Count];
        var predictions = new bool[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            var i = rows[k];
            labels[k] = positive.Matches(labelColumn.GetText(i));
            scores[k] = scoreColumn.Values[i];
            predictions[k] = predictionColumn is null ? scores[k] >= config.Threshold : positive.Matches(predictionColumn.GetText(i));
        }
        var chunks = new RowCountChunker(Math.Max(1, rows.Count / 10)).Split(rows.Count, []);
        var options = new CbpeOptions { Metrics = metrics, Threshold = config.Threshold };
        var cbpe = ConfidenceBasedPerformanceEstimator.Fit(labels, scores, predictions, chunks, options);
        var all = new DataChunk("reference", null, null, [.. Enumerable.Range(0, rows.Count)]);
        var estimate = cbpe.Estimate(scores, predictions, [all]);
        var referenceValues = estimate.Chunks[0].Metrics.ToDictionary(p => p.Key, p => p.Value.Estimated, StringComparer.Ordinal);
        return new WindowEstimation(cbpe, referenceValues, positive, config.Threshold);
    }

    private static WindowEstimation Regression(DataFrame reference, MonitorConfig config, FeatureSchema schema, IReadOnlyList<string> metrics)
    {
        if (config.Label is null || config.Prediction is null) return new WindowEstimation("DLE needs the reference's label and prediction columns (\"label\", \"prediction\")");
        var features = schema.Fields.Select(f => f.Name).ToList();
        var label = config.Label;
        var prediction = config.Prediction;
        var dle = new Lazy<(DirectLossEstimator?, string?, IReadOnlyDictionary<string, double>)>(() =>
        {
            try
            {
                var chunks = new RowCountChunker(Math.Max(1, reference.RowCount / 10)).Split(reference.RowCount, []);
                var estimator = DirectLossEstimator.Fit(reference, label, prediction, features, chunks, new Vigil.Models.FastTreeLossModelTrainer(), new DleOptions { Metrics = metrics });
                var all = new DataChunk("reference", null, null, [.. Enumerable.Range(0, reference.RowCount)]);
                var r = estimator.Estimate(reference, [all]).Chunks[0].Metrics.ToDictionary(p => p.Key, p => p.Value.Estimated, StringComparer.Ordinal);
                return (estimator, null, r);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return (null, e.Message.Split(" (Parameter")[0], new Dictionary<string, double>());
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        return new WindowEstimation(dle, prediction);
    }

    /// <summary>Estimates a window; null values with a note when it cannot.</summary>
    public (IReadOnlyDictionary<string, EstimatedValue>? Values, string? Note) Estimate(PredictionRows rows, Func<DataFrame> windowFrame)
    {
        if (Problem is not null) return (null, Problem);
        if (rows.Count == 0) return (null, "no events");
        var b = rows.Batch;
        if (_cbpe is not null)
        {
            var use = new List<int>(rows.Count);
            for (var i = 0; i < rows.Count; i++) if (double.IsFinite(b.Scores[i])) use.Add(i);
            if (use.Count == 0) return (null, "no event has a score");
            var scores = new double[use.Count];
            var predictions = new bool[use.Count];
            for (var k = 0; k < use.Count; k++)
            {
                var i = use[k];
                scores[k] = b.Scores[i];
                predictions[k] = b.Predictions[i] is { } p ? _positive!.Matches(p) : scores[k] >= _threshold;
            }
            var chunk = new DataChunk("window", null, null, [.. Enumerable.Range(0, use.Count)]);
            var metrics = _cbpe.Estimate(scores, predictions, [chunk]).Chunks[0].Metrics;
            return (metrics.ToDictionary(p => p.Key, p => new EstimatedValue(p.Value.Estimated, p.Value.Lower, p.Value.Upper,
                _cbpeReference.TryGetValue(p.Key, out var r) ? r : double.NaN), StringComparer.Ordinal), null);
        }
        var (estimator, problem, reference) = _dle!.Value;
        if (estimator is null) return (null, problem);
        var frame = windowFrame();
        var predicted = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++) predicted[i] = RealizedMetrics.Prediction(b, i);
        var columns = frame.Columns.Where(c => c.Name != _prediction).Append(new NumericColumn(_prediction!, predicted)).ToList();
        var analysis = new DataFrame(columns, frame.Source);
        var all = new DataChunk("window", null, null, [.. Enumerable.Range(0, rows.Count)]);
        var m = estimator.Estimate(analysis, [all]).Chunks[0].Metrics;
        return (m.ToDictionary(p => p.Key, p => new EstimatedValue(p.Value.Estimated, p.Value.Lower, p.Value.Upper,
            reference.TryGetValue(p.Key, out var r) ? r : double.NaN), StringComparer.Ordinal), null);
    }
}
