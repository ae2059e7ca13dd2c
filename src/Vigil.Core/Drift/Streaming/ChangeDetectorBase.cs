using System.Globalization;

namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// Shared plumbing of the detectors: the non-finite check, River's reset-on-the-update-after-a-drift, the drift and
/// warning flags, and snapshot / restore of those flags. Concrete detectors implement <see cref="UpdateCore"/>.
/// </summary>
public abstract class ChangeDetectorBase : IChangeDetector
{
    private IReadOnlyDictionary<string, string>? parameters;

    /// <summary>Set by <see cref="UpdateCore"/> when the current value completes a detection.</summary>
    protected bool Drift { get; set; }

    /// <summary>Set by <see cref="UpdateCore"/> when the current value is in the warning zone.</summary>
    protected bool Warning { get; set; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters => parameters ??= DescribeParameters();

    /// <inheritdoc />
    public bool DriftDetected => Drift;

    /// <inheritdoc />
    public bool WarningDetected => Warning;

    /// <inheritdoc />
    public void Update(double x)
    {
        if (!double.IsFinite(x))
            throw new ArgumentException($"{Name}: values must be finite numbers, got {x.ToString(CultureInfo.InvariantCulture)}.", nameof(x));
        if (Drift) Reset();
        UpdateCore(x);
    }

    /// <inheritdoc />
    public void Reset()
    {
        Drift = false;
        Warning = false;
        ResetCore();
    }

    /// <inheritdoc />
    public DetectorState Snapshot()
    {
        var writer = new StateWriter().Add("drift_detected", Drift).Add("warning_detected", Warning);
        WriteState(writer);
        return writer.Build(this);
    }

    /// <inheritdoc />
    public void Restore(DetectorState state)
    {
        var reader = StateReader.For(this, state);
        var drift = reader.Bool("drift_detected");
        var warning = reader.Bool("warning_detected");
        ReadState(reader);
        Drift = drift;
        Warning = warning;
    }

    /// <summary>Processes one finite value (already validated, after any pending reset).</summary>
    protected abstract void UpdateCore(double x);

    /// <summary>Clears the learned statistics (the flags are cleared by the caller).</summary>
    protected abstract void ResetCore();

    /// <summary>The parameters by River's names, values formatted with <see cref="Format(double)"/>.</summary>
    protected abstract Dictionary<string, string> DescribeParameters();

    /// <summary>Writes the learned statistics.</summary>
    internal abstract void WriteState(StateWriter writer);

    /// <summary>Reads the learned statistics back (validate sizes; throw <see cref="ArgumentException"/> when malformed).</summary>
    internal abstract void ReadState(StateReader reader);

    /// <summary>Formats a parameter value so that parsing gives the same double back.</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats an integer parameter value.</summary>
    protected static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean parameter value as <c>true</c> / <c>false</c>.</summary>
    protected static string Format(bool value) => value ? "true" : "false";

    /// <summary>Throws unless <paramref name="x"/> is 0 or 1 (binary detectors: 1 = error).</summary>
    protected void RequireBinary(double x)
    {
        if (x != 0.0 && x != 1.0)
            throw new ArgumentException(
                $"{Name} is a binary detector: values must be 0 (correct) or 1 (error), got {x.ToString(CultureInfo.InvariantCulture)}.", nameof(x));
    }
}
