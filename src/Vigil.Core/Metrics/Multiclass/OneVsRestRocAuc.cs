namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// One-vs-rest ROC AUC <c>roc_auc_ovr_macro | roc_auc_ovr_weighted</c> (scikit-learn
/// <c>roc_auc_score(multi_class="ovr", average=…)</c>): for each class k the binary AUC of "label = k" scored by
/// the probability of k (ties count ½, as <see cref="Binary.RocAuc"/>), then the unweighted mean (macro) or the
/// mean weighted by class support (weighted). Higher is better. Probability rows need not sum to 1 (scikit-learn
/// insists; the AUC only uses ranks). Undefined: "no score column: needs --score" without probabilities; macro is
/// undefined when some class is absent from the labels (its AUC does not exist; scikit-learn raises), weighted skips
/// absent classes (their weight is 0) and is undefined only when the labels hold one class.
/// Cost: O(n·K) per call over per-class descending orders that are sorted once and shared.
/// </summary>
public sealed class OneVsRestRocAuc : IMetric<MulticlassSample>
{
    /// <summary>Creates the metric; <paramref name="averaging"/> is Macro or Weighted.</summary>
    public OneVsRestRocAuc(ClassAveraging averaging)
    {
        if (averaging == ClassAveraging.Micro) throw new ArgumentException("One-vs-rest AUC is macro or weighted.", nameof(averaging));
        Averaging = averaging;
        Name = "roc_auc_ovr_" + ClassTotals.Suffix(averaging);
    }

    /// <summary>How per-class AUCs are combined.</summary>
    public ClassAveraging Averaging { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Probabilities is null) return MetricValue.Undefined(Binary.RocAuc.NoScores);
        var k = sample.ClassCount;
        var probabilities = sample.Probabilities;
        var labels = sample.Labels;
        var weighted = !weights.IsEmpty;
        double sum = 0, weightSum = 0;
        for (var c = 0; c < k; c++)
        {
            var order = sample.OrderByProbabilityDescending(c);
            double tp = 0, fp = 0, area = 0, groupTp = 0, groupFp = 0;
            var n = order.Length;
            for (var i = 0; i < n; i++)
            {
                var row = order[i];
                var w = weighted ? weights[row] : 1.0;
                if (labels[row] == c) groupTp += w; else groupFp += w;
                if (i + 1 == n || probabilities[order[i + 1] * k + c] != probabilities[row * k + c])
                {
                    area += groupFp * (2 * tp + groupTp);
                    tp += groupTp;
                    fp += groupFp;
                    groupTp = 0;
                    groupFp = 0;
                }
            }
            if (!(tp > 0))
            {
                if (Averaging == ClassAveraging.Macro)
                    return MetricValue.Undefined($"class '{sample.Classes[c]}' absent from labels: its one-vs-rest AUC is undefined");
                continue;
            }
            if (!(fp > 0)) return MetricValue.Undefined(Binary.RocAuc.OneClass);
            var auc = area / (2 * tp * fp);
            var classWeight = Averaging == ClassAveraging.Macro ? 1.0 : tp;
            sum += classWeight * auc;
            weightSum += classWeight;
        }
        return weightSum > 0 ? MetricValue.Of(sum / weightSum) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
