using Vigil.Core.Data;

namespace Vigil.IO.Csv;

/// <summary>One field of a row: where its text is, and whether doubled quotes inside it need unescaping.</summary>
internal struct FieldSpan
{
    public int Start;
    public int Length;
    public bool HasEscapedQuotes;
}

/// <summary>Receives the rows of a CSV region, one call per row.</summary>
internal interface IRowSink
{
    /// <summary>Handles one row; <paramref name="fields"/> holds <paramref name="count"/> fields. Returns false to stop.</summary>
    bool Row(ReadOnlySpan<byte> data, ReadOnlySpan<FieldSpan> fields, int count, int line);
}

/// <summary>
/// Splits UTF-8 CSV bytes into rows and fields per RFC 4180: fields separated by the delimiter, rows by LF or
/// CRLF, fields optionally enclosed in double quotes, a quote inside a quoted field written as two quotes,
/// delimiters and line breaks allowed inside quotes. A quote inside an unquoted field is kept as text.
/// Lines are counted so every row knows the 1-based line where it starts.
/// </summary>
internal sealed class CsvTokenizer
{
    private readonly string _file;
    private readonly byte _delimiter;
    private FieldSpan[] _fields = new FieldSpan[64];

    public CsvTokenizer(string file, char delimiter)
    {
        _file = file;
        _delimiter = (byte)delimiter;
    }

    /// <summary>
    /// Tokenizes <paramref name="data"/>[start, end), whose first byte is on line <paramref name="firstLine"/>,
    /// and returns the position after the last row handed to <paramref name="sink"/>.
    /// Blank lines are skipped when <paramref name="skipBlankLines"/> is set.
    /// </summary>
    public int Run(ReadOnlySpan<byte> data, int start, int end, int firstLine, IRowSink sink, bool skipBlankLines)
    {
        var pos = start;
        var line = firstLine;
        var delim = _delimiter;
        while (pos < end)
        {
            var rowLine = line;
            if (skipBlankLines && (data[pos] == (byte)'\n' || (data[pos] == (byte)'\r' && pos + 1 < end && data[pos + 1] == (byte)'\n')))
            {
                pos += data[pos] == (byte)'\r' ? 2 : 1;
                line++;
                continue;
            }
            var count = 0;
            while (true)
            {
                if (count == _fields.Length) Array.Resize(ref _fields, _fields.Length * 2);
                ref var f = ref _fields[count++];
                if (pos < end && data[pos] == (byte)'"')
                {
                    var q = pos + 1;
                    var escaped = false;
                    while (true)
                    {
                        if (q >= end)
                            throw new DataFormatException(_file, "unterminated quoted field (a '\"' opened here is never closed)", line: rowLine);
                        var b = data[q];
                        if (b == (byte)'"')
                        {
                            if (q + 1 < end && data[q + 1] == (byte)'"') { escaped = true; q += 2; continue; }
                            break;
                        }
                        if (b == (byte)'\n') line++;
                        q++;
                    }
                    f.Start = pos + 1;
                    f.Length = q - pos - 1;
                    f.HasEscapedQuotes = escaped;
                    pos = q + 1;
                    if (pos < end && data[pos] != delim && data[pos] != (byte)'\n' && data[pos] != (byte)'\r')
                        throw new DataFormatException(_file, $"unexpected character '{(char)data[pos]}' after a closing quote (expected the delimiter or the end of the line)", line: line);
                    if (pos < end && data[pos] == (byte)'\r') pos++;
                }
                else
                {
                    var p = pos;
                    while (p < end)
                    {
                        var b = data[p];
                        if (b == delim || b == (byte)'\n') break;
                        p++;
                    }
                    f.Start = pos;
                    f.Length = p > pos && data[p - 1] == (byte)'\r' ? p - pos - 1 : p - pos;
                    f.HasEscapedQuotes = false;
                    pos = p;
                }
                if (pos >= end) break;
                if (data[pos] == delim) { pos++; continue; }
                if (data[pos] == (byte)'\r') pos++;
                if (pos < end && data[pos] == (byte)'\n') { pos++; line++; }
                break;
            }
            if (!sink.Row(data, _fields, count, rowLine)) return pos;
        }
        return pos;
    }

    /// <summary>Copies a field's text, turning doubled quotes into one.</summary>
    public static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> data, in FieldSpan f, ref byte[] scratch)
    {
        var raw = data.Slice(f.Start, f.Length);
        if (!f.HasEscapedQuotes) return raw;
        if (scratch.Length < raw.Length) scratch = new byte[raw.Length * 2];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            scratch[n++] = raw[i];
            if (raw[i] == (byte)'"' && i + 1 < raw.Length && raw[i + 1] == (byte)'"') i++;
        }
        return scratch.AsSpan(0, n);
    }
}
