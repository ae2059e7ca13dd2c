namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Balanced accuracy <c>balanced_accuracy</c>: the mean recall TPₖ/Supportₖ over the classes present in the labels
/// (scikit-learn <c>balanced_accuracy_score</c>, which drops classes that only occur in predictions, with a warning).
/// Higher is better. Undefined when the total weight is 0. Cost: O(n + K).
/// </summary>
public sealed class MulticlassBalancedAccuracy : IMetric<MulticlassSample>
{
    /// <inheritdoc/>
    public string Name => "balanced_accuracy";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        var t = ClassTotals.From(sample, weights);
        double sum = 0;
        var count = 0;
        for (var c = 0; c < t.Support.Length; c++)
        {
            if (!(t.Support[c] > 0)) continue;
            sum += t.TruePositive[c] / t.Support[c];
            count++;
        }
        return count > 0 ? MetricValue.Of(sum / count) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
