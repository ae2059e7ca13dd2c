using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Vigil.Core.Data;

namespace Vigil.IO.Csv;

/// <summary>
/// One column's values for a whole file, allocated once at an upper bound of the row count (the number of line
/// breaks), so that parallel chunks write straight into their own slice of the final array: no growth, no
/// copies. <see cref="For"/> gives the writer for one chunk; <see cref="Build"/> compacts the chunks (only when a
/// chunk held fewer rows than its line breaks: blank lines, quoted line breaks) and makes the column.
/// </summary>
internal abstract class ColumnStore
{
    public abstract ColumnType Type { get; }

    public abstract ChunkWriter For(int offset, MissingTokens missing);

    public abstract Column Build(string name, IReadOnlyList<(int Offset, ChunkWriter Writer)> chunks, int rows);

    public static ColumnStore Create(ColumnType type, int capacity) => type switch
    {
        ColumnType.Numeric => new NumericStore(capacity),
        ColumnType.Timestamp => new TimestampStore(capacity),
        ColumnType.Boolean => new CategoryStore(capacity, booleanOnly: true),
        _ => new CategoryStore(capacity, booleanOnly: false),
    };

    /// <summary>Moves each chunk's rows down so they follow the previous chunk's (in order, so overlap is safe).</summary>
    protected static T[] Compact<T>(T[] values, IReadOnlyList<(int Offset, ChunkWriter Writer)> chunks, int rows)
    {
        var next = 0;
        foreach (var (offset, w) in chunks)
        {
            if (offset != next) Array.Copy(values, offset, values, next, w.Count);
            next += w.Count;
        }
        if (values.Length != rows) Array.Resize(ref values, rows);
        return values;
    }
}

/// <summary>
/// Writes one chunk of one column. A writer that meets a value its type cannot hold records the first such value
/// (line and text) and stores a missing value; the reader then widens the column's type and reads it again, or
/// reports the value when the type was forced.
/// </summary>
internal abstract class ChunkWriter(MissingTokens missing)
{
    protected MissingTokens Missing { get; } = missing;

    public int Count { get; protected set; }

    public int FirstMismatchLine { get; private set; } = -1;

    public string? FirstMismatchValue { get; private set; }

    public bool Mismatched => FirstMismatchLine >= 0;

    public abstract void Add(ReadOnlySpan<byte> text, int line);

    protected void Mismatch(ReadOnlySpan<byte> text, int line)
    {
        if (Mismatched) return;
        FirstMismatchLine = line;
        FirstMismatchValue = Encoding.UTF8.GetString(text.Length > 80 ? text[..80] : text);
    }
}

internal sealed class NumericStore(int capacity) : ColumnStore
{
    private readonly double[] _values = GC.AllocateUninitializedArray<double>(capacity);

    public override ColumnType Type => ColumnType.Numeric;

    public override ChunkWriter For(int offset, MissingTokens missing) => new Writer(_values, offset, missing);

    public override Column Build(string name, IReadOnlyList<(int Offset, ChunkWriter Writer)> chunks, int rows) =>
        new NumericColumn(name, Compact(_values, chunks, rows));

    private sealed class Writer(double[] values, int offset, MissingTokens missing) : ChunkWriter(missing)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public override void Add(ReadOnlySpan<byte> text, int line)
        {
            double v;
            if (Missing.IsMissing(text)) v = double.NaN;
            else if (!Utf8Number.TryParse(text, out v)) { Mismatch(text, line); v = double.NaN; }
            values[offset + Count++] = v;
        }
    }
}

internal sealed class TimestampStore(int capacity) : ColumnStore
{
    private readonly long[] _ticks = GC.AllocateUninitializedArray<long>(capacity);

    public override ColumnType Type => ColumnType.Timestamp;

    public override ChunkWriter For(int offset, MissingTokens missing) => new Writer(_ticks, offset, missing);

    public override Column Build(string name, IReadOnlyList<(int Offset, ChunkWriter Writer)> chunks, int rows) =>
        new TimestampColumn(name, Compact(_ticks, chunks, rows));

    private sealed class Writer(long[] ticks, int offset, MissingTokens missing) : ChunkWriter(missing)
    {
        public override void Add(ReadOnlySpan<byte> text, int line)
        {
            var t = TimestampColumn.Missing;
            if (!Missing.IsMissing(text))
            {
                Span<char> chars = stackalloc char[64];
                if (text.Length > 64 || !ValueKinds.TryParseTimestamp(chars[..Encoding.UTF8.GetChars(text, chars)], out t))
                {
                    Mismatch(text, line);
                    t = TimestampColumn.Missing;
                }
            }
            ticks[offset + Count++] = t;
        }
    }
}

/// <summary>
/// Dictionary-encodes text. Each chunk keeps its own dictionary (no locking); <see cref="Build"/> merges them in
/// chunk order, so categories keep their order of first appearance in the file, and re-maps the codes in place.
/// With <c>booleanOnly</c> it accepts only true/false (any case).
/// </summary>
internal sealed class CategoryStore(int capacity, bool booleanOnly) : ColumnStore
{
    private readonly int[] _codes = GC.AllocateUninitializedArray<int>(capacity);

    public override ColumnType Type => booleanOnly ? ColumnType.Boolean : ColumnType.Categorical;

    public override ChunkWriter For(int offset, MissingTokens missing) => new Writer(_codes, offset, missing, booleanOnly);

    public override Column Build(string name, IReadOnlyList<(int Offset, ChunkWriter Writer)> chunks, int rows)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        foreach (var (offset, w) in chunks)
        {
            var local = ((Writer)w).Categories;
            var remap = new int[local.Count];
            for (var i = 0; i < remap.Length; i++)
            {
                if (!map.TryGetValue(local[i], out var code))
                {
                    code = categories.Count;
                    map.Add(local[i], code);
                    categories.Add(local[i]);
                }
                remap[i] = code;
            }
            var identity = true;
            for (var i = 0; i < remap.Length && identity; i++) identity = remap[i] == i;
            if (identity) continue;
            var span = _codes.AsSpan(offset, w.Count);
            for (var i = 0; i < span.Length; i++)
                if (span[i] >= 0) span[i] = remap[span[i]];
        }
        return new CategoricalColumn(name, Compact(_codes, chunks, rows), [.. categories], Type);
    }

    private sealed class Writer(int[] codes, int offset, MissingTokens missing, bool booleanOnly) : ChunkWriter(missing)
    {
        private readonly Dictionary<string, int> _map = new(StringComparer.Ordinal);

        public List<string> Categories { get; } = [];

        public override void Add(ReadOnlySpan<byte> text, int line) =>
            codes[offset + Count++] = Missing.IsMissing(text) ? -1 : CodeOf(text, line);

        [SkipLocalsInit]
        private int CodeOf(ReadOnlySpan<byte> text, int line)
        {
            char[]? rented = null;
            var chars = text.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
            try
            {
                var s = chars[..Encoding.UTF8.GetChars(text, chars)];
                if (booleanOnly && !ValueKinds.TryParseBoolean(s, out _)) { Mismatch(text, line); return -1; }
                var lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
                if (lookup.TryGetValue(s, out var code)) return code;
                var str = s.ToString();
                code = Categories.Count;
                _map.Add(str, code);
                Categories.Add(str);
                return code;
            }
            finally
            {
                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
