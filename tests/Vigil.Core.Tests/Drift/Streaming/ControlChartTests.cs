using Vigil.Core.Drift.Streaming;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

/// <summary>Montgomery, Introduction to Statistical Quality Control, Example 9.1 data (Table 9.1).</summary>
public sealed class ControlChartTests
{
    [Fact]
    public void CusumMatchesMontgomeryTable9_2()
    {
        using var doc = Fixture.Load("streaming/montgomery_chapter9.json");
        var root = doc.RootElement;
        var x = root.GetProperty("x").Doubles();
        var c = root.GetProperty("cusum");
        var cPlus = c.GetProperty("c_plus").Doubles();
        var cMinus = c.GetProperty("c_minus").Doubles();
        var chart = new Cusum(k: 0.5, h: 5, target: 10, sigma: 1);
        var firstSignal = -1;
        for (var i = 0; i < x.Length; i++)
        {
            chart.Update(x[i]);
            if (chart.DriftDetected && firstSignal < 0)
            {
                firstSignal = i + 1;
                Approx.Equal(cPlus[i], chart.UpperSum, 1e-12, 1e-12, $"C+ at {i + 1}");
                break;
            }
            Approx.Equal(cPlus[i], chart.UpperSum, 1e-12, 1e-12, $"C+ at {i + 1}");
            Approx.Equal(cMinus[i], chart.LowerSum, 1e-12, 1e-12, $"C- at {i + 1}");
        }
        Assert.Equal(c.GetProperty("first_signal_period").GetInt32(), firstSignal);
        // The book's printed values (two decimals).
        Approx.Equal(5.28, chart.UpperSum, 0, 0.005, "book C+ at period 29");
    }

    [Fact]
    public void EwmaMatchesMontgomeryExample9_2()
    {
        using var doc = Fixture.Load("streaming/montgomery_chapter9.json");
        var root = doc.RootElement;
        var x = root.GetProperty("x").Doubles();
        var e = root.GetProperty("ewma");
        var z = e.GetProperty("z").Doubles();
        var ucl = e.GetProperty("ucl").Doubles();
        var lcl = e.GetProperty("lcl").Doubles();
        var chart = new Ewma(lambda: 0.1, l: 2.7, target: 10, sigma: 1);
        var firstSignal = -1;
        for (var i = 0; i < x.Length && firstSignal < 0; i++)
        {
            chart.Update(x[i]);
            Approx.Equal(z[i], chart.Statistic, 1e-12, 1e-12, $"z at {i + 1}");
            Approx.Equal(ucl[i], chart.UpperLimit, 1e-12, 1e-12, $"UCL at {i + 1}");
            Approx.Equal(lcl[i], chart.LowerLimit, 1e-12, 1e-12, $"LCL at {i + 1}");
            if (i == 0)
            {
                Approx.Equal(9.945, chart.Statistic, 1e-12, 1e-12, "book z1");
                Approx.Equal(10.27, chart.UpperLimit, 0, 0.005, "book UCL1");
            }
            if (i == 1)
            {
                Approx.Equal(9.7495, chart.Statistic, 1e-12, 1e-12, "book z2");
                Approx.Equal(10.36, chart.UpperLimit, 0, 0.005, "book UCL2");
            }
            if (chart.DriftDetected) firstSignal = i + 1;
        }
        Assert.Equal(e.GetProperty("first_signal_period").GetInt32(), firstSignal);
    }

    [Fact]
    public void WarmUpEstimatesTargetAndSigmaWithoutCharting()
    {
        // Warm-up values 9, 11, 10, 10: mean 10, sample sd sqrt(2/3).
        var chart = new Cusum(k: 0.5, h: 4, warmStart: 4);
        foreach (var v in new[] { 9.0, 11, 10, 10 }) chart.Update(v);
        Approx.Equal(10.0, chart.InControlMean, 1e-15, 1e-15);
        Approx.Equal(Math.Sqrt(2.0 / 3.0), chart.InControlStandardDeviation, 1e-15, 1e-15);
        Assert.Equal(0.0, chart.UpperSum);
        chart.Update(12);
        Approx.Equal(12 - (10 + 0.5 * Math.Sqrt(2.0 / 3.0)), chart.UpperSum, 1e-15, 1e-15);
    }

    [Fact]
    public void AfterASignalTheEstimatedChartLearnsTheNewLevel()
    {
        var chart = new Ewma(warmStart: 10);
        var rng = new Random(5);
        var signalled = -1;
        for (var i = 0; i < 400 && signalled < 0; i++)
        {
            chart.Update((i < 100 ? 0 : 3) + rng.NextDouble());
            if (chart.DriftDetected) signalled = i;
        }
        Assert.InRange(signalled, 100, 110);
        for (var i = 0; i < 10; i++) chart.Update(3 + rng.NextDouble());
        Assert.InRange(chart.Statistic, 3.0, 4.0);
    }
}
