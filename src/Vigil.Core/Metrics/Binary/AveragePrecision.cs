namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Average precision <c>average_precision</c> (scikit-learn <c>average_precision_score</c>): the step-wise sum
/// AP = Σₜ (Rₜ − Rₜ₋₁)·Pₜ over distinct score thresholds t taken in decreasing order (tied scores form one
/// step), with Pₜ = TPₜ/(TPₜ + FPₜ) and Rₜ = TPₜ/P — no interpolation. Higher is better.
/// Undefined with "only one class present in labels" when the labels hold one class (scikit-learn returns 1
/// for all-positive labels and warns for all-negative; Vigil treats both as undefined), and with
/// "no score column: needs --score" without scores. Cost: O(n) over the shared descending score order.
/// </summary>
public sealed class AveragePrecision : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "average_precision";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Scores is null) return MetricValue.Undefined(RocAuc.NoScores);
        var scores = sample.Scores;
        var labels = sample.Labels;
        var order = sample.OrderByScoreDescending;
        double tp = 0, fp = 0, sum = 0, groupTp = 0, groupFp = 0;
        var n = order.Length;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < n; i++)
        {
            var row = order[i];
            var w = weighted ? weights[row] : 1.0;
            if (labels[row]) groupTp += w; else groupFp += w;
            if (i + 1 == n || scores[order[i + 1]] != scores[row])
            {
                tp += groupTp;
                fp += groupFp;
                if (groupTp > 0) sum += groupTp * (tp / (tp + fp));
                groupTp = 0;
                groupFp = 0;
            }
        }
        if (!(tp > 0) || !(fp > 0)) return MetricValue.Undefined(RocAuc.OneClass);
        return MetricValue.Of(sum / tp);
    }
}
