using System.Runtime.CompilerServices;

namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Per-query values of a ranking metric, computed once per sample and cached, so a bootstrap replicate (which
/// re-weights queries) costs O(queries).
/// </summary>
internal sealed class QueryValueCache(Func<RankingSample, double[]> perQuery)
{
    private readonly ConditionalWeakTable<RankingSample, double[]> _cache = new();

    public MetricValue Average(RankingSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.GroupCount);
        var values = _cache.GetValue(sample, s => perQuery(s));
        var mean = MetricWeights.Mean(values, weights);
        return double.IsNaN(mean) ? MetricValue.Undefined("no queries (or all query weights are 0)") : MetricValue.Of(mean);
    }

    /// <summary>Counts relevant items (relevance &gt; 0) of one query.</summary>
    public static int RelevantCount(RankingSample sample, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++) if (sample.Relevance[i] > 0) count++;
        return count;
    }
}
