namespace Vigil.Core.Metrics;

/// <summary>
/// Scored items grouped by query. Rows of query q are <c>[GroupStarts[q], GroupStarts[q+1])</c>;
/// <see cref="Relevance"/> is the graded relevance label (0 = not relevant), <see cref="Scores"/> the
/// model's score. Weights passed to ranking metrics are per query, so the bootstrap resamples queries.
/// </summary>
public sealed class RankingSample
{
    /// <summary>Creates a sample; arrays are not copied.</summary>
    public RankingSample(int[] groupStarts, double[] relevance, double[] scores, string[]? groupIds = null)
    {
        ArgumentNullException.ThrowIfNull(groupStarts);
        ArgumentNullException.ThrowIfNull(relevance);
        ArgumentNullException.ThrowIfNull(scores);
        if (groupStarts.Length < 1 || groupStarts[0] != 0 || groupStarts[^1] != relevance.Length)
            throw new ArgumentException("groupStarts must start at 0 and end at the row count.", nameof(groupStarts));
        if (relevance.Length != scores.Length) throw new ArgumentException("relevance and scores differ in length.");
        GroupStarts = groupStarts;
        Relevance = relevance;
        Scores = scores;
        GroupIds = groupIds;
    }

    /// <summary>Offsets of each query's rows, length = queries + 1.</summary>
    public int[] GroupStarts { get; }

    /// <summary>Graded relevance per row.</summary>
    public double[] Relevance { get; }

    /// <summary>Model score per row.</summary>
    public double[] Scores { get; }

    /// <summary>Query ids, when known.</summary>
    public string[]? GroupIds { get; }

    /// <summary>Number of queries.</summary>
    public int GroupCount => GroupStarts.Length - 1;

    /// <summary>Number of rows.</summary>
    public int Count => Relevance.Length;

    private int[]? _rankOrder;

    /// <summary>
    /// Row indices where each query's rows are sorted by score descending, ties broken by relevance ascending
    /// (pessimistic: a tie never ranks a relevant item first); computed once and shared by the ranking metrics.
    /// </summary>
    internal int[] RankOrder()
    {
        if (_rankOrder is not null) return _rankOrder;
        var order = new int[Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var scores = Scores;
        var relevance = Relevance;
        Comparison<int> compare = (a, b) =>
        {
            var c = scores[b].CompareTo(scores[a]);
            return c != 0 ? c : relevance[a].CompareTo(relevance[b]);
        };
        for (var q = 0; q < GroupCount; q++)
            order.AsSpan(GroupStarts[q], GroupStarts[q + 1] - GroupStarts[q]).Sort(compare);
        return _rankOrder = order;
    }
}
