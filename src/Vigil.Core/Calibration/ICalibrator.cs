using System.Text.Json;

namespace Vigil.Core.Calibration;

/// <summary>The kind of model output a calibrator was fitted on.</summary>
public enum CalibrationTask
{
    /// <summary>One score per row: the probability (or raw score) of the positive class.</summary>
    Binary,

    /// <summary>K values per row (row-major n × K): class probabilities or logits.</summary>
    Multiclass,
}

/// <summary>
/// A fitted recalibration map. Each implementation has a static <c>Fit</c> (scores + labels + optional per-row
/// weights) and serialises its parameters for <see cref="CalibratorJson"/>, so <c>vigil calibrate --out</c> can
/// save it and <c>vigil evaluate --calibrator</c> can load it.
/// </summary>
public interface ICalibrator
{
    /// <summary>The method id as written in JSON: <c>platt</c>, <c>isotonic</c>, <c>temperature</c> or <c>histogram</c>.</summary>
    string Method { get; }

    /// <summary>The task the calibrator was fitted for.</summary>
    CalibrationTask Task { get; }

    /// <summary>Values per row: 1 for binary, K for multiclass.</summary>
    int Width { get; }

    /// <summary>
    /// Maps scores to calibrated probabilities. Binary: one value per row; multiclass: row-major n × K in and out.
    /// <paramref name="calibrated"/> must have the length of <paramref name="scores"/>; the two may be the same memory.
    /// </summary>
    void Apply(ReadOnlySpan<double> scores, Span<double> calibrated);

    /// <summary>Writes the method's parameters as the properties of the JSON <c>parameters</c> object.</summary>
    void WriteParameters(Utf8JsonWriter writer);
}
