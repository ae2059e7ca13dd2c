namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Multiclass log loss <c>log_loss</c> (scikit-learn 1.2 <c>log_loss</c> with <c>labels</c> = all classes):
/// each probability is clipped to [ε, 1 − ε] with ε = 2.220446049250313e-16, the row is renormalised to sum 1, and
/// the loss is −Σ wᵢ·log p̂ᵢ,yᵢ / Σ wᵢ (natural log). Lower is better. Undefined: "no score column: needs --score"
/// without probabilities, "scores outside [0,1]" when a probability lies outside [0, 1]. Cost: O(n·K).
/// </summary>
public sealed class MulticlassLogLoss : IMetric<MulticlassSample>
{
    /// <inheritdoc/>
    public string Name => "log_loss";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Probabilities is null) return MetricValue.Undefined(Binary.RocAuc.NoScores);
        if (!sample.ProbabilitiesAreInUnitInterval) return MetricValue.Undefined(Binary.LogLoss.NotProbabilities);
        const double eps = Binary.LogLoss.Epsilon;
        var k = sample.ClassCount;
        var p = sample.Probabilities;
        var labels = sample.Labels;
        var weighted = !weights.IsEmpty;
        double sum = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            if (w == 0) continue;
            double rowSum = 0;
            var offset = i * k;
            for (var c = 0; c < k; c++) rowSum += Math.Clamp(p[offset + c], eps, 1 - eps);
            sum -= w * Math.Log(Math.Clamp(p[offset + labels[i]], eps, 1 - eps) / rowSum);
            total += w;
        }
        return total > 0 ? MetricValue.Of(sum / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
