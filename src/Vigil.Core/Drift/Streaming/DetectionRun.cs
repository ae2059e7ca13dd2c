namespace Vigil.Core.Drift.Streaming;

/// <summary>What a detector reported over a stream: 0-based indices of drifts and of updates in the warning zone.</summary>
/// <param name="Detector">The detector's catalog name.</param>
/// <param name="Parameters">The detector's parameters.</param>
/// <param name="Updates">Number of values fed.</param>
/// <param name="Drifts">Indices where <see cref="IChangeDetector.DriftDetected"/> was true.</param>
/// <param name="Warnings">Indices where <see cref="IChangeDetector.WarningDetected"/> was true.</param>
public sealed record DetectionRun(string Detector, IReadOnlyDictionary<string, string> Parameters, long Updates,
    IReadOnlyList<int> Drifts, IReadOnlyList<int> Warnings)
{
    /// <summary>Feeds every value of <paramref name="stream"/> to <paramref name="detector"/> and records what it reported.</summary>
    /// <exception cref="ArgumentException">A value the detector rejects (non-finite, or not 0/1 for a binary detector); the message gives its index.</exception>
    public static DetectionRun Run(IChangeDetector detector, ReadOnlySpan<double> stream)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var drifts = new List<int>();
        var warnings = new List<int>();
        for (var i = 0; i < stream.Length; i++)
        {
            try
            {
                detector.Update(stream[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Value at index {i}: {e.Message}", nameof(stream), e);
            }
            if (detector.DriftDetected) drifts.Add(i);
            if (detector.WarningDetected) warnings.Add(i);
        }
        return new DetectionRun(detector.Name, detector.Parameters, stream.Length, drifts, warnings);
    }
}
