using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Vigil.IO.Csv;
using Xunit;

namespace Vigil.IO.Tests.Csv;

public class Utf8NumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("+12.25")]
    [InlineData("1e-7")]
    [InlineData("6.02214076E23")]
    [InlineData("0.1234567890123456789")]
    [InlineData("123456789012345678901234")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("Infinity")]
    public void MatchesTheBclParser(string text)
    {
        Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var v));
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("-")]
    [InlineData("12a")]
    public void RejectsNonNumbers(string text) => Assert.False(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Property]
    public bool RoundTripsEveryFiniteDouble(double x)
    {
        if (!double.IsFinite(x)) return true;
        foreach (var format in new[] { "R", "G6", "F4", "E10" })
        {
            var s = x.ToString(format, CultureInfo.InvariantCulture);
            if (!Utf8Number.TryParse(Encoding.UTF8.GetBytes(s), out var v) || v != double.Parse(s, CultureInfo.InvariantCulture)) return false;
        }
        return true;
    }
}
