namespace Vigil.Core.Estimation;

/// <summary>
/// Consecutive chunks of <see cref="Size"/> rows in row order (<c>--chunk-size N</c>). The last chunk keeps the
/// remaining rows even when it is smaller (its size is reported, and its sampling-error band is wider).
/// </summary>
public sealed class RowCountChunker : IChunker
{
    /// <summary>Creates the chunker; <paramref name="size"/> must be positive.</summary>
    public RowCountChunker(int size)
    {
        if (size < 1) throw new ArgumentException("chunk size must be at least 1.", nameof(size));
        Size = size;
    }

    /// <summary>Rows per chunk.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public IReadOnlyList<DataChunk> Split(int rowCount, ReadOnlySpan<long> timestampTicks)
    {
        if (rowCount < 0) throw new ArgumentException("rowCount must be non-negative.", nameof(rowCount));
        if (!timestampTicks.IsEmpty && timestampTicks.Length != rowCount) throw new ArgumentException("timestampTicks must be empty or one per row.", nameof(timestampTicks));
        var chunks = new List<DataChunk>();
        for (var start = 0; start < rowCount; start += Size)
        {
            var end = Math.Min(rowCount, start + Size);
            var rows = new int[end - start];
            DateTime? first = null, last = null;
            for (var i = start; i < end; i++)
            {
                rows[i - start] = i;
                if (timestampTicks.IsEmpty || timestampTicks[i] == Data.TimestampColumn.Missing) continue;
                var t = new DateTime(timestampTicks[i], DateTimeKind.Utc);
                if (first is null || t < first) first = t;
                if (last is null || t > last) last = t;
            }
            chunks.Add(new DataChunk($"[{start}:{end - 1}]", first, last, rows));
        }
        return chunks;
    }
}
