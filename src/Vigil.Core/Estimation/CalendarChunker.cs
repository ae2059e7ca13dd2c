using System.Globalization;

namespace Vigil.Core.Estimation;

/// <summary>
/// Calendar windows on a UTC timestamp column (<c>--window</c>): <c>Ns</c>, <c>Nmin</c>, <c>Nh</c>, <c>Nd</c>
/// (aligned to multiples of the duration since 0001-01-01T00:00Z, so <c>1d</c> starts at midnight UTC),
/// <c>Nw</c> (weeks starting Monday 00:00 UTC, ISO-8601) and <c>NM</c> / <c>Nmo</c> (calendar months; N months are
/// counted from January of year 1, so <c>3M</c> gives calendar quarters). Windows with no rows are omitted; chunks
/// come in time order with each chunk's rows ascending. A missing timestamp is a caller error
/// (ArgumentException naming the row). Cost O(n log n).
/// </summary>
public sealed class CalendarChunker : IChunker
{
    private enum Unit { Ticks, Week, Month }

    private readonly Unit _unit;
    private readonly long _ticks;
    private readonly int _count;
    private readonly string _keyFormat;

    /// <summary>Parses <paramref name="window"/> (e.g. <c>1M</c>, <c>1w</c>, <c>1d</c>, <c>6h</c>).</summary>
    public CalendarChunker(string window)
    {
        ArgumentNullException.ThrowIfNull(window);
        Window = window;
        var i = 0;
        while (i < window.Length && char.IsAsciiDigit(window[i])) i++;
        if (i == 0 || !int.TryParse(window.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new ArgumentException($"Window \"{window}\" must be a positive count followed by s, min, h, d, w, M or mo.", nameof(window));
        _count = n;
        switch (window[i..])
        {
            case "s": _unit = Unit.Ticks; _ticks = n * TimeSpan.TicksPerSecond; _keyFormat = "yyyy-MM-dd'T'HH:mm:ss"; break;
            case "min": _unit = Unit.Ticks; _ticks = n * TimeSpan.TicksPerMinute; _keyFormat = "yyyy-MM-dd'T'HH:mm"; break;
            case "h": _unit = Unit.Ticks; _ticks = n * TimeSpan.TicksPerHour; _keyFormat = "yyyy-MM-dd'T'HH:mm"; break;
            case "d": _unit = Unit.Ticks; _ticks = n * TimeSpan.TicksPerDay; _keyFormat = "yyyy-MM-dd"; break;
            case "w": _unit = Unit.Week; _ticks = n * 7 * TimeSpan.TicksPerDay; _keyFormat = ""; break;
            case "M" or "mo": _unit = Unit.Month; _keyFormat = "yyyy-MM"; break;
            default: throw new ArgumentException($"Window \"{window}\": unknown unit \"{window[i..]}\" (use s, min, h, d, w, M or mo).", nameof(window));
        }
    }

    /// <summary>The window text as given.</summary>
    public string Window { get; }

    /// <inheritdoc />
    public IReadOnlyList<DataChunk> Split(int rowCount, ReadOnlySpan<long> timestampTicks)
    {
        if (timestampTicks.Length != rowCount) throw new ArgumentException("Calendar windows need one timestamp per row.", nameof(timestampTicks));
        var starts = new long[rowCount];
        var order = new int[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            var t = timestampTicks[r];
            if (t == Data.TimestampColumn.Missing) throw new ArgumentException($"Row {r} has no timestamp.", nameof(timestampTicks));
            starts[r] = WindowStart(t);
            order[r] = r;
        }
        // Stable grouping: sort by (window start, row).
        var keys = new (long, int)[rowCount];
        for (var r = 0; r < rowCount; r++) keys[r] = (starts[r], r);
        Array.Sort(keys, order);
        var chunks = new List<DataChunk>();
        for (var i = 0; i < rowCount;)
        {
            var j = i;
            while (j < rowCount && keys[j].Item1 == keys[i].Item1) j++;
            var rows = order.AsSpan(i, j - i).ToArray();
            var start = new DateTime(keys[i].Item1, DateTimeKind.Utc);
            chunks.Add(new DataChunk(Key(start), start, WindowEnd(start), rows));
            i = j;
        }
        return chunks;
    }

    private long WindowStart(long ticks)
    {
        switch (_unit)
        {
            case Unit.Ticks:
                return ticks - ticks % _ticks;
            case Unit.Week:
                // 0001-01-01 was a Monday, so week boundaries are multiples of 7 days from tick 0.
                return ticks - ticks % _ticks;
            default:
                var t = new DateTime(ticks, DateTimeKind.Utc);
                var monthIndex = (t.Year - 1) * 12 + t.Month - 1;
                monthIndex -= monthIndex % _count;
                return new DateTime(monthIndex / 12 + 1, monthIndex % 12 + 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        }
    }

    private DateTime WindowEnd(DateTime start) => _unit == Unit.Month ? start.AddMonths(_count) : start.AddTicks(_ticks);

    private string Key(DateTime start) => _unit == Unit.Week
        ? string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(start)}-W{ISOWeek.GetWeekOfYear(start):00}")
        : start.ToString(_keyFormat, CultureInfo.InvariantCulture);
}
