using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Slicing;
using Vigil.IO;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Slicing;

public class QuantileBinningTests
{
    [Fact]
    public void EdgesAndBinsMatchPandasQcutWithDuplicatesDropped()
    {
        using var doc = Fixture.Load("slicing/qcut.json");
        foreach (var c in doc.RootElement.GetProperty("synthetic").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString();
            var values = c.GetProperty("values").Doubles();
            var binning = QuantileBinning.Compute(values, c.GetProperty("q").GetInt32());
            var edges = c.GetProperty("edges").Doubles();
            Assert.Equal(edges.Length, binning.Edges.Length);
            for (var i = 0; i < edges.Length; i++) Approx.Equal(edges[i], binning.Edges[i], 1e-12, 1e-12, $"{name} edge {i}");
            var codes = c.GetProperty("codes").Ints();
            for (var i = 0; i < codes.Length; i++) Assert.True(codes[i] == binning.Assign(values[i]), $"{name} row {i}: pandas bin {codes[i]}, got {binning.Assign(values[i])}");
        }
    }

    [Fact]
    public void AdultColumnsBinLikePandasQcut()
    {
        var frame = DataFile.Read(Paths.Data("adult", "adult.csv"));
        using var doc = Fixture.Load("slicing/qcut.json");
        foreach (var c in doc.RootElement.GetProperty("adult").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            var groups = SliceColumnGroups.Create(frame[name], null, c.GetProperty("q").GetInt32());
            var edges = c.GetProperty("edges").Doubles();
            Assert.Equal(edges.Length, groups.Binning!.Edges.Length);
            // pandas goes through np.percentile(q·100), which can differ from np.quantile in the last ulp
            for (var i = 0; i < edges.Length; i++) Approx.Equal(edges[i], groups.Binning.Edges[i], 1e-12, 1e-12, $"{name} edge {i}");
            Assert.Equal(c.GetProperty("counts").Ints(), Enumerable.Range(0, groups.GroupCount).Select(g => groups.RowsOf(g).Length).ToArray());
        }
    }

    [Fact]
    public void LabelsAreClosedFirstThenHalfOpen()
    {
        var b = QuantileBinning.Compute([18, 20, 29, 30, 37, 40, 50, 60, 70, 80, 90], 2);
        // numpy: quantile([..], 0.5) = 40
        Assert.Equal("[18, 40]", b.Label(0));
        Assert.Equal("(40, 90]", b.Label(1));
        Assert.Equal(0, b.Assign(18));
        Assert.Equal(0, b.Assign(40));
        Assert.Equal(1, b.Assign(40.0000001));
        Assert.Equal(-1, b.Assign(double.NaN));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool EveryValueFallsInOneBinAndBinsAreOrdered(double[] raw, byte q)
    {
        var values = raw.Where(v => !double.IsInfinity(v)).ToArray();
        var b = QuantileBinning.Compute(values, q % 10 + 1);
        for (var i = 1; i < b.Edges.Length; i++) if (!(b.Edges[i] > b.Edges[i - 1]) && b.Edges.Length > 2) return false;
        foreach (var v in values)
        {
            var k = b.Assign(v);
            if (double.IsNaN(v)) { if (k != -1) return false; continue; }
            if (k < 0 || k >= b.BinCount) return false;
            if (v > b.Edges[k + 1] || (k > 0 && v <= b.Edges[k])) return false;
        }
        return true;
    }

    [Fact]
    public void CategoricalGroupsKeepCategoriesAndAddMissing()
    {
        var col = CategoricalColumn.FromStrings("c", ["a", null, "b", "a", "z"]);
        var g = SliceColumnGroups.Create(col, [0, 1, 2, 3], 5); // row 4 ("z") is not evaluated
        Assert.Equal(["a", "b", SliceColumnGroups.MissingLabel], g.Labels);
        Assert.Equal([0, 3], g.RowsOf(0).ToArray());
        Assert.Equal([1], g.RowsOf(2).ToArray());
        Assert.Throws<ArgumentException>(() => SliceColumnGroups.Create(new TimestampColumn("t", [1, 2]), null, 5));
    }
}
