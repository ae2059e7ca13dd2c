using System.Text;
using Vigil.Core.Data;

namespace Vigil.IO.Csv;

/// <summary>
/// Reads a CSV file (RFC 4180; UTF-8 with or without BOM; delimiter detected among <c>,</c> <c>;</c> tab or given)
/// into a columnar <see cref="DataFrame"/>. Column types are inferred from the first rows and widened when a later
/// value contradicts them (a second read of those columns only). Files without quoted fields are parsed by
/// several threads at once.
/// </summary>
public static class CsvReader
{
    private const int ParallelMinBytes = 4 << 20;
    /// <summary>Files at least this large are read in blocks (settable by tests).</summary>
    internal static long StreamMinBytes { get; set; } = 32L << 20;

    /// <summary>Block size of the streamed body and of the head block (settable by tests).</summary>
    internal static int BlockBytes { get; set; } = 16 << 20;

    private static int HeadBlockBytes => Math.Min(BlockBytes, 4 << 20);

    /// <summary>
    /// Large quote-free files: scan once for line breaks, parse the header and infer types from the first block, then
    /// read the body in reused blocks. Returns null (use the in-memory path) when the file contains a quote.
    /// </summary>
    private static DataFrame? ReadStreaming(string path, ReadOptions options)
    {
        var (breaks, hasQuote, endsWithBreak) = FileBlocks.Scan(path, BlockBytes);
        if (hasQuote) return null;
        byte[] head;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            head = new byte[(int)Math.Min(stream.Length, HeadBlockBytes)];
            stream.ReadExactly(head);
        }
        var cut = head.Length == HeadBlockBytes ? head.AsSpan().LastIndexOf((byte)'\n') + 1 : head.Length;
        if (cut == 0) return null;
        return ParseWith(head.AsSpan(0, cut).ToArray(), path, options, (bodyStart, headBreaks) =>
            new FileBlocks(path, bodyStart, breaks - headBreaks, endsWithBreak, BlockBytes));
    }

    /// <summary>Reads a file; throws <see cref="DataFormatException"/> naming file, line and column on bad input.</summary>
    public static DataFrame Read(string path, ReadOptions? options = null)
    {
        options ??= new ReadOptions();
        byte[] bytes;
        if (Directory.Exists(path)) throw new DataFormatException(path, "is a directory; expected a data file");
        try
        {
            if (File.Exists(path) && new FileInfo(path).Length >= StreamMinBytes && ReadStreaming(path, options) is { } streamed)
                return streamed;
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        { throw new DataFormatException(path, "file not found"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new DataFormatException(path, "cannot read the file: " + e.Message); }
        return Parse(bytes, path, options);
    }

    /// <summary>Parses CSV bytes; <paramref name="source"/> names them in errors.</summary>
    public static DataFrame Parse(byte[] bytes, string source, ReadOptions? options = null) =>
        ParseWith(bytes, source, options ?? new ReadOptions(), (bodyStart, _) => new MemoryBlocks(bytes, bodyStart));

    /// <summary>
    /// Parses the header and infers types from <paramref name="bytes"/> (the whole file, or its first block), then
    /// reads the body from the blocks <paramref name="body"/> gives for a body starting at a byte offset (after
    /// <c>headBreaks</c> line breaks).
    /// </summary>
    private static DataFrame ParseWith(byte[] bytes, string source, ReadOptions options, Func<int, long, BodyBlocks> body)
    {
        ReadOnlySpan<byte> data = bytes;
        var start = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (IsBlank(data[start..]))
            throw new DataFormatException(source, "the file is empty (expected a header row and data rows)");

        var delimiter = options.Delimiter ?? DetectDelimiter(data[start..]);
        var tokenizer = new CsvTokenizer(source, delimiter);
        var header = new HeaderSink();
        var bodyStart = tokenizer.Run(data, start, data.Length, 1, header, skipBlankLines: true);
        var bodyLine = 1 + CountNewlines(data[start..bodyStart]);
        var names = header.Names(source);
        if (names.Length == 0) throw new DataFormatException(source, "the file is empty (expected a header row and data rows)");
        var selected = Select(names, options, source);

        var missing = new MissingTokens(options.MissingTokens);
        var types = InferTypes(data, bodyStart, bodyLine, tokenizer, names, selected, options, missing, source);

        var headBreaks = CountNewlines(data[..bodyStart]);
        var blocks = body(bodyStart, headBreaks);
        var parallel = options.Parallel && Environment.ProcessorCount > 1 && blocks.Capacity * names.Length >= ParallelMinBytes / 8
                       && (blocks is FileBlocks || data[bodyStart..].IndexOf((byte)'"') < 0);
        var result = ReadBody(blocks, bodyLine, source, delimiter, names, selected, types, missing, parallel);

        var widen = new List<int>();
        var columns = result.Columns;
        for (var j = 0; j < selected.Length; j++)
        {
            var b = result.FirstMismatches[j];
            if (!b.Mismatched) continue;
            var name = names[selected[j]];
            if (options.ColumnTypes.TryGetValue(name, out var forced))
                throw new DataFormatException(source, $"expected {Describe(forced)}, found '{b.FirstMismatchValue}'", b.FirstMismatchLine, name);
            widen.Add(j);
        }
        if (widen.Count > 0)
        {
            foreach (var j in widen) types[j] = ColumnType.Categorical;
            var again = ReadBody(body(bodyStart, headBreaks), bodyLine, source, delimiter, names, [.. widen.Select(j => selected[j])],
                [.. widen.Select(_ => ColumnType.Categorical)], missing, parallel);
            for (var w = 0; w < widen.Count; w++) columns[widen[w]] = again.Columns[w];
        }
        if (result.RowCount == 0)
            throw new DataFormatException(source, "the file has a header but no data rows");

        for (var j = 0; j < selected.Length; j++) columns[j] = Finish(columns[j], options);
        return new DataFrame(columns, source, result.Lines);
    }

    private static Column Finish(Column c, ReadOptions options)
    {
        if (c is CategoricalColumn cat && cat.Type == ColumnType.Categorical && !options.ColumnTypes.ContainsKey(c.Name)
            && cat.Categories.Length > options.TextMinDistinct && cat.Categories.Length * 2 > cat.Length - cat.MissingCount())
            return new CategoricalColumn(cat.Name, cat.Codes, cat.Categories, ColumnType.Text);
        if (c is CategoricalColumn t && options.ColumnTypes.TryGetValue(c.Name, out var forced) && forced == ColumnType.Text)
            return new CategoricalColumn(t.Name, t.Codes, t.Categories, ColumnType.Text);
        return c;
    }

    private static string Describe(ColumnType t) => t switch
    {
        ColumnType.Numeric => "a number",
        ColumnType.Boolean => "true or false",
        ColumnType.Timestamp => "an ISO-8601 timestamp (e.g. 2024-05-01T12:00:00Z)",
        _ => "text",
    };

    private static int[] Select(string[] names, ReadOptions options, string source)
    {
        foreach (var forced in options.ColumnTypes.Keys)
            if (Array.IndexOf(names, forced) < 0)
                throw new DataFormatException(source, $"no column '{forced}' (columns: {string.Join(", ", names)})");
        if (options.Columns is null) return [.. Enumerable.Range(0, names.Length)];
        var idx = new List<int>();
        for (var i = 0; i < names.Length; i++)
            if (options.Columns.Contains(names[i])) idx.Add(i);
        foreach (var wanted in options.Columns)
            if (Array.IndexOf(names, wanted) < 0)
                throw new DataFormatException(source, $"no column '{wanted}' (columns: {string.Join(", ", names)})");
        return [.. idx];
    }

    private static ColumnType[] InferTypes(ReadOnlySpan<byte> data, int bodyStart, int bodyLine, CsvTokenizer tokenizer,
        string[] names, int[] selected, ReadOptions options, MissingTokens missing, string source)
    {
        var sink = new InferenceSink(names.Length, selected, options.InferenceRows, missing, source, names);
        tokenizer.Run(data, bodyStart, data.Length, bodyLine, sink, skipBlankLines: names.Length > 1);
        var types = new ColumnType[selected.Length];
        for (var j = 0; j < selected.Length; j++)
            types[j] = options.ColumnTypes.TryGetValue(names[selected[j]], out var forced)
                ? (forced == ColumnType.Text ? ColumnType.Categorical : forced)
                : sink.TypeOf(j);
        return types;
    }

    private sealed record BodyResult(ChunkWriter[] FirstMismatches, Column[] Columns, int[] Lines, int RowCount);

    /// <summary>
    /// Reads the body into exactly-sized arrays: the row count is bounded by the line breaks, so every chunk of every
    /// block writes its own slice of one array per column; a block's chunks run in parallel when
    /// <paramref name="parallel"/> (quote-free bodies only, where a line break always ends a row).
    /// </summary>
    private static BodyResult ReadBody(BodyBlocks blocks, int bodyLine, string source, char delimiter, string[] names,
        int[] selected, ColumnType[] types, MissingTokens missing, bool parallel)
    {
        var fieldCount = names.Length;
        var capacity = blocks.Capacity;
        if (capacity > Array.MaxLength) throw new DataFormatException(source, $"too many rows ({capacity:N0}) for one file; split it");
        var stores = new ColumnStore[selected.Length];
        for (var j = 0; j < stores.Length; j++) stores[j] = ColumnStore.Create(types[j], (int)capacity);
        var lines = GC.AllocateUninitializedArray<int>((int)capacity);
        var sinks = new List<BuildSink>();
        var offsets = new List<int>();
        var next = 0L;
        foreach (var (buffer, start, end) in blocks.Blocks())
        {
            var chunks = parallel ? Split(buffer, start, end, Environment.ProcessorCount) : [(start, end)];
            var blockSinks = new BuildSink[chunks.Length];
            var firstLines = new int[chunks.Length];
            for (var c = 0; c < chunks.Length; c++)
            {
                var span = buffer.AsSpan(chunks[c].Start, chunks[c].End - chunks[c].Start);
                var breaks = CountNewlines(span);
                var rows = breaks + (span.Length > 0 && span[^1] != (byte)'\n' ? 1 : 0);
                if (next + rows > capacity) throw new DataFormatException(source, "the file changed while it was read");
                firstLines[c] = checked(bodyLine + (int)next);
                offsets.Add((int)next);
                blockSinks[c] = new BuildSink(source, names, selected, stores.Select(st => st.For((int)next, missing)).ToArray(), lines, (int)next);
                sinks.Add(blockSinks[c]);
                next += breaks;
            }
            void ReadChunk(int c) =>
                new CsvTokenizer(source, delimiter).Run(buffer, chunks[c].Start, chunks[c].End, firstLines[c], blockSinks[c], skipBlankLines: fieldCount > 1);
            if (chunks.Length == 1) ReadChunk(0);
            else
            {
                try { System.Threading.Tasks.Parallel.For(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = chunks.Length }, ReadChunk); }
                catch (AggregateException e) when (e.InnerExceptions.OfType<DataFormatException>().Any())
                {
                    throw e.InnerExceptions.OfType<DataFormatException>().MinBy(x => x.Line ?? 0)!;
                }
            }
        }
        var rowCount = sinks.Sum(s => s.RowCount);
        var columns = new Column[selected.Length];
        var mismatches = new ChunkWriter[selected.Length];
        for (var j = 0; j < selected.Length; j++)
        {
            var parts = new List<(int, ChunkWriter)>(sinks.Count);
            for (var c = 0; c < sinks.Count; c++) parts.Add((offsets[c], sinks[c].Writers[j]));
            mismatches[j] = sinks.Select(s => s.Writers[j]).FirstOrDefault(w => w.Mismatched) ?? (sinks.Count > 0 ? sinks[0].Writers[j] : stores[j].For(0, missing));
            columns[j] = stores[j].Build(names[selected[j]], parts, rowCount);
        }
        return new BodyResult(mismatches, columns, CompactLines(lines, [.. offsets], [.. sinks], rowCount), rowCount);
    }

    private static int[] CompactLines(int[] lines, int[] offsets, BuildSink[] sinks, int rows)
    {
        var next = 0;
        for (var c = 0; c < sinks.Length; c++)
        {
            if (offsets[c] != next) Array.Copy(lines, offsets[c], lines, next, sinks[c].RowCount);
            next += sinks[c].RowCount;
        }
        if (lines.Length != rows) Array.Resize(ref lines, rows);
        return lines;
    }

    private static (int Start, int End)[] Split(byte[] bytes, int start, int end, int parts)
    {
        var list = new List<(int, int)>();
        var size = (end - start) / parts;
        var s = start;
        for (var p = 1; p < parts && s < end; p++)
        {
            var target = Math.Max(s, start + p * size);
            var nl = bytes.AsSpan(target, end - target).IndexOf((byte)'\n');
            if (nl < 0) break;
            var e = target + nl + 1;
            list.Add((s, e));
            s = e;
        }
        list.Add((s, end));
        return [.. list];
    }

    private static int CountNewlines(ReadOnlySpan<byte> s) => s.Count((byte)'\n');

    private static bool IsBlank(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')) return false;
        return true;
    }

    /// <summary>Picks the candidate delimiter occurring most often (outside quotes) on the first line; ',' on a tie.</summary>
    internal static char DetectDelimiter(ReadOnlySpan<byte> data)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var inQuotes = false;
        foreach (var b in data)
        {
            if (b == (byte)'"') inQuotes = !inQuotes;
            else if (!inQuotes)
            {
                if (b == (byte)'\n') break;
                if (b == (byte)',') comma++;
                else if (b == (byte)';') semicolon++;
                else if (b == (byte)'\t') tab++;
            }
        }
        if (semicolon > comma && semicolon >= tab) return ';';
        if (tab > comma && tab > semicolon) return '\t';
        return ',';
    }

    private sealed class HeaderSink : IRowSink
    {
        private string[] _names = [];

        public int Line { get; private set; }

        public bool Row(ReadOnlySpan<byte> data, ReadOnlySpan<FieldSpan> fields, int count, int line)
        {
            Line = line;
            _names = new string[count];
            var scratch = Array.Empty<byte>();
            for (var i = 0; i < count; i++)
                _names[i] = Encoding.UTF8.GetString(CsvTokenizer.Unescape(data, fields[i], ref scratch)).Trim();
            return false;
        }

        public string[] Names(string source)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _names.Length; i++)
            {
                if (_names[i].Length == 0) _names[i] = $"unnamed_{i}";
                if (!seen.TryAdd(_names[i], i))
                    throw new DataFormatException(source, $"the header names column '{_names[i]}' twice (fields {seen[_names[i]] + 1} and {i + 1}); column names must be unique", line: Line);
            }
            return _names;
        }
    }

    private sealed class InferenceSink(int fieldCount, int[] selected, int maxRows, MissingTokens missing, string source, string[] names) : IRowSink
    {
        private readonly bool[] _notNumeric = new bool[selected.Length];
        private readonly bool[] _notBoolean = new bool[selected.Length];
        private readonly bool[] _notTimestamp = new bool[selected.Length];
        private readonly bool[] _seen = new bool[selected.Length];
        private int _rows;
        private byte[] _scratch = new byte[256];

        public bool Row(ReadOnlySpan<byte> data, ReadOnlySpan<FieldSpan> fields, int count, int line)
        {
            if (count != fieldCount) throw Ragged(source, fieldCount, count, line, names);
            Span<char> chars = stackalloc char[64];
            for (var j = 0; j < selected.Length; j++)
            {
                var text = CsvTokenizer.Unescape(data, fields[selected[j]], ref _scratch);
                if (missing.IsMissing(text)) continue;
                _seen[j] = true;
                if (!_notNumeric[j] && !Utf8Number.TryParse(text, out _)) _notNumeric[j] = true;
                if (!_notBoolean[j] || !_notTimestamp[j])
                {
                    if (text.Length > 64) { _notBoolean[j] = _notTimestamp[j] = true; continue; }
                    var s = chars[..Encoding.UTF8.GetChars(text, chars)];
                    if (!_notBoolean[j] && !ValueKinds.TryParseBoolean(s, out _)) _notBoolean[j] = true;
                    if (!_notTimestamp[j] && !ValueKinds.TryParseTimestamp(s, out _)) _notTimestamp[j] = true;
                }
            }
            return ++_rows < maxRows;
        }

        public ColumnType TypeOf(int j)
        {
            if (!_seen[j] || !_notNumeric[j]) return ColumnType.Numeric;
            if (!_notBoolean[j]) return ColumnType.Boolean;
            if (!_notTimestamp[j]) return ColumnType.Timestamp;
            return ColumnType.Categorical;
        }
    }

    internal static DataFormatException Ragged(string source, int expected, int found, int line, string[] names) =>
        new(source, found < expected
            ? $"expected {expected} fields as in the header, found {found} (missing from '{names[found]}' on)"
            : $"expected {expected} fields as in the header, found {found} (too many delimiters, or an unquoted delimiter inside a value)", line);

    private sealed class BuildSink(string source, string[] names, int[] selected, ChunkWriter[] writers, int[] lines, int offset) : IRowSink
    {
        private byte[] _scratch = new byte[256];

        public ChunkWriter[] Writers { get; } = writers;

        public int RowCount { get; private set; }

        public bool Row(ReadOnlySpan<byte> data, ReadOnlySpan<FieldSpan> fields, int count, int line)
        {
            if (count != names.Length) throw Ragged(source, names.Length, count, line, names);
            var w = Writers;
            for (var j = 0; j < selected.Length; j++)
                w[j].Add(CsvTokenizer.Unescape(data, fields[selected[j]], ref _scratch), line);
            lines[offset + RowCount++] = line;
            return true;
        }
    }
}
