using Vigil.Core.Calibration;
using Vigil.Core.Data;
using Vigil.Core.Metrics;

namespace Vigil.Core.Evaluation;

/// <summary>Applies a fitted <see cref="ICalibrator"/> to prepared data, giving the same rows with calibrated scores.</summary>
public static class Recalibration
{
    /// <summary>
    /// Returns <paramref name="data"/> with its scores mapped through <paramref name="calibrator"/>; the task of
    /// the calibrator must match (a binary calibrator for binary data, a multiclass one of the same width).
    /// </summary>
    public static PreparedData Apply(PreparedData data, ICalibrator calibrator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(calibrator);
        switch (data.Task)
        {
            case EvaluationTask.Binary when calibrator.Task == CalibrationTask.Binary:
                var b = data.Binary!;
                if (b.Scores is null) throw new DataFormatException(data.Data.Path, "--calibrator needs a --score column");
                var s = new double[b.Count];
                calibrator.Apply(b.Scores, s);
                return data with { Binary = new BinarySample(b.Labels, s, null, b.Threshold), Warnings = [] };
            case EvaluationTask.Multiclass when calibrator.Task == CalibrationTask.Multiclass:
                var m = data.Multiclass!;
                if (m.Probabilities is null) throw new DataFormatException(data.Data.Path, "--calibrator needs the --score columns");
                if (calibrator.Width != m.ClassCount)
                    throw new DataFormatException(data.Data.Path, $"the calibrator was fitted on {calibrator.Width} classes, the data has {m.ClassCount}");
                var p = new double[m.Probabilities.Length];
                calibrator.Apply(m.Probabilities, p);
                return data with { Multiclass = new MulticlassSample(m.Classes, m.Labels, p), Warnings = [] };
            default:
                throw new DataFormatException(data.Data.Path,
                    $"the calibrator is for {calibrator.Task.ToString().ToLowerInvariant()} models but this is a {data.Task.ToString().ToLowerInvariant()} evaluation");
        }
    }
}
