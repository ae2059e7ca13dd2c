using System.Globalization;

namespace Vigil.Core.Data;

/// <summary>A column of UTC instants stored as <see cref="DateTime.Ticks"/>; <see cref="Missing"/> marks a missing value.</summary>
public sealed class TimestampColumn : Column
{
    /// <summary>The sentinel tick count of a missing value.</summary>
    public const long Missing = long.MinValue;

    /// <summary>Wraps <paramref name="ticks"/> (not copied).</summary>
    public TimestampColumn(string name, long[] ticks) : base(name, ColumnType.Timestamp)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        Ticks = ticks;
    }

    /// <summary>UTC ticks per row; <see cref="Missing"/> = missing.</summary>
    public long[] Ticks { get; }

    /// <inheritdoc />
    public override int Length => Ticks.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => Ticks[row] == Missing;

    /// <summary>The instant of a row, or null when missing.</summary>
    public DateTime? GetTime(int row) => Ticks[row] == Missing ? null : new DateTime(Ticks[row], DateTimeKind.Utc);

    /// <inheritdoc />
    public override string? GetText(int row) =>
        Ticks[row] == Missing ? null : new DateTime(Ticks[row], DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var t = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++) t[i] = Ticks[rows[i]];
        return new TimestampColumn(Name, t);
    }
}
