using Vigil.Core.Data;
using Vigil.Models;
using Xunit;

namespace Vigil.Models.Tests;

public class FeatureEncoderTests
{
    private static DataFrame Frame(params Column[] columns) => new(columns);

    [Fact]
    public void NumericValuesPassThroughWithNaNKept()
    {
        var frame = Frame(new NumericColumn("x", [1.5, double.NaN, -2]));
        var encoder = FeatureEncoder.Fit([frame], ["x"]);
        var m = encoder.Encode(frame);
        Assert.Equal(["x"], encoder.FeatureNames);
        Assert.Equal(1.5f, m[0]);
        Assert.True(float.IsNaN(m[1]));
        Assert.Equal(-2f, m[2]);
    }

    [Fact]
    public void CategoriesAreCappedByFrequencyWithOtherForTheRestAndForUnseen()
    {
        // 40 categories: "c00" appears 40 times, "c01" 39 times, ... so the 30 most frequent are c00..c29.
        var values = new List<string?>();
        for (var c = 0; c < 40; c++)
            for (var r = 0; r < 40 - c; r++) values.Add($"c{c:00}");
        values.Add(null);
        var frame = Frame(CategoricalColumn.FromStrings("color", values));
        var encoder = FeatureEncoder.Fit([frame], ["color"]);
        Assert.Equal(31, encoder.Width);
        Assert.Equal("color=c00", encoder.FeatureNames[0]);
        Assert.Equal("color=c29", encoder.FeatureNames[29]);
        Assert.Equal("color=(other)", encoder.FeatureNames[30]);
        Assert.All(encoder.SourceColumns, s => Assert.Equal("color", s));

        var later = Frame(CategoricalColumn.FromStrings("color", ["c05", "c35", "never-seen", null]));
        var m = encoder.Encode(later);
        Assert.Equal(1f, m[0 * 31 + 5]);
        Assert.Equal(1f, m[1 * 31 + 30]);
        Assert.Equal(1f, m[2 * 31 + 30]);
        for (var j = 0; j < 31; j++) Assert.Equal(0f, m[3 * 31 + j]);
        for (var r = 0; r < 3; r++)
        {
            float sum = 0;
            for (var j = 0; j < 31; j++) sum += m[r * 31 + j];
            Assert.Equal(1f, sum);
        }
    }

    [Fact]
    public void FrequenciesArePooledOverFramesAndMatchedByText()
    {
        // Codes differ between the frames ("b" is code 1 in the first, code 0 in the second).
        var a = Frame(CategoricalColumn.FromStrings("k", ["a", "b", "a"]));
        var b = Frame(CategoricalColumn.FromStrings("k", ["b", "b", "b", "c"]));
        var encoder = FeatureEncoder.Fit([a, b], ["k"], maxCategories: 2);
        Assert.Equal(["k=b", "k=a", "k=(other)"], encoder.FeatureNames);
        var m = encoder.Encode(b);
        Assert.Equal([1f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 1f], m);
    }

    [Fact]
    public void TextTimestampEmptyAndAbsentColumnsAreSkippedWithReasons()
    {
        var frame = Frame(
            new NumericColumn("x", [1, 2]),
            CategoricalColumn.FromStrings("note", ["hello", "world"], ColumnType.Text),
            new TimestampColumn("t", [0, 1]),
            new NumericColumn("empty", [double.NaN, double.NaN]));
        var encoder = FeatureEncoder.Fit([frame], ["x", "note", "t", "empty", "absent"]);
        Assert.Equal(["x"], encoder.FeatureNames);
        Assert.Equal(["note", "t", "empty", "absent"], encoder.SkippedColumns.Select(s => s.Column));
        Assert.Contains("text", encoder.SkippedColumns[0].Reason);
        Assert.Contains("timestamp", encoder.SkippedColumns[1].Reason);
        Assert.Contains("no values", encoder.SkippedColumns[2].Reason);
        Assert.Contains("not in", encoder.SkippedColumns[3].Reason);
    }

    [FsCheck.Xunit.Property]
    public bool StratifiedFoldsBalanceEachClass(bool[] labels, byte folds)
    {
        var k = 2 + folds % 6;
        var assignment = GradientBoostedDomainClassifier.StratifiedFolds(labels, k, 7);
        foreach (var cls in new[] { false, true })
        {
            var counts = new int[k];
            for (var i = 0; i < labels.Length; i++) if (labels[i] == cls) counts[assignment[i]]++;
            if (counts.Max() - counts.Min() > 1) return false;
        }
        return true;
    }
}
