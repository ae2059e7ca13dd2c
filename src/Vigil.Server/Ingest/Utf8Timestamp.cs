namespace Vigil.Server.Ingest;

/// <summary>
/// Parses ISO-8601 event times from UTF-8 without allocating: <c>yyyy-MM-dd</c>, optionally followed by
/// <c>T</c> (or a space) and <c>HH:mm[:ss[.fraction]]</c>, optionally followed by a zone <c>Z</c>,
/// <c>±HH:mm</c>, <c>±HHmm</c> or <c>±HH</c>. No zone means UTC. Fractions beyond 7 digits (100 ns ticks) are
/// truncated. The result is converted to UTC. Cost: one pass over at most ~40 bytes.
/// </summary>
public static class Utf8Timestamp
{
    /// <summary>Parses <paramref name="text"/>; false when it is not one of the accepted forms or out of range.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 10) return false;
        if (!Digits(text, 0, 4, out int year) || text[4] != '-' || !Digits(text, 5, 2, out int month) || text[7] != '-'
            || !Digits(text, 8, 2, out int day)) return false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        int p = 10;
        if (p < text.Length && (text[p] == 'T' || text[p] == 't' || text[p] == ' '))
        {
            p++;
            if (!Digits(text, p, 2, out hour) || p + 2 >= text.Length || text[p + 2] != ':' || !Digits(text, p + 3, 2, out minute)) return false;
            p += 5;
            if (p < text.Length && text[p] == ':')
            {
                if (!Digits(text, p + 1, 2, out second)) return false;
                p += 3;
                if (p < text.Length && (text[p] == '.' || text[p] == ','))
                {
                    p++;
                    int start = p, scale = 1_000_000;
                    while (p < text.Length && (uint)(text[p] - '0') <= 9)
                    {
                        if (scale > 0) { fractionTicks += (text[p] - '0') * scale; scale /= 10; }
                        p++;
                    }
                    if (p == start) return false;
                }
            }
            if (hour > 23 || minute > 59 || second > 59) return false;
        }
        long offsetTicks = 0;
        if (p < text.Length)
        {
            byte z = text[p];
            if ((z == 'Z' || z == 'z') && p + 1 == text.Length) p++;
            else if (z == '+' || z == '-')
            {
                if (!Digits(text, p + 1, 2, out int oh)) return false;
                int om = 0;
                int q = p + 3;
                if (q < text.Length)
                {
                    if (text[q] == ':') q++;
                    if (!Digits(text, q, 2, out om)) return false;
                    q += 2;
                }
                if (q != text.Length || oh > 23 || om > 59) return false;
                offsetTicks = (oh * 60L + om) * TimeSpan.TicksPerMinute * (z == '-' ? -1 : 1);
                p = q;
            }
            else return false;
        }
        if (p != text.Length) return false;
        long ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fractionTicks - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int at, int count, out int value)
    {
        value = 0;
        if (at < 0 || at + count > text.Length) return false;
        for (int i = at; i < at + count; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }
}
