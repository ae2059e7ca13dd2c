namespace Vigil.Core.Estimation;

/// <summary>
/// Small private-to-estimation metric code on one chunk (realised values from labels, and expected values from
/// calibrated probabilities). Kept here so estimation does not depend on the evaluation metrics package.
/// Undefined values (a zero denominator, one class only) are NaN.
/// </summary>
internal static class BinaryChunkMetrics
{
    /// <summary>Realised metric from labels, predictions and (for rank metrics) raw scores.</summary>
    public static double Realized(string metric, ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions, ReadOnlySpan<double> scores)
    {
        switch (metric)
        {
            case EstimationMetricNames.RocAuc: return RocAuc(scores, labels);
            case EstimationMetricNames.AveragePrecision: return AveragePrecision(scores, labels);
        }
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (predictions[i]) { if (labels[i]) tp++; else fp++; }
            else { if (labels[i]) fn++; else tn++; }
        }
        return FromConfusion(metric, tp, fp, fn, tn);
    }

    /// <summary>
    /// Expected metric given calibrated probabilities p_i (the chance row i is positive) and the model's
    /// predictions: expected confusion counts TP = Σ p·[ŷ], FP = Σ (1−p)·[ŷ], FN = Σ p·[¬ŷ], TN = Σ (1−p)·[¬ŷ];
    /// ROC AUC and average precision from the expected curves (see <see cref="ExpectedRankMetric"/>).
    /// </summary>
    public static double Expected(string metric, ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> predictions)
    {
        if (metric is EstimationMetricNames.RocAuc or EstimationMetricNames.AveragePrecision)
            return ExpectedRankMetric(probabilities, metric == EstimationMetricNames.RocAuc);
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            if (predictions[i]) { tp += p; fp += 1 - p; }
            else { fn += p; tn += 1 - p; }
        }
        return FromConfusion(metric, tp, fp, fn, tn);
    }

    public static double FromConfusion(string metric, double tp, double fp, double fn, double tn) => metric switch
    {
        EstimationMetricNames.Accuracy => Ratio(tp + tn, tp + fp + fn + tn),
        EstimationMetricNames.Precision => Ratio(tp, tp + fp),
        EstimationMetricNames.Recall => Ratio(tp, tp + fn),
        EstimationMetricNames.Specificity => Ratio(tn, tn + fp),
        EstimationMetricNames.F1 => Ratio(2 * tp, 2 * tp + fp + fn),
        _ => throw new ArgumentException($"Unknown metric \"{metric}\".", nameof(metric)),
    };

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;

    /// <summary>
    /// The expected ROC AUC / average precision (NannyML CBPE): rows sorted by p descending; at each distinct
    /// threshold t the expected TP(t) = Σ_{p ≥ t} p and FP(t) = Σ_{p ≥ t} (1 − p); TPR = TP / Σp, FPR = FP / Σ(1−p).
    /// AUC integrates TPR over FPR by the trapezoid rule from (0, 0); AP = Σ_k (R_k − R_{k−1})·P_k with
    /// P_k = TP_k / (TP_k + FP_k). This equals scikit-learn's weighted <c>roc_auc_score</c> /
    /// <c>average_precision_score</c> on the data doubled into a positive copy (weight p) and a negative copy
    /// (weight 1 − p) of each row. Cost O(n log n).
    /// </summary>
    public static double ExpectedRankMetric(ReadOnlySpan<double> probabilities, bool rocAuc)
    {
        var n = probabilities.Length;
        var keys = new double[n];
        double positives = 0, negatives = 0;
        for (var i = 0; i < n; i++)
        {
            keys[i] = -probabilities[i];
            positives += probabilities[i];
            negatives += 1 - probabilities[i];
        }
        if (!(positives > 0) || (rocAuc && !(negatives > 0))) return double.NaN;
        Array.Sort(keys);
        double tp = 0, fp = 0, previousTpr = 0, previousFpr = 0, previousRecall = 0, area = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && keys[j] == keys[i]) { tp += -keys[j]; fp += 1 + keys[j]; j++; }
            if (rocAuc)
            {
                var tpr = tp / positives;
                var fpr = fp / negatives;
                area += (fpr - previousFpr) * (tpr + previousTpr) / 2;
                previousTpr = tpr;
                previousFpr = fpr;
            }
            else
            {
                var recall = tp / positives;
                var precision = tp + fp > 0 ? tp / (tp + fp) : 0;
                area += (recall - previousRecall) * precision;
                previousRecall = recall;
            }
            i = j;
        }
        return area;
    }

    /// <summary>ROC AUC by the Mann–Whitney statistic with mid-ranks for ties (= scikit-learn <c>roc_auc_score</c>).</summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var n = scores.Length;
        var keys = scores.ToArray();
        var idx = new int[n];
        for (var i = 0; i < n; i++) idx[i] = i;
        Array.Sort(keys, idx);
        double rankSumPositive = 0, positives = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && keys[j] == keys[i]) j++;
            var midRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
                if (labels[idx[k]]) { rankSumPositive += midRank; positives++; }
            i = j;
        }
        var negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Average precision as scikit-learn <c>average_precision_score</c> (step-wise, ties grouped).</summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var n = scores.Length;
        var keys = new double[n];
        var idx = new int[n];
        double positives = 0;
        for (var i = 0; i < n; i++) { keys[i] = -scores[i]; idx[i] = i; if (labels[i]) positives++; }
        if (positives == 0) return double.NaN;
        Array.Sort(keys, idx);
        double tp = 0, seen = 0, previousRecall = 0, ap = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && keys[j] == keys[i]) { if (labels[idx[j]]) tp++; seen++; j++; }
            var recall = tp / positives;
            ap += (recall - previousRecall) * (tp / seen);
            previousRecall = recall;
            i = j;
        }
        return ap;
    }
}
