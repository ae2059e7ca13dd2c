using Vigil.Core.Data;
using Vigil.Core.Statistics;
using Vigil.IO;
using Vigil.Models;
using Vigil.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Models.Tests;

public class QuickClassifierTests(ITestOutputHelper output)
{
    private static (DataFrame Train, DataFrame Test) Split(DataFrame frame, Func<int, bool> isTest)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < frame.RowCount; i++) (isTest(i) ? test : train).Add(i);
        return (frame.Take(train.ToArray()), frame.Take(test.ToArray()));
    }

    private static bool[] Labels(DataFrame frame, string column, string positive) =>
        Enumerable.Range(0, frame.RowCount).Select(i => frame[column].GetText(i) == positive).ToArray();

    /// <summary>UCI Adult, the file's own train/test split: gradient-boosted trees reach ROC AUC ≈ 0.92 in the literature; ask > 0.85.</summary>
    [Fact]
    public void AdultHeldOutRocAucAboveReference()
    {
        var adult = DataFile.Read(Paths.Data("adult", "adult.csv"));
        var split = adult["split"];
        var (train, test) = Split(adult, i => split.GetText(i) == "test");
        var probabilities = QuickClassifier.FitPredict(train, "class", ">50K", test, new QuickClassifierOptions { ExcludeColumns = ["split"] });
        Assert.Equal(test.RowCount, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
        var auc = DeLong.Auc(Labels(test, "class", ">50K"), probabilities);
        output.WriteLine($"adult held-out ROC AUC {auc.Auc:F4} [{auc.Lower:F4}, {auc.Upper:F4}]");
        Assert.True(auc.Auc > 0.85, $"AUC {auc.Auc}");
    }

    /// <summary>German credit (class 2 = bad): first 700 rows train, last 300 test; typical models reach AUC ≈ 0.75–0.8.</summary>
    [Fact]
    public void GermanCreditHeldOutRocAucIsUseful()
    {
        var german = DataFile.Read(Paths.Data("german_credit", "german_credit_with_header.csv"));
        var (train, test) = Split(german, i => i >= 700);
        var probabilities = QuickClassifier.FitPredict(train, "class", "2", test,
            new QuickClassifierOptions { Trees = new GradientBoostedTreeSettings { Trees = 100, Leaves = 8, MinimumRowsPerLeaf = 10, LearningRate = 0.1 } });
        var auc = DeLong.Auc(Labels(test, "class", "2"), probabilities);
        output.WriteLine($"german credit held-out ROC AUC {auc.Auc:F4} [{auc.Lower:F4}, {auc.Upper:F4}]");
        Assert.True(auc.Auc > 0.7, $"AUC {auc.Auc}");
    }

    [Fact]
    public void ASingleClassTrainingSetIsACallerError()
    {
        var frame = new DataFrame([new NumericColumn("x", [1, 2, 3]), CategoricalColumn.FromStrings("y", ["a", "a", "a"])]);
        Assert.Throws<ArgumentException>(() => QuickClassifier.FitPredict(frame, "y", "b", frame));
    }
}
