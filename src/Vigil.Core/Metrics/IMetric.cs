namespace Vigil.Core.Metrics;

/// <summary>
/// A metric over one kind of sample. The weights given to <see cref="Compute"/> are per-row
/// (per-query for ranking) non-negative weights; an empty span means every weight is 1. Integer weights
/// are bootstrap resample counts, which is how confidence intervals avoid copying rows.
/// </summary>
/// <typeparam name="TSample">The kind of sample (binary, multiclass, regression, ranking).</typeparam>
public interface IMetric<in TSample>
{
    /// <summary>The metric's id as it appears in JSON and on the command line (e.g. <c>roc_auc</c>, <c>ndcg@10</c>).</summary>
    string Name { get; }

    /// <summary>True when a larger value is better (used by comparisons and gates).</summary>
    bool HigherIsBetter { get; }

    /// <summary>Computes the metric; undefined cases return <see cref="MetricValue.Undefined"/>, never throw.</summary>
    MetricValue Compute(TSample sample, ReadOnlySpan<double> weights);
}
