using System.Text;
using Vigil.Core.Data;
using Vigil.Core.Quality.Expectations;
using Vigil.IO;
using Vigil.IO.Csv;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Quality.Expectations;

/// <summary>Each check against values frozen from numpy/pandas by tests/fixtures/gen_validate.py, plus hand-checked small cases.</summary>
public class ExpectationChecksTests
{
    private static readonly Lazy<DataFrame> Sample = new(() => DataFile.Read(Paths.Fixture("validate", "sample.csv")));
    private static readonly Lazy<System.Text.Json.JsonElement> Ref = new(() => Fixture.Load("validate/sample.json").RootElement);

    private static double R(string key) => Ref.Value.GetProperty(key).GetDouble();

    private static long L(string key) => Ref.Value.GetProperty(key).GetInt64();

    private static ExpectationResult Run(IExpectation e, DataFrame? frame = null, TimeProvider? clock = null) =>
        e.Evaluate(new ExpectationContext(frame ?? Sample.Value, clock));

    private static DataFrame Csv(string text) => CsvReader.Parse(Encoding.UTF8.GetBytes(text), "t.csv");

    [Fact]
    public void MeanStdevQuantilesMatchNumpyAndPandas()
    {
        var mean = Run(new MeanBetweenExpectation("x", 0, 100));
        Approx.Equal(R("x_mean"), mean.ObservedValue!.Value, 1e-12);
        var sd = Run(new StandardDeviationBetweenExpectation("x", 0, 100));
        Approx.Equal(R("x_std_ddof1"), sd.ObservedValue!.Value, 1e-12);
        foreach (var q in Ref.Value.GetProperty("x_quantiles").EnumerateObject())
        {
            var level = double.Parse(q.Name, System.Globalization.CultureInfo.InvariantCulture);
            var r = Run(new QuantileBetweenExpectation("x", level, -100, 100));
            Approx.Equal(q.Value.GetDouble(), r.ObservedValue!.Value, 1e-12);
        }
        var narrow = Run(new MeanBetweenExpectation("x", R("x_mean") + 0.01, null));
        Assert.False(narrow.Success);
        Assert.Contains("mean", narrow.Reason);
    }

    [Fact]
    public void RowLevelCountsMatchPandas()
    {
        Assert.Equal(L("x_missing"), Run(new NotNullExpectation("x")).FailingCount!.Value);
        Assert.Equal(L("duplicated_id"), Run(new UniqueExpectation("id")).FailingCount!.Value);
        Assert.Equal(L("duplicated_rows"), Run(new NoDuplicateRowsExpectation()).FailingCount!.Value);
        Assert.Equal(L("duplicated_rows_on_cat_k"), Run(new NoDuplicateRowsExpectation(["cat", "k"])).FailingCount!.Value);
        Assert.Equal(L("x_outside_5_15"), Run(new BetweenExpectation("x", 5, 15)).FailingCount!.Value);
        Assert.Equal(L("x_outside_5_15_strict"), Run(new BetweenExpectation("x", 5, 15, strictMin: true, strictMax: true)).FailingCount!.Value);
        Assert.Equal(L("cat_not_in_red_green"), Run(new InSetExpectation("cat", ["red", "green"])).FailingCount!.Value);
        Assert.Equal(L("rows") - L("cat_not_in_red_green"), Run(new InSetExpectation("cat", ["red", "green"], exclude: true)).FailingCount!.Value);
        Assert.Equal(L("k_lt_id"), Run(new ColumnPairExpectation("k", "id", "<")).FailingCount!.Value);
        Assert.Equal(L("cat_regex_e_end"), Run(new RegexExpectation("cat", "e$")).FailingCount!.Value);
        Assert.Equal(L("cat_len_outside_4_5"), Run(new LengthBetweenExpectation("cat", 4, 5)).FailingCount!.Value);
        Assert.Equal(R("x_nunique"), Run(new DistinctCountBetweenExpectation("x", 0, null)).ObservedValue!.Value);
        Assert.Equal(R("k_nunique"), Run(new DistinctCountBetweenExpectation("k", 0, null)).ObservedValue!.Value);
    }

    [Fact]
    public void FailingRowsCarryTheSourceLineAndValue()
    {
        // header is line 1, so the row holding -3 (third data row) is on line 4
        var f = Csv("a,b\n1,x\n2,y\n-3,z\n4,\n");
        var between = Run(new BetweenExpectation("a", 0, null), f);
        Assert.False(between.Success);
        Assert.Equal(1, between.FailingCount);
        Assert.Equal(new FailingRow(4, "-3"), between.FailingRows[0]);
        var nulls = Run(new NotNullExpectation("b"), f);
        Assert.Equal(new FailingRow(5, null), nulls.FailingRows[0]);
        Assert.Equal(0.75, nulls.ObservedValue);
        Assert.True(Run(new NotNullExpectation("b", mostly: 0.75), f).Success);
        Assert.False(Run(new NotNullExpectation("b", mostly: 0.76), f).Success);
        Assert.True(Run(new NullShareAtMostExpectation("b", 0.25), f).Success);
        Assert.False(Run(new NullShareAtMostExpectation("b", 0.2), f).Success);
    }

    [Fact]
    public void SamplesStopAtTwentyButTheCountGoesOn()
    {
        var sb = new StringBuilder("v\n");
        for (var i = 0; i < 100; i++) sb.Append(i).Append('\n');
        var r = Run(new BetweenExpectation("v", null, 9), Csv(sb.ToString()));
        Assert.Equal(90, r.FailingCount);
        Assert.Equal(FailureSample.MaxRows, r.FailingRows.Count);
        Assert.Equal(new FailingRow(12, "10"), r.FailingRows[0]);
    }

    [Fact]
    public void MissingColumnFailsWithAClearReason()
    {
        var r = Run(new BetweenExpectation("nope", 0, 1));
        Assert.False(r.Success);
        Assert.Contains("column 'nope' not found", r.Reason);
        Assert.Contains("id, x, k, cat", r.Reason);
        Assert.False(Run(new ColumnPairExpectation("id", "nope", "<")).Success);
        Assert.False(Run(new NoDuplicateRowsExpectation(["nope"])).Success);
    }

    [Fact]
    public void BetweenOnTextColumnCountsNonNumbersAsFailures()
    {
        var f = Csv("a\n1\n2\nn/a!\n3\n");
        Assert.Equal(ColumnType.Categorical, f["a"].Type);
        var r = Run(new BetweenExpectation("a", 0, 10), f);
        Assert.Equal(1, r.FailingCount);
        Assert.Equal(new FailingRow(4, "n/a!"), r.FailingRows[0]);
        var t = Run(new TypeExpectation("a", "numeric"), f);
        Assert.False(t.Success);
        Assert.Equal("categorical", t.ObservedText);
        Assert.Equal(1, t.FailingCount);
        Assert.True(Run(new TypeExpectation("a", "string"), f).Success);
    }

    [Fact]
    public void ColumnSetExactAndIncludes()
    {
        var exact = Run(new ColumnSetExpectation(["id", "x", "k"]));
        Assert.False(exact.Success);
        Assert.Contains("unexpected: cat", exact.Reason);
        Assert.True(Run(new ColumnSetExpectation(["k", "id", "x"], ColumnSetMode.Includes)).Success);
        Assert.True(Run(new ColumnSetExpectation(["cat", "k", "id", "x"])).Success);
        var missing = Run(new ColumnSetExpectation(["id", "y"], ColumnSetMode.Includes));
        Assert.Contains("missing: y", missing.Reason);
    }

    [Fact]
    public void RowCountBounds()
    {
        Assert.True(Run(new RowCountBetweenExpectation(512, 512)).Success);
        Assert.False(Run(new RowCountBetweenExpectation(513, null)).Success);
    }

    [Fact]
    public void ColumnPairOnTimestampsAndEquality()
    {
        var f = Csv("start,end,a,b\n2024-01-01,2024-01-02,x,x\n2024-01-03,2024-01-02,y,z\n2024-01-05,2024-01-05,z,z\n");
        Assert.Equal(2, Run(new ColumnPairExpectation("start", "end", "<"), f).FailingCount);
        Assert.Equal(1, Run(new ColumnPairExpectation("start", "end", "<="), f).FailingCount);
        var eq = Run(new ColumnPairExpectation("a", "b", "=="), f);
        Assert.Equal(new FailingRow(3, "y | z"), eq.FailingRows.Single());
        Assert.False(Run(new ColumnPairExpectation("a", "b", "<"), f).Success);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("30s", false)]
    [InlineData("15min", false)]
    [InlineData("1h", false)]
    [InlineData("1d", true)]
    [InlineData("1w", true)]
    public void FreshnessUsesTheInjectedClock(string maxAge, bool fresh)
    {
        // latest 2024-05-01T12:00Z, now 2024-05-02T06:00Z → 18 h old
        var f = Csv("t\n2024-05-01T10:00:00Z\n2024-05-01T12:00:00Z\n");
        var clock = new FixedClock(new DateTimeOffset(2024, 5, 2, 6, 0, 0, TimeSpan.Zero));
        var r = Run(new FreshnessExpectation("t", ExpectationText.ParseDuration(maxAge)), f, clock);
        Assert.Equal(fresh, r.Success);
        Assert.Equal(18 * 3600, r.ObservedValue);
        Assert.Contains("2024-05-01T12:00:00Z", r.ObservedText);
    }

    [Theory]
    [InlineData("1M")]
    [InlineData("0h")]
    [InlineData("h")]
    [InlineData("3 days")]
    public void BadDurationsAreRejected(string text) => Assert.Throws<ArgumentException>(() => ExpectationText.ParseDuration(text));

    [Fact]
    public void DriftAgainstUsesThePerMethodApi()
    {
        var reference = Csv("v,c\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{i % 50},{(i % 2 == 0 ? "a" : "b")}")) + "\n");
        var shifted = Csv("v,c\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{i % 50 + 40},{(i % 5 == 0 ? "a" : "b")}")) + "\n");
        var same = Csv("v,c\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{(i * 7) % 50},{(i % 2 == 1 ? "a" : "b")}")) + "\n");
        DataFrame Loader(string _) => reference;
        ExpectationResult Go(IExpectation e, DataFrame d) => e.Evaluate(new ExpectationContext(d, null, Loader));
        var ks = new DriftAgainstExpectation("v", "ref.csv", "ks");
        Assert.False(Go(ks, shifted).Success);
        Assert.True(Go(ks, same).Success);
        Assert.Contains("ks p-value", Go(ks, shifted).Reason);
        var auto = new DriftAgainstExpectation("c", "ref.csv");
        Assert.False(Go(auto, shifted).Success);
        Assert.True(Go(auto, same).Success);
        var wrong = Go(new DriftAgainstExpectation("v", "ref.csv", "chisquare"), shifted);
        Assert.False(wrong.Success);
        Assert.Contains("numeric", wrong.Reason);
        var noLoader = ks.Evaluate(new ExpectationContext(shifted));
        Assert.False(noLoader.Success);
        Assert.Contains("cannot read reference", noLoader.Reason);
        Assert.Throws<ArgumentException>(() => new DriftAgainstExpectation("v", "r.csv", "no_such_method"));
        Assert.Throws<ArgumentException>(() => new DriftAgainstExpectation("v", "r.csv", "wasserstein"));
    }

    [Fact]
    public void SuiteCountsErrorsAndWarnings()
    {
        var suite = new ExpectationSuite("s",
        [
            new RowCountBetweenExpectation(1, null),
            new BetweenExpectation("x", 100, null),
            new MeanBetweenExpectation("x", 100, null, new ExpectationOptions(ExpectationSeverity.Warn, "mean high")),
        ]);
        var r = suite.Validate(new ExpectationContext(Sample.Value));
        Assert.Equal(3, r.Checks);
        Assert.Equal(1, r.Passed);
        Assert.Equal(1, r.FailedError);
        Assert.Equal(1, r.FailedWarn);
        Assert.False(r.Success);
        Assert.Equal("mean high", r.Results[2].Name);
    }
}
