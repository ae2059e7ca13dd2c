using Vigil.Core.Data;
using Vigil.Core.Quality.Checks;
using Vigil.IO;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Quality.Checks;

public sealed class LeakageAndSyntheticChecksTests
{
    private static readonly Lazy<DataFrame> Synthetic = new(() => DataFile.Read(Paths.Fixture("quality", "leakage.csv")));

    [Fact]
    public void PlantedLeakWithTwoPercentNoiseIsFoundAndHonestColumnsAreNot()
    {
        // leakage.csv: target copied into leak_numeric / leak_text with 2% of rows flipped (gen_quality.py)
        var result = DataChecker.Run(new DataCheckInput(Synthetic.Value, "target"));
        var leaks = result.Findings.Where(f => f.CheckId == "target_leakage").ToList();
        Assert.Equal(["leak_numeric", "leak_text"], leaks.Select(f => f.Columns[0]).Order());
        Assert.All(leaks, f => Assert.Equal(CheckSeverity.Error, f.Severity));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void SyntheticAucAndMutualInformationMatchScikitLearn()
    {
        using var reference = Fixture.Load("quality/leakage.json");
        var frame = Synthetic.Value;
        var labels = LabelClasses.Of(frame["target"]);
        var s = new DataCheckSettings();
        foreach (var p in reference.RootElement.GetProperty("auc").EnumerateObject())
            Assert.Equal(p.Value.GetDouble(), TargetLeakageCheck.SingleFeatureAuc(frame[p.Name], labels, s), 1e-9);
        foreach (var p in reference.RootElement.GetProperty("nmi").EnumerateObject())
            Assert.Equal(p.Value.GetDouble(), TargetLeakageCheck.NormalizedMutualInformation(frame[p.Name], labels, s), 1e-9);
    }

    [Fact]
    public void IdLikeCategoricalColumnIsNotALeakThanksToOutOfFoldRates()
    {
        var n = 2000;
        var rng = new Random(3);
        var ids = Enumerable.Range(0, n).Select(i => $"id{i}").ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 0 ? "no" : "yes").ToArray();
        var frame = new DataFrame([CategoricalColumn.FromStrings("id", ids), CategoricalColumn.FromStrings("y", y)]);
        var auc = TargetLeakageCheck.SingleFeatureAuc(frame["id"], LabelClasses.Of(frame["y"]), new DataCheckSettings());
        Assert.InRange(auc, 0.5, 0.55); // an in-sample rate would give exactly 1
        Assert.DoesNotContain(DataChecker.Run(new DataCheckInput(frame, "y")).Findings, f => f.CheckId == "target_leakage");
    }

    [Fact]
    public void MixedTypesReportTheNonNumericRowsWithTheirLines()
    {
        var path = Path.Combine(Paths.TempFolder(), "mixed.csv");
        var lines = new List<string> { "amount,kind" };
        for (var i = 0; i < 50; i++) lines.Add(i == 10 ? "?,a" : i == 30 ? "12 kg,b" : $"{i}.5,{(i % 2 == 0 ? "a" : "b")}");
        File.WriteAllLines(path, lines);
        var result = DataChecker.Run(new DataCheckInput(DataFile.Read(path)));
        var f = result.Findings.Single(x => x.CheckId == "mixed_types");
        Assert.Equal(["amount"], f.Columns);
        Assert.Equal(2, f.Number("non_numeric_rows"));
        Assert.Equal(48.0 / 50, f.Number("numeric_share"), 12);
        Assert.Equal([12, 32], f.Samples.Select(s => s.Line)); // header is line 1, row i is line i + 2
        Assert.DoesNotContain(result.Findings, x => x.CheckId == "mixed_types" && x.Columns[0] == "kind");
    }

    [Fact]
    public void ConstantAndAlmostConstantColumns()
    {
        var n = 1000;
        var frame = new DataFrame(
        [
            new NumericColumn("same", Enumerable.Repeat(4.0, n).ToArray()),
            CategoricalColumn.FromStrings("rare", Enumerable.Range(0, n).Select(i => i < 5 ? "b" : "a").ToArray()),
            CategoricalColumn.FromStrings("usual", Enumerable.Range(0, n).Select(i => i < 20 ? "b" : "a").ToArray()),
            new NumericColumn("empty", Enumerable.Repeat(double.NaN, n).ToArray()),
        ]);
        var findings = new ConstantColumnsCheck().Run(new DataCheckInput(frame));
        Assert.Equal(CheckSeverity.Warn, findings.Single(f => f.Columns[0] == "same").Severity);
        var rare = findings.Single(f => f.Columns[0] == "rare");
        Assert.Equal(CheckSeverity.Info, rare.Severity);
        Assert.Equal(0.995, rare.Number("top_share"), 12);
        Assert.DoesNotContain(findings, f => f.Columns[0] == "usual"); // 98% < 99%
        Assert.Contains(findings, f => f.Columns[0] == "empty");
    }

    [Fact]
    public void ImbalanceWarnsBelowTenPercentAndDuplicatesCountBeyondTheFirst()
    {
        var y = Enumerable.Range(0, 100).Select(i => i < 9 ? "fraud" : "ok").ToArray();
        var x = Enumerable.Range(0, 100).Select(i => (double)(i % 50)).ToArray(); // each row appears twice except the label differs for 0..8 vs 50..58
        var frame = new DataFrame([new NumericColumn("x", x), CategoricalColumn.FromStrings("y", y)]);
        var result = DataChecker.Run(new DataCheckInput(frame, "y"));
        var imbalance = result.Findings.Single(f => f.CheckId == "class_imbalance");
        Assert.Equal(CheckSeverity.Warn, imbalance.Severity);
        Assert.Equal(0.09, imbalance.Number("minority_share"), 12);
        // rows 50..99 repeat rows 0..49 in x; with the label, rows 59..99 are exact duplicates of 9..49
        Assert.Equal(41, result.Findings.Single(f => f.CheckId == "duplicate_rows").Number("duplicate_rows"));
        var conflict = result.Findings.Single(f => f.CheckId == "conflicting_labels");
        Assert.Equal(9, conflict.Number("groups"));
        Assert.Equal(18, conflict.Number("conflicting_rows"));
    }

    [Fact]
    public void ChecksNeedingALabelOrTestAreSkippedWithAReason()
    {
        var frame = new DataFrame([new NumericColumn("x", [1, 2, 3])]);
        var result = DataChecker.Run(new DataCheckInput(frame));
        Assert.Contains(result.Skipped, s => s.CheckId == "target_leakage" && s.Reason.Contains("--label"));
        Assert.Contains(result.Skipped, s => s.CheckId == "train_test_overlap" && s.Reason.Contains("--test"));
        Assert.Throws<ArgumentException>(() => new DataCheckInput(frame, "nope"));
        Assert.Throws<ArgumentException>(() => new DataCheckInput(frame, null, new DataFrame([new NumericColumn("z", [1])])));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool DuplicateCountEqualsRowsMinusDistinct(int[] values)
    {
        var v = values ?? [];
        var frame = new DataFrame([new NumericColumn("v", v.Select(x => (double)(x % 7)).ToArray())]);
        var f = new DuplicateRowsCheck().Run(new DataCheckInput(frame));
        var expected = v.Length - v.Select(x => x % 7).Distinct().Count();
        return expected == 0 ? f.Count == 0 : (int)f[0].Number("duplicate_rows") == expected;
    }
}
