namespace Vigil.Core.Drift;

/// <summary>Shared handling of category counts: keeps the categories observed on at least one side.</summary>
internal static class CategoryTable
{
    /// <summary>Copies the counts of the observed categories (either side &gt; 0) into new arrays.</summary>
    public static (double[] Reference, double[] Current) Observed(CategoryCounts counts)
    {
        var k = counts.ObservedCategoryCount;
        var r = new double[k];
        var c = new double[k];
        var q = 0;
        for (var i = 0; i < counts.Reference.Length; i++)
        {
            if (counts.Reference[i] + counts.Current[i] == 0) continue;
            r[q] = counts.Reference[i];
            c[q] = counts.Current[i];
            q++;
        }
        return (r, c);
    }
}
