namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Area under the ROC curve <c>roc_auc</c> (scikit-learn <c>roc_auc_score</c>): the trapezoidal area under
/// (FPR, TPR) where rows with tied scores form one step, so ties count ½ — equal to the Mann–Whitney
/// probability P(score⁺ &gt; score⁻) + ½·P(score⁺ = score⁻). Weighted: every rate uses weighted counts.
/// Higher is better. Undefined with "only one class present in labels" when the (positive-weight) labels hold
/// one class, and with "no score column: needs --score" without scores.
/// Cost: O(n) per call over <see cref="BinarySample.OrderByScoreDescending"/>, which is sorted once
/// (O(n log n)) and shared, so bootstrap replicates are linear.
/// </summary>
public sealed class RocAuc : IMetric<BinarySample>
{
    internal const string NoScores = "no score column: needs --score";
    internal const string OneClass = "only one class present in labels";

    /// <inheritdoc/>
    public string Name => "roc_auc";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Scores is null) return MetricValue.Undefined(NoScores);
        return Area(sample.Scores, sample.Labels, sample.OrderByScoreDescending, weights);
    }

    /// <summary>AUC of <paramref name="positive"/> vs the rest, walking rows in <paramref name="order"/> (scores descending).</summary>
    internal static MetricValue Area(double[] scores, bool[] positive, int[] order, ReadOnlySpan<double> weights)
    {
        double tp = 0, fp = 0, area = 0, groupTp = 0, groupFp = 0;
        var n = order.Length;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < n; i++)
        {
            var row = order[i];
            var w = weighted ? weights[row] : 1.0;
            if (positive[row]) groupTp += w; else groupFp += w;
            if (i + 1 == n || scores[order[i + 1]] != scores[row])
            {
                // trapezoid between the previous corner and this group's corner; ½ for the tied pairs
                area += groupFp * (2 * tp + groupTp);
                tp += groupTp;
                fp += groupFp;
                groupTp = 0;
                groupFp = 0;
            }
        }
        if (!(tp > 0) || !(fp > 0)) return MetricValue.Undefined(OneClass);
        return MetricValue.Of(area / (2 * tp * fp));
    }
}
