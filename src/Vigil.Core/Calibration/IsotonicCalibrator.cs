using System.Text.Json;

namespace Vigil.Core.Calibration;

/// <summary>
/// Isotonic regression calibration (Zadrozny &amp; Elkan 2002): the non-decreasing step function of the score that
/// minimises the weighted squared error to the labels, found by pool-adjacent-violators (Barlow et al. 1972),
/// matching scikit-learn <c>IsotonicRegression(out_of_bounds="clip")</c>:
/// <list type="number">
/// <item>Rows are sorted by score; rows with equal scores are merged first into one point whose target is
/// their weighted mean label and whose weight is their summed weight (scikit-learn's <c>_make_unique</c>).
/// Rows with weight 0 are dropped.</item>
/// <item>PAV pools adjacent points while the left block's mean is ≥ the right one's.</item>
/// <item>Interior points of flat runs are dropped (they do not change the map); prediction clips the score to
/// [first knot, last knot] and interpolates linearly between knots with scipy <c>interp1d</c>'s formula.</item>
/// </list>
/// Cost: O(n log n) to fit (the sort), O(log k) per prediction for k knots.
/// </summary>
public sealed class IsotonicCalibrator : ICalibrator
{
    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>Creates the map from knots (strictly increasing <paramref name="x"/>, non-decreasing <paramref name="y"/>).</summary>
    public IsotonicCalibrator(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length == 0 || x.Length != y.Length) throw new ArgumentException("Knots must be non-empty and of equal length.");
        for (var i = 1; i < x.Length; i++)
            if (!(x[i] > x[i - 1]) || !(y[i] >= y[i - 1])) throw new ArgumentException("Knots must have increasing x and non-decreasing y.");
        _x = x;
        _y = y;
    }

    /// <summary>Knot scores (scikit-learn <c>X_thresholds_</c>).</summary>
    public IReadOnlyList<double> Thresholds => _x;

    /// <summary>Knot values (scikit-learn <c>y_thresholds_</c>).</summary>
    public IReadOnlyList<double> Values => _y;

    /// <inheritdoc />
    public string Method => "isotonic";

    /// <inheritdoc />
    public CalibrationTask Task => CalibrationTask.Binary;

    /// <inheritdoc />
    public int Width => 1;

    /// <summary>Fits on scores and labels (true = positive) with per-row weights (empty = 1).</summary>
    public static IsotonicCalibrator Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> weights)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length.", nameof(labels));
        var targets = new double[labels.Length];
        for (var i = 0; i < targets.Length; i++) targets[i] = labels[i] ? 1.0 : 0.0;
        return Fit(scores, targets, weights);
    }

    /// <summary>Fits on scores and real-valued targets with per-row weights (empty = 1).</summary>
    public static IsotonicCalibrator Fit(ReadOnlySpan<double> scores, ReadOnlySpan<double> targets, ReadOnlySpan<double> weights)
    {
        if (scores.Length != targets.Length) throw new ArgumentException("scores and targets differ in length.", nameof(targets));
        CalibrationBinning.CheckWeights(scores.Length, weights);
        var n = scores.Length;
        var keys = new double[n];
        var order = new int[n];
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"score at row {i} is not finite.", nameof(scores));
            if (!weights.IsEmpty && weights[i] == 0) continue;
            keys[m] = scores[i];
            order[m++] = i;
        }
        if (m == 0) throw new ArgumentException("No row has a positive weight.", nameof(weights));
        Array.Sort(keys, order, 0, m);

        // Merge ties: weighted mean target, summed weight.
        var ux = new double[m];
        var uy = new double[m];
        var uw = new double[m];
        var u = 0;
        for (var i = 0; i < m;)
        {
            var j = i;
            double sw = 0, swy = 0;
            while (j < m && keys[j] == keys[i])
            {
                var w = weights.IsEmpty ? 1.0 : weights[order[j]];
                sw += w;
                swy += w * targets[order[j]];
                j++;
            }
            ux[u] = keys[i];
            uy[u] = swy / sw;
            uw[u] = sw;
            u++;
            i = j;
        }

        // Pool adjacent violators with a stack of blocks (start index, weight, mean).
        var blockStart = new int[u];
        var blockWeight = new double[u];
        var blockMean = new double[u];
        var blocks = 0;
        for (var i = 0; i < u; i++)
        {
            blockStart[blocks] = i;
            blockWeight[blocks] = uw[i];
            blockMean[blocks] = uy[i];
            blocks++;
            while (blocks > 1 && blockMean[blocks - 2] >= blockMean[blocks - 1])
            {
                var w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockMean[blocks - 2] = (blockWeight[blocks - 2] * blockMean[blocks - 2] + blockWeight[blocks - 1] * blockMean[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blocks--;
            }
        }
        var fitted = new double[u];
        for (var b = 0; b < blocks; b++)
        {
            var end = b + 1 < blocks ? blockStart[b + 1] : u;
            for (var i = blockStart[b]; i < end; i++) fitted[i] = blockMean[b];
        }

        // Drop interior points of flat runs, as scikit-learn does.
        var kx = new List<double>();
        var ky = new List<double>();
        for (var i = 0; i < u; i++)
        {
            if (i == 0 || i == u - 1 || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1])
            {
                kx.Add(ux[i]);
                ky.Add(fitted[i]);
            }
        }
        return new IsotonicCalibrator(kx.ToArray(), ky.ToArray());
    }

    /// <summary>The calibrated value of one score.</summary>
    public double Predict(double score)
    {
        var x = _x;
        if (x.Length == 1) return _y[0];
        var t = Math.Clamp(score, x[0], x[^1]);
        if (double.IsNaN(score)) return double.NaN;
        // scipy interp1d(kind="linear"): hi = searchsorted(x, t) clipped to [1, k−1], lo = hi − 1.
        int lo = 0, hi = x.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (x[mid] < t) lo = mid + 1; else hi = mid;
        }
        var h = Math.Clamp(lo, 1, x.Length - 1);
        var l = h - 1;
        var slope = (_y[h] - _y[l]) / (x[h] - x[l]);
        return slope * (t - x[l]) + _y[l];
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> scores, Span<double> calibrated)
    {
        if (calibrated.Length != scores.Length) throw new ArgumentException("calibrated must have the length of scores.", nameof(calibrated));
        for (var i = 0; i < scores.Length; i++) calibrated[i] = Predict(scores[i]);
    }

    /// <inheritdoc />
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CalibratorJson.WriteDoubles(writer, "thresholds", _x);
        CalibratorJson.WriteDoubles(writer, "values", _y);
    }

    internal static IsotonicCalibrator FromParameters(JsonElement parameters) =>
        new(CalibratorJson.ReadDoubles(parameters, "thresholds"), CalibratorJson.ReadDoubles(parameters, "values"));
}
