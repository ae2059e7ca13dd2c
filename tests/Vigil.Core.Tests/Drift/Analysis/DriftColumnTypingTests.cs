using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;
using Xunit;

namespace Vigil.Core.Tests.Drift.Analysis;

/// <summary>Column typing rules (issue 4 item 2), each case hand-built so the expected kind follows from the rule.</summary>
public class DriftColumnTypingTests
{
    private static readonly DriftAnalysisSettings Defaults = new();

    [Fact]
    public void IntegersWithFewDistinctValuesAreCategorical()
    {
        double[] r = [0, 0, 1, 2, 3, 3], c = [1, 2, 4];
        var t = DriftColumnTyping.ClassifyNumeric(r, c, 10);
        Assert.Equal(DriftColumnKind.Categorical, t.Kind);
        Assert.Contains("5 distinct", t.Reason);
        // the limit is configurable: with 4 the same data (5 distinct values over both sides) is numeric
        Assert.Equal(DriftColumnKind.Numeric, DriftColumnTyping.ClassifyNumeric(r, [1, 2, 4, 4], 4).Kind);
    }

    [Fact]
    public void AllDistinctIntegersAreIdLikeAndExcluded()
    {
        var r = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var t = DriftColumnTyping.ClassifyNumeric(r, [3, 4], 10);
        Assert.True(t.Excluded);
        Assert.StartsWith("id-like", t.Reason);
    }

    [Fact]
    public void FractionalValuesAreNumeric()
    {
        var t = DriftColumnTyping.ClassifyNumeric([0.5, 1, 2], [0.5, 0.5], 10);
        Assert.Equal(DriftColumnKind.Numeric, t.Kind);
    }

    [Fact]
    public void DeclaredTypesAndOverrides()
    {
        var ts = new TimestampColumn("t", [1, 2]);
        Assert.True(DriftColumnTyping.FromDeclared(ts, ts, Defaults).Decided!.Excluded);
        var text = new CategoricalColumn("note", [0, 1], ["a b", "c d"], ColumnType.Text);
        var fromText = DriftColumnTyping.FromDeclared(text, text, Defaults).Decided!;
        Assert.True(fromText.Excluded);
        Assert.StartsWith("text column", fromText.Reason);
        Assert.Equal(DriftColumnKind.Categorical, DriftColumnTyping.FromDeclared(text, text, Defaults with { ForceCategorical = ["note"] }).Decided!.Kind);
        var flag = new CategoricalColumn("flag", [0, 1], ["true", "false"], ColumnType.Boolean);
        Assert.Equal(DriftColumnKind.Categorical, DriftColumnTyping.FromDeclared(flag, flag, Defaults).Decided!.Kind);
        var num = new NumericColumn("n", [1, 2]);
        Assert.Null(DriftColumnTyping.FromDeclared(num, num, Defaults).Decided); // decided from the values
        Assert.Equal(DriftColumnKind.Categorical, DriftColumnTyping.FromDeclared(num, num, Defaults with { ForceCategorical = ["n"] }).Decided!.Kind);
        Assert.True(DriftColumnTyping.FromDeclared(num, num, Defaults with { ForceNumeric = ["n"] }).ForcedNumeric);
    }

    [Fact]
    public void AllDistinctStringsAreIdLike()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"u{i}").ToArray();
        var counts = CategoryCounts.FromLabels(names, ["u1", "x"]);
        Assert.True(DriftColumnTyping.ClassifyCategorical(counts, 10, "strings").Excluded);
        var repeated = CategoryCounts.FromLabels(names.Concat(["u0"]), ["u1"]);
        Assert.False(DriftColumnTyping.ClassifyCategorical(repeated, 10, "strings").Excluded);
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool DistinctOfUnionCountsTheSetOfValues(int[] a, int[] b)
    {
        var x = Array.ConvertAll(a, v => (double)(v % 7)); Array.Sort(x);
        var y = Array.ConvertAll(b, v => (double)(v % 5)); Array.Sort(y);
        return DriftColumnTyping.DistinctOfUnion(x, y) == x.Concat(y).Distinct().Count();
    }
}
