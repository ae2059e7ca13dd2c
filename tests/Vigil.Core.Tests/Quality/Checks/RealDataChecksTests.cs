using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Quality.Checks;
using Vigil.IO;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Quality.Checks;

/// <summary>Reference parity on adult and german credit against pandas / numpy / scipy / scikit-learn (tests/fixtures/gen_quality.py).</summary>
public sealed class RealDataChecksTests
{
    private static readonly Lazy<DataFrame> Adult = new(() => DataFile.Read(Paths.Data("adult", "adult.csv")));
    private static readonly Lazy<DataCheckResult> AdultResult = new(() => DataChecker.Run(new DataCheckInput(Adult.Value, "class")));

    public static TheoryData<string, string, string> Datasets => new()
    {
        { "adult", "adult/adult.csv", "class" },
        { "german_credit", "german_credit/german_credit_with_header.csv", "class" },
    };

    private static DataFrame Load(string file) => file.StartsWith("adult", StringComparison.Ordinal) ? Adult.Value : DataFile.Read(Paths.Data(file.Split('/')));

    [Fact]
    public void AdultDuplicatesMatchPandasDuplicated()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var r = reference.RootElement;
        var f = AdultResult.Value.Findings.Single(x => x.CheckId == "duplicate_rows");
        Assert.Equal(r.GetProperty("duplicate_rows").GetInt32(), (int)f.Number("duplicate_rows"));
        Assert.Equal(r.GetProperty("duplicate_groups").GetInt32(), (int)f.Number("groups"));
        Assert.True(f.Number("duplicate_rows") > 0);
        Assert.Equal(20, f.Samples.Count);
        // sample lines point at real duplicates: the line's text equals the text of the line it repeats
        var lines = File.ReadAllLines(Paths.Data("adult", "adult.csv"));
        foreach (var s in f.Samples)
        {
            var other = int.Parse(s.Detail.Split(' ')[^1]);
            Assert.Equal(lines[other - 1], lines[s.Line - 1]);
            Assert.True(other < s.Line);
        }
    }

    [Fact]
    public void AdultConflictingLabelsMatchPandasGroupBy()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var r = reference.RootElement;
        var f = AdultResult.Value.Findings.Single(x => x.CheckId == "conflicting_labels");
        Assert.Equal(r.GetProperty("conflicting_rows").GetInt32(), (int)f.Number("conflicting_rows"));
        Assert.Equal(r.GetProperty("conflicting_groups").GetInt32(), (int)f.Number("groups"));
    }

    [Fact]
    public void AdultClassSharesMatchPandasValueCounts()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var f = AdultResult.Value.Findings.Single(x => x.CheckId == "class_imbalance");
        foreach (var p in reference.RootElement.GetProperty("class_shares").EnumerateObject())
            Assert.Equal(p.Value.GetDouble(), f.Number($"share[{p.Name}]"), 12);
        Assert.Equal(CheckSeverity.Info, f.Severity); // 23.9% minority is not below 10%
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void OutlierCountsMatchNumpyAndScipy(string name, string file, string label)
    {
        using var reference = Fixture.Load($"quality/{name}.json");
        var frame = Load(file);
        foreach (var p in reference.RootElement.GetProperty("outliers").EnumerateObject())
        {
            var col = (NumericColumn)frame[p.Name];
            var s = OutliersCheck.Compute(col.Values);
            Assert.Equal(p.Value.GetProperty("iqr_outliers").GetInt32(), s.IqrOutliers);
            Assert.Equal(p.Value.GetProperty("lower_fence").GetDouble(), s.LowerFence, 1e-9);
            Assert.Equal(p.Value.GetProperty("upper_fence").GetDouble(), s.UpperFence, 1e-9);
            Assert.Equal(p.Value.GetProperty("median").GetDouble(), s.Median, 1e-9);
            Assert.Equal(p.Value.GetProperty("mad").GetDouble(), s.Mad, 1e-9);
            var robust = p.Value.GetProperty("robust_z_outliers");
            if (robust.ValueKind == JsonValueKind.Null) Assert.True(double.IsNaN(s.RobustZOutliers), $"{p.Name}: MAD = 0 must leave the modified z undefined");
            else Assert.Equal(robust.GetInt32(), (int)s.RobustZOutliers);
        }
        Assert.True(frame.Contains(label));
    }

    [Fact]
    public void AdultFnlwgtOutliersAreReportedWithTheMostExtremeSamples()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var expected = reference.RootElement.GetProperty("outliers").GetProperty("fnlwgt");
        var f = AdultResult.Value.Findings.Single(x => x.CheckId == "outliers" && x.Columns[0] == "fnlwgt");
        Assert.Equal(expected.GetProperty("iqr_outliers").GetInt32(), (int)f.Number("iqr_outliers"));
        Assert.Equal(expected.GetProperty("robust_z_outliers").GetInt32(), (int)f.Number("robust_z_outliers"));
        var max = ((NumericColumn)Adult.Value["fnlwgt"]).Values.Max();
        Assert.Contains(max.ToString("R", System.Globalization.CultureInfo.InvariantCulture), f.Samples[0].Detail);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void SingleFeatureAucMatchesScikitLearn(string name, string file, string label)
    {
        using var reference = Fixture.Load($"quality/{name}.json");
        var frame = Load(file);
        var labels = LabelClasses.Of(frame[label]);
        var settings = new DataCheckSettings();
        foreach (var p in reference.RootElement.GetProperty("auc").EnumerateObject())
            Assert.Equal(p.Value.GetDouble(), TargetLeakageCheck.SingleFeatureAuc(frame[p.Name], labels, settings), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void NormalizedMutualInformationMatchesScikitLearn(string name, string file, string label)
    {
        using var reference = Fixture.Load($"quality/{name}.json");
        var frame = Load(file);
        var labels = LabelClasses.Of(frame[label]);
        var settings = new DataCheckSettings();
        foreach (var p in reference.RootElement.GetProperty("nmi").EnumerateObject())
            Assert.Equal(p.Value.GetDouble(), TargetLeakageCheck.NormalizedMutualInformation(frame[p.Name], labels, settings), 1e-9);
    }

    [Fact]
    public void GermanCreditHasNoDuplicatesAndNoLeakage()
    {
        using var reference = Fixture.Load("quality/german_credit.json");
        var result = DataChecker.Run(new DataCheckInput(DataFile.Read(Paths.Data("german_credit", "german_credit_with_header.csv")), "class"));
        var expectedDuplicates = reference.RootElement.GetProperty("duplicate_rows").GetInt32();
        Assert.Equal(expectedDuplicates, result.Findings.Where(f => f.CheckId == "duplicate_rows").Sum(f => (int)f.Number("duplicate_rows")));
        Assert.DoesNotContain(result.Findings, f => f.CheckId == "target_leakage");
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void AdultTrainTestOverlapMatchesPandasMerge()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var expected = reference.RootElement.GetProperty("overlap");
        var adult = Adult.Value;
        var split = (CategoricalColumn)adult["split"];
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < adult.RowCount; i++) (split.GetText(i) == "train" ? train : test).Add(i);
        var keep = adult.Columns.Where(c => c.Name != "split").ToList();
        var noSplit = new DataFrame(keep, adult.Source, adult.SourceLines);
        var input = new DataCheckInput(noSplit.Take(train.ToArray()), "class", noSplit.Take(test.ToArray()));
        var f = new TrainTestOverlapCheck().Run(input).Single();
        Assert.Equal(expected.GetProperty("overlapping_test_rows").GetInt32(), (int)f.Number("overlapping_test_rows"));
        Assert.Equal(expected.GetProperty("test_rows").GetInt32(), (int)f.Number("test_rows"));
        Assert.Equal(CheckSeverity.Warn, f.Severity);
        Assert.All(f.Samples, s => Assert.Equal("test", s.Source));
    }
}
