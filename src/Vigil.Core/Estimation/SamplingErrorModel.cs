namespace Vigil.Core.Estimation;

/// <summary>
/// Standard error of a binary metric on a chunk of n rows, from components measured once on the labelled
/// reference data — NannyML's "adapted standard error of the mean" (nannyml/sampling_error/binary_classification.py):
/// SE = σ / √(n·f), where σ is the (population, ddof = 0) standard deviation of the per-row contributions to the
/// metric over the rows that enter its denominator and f is the share of such rows:
/// <list type="bullet">
/// <item>accuracy: σ of 1[ŷ = y] over all rows, f = 1;</item>
/// <item>precision: σ of 1[y] over predicted positives, f = their share; recall: σ of 1[ŷ] over actual positives;
/// specificity: σ of 1[¬ŷ] over actual negatives;</item>
/// <item>f1: rows in TP ∪ FP ∪ FN valued 1 (TP) or 0, times c = |TP∪FP∪FN| / (TP + (FP + FN)/2), f = their share;</item>
/// <item>roc_auc: the Mann–Whitney view — for each positive (of the minority class, as NannyML flips when positives
/// exceed half), the share of negatives scored below it (ties count one half: Vigil uses mid-ranks where NannyML's
/// arg-sort breaks ties arbitrarily); f = the positive share;</item>
/// <item>average_precision: no closed form; as NannyML, the σ of AP over 50 bootstrap resamples of size
/// m = min(N/2, 50 000) of the reference, scaled as SE = σ·√(m / n). The resamples are seeded.</item>
/// </list>
/// The band reported is estimate ± 3·SE, clipped to [0, 1]. NaN when a component is undefined.
/// </summary>
public sealed class SamplingErrorModel
{
    private readonly Dictionary<string, (double Sigma, double Fraction)> _components = new(StringComparer.Ordinal);

    private SamplingErrorModel() { }

    /// <summary>Measures the components on labelled reference data.</summary>
    public static SamplingErrorModel Fit(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions, ReadOnlySpan<double> scores, int seed)
    {
        var n = labels.Length;
        var model = new SamplingErrorModel();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < n; i++)
        {
            if (predictions[i]) { if (labels[i]) tp++; else fp++; }
            else { if (labels[i]) fn++; else tn++; }
        }
        model._components[EstimationMetricNames.Accuracy] = (BernoulliSigma(tp + tn, n), 1.0);
        model._components[EstimationMetricNames.Precision] = (BernoulliSigma(tp, tp + fp), (double)(tp + fp) / n);
        model._components[EstimationMetricNames.Recall] = (BernoulliSigma(tp, tp + fn), (double)(tp + fn) / n);
        model._components[EstimationMetricNames.Specificity] = (BernoulliSigma(tn, tn + fp), (double)(tn + fp) / n);
        var relevant = tp + fp + fn;
        var correction = relevant / (tp + 0.5 * (fp + fn));
        model._components[EstimationMetricNames.F1] = (BernoulliSigma(tp, relevant) * correction, (double)relevant / n);
        model._components[EstimationMetricNames.RocAuc] = RocAucComponents(labels, scores);

        var m = Math.Min(n / 2, 50_000);
        var rng = new Random(seed);
        var sampleLabels = new bool[m];
        var sampleScores = new double[m];
        var values = new List<double>(50);
        for (var e = 0; e < 50 && m > 0; e++)
        {
            for (var k = 0; k < m; k++)
            {
                var r = rng.Next(n);
                sampleLabels[k] = labels[r];
                sampleScores[k] = scores[r];
            }
            var ap = BinaryChunkMetrics.AveragePrecision(sampleScores, sampleLabels);
            if (!double.IsNaN(ap)) values.Add(ap);
        }
        model._components[EstimationMetricNames.AveragePrecision] = (values.Count > 1 ? PopulationStd(values) : double.NaN, m);
        return model;
    }

    /// <summary>The standard error of <paramref name="metric"/> on a chunk of <paramref name="rows"/> rows.</summary>
    public double StandardError(string metric, int rows)
    {
        if (!_components.TryGetValue(metric, out var c)) throw new ArgumentException($"Unknown metric \"{metric}\".", nameof(metric));
        if (rows <= 0) return double.NaN;
        return metric == EstimationMetricNames.AveragePrecision
            ? c.Sigma * Math.Sqrt(c.Fraction / rows)
            : c.Sigma / Math.Sqrt(rows * c.Fraction);
    }

    private static double BernoulliSigma(int ones, int total)
    {
        if (total <= 0) return double.NaN;
        var p = (double)ones / total;
        return Math.Sqrt(p * (1 - p));
    }

    private static (double, double) RocAucComponents(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var n = labels.Length;
        var positiveCount = 0;
        foreach (var l in labels) if (l) positiveCount++;
        var flip = positiveCount * 2 > n;
        var keys = new double[n];
        var idx = new int[n];
        for (var i = 0; i < n; i++) { keys[i] = flip ? 1 - scores[i] : scores[i]; idx[i] = i; }
        Array.Sort(keys, idx);
        var minority = flip ? n - positiveCount : positiveCount;
        var majority = n - minority;
        if (minority == 0 || majority == 0) return (double.NaN, 0);
        var shares = new List<double>(minority);
        var negativesBelow = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            var tiedNegatives = 0;
            for (var k = i; k < n && keys[k] == keys[i]; k++, j++)
                if (labels[idx[k]] == flip) tiedNegatives++;
            for (var k = i; k < j; k++)
                if (labels[idx[k]] != flip) shares.Add((negativesBelow + 0.5 * tiedNegatives) / majority);
            negativesBelow += tiedNegatives;
            i = j;
        }
        return (PopulationStd(shares), (double)minority / n);
    }

    private static double PopulationStd(List<double> values)
    {
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= values.Count;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / values.Count);
    }
}
