using Vigil.Core.Data;

namespace Vigil.Core.Profiles;

/// <summary>
/// The mergeable summary of a dataset (or of one segment of it): the row count, where the rows came from and one
/// <see cref="ColumnProfile"/> per column. Profiles of different batches or segments merge into the profile of all
/// their rows without the raw data; columns present in only some inputs are kept (their counts cover only the rows
/// of those inputs). Serialized by <see cref="ProfileSerializer"/> (schema version
/// <see cref="ProfileSerializer.SchemaVersion"/>).
/// </summary>
public sealed class DatasetProfile
{
    /// <summary>Creates a profile from its parts (column names must be distinct).</summary>
    public DatasetProfile(long rows, IReadOnlyList<ColumnProfile> columns, IReadOnlyList<string> sources, ProfileSettings settings, ProfileSegment? segment = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
            if (!names.Add(c.Name)) throw new ArgumentException($"duplicate column '{c.Name}' in profile", nameof(columns));
        Rows = rows;
        Columns = columns;
        Sources = sources;
        Settings = settings;
        Segment = segment;
    }

    /// <summary>Rows summarised.</summary>
    public long Rows { get; }

    /// <summary>Column profiles in order of first appearance.</summary>
    public IReadOnlyList<ColumnProfile> Columns { get; }

    /// <summary>The files (or other sources) profiled, in merge order without repeats.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The sketch sizes.</summary>
    public ProfileSettings Settings { get; }

    /// <summary>The segment this profile covers, or null for all rows.</summary>
    public ProfileSegment? Segment { get; }

    /// <summary>The profile of a column, or null.</summary>
    public ColumnProfile? Find(string name)
    {
        foreach (var c in Columns) if (string.Equals(c.Name, name, StringComparison.Ordinal)) return c;
        return null;
    }

    /// <summary>
    /// Profiles every column of a frame. Cost: O(rows × columns); columns are profiled in parallel (one task per
    /// column; each column's sketches are seeded, so the result does not depend on the number of cores) when the frame
    /// has more than one column and at least 10,000 rows.
    /// </summary>
    public static DatasetProfile Of(DataFrame frame, ProfileSettings? settings = null, ProfileSegment? segment = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var s = settings ?? ProfileSettings.Default;
        var columns = new ColumnProfile[frame.Columns.Count];
        if (columns.Length > 1 && frame.RowCount >= 10_000)
        {
            try { Parallel.For(0, columns.Length, i => columns[i] = ColumnProfile.Of(frame.Columns[i], s)); }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // surface the column's own exception (ArgumentException for an unsupported column), as the serial path does
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }
        else
            for (var i = 0; i < columns.Length; i++) columns[i] = ColumnProfile.Of(frame.Columns[i], s);
        return new DatasetProfile(frame.RowCount, columns, string.IsNullOrEmpty(frame.Source) ? [] : [frame.Source], s, segment);
    }

    /// <summary>
    /// One profile per value of <paramref name="segmentColumn"/> (missing values form their own segment, value null),
    /// in order of first appearance. Throws <see cref="ArgumentException"/> when the column does not exist.
    /// </summary>
    public static IReadOnlyList<DatasetProfile> OfSegments(DataFrame frame, string segmentColumn, ProfileSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(segmentColumn);
        var column = frame.Find(segmentColumn)
            ?? throw new ArgumentException($"no column '{segmentColumn}' to segment by; columns: {string.Join(", ", frame.ColumnNames)}", nameof(segmentColumn));
        var order = new List<string?>();
        var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var missing = new List<int>();
        for (var r = 0; r < frame.RowCount; r++)
        {
            var v = column.GetText(r);
            if (v is null) { if (missing.Count == 0) order.Add(null); missing.Add(r); continue; }
            if (!rows.TryGetValue(v, out var list)) { list = []; rows.Add(v, list); order.Add(v); }
            list.Add(r);
        }
        var result = new List<DatasetProfile>(order.Count);
        foreach (var v in order)
        {
            var take = v is null ? missing : rows[v];
            result.Add(Of(frame.Take(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(take)), settings, new ProfileSegment(segmentColumn, v)));
        }
        return result;
    }

    /// <summary>
    /// The profile of both inputs' rows (see the type's summary); neither input changes. Throws
    /// <see cref="ArgumentException"/> when the settings differ. The segment is kept when both inputs share it.
    /// </summary>
    public DatasetProfile Merge(DatasetProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Settings != Settings)
            throw new ArgumentException($"cannot merge profiles with different sketch settings ({Settings} and {other.Settings})", nameof(other));
        var columns = new List<ColumnProfile>(Columns.Count);
        foreach (var c in Columns) columns.Add(other.Find(c.Name) is { } o ? c.Merge(o) : c);
        foreach (var o in other.Columns) if (Find(o.Name) is null) columns.Add(o);
        var sources = new List<string>(Sources);
        foreach (var s in other.Sources) if (!sources.Contains(s)) sources.Add(s);
        var segment = Segment is not null && Segment == other.Segment ? Segment : null;
        return new DatasetProfile(Rows + other.Rows, columns, sources, Settings, segment);
    }
}

/// <summary>The rows a profile covers: those whose <paramref name="Column"/> holds <paramref name="Value"/> (null: missing).</summary>
/// <param name="Column">The segment column.</param>
/// <param name="Value">The segment value, or null for rows where the column is missing.</param>
public sealed record ProfileSegment(string Column, string? Value);
