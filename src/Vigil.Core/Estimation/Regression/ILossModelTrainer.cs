using Vigil.Core.Data;

namespace Vigil.Core.Estimation.Regression;

/// <summary>
/// Trains the loss model of direct loss estimation (<see cref="DirectLossEstimator"/>): a regression from a row's
/// features (which include the model's prediction) to a per-row loss of the monitored model, such as |y − ŷ| or
/// (y − ŷ)². Core defines the contract; Vigil.Models implements it with gradient-boosted trees (ML.NET FastTree).
/// </summary>
public interface ILossModelTrainer
{
    /// <summary>
    /// Fits on the rows of <paramref name="data"/> whose <paramref name="losses"/> entry is finite (one entry per row;
    /// NaN rows are left out). <paramref name="features"/> name numeric, categorical or boolean columns of
    /// <paramref name="data"/>. The result must be deterministic for a given <paramref name="seed"/>.
    /// </summary>
    ILossModel Fit(DataFrame data, IReadOnlyList<string> features, ReadOnlySpan<double> losses, int seed);
}

/// <summary>A fitted loss model: predicts a monitored model's per-row loss from the row's features.</summary>
public interface ILossModel
{
    /// <summary>The feature columns the model was fitted on (they must exist in data passed to <see cref="Predict"/>).</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>The predicted loss of every row of <paramref name="data"/> (rows with missing features still get a value).</summary>
    double[] Predict(DataFrame data);
}
