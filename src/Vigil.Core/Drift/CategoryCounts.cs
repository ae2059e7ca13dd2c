namespace Vigil.Core.Drift;

/// <summary>
/// Reference and current counts over the union of a categorical column's categories (index i of each array is
/// category i). Categories with zero count on both sides are ignored by every method.
/// </summary>
public sealed class CategoryCounts
{
    /// <summary>Creates counts; throws <see cref="ArgumentException"/> when lengths differ or a count is negative.</summary>
    public CategoryCounts(IReadOnlyList<string> categories, long[] reference, long[] current)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Length != categories.Count || current.Length != categories.Count)
            throw new ArgumentException($"category counts: {categories.Count} categories but {reference.Length} reference and {current.Length} current counts", nameof(reference));
        long r = 0, c = 0;
        var unseen = new List<string>();
        for (var i = 0; i < reference.Length; i++)
        {
            if (reference[i] < 0 || current[i] < 0)
                throw new ArgumentException($"category counts: negative count for category '{categories[i]}'", nameof(reference));
            r += reference[i];
            c += current[i];
            if (reference[i] == 0 && current[i] > 0) unseen.Add(categories[i]);
        }
        Categories = categories;
        Reference = reference;
        Current = current;
        ReferenceTotal = r;
        CurrentTotal = c;
        UnseenCategories = unseen;
    }

    /// <summary>The category labels.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Reference count per category.</summary>
    public long[] Reference { get; }

    /// <summary>Current count per category.</summary>
    public long[] Current { get; }

    /// <summary>Total reference rows.</summary>
    public long ReferenceTotal { get; }

    /// <summary>Total current rows.</summary>
    public long CurrentTotal { get; }

    /// <summary>Categories seen in current but never in reference.</summary>
    public IReadOnlyList<string> UnseenCategories { get; }

    /// <summary>Number of categories with a non-zero count on at least one side.</summary>
    public int ObservedCategoryCount
    {
        get
        {
            var k = 0;
            for (var i = 0; i < Reference.Length; i++) if (Reference[i] + Current[i] > 0) k++;
            return k;
        }
    }

    /// <summary>Counts the labels of two samples into a <see cref="CategoryCounts"/> (categories in first-seen order, reference first).</summary>
    public static CategoryCounts FromLabels(IEnumerable<string> reference, IEnumerable<string> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var r = new List<long>();
        var c = new List<long>();
        foreach (var s in reference) { if (!index.TryGetValue(s, out var i)) { i = index.Count; index[s] = i; r.Add(0); c.Add(0); } r[i]++; }
        foreach (var s in current) { if (!index.TryGetValue(s, out var i)) { i = index.Count; index[s] = i; r.Add(0); c.Add(0); } c[i]++; }
        var names = new string[index.Count];
        foreach (var (k, v) in index) names[v] = k;
        return new CategoryCounts(names, [.. r], [.. c]);
    }
}
