namespace Vigil.Core.Data;

/// <summary>
/// An immutable table of equally long, uniquely named columns, with where it came from:
/// the source name and, per row, the 1-based line in the source file where that row starts
/// (so errors can point at it).
/// </summary>
public sealed class DataFrame
{
    private readonly Dictionary<string, Column> _byName;

    /// <summary>Creates a frame; all columns must have the same length and distinct names.</summary>
    public DataFrame(IReadOnlyList<Column> columns, string source = "", int[]? sourceLines = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        Source = source;
        RowCount = columns.Count == 0 ? (sourceLines?.Length ?? 0) : columns[0].Length;
        _byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c.Length != RowCount)
                throw new ArgumentException($"Column '{c.Name}' has {c.Length} rows, expected {RowCount}.", nameof(columns));
            if (!_byName.TryAdd(c.Name, c))
                throw new ArgumentException($"Duplicate column name '{c.Name}'.", nameof(columns));
        }
        if (sourceLines is not null && sourceLines.Length != RowCount)
            throw new ArgumentException("sourceLines must have one entry per row.", nameof(sourceLines));
        SourceLines = sourceLines;
    }

    /// <summary>The columns in file order.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>File path or other description of where the data came from.</summary>
    public string Source { get; }

    /// <summary>1-based source line of each row, when known.</summary>
    public int[]? SourceLines { get; }

    /// <summary>
    /// The 1-based line where row <paramref name="row"/> starts in a text source; for sources without lines
    /// (Parquet, data built in memory) the 1-based row number.
    /// </summary>
    public int LineOf(int row) => SourceLines is null ? row + 1 : SourceLines[row];

    /// <summary>The column with this name, or null.</summary>
    public Column? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The column with this name; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public Column this[string name] => _byName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"No column '{name}'.");

    /// <summary>True when a column of this name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The column names in order.</summary>
    public IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);

    /// <summary>A frame with only the given rows, in order.</summary>
    public DataFrame Take(ReadOnlySpan<int> rows)
    {
        var cols = new Column[Columns.Count];
        for (var i = 0; i < cols.Length; i++) cols[i] = Columns[i].Take(rows);
        int[]? lines = null;
        if (SourceLines is not null)
        {
            lines = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++) lines[i] = SourceLines[rows[i]];
        }
        return new DataFrame(cols, Source, lines);
    }
}
