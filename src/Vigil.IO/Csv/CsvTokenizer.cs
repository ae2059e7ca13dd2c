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
            var rest = data.Slice(pos, end - pos);
            var newline = rest.IndexOf((byte)'\n');
            var row = newline < 0 ? rest : rest[..newline];
            if (row.IndexOf((byte)'"') < 0)
            {
                // Fast path: no quote on this line, so the line break ends the row and every delimiter splits a field.
                var n = SplitPlainRow(row, pos, delim);
                pos += newline < 0 ? row.Length : newline + 1;
                if (newline >= 0) line++;
                if (!sink.Row(data, _fields, n, rowLine)) return pos;
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

    /// <summary>Splits one quote-free line (without its line break) into fields; a trailing CR is not part of the last field.</summary>
    private int SplitPlainRow(ReadOnlySpan<byte> row, int rowStart, byte delim)
    {
        var fields = _fields;
        var count = 0;
        var fieldStart = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] != delim) continue;
            if (count == fields.Length) { Array.Resize(ref _fields, fields.Length * 2); fields = _fields; }
            ref var f = ref fields[count++];
            f.Start = rowStart + fieldStart;
            f.Length = i - fieldStart;
            f.HasEscapedQuotes = false;
            fieldStart = i + 1;
        }
        if (count == fields.Length) { Array.Resize(ref _fields, fields.Length * 2); fields = _fields; }
        ref var last = ref fields[count++];
        var length = row.Length - fieldStart;
        if (length > 0 && row[^1] == (byte)'\r') length--;
        last.Start = rowStart + fieldStart;
        last.Length = length;
        last.HasEscapedQuotes = false;
        return count;
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
