using Vigil.Core.Metrics;

namespace Vigil.Core.Fairness;

/// <summary>
/// One sensitive group's confusion counts and rates at the threshold. Selection rate = (TP + FP) / count,
/// TPR = TP / positives, FPR = FP / negatives, precision = TP / (TP + FP). A rate whose denominator is 0 is
/// undefined (NaN with a reason); every rate is undefined when the group has fewer rows than the minimum.
/// <see cref="InsufficientData"/> is true when the group has fewer rows than the minimum, or no positives or no
/// negatives (TPR or FPR undefined); such a group is left out of every aggregate.
/// </summary>
/// <param name="Group">Group name, e.g. <c>sex=Female &amp; race=Black</c>.</param>
/// <param name="Count">Rows in the group.</param>
/// <param name="Positives">Rows whose label is positive.</param>
/// <param name="Negatives">Rows whose label is negative.</param>
/// <param name="PredictedPositives">Rows predicted positive (TP + FP).</param>
/// <param name="TruePositives">Positive rows predicted positive.</param>
/// <param name="FalsePositives">Negative rows predicted positive.</param>
/// <param name="SelectionRate">Share of rows predicted positive.</param>
/// <param name="TruePositiveRate">Recall within the group.</param>
/// <param name="FalsePositiveRate">Share of negative rows predicted positive.</param>
/// <param name="Precision">Share of predicted positives that are positive.</param>
/// <param name="InsufficientData">True when the group is too small or lacks positives or negatives.</param>
/// <param name="Reason">Why the group is flagged or a rate is undefined; null when all is defined.</param>
public sealed record GroupFairness(
    string Group,
    int Count,
    int Positives,
    int Negatives,
    int PredictedPositives,
    int TruePositives,
    int FalsePositives,
    MetricValue SelectionRate,
    MetricValue TruePositiveRate,
    MetricValue FalsePositiveRate,
    MetricValue Precision,
    bool InsufficientData,
    string? Reason);
