namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// An online change detector: it sees one value at a time and says whether the stream's distribution has just changed.
/// </summary>
/// <remarks>
/// <para>Contract (the same as River's <c>river.base.DriftDetector</c>): call <see cref="Update"/> once per value, then read
/// <see cref="DriftDetected"/> and <see cref="WarningDetected"/>; both describe the value just given.</para>
/// <para><b>Reset semantics.</b> After an update that reports a drift, the detector resets itself at the start of the
/// <em>next</em> update (it forgets everything it learned, as if newly created with the same parameters), so the flag
/// stays readable until then and a user moving from River gets the same detection indices on the same stream.</para>
/// <para>Updates do not allocate. Non-finite values are caller bugs and throw <see cref="ArgumentException"/>; binary
/// detectors (see <see cref="DetectorCatalog"/>) accept only 0 (correct) and 1 (error).</para>
/// <para>The whole state can be captured with <see cref="Snapshot"/> and put back with <see cref="Restore"/>: a restored
/// detector continues exactly as the uninterrupted one would.</para>
/// </remarks>
public interface IChangeDetector
{
    /// <summary>The detector's id in the <see cref="DetectorCatalog"/> (e.g. <c>adwin</c>, <c>page_hinkley</c>).</summary>
    string Name { get; }

    /// <summary>The parameters, by River's names, formatted invariantly so that the catalog can rebuild the detector.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>True when the last update detected a change.</summary>
    bool DriftDetected { get; }

    /// <summary>True when the last update put the detector in its warning zone; always false for methods without one.</summary>
    bool WarningDetected { get; }

    /// <summary>Feeds one value. O(1) amortised unless the detector's documentation says otherwise; no allocation.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite, or not 0/1 for a binary detector.</exception>
    void Update(double x);

    /// <summary>Forgets everything seen so far (the same as the automatic reset after a drift).</summary>
    void Reset();

    /// <summary>Captures the complete state (parameters and learned statistics) as a serializable record.</summary>
    DetectorState Snapshot();

    /// <summary>Puts back a state captured by <see cref="Snapshot"/> from a detector of the same kind and parameters.</summary>
    /// <exception cref="ArgumentException">The state belongs to another detector kind, other parameters, or is malformed.</exception>
    void Restore(DetectorState state);
}
