using System.Globalization;
using Vigil.Core.Estimation;

namespace Vigil.Monitoring.Configuration;

/// <summary>
/// How a monitor groups events into windows: a calendar duration aligned in UTC (<c>30s</c> … <c>1M</c>, the units
/// of <see cref="CalendarChunker"/>) or a fixed number of events. Calendar windows run on event time; count windows
/// close as soon as they hold <see cref="EventCount"/> events.
/// </summary>
public sealed class MonitorWindow
{
    /// <summary>The shortest calendar window accepted.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(30);

    /// <summary>The longest calendar window accepted (one calendar month; 31 days for fixed units).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    private readonly CalendarChunker? _chunker;

    private MonitorWindow(string? duration, int? eventCount, CalendarChunker? chunker)
    {
        Duration = duration;
        EventCount = eventCount;
        _chunker = chunker;
    }

    /// <summary>The calendar duration text (e.g. <c>1d</c>), or null for count windows.</summary>
    public string? Duration { get; }

    /// <summary>Events per window for count windows, or null for calendar windows.</summary>
    public int? EventCount { get; }

    /// <summary>True for calendar windows.</summary>
    public bool IsCalendar => Duration is not null;

    /// <summary>A count window of <paramref name="events"/> events (≥ 1).</summary>
    public static MonitorWindow Events(int events)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        return new MonitorWindow(null, events, null);
    }

    /// <summary>
    /// A calendar window; throws <see cref="ArgumentException"/> when the text is not a duration CalendarChunker
    /// understands or lies outside 30s … 1M.
    /// </summary>
    public static MonitorWindow Calendar(string duration)
    {
        ArgumentNullException.ThrowIfNull(duration);
        var chunker = new CalendarChunker(duration);
        var window = new MonitorWindow(duration, null, chunker);
        // Probe a 31-day month and a 28-day one: the longest and shortest a calendar window can be.
        foreach (var probe in new[] { new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 2, 15, 0, 0, 0, DateTimeKind.Utc) })
        {
            var (start, end) = window.Bounds(probe);
            if (end - start < Shortest || end - start > Longest)
                throw new ArgumentException($"window '{duration}' must lie between 30s and 1M");
        }
        return window;
    }

    /// <summary>The calendar window holding <paramref name="time"/>: [start, end) in UTC. Only for calendar windows.</summary>
    public (DateTime Start, DateTime End) Bounds(DateTime time)
    {
        if (_chunker is null) throw new InvalidOperationException("count windows have no calendar bounds");
        var chunk = _chunker.Split(1, [DateTime.SpecifyKind(time, DateTimeKind.Utc).Ticks])[0];
        return (chunk.Start!.Value, chunk.End!.Value);
    }

    /// <summary>Calendar windows: true when the unit is a calendar month (<c>M</c> / <c>mo</c>), whose length varies.</summary>
    public bool IsMonthly => Duration is not null && (Duration.EndsWith('M') || Duration.EndsWith("mo", StringComparison.Ordinal));

    /// <summary>
    /// The start of the window <paramref name="windows"/> windows after the one starting at <paramref name="start"/>
    /// (negative: before). Only for calendar windows; O(1).
    /// </summary>
    public DateTime Step(DateTime start, long windows)
    {
        if (_chunker is null) throw new InvalidOperationException("count windows have no calendar bounds");
        var (s, e) = Bounds(start);
        if (!IsMonthly) return s.AddTicks((e - s).Ticks * windows);
        var months = (e.Year - s.Year) * 12 + e.Month - s.Month;
        return s.AddMonths((int)(months * windows));
    }

    /// <summary>The number of whole windows from the window starting at <paramref name="from"/> to the one holding <paramref name="to"/> (calendar windows only).</summary>
    public long WindowsBetween(DateTime from, DateTime to)
    {
        if (_chunker is null) throw new InvalidOperationException("count windows have no calendar bounds");
        var (s, e) = Bounds(from);
        var (t, _) = Bounds(to);
        if (!IsMonthly) return (t - s).Ticks / (e - s).Ticks;
        var months = (e.Year - s.Year) * 12 + e.Month - s.Month;
        return ((t.Year - s.Year) * 12 + t.Month - s.Month) / months;
    }

    /// <summary>The window text as the API shows it: the duration, or the event count as a number.</summary>
    public override string ToString() => Duration ?? EventCount!.Value.ToString(CultureInfo.InvariantCulture);
}
