using System.Globalization;
using System.Text;
using Vigil.Core.Data;

namespace Vigil.Core.Provenance;

/// <summary>
/// The canonical byte form of cells, shared by fingerprints. A cell is its canonical text in UTF-8: numbers in
/// .NET's round-trip invariant form (<c>"R"</c>: <c>39</c>, <c>0.1</c>, <c>1E+21</c>), timestamps as
/// <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (UTC), other values as read. A missing cell is the single byte
/// <see cref="MissingByte"/>. Fields are separated by <see cref="FieldSeparator"/> (ASCII unit separator) and every
/// row ends with <see cref="RowTerminator"/> (ASCII record separator); inside text the bytes 0x00, 0x1B, 0x1E and
/// 0x1F are preceded by <see cref="EscapeByte"/>, so the encoding is injective: two tables have the same
/// canonical form exactly when they have the same header and the same cells in the same order — whatever the
/// file's quoting, line endings, delimiter, byte-order mark or format (CSV or Parquet).
/// </summary>
public static class CanonicalCells
{
    /// <summary>The byte standing for a missing value.</summary>
    public const byte MissingByte = 0x00;

    /// <summary>The escape byte inside text.</summary>
    public const byte EscapeByte = 0x1B;

    /// <summary>Separates the fields of a row.</summary>
    public const byte FieldSeparator = 0x1F;

    /// <summary>Ends every row (the header included).</summary>
    public const byte RowTerminator = 0x1E;

    /// <summary>Appends the escaped UTF-8 bytes of <paramref name="text"/> to <paramref name="buffer"/>.</summary>
    public static void AppendText(ByteBuffer buffer, string text)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            if (b is MissingByte or EscapeByte or FieldSeparator or RowTerminator) buffer.Add(EscapeByte);
            buffer.Add(b);
        }
    }

    /// <summary>The escaped UTF-8 bytes of a text (used once per category).</summary>
    public static byte[] EncodeText(string text)
    {
        var b = new ByteBuffer(text.Length + 8);
        AppendText(b, text);
        return b.ToArray();
    }

    /// <summary>Appends the canonical text of a number (NaN = missing).</summary>
    public static void AppendNumber(ByteBuffer buffer, double value)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (double.IsNaN(value)) { buffer.Add(MissingByte); return; }
        Span<char> chars = stackalloc char[40];
        value.TryFormat(chars, out var written, "R", CultureInfo.InvariantCulture);
        for (var i = 0; i < written; i++) buffer.Add((byte)chars[i]);
    }

    /// <summary>Appends the canonical text of a timestamp (<see cref="TimestampColumn.Missing"/> = missing).</summary>
    public static void AppendTimestamp(ByteBuffer buffer, long ticks)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (ticks == TimestampColumn.Missing) { buffer.Add(MissingByte); return; }
        Span<char> chars = stackalloc char[40];
        new DateTime(ticks, DateTimeKind.Utc).TryFormat(chars, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < written; i++) buffer.Add((byte)chars[i]);
    }
}

/// <summary>A growable byte buffer reused across rows (no allocation once it has grown to the widest row).</summary>
public sealed class ByteBuffer
{
    private byte[] _data;

    /// <summary>Creates a buffer with an initial capacity.</summary>
    public ByteBuffer(int capacity = 256) => _data = new byte[Math.Max(16, capacity)];

    /// <summary>Bytes written since the last <see cref="Clear"/>.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    /// <summary>Forgets the content, keeping the capacity.</summary>
    public void Clear() => Length = 0;

    /// <summary>Appends one byte.</summary>
    public void Add(byte b)
    {
        if (Length == _data.Length) Array.Resize(ref _data, _data.Length * 2);
        _data[Length++] = b;
    }

    /// <summary>Appends bytes.</summary>
    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, Length + bytes.Length));
        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>A copy of the written bytes.</summary>
    public byte[] ToArray() => Span.ToArray();
}
