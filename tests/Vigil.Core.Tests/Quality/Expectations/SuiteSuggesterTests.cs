using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Core.Data;
using Vigil.Core.Quality.Expectations;
using Vigil.IO.Csv;
using Xunit;

namespace Vigil.Core.Tests.Quality.Expectations;

/// <summary>The suggested suite passes on its own data and each planted corruption makes an error-severity check fail.</summary>
public class SuiteSuggesterTests
{
    // 1,000 seeded rows: id (unique), amount (continuous), qty (integer), colour (4 categories), note (some missing)
    private static string TrustedCsv(int seed = 7, int n = 1000)
    {
        var rng = new Random(seed);
        var colours = new[] { "red", "green", "blue", "black" };
        var sb = new StringBuilder("id,amount,qty,colour,note\n");
        for (var i = 0; i < n; i++)
        {
            var amount = 50 + 20 * (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5);
            var note = rng.NextDouble() < 0.1 ? "" : "n" + rng.Next(30);
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1},{amount:0.###},{rng.Next(1, 10)},{colours[rng.Next(4)]},{note}\n");
        }
        return sb.ToString();
    }

    private static DataFrame Parse(string csv) => CsvReader.Parse(Encoding.UTF8.GetBytes(csv), "trusted.csv");

    private static ValidationResult Validate(DataFrame suggestFrom, DataFrame data) =>
        ExpectationFactory.Create(SuiteSuggester.Suggest(suggestFrom)).Validate(new ExpectationContext(data));

    private static List<string[]> Rows(string csv) => csv.TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();

    private static string Join(List<string[]> rows) => string.Join("\n", rows.Select(r => string.Join(',', r))) + "\n";

    private static void AssertErrorFails(ValidationResult r, string check, string? column)
    {
        Assert.False(r.Success);
        Assert.Contains(r.Results, x => !x.Success && x.Severity == ExpectationSeverity.Error && x.Check == check && (column is null || x.Columns.Contains(column)));
    }

    [Fact]
    public void SuggestedSuitePassesOnItsOwnData()
    {
        var frame = Parse(TrustedCsv());
        var doc = SuiteSuggester.Suggest(frame);
        var r = ExpectationFactory.Create(doc).Validate(new ExpectationContext(frame));
        Assert.True(r.Success);
        Assert.Equal(r.Checks, r.Passed);
        var checks = doc.Checks.Select(c => (c.Check, Column: c.Parameters.FirstOrDefault(p => p.Key == "column").Value?.Scalar)).ToList();
        Assert.Contains(("unique", "id"), checks);
        Assert.DoesNotContain(("unique", "amount"), checks);
        Assert.Contains(("in_set", "colour"), checks);
        Assert.Contains(("between", "amount"), checks);
        Assert.Contains(doc.Checks, c => c.Check == "no_duplicate_rows");
        Assert.All(doc.Checks, c => Assert.False(string.IsNullOrEmpty(c.Comment)));
        var notNullNote = doc.Checks.Single(c => c.Check == "not_null" && c.Parameters[0].Value.Scalar == "note");
        Assert.Contains(notNullNote.Parameters, p => p.Key == "mostly");
        var rowCount = doc.Checks.Single(c => c.Check == "row_count_between");
        Assert.Equal("500", rowCount.Parameters[0].Value.Scalar);
        Assert.Equal("1500", rowCount.Parameters[1].Value.Scalar);
    }

    [Fact]
    public void CategoryReplacedByUnseenValueIsCaught()
    {
        var csv = TrustedCsv();
        var rows = Rows(csv);
        var red = Enumerable.Range(1, rows.Count - 1).Where(i => rows[i][3] == "red").ToList();
        foreach (var i in red.Take(Math.Max(1, red.Count / 20))) rows[i][3] = "purple";
        var r = Validate(Parse(csv), Parse(Join(rows)));
        AssertErrorFails(r, "in_set", "colour");
        Assert.Contains("'purple'", r.Results.First(x => x.Check == "in_set" && x.Columns[0] == "colour").Reason);
    }

    [Fact]
    public void NumericColumnTimesHundredIsCaught()
    {
        var csv = TrustedCsv();
        var rows = Rows(csv);
        for (var i = 1; i < rows.Count; i++) rows[i][1] = (double.Parse(rows[i][1], CultureInfo.InvariantCulture) * 100).ToString(CultureInfo.InvariantCulture);
        AssertErrorFails(Validate(Parse(csv), Parse(Join(rows))), "between", "amount");
    }

    [Fact]
    public void TwentyPercentBlankedIsCaught()
    {
        var csv = TrustedCsv();
        foreach (var (col, name) in new[] { (2, "qty"), (4, "note") })
        {
            var rows = Rows(csv);
            for (var i = 1; i < rows.Count; i++) if (i % 5 == 0) rows[i][col] = "";
            AssertErrorFails(Validate(Parse(csv), Parse(Join(rows))), "not_null", name);
        }
    }

    [Fact]
    public void DuplicatedRowsAreCaught()
    {
        var csv = TrustedCsv();
        var rows = Rows(csv);
        rows.AddRange(rows.Skip(1).Take(30).ToList());
        var r = Validate(Parse(csv), Parse(Join(rows)));
        AssertErrorFails(r, "no_duplicate_rows", null);
        AssertErrorFails(r, "unique", "id");
    }

    [FsCheck.Xunit.Property(MaxTest = 25)]
    public Property AnySuggestedSuitePassesOnItsOwnData(int seed, PositiveInt size)
    {
        var n = 2 + size.Get % 300;
        var frame = Parse(TrustedCsv(seed, n));
        var r = Validate(frame, frame);
        return (r.Success && r.FailedWarn == 0).Label(string.Join("; ", r.Results.Where(x => !x.Success).Select(x => $"{x.Check} {string.Join(",", x.Columns)}: {x.Reason}")));
    }
}
