using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>no_duplicate_rows</c>: no row equals an earlier row on all columns (or on the listed <see cref="ExpectationBase.Columns"/>).
/// Missing equals missing; numbers compare exactly (−0 = 0). Failing rows: each repeat after its first occurrence, with
/// the line of that first occurrence. Observed: the share of duplicate rows. Rows are hashed column by column into one
/// 64-bit key, sorted by key, and rows with equal keys are compared exactly, so hash collisions cannot create false
/// duplicates. Cost O(n log n) time, O(n) memory.
/// </summary>
public sealed class NoDuplicateRowsExpectation : ExpectationBase
{
    /// <summary>Creates the check over <paramref name="columns"/> (empty: all columns).</summary>
    public NoDuplicateRowsExpectation(IReadOnlyList<string>? columns = null, ExpectationOptions? options = null)
        : base("no_duplicate_rows", columns ?? [], options) { }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        var cols = new List<Column>();
        if (Columns.Count == 0) cols.AddRange(frame.Columns);
        else
            foreach (var name in Columns)
            {
                if (frame.Find(name) is not { } c) return MissingColumn(name, frame);
                cols.Add(c);
            }
        var duplicates = FindDuplicates(frame.RowCount, cols);
        var sample = new FailureSample(frame, null);
        foreach (var (row, first) in duplicates) sample.Record(row, sample.IsFull ? null : $"duplicate of line {frame.LineOf(first)}");
        var share = frame.RowCount == 0 ? 0.0 : (double)sample.Count / frame.RowCount;
        return FromSample(sample, share, $"{sample.Count} rows repeat an earlier row");
    }

    /// <summary>Every row that equals an earlier row, with the index of that earlier (first) row, in row order.</summary>
    public static List<(int Row, int First)> FindDuplicates(int rowCount, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var keys = new ulong[rowCount];
        var order = new int[rowCount];
        for (var i = 0; i < rowCount; i++) { keys[i] = 14695981039346656037UL; order[i] = i; }
        foreach (var column in columns) Mix(keys, column);
        Array.Sort(keys, order);
        var result = new List<(int, int)>();
        var representatives = new List<int>();
        var start = 0;
        while (start < rowCount)
        {
            var end = start + 1;
            while (end < rowCount && keys[end] == keys[start]) end++;
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
                representatives.Clear();
                for (var k = start; k < end; k++)
                {
                    var row = order[k];
                    var match = -1;
                    foreach (var r in representatives)
                        if (RowsEqual(columns, r, row)) { match = r; break; }
                    if (match < 0) representatives.Add(row); else result.Add((row, match));
                }
            }
            start = end;
        }
        result.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        return result;
    }

    private static ulong Step(ulong h, ulong v) => (h ^ v) * 1099511628211UL ^ ((h ^ v) >> 29);

    private static void Mix(ulong[] keys, Column column)
    {
        switch (column)
        {
            case NumericColumn n:
                for (var i = 0; i < keys.Length; i++)
                {
                    var x = n.Values[i];
                    var bits = double.IsNaN(x) ? 0x7FF8DEADUL : (ulong)BitConverter.DoubleToInt64Bits(x == 0 ? 0.0 : x);
                    keys[i] = Step(keys[i], bits * 0x9E3779B97F4A7C15UL);
                }
                break;
            case TimestampColumn t:
                for (var i = 0; i < keys.Length; i++) keys[i] = Step(keys[i], (ulong)t.Ticks[i] * 0x9E3779B97F4A7C15UL);
                break;
            case CategoricalColumn c:
            {
                var codeHash = new ulong[c.Categories.Length];
                for (var k = 0; k < codeHash.Length; k++) codeHash[k] = (ulong)StringComparer.Ordinal.GetHashCode(c.Categories[k]) * 0x9E3779B97F4A7C15UL + 1;
                for (var i = 0; i < keys.Length; i++) keys[i] = Step(keys[i], c.Codes[i] < 0 ? 0x5EEDUL : codeHash[c.Codes[i]]);
                break;
            }
            default:
                for (var i = 0; i < keys.Length; i++)
                    keys[i] = Step(keys[i], column.GetText(i) is { } s ? (ulong)StringComparer.Ordinal.GetHashCode(s) * 0x9E3779B97F4A7C15UL + 1 : 0x5EEDUL);
                break;
        }
    }

    private static bool RowsEqual(IReadOnlyList<Column> columns, int a, int b)
    {
        foreach (var column in columns)
        {
            var same = column switch
            {
                NumericColumn n => n.Values[a] == n.Values[b] || (double.IsNaN(n.Values[a]) && double.IsNaN(n.Values[b])),
                TimestampColumn t => t.Ticks[a] == t.Ticks[b],
                CategoricalColumn c => c.Codes[a] == c.Codes[b] || (c.Codes[a] >= 0 && c.Codes[b] >= 0 && c.Categories[c.Codes[a]] == c.Categories[c.Codes[b]]),
                _ => string.Equals(column.GetText(a), column.GetText(b), StringComparison.Ordinal),
            };
            if (!same) return false;
        }
        return true;
    }
}
