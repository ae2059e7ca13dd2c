namespace Vigil.Core.Metrics.Curves;

/// <summary>
/// Cumulative weighted true/false positives at each distinct score, scores descending (scikit-learn's
/// <c>_binary_clf_curve</c>); thresholds whose rows all have weight 0 are skipped.
/// </summary>
internal sealed class ThresholdWalk
{
    private ThresholdWalk(double[] tp, double[] fp, double[] thresholds, int count)
    {
        TruePositives = tp;
        FalsePositives = fp;
        Thresholds = thresholds;
        Count = count;
    }

    public double[] TruePositives { get; }
    public double[] FalsePositives { get; }
    public double[] Thresholds { get; }
    public int Count { get; }

    public static ThresholdWalk Run(BinarySample sample, ReadOnlySpan<double> weights)
    {
        var scores = sample.Scores!;
        var labels = sample.Labels;
        var order = sample.OrderByScoreDescending;
        var n = order.Length;
        var tps = new List<double>();
        var fps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0, fp = 0;
        var any = false;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < n; i++)
        {
            var row = order[i];
            var w = weighted ? weights[row] : 1.0;
            if (w != 0)
            {
                any = true;
                if (labels[row]) tp += w; else fp += w;
            }
            if ((i + 1 == n || scores[order[i + 1]] != scores[row]) && any)
            {
                tps.Add(tp);
                fps.Add(fp);
                thresholds.Add(scores[row]);
                any = false;
            }
        }
        return new ThresholdWalk(tps.ToArray(), fps.ToArray(), thresholds.ToArray(), tps.Count);
    }

    /// <summary>Indices round(j·(n − 1)/(m − 1)) for j = 0..m−1, or null when n ≤ m (nothing to drop).</summary>
    public static int[]? DownsampleIndices(int n, int maxPoints)
    {
        if (maxPoints < 2) throw new ArgumentOutOfRangeException(nameof(maxPoints), "Keep at least 2 points.");
        if (n <= maxPoints) return null;
        var keep = new int[maxPoints];
        for (var j = 0; j < maxPoints; j++) keep[j] = (int)Math.Round((double)j * (n - 1) / (maxPoints - 1));
        return keep;
    }

    public static double[] Pick(double[] values, int[] indices)
    {
        var result = new double[indices.Length];
        for (var i = 0; i < indices.Length; i++) result[i] = values[indices[i]];
        return result;
    }
}
