using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>Invariant formatting shared by checks and the suggester (names of types, numbers, durations).</summary>
public static class ExpectationText
{
    /// <summary>The suite name of a column type: <c>numeric</c>, <c>categorical</c>, <c>boolean</c>, <c>timestamp</c>, <c>text</c>.</summary>
    public static string TypeName(ColumnType type) => type switch
    {
        ColumnType.Numeric => "numeric",
        ColumnType.Categorical => "categorical",
        ColumnType.Boolean => "boolean",
        ColumnType.Timestamp => "timestamp",
        _ => "text",
    };

    /// <summary>A number for messages: up to 6 significant digits, invariant; NaN as <c>NaN</c>.</summary>
    public static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A number that reads back exactly (round-trip), invariant.</summary>
    public static string Exact(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A duration in its largest whole unit (<c>1w</c>, <c>36h</c>, <c>90s</c>) or with decimals in hours.</summary>
    public static string Duration(TimeSpan d)
    {
        if (d < TimeSpan.Zero) return "-" + Duration(-d);
        if (d.Ticks % TimeSpan.TicksPerDay == 0 && d.Ticks > 0) return d.Ticks % (7 * TimeSpan.TicksPerDay) == 0 ? $"{d.Ticks / (7 * TimeSpan.TicksPerDay)}w" : $"{d.Ticks / TimeSpan.TicksPerDay}d";
        if (d.Ticks % TimeSpan.TicksPerHour == 0 && d.Ticks > 0) return $"{d.Ticks / TimeSpan.TicksPerHour}h";
        if (d.Ticks % TimeSpan.TicksPerMinute == 0 && d.Ticks > 0) return $"{d.Ticks / TimeSpan.TicksPerMinute}min";
        if (d < TimeSpan.FromHours(1)) return (d.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return d.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + "h";
    }

    /// <summary>
    /// Parses a duration <c>Ns</c>, <c>Nmin</c>, <c>Nh</c>, <c>Nd</c> or <c>Nw</c> (CONTRACTS.md; N a positive integer).
    /// Calendar months (<c>1M</c>) are rejected: a freshness limit must be a fixed length. Throws <see cref="ArgumentException"/>.
    /// </summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == 0 || !long.TryParse(s.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new ArgumentException($"duration '{text}' must be a positive whole number followed by s, min, h, d or w (e.g. 30s, 15min, 1h, 1d, 1w)", nameof(text));
        var unit = s[i..] switch
        {
            "s" => TimeSpan.TicksPerSecond,
            "min" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            "d" => TimeSpan.TicksPerDay,
            "w" => 7 * TimeSpan.TicksPerDay,
            "M" or "mo" => throw new ArgumentException($"duration '{text}': calendar months have no fixed length; use days (e.g. 31d)", nameof(text)),
            _ => throw new ArgumentException($"duration '{text}': unknown unit '{s[i..]}' (use s, min, h, d or w)", nameof(text)),
        };
        if (n > TimeSpan.MaxValue.Ticks / unit) throw new ArgumentException($"duration '{text}' is too long", nameof(text));
        return new TimeSpan(n * unit);
    }

    /// <summary>
    /// The numeric value of each category of a categorical column (NaN when the text is not a number), so checks
    /// that need numbers can count text values as failures instead of refusing the column.
    /// </summary>
    public static double[] CategoryNumbers(CategoricalColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var v = new double[column.Categories.Length];
        for (var i = 0; i < v.Length; i++)
            v[i] = double.TryParse(column.Categories[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;
        return v;
    }

    /// <summary>The non-missing values of a numeric column, or null when the column is not numeric.</summary>
    public static double[]? PresentValues(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column is not NumericColumn n) return null;
        var count = 0;
        foreach (var x in n.Values) if (!double.IsNaN(x)) count++;
        var r = new double[count];
        var k = 0;
        foreach (var x in n.Values) if (!double.IsNaN(x)) r[k++] = x;
        return r;
    }
}
