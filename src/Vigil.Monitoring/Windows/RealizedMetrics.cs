using System.Globalization;
using Vigil.Core.Metrics;
using Vigil.Monitoring.Reference;
using Vigil.Storage;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// Realised metrics of a window from the labels joined to its events, with the evaluate metrics of Vigil.Core
/// (<see cref="MetricCatalog"/>): binary (labels vs positive-class scores / predictions), multiclass (label vs
/// predicted class), regression (label vs numeric prediction). Only labelled events count; events without the
/// needed prediction are left out. Undefined metrics are NaN. Cost: the metrics' own cost on the labelled rows.
/// </summary>
public static class RealizedMetrics
{
    /// <summary>The default metrics per task when the monitor lists none.</summary>
    public static IReadOnlyList<string> Defaults(ModelTask task) => task switch
    {
        ModelTask.Binary => ["roc_auc", "f1", "accuracy", "precision", "recall"],
        ModelTask.Multiclass => ["accuracy", "f1_macro"],
        _ => ["mae", "rmse", "r2"],
    };

    /// <summary>True when <paramref name="metric"/> is a known metric id for <paramref name="task"/>.</summary>
    public static bool IsKnown(ModelTask task, string metric) => task switch
    {
        ModelTask.Binary => MetricCatalog.FindBinary(metric) is not null,
        ModelTask.Multiclass => MetricCatalog.FindMulticlass(metric) is not null,
        _ => MetricCatalog.FindRegression(metric) is not null,
    };

    /// <summary>The known metric ids of a task.</summary>
    public static IEnumerable<string> Known(ModelTask task) => task switch
    {
        ModelTask.Binary => MetricCatalog.Binary.Select(m => m.Name),
        ModelTask.Multiclass => MetricCatalog.Multiclass.Select(m => m.Name),
        _ => MetricCatalog.Regression.Select(m => m.Name),
    };

    /// <summary>
    /// Computes the metrics; null with <paramref name="note"/> when no event usable for them has a label.
    /// <paramref name="threshold"/> turns binary scores into predictions when an event carries none.
    /// </summary>
    public static IReadOnlyDictionary<string, double>? Compute(PredictionRows rows, ModelTask task, IReadOnlyList<string> metrics, PositiveLabel? positive, double threshold, out string? note)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metrics);
        note = null;
        var b = rows.Batch;
        var labelled = new List<int>();
        for (var i = 0; i < rows.Count; i++) if (rows.Labels[i] is not null) labelled.Add(i);
        if (labelled.Count == 0) { note = "no labels yet"; return null; }
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (task)
        {
            case ModelTask.Binary:
            {
                if (positive is null) { note = "positive label unknown"; return null; }
                var use = new List<int>(labelled.Count);
                var allScores = true;
                foreach (var i in labelled)
                {
                    var hasScore = double.IsFinite(b.Scores[i]);
                    if (!hasScore && b.Predictions[i] is null) continue;
                    if (!hasScore) allScores = false;
                    use.Add(i);
                }
                if (use.Count == 0) { note = "no labelled event has a score or prediction"; return null; }
                var labels = new bool[use.Count];
                var scores = allScores ? new double[use.Count] : null;
                var predicted = new bool[use.Count];
                for (var k = 0; k < use.Count; k++)
                {
                    var i = use[k];
                    labels[k] = positive.Matches(rows.Labels[i]);
                    if (scores is not null) scores[k] = b.Scores[i];
                    predicted[k] = b.Predictions[i] is { } p ? positive.Matches(p) : b.Scores[i] >= threshold;
                }
                var sample = new BinarySample(labels, scores, predicted, threshold);
                foreach (var m in metrics) result[m] = MetricCatalog.FindBinary(m) is { } metric ? Value(metric.Compute(sample, [])) : double.NaN;
                return result;
            }
            case ModelTask.Multiclass:
            {
                var use = labelled.Where(i => b.Predictions[i] is not null).ToList();
                if (use.Count == 0) { note = "no labelled event has a prediction"; return null; }
                var classes = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var i in use) { classes.Add(rows.Labels[i]!); classes.Add(b.Predictions[i]!); }
                var list = classes.ToArray();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var c = 0; c < list.Length; c++) index[list[c]] = c;
                var y = new int[use.Count];
                var p = new int[use.Count];
                for (var k = 0; k < use.Count; k++) { y[k] = index[rows.Labels[use[k]]!]; p[k] = index[b.Predictions[use[k]]!]; }
                var sample = new MulticlassSample(list, y, null, p);
                foreach (var m in metrics) result[m] = MetricCatalog.FindMulticlass(m) is { } metric ? Value(metric.Compute(sample, [])) : double.NaN;
                return result;
            }
            default:
            {
                var actual = new List<double>(labelled.Count);
                var predictedValues = new List<double>(labelled.Count);
                foreach (var i in labelled)
                {
                    if (!double.TryParse(rows.Labels[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var y) || !double.IsFinite(y)) continue;
                    var yhat = Prediction(b, i);
                    if (!double.IsFinite(yhat)) continue;
                    actual.Add(y);
                    predictedValues.Add(yhat);
                }
                if (actual.Count == 0) { note = "no labelled event has a numeric label and prediction"; return null; }
                var sample = new RegressionSample([.. actual], [.. predictedValues]);
                foreach (var m in metrics) result[m] = MetricCatalog.FindRegression(m) is { } metric ? Value(metric.Compute(sample, [])) : double.NaN;
                return result;
            }
        }
    }

    /// <summary>A regression event's numeric prediction (the prediction text, else the score), NaN when absent.</summary>
    public static double Prediction(PredictionBatch batch, int row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Predictions[row] is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)) return p;
        return batch.Scores[row];
    }

    private static double Value(MetricValue v) => v.Value;
}
