using System.Globalization;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>conflicting_labels</c>: groups of rows with identical features (every column but the label) that carry
/// different labels — no model can fit all of them. Rows with a missing label are ignored. Numbers:
/// <c>conflicting_rows</c> (all rows of conflicting groups), <c>groups</c>, <c>share</c>. Samples: rows of
/// conflicting groups with their label and the group's first line. Cost: O(n·columns).
/// </summary>
public sealed class ConflictingLabelsCheck : IDataCheck
{
    /// <inheritdoc />
    public string Id => "conflicting_labels";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) =>
        input.Label is null ? "needs --label" : input.Features.Count == 0 ? "no feature columns besides the label" : null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var frame = input.Data;
        var labels = input.Labels!;
        var hashes = input.FeatureHashes;
        var n = hashes.Length;
        var groupOf = new int[n];
        var firstRow = new List<int>();
        var firstLabel = new List<int>();
        var conflict = new List<bool>();
        var size = new List<int>();
        var byHash = new Dictionary<ulong, int>(n);
        for (var i = 0; i < n; i++)
        {
            groupOf[i] = -1;
            var y = labels.ClassOf[i];
            if (y < 0) continue;
            if (byHash.TryGetValue(hashes[i], out var g) && Provenance.RowHash64.RowsEqual(input.Features, firstRow[g], input.Features, i))
            {
                groupOf[i] = g;
                size[g]++;
                if (firstLabel[g] != y) conflict[g] = true;
                continue;
            }
            if (byHash.ContainsKey(hashes[i])) continue; // 64-bit collision with a different row: leave ungrouped
            g = firstRow.Count;
            byHash.Add(hashes[i], g);
            firstRow.Add(i);
            firstLabel.Add(y);
            conflict.Add(false);
            size.Add(1);
            groupOf[i] = g;
        }
        var rows = 0;
        var groups = 0;
        for (var g = 0; g < conflict.Count; g++)
            if (conflict[g]) { groups++; rows += size[g]; }
        if (groups == 0) return [];
        var samples = new List<CheckSample>();
        for (var i = 0; i < n && samples.Count < input.Settings.MaxSamples; i++)
        {
            var g = groupOf[i];
            if (g < 0 || !conflict[g]) continue;
            samples.Add(new CheckSample(frame.LineOf(i), "data",
                $"{input.Label} = {labels.Names[labels.ClassOf[i]]}; same features as line {frame.LineOf(firstRow[g]).ToString(CultureInfo.InvariantCulture)}"));
        }
        var share = (double)rows / labels.Labelled;
        return
        [
            new CheckFinding(Id, CheckSeverity.Warn,
                $"{groups.ToString("N0", CultureInfo.InvariantCulture)} groups of identical features ({rows.ToString("N0", CultureInfo.InvariantCulture)} rows) carry different labels.",
                [input.Label!], [new("conflicting_rows", rows), new("groups", groups), new("share", share)], samples),
        ];
    }
}
