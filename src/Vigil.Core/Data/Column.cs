namespace Vigil.Core.Data;

/// <summary>One named, typed column of a <see cref="DataFrame"/>. Columns are immutable once built.</summary>
public abstract class Column
{
    /// <summary>Creates a column.</summary>
    protected Column(string name, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Type = type;
    }

    /// <summary>The column's header name.</summary>
    public string Name { get; }

    /// <summary>The column's logical type.</summary>
    public ColumnType Type { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when row <paramref name="row"/> holds no value.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The value of a row as text (as read, or formatted invariantly); null when missing.</summary>
    public abstract string? GetText(int row);

    /// <summary>Number of missing rows.</summary>
    public int MissingCount()
    {
        var n = 0;
        for (var i = 0; i < Length; i++)
            if (IsMissing(i)) n++;
        return n;
    }

    /// <summary>A new column holding the given rows in order.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);
}
