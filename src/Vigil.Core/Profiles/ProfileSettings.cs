namespace Vigil.Core.Profiles;

/// <summary>
/// Sketch sizes of a profile. Profiles merge only with profiles of the same settings (sketches of different sizes
/// do not merge). Defaults: KLL k = 200 (rank error 1.33%), HyperLogLog precision 12 (relative error 1.6%),
/// 64 frequent items per column.
/// </summary>
/// <param name="QuantileK">KLL accuracy parameter k.</param>
/// <param name="DistinctPrecision">HyperLogLog precision p (2^p registers).</param>
/// <param name="FrequentItems">Space-Saving capacity per categorical or text column.</param>
public sealed record ProfileSettings(int QuantileK = Sketches.KllSketch.DefaultK, int DistinctPrecision = Sketches.HyperLogLog.DefaultPrecision, int FrequentItems = Sketches.SpaceSaving.DefaultCapacity)
{
    /// <summary>The defaults.</summary>
    public static ProfileSettings Default { get; } = new();
}
