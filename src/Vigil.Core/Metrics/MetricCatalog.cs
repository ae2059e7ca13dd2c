using System.Globalization;
using Vigil.Core.Metrics.Binary;
using Vigil.Core.Metrics.Multiclass;
using Vigil.Core.Metrics.Ranking;
using Vigil.Core.Metrics.Regression;

namespace Vigil.Core.Metrics;

/// <summary>
/// The metrics <c>evaluate</c> reports for each task, in output order, and lookup by id for <c>--fail-if</c>.
/// Ids are stable: they are the JSON keys of the evaluate result. Ranking ids carry their cut-off (<c>ndcg@10</c>).
/// </summary>
public static class MetricCatalog
{
    /// <summary>The default ranking cut-offs when none are given.</summary>
    public static IReadOnlyList<int> DefaultRankingCutoffs { get; } = [5, 10];

    /// <summary>Binary metrics: accuracy … brier.</summary>
    public static IReadOnlyList<IMetric<BinarySample>> Binary { get; } =
    [
        new Accuracy(), new BalancedAccuracy(), new Precision(), new Recall(), new Specificity(), new F1(),
        new MatthewsCorrelation(), new CohenKappa(), new RocAuc(), new AveragePrecision(), new LogLoss(), new Brier(),
    ];

    /// <summary>Multiclass metrics: accuracy … top_2_accuracy.</summary>
    public static IReadOnlyList<IMetric<MulticlassSample>> Multiclass { get; } =
    [
        new MulticlassAccuracy(), new MulticlassBalancedAccuracy(),
        new MulticlassPrecision(ClassAveraging.Macro), new MulticlassRecall(ClassAveraging.Macro), new MulticlassF1(ClassAveraging.Macro),
        new MulticlassPrecision(ClassAveraging.Micro), new MulticlassRecall(ClassAveraging.Micro), new MulticlassF1(ClassAveraging.Micro),
        new MulticlassPrecision(ClassAveraging.Weighted), new MulticlassRecall(ClassAveraging.Weighted), new MulticlassF1(ClassAveraging.Weighted),
        new MulticlassMatthewsCorrelation(), new MulticlassCohenKappa(),
        new OneVsRestRocAuc(ClassAveraging.Macro), new OneVsRestRocAuc(ClassAveraging.Weighted),
        new MulticlassLogLoss(), new TopKAccuracy(2),
    ];

    /// <summary>Regression metrics: mae … mean_error.</summary>
    public static IReadOnlyList<IMetric<RegressionSample>> Regression { get; } =
    [
        new MeanAbsoluteError(), new MeanSquaredError(), new RootMeanSquaredError(), new RSquared(),
        new MeanAbsolutePercentageError(), new MedianAbsoluteError(), new MaxError(), new ExplainedVariance(), new MeanError(),
    ];

    /// <summary>Ranking metrics for the given cut-offs: for each k ndcg@k, map@k, precision@k, recall@k, hit_rate@k; then mrr.</summary>
    public static IReadOnlyList<IMetric<RankingSample>> Ranking(IReadOnlyList<int>? cutoffs = null)
    {
        cutoffs ??= DefaultRankingCutoffs;
        var list = new List<IMetric<RankingSample>>(cutoffs.Count * 5 + 1);
        foreach (var k in cutoffs)
        {
            list.AddRange(RankingAt(k));
        }
        list.Add(new MeanReciprocalRank());
        return list;
    }

    private static IMetric<RankingSample>[] RankingAt(int k) =>
        [new NdcgAtK(k), new MeanAveragePrecisionAtK(k), new PrecisionAtK(k), new RecallAtK(k), new HitRateAtK(k)];

    /// <summary>The binary metric with this id, or null.</summary>
    public static IMetric<BinarySample>? FindBinary(string id) => Find(Binary, id);

    /// <summary>The multiclass metric with this id, or null.</summary>
    public static IMetric<MulticlassSample>? FindMulticlass(string id) => Find(Multiclass, id);

    /// <summary>The regression metric with this id, or null.</summary>
    public static IMetric<RegressionSample>? FindRegression(string id) => Find(Regression, id);

    /// <summary>The ranking metric with this id (<c>mrr</c> or <c>name@k</c> for any k ≥ 1), or null.</summary>
    public static IMetric<RankingSample>? FindRanking(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id == "mrr") return new MeanReciprocalRank();
        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || !int.TryParse(id.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1) return null;
        return Find(RankingAt(k), id);
    }

    private static IMetric<T>? Find<T>(IReadOnlyList<IMetric<T>> metrics, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var m in metrics)
            if (string.Equals(m.Name, id, StringComparison.Ordinal)) return m;
        return null;
    }
}
