using System.Globalization;
using Vigil.Core.Metrics;
using Vigil.Core.Statistics;

namespace Vigil.Core.Fairness;

/// <summary>
/// Group fairness of binary predictions (<see cref="BinarySample.Predictions"/>, i.e. at the threshold) across
/// sensitive groups, with the definitions of Fairlearn's <c>fairlearn.metrics</c> (method "between_groups",
/// <c>agg="worst_case"</c>; Fairlearn user guide, "Common fairness metrics"):
/// <list type="bullet">
/// <item><c>demographic_parity_difference</c> = max_g SR_g − min_g SR_g, SR = selection rate P(ŷ=1 | A=g)
/// (Fairlearn <c>demographic_parity_difference</c>); 0 = parity.</item>
/// <item><c>demographic_parity_ratio</c> = min_g SR_g / max_g SR_g (Fairlearn <c>demographic_parity_ratio</c>); 1 = parity.</item>
/// <item><c>equalized_odds_difference</c> = max(max_g TPR_g − min_g TPR_g, max_g FPR_g − min_g FPR_g)
/// (Fairlearn <c>equalized_odds_difference</c>, default <c>agg="worst_case"</c>; Hardt, Price &amp; Srebro, NeurIPS 2016).</item>
/// <item><c>equalized_odds_ratio</c> = min(min TPR / max TPR, min FPR / max FPR) (Fairlearn <c>equalized_odds_ratio</c>).</item>
/// <item><c>equal_opportunity_difference</c> = max_g TPR_g − min_g TPR_g (Fairlearn <c>equal_opportunity_difference</c>).</item>
/// </list>
/// Unlike Fairlearn, groups with fewer than <see cref="FairnessOptions.MinimumGroupCount"/> rows, or with no
/// positive or no negative labels, are flagged <c>insufficient_data</c> and left out of all five aggregates (Fairlearn
/// would use them, or return NaN). An aggregate is undefined (NaN with a reason) when fewer than two groups remain;
/// a ratio is undefined when its largest rate is 0 (0/0), and <c>equalized_odds_ratio</c> when either of its ratios is.
/// Rows whose sensitive value is missing are left out.
/// <para>Intervals: percentile bootstrap over rows (not stratified by group). Replicate i draws m rows with
/// replacement (m = rows with a group) from <see cref="SeededRandom"/>(seed, i) — the same draws as
/// <see cref="Bootstrap.Replicate{TSample}"/> — and recomputes every aggregate over the same compared groups;
/// a replicate in which a compared group's rate has a zero denominator leaves that aggregate undefined and out of
/// the interval. Results do not depend on the number of cores.</para>
/// <para>Cost: O(n) to count, O(R·m) for R replicates, memory O(m + groups).</para>
/// </summary>
public static class FairnessAssessment
{
    /// <summary>JSON id of max − min selection rate.</summary>
    public const string DemographicParityDifferenceName = "demographic_parity_difference";

    /// <summary>JSON id of min / max selection rate.</summary>
    public const string DemographicParityRatioName = "demographic_parity_ratio";

    /// <summary>JSON id of max(TPR difference, FPR difference).</summary>
    public const string EqualizedOddsDifferenceName = "equalized_odds_difference";

    /// <summary>JSON id of min(TPR ratio, FPR ratio).</summary>
    public const string EqualizedOddsRatioName = "equalized_odds_ratio";

    /// <summary>JSON id of max − min TPR.</summary>
    public const string EqualOpportunityDifferenceName = "equal_opportunity_difference";

    private const int Dpd = 0, Dpr = 1, Eod = 2, Eor = 3, Eop = 4, AggregateCount = 5;

    // Cell of a row within its group's four counters: 2·label + prediction → TN, FP, FN, TP.
    private const int TrueNegative = 0, FalsePositive = 1, FalseNegative = 2, TruePositive = 3;

    /// <summary>
    /// Assesses <paramref name="sample"/>'s predictions across <paramref name="groups"/> (one entry per sample row).
    /// Throws <see cref="ArgumentException"/> when the lengths differ or the options are invalid.
    /// </summary>
    public static FairnessResult Evaluate(BinarySample sample, SensitiveGroups groups, FairnessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(groups);
        options ??= new FairnessOptions();
        options.Validate();
        if (sample.Count != groups.RowCount)
            throw new ArgumentException($"The sample has {sample.Count} rows but the group assignment {groups.RowCount}.", nameof(groups));

        var groupCount = groups.GroupNames.Count;
        var cellOf = new int[sample.Count - groups.RowsWithoutGroup];
        var counts = new long[groupCount * 4];
        var labels = sample.Labels;
        var predictions = sample.Predictions;
        var groupOf = groups.GroupOf;
        for (int i = 0, k = 0; i < groupOf.Length; i++)
        {
            if (groupOf[i] < 0) continue;
            var cell = groupOf[i] * 4 + (labels[i] ? 2 : 0) + (predictions[i] ? 1 : 0);
            cellOf[k++] = cell;
            counts[cell]++;
        }

        var rows = new GroupFairness[groupCount];
        var compared = new List<int>(groupCount);
        var excluded = new List<string>();
        for (var g = 0; g < groupCount; g++)
        {
            rows[g] = Describe(groups.GroupNames[g], counts.AsSpan(g * 4, 4), options.MinimumGroupCount);
            if (rows[g].InsufficientData) excluded.Add(rows[g].Group);
            else compared.Add(g);
        }
        var comparedGroups = compared.ToArray();

        Span<double> estimate = stackalloc double[AggregateCount];
        Compute(counts, comparedGroups, estimate);
        var replicates = options.BootstrapReplicates > 0 && comparedGroups.Length >= 2
            ? Replicate(cellOf, groupCount, comparedGroups, options.BootstrapReplicates, options.Seed)
            : null;

        var aggregates = new FairnessAggregate[AggregateCount];
        string[] names = [DemographicParityDifferenceName, DemographicParityRatioName, EqualizedOddsDifferenceName, EqualizedOddsRatioName, EqualOpportunityDifferenceName];
        for (var a = 0; a < AggregateCount; a++)
        {
            var value = double.IsNaN(estimate[a])
                ? MetricValue.Undefined(UndefinedReason(a, comparedGroups.Length, excluded.Count))
                : MetricValue.Of(estimate[a]);
            var interval = replicates is null
                ? ConfidenceInterval.Unavailable("percentile", options.ConfidenceLevel,
                    options.BootstrapReplicates == 0 ? "bootstrap disabled (0 replicates)" : value.Reason ?? "the aggregate is undefined")
                : Bootstrap.Interval(estimate[a], replicates[a], options.ConfidenceLevel, BootstrapMethod.Percentile);
            aggregates[a] = new FairnessAggregate(names[a], value, interval, a is Dpr or Eor);
        }

        return new FairnessResult(groups.SensitiveColumns, groups.Binnings, rows, excluded, groups.RowsWithoutGroup,
            options.MinimumGroupCount, aggregates[Dpd], aggregates[Dpr], aggregates[Eod], aggregates[Eor], aggregates[Eop],
            FourFifths(rows, comparedGroups, aggregates[Dpr].Value, options.FourFifthsThreshold), options.BootstrapReplicates);
    }

    private static GroupFairness Describe(string name, ReadOnlySpan<long> c, int minimum)
    {
        var tp = (int)c[TruePositive];
        var fp = (int)c[FalsePositive];
        var positives = tp + (int)c[FalseNegative];
        var negatives = fp + (int)c[TrueNegative];
        var count = positives + negatives;
        var predicted = tp + fp;
        if (count < minimum)
        {
            var why = string.Create(CultureInfo.InvariantCulture, $"fewer than {minimum} rows ({count})");
            var u = MetricValue.Undefined(why);
            return new GroupFairness(name, count, positives, negatives, predicted, tp, fp, u, u, u, u, true, why);
        }
        var reasons = new List<string>(3);
        var tpr = positives == 0 ? Undefined("no positive labels: TPR undefined", reasons) : MetricValue.Of((double)tp / positives);
        var fpr = negatives == 0 ? Undefined("no negative labels: FPR undefined", reasons) : MetricValue.Of((double)fp / negatives);
        var precision = predicted == 0 ? Undefined("no positive predictions: precision undefined", reasons) : MetricValue.Of((double)tp / predicted);
        return new GroupFairness(name, count, positives, negatives, predicted, tp, fp, MetricValue.Of((double)predicted / count),
            tpr, fpr, precision, positives == 0 || negatives == 0, reasons.Count == 0 ? null : string.Join("; ", reasons));
    }

    private static MetricValue Undefined(string reason, List<string> reasons)
    {
        reasons.Add(reason);
        return MetricValue.Undefined(reason);
    }

    /// <summary>The five aggregates over <paramref name="compared"/> groups from per-group cell counts; NaN where undefined.</summary>
    private static void Compute(ReadOnlySpan<long> counts, ReadOnlySpan<int> compared, Span<double> result)
    {
        result.Fill(double.NaN);
        if (compared.Length < 2) return;
        double minS = double.PositiveInfinity, maxS = double.NegativeInfinity;
        double minT = double.PositiveInfinity, maxT = double.NegativeInfinity;
        double minF = double.PositiveInfinity, maxF = double.NegativeInfinity;
        bool selection = true, tprDefined = true, fprDefined = true;
        foreach (var g in compared)
        {
            var c = counts.Slice(g * 4, 4);
            var positives = c[TruePositive] + c[FalseNegative];
            var negatives = c[FalsePositive] + c[TrueNegative];
            if (positives + negatives == 0) { selection = tprDefined = fprDefined = false; break; }
            var s = (double)(c[TruePositive] + c[FalsePositive]) / (positives + negatives);
            minS = Math.Min(minS, s);
            maxS = Math.Max(maxS, s);
            if (positives == 0) tprDefined = false;
            else
            {
                var t = (double)c[TruePositive] / positives;
                minT = Math.Min(minT, t);
                maxT = Math.Max(maxT, t);
            }
            if (negatives == 0) fprDefined = false;
            else
            {
                var f = (double)c[FalsePositive] / negatives;
                minF = Math.Min(minF, f);
                maxF = Math.Max(maxF, f);
            }
        }
        if (selection)
        {
            result[Dpd] = maxS - minS;
            result[Dpr] = maxS > 0 ? minS / maxS : double.NaN;
        }
        if (tprDefined) result[Eop] = maxT - minT;
        if (tprDefined && fprDefined)
        {
            result[Eod] = Math.Max(maxT - minT, maxF - minF);
            result[Eor] = maxT > 0 && maxF > 0 ? Math.Min(minT / maxT, minF / maxF) : double.NaN;
        }
    }

    private static double[][] Replicate(int[] cellOf, int groupCount, int[] compared, int replicates, long seed)
    {
        var values = new double[AggregateCount][];
        for (var a = 0; a < AggregateCount; a++) values[a] = new double[replicates];
        var m = cellOf.Length;
        Parallel.For(0, replicates, () => new long[groupCount * 4], (i, _, counts) =>
        {
            Array.Clear(counts);
            var rng = new SeededRandom(seed, i);
            for (var k = 0; k < m; k++) counts[cellOf[rng.NextInt(m)]]++;
            Span<double> v = stackalloc double[AggregateCount];
            Compute(counts, compared, v);
            for (var a = 0; a < AggregateCount; a++) values[a][i] = v[a];
            return counts;
        }, _ => { });
        return values;
    }

    private static string UndefinedReason(int aggregate, int compared, int excluded)
    {
        if (compared < 2)
            return string.Create(CultureInfo.InvariantCulture,
                $"fewer than two groups with sufficient data ({compared} compared, {excluded} flagged insufficient_data)");
        return aggregate switch
        {
            Dpr => "every compared group has selection rate 0 (ratio 0/0)",
            Eor => "every compared group has TPR 0 or every one has FPR 0 (ratio 0/0)",
            _ => "undefined on the compared groups",
        };
    }

    private static FourFifthsRule FourFifths(GroupFairness[] rows, int[] compared, MetricValue ratio, double threshold)
    {
        string? lowest = null, highest = null;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        if (compared.Length >= 2)
            foreach (var g in compared)
            {
                var s = rows[g].SelectionRate.Value;
                if (s < low) { low = s; lowest = rows[g].Group; }
                if (s > high) { high = s; highest = rows[g].Group; }
            }
        return ratio.IsDefined
            ? new FourFifthsRule(ratio.Value >= threshold, ratio.Value, lowest, highest, threshold, null)
            : new FourFifthsRule(null, double.NaN, lowest, highest, threshold, ratio.Reason);
    }
}
