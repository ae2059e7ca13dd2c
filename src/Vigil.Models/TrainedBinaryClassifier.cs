using Microsoft.ML;
using Vigil.Core.Data;

namespace Vigil.Models;

/// <summary>
/// A fitted <see cref="QuickClassifier"/> model: the feature encoding fixed at training time plus the ML.NET
/// transformer. Scores frames and exports itself to ONNX (one input <c>Features</c> float[-1, width]; outputs
/// <c>Score.output</c>, <c>Probability.output</c>, <c>PredictedLabel.output</c>), so the same model can be registered
/// as an artifact and served by ONNX Runtime.
/// </summary>
public sealed class TrainedBinaryClassifier
{
    private readonly MLContext _context;
    private readonly ITransformer _model;

    internal TrainedBinaryClassifier(MLContext context, FeatureEncoder encoder, ITransformer model)
    {
        _context = context;
        Encoder = encoder;
        _model = model;
    }

    /// <summary>The feature encoding (names and order of the ONNX input vector).</summary>
    public FeatureEncoder Encoder { get; }

    /// <summary>P(positive) for every row of <paramref name="frame"/> (encoded as at training time).</summary>
    public double[] Score(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var view = MlData.ToDataView(_context, Encoder.Encode(frame), Encoder.Width, MlData.AllRows(frame.RowCount));
        return MlData.ReadColumn(_model.Transform(view), "Probability");
    }

    /// <summary>The encoded feature matrix of <paramref name="frame"/>, row-major, width <see cref="FeatureEncoder.Width"/>: the ONNX model's input.</summary>
    public float[] Encode(DataFrame frame) => Encoder.Encode(frame);

    /// <summary>Writes the model as ONNX to <paramref name="output"/>.</summary>
    public void ExportOnnx(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _context.Model.ConvertToOnnx(_model, MlData.FeaturesOnly(_context, Encoder.Width), output);
    }
}
