namespace Vigil.Core.Fairness;

/// <summary>
/// The "four-fifths" (80%) rule of US employment-selection guidance (29 CFR 1607.4(D)) applied to the model's
/// selection rates: it passes when <c>demographic_parity_ratio</c> = lowest / highest selection rate among the
/// compared groups is at least <see cref="Threshold"/>. As Fairlearn's user guide stresses ("The Four Fifths Rule:
/// Often Misapplied"), this is a screening heuristic from one legal context, not a verdict of fairness.
/// </summary>
/// <param name="Passed">True when ratio ≥ threshold, false when below, null when the ratio is undefined.</param>
/// <param name="Ratio">The demographic parity ratio (NaN when undefined).</param>
/// <param name="LowestGroup">The compared group with the lowest selection rate (null when none).</param>
/// <param name="HighestGroup">The compared group with the highest selection rate (null when none).</param>
/// <param name="Threshold">The threshold used (default 0.8).</param>
/// <param name="Reason">Why the rule could not be judged; null otherwise.</param>
public sealed record FourFifthsRule(bool? Passed, double Ratio, string? LowestGroup, string? HighestGroup, double Threshold, string? Reason);
