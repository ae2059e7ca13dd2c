using Vigil.Core.Data;
using Vigil.Core.Fairness;
using Xunit;

namespace Vigil.Core.Tests.Fairness;

public class SensitiveGroupsTests
{
    private static DataFrame Frame() => new([
        CategoricalColumn.FromStrings("sex", ["Female", "Male", "Female", "Male", null, "Female"]),
        CategoricalColumn.FromStrings("race", ["Black", "White", "White", "White", "Black", "Black"]),
        new NumericColumn("age", [20, 30, 40, 50, 60, 70]),
    ]);

    [Fact]
    public void IntersectionsAreNamedAndOrderedColumnByColumn()
    {
        var g = SensitiveGroups.FromColumns(Frame(), ["sex", "race"]);
        // Combinations present: F&B (rows 0, 5), M&W (1, 3), F&W (2); row 4 has no sex → no group.
        Assert.Equal(["sex=Female & race=Black", "sex=Female & race=White", "sex=Male & race=White"], g.GroupNames);
        Assert.Equal([0, 2, 1, 2, -1, 0], g.GroupOf);
        Assert.Equal(1, g.RowsWithoutGroup);
    }

    [Fact]
    public void GivenEdgesAreRightClosedWithOpenOuterBins()
    {
        // Edges 30, 50: (-inf, 30] holds 20, 30; (30, 50] holds 40, 50; (50, inf) holds 60, 70.
        var g = SensitiveGroups.FromColumns(Frame(), ["age"], binEdges: new Dictionary<string, double[]> { ["age"] = [30, 50] });
        Assert.Equal(["age=(-inf, 30]", "age=(30, 50]", "age=(50, inf)"], g.GroupNames);
        Assert.Equal([0, 0, 1, 1, 2, 2], g.GroupOf);
        Assert.Equal("given", g.Binnings[0].Rule);
    }

    [Fact]
    public void RowsMapEvaluatedRowsToFrameRows()
    {
        var g = SensitiveGroups.FromColumns(Frame(), ["race"], rows: [5, 1]);
        Assert.Equal(["race=Black", "race=White"], g.GroupNames);
        Assert.Equal([0, 1], g.GroupOf);
    }

    [Fact]
    public void QuantileEdgesDropDuplicatesAndEnds()
    {
        // numpy.quantile([1,1,1,1,1,2,3,4], [.25,.5,.75]) = [1, 1, 2.25] → 1 is the minimum (dropped) → [2.25]
        Assert.Equal([2.25], SensitiveGroups.QuantileEdges([1, 1, 1, 1, 1, 2, 3, 4], 4));
        Assert.Empty(SensitiveGroups.QuantileEdges([double.NaN], 4));
    }

    [Fact]
    public void BadInputNamesTheColumn()
    {
        var missing = Assert.Throws<ArgumentException>(() => SensitiveGroups.FromColumns(Frame(), ["gender"]));
        Assert.Contains("'gender'", missing.Message);
        var edges = Assert.Throws<ArgumentException>(() =>
            SensitiveGroups.FromColumns(Frame(), ["age"], binEdges: new Dictionary<string, double[]> { ["age"] = [50, 30] }));
        Assert.Contains("'age'", edges.Message);
        Assert.Throws<ArgumentException>(() => SensitiveGroups.FromColumns(Frame(), ["sex", "sex"]));
    }
}
