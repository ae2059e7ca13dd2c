using Vigil.Core.Metrics;
using Vigil.Core.Statistics;

namespace Vigil.Core.Comparison;

/// <summary>
/// Compares a candidate binary classifier with a baseline on the same labelled rows — the logic behind <c>vigil compare</c>
/// and the registry's promotion gate. Per metric it picks the test:
/// <list type="bullet">
/// <item><c>roc_auc</c>: DeLong's paired test and interval (<see cref="DeLong.Compare"/>, DeLong et al. 1988);</item>
/// <item><c>accuracy</c>: McNemar's test at the threshold (<see cref="McNemar"/>) with the paired Wald interval;</item>
/// <item>every other binary metric: the paired bootstrap (<see cref="PairedBootstrap"/>), percentile interval.</item>
/// </list>
/// Differences are candidate − baseline. Decision: p &lt; α (= 1 − level) with the difference on the metric's good side →
/// <see cref="ComparisonDecision.Better"/>, on its bad side → <see cref="ComparisonDecision.Worse"/>; otherwise (or when
/// undefined) <see cref="ComparisonDecision.NoSignificantDifference"/>. Cost: O(n log n) for DeLong, O(B·n) per bootstrapped metric.
/// </summary>
public static class ModelComparer
{
    /// <summary>Compares the two samples (same labels, row for row) and judges <paramref name="gate"/> when given.</summary>
    /// <param name="baseline">The baseline's predictions.</param>
    /// <param name="candidate">The candidate's predictions on the same rows.</param>
    /// <param name="settings">Metrics, bootstrap and level.</param>
    /// <param name="gate">The promotion gate, or null.</param>
    /// <param name="progress">Receives (done, total) bootstrap replicates.</param>
    public static ComparisonResult Compare(BinarySample baseline, BinarySample candidate, ComparisonSettings settings, PromotionGate? gate = null,
        Action<int, int>? progress = null) => Compare(baseline, candidate, settings, gate, progress, null);

    /// <summary>Compares prepared paired data (its summary and positive label are carried into the result).</summary>
    public static ComparisonResult Compare(PairedData data, ComparisonSettings settings, PromotionGate? gate = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Compare(data.Baseline, data.Candidate, settings, gate, progress, data);
    }

    private static ComparisonResult Compare(BinarySample baseline, BinarySample candidate, ComparisonSettings settings, PromotionGate? gate,
        Action<int, int>? progress, PairedData? data)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(settings);
        if (baseline.Count != candidate.Count) throw new ArgumentException("baseline and candidate must cover the same rows.", nameof(candidate));
        for (var i = 0; i < baseline.Count; i++)
            if (baseline.Labels[i] != candidate.Labels[i]) throw new ArgumentException($"baseline and candidate labels differ at row {i}.", nameof(candidate));
        if (!(settings.CiLevel > 0 && settings.CiLevel < 1)) throw new ArgumentException("CiLevel must lie in (0, 1).", nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegative(settings.BootstrapReplicates);

        var names = new List<string>(settings.Metrics);
        if (gate is not null)
            foreach (var m in gate.Metrics) if (!names.Contains(m)) names.Add(m);
        var metrics = new IMetric<BinarySample>[names.Count];
        for (var k = 0; k < names.Count; k++)
            metrics[k] = MetricCatalog.FindBinary(names[k]) ?? throw new ArgumentException($"unknown binary metric '{names[k]}'.", nameof(settings));

        var bootstrapped = new List<IMetric<BinarySample>>();
        foreach (var m in metrics)
            if (m.Name is not ("roc_auc" or "accuracy")) bootstrapped.Add(m);
        double[][] differences = [];
        if (bootstrapped.Count > 0 && settings.BootstrapReplicates > 0 && baseline.Count > 0)
            differences = PairedBootstrap.Differences(baseline, candidate, baseline.Count, bootstrapped, settings.BootstrapReplicates, settings.Seed,
                progress is null ? null : d => progress(d, settings.BootstrapReplicates));

        McNemarResult? mcnemar = null;
        var results = new List<MetricComparison>(metrics.Length);
        foreach (var m in metrics)
        {
            var b = m.Compute(baseline, default);
            var c = m.Compute(candidate, default);
            var reason = b.Reason is not null ? $"baseline: {b.Reason}" : c.Reason is not null ? $"candidate: {c.Reason}" : null;
            var diff = c.Value - b.Value;
            MetricComparison r;
            if (m.Name == "roc_auc")
                r = CompareAuc(m, baseline, candidate, settings, b.Value, c.Value, reason);
            else if (m.Name == "accuracy")
            {
                mcnemar = McNemar.Compare(baseline.Labels, baseline.Predictions, candidate.Predictions, settings.CiLevel);
                r = new MetricComparison(m.Name, m.HigherIsBetter, b.Value, c.Value, diff, mcnemar.Low, mcnemar.High, settings.CiLevel, "wald_paired",
                    mcnemar.PValue, mcnemar.Test, default, reason);
            }
            else
            {
                var index = bootstrapped.IndexOf(m);
                if (reason is not null || differences.Length == 0)
                    r = new MetricComparison(m.Name, m.HigherIsBetter, b.Value, c.Value, diff, double.NaN, double.NaN, settings.CiLevel, "percentile",
                        double.NaN, "paired_bootstrap", default, reason ?? "bootstrap off (0 replicates)");
                else
                {
                    var ci = Bootstrap.Interval(diff, differences[index], settings.CiLevel, BootstrapMethod.Percentile);
                    r = new MetricComparison(m.Name, m.HigherIsBetter, b.Value, c.Value, diff, ci.Low, ci.High, settings.CiLevel, "percentile",
                        PairedBootstrap.PValue(differences[index]), "paired_bootstrap", default, ci.Reason);
                }
            }
            results.Add(r with { Decision = Decide(r, settings.Alpha) });
        }

        var positives = 0;
        foreach (var l in baseline.Labels) if (l) positives++;
        var warnings = new List<string>();
        if (baseline.Scores is not null && !baseline.ScoresAreProbabilities) warnings.Add("baseline scores fall outside [0, 1]: log_loss and brier are undefined for it");
        if (candidate.Scores is not null && !candidate.ScoresAreProbabilities) warnings.Add("candidate scores fall outside [0, 1]: log_loss and brier are undefined for it");
        return new ComparisonResult
        {
            Settings = settings,
            Data = data?.Summary ?? new ComparisonDataSummary("baseline", "candidate", baseline.Count, baseline.Count, new Dictionary<string, int>()),
            PositiveLabel = data?.PositiveLabel ?? "true",
            Threshold = baseline.Threshold,
            Positives = positives,
            Metrics = results,
            McNemar = mcnemar,
            Gate = (gate ?? new PromotionGate([])).Evaluate(results),
            Warnings = warnings,
        };
    }

    private static MetricComparison CompareAuc(IMetric<BinarySample> m, BinarySample baseline, BinarySample candidate, ComparisonSettings settings,
        double b, double c, string? reason)
    {
        if (baseline.Scores is null || candidate.Scores is null || reason is not null)
            return new MetricComparison(m.Name, true, b, c, c - b, double.NaN, double.NaN, settings.CiLevel, "delong", double.NaN, "delong", default,
                reason ?? "roc_auc needs scores");
        var d = DeLong.Compare(baseline.Labels, candidate.Scores, baseline.Scores, settings.CiLevel);
        var p = d.PValue;
        string? why = d.Reason;
        if (d.StandardError == 0 && d.Difference == 0) { p = 1.0; why = null; }
        return new MetricComparison(m.Name, true, d.AucB, d.AucA, d.Difference, d.Lower, d.Upper, settings.CiLevel, "delong", p, "delong", default, why);
    }

    /// <summary>better / worse when p &lt; α and the difference lies on the metric's good / bad side; otherwise no significant difference.</summary>
    public static ComparisonDecision Decide(MetricComparison r, double alpha)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!(r.PValue < alpha) || r.Difference == 0 || double.IsNaN(r.Difference)) return ComparisonDecision.NoSignificantDifference;
        return (r.Difference > 0) == r.HigherIsBetter ? ComparisonDecision.Better : ComparisonDecision.Worse;
    }
}
