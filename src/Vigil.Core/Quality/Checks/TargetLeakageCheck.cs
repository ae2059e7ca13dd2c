using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Binary;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>target_leakage</c>: features that predict the label too well on their own, which usually means they were
/// computed from it or recorded after the outcome. A column is a candidate (error) when either rule holds:
/// <list type="number">
/// <item><b>Single-feature ROC AUC</b> ≥ <see cref="DataCheckSettings.LeakageAuc"/> (0.95), taken as
/// max(AUC, 1 − AUC) so both directions count. Numeric and timestamp columns score by their raw value (rows with a
/// missing value are left out). Categorical columns score each row by its category's positive rate estimated
/// <i>out of fold</i> (rows split into <see cref="DataCheckSettings.TargetEncodingFolds"/> interleaved folds by
/// labelled-row index; a row's score is its category's rate in the other folds, or the other folds' overall
/// rate when the category is absent there; missing is a category) — in-sample rates would give an id-like
/// column AUC 1. Binary labels use one AUC (it is symmetric in the positive class); 3–10 classes take the
/// largest one-vs-rest AUC; more classes use the second rule only.</item>
/// <item><b>Mutual-information outlier</b>: the normalised mutual information U = I(X; Y) / H(Y) (Theil's
/// uncertainty coefficient, natural logs, the share of the label's entropy the column explains) is at least
/// <see cref="DataCheckSettings.LeakageMutualInformation"/> (0.5) and at least
/// <see cref="DataCheckSettings.LeakageMutualInformationFactor"/> (5) times the median U over all feature
/// columns. X is binned: numeric columns into <see cref="DataCheckSettings.MutualInformationBins"/> quantile bins
/// (edges at the k/B quantiles, R7, duplicates dropped; bin = number of edges ≤ x), categorical columns keep their
/// <see cref="DataCheckSettings.MutualInformationMaxCategories"/> most frequent categories and pool the rest;
/// missing is its own bin. U = NaN when H(Y) = 0.</item>
/// </list>
/// Numbers: <c>roc_auc</c>, <c>normalized_mutual_information</c>, <c>median_normalized_mutual_information</c>.
/// Cost: O(n log n) per numeric column and class (the AUC sort), O(n) per categorical column.
/// </summary>
public sealed class TargetLeakageCheck : IDataCheck
{
    private const int MaxAucClasses = 10;

    /// <inheritdoc />
    public string Id => "target_leakage";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) =>
        input.Label is null ? "needs --label" : input.Features.Count == 0 ? "no feature columns besides the label" : null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = input.Labels!;
        if (labels.Names.Length < 2) return [];
        var s = input.Settings;
        var m = input.Features.Count;
        var auc = new double[m];
        var mi = new double[m];
        Parallel.For(0, m, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, j =>
        {
            auc[j] = SingleFeatureAuc(input.Features[j], labels, s);
            mi[j] = NormalizedMutualInformation(input.Features[j], labels, s);
        });
        var finite = new List<double>();
        foreach (var u in mi)
            if (!double.IsNaN(u)) finite.Add(u);
        finite.Sort();
        var median = finite.Count == 0 ? double.NaN : finite.Count % 2 == 1 ? finite[finite.Count / 2] : (finite[finite.Count / 2 - 1] + finite[finite.Count / 2]) / 2;
        var findings = new List<CheckFinding>();
        for (var j = 0; j < m; j++)
        {
            var byAuc = auc[j] >= s.LeakageAuc;
            var byMi = mi[j] >= s.LeakageMutualInformation && mi[j] >= s.LeakageMutualInformationFactor * median;
            if (!byAuc && !byMi) continue;
            var name = input.Features[j].Name;
            var why = new List<string>();
            if (byAuc) why.Add($"on its own it separates the classes with ROC AUC {auc[j].ToString("0.####", CultureInfo.InvariantCulture)}");
            if (byMi) why.Add($"it explains {mi[j].ToString("P1", CultureInfo.InvariantCulture)} of the label's entropy (median column {median.ToString("P1", CultureInfo.InvariantCulture)})");
            findings.Add(new CheckFinding(Id, CheckSeverity.Error,
                $"Column '{name}' may leak the target: {string.Join(" and ", why)}.", [name, input.Label!],
                [new("roc_auc", auc[j]), new("normalized_mutual_information", mi[j]), new("median_normalized_mutual_information", median)], []));
        }
        return findings;
    }

    /// <summary>max(AUC, 1 − AUC) of one feature against the label (largest one-vs-rest for 3–10 classes); NaN when undefined.</summary>
    public static double SingleFeatureAuc(Column feature, LabelClasses labels, DataCheckSettings settings)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        var k = labels.Names.Length;
        if (k < 2 || k > MaxAucClasses) return double.NaN;
        var best = double.NaN;
        for (var c = 0; c < (k == 2 ? 1 : k); c++)
        {
            var a = OneVersusRest(feature, labels, c, settings.TargetEncodingFolds);
            if (double.IsNaN(a)) continue;
            a = Math.Max(a, 1 - a);
            if (double.IsNaN(best) || a > best) best = a;
        }
        return best;
    }

    private static double OneVersusRest(Column feature, LabelClasses labels, int positiveClass, int folds)
    {
        var classOf = labels.ClassOf;
        var n = classOf.Length;
        double[] scores;
        bool[] positive;
        if (feature is CategoricalColumn cat)
            (scores, positive) = OutOfFoldRates(cat, classOf, positiveClass, folds);
        else
        {
            var used = 0;
            var s = new double[n];
            var p = new bool[n];
            for (var i = 0; i < n; i++)
            {
                if (classOf[i] < 0) continue;
                var x = feature switch
                {
                    NumericColumn num => num.Values[i],
                    TimestampColumn ts => ts.Ticks[i] == TimestampColumn.Missing ? double.NaN : ts.Ticks[i],
                    _ => double.NaN,
                };
                if (double.IsNaN(x)) continue;
                s[used] = x;
                p[used++] = classOf[i] == positiveClass;
            }
            scores = s[..used];
            positive = p[..used];
        }
        if (scores.Length < 2) return double.NaN;
        var value = new RocAuc().Compute(new BinarySample(positive, scores), default);
        return value.Value;
    }

    /// <summary>The out-of-fold category positive rate of every labelled row (see the type's documentation).</summary>
    internal static (double[] Scores, bool[] Positive) OutOfFoldRates(CategoricalColumn cat, int[] classOf, int positiveClass, int folds)
    {
        var n = classOf.Length;
        var categories = cat.Categories.Length + 1; // last = missing
        var count = new int[folds, categories];
        var pos = new int[folds, categories];
        var foldCount = new int[folds];
        var foldPos = new int[folds];
        var totalCount = new int[categories];
        var totalPos = new int[categories];
        int all = 0, allPos = 0, used = 0;
        for (var i = 0; i < n; i++)
        {
            if (classOf[i] < 0) continue;
            var f = used++ % folds;
            var k = cat.Codes[i] < 0 ? categories - 1 : cat.Codes[i];
            var y = classOf[i] == positiveClass ? 1 : 0;
            count[f, k]++; pos[f, k] += y; foldCount[f]++; foldPos[f] += y;
            totalCount[k]++; totalPos[k] += y; all++; allPos += y;
        }
        var scores = new double[used];
        var positive = new bool[used];
        var r = 0;
        for (var i = 0; i < n; i++)
        {
            if (classOf[i] < 0) continue;
            var f = r % folds;
            var k = cat.Codes[i] < 0 ? categories - 1 : cat.Codes[i];
            var c = totalCount[k] - count[f, k];
            var otherRows = all - foldCount[f];
            scores[r] = c > 0 ? (double)(totalPos[k] - pos[f, k]) / c
                : otherRows > 0 ? (double)(allPos - foldPos[f]) / otherRows : 0.5;
            positive[r] = classOf[i] == positiveClass;
            r++;
        }
        return (scores, positive);
    }

    /// <summary>U = I(X; Y) / H(Y) of one binned feature against the label; NaN when H(Y) = 0 or no row is labelled.</summary>
    public static double NormalizedMutualInformation(Column feature, LabelClasses labels, DataCheckSettings settings)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        var (bins, binCount) = Bin(feature, settings);
        var k = labels.Names.Length;
        var joint = new long[binCount * k];
        var bx = new long[binCount];
        var by = new long[k];
        long total = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            var y = labels.ClassOf[i];
            if (y < 0) continue;
            joint[bins[i] * k + y]++;
            bx[bins[i]]++;
            by[y]++;
            total++;
        }
        if (total == 0) return double.NaN;
        double hy = 0;
        foreach (var c in by)
            if (c > 0) hy -= (double)c / total * Math.Log((double)c / total);
        if (!(hy > 0)) return double.NaN;
        double info = 0;
        for (var b = 0; b < binCount; b++)
            for (var y = 0; y < k; y++)
            {
                var c = joint[b * k + y];
                if (c == 0) continue;
                info += (double)c / total * Math.Log((double)c * total / ((double)bx[b] * by[y]));
            }
        return Math.Max(0, info) / hy;
    }

    /// <summary>The bin of every row and the number of bins (see the type's documentation).</summary>
    internal static (int[] Bins, int Count) Bin(Column feature, DataCheckSettings settings)
    {
        var n = feature.Length;
        var bins = new int[n];
        if (feature is CategoricalColumn cat)
        {
            var counts = new int[cat.Categories.Length];
            foreach (var c in cat.Codes)
                if (c >= 0) counts[c]++;
            var order = new int[counts.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) => counts[b] != counts[a] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
            var keep = Math.Min(settings.MutualInformationMaxCategories, order.Length);
            var map = new int[counts.Length];
            Array.Fill(map, keep); // pooled "other"
            for (var r = 0; r < keep; r++) map[order[r]] = r;
            var missingBin = keep + 1;
            for (var i = 0; i < n; i++) bins[i] = cat.Codes[i] < 0 ? missingBin : map[cat.Codes[i]];
            return (bins, keep + 2);
        }
        var values = new double[n];
        for (var i = 0; i < n; i++)
            values[i] = feature switch
            {
                NumericColumn num => num.Values[i],
                TimestampColumn ts => ts.Ticks[i] == TimestampColumn.Missing ? double.NaN : ts.Ticks[i],
                _ => double.NaN,
            };
        var sorted = new double[n];
        var present = 0;
        foreach (var v in values)
            if (!double.IsNaN(v)) sorted[present++] = v;
        var span = sorted.AsSpan(0, present);
        span.Sort();
        var edges = new List<double>();
        if (present > 0)
            for (var b = 1; b < settings.MutualInformationBins; b++)
            {
                var e = Statistics.Bootstrap.Quantile(span, (double)b / settings.MutualInformationBins);
                if (edges.Count == 0 || e > edges[^1]) edges.Add(e);
            }
        var edgeArray = edges.ToArray();
        var missing = edgeArray.Length + 1;
        for (var i = 0; i < n; i++)
        {
            var x = values[i];
            if (double.IsNaN(x)) { bins[i] = missing; continue; }
            // number of edges ≤ x (numpy searchsorted side="right")
            int lo = 0, hi = edgeArray.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (edgeArray[mid] <= x) lo = mid + 1; else hi = mid;
            }
            bins[i] = lo;
        }
        return (bins, edgeArray.Length + 2);
    }
}
