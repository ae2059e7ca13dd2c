namespace Vigil.Core.Comparison;

/// <summary>
/// One metric of a paired comparison: both values, the difference <c>candidate − baseline</c> with its interval, the test's
/// two-sided p-value and the decision. <see cref="Test"/> is <c>delong</c> (roc_auc), <c>mcnemar_exact</c> /
/// <c>mcnemar_chi_square</c> (accuracy) or <c>paired_bootstrap</c>; <see cref="CiMethod"/> is <c>delong</c>, <c>wald_paired</c>
/// or <c>percentile</c>. Undefined values are NaN and <see cref="Reason"/> says why.
/// </summary>
/// <param name="Metric">Metric id (e.g. <c>roc_auc</c>).</param>
/// <param name="HigherIsBetter">The metric's direction.</param>
/// <param name="Baseline">The baseline's value on all rows.</param>
/// <param name="Candidate">The candidate's value on all rows.</param>
/// <param name="Difference">Candidate − baseline.</param>
/// <param name="CiLow">Lower confidence bound of the difference.</param>
/// <param name="CiHigh">Upper confidence bound of the difference.</param>
/// <param name="CiLevel">Confidence level of the interval.</param>
/// <param name="CiMethod">How the interval was formed.</param>
/// <param name="PValue">Two-sided p-value of "no difference".</param>
/// <param name="Test">The test that produced <see cref="PValue"/>.</param>
/// <param name="Decision">better | worse | no_significant_difference at the comparison's α.</param>
/// <param name="Reason">Why something is undefined, or null.</param>
public sealed record MetricComparison(string Metric, bool HigherIsBetter, double Baseline, double Candidate, double Difference,
    double CiLow, double CiHigh, double CiLevel, string CiMethod, double PValue, string Test, ComparisonDecision Decision, string? Reason);
