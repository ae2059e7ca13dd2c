namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// Chooses which of the older window positions <see cref="Kswin"/> compares with the most recent values. The default,
/// <see cref="PythonRandomSampler"/>, draws exactly what River does for the same seed; tests can supply fixed indices.
/// </summary>
public interface IKswinSampler
{
    /// <summary>
    /// Writes <c>destination.Length</c> distinct indices in [0, <paramref name="populationSize"/>) in draw order. Must not allocate.
    /// </summary>
    void Sample(int populationSize, Span<int> destination);

    /// <summary>Called whenever the detector resets (River re-seeds its generator then).</summary>
    void Reset();

    /// <summary>The sampler's state as numbers, for <see cref="IChangeDetector.Snapshot"/>.</summary>
    double[] SaveState();

    /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
    /// <exception cref="ArgumentException">The state is malformed.</exception>
    void LoadState(ReadOnlySpan<double> state);
}
