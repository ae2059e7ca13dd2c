using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// Counts failing rows and keeps the first <see cref="MaxRows"/> of them (line and value). Only kept rows format
/// their value, so recording a failure allocates nothing after the sample is full.
/// </summary>
public sealed class FailureSample
{
    /// <summary>The number of failing rows kept as examples.</summary>
    public const int MaxRows = 20;

    private readonly DataFrame _frame;
    private readonly Column? _column;
    private readonly List<FailingRow> _rows = [];

    /// <summary>Samples failures of <paramref name="column"/> (null: values are given explicitly) in <paramref name="frame"/>.</summary>
    public FailureSample(DataFrame frame, Column? column)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _frame = frame;
        _column = column;
    }

    /// <summary>Failing rows counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>The kept examples.</summary>
    public IReadOnlyList<FailingRow> Rows => _rows;

    /// <summary>Records row <paramref name="row"/> (0-based) as failing, with the column's value.</summary>
    public void Record(int row)
    {
        Count++;
        if (_rows.Count < MaxRows) _rows.Add(new FailingRow(_frame.LineOf(row), _column?.GetText(row)));
    }

    /// <summary>True once <see cref="MaxRows"/> examples are kept: callers can skip formatting a value then.</summary>
    public bool IsFull => _rows.Count >= MaxRows;

    /// <summary>Records row <paramref name="row"/> as failing with an explicit value (pass null when <see cref="IsFull"/>: it is not kept).</summary>
    public void Record(int row, string? value)
    {
        Count++;
        if (_rows.Count < MaxRows) _rows.Add(new FailingRow(_frame.LineOf(row), value));
    }

    /// <summary>Records every missing value of <paramref name="column"/> (the failing rows of the null checks).</summary>
    public void RecordMissing(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        for (var i = 0; i < column.Length; i++) if (column.IsMissing(i)) Record(i);
    }

    /// <summary>
    /// Records every non-missing value of <paramref name="column"/> whose text fails <paramref name="passes"/>
    /// (evaluated once per category for dictionary-encoded columns) and returns how many values were present.
    /// </summary>
    public long RecordTextFailures(Column column, Func<string, bool> passes)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(passes);
        long present = 0;
        if (column is CategoricalColumn c)
        {
            var ok = new bool[c.Categories.Length];
            for (var k = 0; k < ok.Length; k++) ok[k] = passes(c.Categories[k]);
            for (var i = 0; i < c.Codes.Length; i++)
            {
                if (c.Codes[i] < 0) continue;
                present++;
                if (!ok[c.Codes[i]]) Record(i);
            }
            return present;
        }
        for (var i = 0; i < column.Length; i++)
        {
            if (column.GetText(i) is not { } s) continue;
            present++;
            if (!passes(s)) Record(i);
        }
        return present;
    }
}
