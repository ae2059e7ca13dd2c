namespace Vigil.Core.Drift.Streaming;

/// <summary>How one true change point was detected.</summary>
/// <param name="ChangePoint">The 0-based index of the first value of the new regime.</param>
/// <param name="DetectedAt">The first detection attributed to it, or null when missed.</param>
/// <param name="Delay">DetectedAt − ChangePoint (0 when detected on the first new value), or null when missed.</param>
public sealed record ChangePointOutcome(int ChangePoint, int? DetectedAt, int? Delay)
{
    /// <summary>True when some detection was attributed to this change point.</summary>
    public bool Detected => DetectedAt.HasValue;
}

/// <summary>A detector's detections scored against known change points (see <see cref="DetectionEvaluation"/>).</summary>
/// <param name="ChangePoints">One outcome per true change point, in order.</param>
/// <param name="FalseAlarms">Indices of detections that are false alarms.</param>
/// <param name="Misses">Number of change points with no detection attributed.</param>
/// <param name="MeanDelay">Mean delay over detected change points; NaN when none was detected.</param>
public sealed record DetectionEvaluationResult(IReadOnlyList<ChangePointOutcome> ChangePoints, IReadOnlyList<int> FalseAlarms,
    int Misses, double MeanDelay)
{
    /// <summary>Number of change points detected.</summary>
    public int Detected => ChangePoints.Count - Misses;
}

/// <summary>
/// Scores detections against true change points (for <c>vigil stream --true-change-points</c>).
/// </summary>
/// <remarks>
/// Rules: the true change points c₁ &lt; c₂ &lt; … split the stream into segments [cⱼ, cⱼ₊₁). A detection at index d
/// belongs to the most recent change point cⱼ ≤ d (it lies before the next one by construction). The first detection
/// of a segment is that change point's detection, with delay d − cⱼ; every further detection in the same segment is a
/// false alarm, and so is every detection before c₁. A change point whose segment has no detection is a miss.
/// Cost O(d + c).
/// </remarks>
public static class DetectionEvaluation
{
    /// <summary>Scores <paramref name="detections"/> (ascending indices) against <paramref name="trueChangePoints"/> (strictly ascending, ≥ 0).</summary>
    /// <exception cref="ArgumentException">Negative or unordered indices.</exception>
    public static DetectionEvaluationResult Evaluate(IReadOnlyList<int> detections, IReadOnlyList<int> trueChangePoints)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(trueChangePoints);
        for (var i = 0; i < trueChangePoints.Count; i++)
        {
            if (trueChangePoints[i] < 0) throw new ArgumentException("True change points must be ≥ 0.", nameof(trueChangePoints));
            if (i > 0 && trueChangePoints[i] <= trueChangePoints[i - 1])
                throw new ArgumentException("True change points must be strictly increasing.", nameof(trueChangePoints));
        }
        for (var i = 0; i < detections.Count; i++)
        {
            if (detections[i] < 0) throw new ArgumentException("Detection indices must be ≥ 0.", nameof(detections));
            if (i > 0 && detections[i] < detections[i - 1])
                throw new ArgumentException("Detection indices must be in ascending order.", nameof(detections));
        }

        var firstHit = new int?[trueChangePoints.Count];
        var falseAlarms = new List<int>();
        var segment = -1;
        foreach (var d in detections)
        {
            while (segment + 1 < trueChangePoints.Count && trueChangePoints[segment + 1] <= d) segment++;
            if (segment < 0 || firstHit[segment].HasValue) falseAlarms.Add(d);
            else firstHit[segment] = d;
        }

        var outcomes = new ChangePointOutcome[trueChangePoints.Count];
        var misses = 0;
        var delaySum = 0.0;
        for (var j = 0; j < outcomes.Length; j++)
        {
            var c = trueChangePoints[j];
            if (firstHit[j] is int hit) { outcomes[j] = new ChangePointOutcome(c, hit, hit - c); delaySum += hit - c; }
            else { outcomes[j] = new ChangePointOutcome(c, null, null); misses++; }
        }
        var detected = outcomes.Length - misses;
        return new DetectionEvaluationResult(outcomes, falseAlarms, misses, detected == 0 ? double.NaN : delaySum / detected);
    }
}
