namespace Vigil.Core.Metrics.Curves;

/// <summary>
/// The precision–recall curve as scikit-learn 1.2 <c>precision_recall_curve</c>: one point per distinct score in
/// increasing threshold order (tied scores form one point), with precision = TP/(TP + FP) and recall = TP/P, then a
/// final point (precision 1, recall 0) that has no threshold — so <see cref="Thresholds"/> is one shorter than the
/// other arrays. Rows of weight 0 are ignored. Cost: O(n) over the shared descending score order.
/// </summary>
/// <param name="Precision">Precision per point.</param>
/// <param name="Recall">Recall per point (non-increasing).</param>
/// <param name="Thresholds">Threshold per point except the last.</param>
public sealed record PrecisionRecallCurve(double[] Precision, double[] Recall, double[] Thresholds)
{
    /// <summary>The curve of a binary sample; null when there are no scores or no positive labels.</summary>
    public static PrecisionRecallCurve? Compute(BinarySample sample, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Scores is null) return null;
        var walk = ThresholdWalk.Run(sample, weights);
        var positives = walk.Count > 0 ? walk.TruePositives[walk.Count - 1] : 0;
        if (!(positives > 0)) return null;
        var m = walk.Count;
        var precision = new double[m + 1];
        var recall = new double[m + 1];
        var thresholds = new double[m];
        for (var i = 0; i < m; i++)
        {
            var j = m - 1 - i;
            var tp = walk.TruePositives[j];
            var predicted = tp + walk.FalsePositives[j];
            precision[i] = predicted != 0 ? tp / predicted : 0;
            recall[i] = tp / positives;
            thresholds[i] = walk.Thresholds[j];
        }
        precision[m] = 1;
        recall[m] = 0;
        return new PrecisionRecallCurve(precision, recall, thresholds);
    }

    /// <summary>At most <paramref name="maxPoints"/> points (evenly spaced by index, first and last kept); the final (1, 0) point stays last.</summary>
    public PrecisionRecallCurve Downsample(int maxPoints = 1000)
    {
        var keep = ThresholdWalk.DownsampleIndices(Thresholds.Length, maxPoints - 1);
        if (keep is null) return this;
        var withEnd = new int[keep.Length + 1];
        keep.CopyTo(withEnd, 0);
        withEnd[^1] = Precision.Length - 1;
        return new PrecisionRecallCurve(ThresholdWalk.Pick(Precision, withEnd), ThresholdWalk.Pick(Recall, withEnd), ThresholdWalk.Pick(Thresholds, keep));
    }
}
