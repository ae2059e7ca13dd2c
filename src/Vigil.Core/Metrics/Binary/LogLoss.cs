namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Log loss (cross-entropy) <c>log_loss</c> = −Σ wᵢ·log q̂ᵢ / Σ wᵢ, natural log, where p = clip(scoreᵢ, ε, 1 − ε)
/// with ε = 2.220446049250313e-16 (double machine epsilon, scikit-learn 1.2's <c>eps="auto"</c> for float64) and
/// q̂ᵢ = p/(p + (1 − p)) for positives, (1 − p)/(p + (1 − p)) for negatives (scikit-learn renormalises the two
/// columns). The classes are always {negative, positive}, so a sample whose labels hold one class is still
/// defined (scikit-learn with <c>labels=[0, 1]</c>). Lower is better. Undefined with "scores outside [0,1]"
/// when scores are not probabilities and "no score column: needs --score" without scores. Cost: O(n).
/// </summary>
public sealed class LogLoss : IMetric<BinarySample>
{
    /// <summary>Double machine epsilon, the clipping bound used by scikit-learn 1.2 for float64 input.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    internal const string NotProbabilities = "scores outside [0,1]";

    /// <inheritdoc/>
    public string Name => "log_loss";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Scores is null) return MetricValue.Undefined(RocAuc.NoScores);
        if (!sample.ScoresAreProbabilities) return MetricValue.Undefined(NotProbabilities);
        var scores = sample.Scores;
        var labels = sample.Labels;
        double sum = 0, total = 0;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < scores.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            if (w == 0) continue;
            var p = Math.Clamp(scores[i], Epsilon, 1 - Epsilon);
            var q = 1 - p;
            sum -= w * Math.Log((labels[i] ? p : q) / (p + q));
            total += w;
        }
        return total > 0 ? MetricValue.Of(sum / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
