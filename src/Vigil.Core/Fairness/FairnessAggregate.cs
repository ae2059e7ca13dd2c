using Vigil.Core.Metrics;
using Vigil.Core.Statistics;

namespace Vigil.Core.Fairness;

/// <summary>
/// One between-groups fairness aggregate (e.g. <c>demographic_parity_difference</c>) with its bootstrap interval.
/// <see cref="Value"/> is undefined (NaN with a reason) when fewer than two groups have sufficient data or a ratio
/// is 0/0; <see cref="Interval"/> has NaN bounds with a reason when it could not be formed.
/// </summary>
/// <param name="Name">JSON id: <c>demographic_parity_difference</c>, <c>demographic_parity_ratio</c>,
/// <c>equalized_odds_difference</c>, <c>equalized_odds_ratio</c> or <c>equal_opportunity_difference</c>.</param>
/// <param name="Value">The aggregate over the compared groups.</param>
/// <param name="Interval">Percentile bootstrap interval (<c>ci_low</c>, <c>ci_high</c>).</param>
/// <param name="HigherIsFairer">True for ratios (1 = parity), false for differences (0 = parity).</param>
public sealed record FairnessAggregate(string Name, MetricValue Value, ConfidenceInterval Interval, bool HigherIsFairer);
