using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vigil.Core.Examples;
using Xunit;

namespace Vigil.Models.Tests;

/// <summary>
/// The exported ONNX model, run by ONNX Runtime (an independent engine), gives the probabilities ML.NET gives
/// (STACK.md: ORT scores match ML.NET within 3e-6).
/// </summary>
public class OnnxExportTests
{
    [Fact]
    public void Exported_model_scored_by_onnx_runtime_matches_mlnet()
    {
        var train = SyntheticCredit.Generate(3000, seed: 7);
        var test = SyntheticCredit.Generate(500, seed: 8);
        var model = QuickClassifier.Fit(train, "default", "1",
            new QuickClassifierOptions { ExcludeColumns = ["score"], Trees = new GradientBoostedTreeSettings { Trees = 30 } });
        var expected = model.Score(test);

        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);
        Assert.True(onnx.Length > 1000);
        using var session = new InferenceSession(onnx.ToArray());
        Assert.Equal("Features", session.InputMetadata.Keys.Single());
        var width = model.Encoder.Width;
        var input = new DenseTensor<float>(model.Encode(test), [test.RowCount, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)]);
        var probabilities = results.Single(r => r.Name == "Probability.output").AsTensor<float>().ToArray();

        Assert.Equal(test.RowCount, probabilities.Length);
        for (var i = 0; i < probabilities.Length; i++)
            Assert.True(Math.Abs(probabilities[i] - expected[i]) < 3e-6, $"row {i}: ORT {probabilities[i]} vs ML.NET {expected[i]}");
    }
}
