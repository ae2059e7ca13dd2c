using Vigil.Core.Data;
using Vigil.Models;

namespace Vigil.Demo;

/// <summary>The demo's two model versions: the champion trained on the reference, a challenger trained on more data.</summary>
/// <param name="Champion">Version "1": 100 trees on the reference applicants.</param>
/// <param name="Challenger">Version "2": 200 smaller trees on the reference plus as many new baseline applicants.</param>
public sealed record DemoModels(TrainedBinaryClassifier Champion, TrainedBinaryClassifier Challenger)
{
    /// <summary>Trains both versions (a few seconds; ML.NET FastTree, single-threaded, seeded).</summary>
    public static DemoModels Train(DemoScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var reference = scenario.Reference();
        var champion = QuickClassifier.Fit(reference, DemoScenario.Label, "1", new QuickClassifierOptions
        {
            Features = DemoScenario.Features,
            Trees = new GradientBoostedTreeSettings { Trees = 100, Leaves = 16, MinimumRowsPerLeaf = 30, LearningRate = 0.1 },
            Seed = 1,
        });
        var challenger = QuickClassifier.Fit(Concat(reference, scenario.ChallengerTraining()), DemoScenario.Label, "1", new QuickClassifierOptions
        {
            Features = DemoScenario.Features,
            Trees = new GradientBoostedTreeSettings { Trees = 200, Leaves = 8, MinimumRowsPerLeaf = 40, LearningRate = 0.05 },
            Seed = 2,
        });
        return new DemoModels(champion, challenger);
    }

    /// <summary>The ONNX bytes of a model.</summary>
    public static byte[] Onnx(TrainedBinaryClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        return stream.ToArray();
    }

    private static DataFrame Concat(DataFrame a, DataFrame b)
    {
        var columns = new List<Column>();
        foreach (var column in a.Columns)
        {
            var other = b[column.Name];
            columns.Add(column switch
            {
                NumericColumn n => new NumericColumn(n.Name, [.. n.Values, .. ((NumericColumn)other).Values]),
                CategoricalColumn c => CategoricalColumn.FromStrings(c.Name, [.. Texts(c), .. Texts((CategoricalColumn)other)]),
                _ => throw new InvalidOperationException($"Unexpected column type {column.GetType().Name}."),
            });
        }
        return new DataFrame(columns, "demo-training");
    }

    private static IEnumerable<string?> Texts(CategoricalColumn c)
    {
        for (var i = 0; i < c.Length; i++) yield return c.GetText(i);
    }
}
