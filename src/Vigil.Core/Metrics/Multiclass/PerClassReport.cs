namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Precision, recall, F1 and support of one class (scikit-learn <c>precision_recall_fscore_support(average=None)</c>).
/// Edge cases: precision is undefined ("class never predicted") when no row is predicted as the class, recall is
/// undefined ("class absent from labels") when its support is 0, F1 = 2·TP/(2·TP + FP + FN) is undefined only when
/// both hold — where scikit-learn reports 0 with a warning.
/// </summary>
/// <param name="Label">The class label.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2·TP / (2·TP + FP + FN).</param>
/// <param name="Support">Weighted number of rows whose true class is this class.</param>
public sealed record PerClassReport(string Label, MetricValue Precision, MetricValue Recall, MetricValue F1, double Support)
{
    /// <summary>One report per class, in class order. Cost: O(n + K).</summary>
    public static PerClassReport[] Compute(MulticlassSample sample, ReadOnlySpan<double> weights = default)
    {
        var t = ClassTotals.From(sample, weights);
        var k = sample.ClassCount;
        var reports = new PerClassReport[k];
        for (var c = 0; c < k; c++)
        {
            var tp = t.TruePositive[c];
            var precision = t.Predicted[c] > 0 ? MetricValue.Of(tp / t.Predicted[c]) : MetricValue.Undefined("class never predicted");
            var recall = t.Support[c] > 0 ? MetricValue.Of(tp / t.Support[c]) : MetricValue.Undefined("class absent from labels");
            var d = t.Support[c] + t.Predicted[c];
            var f1 = d > 0 ? MetricValue.Of(2 * tp / d) : MetricValue.Undefined("class absent from labels and never predicted");
            reports[c] = new PerClassReport(sample.Classes[c], precision, recall, f1, t.Support[c]);
        }
        return reports;
    }
}
