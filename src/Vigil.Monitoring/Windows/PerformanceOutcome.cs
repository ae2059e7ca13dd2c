namespace Vigil.Monitoring.Windows;

/// <summary>An estimated metric of one window with its ±3 SE band and the same estimator's value on the reference.</summary>
/// <param name="Value">The estimate (NaN when undefined).</param>
/// <param name="Lower">Lower band (NaN when undefined).</param>
/// <param name="Upper">Upper band (NaN when undefined).</param>
/// <param name="Reference">The estimator's value on the whole reference (NaN when undefined).</param>
public sealed record EstimatedValue(double Value, double Lower, double Upper, double Reference);

/// <summary>Estimated and realised performance of one window.</summary>
/// <param name="Estimator">"cbpe", "dle" or null when nothing was estimated.</param>
/// <param name="Estimated">Estimated metrics, or null (with <see cref="EstimationNote"/>).</param>
/// <param name="EstimationNote">Why there is no estimate, or null.</param>
/// <param name="Realized">Realised metrics from joined labels (NaN when undefined), or null when no event has a label.</param>
/// <param name="RealizedNote">Why there are no realised metrics, or null.</param>
public sealed record PerformanceOutcome(
    string? Estimator, IReadOnlyDictionary<string, EstimatedValue>? Estimated, string? EstimationNote,
    IReadOnlyDictionary<string, double>? Realized, string? RealizedNote);
