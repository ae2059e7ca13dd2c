namespace Vigil.IO.Csv;

/// <summary>
/// The bytes of a CSV body, handed out as blocks that each end at a line break (the last block may not), so a block's
/// rows are complete. <see cref="LineBreaks"/> and <see cref="EndsWithLineBreak"/> give an exact upper bound of the row
/// count before any row is parsed, which lets every column be allocated once at its final size.
/// </summary>
internal abstract class BodyBlocks
{
    /// <summary>Line breaks in the whole body.</summary>
    public abstract long LineBreaks { get; }

    /// <summary>True when the body's last byte is a line break (or the body is empty).</summary>
    public abstract bool EndsWithLineBreak { get; }

    /// <summary>The blocks in order; a block's buffer may be reused for the next one, so use it before moving on.</summary>
    public abstract IEnumerable<(byte[] Buffer, int Start, int End)> Blocks();

    /// <summary>The row capacity: one per line break, plus one for an unterminated last line.</summary>
    public long Capacity => LineBreaks + (EndsWithLineBreak ? 0 : 1);
}

/// <summary>A body already in memory: one block.</summary>
internal sealed class MemoryBlocks(byte[] bytes, int start) : BodyBlocks
{
    public override long LineBreaks { get; } = bytes.AsSpan(start).Count((byte)'\n');

    public override bool EndsWithLineBreak => bytes.Length == start || bytes[^1] == (byte)'\n';

    public override IEnumerable<(byte[] Buffer, int Start, int End)> Blocks()
    {
        yield return (bytes, start, bytes.Length);
    }
}

/// <summary>
/// A body read from a file in reused blocks (default 16 MB) instead of one buffer the size of the file: on a
/// 187 MB file this saves the file-sized allocation and its first-touch page faults. Only for quote-free files,
/// where every line break ends a row.
/// </summary>
internal sealed class FileBlocks(string path, long offset, long lineBreaks, bool endsWithLineBreak, int blockSize = 16 << 20) : BodyBlocks
{
    public override long LineBreaks => lineBreaks;

    public override bool EndsWithLineBreak => endsWithLineBreak;

    public override IEnumerable<(byte[] Buffer, int Start, int End)> Blocks()
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        stream.Position = offset;
        var buffer = new byte[blockSize];
        var filled = 0;
        var eof = false;
        while (true)
        {
            while (!eof && filled < buffer.Length)
            {
                var n = stream.Read(buffer, filled, buffer.Length - filled);
                if (n == 0) eof = true;
                filled += n;
            }
            if (filled == 0) yield break;
            var cut = eof ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (cut == 0)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
                continue;
            }
            yield return (buffer, 0, cut);
            Buffer.BlockCopy(buffer, cut, buffer, 0, filled - cut);
            filled -= cut;
            if (eof && filled == 0) yield break;
        }
    }

    /// <summary>
    /// Scans a file once in reused blocks: counts line breaks, notes whether any quote occurs and whether the file
    /// ends with a line break.
    /// </summary>
    public static (long LineBreaks, bool HasQuote, bool EndsWithLineBreak) Scan(string path, int blockSize = 16 << 20)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[blockSize];
        long breaks = 0;
        var quote = false;
        byte last = (byte)'\n';
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            breaks += span.Count((byte)'\n');
            quote |= span.IndexOf((byte)'"') >= 0;
            last = span[^1];
        }
        return (breaks, quote, last == (byte)'\n');
    }
}
