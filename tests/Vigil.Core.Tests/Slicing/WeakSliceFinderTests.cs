using System.Diagnostics;
using Vigil.Core.Data;
using Vigil.Core.Slicing;
using Vigil.IO;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Slicing;

public class WeakSliceFinderTests
{
    private static (DataFrame Frame, double[] Errors) Planted(int seed, int n = 6000)
    {
        var rng = new Random(seed);
        string[] regions = ["north", "south", "east", "west"], colors = ["red", "green", "blue"];
        var region = new string?[n];
        var color = new string?[n];
        var age = new double[n];
        var income = new double[n];
        var errors = new double[n];
        for (var i = 0; i < n; i++)
        {
            region[i] = regions[rng.Next(4)];
            color[i] = colors[rng.Next(3)];
            age[i] = 18 + rng.Next(63);
            income[i] = Math.Round(rng.NextDouble() * 100000);
        }
        var ageBins = QuantileBinning.Compute(age, 5);
        for (var i = 0; i < n; i++)
        {
            var planted = region[i] == "north" && ageBins.Assign(age[i]) == ageBins.BinCount - 1;
            errors[i] = rng.NextDouble() < (planted ? 0.45 : 0.08) ? 1 : 0;
        }
        var frame = new DataFrame([
            CategoricalColumn.FromStrings("region", region), new NumericColumn("age", age),
            CategoricalColumn.FromStrings("color", color), new NumericColumn("income", income),
        ]);
        return (frame, errors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PlantedWeakSliceIsFoundAtRankOne(int seed)
    {
        var (frame, errors) = Planted(seed);
        var report = WeakSliceFinder.Find(frame, null, ["region", "age", "color", "income"], errors, new WeakSliceSettings());
        var best = report.Slices[0];
        Assert.Equal(2, best.Predicates.Count);
        Assert.Contains(best.Predicates, p => p.Column == "region" && p.Operator == "==" && p.Value == "north");
        var ageBins = QuantileBinning.Compute(((NumericColumn)frame["age"]).Values, 5);
        Assert.Contains(best.Predicates, p => p.Column == "age" && p.Operator == "in" && p.Value == ageBins.Label(ageBins.BinCount - 1));
        Assert.InRange(best.ErrorRate, 0.35, 0.55);
        Assert.True(best.CiLow < best.ErrorRate && best.ErrorRate < best.CiHigh);
        Assert.Equal("wilson", best.CiMethod);
    }

    [Theory]
    [InlineData(11, 0.95, 0.02)]
    [InlineData(12, 0.5, 0.05)]
    [InlineData(13, 0.99, 0.01)]
    public void PrunedSearchReturnsTheExhaustiveTopScores(int seed, double alpha, double support)
    {
        var rng = new Random(seed);
        var n = 800;
        var a = new string?[n]; var b = new string?[n]; var c = new double[n]; var d = new string?[n];
        var errors = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = "a" + rng.Next(3); b[i] = rng.Next(10) == 0 ? null : "b" + rng.Next(4); c[i] = rng.NextDouble(); d[i] = "d" + rng.Next(2);
            var p = 0.1 + (a[i] == "a0" ? 0.15 : 0) + (b[i] == "b1" && c[i] > 0.6 ? 0.3 : 0);
            errors[i] = rng.NextDouble() < p ? 1 : 0;
        }
        var frame = new DataFrame([CategoricalColumn.FromStrings("a", a), CategoricalColumn.FromStrings("b", b), new NumericColumn("c", c), CategoricalColumn.FromStrings("d", d)]);
        var settings = new WeakSliceSettings { Alpha = alpha, MinimumSupport = support, Top = 8 };
        var report = WeakSliceFinder.Find(frame, null, ["a", "b", "c", "d"], errors, settings);

        // exhaustive enumeration of every conjunction of ≤ 3 predicates on distinct columns
        var groups = new[] { "a", "b", "c", "d" }.Select(name => SliceColumnGroups.Create(frame[name], null, 5)).ToArray();
        var sigma = (int)Math.Ceiling(support * n);
        var mean = errors.Average();
        var scores = new List<double>();
        void Visit(int start, bool[] inSlice, int level)
        {
            if (level > 0)
            {
                var size = inSlice.Count(x => x);
                var se = Enumerable.Range(0, n).Where(i => inSlice[i]).Sum(i => errors[i]);
                var sc = alpha * (se / size / mean - 1) - (1 - alpha) * ((double)n / size - 1);
                if (size >= sigma && se > 0 && sc > 0) scores.Add(sc);
            }
            if (level == 3) return;
            for (var f = start; f < groups.Length; f++)
                for (var g = 0; g < groups[f].GroupCount; g++)
                {
                    if (groups[f].RowsOf(g).Length == n) continue; // a predicate holding every row adds nothing
                    var next = new bool[n];
                    foreach (var r in groups[f].RowsOf(g)) next[r] = level == 0 || inSlice[r];
                    Visit(f + 1, next, level + 1);
                }
        }
        Visit(0, new bool[n], 0);
        var expected = scores.OrderByDescending(s => s).Take(8).ToArray();
        Assert.Equal(expected.Length, report.Slices.Count);
        for (var i = 0; i < expected.Length; i++) Approx.Equal(expected[i], report.Slices[i].Score, 1e-9, 1e-12, $"rank {i + 1}");
    }

    [Fact]
    public void AdultWithAHandMadeScoreFinishesInSecondsWithSupportedSlices()
    {
        var frame = DataFile.Read(Paths.Data("adult", "adult.csv"));
        var n = frame.RowCount;
        var age = ((NumericColumn)frame["age"]).Values;
        var edu = ((NumericColumn)frame["education-num"]).Values;
        var hours = ((NumericColumn)frame["hours-per-week"]).Values;
        var marital = (CategoricalColumn)frame["marital-status"];
        var label = (CategoricalColumn)frame["class"];
        var errors = new double[n];
        for (var i = 0; i < n; i++)
        {
            var married = marital.GetText(i)!.StartsWith("Married-civ", StringComparison.Ordinal);
            var z = -8.5 + 0.03 * age[i] + 0.35 * edu[i] + 0.03 * hours[i] + (married ? 2.2 : 0);
            var predicted = 1 / (1 + Math.Exp(-z)) >= 0.5;
            var positive = label.GetText(i)!.StartsWith(">50K", StringComparison.Ordinal);
            errors[i] = predicted != positive ? 1 : 0;
        }
        var features = frame.Columns.Select(c => c.Name).Where(c => c is not "class" and not "split").ToArray();
        var settings = new WeakSliceSettings();
        var watch = Stopwatch.StartNew();
        var report = WeakSliceFinder.Find(frame, null, features, errors, settings);
        watch.Stop();
        Assert.True(watch.Elapsed.TotalSeconds < 10, $"took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.InRange(report.Slices.Count, 1, settings.Top);
        var sigma = (int)Math.Ceiling(0.01 * n);
        Assert.Equal(sigma, report.MinimumSupportRows);
        Approx.Equal(errors.Average(), report.OverallErrorRate, 1e-12);
        for (var k = 0; k < report.Slices.Count; k++)
        {
            var s = report.Slices[k];
            Assert.True(s.Rows >= sigma, $"{s} has {s.Rows} rows");
            Assert.True(s.ErrorRate > report.OverallErrorRate);
            Assert.InRange(s.Predicates.Count, 1, 3);
            if (k > 0) Assert.True(report.Slices[k - 1].Score >= s.Score);
            // recount the slice from the frame's text, independently of the finder's bitsets
            var rows = Enumerable.Range(0, n).Where(i => s.Predicates.All(p => Holds(frame, p, i))).ToArray();
            Assert.Equal(s.Rows, rows.Length);
            Approx.Equal(rows.Average(i => errors[i]), s.ErrorRate, 1e-12);
        }
    }

    private static bool Holds(DataFrame frame, SlicePredicate p, int row)
    {
        var column = frame[p.Column];
        if (p.Operator == "is_missing") return column.IsMissing(row);
        if (p.Operator == "==") return column.GetText(row) == p.Value;
        var v = ((NumericColumn)column).Values[row];
        var text = p.Value!;
        var parts = text[1..^1].Split(", ");
        double lo = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), hi = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return (text[0] == '[' ? v >= lo : v > lo) && v <= hi;
    }

    [Fact]
    public void WilsonIntervalsMatchTheReferenceFormula()
    {
        using var doc = Fixture.Load("slicing/tests.json");
        foreach (var e in doc.RootElement.GetProperty("wilson").EnumerateArray())
        {
            var (lo, hi) = WeakSliceFinder.Wilson(e.GetProperty("k").GetInt32(), e.GetProperty("n").GetInt32(), e.GetProperty("level").GetDouble());
            Approx.Equal(e.GetProperty("low").GetDouble(), lo, 1e-9, 1e-12);
            Approx.Equal(e.GetProperty("high").GetDouble(), hi, 1e-9, 1e-12);
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool UpperBoundBoundsEverySubSlice(byte sizeSeed, byte errSeed, byte subSeed, byte subErrSeed)
    {
        // a parent with size s, error sum e (0/1 errors) and any sub-slice of it with size ≥ σ
        const int n = 1000, sigma = 10;
        var s = sigma + sizeSeed % 200;
        var e = 1 + errSeed % s;
        var sub = sigma + subSeed % (s - sigma + 1);
        var subErrors = Math.Min(sub, e) - subErrSeed % (Math.Min(sub, e) + 1);
        if (subErrors <= 0) return true;
        const double mean = 0.1;
        var bound = WeakSliceFinder.UpperBound(0.95, s, e, 1, mean, n, sigma);
        return WeakSliceFinder.Score(0.95, subErrors, sub, mean, n) <= bound + 1e-12;
    }

    [Fact]
    public void NoErrorsGivesNoSlicesAndRegressionUsesBootstrapIntervals()
    {
        var (frame, errors) = Planted(4, 2000);
        var none = WeakSliceFinder.Find(frame, null, ["region", "age"], new double[errors.Length], new WeakSliceSettings());
        Assert.Empty(none.Slices);
        var squared = errors.Select((e, i) => e * 4.0 + (i % 7) * 0.1).ToArray();
        var report = WeakSliceFinder.Find(frame, null, ["region", "age"], squared, new WeakSliceSettings { BootstrapReplicates = 200, Seed = 9 });
        Assert.Equal("percentile", report.Slices[0].CiMethod);
        Assert.True(report.Slices[0].CiLow <= report.Slices[0].ErrorRate && report.Slices[0].ErrorRate <= report.Slices[0].CiHigh);
        Assert.Throws<ArgumentException>(() => WeakSliceFinder.Find(frame, null, ["absent"], errors, new WeakSliceSettings()));
    }
}
