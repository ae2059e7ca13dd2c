namespace Vigil.Core.Estimation;

/// <summary>
/// A group of rows analysed together. For calendar windows <see cref="Start"/> is the window's start and
/// <see cref="End"/> its exclusive end; for row-count chunks they are the first and last timestamps of the chunk's
/// rows (null without a timestamp column).
/// </summary>
/// <param name="Key">Display key: <c>2021-03</c> (month), <c>2021-03-05</c> (day), <c>2021-W09</c> (ISO week),
/// <c>2021-03-05T14:00</c> (sub-day windows) or <c>[0:999]</c> (row-count chunks, inclusive row range).</param>
/// <param name="Start">Start instant (UTC) or null.</param>
/// <param name="End">End instant (UTC) or null.</param>
/// <param name="Rows">Row indices in the chunk, ascending.</param>
public sealed record DataChunk(string Key, DateTime? Start, DateTime? End, int[] Rows);

/// <summary>Splits a table's rows into chunks.</summary>
public interface IChunker
{
    /// <summary>
    /// Splits rows 0..<paramref name="rowCount"/>−1. <paramref name="timestampTicks"/> holds UTC ticks per row
    /// (required by calendar chunkers, optional for row-count chunkers: empty = none).
    /// </summary>
    IReadOnlyList<DataChunk> Split(int rowCount, ReadOnlySpan<long> timestampTicks);
}
