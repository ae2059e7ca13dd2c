namespace Vigil.Core.Calibration;

/// <summary>
/// Assigns scores in [0, 1] to calibration bins and accumulates per-bin statistics.
/// <para><b>Bin-edge rule</b> (both strategies): with edges e0 &lt; e1 &lt; … &lt; eB, bin b is (e_b, e_{b+1}],
/// except that the first bin also holds e0 (so it is [e0, e1]); a score below e0 goes to the first bin and
/// above eB to the last. This is exactly scikit-learn's <c>np.searchsorted(edges[1:-1], p)</c> (side left) in
/// <c>calibration_curve</c>. Equal-width edges are e_b = b·(1/B) with e_B = 1, as <c>np.linspace(0, 1, B + 1)</c>.
/// Equal-mass edges are the weighted quantiles at b/B with numpy's default linear interpolation (R7), where a
/// weight is read as a repeat count, so integer bootstrap weights give the edges of the resampled data.
/// Duplicate quantile edges leave empty bins (they are reported with count 0).</para>
/// <para>Cost: O(n log B) to assign (O(n log n) for equal-mass edges, which sort).</para>
/// </summary>
public static class CalibrationBinning
{
    /// <summary>Equal-width edges e_b = b·(1/B), last edge exactly 1.</summary>
    public static double[] EqualWidthEdges(int bins)
    {
        if (bins < 1) throw new ArgumentException("bins must be at least 1.", nameof(bins));
        var edges = new double[bins + 1];
        var step = 1.0 / bins;
        for (var b = 0; b < bins; b++) edges[b] = b * step;
        edges[bins] = 1.0;
        return edges;
    }

    /// <summary>
    /// Equal-mass edges: the weighted quantiles of <paramref name="scores"/> at b/B (numpy linear rule, weights
    /// as repeat counts; rows with weight 0 are ignored). Empty <paramref name="weights"/> means every weight is 1.
    /// </summary>
    public static double[] EqualMassEdges(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, int bins)
    {
        if (bins < 1) throw new ArgumentException("bins must be at least 1.", nameof(bins));
        CheckWeights(scores.Length, weights);
        var n = scores.Length;
        var keys = new double[n];
        var w = new double[n];
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            var wi = weights.IsEmpty ? 1.0 : weights[i];
            if (wi <= 0) continue;
            keys[m] = scores[i];
            w[m++] = wi;
        }
        if (m == 0) throw new ArgumentException("No row has a positive weight.", nameof(weights));
        Array.Sort(keys, w, 0, m);
        var cumulative = new double[m];
        var total = 0.0;
        for (var i = 0; i < m; i++) { total += w[i]; cumulative[i] = total; }
        var edges = new double[bins + 1];
        for (var b = 0; b <= bins; b++)
        {
            // numpy: np.percentile(p, np.linspace(0, 1, B + 1) * 100) divides by 100 again; mirror the rounding.
            var q = b == bins ? 1.0 : b * (1.0 / bins) * 100.0 / 100.0;
            edges[b] = WeightedQuantileR7(keys, cumulative, m, total, q);
        }
        return edges;
    }

    // Position h = (W − 1)·q in the expanded (repeated) order; the value at expanded index j is the key whose
    // cumulative range [C_{i−1}, C_i) holds j. Linear interpolation between expanded neighbours, as numpy does.
    private static double WeightedQuantileR7(double[] keys, double[] cumulative, int m, double total, double q)
    {
        var h = (total - 1) * q;
        if (h <= 0) return keys[0];
        var lowIndex = Math.Floor(h);
        var fraction = h - lowIndex;
        var low = ValueAtExpanded(keys, cumulative, m, lowIndex);
        if (fraction == 0) return low;
        var high = ValueAtExpanded(keys, cumulative, m, lowIndex + 1);
        // numpy's _lerp: a + (b − a)·t, evaluated from the other end when t ≥ 0.5.
        var diff = high - low;
        return fraction >= 0.5 ? high - diff * (1 - fraction) : low + diff * fraction;
    }

    private static double ValueAtExpanded(double[] keys, double[] cumulative, int m, double j)
    {
        int lo = 0, hi = m - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > j) hi = mid; else lo = mid + 1;
        }
        return keys[lo];
    }

    /// <summary>The bin of <paramref name="score"/> under the edge rule of this class.</summary>
    public static int BinOf(double score, ReadOnlySpan<double> edges)
    {
        // count of inner edges strictly below score = np.searchsorted(edges[1:-1], score, side="left")
        int lo = 1, hi = edges.Length - 1; // search inner edges edges[1..B-1]
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] < score) lo = mid + 1; else hi = mid;
        }
        return lo - 1;
    }

    /// <summary>
    /// Accumulates the bins: per bin the summed weight, weighted mean confidence and weighted outcome share.
    /// <paramref name="outcomes"/> are 1 for a positive (or correct) row, 0 otherwise.
    /// </summary>
    public static CalibrationBin[] Accumulate(ReadOnlySpan<double> confidences, ReadOnlySpan<double> outcomes, ReadOnlySpan<double> weights, ReadOnlySpan<double> edges)
    {
        if (confidences.Length != outcomes.Length) throw new ArgumentException("confidences and outcomes differ in length.", nameof(outcomes));
        CheckWeights(confidences.Length, weights);
        var bins = edges.Length - 1;
        if (bins < 1) throw new ArgumentException("Need at least two edges.", nameof(edges));
        var count = new double[bins];
        var sumConfidence = new double[bins];
        var sumOutcome = new double[bins];
        for (var i = 0; i < confidences.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (w == 0) continue;
            var b = BinOf(confidences[i], edges);
            count[b] += w;
            sumConfidence[b] += w * confidences[i];
            sumOutcome[b] += w * outcomes[i];
        }
        var result = new CalibrationBin[bins];
        for (var b = 0; b < bins; b++)
        {
            var c = count[b];
            result[b] = new CalibrationBin(edges[b], edges[b + 1], c,
                c > 0 ? sumConfidence[b] / c : double.NaN,
                c > 0 ? sumOutcome[b] / c : double.NaN);
        }
        return result;
    }

    internal static void CheckWeights(int n, ReadOnlySpan<double> weights)
    {
        if (!weights.IsEmpty && weights.Length != n)
            throw new ArgumentException("weights must be empty or one per row.", nameof(weights));
        foreach (var w in weights)
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException("weights must be finite and non-negative.", nameof(weights));
    }
}
