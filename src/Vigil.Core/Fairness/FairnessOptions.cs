using Vigil.Core.Statistics;

namespace Vigil.Core.Fairness;

/// <summary>
/// Settings of a fairness assessment (<see cref="FairnessAssessment.Evaluate"/>). Defaults: groups need at least
/// 30 rows, the four-fifths threshold is 0.8, 1,000 percentile-bootstrap replicates at the 95% level, seed 0.
/// </summary>
public sealed record FairnessOptions
{
    /// <summary>
    /// Groups with fewer rows than this are flagged <c>insufficient_data</c>: their rates are reported as undefined
    /// and they are left out of every aggregate. Default 30; at least 1.
    /// </summary>
    public int MinimumGroupCount { get; init; } = 30;

    /// <summary>The four-fifths rule fails when <c>demographic_parity_ratio</c> is below this. Default 0.8.</summary>
    public double FourFifthsThreshold { get; init; } = 0.8;

    /// <summary>Bootstrap replicates for the aggregate intervals; 0 disables them (intervals undefined with a reason).</summary>
    public int BootstrapReplicates { get; init; } = 1000;

    /// <summary>Bootstrap seed; replicate <c>i</c> draws from <see cref="SeededRandom"/>(seed, i) as <see cref="Bootstrap"/> does.</summary>
    public long Seed { get; init; }

    /// <summary>Confidence level of the intervals, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinimumGroupCount < 1) problems.Add($"MinimumGroupCount must be at least 1 (got {MinimumGroupCount})");
        if (!(FourFifthsThreshold > 0 && FourFifthsThreshold <= 1)) problems.Add($"FourFifthsThreshold must be in (0, 1] (got {FourFifthsThreshold})");
        if (BootstrapReplicates < 0) problems.Add($"BootstrapReplicates must be ≥ 0 (got {BootstrapReplicates})");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) problems.Add($"ConfidenceLevel must be in (0, 1) (got {ConfidenceLevel})");
        if (problems.Count > 0) throw new ArgumentException("Invalid fairness options: " + string.Join("; ", problems) + ".");
    }
}
