using System.Text.Json;
using Vigil.Core.Drift.Streaming;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

/// <summary>
/// PageHinkley re-implements IChangeDetector.Update (inline hot path) besides the base class's UpdateCore path: both
/// must give the same drifts and bit-identical statistics on River's documentation stream (every mode, with resets).
/// </summary>
public sealed class PageHinkleyUpdatePathTests
{
    [Theory]
    [InlineData(PageHinkleyMode.Both)]
    [InlineData(PageHinkleyMode.Up)]
    [InlineData(PageHinkleyMode.Down)]
    public void InterfaceAndBaseClassPathsAgreeBitForBit(PageHinkleyMode mode)
    {
        using var doc = Fixture.Load("streaming/river_numeric_stream.json");
        var stream = doc.RootElement.GetProperty("stream").Doubles();
        IChangeDetector viaInterface = new PageHinkley(threshold: 5, mode: mode);
        ChangeDetectorBase viaBase = new PageHinkley(threshold: 5, mode: mode);
        var drifts = 0;
        foreach (var x in stream)
        {
            viaInterface.Update(x);
            viaBase.Update(x);
            Assert.Equal(viaBase.DriftDetected, viaInterface.DriftDetected);
            if (viaInterface.DriftDetected) drifts++;
            var a = (PageHinkley)viaInterface;
            var b = (PageHinkley)viaBase;
            Assert.Equal(BitConverter.DoubleToInt64Bits(b.IncreaseStatistic), BitConverter.DoubleToInt64Bits(a.IncreaseStatistic));
            Assert.Equal(BitConverter.DoubleToInt64Bits(b.DecreaseStatistic), BitConverter.DoubleToInt64Bits(a.DecreaseStatistic));
        }
        Assert.True(drifts > 0, "the stream should trigger at least one detection (and so a reset) at threshold 5");
    }

    [Fact]
    public void NonFiniteValueThrowsThroughTheInterface()
    {
        IChangeDetector d = new PageHinkley();
        Assert.Throws<ArgumentException>(() => d.Update(double.NaN));
        Assert.Throws<ArgumentException>(() => d.Update(double.PositiveInfinity));
    }
}
