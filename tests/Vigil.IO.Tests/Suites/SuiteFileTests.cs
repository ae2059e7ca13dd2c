using Vigil.Core.Data;
using Vigil.Core.Quality.Expectations;
using Vigil.IO.Suites;
using Xunit;

namespace Vigil.IO.Tests.Suites;

public class SuiteFileTests
{
    private const string Yaml = """
        # a comment
        suite: orders
        checks:
          - check: not_null
            column: id
          - check: between
            column: amount
            min: 0
            max: 1e6
            strict_min: true
            severity: warn
            name: amount range
          - check: in_set
            column: colour
            values: [red, "green", 'blue']
          - check: column_pair
            column_a: start
            column_b: end
            op: "<="
          - check: freshness
            column: ts
            max_age: 15min
          - check: column_set
            columns:
              - id
              - amount
            mode: includes
          - check: no_duplicate_rows
        """;

    private static DataFormatException Invalid(string text) => Assert.Throws<DataFormatException>(() => SuiteFile.Build(SuiteFile.Parse(text, "s.yaml"), "s.yaml"));

    [Fact]
    public void ReadsEveryShapeOfParameter()
    {
        var suite = SuiteFile.Build(SuiteFile.Parse(Yaml, "s.yaml"), "s.yaml");
        Assert.Equal("orders", suite.Name);
        Assert.Equal(7, suite.Expectations.Count);
        var between = Assert.IsType<BetweenExpectation>(suite.Expectations[1]);
        Assert.Equal(1e6, between.Max);
        Assert.True(between.StrictMin);
        Assert.False(between.StrictMax);
        Assert.Equal(ExpectationSeverity.Warn, between.Severity);
        Assert.Equal("amount range", between.Name);
        Assert.Equal(["red", "green", "blue"], Assert.IsType<InSetExpectation>(suite.Expectations[2]).Values);
        Assert.Equal("<=", Assert.IsType<ColumnPairExpectation>(suite.Expectations[3]).Operator);
        Assert.Equal(TimeSpan.FromMinutes(15), Assert.IsType<FreshnessExpectation>(suite.Expectations[4]).MaxAge);
        Assert.Equal(ColumnSetMode.Includes, Assert.IsType<ColumnSetExpectation>(suite.Expectations[5]).Mode);
        Assert.Equal(ExpectationSeverity.Error, suite.Expectations[6].Severity);
    }

    [Fact]
    public void JsonIsAccepted()
    {
        const string json = """
            {"suite": "j", "checks": [
              {"check": "between", "column": "a", "min": 0, "max": 5},
              {"check": "in_set", "column": "c", "values": ["x", "y"], "severity": "warn"}
            ]}
            """;
        var suite = SuiteFile.Build(SuiteFile.Parse(json, "s.json"), "s.json");
        Assert.Equal(5, Assert.IsType<BetweenExpectation>(suite.Expectations[0]).Max);
        Assert.Equal(ExpectationSeverity.Warn, suite.Expectations[1].Severity);
        var bad = Invalid("{\"checks\": [\n {\"check\": \"between\", \"column\": \"a\"},\n {\"check\": \"bogus\"}\n]}");
        Assert.Equal(2, bad.Line);
    }

    [Fact]
    public void YamlSyntaxErrorPointsAtItsLine()
    {
        var e = Invalid("checks:\n  - check: not_null\n    column: [a\n  - check: unique\n");
        Assert.NotNull(e.Line);
        Assert.InRange(e.Line!.Value, 3, 5);
        Assert.Contains("s.yaml:", e.Message);
    }

    [Fact]
    public void UnknownCheckTypePointsAtTheCheck()
    {
        var e = Invalid("checks:\n  - check: not_null\n    column: a\n  - check: not_nul\n    column: b\n");
        Assert.Equal(4, e.Line);
        Assert.Contains("unknown check type 'not_nul'", e.Message);
        Assert.Contains("not_null", e.Message);
    }

    [Fact]
    public void MissingRequiredParameterPointsAtTheCheck()
    {
        var e = Invalid("checks:\n  - check: unique\n    column: a\n\n  - check: quantile_between\n    column: b\n    min: 1\n");
        Assert.Equal(5, e.Line);
        Assert.Contains("missing required parameter 'q'", e.Message);
    }

    [Fact]
    public void BadValuesAndUnknownParametersPointAtTheirLine()
    {
        var typo = Invalid("checks:\n  - check: between\n    column: a\n    mni: 0\n    max: 3\n");
        Assert.Equal(4, typo.Line);
        Assert.Contains("unknown parameter 'mni'", typo.Message);
        var nan = Invalid("checks:\n  - check: between\n    column: a\n    min: zero\n");
        Assert.Equal(4, nan.Line);
        Assert.Contains("must be a number", nan.Message);
        var severity = Invalid("checks:\n  - check: unique\n    column: a\n    severity: fatal\n");
        Assert.Equal(4, severity.Line);
        var inverted = Invalid("checks:\n  - check: unique\n    column: a\n  - check: between\n    column: a\n    min: 5\n    max: 1\n");
        Assert.Equal(4, inverted.Line);
        Assert.Contains("greater than max", inverted.Message);
        Assert.DoesNotContain("(Parameter", inverted.Message);
        var duration = Invalid("checks:\n  - check: freshness\n    column: t\n    max_age: 1M\n");
        Assert.Equal(2, duration.Line);
        var regex = Invalid("checks:\n  - check: regex\n    column: t\n    pattern: '[a-'\n");
        Assert.Contains("invalid pattern", regex.Message);
        Assert.Equal(1, Invalid("checks: 3\n").Line);
        Assert.Contains("no 'checks'", Invalid("suite: x\n").Message);
    }

    [Fact]
    public void FormatReadsBackToTheSameDocument()
    {
        var doc = new SuiteDocument("round \"trip\"",
        [
            new ExpectationSpec("in_set", [new("column", SuiteValue.Text("col: with # chars")), new("values", SuiteValue.List(["yes", "1", "a, b", "quote\"d", "back\\slash"]))]) { Comment = "two\nlines" },
            new ExpectationSpec("between", [new("column", SuiteValue.Text("x")), new("min", SuiteValue.Number(-0.1)), new("max", SuiteValue.Number(1e-7)), new("strict", SuiteValue.Flag(true))]),
            new ExpectationSpec("no_duplicate_rows", []),
        ]) { HeaderComments = ["header"] };
        var text = SuiteFile.Format(doc);
        Assert.StartsWith("# header\n", text);
        var back = SuiteFile.Parse(text, "rt.yaml");
        Assert.Equal(doc.Name, back.Name);
        Assert.Equal(3, back.Checks.Count);
        Assert.Equal(["yes", "1", "a, b", "quote\"d", "back\\slash"], back.Checks[0].Parameters[1].Value.Items!);
        Assert.Equal("col: with # chars", back.Checks[0].Parameters[0].Value.Scalar);
        var between = Assert.IsType<BetweenExpectation>(ExpectationFactory.Create(back.Checks[1]));
        Assert.Equal(-0.1, between.Min);
        Assert.Equal(1e-7, between.Max);
        Assert.True(between.StrictMin && between.StrictMax);
    }

    [Fact]
    public void SuggestedSuiteOfRealDataRoundTrips()
    {
        var frame = DataFile.Read(Vigil.TestSupport.Paths.Data("bike_sharing", "day.csv"));
        var doc = SuiteSuggester.Suggest(frame, name: "bike");
        var path = Path.Combine(Vigil.TestSupport.Paths.TempFolder(), "bike.yaml");
        SuiteFile.Write(path, doc);
        var suite = SuiteFile.Load(path);
        Assert.Equal(doc.Checks.Count, suite.Expectations.Count);
        Assert.True(suite.Validate(new ExpectationContext(frame)).Success);
    }
}
