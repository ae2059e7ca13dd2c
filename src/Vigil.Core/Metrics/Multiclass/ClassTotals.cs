namespace Vigil.Core.Metrics.Multiclass;

/// <summary>How per-class precision, recall and F1 are combined into one number (scikit-learn's <c>average</c>).</summary>
public enum ClassAveraging
{
    /// <summary>Unweighted mean over the classes present in labels or predictions.</summary>
    Macro,

    /// <summary>Computed from totals pooled over classes (for single-label data precision = recall = F1 = accuracy).</summary>
    Micro,

    /// <summary>Mean over classes weighted by each class's (weighted) support in the labels.</summary>
    Weighted,
}

/// <summary>Per-class weighted true positives, support (true count) and predicted count, from one pass.</summary>
internal sealed class ClassTotals
{
    public double[] TruePositive { get; }
    public double[] Support { get; }
    public double[] Predicted { get; }
    public double Total { get; }

    private ClassTotals(double[] tp, double[] support, double[] predicted, double total)
    {
        TruePositive = tp;
        Support = support;
        Predicted = predicted;
        Total = total;
    }

    /// <summary>Cost: O(n + K).</summary>
    public static ClassTotals From(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        var k = sample.ClassCount;
        var tp = new double[k];
        var support = new double[k];
        var predicted = new double[k];
        var labels = sample.Labels;
        var predictions = sample.Predictions;
        double total = 0;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            var l = labels[i];
            var p = predictions[i];
            support[l] += w;
            predicted[p] += w;
            if (l == p) tp[l] += w;
            total += w;
        }
        return new ClassTotals(tp, support, predicted, total);
    }

    /// <summary>A class takes part in macro averages when it occurs in the labels or the predictions (scikit-learn's <c>unique_labels</c>).</summary>
    public bool IsPresent(int c) => Support[c] > 0 || Predicted[c] > 0;

    public double Precision(int c) => Predicted[c] > 0 ? TruePositive[c] / Predicted[c] : 0;

    public double Recall(int c) => Support[c] > 0 ? TruePositive[c] / Support[c] : 0;

    public double F1(int c)
    {
        var d = Support[c] + Predicted[c];
        return d > 0 ? 2 * TruePositive[c] / d : 0;
    }

    /// <summary>Averages a per-class measure; per-class ill-defined values count as 0, as scikit-learn's default.</summary>
    public MetricValue Average(ClassAveraging averaging, Func<ClassTotals, int, double> perClass, double microNumerator, double microDenominator)
    {
        if (!(Total > 0)) return MetricValue.Undefined(MetricWeights.NoRows);
        switch (averaging)
        {
            case ClassAveraging.Micro:
                return microDenominator > 0 ? MetricValue.Of(microNumerator / microDenominator) : MetricValue.Undefined(MetricWeights.NoRows);
            case ClassAveraging.Weighted:
            {
                double sum = 0, weight = 0;
                for (var c = 0; c < Support.Length; c++)
                {
                    if (!(Support[c] > 0)) continue;
                    sum += Support[c] * perClass(this, c);
                    weight += Support[c];
                }
                return MetricValue.Of(sum / weight);
            }
            default:
            {
                double sum = 0;
                var count = 0;
                for (var c = 0; c < Support.Length; c++)
                {
                    if (!IsPresent(c)) continue;
                    sum += perClass(this, c);
                    count++;
                }
                return MetricValue.Of(sum / count);
            }
        }
    }

    public double SumTruePositive()
    {
        double s = 0;
        foreach (var v in TruePositive) s += v;
        return s;
    }

    public static string Suffix(ClassAveraging averaging) => averaging switch
    {
        ClassAveraging.Macro => "macro",
        ClassAveraging.Micro => "micro",
        ClassAveraging.Weighted => "weighted",
        _ => throw new ArgumentOutOfRangeException(nameof(averaging)),
    };
}
