using Vigil.Storage;

namespace Vigil.Monitoring.Windows;

/// <summary>A computed window: the record to store and the typed parts it was written from.</summary>
/// <param name="Record">The window record (its <see cref="WindowRecord.ResultJson"/> is the API's window JSON).</param>
/// <param name="Drift">Per-feature drift, tested or skipped, in schema order.</param>
/// <param name="PredictionDrift">Drift of the score / prediction, or null when the reference has none.</param>
/// <param name="Quality">Data quality, or null.</param>
/// <param name="Performance">Estimated and realised performance.</param>
/// <param name="Elapsed">Compute time of the window.</param>
public sealed record WindowComputation(
    WindowRecord Record, IReadOnlyList<ColumnDriftOutcome> Drift, ColumnDriftOutcome? PredictionDrift, QualityOutcome? Quality,
    PerformanceOutcome Performance, TimeSpan Elapsed)
{
    /// <summary>Milliseconds spent per section (drift, prediction_drift, frame, quality, estimated, realized, profile, json).</summary>
    public IReadOnlyDictionary<string, double> SectionMilliseconds { get; init; } = new Dictionary<string, double>();
}
