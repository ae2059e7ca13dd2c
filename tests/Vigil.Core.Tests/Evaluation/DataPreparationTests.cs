using Vigil.Core.Data;
using Vigil.Core.Evaluation;
using Xunit;

namespace Vigil.Core.Tests.Evaluation;

public class DataPreparationTests
{
    private static DataFrame Frame(params Column[] columns) => new(columns, "t.csv");

    [Fact]
    public void BooleanLabelsTakeTrueAsPositive()
    {
        var f = Frame(CategoricalColumn.FromStrings("y", ["False", "TRUE", "false"], ColumnType.Boolean), new NumericColumn("s", [0.1, 0.9, 0.3]));
        var p = DataPreparation.Prepare(f, new EvaluationSettings { Label = "y", Scores = ["s"] });
        Assert.Equal(EvaluationTask.Binary, p.Task);
        Assert.Equal("TRUE", p.PositiveLabel);
        Assert.Equal([false, true, false], p.Binary!.Labels);
    }

    [Fact]
    public void NumericLabelsWithManyValuesAreRegression()
    {
        var y = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var p = DataPreparation.Prepare(Frame(new NumericColumn("y", y), new NumericColumn("yhat", y)), new EvaluationSettings { Label = "y", Prediction = "yhat" });
        Assert.Equal(EvaluationTask.Regression, p.Task);
        Assert.Contains("regression", p.TaskReason);
    }

    [Fact]
    public void ThreeLabelValuesWithPredictionsAreMulticlass()
    {
        var p = DataPreparation.Prepare(Frame(CategoricalColumn.FromStrings("y", ["a", "b", "c"]), CategoricalColumn.FromStrings("p", ["a", "c", "c"])),
            new EvaluationSettings { Label = "y", Prediction = "p" });
        Assert.Equal(EvaluationTask.Multiclass, p.Task);
        Assert.Equal(["a", "b", "c"], p.Multiclass!.Classes);
        Assert.Equal([0, 2, 2], p.Multiclass.Predictions);
    }

    [Fact]
    public void GivenPositiveLabelMustExist()
    {
        var f = Frame(new NumericColumn("y", [0, 1]), new NumericColumn("s", [0.2, 0.8]));
        var e = Assert.Throws<DataFormatException>(() => DataPreparation.Prepare(f, new EvaluationSettings { Label = "y", Scores = ["s"], PositiveLabel = "2" }));
        Assert.Contains("'2' is not among the labels found: 0, 1", e.Message);
    }

    [Fact]
    public void PositiveLabelZeroFlipsTheProblem()
    {
        var f = Frame(new NumericColumn("y", [0, 1, 1]), new NumericColumn("s", [0.2, 0.8, 0.6]));
        var p = DataPreparation.Prepare(f, new EvaluationSettings { Label = "y", Scores = ["s"], PositiveLabel = "0" });
        Assert.Equal([true, false, false], p.Binary!.Labels);
    }
}
