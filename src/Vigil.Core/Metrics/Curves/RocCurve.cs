namespace Vigil.Core.Metrics.Curves;

/// <summary>
/// The ROC curve as scikit-learn 1.2 <c>roc_curve(drop_intermediate=False)</c>: one point per distinct score
/// (tied scores form one point), in decreasing threshold order, preceded by (0, 0) at threshold max(score) + 1.
/// FPR = FP/N and TPR = TP/P with weighted counts; rows of weight 0 are ignored (as scikit-learn does).
/// Cost: O(n) over the shared descending score order; <see cref="Downsample"/> bounds the output size.
/// </summary>
/// <param name="FalsePositiveRate">FPR per point, non-decreasing from 0 to 1.</param>
/// <param name="TruePositiveRate">TPR per point, non-decreasing from 0 to 1.</param>
/// <param name="Thresholds">The score threshold of each point (score ≥ threshold is predicted positive).</param>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds)
{
    /// <summary>Number of points.</summary>
    public int Count => Thresholds.Length;

    /// <summary>The curve of a binary sample; null when there are no scores or the labels hold one class.</summary>
    public static RocCurve? Compute(BinarySample sample, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Scores is null) return null;
        var walk = ThresholdWalk.Run(sample, weights);
        var positives = walk.Count > 0 ? walk.TruePositives[walk.Count - 1] : 0;
        var negatives = walk.Count > 0 ? walk.FalsePositives[walk.Count - 1] : 0;
        if (!(positives > 0) || !(negatives > 0)) return null;
        var m = walk.Count + 1;
        var fpr = new double[m];
        var tpr = new double[m];
        var thresholds = new double[m];
        thresholds[0] = walk.Thresholds[0] + 1;
        for (var i = 0; i < walk.Count; i++)
        {
            fpr[i + 1] = walk.FalsePositives[i] / negatives;
            tpr[i + 1] = walk.TruePositives[i] / positives;
            thresholds[i + 1] = walk.Thresholds[i];
        }
        return new RocCurve(fpr, tpr, thresholds);
    }

    /// <summary>At most <paramref name="maxPoints"/> points, evenly spaced by index, always keeping the first and last.</summary>
    public RocCurve Downsample(int maxPoints = 1000)
    {
        var keep = ThresholdWalk.DownsampleIndices(Count, maxPoints);
        if (keep is null) return this;
        return new RocCurve(ThresholdWalk.Pick(FalsePositiveRate, keep), ThresholdWalk.Pick(TruePositiveRate, keep), ThresholdWalk.Pick(Thresholds, keep));
    }
}
