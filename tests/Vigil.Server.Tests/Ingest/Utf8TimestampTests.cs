using Xunit;
using System.Globalization;
using System.Text;
using Vigil.Server.Ingest;

namespace Vigil.Server.Tests.Ingest;

/// <summary>ISO-8601 forms checked against DateTimeOffset.ParseExact (the BCL's own ISO parser) as the reference.</summary>
public sealed class Utf8TimestampTests
{
    [Theory]
    [InlineData("2026-11-27T12:00:00Z", "yyyy-MM-dd'T'HH:mm:ssK")]
    [InlineData("2026-11-27 12:00:00Z", "yyyy-MM-dd HH:mm:ssK")]
    [InlineData("2026-11-27T12:00:00.1234567Z", "yyyy-MM-dd'T'HH:mm:ss.fffffffK")]
    [InlineData("2026-11-27T12:00:00.5+02:00", "yyyy-MM-dd'T'HH:mm:ss.FK")]
    [InlineData("2026-11-27T23:30:00-05:30", "yyyy-MM-dd'T'HH:mm:ssK")]
    [InlineData("2024-02-29T00:00:00+00:00", "yyyy-MM-dd'T'HH:mm:ssK")]
    [InlineData("2026-01-01T00:00:00.123-01:00", "yyyy-MM-dd'T'HH:mm:ss.fffK")]
    public void MatchesTheBclIsoParser(string text, string format)
    {
        var expected = DateTimeOffset.ParseExact(text, format, CultureInfo.InvariantCulture).UtcDateTime;
        Assert.True(Utf8Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var actual));
        Assert.Equal(expected, actual);
        Assert.Equal(DateTimeKind.Utc, actual.Kind);
    }

    [Theory]
    [InlineData("2026-11-27T12:00:00", "2026-11-27T12:00:00Z")]
    [InlineData("2026-11-27 08:15", "2026-11-27T08:15:00Z")]
    [InlineData("2026-11-27", "2026-11-27T00:00:00Z")]
    [InlineData("2026-11-27T12:00:00+0130", "2026-11-27T10:30:00Z")]
    [InlineData("2026-11-27T12:00:00-03", "2026-11-27T15:00:00Z")]
    [InlineData("2026-11-27T12:00:00.123456789Z", "2026-11-27T12:00:00.1234567Z")]
    public void NoZoneIsUtcAndCompactZonesWork(string text, string expectedUtc)
    {
        var expected = DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture).UtcDateTime;
        Assert.True(Utf8Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-11-27T24:00:00Z")]
    [InlineData("2026-11-27T12:60:00Z")]
    [InlineData("2026-11-27T12:00:00ZZ")]
    [InlineData("2026-11-27T12:00:00.Z")]
    [InlineData("2026-11-27X12:00:00Z")]
    [InlineData("27/11/2026")]
    [InlineData("2026-11-27T12:00:00+25:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void RejectsWhatIsNotIso8601(string text) =>
        Assert.False(Utf8Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool RoundTripsTheRoundTripFormat(long ticks, int offsetMinutes)
    {
        long t = Math.Abs(ticks % (DateTime.MaxValue.Ticks - 2 * TimeSpan.TicksPerDay)) + TimeSpan.TicksPerDay;
        var offset = TimeSpan.FromMinutes(Math.Abs(offsetMinutes % 14) * 60 * Math.Sign(offsetMinutes | 1));
        var value = new DateTimeOffset(new DateTime(t, DateTimeKind.Unspecified), offset);
        string text = value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        return Utf8Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var parsed) && parsed == value.UtcDateTime;
    }
}
