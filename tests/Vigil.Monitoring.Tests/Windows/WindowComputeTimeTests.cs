using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Data;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Windows;
using Vigil.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Monitoring.Tests.Windows;

/// <summary>Per-window compute time with 25 features (20 numeric, 5 categorical), a 10,000-row reference, binary scores and labels.</summary>
public sealed class WindowComputeTimeTests(ITestOutputHelper output)
{
    private const int NumericFeatures = 20;
    private const int CategoricalFeatures = 5;
    private static readonly string[] Colors = ["red", "green", "blue", "amber", "violet", "grey"];

    private static DataFrame Reference(int n, Random random)
    {
        var columns = new List<Column>();
        for (var f = 0; f < NumericFeatures; f++)
        {
            var v = new double[n];
            for (var i = 0; i < n; i++) v[i] = f + Normal(random);
            columns.Add(new NumericColumn($"x{f}", v));
        }
        for (var f = 0; f < CategoricalFeatures; f++)
            columns.Add(CategoricalColumn.FromStrings($"c{f}", [.. Enumerable.Range(0, n).Select(_ => Colors[random.Next(Colors.Length)])]));
        var score = new double[n];
        var label = new double[n];
        for (var i = 0; i < n; i++) { score[i] = random.NextDouble(); label[i] = random.NextDouble() < score[i] ? 1 : 0; }
        columns.Add(new NumericColumn("score", score));
        columns.Add(new NumericColumn("label", label));
        return new DataFrame(columns);
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static PredictionRows Window(FeatureSchema schema, int n, Random random)
    {
        var rows = new PredictionRows(schema, n);
        var b = rows.Batch;
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            if (b.Numeric[f] is { } v) for (var i = 0; i < n; i++) v[i] = f + 0.1 + Normal(random);
            else for (var i = 0; i < n; i++) b.Categorical[f]![i] = Colors[random.Next(Colors.Length)];
        }
        for (var i = 0; i < n; i++)
        {
            b.Ids[i] = i.ToString(CultureInfo.InvariantCulture);
            b.Timestamps[i] = DateTime.UnixEpoch;
            b.Scores[i] = random.NextDouble();
            rows.Labels[i] = random.NextDouble() < b.Scores[i] ? "1" : "0";
        }
        return rows;
    }

    [Fact]
    public void OneThousandAndOneHundredThousandEventWindows()
    {
        var random = new Random(7);
        var config = MonitorConfigParser.Parse("""{"reference": {"dataset_id": "x"}, "label": "label", "score": "score", "window": "1d"}""");
        var build = Stopwatch.StartNew();
        var calculator = WindowCalculator.Create("bench", Reference(10_000, random), config, ModelTask.Binary);
        build.Stop();
        Assert.Equal(25, calculator.Schema.Fields.Count);
        output.WriteLine($"reference preparation (10,000 rows, 25 features, suite, CBPE fit): {build.Elapsed.TotalMilliseconds:F0} ms");
        foreach (var n in new[] { 1_000, 100_000 })
        {
            var rows = Window(calculator.Schema, n, random);
            var span = new WindowSpan(DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), 0, true);
            calculator.Compute(rows, span, DateTimeOffset.UnixEpoch); // warm-up
            var times = new List<double>();
            WindowComputation? last = null;
            for (var k = 0; k < 3; k++) { last = calculator.Compute(rows, span, DateTimeOffset.UnixEpoch); times.Add(last.Elapsed.TotalMilliseconds); }
            times.Sort();
            Assert.Equal(25, last!.Drift.Count(d => d.Result is not null));
            Assert.NotNull(last.Performance.Estimated);
            output.WriteLine($"{n,7:N0} events: median {times[1]:F1} ms (min {times[0]:F1}, max {times[2]:F1}); JSON {last.Record.ResultJson.Length / 1024.0:F0} KB");
            output.WriteLine("   sections: " + string.Join(", ", last.SectionMilliseconds.Select(p => $"{p.Key} {p.Value:F1}")));
            Assert.True(times[1] < (n == 1_000 ? 2_000 : 20_000), $"{n} events took {times[1]} ms");
        }
    }
}
