using System.Globalization;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>duplicate_rows</c>: rows identical in every column to an earlier row (compared by <see cref="Provenance.RowHash64"/>
/// and confirmed cell by cell, so a hash collision is never reported). Numbers: <c>duplicate_rows</c> (rows beyond the
/// first of their group — pandas' <c>DataFrame.duplicated().sum()</c>), <c>groups</c> (distinct rows that occur more
/// than once), <c>share</c>. Samples: duplicate rows with the line they repeat. Cost: O(n·columns).
/// </summary>
public sealed class DuplicateRowsCheck : IDataCheck
{
    /// <inheritdoc />
    public string Id => "duplicate_rows";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) => null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var frame = input.Data;
        var hashes = input.RowHashes;
        var first = new Dictionary<ulong, int>(hashes.Length);
        var repeated = new HashSet<int>();
        var duplicates = 0;
        var samples = new List<CheckSample>();
        for (var i = 0; i < hashes.Length; i++)
        {
            if (!first.TryGetValue(hashes[i], out var f)) { first.Add(hashes[i], i); continue; }
            if (!Provenance.RowHash64.RowsEqual(frame.Columns, f, frame.Columns, i)) continue; // 64-bit collision: not a duplicate
            duplicates++;
            repeated.Add(f);
            if (samples.Count < input.Settings.MaxSamples)
                samples.Add(new CheckSample(frame.LineOf(i), "data", $"same as line {frame.LineOf(f).ToString(CultureInfo.InvariantCulture)}"));
        }
        if (duplicates == 0) return [];
        var share = (double)duplicates / frame.RowCount;
        return
        [
            new CheckFinding(Id, CheckSeverity.Warn,
                $"{duplicates.ToString("N0", CultureInfo.InvariantCulture)} rows ({share.ToString("P2", CultureInfo.InvariantCulture)}) repeat an earlier row exactly, in {repeated.Count.ToString("N0", CultureInfo.InvariantCulture)} groups.",
                [], [new("duplicate_rows", duplicates), new("groups", repeated.Count), new("share", share)], samples),
        ];
    }
}
