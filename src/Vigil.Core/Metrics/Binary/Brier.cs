namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Brier score <c>brier</c> = Σ wᵢ·(scoreᵢ − yᵢ)² / Σ wᵢ with yᵢ ∈ {0, 1} (Brier 1950; scikit-learn
/// <c>brier_score_loss</c>). Lower is better. Undefined with "scores outside [0,1]" when scores are not
/// probabilities and "no score column: needs --score" without scores. Cost: O(n).
/// </summary>
public sealed class Brier : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "brier";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Scores is null) return MetricValue.Undefined(RocAuc.NoScores);
        if (!sample.ScoresAreProbabilities) return MetricValue.Undefined(LogLoss.NotProbabilities);
        var scores = sample.Scores;
        var labels = sample.Labels;
        double sum = 0, total = 0;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < scores.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            var d = scores[i] - (labels[i] ? 1.0 : 0.0);
            sum += w * d * d;
            total += w;
        }
        return total > 0 ? MetricValue.Of(sum / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
