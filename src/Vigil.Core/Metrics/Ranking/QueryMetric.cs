using System.Runtime.CompilerServices;

namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// A ranking metric that is the (query-weighted) mean of one value per query. Subclasses give that value from
/// the query's rows in rank order; the per-query values are computed once per sample and cached, so a bootstrap
/// replicate (which re-weights queries) costs O(queries). Undefined when there are no queries or every query
/// weight is 0. Higher is better for every metric here.
/// </summary>
public abstract class QueryAveragedMetric : IMetric<RankingSample>
{
    private readonly ConditionalWeakTable<RankingSample, double[]> _cache = new();

    /// <summary>Creates a metric named <paramref name="name"/>.</summary>
    protected QueryAveragedMetric(string name) => Name = name;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(RankingSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.GroupCount);
        var values = _cache.GetValue(sample, PerQuery);
        var mean = MetricWeights.Mean(values, weights);
        return double.IsNaN(mean) ? MetricValue.Undefined("no queries (or all query weights are 0)") : MetricValue.Of(mean);
    }

    /// <summary>
    /// The value of one query. <paramref name="ranked"/> are the query's row indices in rank order (score
    /// descending, ties pessimistic: lower relevance first); <paramref name="relevance"/> and <paramref name="scores"/>
    /// are the sample's columns, indexed by row.
    /// </summary>
    protected abstract double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores);

    /// <summary>Counts relevant items (relevance &gt; 0) among <paramref name="ranked"/>.</summary>
    protected static int RelevantCount(ReadOnlySpan<int> ranked, double[] relevance)
    {
        var count = 0;
        foreach (var row in ranked) if (relevance[row] > 0) count++;
        return count;
    }

    /// <summary>The cut-off suffix of a metric id, e.g. <c>@10</c>; validates k ≥ 1.</summary>
    protected static string AtK(string prefix, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return prefix + "@" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private double[] PerQuery(RankingSample sample)
    {
        var order = sample.RankOrder();
        var values = new double[sample.GroupCount];
        for (var q = 0; q < values.Length; q++)
        {
            var start = sample.GroupStarts[q];
            values[q] = QueryValue(order.AsSpan(start, sample.GroupStarts[q + 1] - start), sample.Relevance, sample.Scores);
        }
        return values;
    }
}
