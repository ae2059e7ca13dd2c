namespace Vigil.Core.Fairness;

/// <summary>
/// A fairness assessment of binary predictions across sensitive groups, shaped for the <c>"fairness"</c> section of
/// the evaluate JSON: per-group rates, five between-groups aggregates with Fairlearn's definitions (each with a
/// bootstrap interval), and the four-fifths rule. Groups flagged insufficient are listed in
/// <see cref="ExcludedGroups"/> and take no part in the aggregates.
/// </summary>
/// <param name="SensitiveColumns">The sensitive columns, in order.</param>
/// <param name="Binnings">How numeric sensitive columns were binned.</param>
/// <param name="Groups">Every group that occurs, in group order.</param>
/// <param name="ExcludedGroups">Names of the groups left out of the aggregates (insufficient data).</param>
/// <param name="RowsWithoutGroup">Rows left out because a sensitive value was missing.</param>
/// <param name="MinimumGroupCount">The minimum group size used.</param>
/// <param name="DemographicParityDifference">max − min selection rate.</param>
/// <param name="DemographicParityRatio">min / max selection rate.</param>
/// <param name="EqualizedOddsDifference">max(TPR difference, FPR difference).</param>
/// <param name="EqualizedOddsRatio">min(TPR ratio, FPR ratio).</param>
/// <param name="EqualOpportunityDifference">max − min TPR.</param>
/// <param name="FourFifthsRule">The four-fifths rule on the demographic parity ratio.</param>
/// <param name="BootstrapReplicates">Replicates behind the intervals (0 = none).</param>
public sealed record FairnessResult(
    IReadOnlyList<string> SensitiveColumns,
    IReadOnlyList<SensitiveColumnBinning> Binnings,
    IReadOnlyList<GroupFairness> Groups,
    IReadOnlyList<string> ExcludedGroups,
    int RowsWithoutGroup,
    int MinimumGroupCount,
    FairnessAggregate DemographicParityDifference,
    FairnessAggregate DemographicParityRatio,
    FairnessAggregate EqualizedOddsDifference,
    FairnessAggregate EqualizedOddsRatio,
    FairnessAggregate EqualOpportunityDifference,
    FourFifthsRule FourFifthsRule,
    int BootstrapReplicates)
{
    /// <summary>The five aggregates in JSON order (for serialisers and reports).</summary>
    public IReadOnlyList<FairnessAggregate> Aggregates =>
        [DemographicParityDifference, DemographicParityRatio, EqualizedOddsDifference, EqualizedOddsRatio, EqualOpportunityDifference];
}
