namespace Vigil.Core.Provenance;

/// <summary>
/// The lineage graph built from store records: a record's parents are its <see cref="LineageRecord.Inputs"/>, its
/// children the records listing it as an input. When an id was appended several times the first record wins
/// (the store is append-only; re-recording the same dataset is a no-op). Inputs naming ids that are not in the
/// store are kept as dangling references. Cost: O(records + edges) to build; traversals visit each node once.
/// </summary>
public sealed class LineageGraph
{
    private readonly Dictionary<string, LineageRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);

    /// <summary>Builds the graph.</summary>
    public LineageGraph(IEnumerable<LineageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            if (!_records.TryAdd(r.Id, r)) continue;
            foreach (var input in r.Inputs)
            {
                if (!_children.TryGetValue(input, out var list)) _children[input] = list = [];
                if (!list.Contains(r.Id)) list.Add(r.Id);
            }
        }
    }

    /// <summary>Number of distinct records.</summary>
    public int Count => _records.Count;

    /// <summary>The record with this id, or null.</summary>
    public LineageRecord? Find(string id) => _records.GetValueOrDefault(id);

    /// <summary>Ids of the records made from <paramref name="id"/>, in store order.</summary>
    public IReadOnlyList<string> ChildrenOf(string id) => _children.TryGetValue(id, out var c) ? c : [];

    /// <summary>Ids <paramref name="id"/> was made from.</summary>
    public IReadOnlyList<string> ParentsOf(string id) => _records.TryGetValue(id, out var r) ? r.Inputs : [];

    /// <summary>The tree above <paramref name="id"/> (inputs, their inputs, …); a node already shown on the path is marked as a cycle.</summary>
    public LineageNode Upstream(string id) => Walk(id, ParentsOf, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The tree below <paramref name="id"/> (everything derived from it).</summary>
    public LineageNode Downstream(string id) => Walk(id, ChildrenOf, new HashSet<string>(StringComparer.Ordinal));

    private LineageNode Walk(string id, Func<string, IReadOnlyList<string>> next, HashSet<string> path)
    {
        if (!path.Add(id)) return new LineageNode(id, Find(id), [], Cycle: true);
        var children = new List<LineageNode>();
        foreach (var n in next(id)) children.Add(Walk(n, next, path));
        path.Remove(id);
        return new LineageNode(id, Find(id), children, Cycle: false);
    }
}

/// <summary>A node of an upstream or downstream tree.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Record">The record, or null when the id is referenced but not stored.</param>
/// <param name="Children">The next level (inputs for upstream, derived records for downstream).</param>
/// <param name="Cycle">True when the id already appears on the path from the root (not expanded again).</param>
public sealed record LineageNode(string Id, LineageRecord? Record, IReadOnlyList<LineageNode> Children, bool Cycle);
