using Vigil.Core.Data;
using Vigil.Core.Provenance;
using Xunit;

namespace Vigil.Core.Tests.Provenance;

public sealed class RowHash64Tests
{
    [Fact]
    public void EqualRowsHashEqualAndNumbersMatchTheirText()
    {
        var numeric = new DataFrame([new NumericColumn("a", [1, 2.5, double.NaN, -0.0]), CategoricalColumn.FromStrings("b", ["x", "y", null, "z"])]);
        var text = new DataFrame([CategoricalColumn.FromStrings("a", ["1", "2.50", null, "0"]), CategoricalColumn.FromStrings("b", ["x", "y", null, "z"])]);
        var h1 = RowHash64.Compute(numeric, numeric.Columns);
        var h2 = RowHash64.Compute(text, text.Columns);
        Assert.Equal(h1, h2);
        for (var i = 0; i < 4; i++) Assert.True(RowHash64.RowsEqual(numeric.Columns, i, text.Columns, i));
    }

    [Fact]
    public void ColumnOrderAndSwappedCellsMatter()
    {
        var f = new DataFrame([CategoricalColumn.FromStrings("a", ["x", "y"]), CategoricalColumn.FromStrings("b", ["y", "x"])]);
        var h = RowHash64.Compute(f, f.Columns);
        Assert.NotEqual(h[0], h[1]);
        Assert.False(RowHash64.RowsEqual(f.Columns, 0, f.Columns, 1));
    }

    [Fact]
    public void NoCollisionsAmongAMillionDistinctRows()
    {
        // birthday bound n²/2⁶⁵ ≈ 2.7e-8 for n = 10⁶: any collision here would point at poor mixing
        const int n = 1_000_000;
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++) { a[i] = i % 1000; b[i] = i / 1000; }
        var f = new DataFrame([new NumericColumn("a", a), new NumericColumn("b", b)]);
        var h = RowHash64.Compute(f, f.Columns);
        Assert.Equal(n, new HashSet<ulong>(h).Count);
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool HashDependsOnlyOnTheRow(int[] values)
    {
        var v = values ?? [];
        var f = new DataFrame([new NumericColumn("v", v.Select(x => (double)(x % 5)).ToArray())]);
        var h = RowHash64.Compute(f, f.Columns);
        for (var i = 0; i < v.Length; i++)
            for (var j = 0; j < v.Length; j++)
                if ((v[i] % 5 == v[j] % 5) != (h[i] == h[j])) return false;
        return true;
    }
}
