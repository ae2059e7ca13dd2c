namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Weighted cells of the 2 × 2 confusion matrix, computed in one pass over labels and predictions.
/// Without weights the counts are exact integers; with integer weights they equal the counts of the
/// sample with rows duplicated (sums of integer-valued doubles are exact below 2⁵³).
/// </summary>
internal readonly record struct BinaryCounts(double TruePositive, double FalsePositive, double TrueNegative, double FalseNegative)
{
    public double Positive => TruePositive + FalseNegative;
    public double Negative => TrueNegative + FalsePositive;
    public double PredictedPositive => TruePositive + FalsePositive;
    public double PredictedNegative => TrueNegative + FalseNegative;
    public double Total => TruePositive + FalsePositive + TrueNegative + FalseNegative;

    /// <summary>Counts the sample's cells. Cost: O(n), no allocation.</summary>
    public static BinaryCounts From(BinarySample sample, ReadOnlySpan<double> weights)
    {
        MetricWeights.Check(weights, sample.Count);
        var labels = sample.Labels;
        var predictions = sample.Predictions;
        if (weights.IsEmpty)
        {
            long positive = 0, predicted = 0, both = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                var l = labels[i] ? 1 : 0;
                var p = predictions[i] ? 1 : 0;
                positive += l;
                predicted += p;
                both += l & p;
            }
            long n = labels.Length;
            return new BinaryCounts(both, predicted - both, n - positive - predicted + both, positive - both);
        }
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights[i];
            if (labels[i])
            {
                if (predictions[i]) tp += w; else fn += w;
            }
            else if (predictions[i]) fp += w;
            else tn += w;
        }
        return new BinaryCounts(tp, fp, tn, fn);
    }
}
