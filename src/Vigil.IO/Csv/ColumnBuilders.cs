using System.Buffers;
using System.Text;
using Vigil.Core.Data;

namespace Vigil.IO.Csv;

/// <summary>
/// Accumulates one column's values while a file is read. A builder that meets a value its type cannot hold
/// records the first such value (line and text) in <see cref="FirstMismatchLine"/> and stops storing; the reader
/// then widens the column's type and reads it again, or reports the value when the type was forced.
/// </summary>
internal abstract class ColumnBuilder
{
    protected ColumnBuilder(MissingTokens missing) => Missing = missing;

    protected MissingTokens Missing { get; }

    public int Count { get; protected set; }

    public int FirstMismatchLine { get; private set; } = -1;

    public string? FirstMismatchValue { get; private set; }

    public bool Mismatched => FirstMismatchLine >= 0;

    public abstract ColumnType Type { get; }

    public abstract void Add(ReadOnlySpan<byte> text, int line);

    public abstract Column Build(string name);

    /// <summary>Appends the values of another builder of the same kind (a later chunk of the file).</summary>
    public abstract void Append(ColumnBuilder other);

    protected void Mismatch(ReadOnlySpan<byte> text, int line)
    {
        if (Mismatched) return;
        FirstMismatchLine = line;
        FirstMismatchValue = Encoding.UTF8.GetString(text.Length > 80 ? text[..80] : text);
    }

    protected void AdoptMismatch(ColumnBuilder other)
    {
        if (!Mismatched && other.Mismatched)
        {
            FirstMismatchLine = other.FirstMismatchLine;
            FirstMismatchValue = other.FirstMismatchValue;
        }
    }

    public static ColumnBuilder Create(ColumnType type, MissingTokens missing, int capacity) => type switch
    {
        ColumnType.Numeric => new NumericBuilder(missing, capacity),
        ColumnType.Timestamp => new TimestampBuilder(missing, capacity),
        ColumnType.Boolean => new CategoryBuilder(missing, capacity, booleanOnly: true),
        _ => new CategoryBuilder(missing, capacity, booleanOnly: false),
    };

    protected static T[] Grow<T>(T[] a, int needed) =>
        needed <= a.Length ? a : GrowTo(a, Math.Max(needed, a.Length * 2));

    private static T[] GrowTo<T>(T[] a, int size)
    {
        Array.Resize(ref a, size);
        return a;
    }
}

internal sealed class NumericBuilder(MissingTokens missing, int capacity) : ColumnBuilder(missing)
{
    private double[] _values = new double[Math.Max(capacity, 16)];

    public override ColumnType Type => ColumnType.Numeric;

    public override void Add(ReadOnlySpan<byte> text, int line)
    {
        if (Count == _values.Length) _values = Grow(_values, Count + 1);
        double v;
        if (Missing.IsMissing(text)) v = double.NaN;
        else if (!Utf8Number.TryParse(text, out v)) { Mismatch(text, line); v = double.NaN; }
        _values[Count++] = v;
    }

    public override Column Build(string name)
    {
        if (_values.Length != Count) Array.Resize(ref _values, Count);
        return new NumericColumn(name, _values);
    }

    public override void Append(ColumnBuilder other)
    {
        var o = (NumericBuilder)other;
        _values = Grow(_values, Count + o.Count);
        Array.Copy(o._values, 0, _values, Count, o.Count);
        Count += o.Count;
        AdoptMismatch(other);
    }
}

internal sealed class TimestampBuilder(MissingTokens missing, int capacity) : ColumnBuilder(missing)
{
    private long[] _ticks = new long[Math.Max(capacity, 16)];

    public override ColumnType Type => ColumnType.Timestamp;

    public override void Add(ReadOnlySpan<byte> text, int line)
    {
        if (Count == _ticks.Length) _ticks = Grow(_ticks, Count + 1);
        long t = TimestampColumn.Missing;
        if (!Missing.IsMissing(text))
        {
            Span<char> chars = stackalloc char[64];
            if (text.Length > 64 || !ValueKinds.TryParseTimestamp(chars[..Encoding.UTF8.GetChars(text, chars)], out t))
            {
                Mismatch(text, line);
                t = TimestampColumn.Missing;
            }
        }
        _ticks[Count++] = t;
    }

    public override Column Build(string name)
    {
        if (_ticks.Length != Count) Array.Resize(ref _ticks, Count);
        return new TimestampColumn(name, _ticks);
    }

    public override void Append(ColumnBuilder other)
    {
        var o = (TimestampBuilder)other;
        _ticks = Grow(_ticks, Count + o.Count);
        Array.Copy(o._ticks, 0, _ticks, Count, o.Count);
        Count += o.Count;
        AdoptMismatch(other);
    }
}

/// <summary>Dictionary-encodes text; with <c>booleanOnly</c> it accepts only true/false (any case).</summary>
internal sealed class CategoryBuilder(MissingTokens missing, int capacity, bool booleanOnly) : ColumnBuilder(missing)
{
    private readonly Dictionary<string, int> _map = new(StringComparer.Ordinal);
    private readonly List<string> _categories = [];
    private int[] _codes = new int[Math.Max(capacity, 16)];

    public override ColumnType Type => booleanOnly ? ColumnType.Boolean : ColumnType.Categorical;

    public override void Add(ReadOnlySpan<byte> text, int line)
    {
        if (Count == _codes.Length) _codes = Grow(_codes, Count + 1);
        _codes[Count++] = Missing.IsMissing(text) ? -1 : CodeOf(text, line);
    }

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
            code = _categories.Count;
            _map.Add(str, code);
            _categories.Add(str);
            return code;
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    public override Column Build(string name)
    {
        if (_codes.Length != Count) Array.Resize(ref _codes, Count);
        var type = Type;
        return new CategoricalColumn(name, _codes, _categories.ToArray(), type);
    }

    public override void Append(ColumnBuilder other)
    {
        var o = (CategoryBuilder)other;
        var remap = new int[o._categories.Count];
        for (var i = 0; i < remap.Length; i++)
        {
            var s = o._categories[i];
            if (!_map.TryGetValue(s, out var code))
            {
                code = _categories.Count;
                _map.Add(s, code);
                _categories.Add(s);
            }
            remap[i] = code;
        }
        _codes = Grow(_codes, Count + o.Count);
        for (var i = 0; i < o.Count; i++)
        {
            var c = o._codes[i];
            _codes[Count + i] = c < 0 ? -1 : remap[c];
        }
        Count += o.Count;
        AdoptMismatch(other);
    }
}
